/**
 * Statistics for clustered counts: a corpus is a sample of documents, and the words of one
 * document are not independent draws (a text about corruption says «коррупция» again and again).
 * These functions take one count and one word total per unit (a document, or a paragraph of a
 * single text) and treat the unit, not the word, as the independent observation.
 */
import { binomialUpperZero, chiSquaredSurvival, incompleteBeta, normalQuantile, poissonUpper, poissonUpperZero, studentTQuantile } from './distributions';
import { DEFAULT_PERMUTATIONS, DEFAULT_SEED } from '../defaults';
import { seededRandom, shuffleInPlace, shuffleWithin } from './random';

/** A ratio estimate with its cluster-robust standard error. */
export interface RatioEstimate {
  /** Σ counts ÷ Σ words × scale (per 1000 words by default). */
  rate: number;
  /** Cluster-robust (jackknife-type, HC3) standard error of the rate; NaN with fewer than 2 units. */
  se: number;
  /** Units (documents, or paragraphs) the estimate rests on. */
  n: number;
  words: number;
  count: number;
}

/**
 * The ratio estimate R = Σc / Σw of a rate over units (documents) and its cluster-robust variance
 * (the linearization variance of a ratio estimator, Cochran 1977, Sampling Techniques §6.4, with
 * the HC3 leverage correction of MacKinnon & White 1985, which behaves like the jackknife and does
 * not understate the variance with few units): V = Σ (cᵢ − R wᵢ)² / (1 − hᵢ)² / (Σw)², hᵢ = wᵢ / Σw.
 * Rates are per `scale` words (1000).
 *
 * @example
 * // two documents: 2 matches in 100 words and 6 in 300: both 20 per 1000, so no spread
 * ratioEstimate([2, 6], [100, 300]) // { rate: 20, se: 0, n: 2, words: 400, count: 8 }
 * // 0 and 4 matches in 100 words each: R = 20 per 1000; residuals ∓2, h = ½: V = 2 · 4 / ¼ / 200² = 0.0008 → se 28.28 per 1000
 * ratioEstimate([0, 4], [100, 100]).se // 28.2843
 */
export function ratioEstimate(counts: readonly number[], words: readonly number[], scale = 1000): RatioEstimate {
  const n = counts.length;
  let c = 0;
  let w = 0;
  for (let i = 0; i < n; i++) {
    c += counts[i];
    w += words[i];
  }
  const r = w > 0 ? c / w : NaN;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (counts[i] - r * words[i]) ** 2 / (1 - words[i] / w) ** 2;
  const se = n >= 2 && w > 0 && Number.isFinite(ss) ? (Math.sqrt(ss) / w) * scale : NaN;
  return { rate: r * scale, se, n, words: w, count: c };
}

/**
 * A rate on the log scale for inference: ln((C + ½) / W) (½ keeps a group without matches finite)
 * and the variance of that log by the delta method, V / R², floored at the Poisson variance
 * 1 / (C + ½), below which no count of C matches can be known; `df` = Kish's effective number of
 * units (Σw)² / Σw² minus 1 (Kish 1965), the degrees of freedom of that variance when units differ
 * in length.
 *
 * @example
 * // 10 matches in 1000 words in one unit: no spread to measure, so the Poisson floor 1 / 10.5
 * logRate([10], [1000]).variance // 0.0952
 */
export function logRate(counts: readonly number[], words: readonly number[]): { log: number; variance: number; n: number; df: number } {
  const e = ratioEstimate(counts, words, 1);
  const r = (e.count + 0.5) / e.words;
  const delta = (e.se / r) ** 2;
  const w2 = words.reduce((s, w) => s + w * w, 0);
  return { log: Math.log(r), variance: Math.max(Number.isFinite(delta) ? delta : 0, 1 / (e.count + 0.5)), n: e.n, df: Math.max(1, (e.words * e.words) / w2 - 1) };
}

/** A rate with its interval, or with an empty one and the reason. */
export interface ClusteredInterval {
  rate: number;
  low: number | null;
  high: number | null;
  /** How the interval was made, or why there is none. */
  method: string;
}

/** The fewest units (documents) a rate interval is computed from; with fewer it is left empty with the reason. */
export const MIN_INTERVAL_UNITS = 5;

/** The fewest units holding a match for a rate interval (or a rate ratio's) to be computed; with fewer it is left empty with the reason. */
export const MIN_MATCHING_UNITS = 2;

/** The fewest degrees of freedom of the variance for a rate interval (or a rate ratio's); with fewer it is left empty with the reason. */
export const MIN_INTERVAL_DF = 2;

/**
 * The degrees of freedom of the cluster-robust variance of a rate ({@link ratioEstimate}):
 * Satterthwaite's 2V² / Var(V), with Var(V) = Σψ⁴ − (Σψ²)²/n from the units' HC3 influence values
 * ψᵢ = (cᵢ − R wᵢ) / (1 − hᵢ) (no normality assumed: heavy-tailed documents make the variance
 * estimate unstable; Satterthwaite 1946; Kauermann & Carroll 2001), never more than Kish's
 * effective number of units − 1 (Kish 1965), never less than 1. When one unit's ψ carries the
 * variance, Var(V) ≈ V² and the degrees of freedom fall to about 2 or below.
 *
 * @example
 * // 4 documents of 100 words, R = 20 per 1000, h = ¼: ψ = ∓2 / ¾, all |ψ| equal, so
 * // Σψ⁴ − (Σψ²)²/4 = 0: Satterthwaite's is unbounded and Kish's, 400² / (4 · 100²) − 1 = 3, is taken
 * rateDegreesOfFreedom([0, 4, 0, 4], [100, 100, 100, 100]) // 3
 */
