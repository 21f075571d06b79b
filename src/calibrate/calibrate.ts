/**
 * The calibration of framelab's tests and intervals on simulated clustered corpora: does a 5 %
 * test reject 5 % of the time, does a 95 % interval cover 95 % of the time, when documents differ
 * from each other far more than paragraphs within a document do? `npm run calibrate` runs every
 * scenario and writes the table to docs/statistics.md; test/calibration.test.ts runs a small
 * seeded subset. Every test and interval is computed by the same library functions the CLI calls
 * (compareGroups, timeSeries, categoryStatistics, categoryCorrelations, cooccurrenceTests,
 * presenceMetrics, trendDifference).
 */
import type { FrameTable } from '../table/frame-table';
import { presenceMetrics } from '../validate/metrics';
import { categoryCorrelations, categoryStatistics, cooccurrenceTests } from '../stats/frames';
import { compareGroups, documentTotals, g2DocumentPermutation, timeSeries, trendTest } from '../stats/groups';
import { clusteredRateRatio, mantelHaenszel, rateInterval, studentizedPermutation, welchFTest, type Table2x2 } from '../stats/clustered';
import { trendDifference } from '../stats/group-periods';
import { chiSquaredQuantile, normalQuantile, poissonUpper, poissonUpperZero } from '../stats/distributions';
import { chiSquareStatistic } from '../stats/tests';
import { seededRandom, shuffleWithin } from '../stats/random';

/** A source of uniform numbers in [0, 1). */
type Rnd = () => number;

function normal(rnd: Rnd): number {
  let u = rnd();
  while (u <= 1e-300) u = rnd();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
}

