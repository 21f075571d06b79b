import { describe, expect, it } from 'vitest';
import {
  binomialUpperZero,
  chiSquare2x2,
  chiSquaredQuantile,
  clusteredRateRatio,
  compareGroups,
  hallTransform,
  incompleteBeta,
  logRate,
  mantelHaenszel,
  matchingUnits,
  oddsRatio,
  poissonUpper,
  presenceMetrics,
  rateDegreesOfFreedom,
  rateInterval,
  ratioEstimate,
  studentizedCorrelation,
  studentizedPermutation,
  studentTQuantile,
  thinEvidence,
  trendPermutation,
  welchFTest,
  welchRateTest,
  wilsonInterval,
  zeroMatchBound,
} from '../src';
import type { FrameTable } from '../src/table/frame-table';

describe('distributions for small samples', () => {
  it("Student's t quantiles match the printed table", () => {
    // any t table: t(0.975; 1) = 12.706, t(0.975; 10) = 2.228, t(0.975; 30) = 2.042, t(0.95; 5) = 2.015
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062, 3);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.2281, 4);
    expect(studentTQuantile(0.975, 30)).toBeCloseTo(2.0423, 4);
    expect(studentTQuantile(0.95, 5)).toBeCloseTo(2.0150, 4);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.2281, 4);
  });

  it('the incomplete beta function on closed forms', () => {
    // I_x(1, 1) = x; I_x(2, 2) = 3x² − 2x³; symmetric Beta(2, 2) at ½ gives ½
    expect(incompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 12);
    expect(incompleteBeta(0.2, 2, 2)).toBeCloseTo(3 * 0.04 - 2 * 0.008, 12);
    expect(incompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 12);
  });
});