export function rateDegreesOfFreedom(counts: readonly number[], words: readonly number[]): number {
  const n = counts.length;
  const est = ratioEstimate(counts, words, 1);
  const kish = logRate(counts, words).df;
  const r = est.rate;
  let s2 = 0;
  let s4 = 0;
  for (let i = 0; i < n; i++) {
    const psi = (counts[i] - r * words[i]) / (1 - words[i] / est.words);
    s2 += psi * psi;
    s4 += psi ** 4;
  }
  const varOfVar = s4 - (s2 * s2) / n;
  return Math.max(1, Math.min(kish, varOfVar > 0 ? (2 * s2 * s2) / varOfVar : kish));
}

/**
 * Why an interval of a rate over these units would rest on too little evidence, or null when it
 * does not: every match in fewer than {@link MIN_MATCHING_UNITS} units (then the spread between
 * units says nothing about how the rate varies among the units that have it), or fewer than
 * {@link MIN_INTERVAL_DF} degrees of freedom of the variance ({@link rateDegreesOfFreedom}: one
 * unit carries the variance, or one long unit holds most of the words, and t with 2 df or fewer
 * has no finite variance of its own). On the log scale such an interval explodes: t(0.975, 1.2) = 8.7
 * times a standard error of 1.9 gave 2 · 10⁻⁶ – 2 · 10⁸ per 1000 words for 5 matches in 3 of 9
 * news texts. A group without a match is not thin evidence here (it gets {@link zeroMatchBound}).
 * Leaving these out was chosen by framelab's calibration (docs/statistics.md) over a bounded
 * interval for them: the overdispersed-Poisson "effective count" interval, Garwood's (1936) exact
 * Poisson bounds for C/φ̂ matches over W/φ̂ words with φ̂ the units' Pearson dispersion
 * (Wedderburn 1974; McCullagh & Nelder 1989 §4.5), covered .85–.89 with 5–20 ordinary documents
 * and as few as .43 of 20-document corpora with one matching document; a gamma interval on the
 * effective count R²/V (Fay & Feuer 1997) .90–.92.
 *
 * @example
 * // 5 matches, all in the fifth of 9 documents
 * thinEvidence([0, 0, 0, 0, 5, 0, 0, 0, 0], [200, 200, 200, 200, 200, 200, 200, 200, 200]) // 'every match is in one of the 9 documents'
 * thinEvidence([2, 4, 6, 8, 10], [1000, 1000, 1000, 1000, 1000]) // null
 */
export function thinEvidence(
  counts: readonly number[],
  words: readonly number[],
  options: { unit?: string; minMatchingUnits?: number; minDf?: number } = {},
): string | null {
  return weighEvidence(counts, words, options).thin;
}

/**
 * {@link thinEvidence}'s verdict with the degrees of freedom it computed on the way
 * ({@link rateDegreesOfFreedom}; NaN when it stopped before them), so that {@link rateInterval}
 * does not compute them a second time.
 */
function weighEvidence(
  counts: readonly number[],
  words: readonly number[],
  options: { unit?: string; minMatchingUnits?: number; minDf?: number },
): { thin: string | null; df: number } {
  const unit = options.unit ?? 'documents';
  const minMatching = options.minMatchingUnits ?? MIN_MATCHING_UNITS;
  const minDf = options.minDf ?? MIN_INTERVAL_DF;
  const matching = counts.filter((c) => c > 0).length;
  if (matching === 0) return { thin: null, df: NaN };
  if (matching < minMatching) return { thin: `every match is in ${matching === 1 ? 'one' : matching} of the ${counts.length} ${unit}`, df: NaN };
  const df = rateDegreesOfFreedom(counts, words);
  if (df < minDf) return { thin: `the spread between the ${counts.length} ${unit} rests on too few of them (${df.toFixed(1)} degrees of freedom, fewer than ${minDf}: one of them holds most of the words or of the spread)`, df };
  return { thin: null, df };
}

/**
 * A rate per 1000 words over units (documents) with a t interval on the log scale: the log rate of
 * {@link logRate}, corrected for its second-order bias (+ ½ variance), ± t standard errors,
 * exponentiated, t on the degrees of freedom of {@link rateDegreesOfFreedom} (Satterthwaite's from
 * the units' fourth moments, at most Kish's effective units − 1; with 30 documents of CV 1.5
 * Kish's alone covered .928). The cluster-robust HC3 variance and the t quantile keep it near its
 * level with as few as 5 documents of very unequal rates (framelab's calibration,
 * docs/statistics.md). The upper end is at most 1000 per 1000 words (a match takes a word):
 * cutting an interval to the values the rate can take never lowers its coverage. Fewer than
 * {@link MIN_INTERVAL_UNITS} units, or too little evidence ({@link thinEvidence}: the matches in
 * one unit, or fewer than 2 degrees of freedom): the rate with an empty interval and the reason.
 * No match at all: [0, {@link zeroMatchBound}], which borrows from `matching` (the units with a
 * match elsewhere in the comparison) how the units that hold the category hold it; with nothing to
 * borrow, no interval and the reason.
 *
 * @example
 * // 5 documents of 1000 words with 2, 4, 6, 8, 10 matches: rate 6 per 1000
 * rateInterval([2, 4, 6, 8, 10], [1000, 1000, 1000, 1000, 1000]).rate // 6
 * rateInterval([2, 4], [1000, 1000]).low // null
 * // 5 matches, all in one of 9 documents: the rate, no interval
 * rateInterval([0, 0, 0, 0, 5, 0, 0, 0, 0], [200, 200, 200, 200, 200, 200, 200, 200, 200]).high // null
 * // no match in 2000 words and nothing to borrow (zeroMatchBound): the rate 0, no interval
 * rateInterval([0, 0], [1000, 1000]).high // null
 */