/** Gamma(shape, 1) by Marsaglia & Tsang (2000). */
function gamma(shape: number, rnd: Rnd): number {
  if (shape < 1) return gamma(shape + 1, rnd) * Math.pow(rnd() || 1e-300, 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rnd);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rnd();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/** A multiplier of mean 1 and coefficient of variation `cv` (Gamma); 1 when cv is 0. */
function spread(cv: number, rnd: Rnd): number {
  if (cv <= 0) return 1;
  const shape = 1 / (cv * cv);
  return gamma(shape, rnd) / shape;
}

function poisson(mean: number, rnd: Rnd): number {
  if (mean <= 0) return 0;
  if (mean > 60) return Math.max(0, Math.round(mean + Math.sqrt(mean) * normal(rnd)));
  const l = Math.exp(-mean);
  let k = 0;
  let p = 1;
  do {
    k++;
    p *= rnd();
  } while (p > l);
  return k - 1;
}

/** A group of simulated documents. */
export interface GroupSpec {
  label: string;
  documents: number;
  /** Mean rate per 1000 words of each category. */
  rates: number[];
  /** Coefficient of variation of the documents' own rates (default 1). */
  cv?: number;
  /** Median paragraph length in words (default 60; lognormal, σ = 0.6). */
  length?: number;
  /** Periods of the documents (for trends): document i is in period i mod periods. */
  periods?: number;
  /**
   * Uneven periods instead: the relative number of documents in each period (their count is the
   * number of periods); the documents fill the periods in order, document i in the period whose
   * share of the cumulated weights holds (i + ½)/documents. Draws nothing from the random source.
   */
  periodWeights?: number[];
  /** Rate multiplier per period index (trend alternatives): rate × (1 + trend · t / (periods − 1)). */
  trend?: number;
  /** Paragraphs of every document, instead of 2 + NegBin(mean 8). */
  paragraphs?: number;
  /**
   * Zero-inflation across documents: each document carries the first category with this
   * probability and has none of it otherwise (a topic that only some articles touch); a carrying
   * document's rate is the group's rate ÷ `presence` × its Gamma multiplier, so that `rates[0]`
   * stays the population rate E[matches] / E[words]. Draws nothing when unset.
   */
  presence?: number;
  /** Spread of the documents' lengths: every paragraph of a document is × exp(σ z − σ²/2), z standard normal, one draw per document (default none: lengths vary by paragraph only). */
  documentLengthSigma?: number;
}

/** Options of {@link simulateCorpus}. */
export interface SimulationShape {
  /**
   * Correlation of the categories' document multipliers: category k > 0 takes the first
   * category's multiplier to this power share (0 = independent, the null).
   */
  shared?: number;
  /** Within-paragraph association: a paragraph is "on topic" with this probability and then every category's rate is multiplied by `topicBoost`. */
  topic?: number;
  topicBoost?: number;
  /** Paragraph-level spread of rates within a document (CV; default 0). */
  paragraphCv?: number;
}

/** The period of document `d` of `n` when documents fill periods in proportion to `weights`. */
function periodOfDocument(weights: readonly number[], d: number, n: number): number {
  const total = weights.reduce((a, b) => a + b, 0);
  const u = ((d + 0.5) / n) * total;
  let acc = 0;
  for (let p = 0; p < weights.length; p++) {
    acc += weights[p];
    if (u < acc) return p;
  }
  return weights.length - 1;
}

/**
 * A simulated count table in framelab's shape: each document has its own rate per category (the
 * group's mean × a Gamma multiplier of coefficient of variation `cv`), 2 + NegBin(mean 8,
 * size 2) paragraphs of lognormal length, and Poisson counts given the rate and the length.
 * Columns: doc, group, date (YYYY-01-01 from the period), paragraph, tokens, categories.
 */
export function simulateCorpus(groups: readonly GroupSpec[], rnd: Rnd, shape: SimulationShape = {}): FrameTable {
  const k = groups[0].rates.length;
  const categories = Array.from({ length: k }, (_, i) => `c${i + 1}`);
  const rows: FrameTable['rows'] = [];
  let docId = 0;
  for (const g of groups) {
    for (let d = 0; d < g.documents; d++) {
      const doc = `d${docId++}`;
      const base = spread(g.cv ?? 1, rnd);
      const mult = categories.map((_, c) => (c === 0 || !shape.shared ? (c === 0 ? base : spread(g.cv ?? 1, rnd)) : Math.pow(base, shape.shared) * Math.pow(spread(g.cv ?? 1, rnd), 1 - shape.shared)));
      const periods = g.periodWeights ? g.periodWeights.length : (g.periods ?? 1);
      const t = g.periodWeights ? periodOfDocument(g.periodWeights, d, g.documents) : d % periods;
      const trendFactor = g.trend ? 1 + (g.trend * t) / Math.max(1, periods - 1) : 1;
      const paragraphs = g.paragraphs ?? 2 + poisson(gamma(2, rnd) * 4, rnd);
      // drawn only when the group asks for them, so that the other scenarios' streams stay as they were
      const carries = g.presence === undefined ? 1 : rnd() < g.presence ? 1 / g.presence : 0;
      const docLength = g.documentLengthSigma ? Math.exp(g.documentLengthSigma * normal(rnd) - g.documentLengthSigma ** 2 / 2) : 1;
      mult[0] *= carries;
      for (let p = 0; p < paragraphs; p++) {
        const tokens = Math.max(3, Math.round((g.length ?? 60) * docLength * Math.exp(0.6 * normal(rnd))));
        const onTopic = shape.topic !== undefined && rnd() < shape.topic ? (shape.topicBoost ?? 1) : 1;
        const pm = shape.paragraphCv ? spread(shape.paragraphCv, rnd) : 1;
        const row: FrameTable['rows'][number] = { doc, group: g.label, date: `${2000 + t}-01-01`, paragraph: p + 1, tokens };
        categories.forEach((c, i) => {
          const pmi = shape.paragraphCv ? spread(shape.paragraphCv, rnd) : 1;
          row[c] = poisson((g.rates[i] * mult[i] * trendFactor * onTopic * (i === 0 ? pm : pmi) * tokens) / 1000, rnd);
        });
        rows.push(row);
      }
    }
  }
  return { columns: ['doc', 'group', 'date', 'paragraph', 'tokens', ...categories], categories, rows, texts: rows.map(() => ''), meta: ['group', 'date'] };
}

/** A measured rate (rejections or coverage) over replicates, with its Monte-Carlo standard error. */
export interface Measure {
  what: string;
  scenario: string;
  /** `level` (type-I error at α = .05), `power`, or `coverage` (of a 95 % interval). */
  kind: 'level' | 'power' | 'coverage';
  method: string;
  hits: number;
  replicates: number;
  /** Replicates where the method gave nothing (an empty interval, an undefined test). */
  empty: number;
  /** Of an interval whose upper ends were recorded: their median, 90th percentile and largest value (per 1000 words, or the ratio). */
  upper?: { median: number; p90: number; max: number };
}

export const rateOf = (m: Measure): number => m.hits / Math.max(1, m.replicates - m.empty);
export const mcSe = (m: Measure): number => Math.sqrt((rateOf(m) * (1 - rateOf(m))) / Math.max(1, m.replicates - m.empty));

/** Sizes of a calibration run. */
export interface CalibrationSize {
  /** Replicates of each null scenario (level and coverage). */
  nullReplicates: number;
  /** Replicates of each alternative (power). */
  altReplicates: number;
  /** Permutations and bootstrap resamples inside each replicate. */
  permutations: number;
  resamples: number;
  seed: number;
  /** Only these parts (default all). */
  only?: string[];
  /** Only scenarios whose name contains this text (default all). */
  scenario?: string;
  /** Null replicates of scenarios whose name contains a key, instead of `nullReplicates` (a rate near its bound needs more). */
  moreReplicates?: Record<string, number>;
  /** Alternative replicates of scenarios whose name contains a key, instead of `altReplicates`. */
  moreAltReplicates?: Record<string, number>;
}

/** How framelab's group test is named in the table, by number of groups. */
const GROUP_TEST_2 = 'p: Welch t of log rates with Johnson skewness correction, HC3 document variances, documents permuted (Welch 1947; Johnson 1978; Chung & Romano 2013)';
const GROUP_TEST_K = 'p: Cochran Q of log rates, each group’s deviation skew-corrected by Hall’s transformation, HC3 document variances, documents permuted (Cochran 1954; Alexander & Govern 1994; Hall 1992; Chung & Romano 2013)';
const RATIO_INTERVAL = 'delta method on logs, HC3 document variances, t on the smaller group’s df (Hsu 1938; Scheffé 1970)';
const RATE_INTERVAL = 'log-scale t interval, HC3 document variance';
/** What the rate and ratio intervals print since the evidence floor, and the replaced rows without it. */
const RATE_INTERVAL_FLOOR = `${RATE_INTERVAL}; none with every match in one document or under 2 df`;
const RATE_INTERVAL_NO_FLOOR = `replaced: ${RATE_INTERVAL}, no evidence floor`;
const RATIO_INTERVAL_NO_FLOOR = `replaced: ${RATIO_INTERVAL}, no evidence floor`;
/** How a group without a match is bounded now, and the bounds compared with it (rows of the groups without a match). */
const ZERO_BOUND = 'no match: [0, exact share of documents that could hold one (0 of n; Clopper & Pearson 1934) × exact Poisson rate within the other groups’ documents holding one (Garwood 1936)], at least the Poisson bound; none when no other group has a match';
const ZERO_POISSON = 'replaced: no match: [0, exact Poisson bound], words as independent';
const ZERO_NOTHING_TO_BORROW = 'replaced: no match and none elsewhere to borrow from: [0, exact Poisson bound], words as independent (now no interval)';
const ZERO_QUASI = 'alternative: no match: [0, −ln 0.025 φ̂ over the words], φ̂ the other group’s Pearson dispersion (quasi-Poisson; Wedderburn 1974; McCullagh & Nelder 1989 §4.5)';
const ZERO_QUASI_UPPER = 'alternative: no match: [0, −ln 0.025 φᵤ over the words], φᵤ the 90 % upper limit of the other group’s Pearson dispersion, X² / χ²(.10; n − 1)';
const RATE_INTERVAL_POISSON_AT_ZERO = `replaced: ${RATE_INTERVAL}; none with every match in one document or under 2 df; no match: exact Poisson bound, words as independent`;
const WITHOUT_MATCH = 'groups without a match';
const RATE_INTERVAL_POISSON_UNBORROWED = `alternative: ${RATE_INTERVAL}; none with every match in one document or under 2 df; no match: framelab's bound, the Poisson bound when no other group has a match`;
const OVERDISPERSED_INTERVAL = 'alternative: overdispersed Poisson, Garwood interval of C/φ̂ effective matches over W/φ̂ words, φ̂ from the documents’ Pearson residuals (Wedderburn 1974; McCullagh & Nelder 1989 §4.5; Garwood 1936)';

/** The exact Poisson upper bound after no match in `words` words, per 1000 words (words taken as independent): the bound the replaced rows print. */
const poissonBound = (words: number) => (poissonUpperZero() * 1000) / words;

/**
 * The overdispersed-Poisson ("effective count") interval compared with framelab's rate interval:
 * φ̂ = Σ (cᵢ − R wᵢ)² / (R wᵢ) / (n − 1), at least 1, the documents' Pearson dispersion
 * (Wedderburn 1974; McCullagh & Nelder 1989 §4.5); C/φ̂ matches over W/φ̂ words taken as Poisson,
 * with Garwood's (1936) exact bounds χ²(α/2; 2x)/2 and χ²(1 − α/2; 2x + 2)/2 for x = C/φ̂ (a
 * fractional x by the same χ²). Per 1000 words; null without a match.
 */
function overdispersedPoissonInterval(counts: readonly number[], words: readonly number[]): [number, number] | null {
  const c = counts.reduce((a, b) => a + b, 0);
  const w = words.reduce((a, b) => a + b, 0);
  if (!(c > 0) || !(w > 0) || counts.length < 2) return null;
  const phi = Math.max(1, pearsonX2(counts, words, c / w) / (counts.length - 1));
  const x = c / phi;
  return [((chiSquaredQuantile(0.025, 2 * x) / 2) * phi * 1000) / w, Math.min(1000, (poissonUpper(x) * phi * 1000) / w)];
}

/** Pearson's X² of the documents' counts against the rate `r` (matches per word): {@link chiSquareStatistic} with expected counts r wᵢ. */
function pearsonX2(counts: readonly number[], words: readonly number[], r: number): number {
  return chiSquareStatistic(counts, words.map((w) => r * w));
}

/**
 * The rate interval as it was before the evidence floor (the "replaced … no evidence floor" rows):
 * no floor on the matching documents or the degrees of freedom, and at zero matches the exact
 * Poisson bound of words taken as independent, which it printed then.
 */
function replacedInterval(counts: readonly number[], words: readonly number[]): { low: number | null; high: number | null } {
  if (counts.some((x) => x > 0)) return rateInterval(counts, words, { minMatchingUnits: 1, minDf: 0 });
  return { low: 0, high: Math.min(1000, poissonBound(words.reduce((a, b) => a + b, 0))) };
}

/**
 * The alternatives compared with framelab's bound for a group without a match: the quasi-Poisson
 * upper bound −ln 0.025 · φ over the group's words (per 1000), φ borrowed from another group's
 * documents: their Pearson dispersion φ̂ = X² / (n − 1), X² = Σ (cᵢ − R wᵢ)² / (R wᵢ), at least 1
 * (Wedderburn 1974; McCullagh & Nelder 1989 §4.5), or its 90 % upper limit X² / χ²(.10; n − 1).
 * The Poisson bound when the other group has no match either.
 */
function quasiPoissonZeroBounds(words: number, otherCounts: readonly number[], otherWords: readonly number[]): [number, number] {
  const poisson = poissonBound(words);
  const c = otherCounts.reduce((a, b) => a + b, 0);
  const w = otherWords.reduce((a, b) => a + b, 0);
  if (!(c > 0) || otherCounts.length < 2) return [poisson, poisson];
  const x2 = pearsonX2(otherCounts, otherWords, c / w);
  const df = otherCounts.length - 1;
  return [Math.min(1000, poisson * Math.max(1, x2 / df)), Math.min(1000, poisson * Math.max(1, x2 / chiSquaredQuantile(0.1, df)))];
}

/**
 * Zero-inflated scenarios like the news sample of notebook 07 (6 outlets × 9 articles of a few
 * hundred words): few documents of about 200 words in 6 paragraphs, a category that only some
 * documents carry (probability `presence`), at about 10 per 1000 words where they do (Gamma, CV 1),
 * so its population rate is 10 × presence. Two identical groups, for the rate ratio.
 */
function sparseIntervalScenarios(): Array<{ name: string; group: GroupSpec; truth: number }> {
  const make = (documents: number, presence: number, sigma?: number) => ({
    name: `${documents} documents of ~200 words, ${Math.round(presence * 100)} % carry the category at ~10 per 1000${sigma ? `, document lengths spread (σ ${sigma})` : ''}`,
    group: { label: '', documents, rates: [10 * presence], presence, paragraphs: 6, length: 30, documentLengthSigma: sigma },
    truth: 10 * presence,
  });
  return [make(9, 0.15), make(9, 0.3), make(9, 0.15, 0.8), make(9, 0.3, 0.8), make(20, 0.15), make(20, 0.3)];
}

class Tally {
  readonly measures = new Map<string, Measure>();
  private readonly highs = new Map<string, number[]>();
  /** One replicate's result; `high`, the interval's upper end, is recorded when given (null: no interval). */
  add(what: string, scenario: string, kind: Measure['kind'], method: string, hit: boolean | null, high?: number | null): void {
    const key = `${what}\u0000${scenario}\u0000${kind}\u0000${method}`;
    let m = this.measures.get(key);
    if (!m) {
      m = { what, scenario, kind, method, hits: 0, replicates: 0, empty: 0 };
      this.measures.set(key, m);
    }
    m.replicates++;
    if (hit === null) m.empty++;
    else if (hit) m.hits++;
    if (high !== undefined && high !== null && !Number.isNaN(high)) {
      if (!this.highs.has(key)) this.highs.set(key, []);
      this.highs.get(key)!.push(high);
    }
  }
  /** The measures, each with the median, 90th percentile and largest of its recorded upper ends. */
  results(): Measure[] {
    for (const [key, hs] of this.highs) {
      const sorted = [...hs].sort((a, b) => a - b);
      const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
      this.measures.get(key)!.upper = { median: at(0.5), p90: at(0.9), max: sorted[sorted.length - 1] };
    }
    return [...this.measures.values()];
  }
}

const TREND_DIFFERENCE_WHAT = 'compare --by --date: trend differs between groups';
const TREND_DIFFERENCE_TEST = 'Cochran Q of the groups’ word-weighted slopes of document rates on period, HC3 variances with a Poisson floor, each group’s deviation skew-corrected by Hall’s transformation, group labels permuted within periods (Cochran 1954; MacKinnon & White 1985; Hall 1992; Chung & Romano 2013)';

const COOC_TEST = 'Cochran–Mantel–Haenszel over document × length-quartile strata (Mantel & Haenszel 1959)';

/** Strata: the indexes of the rows sharing a key, in order of first appearance. */
function strataOf(keys: readonly string[]): number[][] {
  const m = new Map<string, number[]>();
  keys.forEach((k, i) => {
    if (!m.has(k)) m.set(k, []);
    m.get(k)!.push(i);
  });
  return [...m.values()];
}

/** Classes of paragraph length: 0 … classes − 1 by the quantiles of the words (as cooccurrenceTests cuts quartiles). */
function lengthClassesOf(words: readonly number[], classes: number): number[] {
  const sorted = [...words].sort((a, b) => a - b);
  const cuts = Array.from({ length: classes - 1 }, (_, k) => sorted[Math.floor(((k + 1) * sorted.length) / classes)]);
  return words.map((w) => cuts.filter((c) => w >= c).length);
}

/**
 * The alternatives framelab's co-occurrence test is compared with, on the first two categories of a
 * simulated table: the Cochran–Mantel–Haenszel χ² over coarser strata (documents alone; documents ×
 * paragraph-length halves), the same O − E statistic over document × length-quartile strata with
 * its p from shuffling the second category's presence within each stratum (the Monte Carlo form of
 * the exact conditional test of a common odds ratio of 1), and a cluster-robust score test (each
 * document's Σ (O − E) over its strata, variance from their squares, two-sided normal p).
 */
function cooccurrenceAlternatives(table: FrameTable, permutations: number, rnd: Rnd): Array<[string, number | null]> {
  const rows = table.rows;
  const a = rows.map((r) => ((r.c1 as number) > 0 ? 1 : 0));
  const b = rows.map((r) => ((r.c2 as number) > 0 ? 1 : 0));
  const docs = rows.map((r) => String(r.doc));
  const words = rows.map((r) => r.tokens as number);
  const quartile = lengthClassesOf(words, 4);
  const half = lengthClassesOf(words, 2);
  const tables = (strata: number[][], y: readonly number[]): Table2x2[] =>
    strata.map((idx) => {
      const t: [number, number, number, number] = [0, 0, 0, 0];
      for (const i of idx) t[(a[i] ? 0 : 2) + (y[i] ? 0 : 1)]++;
      return t;
    });
  const byDocQuartile = strataOf(docs.map((d, i) => `${d}\u0000${quartile[i]}`));
  const oMinusE = (strata: number[][], y: readonly number[]) =>
    strata.map((idx) => {
      let o = 0;
      let r1 = 0;
      let c1 = 0;
      for (const i of idx) {
        o += a[i] * y[i];
        r1 += a[i];
        c1 += y[i];
      }
      return o - (r1 * c1) / idx.length;
    });
  const informative = mantelHaenszel(tables(byDocQuartile, b)).p;
  // conditional test by shuffling within strata
  let perm: number | null = null;
  if (!Number.isNaN(informative)) {
    const observed = Math.abs(oMinusE(byDocQuartile, b).reduce((x, y) => x + y, 0));
    const y = [...b];
    let extreme = 0;
    for (let k = 0; k < permutations; k++) {
      shuffleWithin(y, byDocQuartile, rnd);
      if (Math.abs(oMinusE(byDocQuartile, y).reduce((x, v) => x + v, 0)) >= observed - 1e-9) extreme++;
    }
    perm = (extreme + 1) / (permutations + 1);
  }
  // cluster-robust score test: documents' sums of O − E, variance Σ U² · D / (D − 1)
  const perDoc = new Map<string, number>();
  oMinusE(byDocQuartile, b).forEach((u, k) => perDoc.set(docs[byDocQuartile[k][0]], (perDoc.get(docs[byDocQuartile[k][0]]) ?? 0) + u));
  const us = [...perDoc.values()];
  const total = us.reduce((x, y) => x + y, 0);
  const ss = (us.reduce((x, y) => x + y * y, 0) * us.length) / (us.length - 1);
  let robust: number | null = null;
  if (ss > 0) {
    const z = Math.abs(total) / Math.sqrt(ss);
    // two-sided normal p by bisection on the normal quantile (the library has the quantile, not the distribution function)
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (normalQuantile(1 - mid / 2) > z) lo = mid;
      else hi = mid;
    }
    robust = (lo + hi) / 2;
  }
  const nan = (p: number) => (Number.isNaN(p) ? null : p);
  return [
    ['alternative: Cochran–Mantel–Haenszel over documents alone (Mantel & Haenszel 1959)', nan(mantelHaenszel(tables(strataOf(docs), b)).p)],
    ['alternative: Cochran–Mantel–Haenszel over document × length-half strata', nan(mantelHaenszel(tables(strataOf(docs.map((d, i) => `${d}\u0000${half[i]}`)), b)).p)],
    ['alternative: conditional test, presence shuffled within document × length-quartile strata (Monte Carlo exact; Birch 1964; Mehta, Patel & Gray 1985)', perm],
    ['alternative: cluster-robust score test, documents’ Σ(O − E) over their strata (Liang & Zeger 1986)', robust],
  ];
}