describe('rates over documents', () => {
  it('the ratio estimate and its HC3 cluster-robust standard error, by hand', () => {
    // 0 and 4 matches in 100 words each: R = 4/200; residuals ∓2; leverage h = 100/200 = ½;
    // V = (4/¼ + 4/¼) / 200² = 32 / 40000 per word² → se = √0.0008 = 0.028284 per word = 28.284 per 1000
    const e = ratioEstimate([0, 4], [100, 100]);
    expect(e.rate).toBe(20);
    expect(e.se).toBeCloseTo(28.2843, 4);
    // equal rates in every document: no spread at all
    expect(ratioEstimate([2, 6], [100, 300]).se).toBe(0);
    expect(Number.isNaN(ratioEstimate([3], [100]).se)).toBe(true);
  });

  it('the log rate floors its variance at the Poisson variance 1/(C + ½)', () => {
    // one unit: no spread to measure, so 1 / 10.5
    expect(logRate([10], [1000]).variance).toBeCloseTo(1 / 10.5, 12);
    expect(logRate([10], [1000]).log).toBeCloseTo(Math.log(10.5 / 1000), 12);
    // Kish's effective units: 4 equal documents → 4 − 1 = 3 degrees of freedom; 3 + 1 short ones fewer
    expect(logRate([1, 1, 1, 1], [100, 100, 100, 100]).df).toBeCloseTo(3, 12);
    expect(logRate([1, 1, 1, 1], [300, 100, 100, 100]).df).toBeCloseTo(600 ** 2 / (300 ** 2 + 3 * 100 ** 2) - 1, 12);
  });

  it('a rate interval: the log-scale t interval by hand, nothing below 5 documents, the Poisson bound at zero', () => {
    // 5 documents of 1000 words with 2, 4, 6, 8, 10 matches: R = 30/5000; residuals −4, −2, 0, 2, 4; h = ⅕;
    // V = 40 / (16/25) / 5000² = 62.5 / 25e6 per word² → se 0.0015811 per word; r' = 30.5/5000;
    // delta variance (0.0015811 / 0.0061)² = 0.067186 (above the floor 1/30.5 = 0.032787); df = 5 − 1 = 4, t = 2.776445
    const ci = rateInterval([2, 4, 6, 8, 10], [1000, 1000, 1000, 1000, 1000]);
    const u = (Math.sqrt(62.5) / 5000 / (30.5 / 5000)) ** 2;
    const centre = Math.log(30.5 / 5000) + u / 2;
    expect(ci.rate).toBe(6);
    expect(ci.low!).toBeCloseTo(Math.exp(centre - 2.776445 * Math.sqrt(u)) * 1000, 4);
    expect(ci.high!).toBeCloseTo(Math.exp(centre + 2.776445 * Math.sqrt(u)) * 1000, 4);
    const few = rateInterval([2, 4], [1000, 1000]);
    expect([few.rate, few.low, few.high]).toEqual([3, null, null]);
    expect(few.method).toMatch(/no interval: 2 documents, fewer than the 5/);
    // no match in 2000 words and nothing to borrow from: no interval; the Poisson bound
    // 3.688879 / 2000 × 1000 = 1.8444 per 1000 only in the reason, with the share bound 1 − 0.025^(1/2) = 0.8419
    const zero = rateInterval([0, 0], [1000, 1000]);
    expect([zero.rate, zero.low, zero.high]).toEqual([0, null, null]);
    expect(zero.method).toMatch(/^no interval: no match in 2000 words, and no match elsewhere to borrow from/);
    expect(zero.method).toMatch(/at most 84\.2 % of such hold one/);
    expect(zero.method).toMatch(/exact Poisson 95 % upper bound would be 1\.84 per 1000/);
  });

  it('a group without a match: the exact share bound times the exact rate within the documents that hold one, by hand', () => {
    // χ² tables (e.g. Abramowitz & Stegun 1964, table 26.8): χ²(0.975; 10) = 20.4832, χ²(0.975; 22) = 36.7807, χ²(0.975; 8) = 17.5345;
    // with 2 df χ² is exponential of mean 2, so χ²(0.975; 2) = −2 ln 0.025 = 7.377759
    expect(chiSquaredQuantile(0.975, 10)).toBeCloseTo(20.4832, 3);
    expect(chiSquaredQuantile(0.975, 22)).toBeCloseTo(36.7807, 3);
    expect(chiSquaredQuantile(0.975, 2)).toBeCloseTo(7.377759, 5);
    // Garwood's upper bound after c events is χ²(0.975; 2c + 2) / 2: 4 events → 10.2416; none → −ln 0.025 = 3.688879
    expect(poissonUpper(4)).toBeCloseTo(10.2416, 3);
    expect(poissonUpper(0)).toBeCloseTo(3.688879, 5);
    // Clopper–Pearson with 0 of n: 1 − 0.025^(1/n); n = 9: ln 0.025 / 9 = −0.409875, e^−0.409875 = 0.663733
    expect(binomialUpperZero(9)).toBeCloseTo(0.336267, 5);
    // n = 20: e^(−3.688879 / 20) = 0.831566
    expect(binomialUpperZero(20)).toBeCloseTo(0.168434, 5);
    expect(matchingUnits([0, 1, 0, 3], [200, 100, 200, 300])).toEqual({ units: 2, count: 4, words: 400 });
    // 9 documents, 1800 words, no match; 4 matches in 400 words of the documents holding one elsewhere:
    // share ≤ 0.336267, rate within ≤ 10.2416 / 400 × 1000 = 25.604 per 1000; product 8.6098 (above the Poisson 3.688879 / 1.8 = 2.0494)
    const borrowed = zeroMatchBound(9, 1800, { units: 2, count: 4, words: 400 });
    expect(borrowed.low).toBe(0);
    expect(borrowed.high!).toBeCloseTo(0.336267 * 25.604, 2);
    expect(borrowed.method).toMatch(/0\.3363 × 25\.60 = 8\.61 per 1000/);
    expect(borrowed.method).toMatch(/4 matches in 400 words of the 2 documents with a match/);
    // a category spread evenly elsewhere: 10 matches in 100000 words → within ≤ 36.7807 / 2 / 100 = 0.18390 per 1000;
    // share of 20 ≤ 0.168434: product 0.03098, below the Poisson bound 3.688879 / 14 = 0.26349, which is taken
    const even = zeroMatchBound(20, 14000, { units: 10, count: 10, words: 100000 });
    expect(even.high!).toBeCloseTo(3.688879 / 14, 4);
    expect(even.method).toMatch(/raised to the exact Poisson bound 0\.263/);
    // never above 1000 per 1000: 3 matches in 3 words elsewhere → within 17.5345 / 2 / 3 × 1000 = 2922; share of 1 = 0.975 → 2849, cut to 1000
    expect(zeroMatchBound(1, 2, { units: 1, count: 3, words: 3 }).high).toBe(1000);
    // nothing to borrow (no match anywhere, or an empty borrow): no interval
    expect(zeroMatchBound(9, 1800, null).high).toBeNull();
    expect(zeroMatchBound(9, 1800, { units: 0, count: 0, words: 0 }).low).toBeNull();
    // rateInterval hands a group without a match to it; a group with matches ignores what it could borrow
    expect(rateInterval(Array(9).fill(0), Array(9).fill(200), { matching: { units: 2, count: 4, words: 400 } }).high!).toBeCloseTo(8.6098, 3);
    expect(rateInterval([2, 4, 6, 8, 10], [1000, 1000, 1000, 1000, 1000], { matching: { units: 2, count: 4, words: 400 } })).toEqual(rateInterval([2, 4, 6, 8, 10], [1000, 1000, 1000, 1000, 1000]));
  });

  it('a group without a match: documents of 0 words, which cannot hold a match, do not narrow the share bound', () => {
    // 9 documents, only the first with words (1000): one document could hold a match, so the share
    // is bounded by 0 of 1, 1 − 0.025^(1/1) = 0.975, not by 0 of 9 (0.336267, which the 8 empty
    // documents would buy); within ≤ 10.2416 / 400 × 1000 = 25.604 per 1000 as borrowed: 0.975 × 25.604 = 24.964
    const words = [1000, 0, 0, 0, 0, 0, 0, 0, 0];
    const r = rateInterval(Array(9).fill(0), words, { matching: { units: 2, count: 4, words: 400 } });
    expect(r.low).toBe(0);
    expect(r.high!).toBeCloseTo(0.975 * 25.604, 2);
    expect(r.method).toMatch(/0 of 1 documents with a match/);
  });

  it('compare: a group without a match borrows from the documents of the other groups that hold one', () => {
    // group A: 5 documents of 200 words, no match; group B: 5 documents of 200 words with 0, 3, 0, 1, 0 matches
    // (4 matches in the 400 words of its 2 documents holding one): A's bound = (1 − 0.025^(1/5)) × 10.2416 / 400 × 1000;
    // 0.025^(1/5) = e^(−0.737776) = 0.478176, so 0.521824 × 25.604 = 13.361 per 1000
    const rows: FrameTable['rows'] = [];
    ['A', 'B'].forEach((g, gi) => [0, 3, 0, 1, 0].forEach((c, d) => rows.push({ doc: `${g}${d}`, group: g, paragraph: 1, tokens: 200, c1: gi === 0 ? 0 : c })));
    const table: FrameTable = { columns: ['doc', 'group', 'paragraph', 'tokens', 'c1'], categories: ['c1'], rows, texts: rows.map(() => ''), meta: ['group'] };
    const [a] = compareGroups(table, ['group'], { permutations: 9 });
    expect(a.count).toBe(0);
    expect(a.ci_low).toBe(0);
    expect(a.ci_high!).toBeCloseTo(0.521824 * 25.604, 2);
    expect(a.test).toMatch(/rate CI: no match in 1000 words: from 0 to \(share of documents holding a match\)/);
  });

  it("Welch's test on log rates is Welch's t² for two groups when neither estimate is skewed", () => {
    // group 1: 10, 20, 30 in 1000 words each (symmetric influences: no skew, so Johnson's correction is 0);
    // group 2: 10, 10, 10: its delta variance is 0 and takes the floor 1/30.5
    const a = logRate([10, 20, 30], [1000, 1000, 1000]);
    const b = logRate([10, 10, 10], [1000, 1000, 1000]);
    expect(b.variance).toBeCloseTo(1 / 30.5, 12);
    const t2 = (a.log - b.log) ** 2 / (a.variance + b.variance);
    const df = (a.variance + b.variance) ** 2 / (a.variance ** 2 / 2 + b.variance ** 2 / 2);
    const w = welchRateTest([[10, 20, 30], [10, 10, 10]], [[1000, 1000, 1000], [1000, 1000, 1000]]);
    expect(w.statistic).toBeCloseTo(t2, 10);
    expect(w.df2).toBeCloseTo(df, 10);
    // F(1, ν) p equals the two-sided t p: at the t quantile it is 0.05
    const q = studentTQuantile(0.975, df);
    expect(incompleteBeta(df / (df + q * q), df / 2, 0.5)).toBeCloseTo(0.05, 8);
    expect(Number.isNaN(welchRateTest([[1], [2, 3]], [[100], [100, 100]]).p)).toBe(true);
  });

  it("two groups: Johnson's skewness correction of Welch's t, by hand", () => {
    // group 1: 0, 0, 30 matches in 1000 words each: R = 30/3000, residuals −10, −10, 20, leverage ⅓ → −15, −15, 30;
    // influences ψ = e / (C + ½) = −15/30.5, −15/30.5, 30/30.5: Σψ² = 1350/930.25, Σψ³ = 20250/30.5³
    // group 2: 10, 10, 10: no spread, Poisson floor 1/30.5, no skew
    const va = 1350 / 30.5 ** 2;
    const vb = 1 / 30.5;
    const t = (Math.log(30.5 / 3000) - Math.log(30.5 / 3000)) / Math.sqrt(va + vb); // equal totals: t = 0
    const gamma = 20250 / 30.5 ** 3 / Math.pow(va + vb, 1.5);
    const t1 = t + (gamma / 6) * (1 + 2 * t * t); // Johnson (1978): the skew alone moves t off 0
    const w = welchRateTest([[0, 0, 30], [10, 10, 10]], [[1000, 1000, 1000], [1000, 1000, 1000]]);
    expect(w.statistic).toBeCloseTo(t1 * t1, 10);
    expect(w.df1).toBe(1);
  });

  it('the studentized permutation test: exact under exchangeability, undefined with a one-document group', () => {
    // two groups of two documents with no overlap: 2 of the 6 splits of 4 documents are as extreme as the observed one
    const r = studentizedPermutation([[10, 12], [30, 33]], [[1000, 1000], [1000, 1000]], { permutations: 4999, seed: 1 });
    expect(r.p).toBeGreaterThan(0.3);
    expect(r.p).toBeLessThan(0.37);
    expect(Number.isNaN(studentizedPermutation([[10], [30, 33]], [[1000], [1000, 1000]]).p)).toBe(true);
  });

  it("the rate interval's degrees of freedom come from the documents' fourth moments when they are heavy-tailed", () => {
    // 10 documents of 1000 words, 8 without a match and two with 25: R = 5 per 1000, residuals −5 (×8) and 20 (×2), leverage 1/10,
    // ψ = e / 0.9: Σψ² = (8·25 + 2·400) / 0.81 = 1000/0.81, Σψ⁴ = (8·625 + 2·160000) / 0.6561 = 325000/0.6561,
    // Var(V) = Σψ⁴ − (Σψ²)²/10 = (325000 − 100000) / 0.6561, ν = 2 (Σψ²)² / Var(V) = 2 · 1e6 / 225000 = 8.8889, below Kish's 10 − 1 = 9
    const counts = [0, 0, 0, 0, 0, 0, 0, 0, 25, 25];
    const words = counts.map(() => 1000);
    expect(rateDegreesOfFreedom(counts, words)).toBeCloseTo(2e6 / 225000, 8);
    const l = logRate(counts, words);
    const q = studentTQuantile(0.975, 2e6 / 225000);
    const ci = rateInterval(counts, words);
    expect(ci.method).toMatch(/t with 8\.9 df/);
    expect(ci.low!).toBeCloseTo(Math.exp(l.log + l.variance / 2 - q * Math.sqrt(l.variance)) * 1000, 8);
    expect(ci.high!).toBeCloseTo(Math.exp(l.log + l.variance / 2 + q * Math.sqrt(l.variance)) * 1000, 8);
    // one document with all 50: ψ = −50/9 (×9) and 50, Σψ² = 25000/9, Σψ⁴ = 6250000 · 730/729,
    // Var(V) = 6250000 · 640/729, ν = 1800/640 = 2.8125; but every match is in one document, so no interval
    const one = [0, 0, 0, 0, 0, 0, 0, 0, 0, 50];
    expect(rateDegreesOfFreedom(one, words)).toBeCloseTo(2.8125, 8);
    const none = rateInterval(one, words);
    expect([none.rate, none.low, none.high]).toEqual([5, null, null]);
    expect(none.method).toBe('no interval: every match is in one of the 10 documents');
    // without the evidence floor (the replaced interval) it is the t interval on 2.8125 df
    const lo = logRate(one, words);
    const old = rateInterval(one, words, { minMatchingUnits: 1 });
    expect(old.high!).toBeCloseTo(Math.exp(lo.log + lo.variance / 2 + studentTQuantile(0.975, 2.8125) * Math.sqrt(lo.variance)) * 1000, 8);
  });

  it('the news shape: 5 matches in 3 of 9 short texts beside one long text without a match get no interval, and never one above 1000 per 1000', () => {
    // rt.csv.gz «государство» in data/news-sample (notebook 07): counts and words of its 9 documents as first
    // counted (before an "n" inside a sentence was read as a space; the words differ by 0–4 now, the shape not)
    const counts = [2, 0, 0, 1, 0, 0, 0, 0, 2];
    const words = [101, 1181, 85, 50, 53, 64, 66, 100, 80];
    // Kish: 1780² / (101² + 1181² + 85² + 50² + 53² + 64² + 66² + 100² + 80²) − 1 = 3168400 / 1442348 − 1 = 1.19670,
    // below Satterthwaite's (the long text holds 2/3 of the words), so fewer than 2 degrees of freedom
    expect(rateDegreesOfFreedom(counts, words)).toBeCloseTo(3168400 / 1442348 - 1, 10);
    const ci = rateInterval(counts, words);
    expect(ci.rate).toBeCloseTo((5 / 1780) * 1000, 10);
    expect([ci.low, ci.high]).toEqual([null, null]);
    expect(ci.method).toMatch(/^no interval: the spread between the 9 documents rests on too few of them \(1\.2 degrees of freedom, fewer than 2/);
    // the replaced interval: t(0.975; 1.197) ≈ 8.7 times a log-scale standard error of √3.47 ≈ 1.86 reached 1.9 · 10⁸ per 1000;
    // now its upper end stops at 1000 per 1000 words, the most a rate can be
    const l = logRate(counts, words);
    const unclipped = Math.exp(l.log + l.variance / 2 + studentTQuantile(0.975, 3168400 / 1442348 - 1) * Math.sqrt(l.variance)) * 1000;
    expect(unclipped).toBeGreaterThan(1e8);
    expect(rateInterval(counts, words, { minDf: 0 }).high).toBe(1000);
    // the rate ratio against gazeta.csv.gz's 7 matches in 6 of its 9 documents: no interval either (it was 2.5 · 10⁻⁷ – 5.5 · 10⁷)
    const rr = clusteredRateRatio(counts, words, [1, 0, 0, 1, 2, 1, 1, 1, 0], [121, 284, 143, 133, 69, 313, 132, 371, 185]);
    expect([rr.low, rr.high]).toEqual([null, null]);
    expect(rr.method).toMatch(/^rate ratio without interval: in the first group the spread between the 9 documents rests on too few/);
  });

  it('thin evidence: matches in one document, and not a group without matches', () => {
    // 5 matches, all in the fifth of 9 documents
    const nine = [200, 200, 200, 200, 200, 200, 200, 200, 200];
    expect(thinEvidence([0, 0, 0, 0, 5, 0, 0, 0, 0], nine)).toBe('every match is in one of the 9 documents');
    // no match: zeroMatchBound handles it (or leaves it without an interval), so it is not thin evidence
    expect(thinEvidence([0, 0, 0, 0, 0, 0, 0, 0, 0], nine)).toBeNull();
    // 4 equal documents, every |ψ| equal: Satterthwaite's is unbounded, Kish's 4 − 1 = 3 ≥ 2
    expect(rateDegreesOfFreedom([0, 4, 0, 4], [100, 100, 100, 100])).toBe(3);
    expect(thinEvidence([0, 4, 0, 4], [100, 100, 100, 100])).toBeNull();
    // a ratio with a group whose matches are all in one document: the ratio (9/9 = 1), no interval
    const rr = clusteredRateRatio([0, 0, 9, 0, 0], [1000, 1000, 1000, 1000, 1000], [1, 2, 3, 2, 1], [1000, 1000, 1000, 1000, 1000]);
    expect([rr.ratio, rr.low, rr.high]).toEqual([1, null, null]);
    expect(rr.method).toBe('rate ratio without interval: in the first group every match is in one of the 5 documents');
  });

  it("Hall's transformation: Johnson's correction plus the cubic term that makes it increasing", () => {
    // z = 1, γ = 0.3: 1 + 0.3/6 + 0.3/3 + 0.09/27 = 1.153333…
    expect(hallTransform(1, 0.3)).toBeCloseTo(1.1533333, 6);
    expect(hallTransform(-2, 0)).toBe(-2);
    // increasing even where Johnson's t + (γ/6)(1 + 2t²) turns back (γ = −1: its slope 1 − 2t/3 is negative beyond t = 1.5);
    // Hall's slope is (1 + γz/3)² ≥ 0
    const zs = [-6, -4, -2, -1, 0, 1, 2, 4, 6];
    const g = zs.map((z) => hallTransform(z, -1));
    for (let i = 1; i < g.length; i++) expect(g[i]).toBeGreaterThanOrEqual(g[i - 1]);
  });

  it("three groups: Cochran's Q of the log rates when no group is skewed, by hand", () => {
    // [10, 20, 30]: residuals −10, 0, 10, symmetric, so Σψ³ = 0; [10, 10, 10] and [20, 20, 20]: no spread, Poisson floor, no skew
    const groups = [[10, 20, 30], [10, 10, 10], [20, 20, 20]];
    const words = groups.map(() => [1000, 1000, 1000]);
    const ls = groups.map((c, g) => logRate(c, words[g]));
    const sw = ls.reduce((s, l) => s + 1 / l.variance, 0);
    const mean = ls.reduce((s, l) => s + l.log / l.variance, 0) / sw;
    const q = ls.reduce((s, l) => s + (l.log - mean) ** 2 / l.variance, 0);
    const w = welchRateTest(groups, words);
    expect(w.statistic).toBeCloseTo(q, 10);
    // χ²(2) survival is exp(−Q/2)
    expect(w.p).toBeCloseTo(Math.exp(-q / 2), 10);
    // Welch's F, which this replaced, is a different statistic on the same data
    expect(welchFTest(groups, words).statistic).not.toBeCloseTo(q, 3);
  });

  it("the rate ratio's interval uses the smaller group's degrees of freedom, never more than Welch–Satterthwaite's", () => {
    // 3 documents of 1000 words each: Kish's effective units − 1 = 2 in both groups, so t(2) = 4.3027
    const a = logRate([10, 20, 30], [1000, 1000, 1000]);
    const b = logRate([5, 10, 15], [1000, 1000, 1000]);
    const q = studentTQuantile(0.975, 2);
    expect(q).toBeCloseTo(4.3027, 4);
    const r = clusteredRateRatio([10, 20, 30], [1000, 1000, 1000], [5, 10, 15], [1000, 1000, 1000], { minUnits: 3 });
    expect(r.low!).toBeCloseTo(Math.exp(Math.log(2) + (a.variance - b.variance) / 2 - q * Math.sqrt(a.variance + b.variance)), 10);
    const welch = clusteredRateRatio([10, 20, 30], [1000, 1000, 1000], [5, 10, 15], [1000, 1000, 1000], { minUnits: 3, method: 'welch' });
    expect(welch.low!).toBeGreaterThan(r.low!);
  });

  it('the rate ratio: no interval without matches or below 5 documents', () => {
    expect(clusteredRateRatio([10, 20, 30], [1000, 1000, 1000], [5, 10, 15], [1000, 1000, 1000], { minUnits: 3 }).ratio).toBe(2);
    const none = clusteredRateRatio([0, 0, 0, 0, 0], [100, 100, 100, 100, 100], [1, 2, 1, 2, 1], [100, 100, 100, 100, 100]);
    expect([none.low, none.high]).toEqual([null, null]);
    expect(none.method).toMatch(/a group has no match/);
  });

  it('the trend test: slope by hand, and the number of arrangements', () => {
    // periods 0, 0, 1, 1; rates 1, 1, 3, 3 per 1000: the line rises 2 per 1000 per period; 4!/(2!·2!) = 6 arrangements
    const t = trendPermutation([0, 0, 1, 1], [1, 1, 3, 3], [1000, 1000, 1000, 1000], { permutations: 999, seed: 1 });
    expect(t.slope).toBeCloseTo(2, 12);
    expect(t.arrangements).toBe(6);
    // of the 6 arrangements, the observed and its mirror reach |slope| = 2: p ≈ 2/6
    expect(t.p).toBeGreaterThan(0.28);
    expect(t.p).toBeLessThan(0.39);
    // no match at all: nothing to test, not "p = 1"
    expect(Number.isNaN(trendPermutation([0, 0, 1, 1], [0, 0, 0, 0], [1000, 1000, 1000, 1000]).p)).toBe(true);
  });
});

describe('co-occurrence, correlation, proportions', () => {
  it('Mantel–Haenszel on one stratum is the odds ratio with the Woolf interval, and CMH = (n − 1)/n Pearson χ²', () => {
    const mh = mantelHaenszel([[10, 10, 10, 70]]);
    const woolf = oddsRatio(10, 10, 10, 70);
    expect(mh.ratio).toBeCloseTo(7, 12);
    expect(mh.low).toBeCloseTo(woolf.low, 10);
    expect(mh.high).toBeCloseTo(woolf.high, 10);
    expect(mh.statistic).toBeCloseTo((chiSquare2x2(10, 10, 10, 70).statistic * 99) / 100, 10);
  });

  it('Mantel–Haenszel over two strata, by hand, and no invented association at an empty cell', () => {
    // [[1,1],[1,1]] (n 4) and [[2,1],[1,2]] (n 6): Σad/n = 1/4 + 4/6, Σbc/n = 1/4 + 1/6 → OR = (11/12)/(5/12) = 2.2
    expect(mantelHaenszel([[1, 1, 1, 1], [2, 1, 1, 2]]).ratio).toBeCloseTo(2.2, 12);
    // two categories that never meet: OR 0, no interval (nothing added to the empty cell)
    const never = mantelHaenszel([[0, 3, 4, 10]]);
    expect(never.ratio).toBe(0);
    expect(Number.isNaN(never.low)).toBe(true);
  });

  it('a studentized correlation test gives r exactly and reproduces', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8];
    const a = studentizedCorrelation(x, x.map((v) => 2 * v), { permutations: 999, seed: 1 });
    expect(a.r).toBeCloseTo(1, 12);
    // a perfect line is rare among the 8! orders even after studentizing (which divides by a τ̂ that is large at the ends)
    expect(a.p).toBeLessThan(0.05);
    expect(studentizedCorrelation(x, [3, 1, 4, 1, 5, 9, 2, 6], { permutations: 199, seed: 2 })).toEqual(studentizedCorrelation(x, [3, 1, 4, 1, 5, 9, 2, 6], { permutations: 199, seed: 2 }));
    // within strata of one observation nothing moves: p = 1
    expect(studentizedCorrelation([1, 2, 3, 4], [1, 3, 2, 4], { permutations: 99, strata: [0, 1, 2, 3] }).p).toBe(1);
  });

  it("Wilson's interval at 0 and n, from its formula", () => {
    // 0 of 10: upper z²/(n + z²) = 3.841459/13.841459 = 0.277533; 10 of 10: lower n/(n + z²) = 0.722467
    const [l0, h0] = wilsonInterval(0, 10);
    expect(l0).toBe(0);
    expect(h0).toBeCloseTo(0.277533, 5);
    const [l1, h1] = wilsonInterval(10, 10);
    expect(l1).toBeCloseTo(0.722467, 5);
    expect(h1).toBe(1);
  });

  it('validate: precision of 1 gets an interval, and F1 counts resamples where the dictionary finds nothing as 0', () => {
    // 5 paragraphs found by both, 5 by the coder only, 10 by neither: precision 5/5 = 1, recall 5/10
    const pairs = [...Array(5).fill({ dictionary: 1, coded: 1 }), ...Array(5).fill({ dictionary: 0, coded: 1 }), ...Array(10).fill({ dictionary: 0, coded: 0 })];
    const m = presenceMetrics(pairs, { replicates: 200, seed: 1 });
    expect(m.precision).toBe(1);
    // Wilson for 5 of 5: lower 5 / (5 + 3.841459) = 0.565519
    expect(m.precision_low).toBeCloseTo(0.565519, 5);
    expect(m.precision_high).toBe(1);
    // F1 = 2·5/(2·5 + 0 + 5) = 2/3; with no false positives F1 = 2R/(1 + R), so its interval is recall's Wilson interval carried through
    expect(m.f1).toBeCloseTo(2 / 3, 12);
    const [rl, rh] = wilsonInterval(5, 10);
    expect(m.f1_low).toBeCloseTo((2 * rl) / (1 + rl), 12);
    expect(m.f1_high).toBeCloseTo((2 * rh) / (1 + rh), 12);
  });
});