export function rateInterval(
  counts: readonly number[],
  words: readonly number[],
  options: { level?: number; unit?: string; minUnits?: number; minMatchingUnits?: number; minDf?: number; matching?: MatchingUnits | null } = {},
): ClusteredInterval {
  const level = options.level ?? 0.95;
  const unit = options.unit ?? 'documents';
  const minUnits = options.minUnits ?? MIN_INTERVAL_UNITS;
  const est = ratioEstimate(counts, words);
  const n = counts.length;
  if (!(est.words > 0)) return { rate: NaN, low: null, high: null, method: 'no words' };
  // (the share bound counts the units that could hold a match: a unit of 0 words cannot)
  if (est.count === 0) return zeroMatchBound(words.filter((w) => w > 0).length, est.words, options.matching ?? null, { level, unit });
  if (n < minUnits) return { rate: est.rate, low: null, high: null, method: `no interval: ${n} ${unit}, fewer than the ${minUnits} an interval needs` };
  // (there is a match here, so evidence that is not thin was weighed by its degrees of freedom: df is known)
  const { thin, df } = weighEvidence(counts, words, { unit, minMatchingUnits: options.minMatchingUnits, minDf: options.minDf });
  if (thin !== null) return { rate: est.rate, low: null, high: null, method: `no interval: ${thin}` };
  const l = logRate(counts, words);
  const q = studentTQuantile(1 - (1 - level) / 2, df);
  const centre = l.log + l.variance / 2;
  const half = q * Math.sqrt(l.variance);
  return {
    rate: est.rate,
    low: Math.exp(centre - half) * 1000,
    high: Math.min(1000, Math.exp(centre + half) * 1000),
    method: `log-scale t interval over ${n} ${unit}, cluster-robust HC3 variance (Cochran 1977; MacKinnon & White 1985), t with ${df.toFixed(1)} df (Satterthwaite's from the units' fourth moments, at most effective units − 1: Satterthwaite 1946; Kauermann & Carroll 2001; Kish 1965)`,
  };
}

const pct = (level: number) => `${Math.round(level * 100)} %`;

/** The units (documents) that hold a match of a category, pooled: how many, their matches and their words. */
export interface MatchingUnits {
  units: number;
  count: number;
  words: number;
}

/**
 * The units with at least one match, pooled ({@link MatchingUnits}): what a group without a match
 * borrows from the comparison's other groups ({@link zeroMatchBound}).
 *
 * @example
 * // the second and fourth documents hold the matches: 1 + 3 in 100 + 300 words
 * matchingUnits([0, 1, 0, 3], [200, 100, 200, 300]) // { units: 2, count: 4, words: 400 }
 */
export function matchingUnits(counts: readonly number[], words: readonly number[]): MatchingUnits {
  let units = 0;
  let count = 0;
  let w = 0;
  counts.forEach((c, i) => {
    if (c > 0) {
      units++;
      count += c;
      w += words[i];
    }
  });
  return { units, count, words: w };
}

/**
 * The interval of a rate from `units` units (documents) and `words` words without a single match.
 * Zero matches cannot tell how the units differ: a category that some documents carry densely and
 * most not at all leaves many groups without a match, and the exact Poisson bound, −ln(α/2) matches
 * over the words read, which takes words as independent, lies below its rate (framelab's
 * calibration, docs/statistics.md: with 9 documents of which 30 % carry a category, 14 % of the
 * groups had no match and none of their Poisson bounds covered). So the rate is split, as in a
 * hurdle model, into the share of units that hold a match and the rate within those units, and each
 * factor gets its exact upper bound at 1 − α/2: the share, with none of n units holding one, by
 * Clopper & Pearson's bound {@link binomialUpperZero}, 1 − (α/2)^(1/n); the rate within units that
 * hold a match by Garwood's Poisson bound ({@link poissonUpper}) for the matches of the `matching`
 * units, the comparison's other units with a match, over their words (borrowed: this group has
 * none). Both hold together with probability at least 1 − α (Bonferroni), so [0, their product]
 * is a (1 − α) interval when units holding the category hold it as the borrowed ones do. It is
 * never below the Poisson bound (units that do not differ) and never above 1000 per 1000 words.
 * With nothing to borrow (no match anywhere: `stats` of a category absent from the corpus, or a
 * comparison in which no group has one) no bound that lets units differ exists, and the interval
 * is left empty, as framelab leaves it where every match is in one unit ({@link thinEvidence});
 * `method` gives the share bound and, taking words as independent, the Poisson bound. Chosen by
 * framelab's calibration (docs/statistics.md) over borrowing the other groups' Pearson dispersion φ̂
 * (the quasi-Poisson bound −ln(α/2) φ̂ over the words; Wedderburn 1974; McCullagh & Nelder 1989
 * §4.5), which covered less and reached further, and over printing the Poisson bound where nothing
 * can be borrowed. Per 1000 words.
 *
 * @example
 * // 9 documents, 1800 words, no match; elsewhere 4 matches in 400 words of the documents holding one:
 * // share ≤ 1 − 0.025^(1/9) = 0.33627; rate within ≤ χ²(0.975; 10) / 2 / 400 = 10.2416 / 400 → 25.604 per 1000
 * zeroMatchBound(9, 1800, { units: 2, count: 4, words: 400 }).high // 8.6098 (= 0.336267 × 25.6040)
 * // nothing to borrow: no interval (the Poisson bound, 3.6889 / 1800 words = 2.05 per 1000, only in `method`)
 * zeroMatchBound(9, 1800, null).high // null
 */