const covers = (low: number | null, high: number | null, truth: number): boolean | null =>
  low === null || high === null || Number.isNaN(low) || Number.isNaN(high) ? null : low <= truth && truth <= high;
const rejects = (p: number | null): boolean | null => (p === null || Number.isNaN(p) ? null : p <= 0.05);

/** Two-group comparison scenarios: [name, groups under the null]. */
function compareScenarios(): Array<{ name: string; groups: GroupSpec[]; effect: number }> {
  return [
    { name: 'equal spread, 20 vs 20 documents', groups: [{ label: 'A', documents: 20, rates: [5] }, { label: 'B', documents: 20, rates: [5] }], effect: 2 },
    { name: 'unequal spread: 10 documents CV 1.5 vs 30 CV 0.5', groups: [{ label: 'A', documents: 10, rates: [5], cv: 1.5 }, { label: 'B', documents: 30, rates: [5], cv: 0.5 }], effect: 2.5 },
    { name: 'unequal spread: 30 documents CV 1.5 vs 10 CV 0.5', groups: [{ label: 'A', documents: 30, rates: [5], cv: 1.5 }, { label: 'B', documents: 10, rates: [5], cv: 0.5 }], effect: 2 },
    { name: 'unequal lengths: paragraphs 3× longer in A, 20 vs 20', groups: [{ label: 'A', documents: 20, rates: [5], length: 180 }, { label: 'B', documents: 20, rates: [5], length: 60 }], effect: 2 },
    { name: 'sparse category (0.3 per 1000), 20 vs 20', groups: [{ label: 'A', documents: 20, rates: [0.3] }, { label: 'B', documents: 20, rates: [0.3] }], effect: 4 },
    {
      name: 'three groups: 10 CV 1.5, 20 CV 1, 30 CV 0.5',
      groups: [{ label: 'A', documents: 10, rates: [5], cv: 1.5 }, { label: 'B', documents: 20, rates: [5], cv: 1 }, { label: 'C', documents: 30, rates: [5], cv: 0.5 }],
      effect: 2.5,
    },
  ];
}