export function zeroMatchBound(units: number, words: number, matching: MatchingUnits | null, options: { level?: number; unit?: string } = {}): ClusteredInterval {
  const level = options.level ?? 0.95;
  // the unit's noun without a note on it ('paragraphs (taken as independent: one text)' → 'paragraphs')
  const unit = (options.unit ?? 'documents').replace(/ \(.*\)$/, '');
  const poisson = Math.min(1000, (poissonUpperZero(level) * 1000) / words);
  const share = binomialUpperZero(units, level);
  const shareText = `0 of ${units} ${unit} with a match: at most ${(share * 100).toFixed(1)} % of such hold one, by the exact binomial bound of Clopper & Pearson 1934`;
  const head = `no match in ${words} words`;
  if (matching === null || !(matching.count > 0) || !(matching.words > 0)) {
    return {
      rate: 0,
      low: null,
      high: null,
      method: `no interval: ${head}, and no match elsewhere to borrow from: nothing tells how densely the ${unit} that hold the category would hold it, so no upper bound lets them differ; ${shareText}; taking words as independent, the exact Poisson ${pct(level)} upper bound would be ${fmtRate(poisson)} per 1000 (${poissonUpperZero(level).toFixed(3)} matches over the words read)`,
    };
  }
  const within = (poissonUpper(matching.count, level) / matching.words) * 1000;
  const product = share * within;
  const high = Math.min(1000, Math.max(poisson, product));
  return {
    rate: 0,
    low: 0,
    high,
    method:
      `${head}: from 0 to (share of ${unit} holding a match) × (rate within them) ≤ ${share.toFixed(4)} × ${fmtRate(within)} = ${fmtRate(product)} per 1000` +
      (product < poisson ? `, raised to the exact Poisson bound ${fmtRate(poisson)} (${poissonUpperZero(level).toFixed(3)} matches over the words read)` : '') +
      `; ${shareText}; the rate within, the exact Poisson bound (Garwood 1936) of the ${matching.count} matches in ${matching.words} words of the ${matching.units} ${unit} with a match in the comparison's other groups, assumes that ${unit} holding the category here hold it as those do; each bound at ${((1 - (1 - level) / 2) * 100).toFixed(1)} %, so together at least ${pct(level)}`,
  };
}

const fmtRate = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(2) : x.toPrecision(3));

/**
 * The log rate of one group with the pieces of a skewness-corrected t: each unit's influence on
 * the log rate, ψᵢ = (cᵢ − R wᵢ) / (1 − hᵢ) / (C + ½) (HC3-scaled, as in {@link ratioEstimate}), whose
 * sum of squares is the variance of {@link logRate} (floored at 1/(C + ½)) and whose sum of cubes
 * is the third cumulant of the log rate.
 */
function logRateMoments(counts: readonly number[], words: readonly number[]): { log: number; variance: number; k3: number; df: number } {
  const l = logRate(counts, words);
  const c = counts.reduce((a, b) => a + b, 0);
  const w = words.reduce((a, b) => a + b, 0);
  const r = c / w;
  let k3 = 0;
  for (let i = 0; i < counts.length; i++) {
    const psi = (counts[i] - r * words[i]) / (1 - words[i] / w) / (c + 0.5);
    k3 += psi * psi * psi;
  }
  return { log: l.log, variance: l.variance, k3: Number.isFinite(k3) ? k3 : 0, df: l.df };
}

/**
 * Hall's (1992) monotone transformation of a studentized statistic z whose estimate has skewness γ:
 * g(z) = z + γ/6 + (γ/3) z² + (γ²/27) z³ = [(1 + γz/3)³ − 1] / γ + γ/6, Johnson's (1978) correction
 * t + (γ/6)(1 + 2t²) with the cubic term that makes it increasing in z (Hall, P. 1992, On the
 * removal of skewness by transformation, JRSS B 54, 221–228). γ = 0 leaves z unchanged.
 *
 * @example
 * hallTransform(1.5, 0) // 1.5
 * // γ = 0.3: 1 + 0.05 + 0.1 + 0.00333… = 1.15333…
 * hallTransform(1, 0.3) // 1.1533
 */
export function hallTransform(z: number, gamma: number): number {
  return z + gamma / 6 + (gamma / 3) * z * z + ((gamma * gamma) / 27) * z * z * z;
}

/**
 * A heteroscedastic test of k group rates on the log scale, each group's log rate and variance
 * from {@link logRate} (cluster-robust, over its units). Two groups: Welch's t with
 * Welch–Satterthwaite degrees of freedom and Johnson's (1978) correction for the skewness of the
 * estimate, t₁ = t + (γ/6)(1 + 2t²), γ the skewness of the difference of the log rates from the
 * units' influence values (a few documents with very high rates make the rate of a small group
 * skewed, which a plain t ignores); statistic t₁², p two-sided from F(1, ν). Three or more groups:
 * each group's studentized deviation from the precision-weighted mean log rate,
 * zg = (Lg − L̄) / √vg with L̄ = Σ (Lg/vg) / Σ (1/vg), is corrected for the skewness γg of its group's
 * estimate by Hall's (1992) transformation ({@link hallTransform}), and the statistic is
 * Q = Σ hallTransform(zg, γg)², Cochran's (1954) χ² of heterogeneity Σ (Lg − L̄)²/vg when no group
 * is skewed (the form of Alexander & Govern 1994, with Hall's correction in place of their
 * normalization of t, which cost power in framelab's calibration); p from χ²(k − 1)
 * (framelab calibrates it by permutation, {@link studentizedPermutation}). Welch's (1951) F,
 * which this replaced for k ≥ 3, is {@link welchFTest}. NaN with a group of fewer than 2 units or
 * no words.
 *
 * @example
 * // two groups with identical documents: the log rates are equal, t = 0, p = 1
 * welchRateTest([[10, 20], [10, 20]], [[1000, 1000], [1000, 1000]]).p // 1
 */
export function welchRateTest(counts: ReadonlyArray<readonly number[]>, words: ReadonlyArray<readonly number[]>): { statistic: number; df1: number; df2: number; p: number } {
  const k = counts.length;
  const undefinedTest = { statistic: NaN, df1: k - 1, df2: NaN, p: NaN };
  const ls = groupMoments(counts, words);
  if (ls === null) return undefinedTest;
  if (k === 2) {
    const [a, b] = ls;
    const v = a.variance + b.variance;
    const t = (a.log - b.log) / Math.sqrt(v);
    const gamma = (a.k3 - b.k3) / Math.pow(v, 1.5);
    const t1 = t + (gamma / 6) * (1 + 2 * t * t);
    const df2 = (v * v) / (a.variance ** 2 / a.df + b.variance ** 2 / b.df);
    return { statistic: t1 * t1, df1: 1, df2, p: fSurvival(t1 * t1, 1, df2) };
  }
  const sw = ls.reduce((t, l) => t + 1 / l.variance, 0);
  const mean = ls.reduce((t, l) => t + l.log / l.variance, 0) / sw;
  const statistic = ls.reduce((t, l) => {
    const sd = Math.sqrt(l.variance);
    return t + hallTransform((l.log - mean) / sd, l.k3 / (l.variance * sd)) ** 2;
  }, 0);
  return { statistic, df1: k - 1, df2: Infinity, p: chiSquaredSurvival(statistic, k - 1) };
}

/** Each group's log-rate moments, or null when a group has fewer than 2 units or no words. */
function groupMoments(counts: ReadonlyArray<readonly number[]>, words: ReadonlyArray<readonly number[]>): Array<{ log: number; variance: number; k3: number; df: number }> | null {
  if (counts.length < 2) return null;
  const ls = counts.map((c, g) => (c.length >= 2 && words[g].reduce((a, b) => a + b, 0) > 0 ? logRateMoments(c, words[g]) : null));
  return ls.some((l) => l === null) ? null : (ls as Array<{ log: number; variance: number; k3: number; df: number }>);
}

/**
 * Welch's (1951) heteroscedastic F of k group log rates (each from {@link logRate}): weights
 * 1/variance, F = [Σ wg (Lg − L̄)² / (k − 1)] / [1 + 2(k − 2)/(k² − 1) Λ] with
 * Λ = Σ (1 − wg/Σw)² / νg on k − 1 and (k² − 1) / (3Λ) degrees of freedom, νg Kish's effective
 * units − 1. framelab's test for three or more groups until its calibration showed it rejecting
 * about 7 % at α = .05 when a small group's documents varied far more than the others'
 * (docs/statistics.md); kept for that comparison. NaN with a group of fewer than 2 units.
 *
 * @example
 * // three groups with identical documents: every log rate is equal, F = 0, p = 1
 * welchFTest([[10, 20], [10, 20], [10, 20]], [[1000, 1000], [1000, 1000], [1000, 1000]]).p // 1
 */
export function welchFTest(counts: ReadonlyArray<readonly number[]>, words: ReadonlyArray<readonly number[]>): { statistic: number; df1: number; df2: number; p: number } {
  const k = counts.length;
  const ls = groupMoments(counts, words);
  if (ls === null) return { statistic: NaN, df1: k - 1, df2: NaN, p: NaN };
  const w = ls.map((l) => 1 / l.variance);
  const sw = w.reduce((a, b) => a + b, 0);
  const mean = w.reduce((s, wi, g) => s + wi * ls[g].log, 0) / sw;
  const a = w.reduce((s, wi, g) => s + wi * (ls[g].log - mean) ** 2, 0) / (k - 1);
  const lambda = w.reduce((s, wi, g) => s + (1 - wi / sw) ** 2 / ls[g].df, 0);
  const statistic = a / (1 + ((2 * (k - 2)) / (k * k - 1)) * lambda);
  const df2 = (k * k - 1) / (3 * lambda);
  return { statistic, df1: k - 1, df2, p: fSurvival(statistic, k - 1, df2) };
}

/** P(F > f) for the F distribution with d1 and d2 degrees of freedom. */
function fSurvival(f: number, d1: number, d2: number): number {
  if (!(f > 0)) return 1;
  if (!Number.isFinite(f)) return 0;
  return incompleteBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2);
}