/** A document of a trend-difference replicate: its group, period index, words and matches of the first category. */
interface TrendDoc {
  group: number;
  period: number;
  words: number;
  count: number;
}

/**
 * Each group's weighted least-squares slope of its documents' values `y` on the period index
 * (weights `w`), with the HC3 sandwich variance of the slope (MacKinnon & White 1985); null for a
 * group with fewer than three documents or a single period.
 */
function groupSlopes(docs: readonly TrendDoc[], y: readonly number[], w: readonly number[], labels: readonly number[], groups: number): Array<{ slope: number; variance: number; n: number } | null> {
  const out: Array<{ slope: number; variance: number; n: number } | null> = [];
  for (let g = 0; g < groups; g++) {
    let sw = 0;
    let st = 0;
    let sy = 0;
    let n = 0;
    for (let i = 0; i < docs.length; i++) {
      if (labels[i] !== g) continue;
      n++;
      sw += w[i];
      st += w[i] * docs[i].period;
      sy += w[i] * y[i];
    }
    if (n < 3) {
      out.push(null);
      continue;
    }
    const tm = st / sw;
    const ym = sy / sw;
    let sxx = 0;
    let sxy = 0;
    for (let i = 0; i < docs.length; i++) {
      if (labels[i] !== g) continue;
      sxx += w[i] * (docs[i].period - tm) ** 2;
      sxy += w[i] * (docs[i].period - tm) * (y[i] - ym);
    }
    if (sxx <= 0) {
      out.push(null);
      continue;
    }
    const slope = sxy / sxx;
    let meat = 0;
    for (let i = 0; i < docs.length; i++) {
      if (labels[i] !== g) continue;
      const x = docs[i].period - tm;
      const e = y[i] - ym - slope * x;
      const h = w[i] / sw + (w[i] * x * x) / sxx;
      meat += (w[i] * x * e) ** 2 / Math.max(1e-9, 1 - h) ** 2;
    }
    out.push({ slope, variance: meat / (sxx * sxx), n });
  }
  return out;
}

/**
 * The alternatives framelab's trend-difference test is compared with: the spread of the groups'
 * word-weighted slopes of document rates on the period, Σ (b_g − mean b)² (for two groups half the
 * squared difference of the slopes), framelab's statistic without studentizing; and Cochran's Q
 * of the groups' slopes of the documents' log rates, log((matches + ½)/words), each document one
 * unit, Σ (b_g − b̄)² / v_g with HC3 variances around the precision-weighted mean b̄: these p by
 * shuffling group labels among the documents of each period, as framelab's test does. Last, the
 * spread of the rate slopes with p by permuting the documents' periods within each group instead.
 */