/**
 * The permutation p of {@link welchRateTest} with units as the exchangeable objects: units are
 * shuffled between the groups (group sizes kept) and Welch's p recomputed; p = (#{p* ≤ p} + 1) /
 * (permutations + 1). Exact when the groups' units are exchangeable; when the groups differ in
 * spread, size or lengths it stays close to its level because the statistic is studentized
 * (Janssen 1997; Chung & Romano 2013, Ann. Statist. 41, 484–507). `test` replaces
 * {@link welchRateTest} (the calibration runs the replaced {@link welchFTest} this way). NaN when
 * the test is undefined.
 *
 * @example
 * // two groups of two documents: of the 6 ways to split 4 documents 2 + 2, 2 are as extreme as the observed one
 * studentizedPermutation([[10, 12], [30, 33]], [[1000, 1000], [1000, 1000]], { permutations: 999, seed: 1 }).p < 0.5 // true
 */
export function studentizedPermutation(
  counts: ReadonlyArray<readonly number[]>,
  words: ReadonlyArray<readonly number[]>,
  options: { permutations?: number; seed?: number; rnd?: () => number; test?: typeof welchRateTest } = {},
): { statistic: number; welchP: number; p: number } {
  const test = options.test ?? welchRateTest;
  const observed = test(counts, words);
  if (Number.isNaN(observed.p)) return { statistic: NaN, welchP: NaN, p: NaN };
  const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
  const rnd = options.rnd ?? seededRandom(options.seed ?? DEFAULT_SEED);
  const allC = counts.flat();
  const allW = words.flat();
  const sizes = counts.map((c) => c.length);
  const order = allC.map((_, i) => i);
  const gc = sizes.map((s) => new Array<number>(s));
  const gw = sizes.map((s) => new Array<number>(s));
  let extreme = 0;
  for (let r = 0; r < permutations; r++) {
    shuffleInPlace(order, rnd);
    let at = 0;
    for (let g = 0; g < sizes.length; g++) {
      for (let m = 0; m < sizes[g]; m++, at++) {
        gc[g][m] = allC[order[at]];
        gw[g][m] = allW[order[at]];
      }
    }
    const p = test(gc, gw).p;
    if (p <= observed.p * (1 + 1e-9) + 1e-300) extreme++;
  }
  return { statistic: observed.statistic, welchP: observed.p, p: (extreme + 1) / (permutations + 1) };
}

/**
 * The ratio of two rates estimated from units (documents), with an interval from the delta method
 * on the log scale (each log rate from {@link logRate}, bias-corrected as in {@link rateInterval}):
 * ln(R1/R2) ± t_ν √(u1 + u2), with the conservative degrees of freedom of the Behrens–Fisher
 * problem, ν = the smaller of the two groups' (Kish's effective units − 1; Hsu 1938; Scheffé 1970),
 * never more than Welch–Satterthwaite's. With 10 documents of very unequal rates against 30, the
 * Welch–Satterthwaite ν covered .927 (framelab's calibration, docs/statistics.md): when none of the
 * few documents with a high rate is drawn, the small group's rate and its variance are small
 * together, and the variance of that group alone decides how far t can be trusted. The interval is
 * empty, with the reason, when a group has fewer than `minUnits` units or no match, or when a
 * group's rate rests on too little evidence ({@link thinEvidence}: its matches in one document, or
 * fewer than 2 degrees of freedom; one long text without a match beside 8 short ones left Kish's
 * effective units − 1 at 1.2 and the interval at 2.5 · 10⁻⁷ – 5.5 · 10⁷).
 * `method: 'welch'` gives the Welch–Satterthwaite interval this replaced.
 *
 * @example
 * // group 1: rates 10, 20, 30 per 1000 (R1 = 20); group 2: 5, 10, 15 (R2 = 10): ratio 2
 * clusteredRateRatio([10, 20, 30], [1000, 1000, 1000], [5, 10, 15], [1000, 1000, 1000], { minUnits: 3 }).ratio // 2
 * // every match of the first group in one document: the ratio, no interval
 * clusteredRateRatio([0, 0, 9, 0, 0], [1000, 1000, 1000, 1000, 1000], [1, 2, 3, 2, 1], [1000, 1000, 1000, 1000, 1000]).low // null
 */
export function clusteredRateRatio(
  c1: readonly number[],
  w1: readonly number[],
  c2: readonly number[],
  w2: readonly number[],
  options: { level?: number; minUnits?: number; method?: 'conservative' | 'welch'; minMatchingUnits?: number; minDf?: number } = {},
): { ratio: number; low: number | null; high: number | null; method: string } {
  const level = options.level ?? 0.95;
  const minUnits = options.minUnits ?? MIN_INTERVAL_UNITS;
  const a = ratioEstimate(c1, w1);
  const b = ratioEstimate(c2, w2);
  const ratio = a.rate / b.rate;
  if (!(a.rate > 0) || !(b.rate > 0)) return { ratio: Number.isFinite(ratio) ? ratio : NaN, low: null, high: null, method: 'rate ratio without interval: a group has no match' };
  if (a.n < minUnits || b.n < minUnits) return { ratio, low: null, high: null, method: `rate ratio without interval: a group has fewer than ${minUnits} documents` };
  const thin = [thinEvidence(c1, w1, options), thinEvidence(c2, w2, options)];
  if (thin[0] !== null || thin[1] !== null) return { ratio, low: null, high: null, method: `rate ratio without interval: in the ${thin[0] !== null ? 'first' : 'second'} group ${thin[0] ?? thin[1]}` };
  const la = logRate(c1, w1);
  const lb = logRate(c2, w2);
  const va = la.variance;
  const vb = lb.variance;
  const welch = (va + vb) ** 2 / (va ** 2 / la.df + vb ** 2 / lb.df);
  const df = options.method === 'welch' ? welch : Math.min(la.df, lb.df, welch);
  const q = studentTQuantile(1 - (1 - level) / 2, df);
  const centre = Math.log(ratio) + (va - vb) / 2;
  const half = q * Math.sqrt(va + vb);
  return {
    ratio,
    low: Math.exp(centre - half),
    high: Math.exp(centre + half),
    method: `rate ratio: delta method on the log scale, cluster-robust HC3 variances, t with ${df.toFixed(1)} df (${options.method === 'welch' ? 'Welch–Satterthwaite' : "the smaller group's, Hsu 1938; Scheffé 1970"})`,
  };
}

/**
 * Wilson's score interval of a proportion x / n (Wilson 1927; Agresti & Coull 1998), which stays
 * inside [0, 1] and is not a point at 0 or n.
 *
 * @example
 * // 0 of 10: z = 1.96, upper = z² / (n + z²) = 3.8415 / 13.8415 = 0.2775
 * wilsonInterval(0, 10) // [0, 0.2775]
 */
export function wilsonInterval(x: number, n: number, level = 0.95): [number, number] {
  if (!(n > 0)) return [NaN, NaN];
  const z = normalQuantile(1 - (1 - level) / 2);
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = ((z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n)));
  return [x <= 0 ? 0 : Math.max(0, centre - half), x >= n ? 1 : Math.min(1, centre + half)];
}

/**
 * A linear trend of a rate over time with documents as units: the slope of a least-squares line
 * through the documents' rates against their period index, each document weighted by its words
 * (so the slope is Σ (tᵢ − t̄)(cᵢ − R wᵢ) / Σ wᵢ (tᵢ − t̄)², per 1000 words per period), tested by
 * shuffling the documents' periods (documents per period kept): p = (#{|b*| ≥ |b|} + 1) /
 * (permutations + 1), exact when documents are exchangeable over time under no trend
 * (Manly 2007, Randomization, Bootstrap and Monte Carlo Methods in Biology, ch. 8). `arrangements`
 * is the number of distinct ways to assign the periods (a multinomial coefficient): with few, the
 * test cannot reach a small p, whatever the data. NaN without a match, or with fewer than 2 periods.
 *
 * @example
 * // 4 documents of 1000 words in periods 0, 0, 1, 1 with 1, 1, 3, 3 matches: rate rises by 2 per 1000 per period
 * trendPermutation([0, 0, 1, 1], [1, 1, 3, 3], [1000, 1000, 1000, 1000], { permutations: 99, seed: 1 }).slope // 2
 */
export function trendPermutation(
  periods: readonly number[],
  counts: readonly number[],
  words: readonly number[],
  options: { permutations?: number; seed?: number } = {},
): { slope: number; p: number; arrangements: number } {
  const n = periods.length;
  const W = words.reduce((a, b) => a + b, 0);
  const C = counts.reduce((a, b) => a + b, 0);
  const distinct = new Map<number, number>();
  for (const t of periods) distinct.set(t, (distinct.get(t) ?? 0) + 1);
  let logM = logFactorialOf(n);
  for (const m of distinct.values()) logM -= logFactorialOf(m);
  const arrangements = Math.round(Math.exp(logM));
  if (!(W > 0) || !(C > 0) || distinct.size < 2) return { slope: NaN, p: NaN, arrangements };
  const R = C / W;
  const resid = counts.map((c, i) => c - R * words[i]);
  const slopeOf = (t: readonly number[]) => {
    let tw = 0;
    for (let i = 0; i < n; i++) tw += words[i] * t[i];
    const tbar = tw / W;
    let num = 0;
    let den = 0;
    for (let i = 0; i < n; i++) {
      const d = t[i] - tbar;
      num += d * resid[i];
      den += words[i] * d * d;
    }
    return den > 0 ? (num / den) * 1000 : 0;
  };
  const slope = slopeOf(periods);
  const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
  const rnd = seededRandom(options.seed ?? DEFAULT_SEED);
  const t = [...periods];
  let extreme = 0;
  for (let r = 0; r < permutations; r++) {
    shuffleInPlace(t, rnd);
    if (Math.abs(slopeOf(t)) >= Math.abs(slope) * (1 - 1e-12) - 1e-12) extreme++;
  }
  return { slope, p: (extreme + 1) / (permutations + 1), arrangements };
}

function logFactorialOf(n: number): number {
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log(k);
  return s;
}

/** One 2×2 table [[a, b], [c, d]] of a stratum. */
export type Table2x2 = readonly [number, number, number, number];

/**
 * The Mantel–Haenszel common odds ratio over strata (Mantel & Haenszel 1959) with the
 * Robins–Breslow–Greenland (1986) variance of its logarithm, and the Cochran–Mantel–Haenszel χ²
 * (1 df, no continuity correction) of conditional independence. Nothing is added to empty cells:
 * when no stratum holds a discordant product (Σ bc/n = 0, or Σ ad/n = 0) the ratio is infinite
 * (or 0) and the interval is empty (NaN). Strata of one observation carry no information.
 *
 * @example
 * // one stratum [[10, 10], [10, 70]]: OR = ad/bc = 7; χ² = (10 − 4)² / (20·80·20·80 / (100²·99)) = 13.92
 * mantelHaenszel([[10, 10, 10, 70]]) // { ratio: 7, low: 2.33…, high: 21.0…, statistic: 13.92…, p: 0.00019… }
 */