function trendDifferenceAlternatives(docs: readonly TrendDoc[], groups: number, permutations: number, rnd: Rnd): Array<[string, number | null]> {
  const rate = docs.map((d) => d.count / d.words);
  const words = docs.map((d) => d.words);
  const logRate = docs.map((d) => Math.log((d.count + 0.5) / d.words));
  const ones = docs.map(() => 1);
  const q = (s: Array<{ slope: number; variance: number } | null>): number | null => {
    const ok = s.filter((x): x is { slope: number; variance: number } => x !== null);
    if (ok.length < 2 || ok.some((x) => x.variance <= 0)) return null;
    const wsum = ok.reduce((a, x) => a + 1 / x.variance, 0);
    const wmean = ok.reduce((a, x) => a + x.slope / x.variance, 0) / wsum;
    return ok.reduce((a, x) => a + (x.slope - wmean) ** 2 / x.variance, 0);
  };
  const stats = (labels: readonly number[]): Array<number | null> => {
    const s = groupSlopes(docs, rate, words, labels, groups);
    const ok = s.filter((x): x is { slope: number; variance: number; n: number } => x !== null);
    const mean = ok.reduce((a, x) => a + x.slope, 0) / ok.length;
    const plain = ok.length < 2 ? null : ok.reduce((a, x) => a + (x.slope - mean) ** 2, 0);
    return [plain, q(groupSlopes(docs, logRate, ones, labels, groups))];
  };
  const observed = stats(docs.map((d) => d.group));
  const byPeriod = new Map<number, number[]>();
  docs.forEach((d, i) => {
    if (!byPeriod.has(d.period)) byPeriod.set(d.period, []);
    byPeriod.get(d.period)!.push(i);
  });
  const labels = docs.map((d) => d.group);
  const extreme = observed.map(() => 0);
  for (let b = 0; b < permutations; b++) {
    shuffleWithin(labels, byPeriod.values(), rnd);
    const s = stats(labels);
    observed.forEach((o, k) => {
      if (o !== null && s[k] !== null && s[k]! >= o - 1e-12) extreme[k]++;
    });
  }
  const p = (k: number) => (observed[k] === null ? null : (extreme[k] + 1) / (permutations + 1));
  // documents' periods permuted within each group: every group keeps its own documents, so its
  // slope's permutation spread is its own (exact with no trend anywhere, conservative with a common one)
  const periodsOf = docs.map((d) => d.period);
  const own = docs.map((d) => d.group);
  const members = Array.from({ length: groups }, (_, g) => own.map((x, i) => (x === g ? i : -1)).filter((i) => i >= 0));
  const spreadWithin = (periods: readonly number[]): number | null => {
    const moved = docs.map((d, i) => ({ ...d, period: periods[i] }));
    const ok = groupSlopes(moved, rate, words, own, groups).filter((x): x is { slope: number; variance: number; n: number } => x !== null);
    if (ok.length < 2) return null;
    const mean = ok.reduce((a, x) => a + x.slope, 0) / ok.length;
    return ok.reduce((a, x) => a + (x.slope - mean) ** 2, 0);
  };
  const within = spreadWithin(periodsOf);
  let withinExtreme = 0;
  const shuffled = [...periodsOf];
  for (let b = 0; within !== null && b < permutations; b++) {
    shuffleWithin(shuffled, members, rnd);
    const s = spreadWithin(shuffled);
    if (s !== null && s >= within - 1e-12 * Math.max(1, within)) withinExtreme++;
  }
  return [
    ['alternative: spread of the groups’ word-weighted OLS slopes of document rates on period, group labels permuted within periods', p(0)],
    ['alternative: Cochran Q of the groups’ OLS slopes of document log rates log((matches + ½)/words) on period, HC3 variances, group labels permuted within periods', p(1)],
    ['alternative: spread of the groups’ word-weighted OLS slopes of document rates on period, documents’ periods permuted within groups (Manly 2007)', within === null ? null : (withinExtreme + 1) / (permutations + 1)],
  ];
}

/** Trend-difference scenarios: groups under the null, and the alternative (a trend in one group only). */
function trendDifferenceScenarios(): Array<{ name: string; groups: GroupSpec[]; alternative: GroupSpec[] }> {
  // a corpus that grows and thins out unevenly over the years
  const seven = [1, 2, 3, 4, 3, 2, 1];
  const six = [3, 1, 1, 2, 2, 3];
  const eight = [1, 1, 2, 2, 3, 3, 4, 4];
  const a = (documents: number, cv: number, periodWeights: number[], trend = 0): GroupSpec => ({ label: '', documents, rates: [5], cv, periodWeights, trend });
  const named = (gs: GroupSpec[]) => gs.map((g, i) => ({ ...g, label: 'ABC'[i] }));
  return [
    {
      name: 'no trend: 10 documents CV 1.5 vs 30 CV 0.5 over 7 years (1:2:3:4:3:2:1)',
      groups: named([a(10, 1.5, seven), a(30, 0.5, seven)]),
      alternative: named([a(10, 1.5, seven), a(30, 0.5, seven, 2)]),
    },
    {
      name: 'the same trend (×2 over the span): 10 documents CV 1.5 vs 30 CV 0.5 over 6 years (3:1:1:2:2:3)',
      groups: named([a(10, 1.5, six, 1), a(30, 0.5, six, 1)]),
      alternative: named([a(10, 1.5, six, 0), a(30, 0.5, six, 1)]),
    },
    {
      name: 'the same trend (×2 over the span): 30 documents CV 1.5 vs 10 CV 0.5 over 8 years (1:1:2:2:3:3:4:4 and 4:4:3:3:2:2:1:1)',
      groups: named([a(30, 1.5, eight, 1), a(10, 0.5, [...eight].reverse(), 1)]),
      alternative: named([a(30, 1.5, eight, 0), a(10, 0.5, [...eight].reverse(), 1)]),
    },
    {
      name: 'three groups, no trend: 10 CV 1.5, 20 CV 1, 30 CV 0.5 over 8 years (1:1:2:2:3:3:4:4)',
      groups: named([a(10, 1.5, eight), a(20, 1, eight), a(30, 0.5, eight)]),
      alternative: named([a(10, 1.5, eight), a(20, 1, eight), a(30, 0.5, eight, 2)]),
    },
    {
      name: 'three groups, the same trend (×2 over the span): 10 CV 1.5, 20 CV 1, 30 CV 0.5 over 7 years (1:2:3:4:3:2:1)',
      groups: named([a(10, 1.5, seven, 1), a(20, 1, seven, 1), a(30, 0.5, seven, 1)]),
      alternative: named([a(10, 1.5, seven, 1), a(20, 1, seven, 1), a(30, 0.5, seven, 0)]),
    },
  ];
}