export function mantelHaenszel(tables: readonly Table2x2[], level = 0.95): { ratio: number; low: number; high: number; statistic: number; p: number } {
  let sR = 0;
  let sS = 0;
  let sPR = 0;
  let sPSQR = 0;
  let sQS = 0;
  let obs = 0;
  let exp = 0;
  let v = 0;
  for (const [a, b, c, d] of tables) {
    const n = a + b + c + d;
    if (n < 2) continue;
    const R = (a * d) / n;
    const S = (b * c) / n;
    const P = (a + d) / n;
    const Q = (b + c) / n;
    sR += R;
    sS += S;
    sPR += P * R;
    sPSQR += P * S + Q * R;
    sQS += Q * S;
    const r1 = a + b;
    const c1 = a + c;
    obs += a;
    exp += (r1 * c1) / n;
    v += (r1 * (n - r1) * c1 * (n - c1)) / (n * n * (n - 1));
  }
  const ratio = sS > 0 ? sR / sS : sR > 0 ? Infinity : NaN;
  const statistic = v > 0 ? (obs - exp) ** 2 / v : NaN;
  const p = v > 0 ? chiSquaredSurvival(statistic, 1) : NaN;
  if (!(sR > 0 && sS > 0)) return { ratio, low: NaN, high: NaN, statistic, p };
  const varLog = sPR / (2 * sR * sR) + sPSQR / (2 * sR * sS) + sQS / (2 * sS * sS);
  const z = normalQuantile(1 - (1 - level) / 2);
  const se = Math.sqrt(varLog);
  return { ratio, low: Math.exp(Math.log(ratio) - z * se), high: Math.exp(Math.log(ratio) + z * se), statistic, p };
}

/**
 * A studentized permutation test of a correlation (DiCiccio & Romano 2017, JASA 112, 1211–1220):
 * the statistic √n·r / τ̂ with τ̂² = m₂₂ / (m₂₀ m₀₂) (the sample moments about the means) is
 * recomputed for each shuffle of `y`. Unlike the plain permutation test of r, which assumes x and
 * y independent, it keeps its level when they are only uncorrelated (both spread more in short
 * paragraphs, say). Spearman: the same on ranks. With `strata` (a class per observation, such as
 * its length quartile) y is shuffled only within each class, so that what the classes explain
 * (short paragraphs having extreme rates of every category) is never read as association.
 * Returns r and the two-sided p.
 *
 * @example
 * // a perfect line: r = 1 and only orderings as extreme reach it
 * studentizedCorrelation([1, 2, 3, 4, 5, 6, 7, 8], [2, 4, 6, 8, 10, 12, 14, 16], { permutations: 999, seed: 1 }).r // 1
 */
export function studentizedCorrelation(
  x: readonly number[],
  y: readonly number[],
  options: { method?: 'pearson' | 'spearman'; permutations?: number; seed?: number; strata?: readonly number[] } = {},
): { r: number; p: number } {
  const n = x.length;
  const method = options.method ?? 'pearson';
  const xs = method === 'spearman' ? rankValues(x) : [...x];
  const ys = method === 'spearman' ? rankValues(y) : [...y];
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  const dx = xs.map((v) => v - mx);
  const dy = ys.map((v) => v - my);
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxx += dx[i] * dx[i];
    syy += dy[i] * dy[i];
  }
  if (n < 3 || !(sxx > 0) || !(syy > 0)) return { r: NaN, p: NaN };
  const stat = (v: readonly number[]) => {
    let sxy = 0;
    let s22 = 0;
    for (let i = 0; i < n; i++) {
      sxy += dx[i] * v[i];
      s22 += dx[i] * dx[i] * v[i] * v[i];
    }
    const tau2 = (s22 / n) / ((sxx / n) * (syy / n));
    return tau2 > 0 ? (sxy / Math.sqrt(sxx * syy)) * Math.sqrt(n / tau2) : 0;
  };
  const r = dx.reduce((s, v, i) => s + v * dy[i], 0) / Math.sqrt(sxx * syy);
  const observed = Math.abs(stat(dy));
  const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
  const rnd = seededRandom(options.seed ?? DEFAULT_SEED);
  const v = [...dy];
  // positions of each stratum: y is shuffled only among observations of the same stratum
  const groups = new Map<number, number[]>();
  (options.strata ?? dy.map(() => 0)).forEach((s, i) => {
    if (!groups.has(s)) groups.set(s, []);
    groups.get(s)!.push(i);
  });
  const blocks = [...groups.values()];
  let extreme = 0;
  for (let k = 0; k < permutations; k++) {
    shuffleWithin(v, blocks, rnd);
    if (Math.abs(stat(v)) >= observed * (1 - 1e-12) - 1e-12) extreme++;
  }
  return { r, p: (extreme + 1) / (permutations + 1) };
}

/** Ranks, 1-based, ties given their average rank. */
function rankValues(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x);
  const r = new Array<number>(xs.length);
  for (let k = 0; k < order.length; ) {
    let j = k;
    while (j + 1 < order.length && order[j + 1].x === order[k].x) j++;
    for (let m = k; m <= j; m++) r[order[m].i] = (k + j) / 2 + 1;
    k = j + 1;
  }
  return r;
}