/** Runs the calibration and returns its measures. */
export function calibrate(size: CalibrationSize, progress: (line: string) => void = () => undefined): Measure[] {
  const tally = new Tally();
  const want = (part: string) => !size.only || size.only.includes(part);
  const wantScenario = (name: string) => !size.scenario || name.includes(size.scenario);
  const nullReps = (name: string) => Object.entries(size.moreReplicates ?? {}).find(([key]) => name.includes(key))?.[1] ?? size.nullReplicates;
  const altReps = (name: string) => Object.entries(size.moreAltReplicates ?? {}).find(([key]) => name.includes(key))?.[1] ?? size.altReplicates;
  const opts = { permutations: size.permutations, replicates: size.resamples };
  let stream = 0;
  const source = () => seededRandom((size.seed + 1000003 * ++stream) >>> 0);

  if (want('compare')) {
    for (const sc of compareScenarios()) {
      for (const alt of [false, true]) {
        const rnd = source();
        if (!wantScenario(sc.name)) continue;
        const reps = alt ? altReps(sc.name) : nullReps(sc.name);
        const kind = alt ? 'power' : 'level';
        for (let r = 0; r < reps; r++) {
          const groups = sc.groups.map((g, i) => (alt && i === 0 ? { ...g, rates: g.rates.map((x) => x * sc.effect) } : g));
          const table = simulateCorpus(groups, rnd);
          const rows = compareGroups(table, ['group'], { ...opts, seed: (size.seed + r) >>> 0 });
          const row = rows[0];
          tally.add('compare --by: rate differs between groups', sc.name, kind, groups.length === 2 ? GROUP_TEST_2 : GROUP_TEST_K, rejects(row.p));
          tally.add('compare --by: rate differs between groups', sc.name, kind, 'p_words: G² χ², words as units (printed for reference)', rejects(row.p_words));
          const docs = documentTotals(table);
          const byGroup = groups.map((g) => docs.filter((d) => d.row.group === g.label));
          const g2 = row.g2;
          tally.add(
            'compare --by: rate differs between groups',
            sc.name,
            kind,
            'replaced: G² with documents shuffled (not studentized)',
            g2 === null ? null : g2DocumentPermutation(byGroup, 0, g2, size.permutations, seededRandom(size.seed + r)) <= 0.05,
          );
          const counts = byGroup.map((g) => g.map((d) => d.counts[0]));
          const words = byGroup.map((g) => g.map((d) => d.words));
          if (groups.length > 2) {
            const f = studentizedPermutation(counts, words, { permutations: size.permutations, rnd: seededRandom(size.seed + r), test: welchFTest });
            tally.add('compare --by: rate differs between groups', sc.name, kind, 'replaced: Welch F of log rates, HC3 document variances, documents permuted (Welch 1951; Chung & Romano 2013)', rejects(f.p));
          }
          if (!alt && groups.length === 2) {
            const truth = 1;
            tally.add('compare --by: rate ratio 95 % interval', sc.name, 'coverage', RATIO_INTERVAL, covers(row.rr_low, row.rr_high, truth));
            const delta = clusteredRateRatio(counts[0], words[0], counts[1], words[1], { method: 'welch' });
            tally.add('compare --by: rate ratio 95 % interval', sc.name, 'coverage', 'replaced: delta method on logs, HC3 document variances, Welch–Satterthwaite t', covers(delta.low, delta.high, truth));
            rows.forEach((g, gi) =>
              tally.add('compare --by: group rate 95 % interval', `${sc.name} (group ${g.group})`, 'coverage', RATE_INTERVAL_FLOOR, covers(g.ci_low, g.ci_high, groups[gi].rates[0])),
            );
            // the groups without a match, apart: framelab's bound (borrowing from the other group) and the Poisson bound it replaced
            rows.forEach((g, gi) => {
              if (g.count !== 0) return;
              const truth = groups[gi].rates[0];
              tally.add('compare --by: group rate 95 % interval', `${sc.name} (group ${g.group}), ${WITHOUT_MATCH}`, 'coverage', ZERO_BOUND, covers(g.ci_low, g.ci_high, truth), g.ci_high);
              const poisson = poissonBound(g.words);
              tally.add('compare --by: group rate 95 % interval', `${sc.name} (group ${g.group}), ${WITHOUT_MATCH}`, 'coverage', ZERO_POISSON, covers(0, poisson, truth), poisson);
            });
          }
        }
        progress(`compare · ${sc.name} · ${kind}`);
      }
    }
  }

  if (want('intervals')) {
    // group-rate intervals by documents per group, and the rate ratio by base rate
    for (const n of [2, 5, 10, 20]) {
      const rnd = source();
      if (!wantScenario(`${n} documents, CV 1, 5 per 1000`)) continue;
      for (let r = 0; r < size.nullReplicates; r++) {
        const table = simulateCorpus([{ label: 'A', documents: n, rates: [5] }], rnd);
        const [row] = categoryStatistics(table, { ...opts, seed: (size.seed + r) >>> 0 });
        const name = `${n} documents, CV 1, 5 per 1000`;
        tally.add('stats / compare: rate 95 % interval', name, 'coverage', RATE_INTERVAL_FLOOR, covers(Number.isNaN(row.ci_low) ? null : row.ci_low, Number.isNaN(row.ci_high) ? null : row.ci_high, 5), Number.isNaN(row.ci_high) ? null : row.ci_high);
        // the replaced interval and the alternative on the same documents (they draw nothing)
        const docs = documentTotals(table);
        const c = docs.map((d) => d.counts[0]);
        const w = docs.map((d) => d.words);
        const old = replacedInterval(c, w);
        tally.add('stats / compare: rate 95 % interval', name, 'coverage', RATE_INTERVAL_NO_FLOOR, covers(old.low, old.high, 5), old.high);
        const od = c.some((x) => x > 0) ? overdispersedPoissonInterval(c, w) : [old.low, old.high];
        tally.add('stats / compare: rate 95 % interval', name, 'coverage', OVERDISPERSED_INTERVAL, od === null ? null : covers(od[0], od[1], 5), od === null ? null : od[1]);
        // a corpus without a match: `stats` has no other group to borrow from
        if (row.total === 0) {
          const poisson = poissonBound(row.words);
          tally.add('stats / compare: rate 95 % interval', `${name}, ${WITHOUT_MATCH}`, 'coverage', ZERO_NOTHING_TO_BORROW, covers(0, poisson, 5), poisson);
        }
      }
      progress(`intervals · ${n} documents`);
    }
    for (const base of [25, 10, 4, 1]) {
      const rnd = source();
      if (!wantScenario(`rates ${base} / ${base} per 1000, 20 vs 20 documents`)) continue;
      for (let r = 0; r < size.nullReplicates; r++) {
        const table = simulateCorpus([{ label: 'A', documents: 20, rates: [base] }, { label: 'B', documents: 20, rates: [base] }], rnd);
        const [row] = compareGroups(table, ['group'], { ...opts, permutations: 1, seed: (size.seed + r) >>> 0 });
        tally.add('compare --by: rate ratio 95 % interval', `rates ${base} / ${base} per 1000, 20 vs 20 documents`, 'coverage', RATIO_INTERVAL, covers(row.rr_low, row.rr_high, 1));
      }
      progress(`intervals · rate ratio at ${base}`);
    }
  }

  if (want('correlations')) {
    const scenarios: Array<{ name: string; groups: GroupSpec[]; shape: (alt: boolean) => SimulationShape; unit: 'document' | 'paragraph' }> = [
      { name: '40 documents, CV 1, rates 5 and 3 per 1000', groups: [{ label: 'A', documents: 40, rates: [5, 3] }], shape: (alt) => ({ shared: alt ? 0.6 : 0 }), unit: 'document' },
      { name: 'one text of 120 paragraphs (paragraph CV 1), rates 20 and 15 per 1000', groups: [{ label: 'A', documents: 1, rates: [20, 15], paragraphs: 120 }], shape: (alt) => ({ paragraphCv: 1, topic: alt ? 0.3 : undefined, topicBoost: 3 }), unit: 'paragraph' },
    ];
    for (const sc of scenarios) {
      for (const alt of [false, true]) {
        const rnd = source();
        const reps = alt ? size.altReplicates : size.nullReplicates;
        for (let r = 0; r < reps; r++) {
          const table = simulateCorpus(sc.groups, rnd, sc.shape(alt));
          const [row] = categoryCorrelations(table, { ...opts, unit: sc.unit, seed: (size.seed + r) >>> 0 });
          const kind = alt ? 'power' : 'level';
          tally.add(`stats correlations (unit ${sc.unit})`, sc.name, kind, 'Pearson r, studentized permutation (DiCiccio & Romano 2017)', rejects(row.pearson_p));
          tally.add(`stats correlations (unit ${sc.unit})`, sc.name, kind, 'Spearman ρ, studentized permutation (DiCiccio & Romano 2017)', rejects(row.spearman_p));
          if (!alt) tally.add(`stats correlations (unit ${sc.unit})`, sc.name, 'coverage', "Fisher's z interval of r (covers 0)", covers(row.pearson_low, row.pearson_high, 0));
        }
        progress(`correlations · ${sc.name} · ${alt ? 'power' : 'level'}`);
      }
    }
  }

  if (want('cooccurrence')) {
    const scenarios: Array<{ name: string; groups: GroupSpec[]; unit: 'document' | 'paragraph' }> = [
      { name: '40 documents, CV 1, rates 8 and 5 per 1000', groups: [{ label: 'A', documents: 40, rates: [8, 5] }], unit: 'document' },
      { name: '40 documents, sparse: 1 and 0.5 per 1000', groups: [{ label: 'A', documents: 40, rates: [1, 0.5] }], unit: 'document' },
    ];
    for (const sc of scenarios) {
      for (const alt of [false, true]) {
        const rnd = source();
        if (!wantScenario(sc.name)) continue;
        const reps = alt ? altReps(sc.name) : nullReps(sc.name);
        for (let r = 0; r < reps; r++) {
          const table = simulateCorpus(sc.groups, rnd, { topic: alt ? 0.2 : undefined, topicBoost: 4 });
          const [row] = cooccurrenceTests(table, { unit: sc.unit });
          const kind = alt ? 'power' : 'level';
          tally.add('stats cooccurrence', sc.name, kind, COOC_TEST, rejects(row.p));
          tally.add('stats cooccurrence', sc.name, kind, "replaced: Fisher's exact test of the pooled table", rejects(row.fisher_p));
          for (const [method, p] of cooccurrenceAlternatives(table, size.permutations, seededRandom((size.seed + r) >>> 0))) tally.add('stats cooccurrence', sc.name, kind, method, rejects(p));
          if (!alt) tally.add('stats cooccurrence', sc.name, 'coverage', 'Mantel–Haenszel odds ratio, Robins–Breslow–Greenland interval (covers 1)', covers(Number.isNaN(row.or_low) ? null : row.or_low, Number.isNaN(row.or_high) ? null : row.or_high, 1));
        }
        progress(`cooccurrence · ${sc.name} · ${alt ? 'power' : 'level'}`);
      }
    }
  }

  if (want('trend')) {
    for (const periods of [3, 5]) {
      for (const alt of [false, true]) {
        const rnd = source();
        const reps = alt ? size.altReplicates : size.nullReplicates;
        for (let r = 0; r < reps; r++) {
          const table = simulateCorpus([{ label: 'A', documents: 40, rates: [5], periods, trend: alt ? 2 : 0 }], rnd);
          const { rows } = timeSeries(table, 'date', 'year', { ...opts, seed: (size.seed + r) >>> 0 });
          const name = `40 documents over ${periods} years${alt ? ', rate ×3 over the span' : ''}`;
          const kind = alt ? 'power' : 'level';
          tally.add('compare --date: trend', name.replace(', rate ×3 over the span', ''), kind, 'slope of document rates, documents’ periods permuted (Manly 2007)', rejects(rows[0].p));
          const series = rows.filter((x) => x.words > 0).map((x) => x.rate_per_1k as number);
          tally.add('compare --date: trend', name.replace(', rate ×3 over the span', ''), kind, 'replaced: Spearman ρ of period rates, periods permuted', rejects(trendTest(series, { permutations: size.permutations, seed: size.seed + r }).p));
        }
        progress(`trend · ${periods} periods · ${alt ? 'power' : 'level'}`);
      }
    }
  }

  if (want('validate')) {
    // 80 coded paragraphs, 30 % with the category; the dictionary finds 80 % of them and 3 % of the others
    const truthP = (0.3 * 0.8) / (0.3 * 0.8 + 0.7 * 0.03);
    const truthR = 0.8;
    const truthF = (2 * truthP * truthR) / (truthP + truthR);
    for (const [name, n, fpRate] of [
      ['80 coded paragraphs, precision .92, recall .80', 80, 0.03],
      ['30 coded paragraphs, no false positives (precision 1)', 30, 0],
    ] as const) {
      const rnd = source();
      const tp = fpRate === 0 ? 1 : truthP;
      const tf = (2 * tp * truthR) / (tp + truthR);
      for (let r = 0; r < size.nullReplicates; r++) {
        const pairs = Array.from({ length: n }, () => {
          const coded = rnd() < 0.3 ? 1 : 0;
          const found = coded ? rnd() < 0.8 : rnd() < fpRate;
          return { coded, dictionary: found ? 1 : 0 };
        });
        const m = presenceMetrics(pairs, { replicates: size.resamples, seed: size.seed + r });
        tally.add('validate: precision 95 % interval', name, 'coverage', 'Wilson score interval (unweighted sample)', covers(m.precision_low, m.precision_high, tp));
        tally.add('validate: recall 95 % interval', name, 'coverage', 'Wilson score interval (unweighted sample)', covers(m.recall_low, m.recall_high, truthR));
        tally.add('validate: F1 95 % interval', name, 'coverage', 'percentile bootstrap, F1 = 2TP/(2TP+FP+FN) in every resample; Wilson carried through 2x/(1+x) with no FP or no FN', covers(m.f1_low, m.f1_high, fpRate === 0 ? tf : truthF));
      }
      progress(`validate · ${name}`);
    }
  }
  if (want('trend-groups')) {
    // drawn after every other part, so that adding it left the others' streams (and rows) as they were
    for (const sc of trendDifferenceScenarios()) {
      for (const alt of [false, true]) {
        const rnd = source();
        if (!wantScenario(sc.name)) continue;
        const reps = alt ? altReps(sc.name) : nullReps(sc.name);
        const kind = alt ? 'power' : 'level';
        for (let r = 0; r < reps; r++) {
          const table = simulateCorpus(alt ? sc.alternative : sc.groups, rnd);
          const [row] = trendDifference(table, ['group'], 'date', 'year', { permutations: size.permutations, seed: (size.seed + r) >>> 0 });
          tally.add(TREND_DIFFERENCE_WHAT, sc.name, kind, TREND_DIFFERENCE_TEST, rejects(row.p));
          const [old] = trendDifference(table, ['group'], 'date', 'year', { permutations: size.permutations, seed: (size.seed + r) >>> 0, statistic: 'spread' });
          tally.add(TREND_DIFFERENCE_WHAT, sc.name, kind, 'replaced: spread of the groups’ Spearman ρ of period rates against time, group labels permuted within periods', rejects(old.p));
          const labels = sc.groups.map((g) => g.label);
          const docs: TrendDoc[] = documentTotals(table).map((d) => ({ group: labels.indexOf(String(d.row.group)), period: Number(String(d.row.date).slice(0, 4)) - 2000, words: d.words, count: d.counts[0] }));
          for (const [method, p] of trendDifferenceAlternatives(docs, labels.length, size.permutations, seededRandom((size.seed + r) >>> 0))) tally.add(TREND_DIFFERENCE_WHAT, sc.name, kind, method, rejects(p));
        }
        progress(`trend-groups · ${sc.name} · ${kind}`);
      }
    }
  }
  if (want('sparse-intervals')) {
    // drawn after every other part, so that adding it left the others' streams (and rows) as they were
    for (const sc of sparseIntervalScenarios()) {
      const rnd = source();
      if (!wantScenario(sc.name)) continue;
      for (let r = 0; r < nullReps(sc.name); r++) {
        const table = simulateCorpus([{ ...sc.group, label: 'A' }, { ...sc.group, label: 'B' }], rnd);
        const rows = compareGroups(table, ['group'], { ...opts, permutations: 1, seed: (size.seed + r) >>> 0 });
        const a = rows.find((x) => x.group === 'A')!;
        const docs = documentTotals(table);
        const of = (g: string) => docs.filter((d) => d.row.group === g);
        const c = of('A').map((d) => d.counts[0]);
        const w = of('A').map((d) => d.words);
        const what = 'stats / compare: rate 95 % interval';
        tally.add(what, sc.name, 'coverage', RATE_INTERVAL_FLOOR, covers(a.ci_low, a.ci_high, sc.truth), a.ci_high);
        const old = replacedInterval(c, w);
        tally.add(what, sc.name, 'coverage', RATE_INTERVAL_NO_FLOOR, covers(old.low, old.high, sc.truth), old.high);
        const od = c.some((x) => x > 0) ? overdispersedPoissonInterval(c, w) : [old.low, old.high];
        tally.add(what, sc.name, 'coverage', OVERDISPERSED_INTERVAL, od === null ? null : covers(od[0], od[1], sc.truth), od === null ? null : od[1]);
        // the same, counting only corpora where the group has a match: a group without one gets the Poisson bound, which ignores how documents differ
        const matched = c.some((x) => x > 0);
        tally.add(what, `${sc.name}, corpora with a match`, 'coverage', RATE_INTERVAL_FLOOR, matched ? covers(a.ci_low, a.ci_high, sc.truth) : null, matched ? a.ci_high : null);
        tally.add(what, `${sc.name}, corpora with a match`, 'coverage', RATE_INTERVAL_NO_FLOOR, matched ? covers(old.low, old.high, sc.truth) : null, matched ? old.high : null);
        // the Poisson bound this replaced for a group without a match, overall and on those groups apart, beside framelab's and the quasi-Poisson alternatives
        const poissonAtZero = matched ? rateInterval(c, w) : { low: 0, high: poissonBound(w.reduce((x, y) => x + y, 0)) };
        tally.add(what, sc.name, 'coverage', RATE_INTERVAL_POISSON_AT_ZERO, covers(poissonAtZero.low, poissonAtZero.high, sc.truth), poissonAtZero.high);
        // the Poisson bound where no group has a match to borrow from, instead of no interval
        const otherMatched = of('B').some((d) => d.counts[0] > 0);
        const unborrowed = !matched && !otherMatched ? poissonAtZero : { low: a.ci_low, high: a.ci_high };
        tally.add(what, sc.name, 'coverage', RATE_INTERVAL_POISSON_UNBORROWED, covers(unborrowed.low, unborrowed.high, sc.truth), unborrowed.high);
        if (!matched) {
          const zero = `${sc.name}, ${WITHOUT_MATCH}`;
          tally.add(what, zero, 'coverage', ZERO_BOUND, covers(a.ci_low, a.ci_high, sc.truth), a.ci_high);
          tally.add(what, zero, 'coverage', ZERO_POISSON, covers(poissonAtZero.low, poissonAtZero.high, sc.truth), poissonAtZero.high);
          // the quasi-Poisson bounds borrow too: like framelab's, none when the other group has no match
          const [qp, qpUpper] = quasiPoissonZeroBounds(a.words, of('B').map((d) => d.counts[0]), of('B').map((d) => d.words));
          tally.add(what, zero, 'coverage', ZERO_QUASI, otherMatched ? covers(0, qp, sc.truth) : null, otherMatched ? qp : null);
          tally.add(what, zero, 'coverage', ZERO_QUASI_UPPER, otherMatched ? covers(0, qpUpper, sc.truth) : null, otherMatched ? qpUpper : null);
        }
        tally.add('compare --by: rate ratio 95 % interval', sc.name, 'coverage', RATIO_INTERVAL, covers(a.rr_low, a.rr_high, 1), a.rr_high);
        const oldRatio = clusteredRateRatio(c, w, of('B').map((d) => d.counts[0]), of('B').map((d) => d.words), { minMatchingUnits: 1, minDf: 0 });
        tally.add('compare --by: rate ratio 95 % interval', sc.name, 'coverage', RATIO_INTERVAL_NO_FLOOR, covers(oldRatio.low, oldRatio.high, 1), oldRatio.high);
      }
      progress(`sparse-intervals · ${sc.name}`);
    }
  }
  return tally.results();
}

const f3 = (x: number) => x.toFixed(3).replace(/^0/, '');

/** A scenario below the documented minimum (fewer than 5 documents): the method prints no interval there, except for a group without matches. */
const belowMinimum = (m: Measure) => /^[1-4] documents/.test(m.scenario);

/** Whether a method is one framelab prints as its inference (not a replaced method or a reference column). */
const isCurrent = (m: Measure) => !m.method.startsWith('replaced') && !m.method.startsWith('p_words') && !m.method.startsWith('alternative');

/** The target a measure is held to: level within [.035, .065]; coverage at least .93; power has none. */
export function meetsTarget(m: Measure): boolean | null {
  if (!isCurrent(m) || m.kind === 'power' || belowMinimum(m) || m.scenario.includes(WITHOUT_MATCH)) return null;
  const r = rateOf(m);
  return m.kind === 'level' ? r >= 0.035 && r <= 0.065 : r >= 0.93;
}

/** The calibration table in Markdown, one row per measure, and the power comparison. */
export function calibrationMarkdown(measures: readonly Measure[]): string {
  const lines = ['| what | scenario | measure | method (`test` column) | rate | MC SE | replicates | no result | target |', '|---|---|---|---|---|---|---|---|---|'];
  for (const m of measures) {
    const t = meetsTarget(m);
    lines.push(
      `| ${m.what} | ${m.scenario} | ${m.kind === 'level' ? 'type-I error at .05' : m.kind === 'power' ? 'power at .05' : '95 % coverage'} | ${m.method} | ${f3(rateOf(m))} | ${f3(mcSe(m))} | ${m.replicates} | ${m.empty} | ${belowMinimum(m) ? 'flagged: below the minimum of 5' : t === null ? '' : t ? 'met' : '**missed**'} |`,
    );
  }
  const power: string[] = [
    '| what | scenario | framelab method | its power | best alternative valid in every scenario of its table | its power | ratio | target (ratio ≥ 0.8) | best alternative that kept its level in this scenario only | its power | ratio |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  const levels = (what: string, method: string) => measures.filter((x) => x.kind === 'level' && x.what === what && x.method === method);
  const validEverywhere = (what: string, method: string) => {
    const l = levels(what, method);
    return l.length > 0 && l.every((x) => rateOf(x) <= 0.065);
  };
  const validHere = (what: string, scenario: string, method: string) => levels(what, method).some((x) => x.scenario === scenario && rateOf(x) <= 0.065);
  for (const m of measures.filter((x) => x.kind === 'power' && isCurrent(x))) {
    const rivals = measures
      .filter((x) => x.kind === 'power' && x.what === m.what && x.scenario === m.scenario && x.method !== m.method && !isCurrent(x))
      .sort((a, b) => rateOf(b) - rateOf(a));
    const best = rivals.find((x) => validEverywhere(x.what, x.method));
    const local = rivals.find((x) => !validEverywhere(x.what, x.method) && validHere(x.what, x.scenario, x.method));
    const ratio = (x: Measure | undefined) => (x && rateOf(x) > 0 ? rateOf(m) / rateOf(x) : NaN);
    power.push(
      `| ${m.what} | ${m.scenario} | ${m.method} | ${f3(rateOf(m))} | ${best ? best.method : 'none compared'} | ${best ? f3(rateOf(best)) : ''} | ${Number.isNaN(ratio(best)) ? '' : ratio(best).toFixed(2)} | ${best ? (rateOf(best) === 0 || ratio(best) >= 0.8 ? 'met' : '**missed**') : ''} | ${local ? local.method : ''} | ${local ? f3(rateOf(local)) : ''} | ${Number.isNaN(ratio(local)) ? '' : ratio(local).toFixed(2)} |`,
    );
  }
  const g3 = (x: number) => (x >= 1e4 ? x.toExponential(1) : x.toPrecision(3));
  const uppers = [
    '| what | scenario | method | coverage | no interval | upper end: median | 90th percentile | largest |',
    '|---|---|---|---|---|---|---|---|',
    ...measures
      .filter((m) => m.upper)
      .map((m) => `| ${m.what} | ${m.scenario} | ${m.method} | ${f3(rateOf(m))} | ${f3(m.empty / Math.max(1, m.replicates))} | ${g3(m.upper!.median)} | ${g3(m.upper!.p90)} | ${g3(m.upper!.max)} |`),
  ];
  return `${lines.join('\n')}\n\n### Upper ends of the intervals\n\nHow high the printed intervals reach (per 1000 words; for the rate ratio, the ratio), where it was recorded: over the replicates with an interval. "no interval" is the share of replicates without one. A rate's upper end is cut at 1000 per 1000 words, in the replaced rows too.\n\n${uppers.join('\n')}\n\n### Power beside the alternatives compared\n\nAn alternative is valid when its type-I error stays at or below .065 in every null scenario of its table (a user cannot tell from a corpus which scenario it is in); the target holds framelab's test to at least 0.8 of the power of the best of those. The last columns show, for information only, the best alternative that kept its level in this scenario but not in every one\n\n${power.join('\n')}`;
}
