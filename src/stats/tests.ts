import { chiSquaredSurvival, logFactorial } from './distributions';

/** A test statistic with its p-value and the name of the test. */
export interface TestResult {
  statistic: number;
  p: number;
  test: string;
}

const xlnx = (o: number, e: number) => (o > 0 ? o * Math.log(o / e) : 0);

/**
 * Log-likelihood G² of a word's frequency in two corpora, as Rayson & Garside (2000) compute it
 * for keyness: `a`, `b` the word's frequencies, `c`, `d` the corpus sizes;
 * E1 = c(a+b)/(c+d), E2 = d(a+b)/(c+d), G² = 2(a ln(a/E1) + b ln(b/E2)); p from χ² with 1 df.
 *
 * @example
 * // a=10 in c=1000 words, b=20 in d=5000: E1=5, E2=25, G² = 2(10 ln 2 + 20 ln 0.8) = 4.9372
 * logLikelihood(10, 20, 1000, 5000).statistic // 4.937...
 */
export function logLikelihood(a: number, b: number, c: number, d: number): TestResult {
  const e1 = (c * (a + b)) / (c + d);
  const e2 = (d * (a + b)) / (c + d);
  const g2 = 2 * (xlnx(a, e1) + xlnx(b, e2));
  return { statistic: g2, p: chiSquaredSurvival(g2, 1), test: 'log-likelihood G² (Rayson & Garside 2000), χ² 1 df' };
}

/**
 * Log ratio (Hardie 2014): log2 of the ratio of relative frequencies, an effect size for keyness
 * (1 = twice as frequent). A zero frequency counts as 0.5 so that the ratio stays finite.
 *
 * @example
 * logRatio(10, 20, 1000, 5000) // log2((10/1000)/(20/5000)) = log2(2.5) = 1.3219
 */
export function logRatio(a: number, b: number, c: number, d: number): number {
  return Math.log2(((a || 0.5) / c) / ((b || 0.5) / d));
}

/**
 * Expected frequencies of a 2×2 table [[o11, o12], [o21, o22]] under independence.
 *
 * @example
 * // [[10, 10], [10, 70]]: row and column totals 20, 80; E11 = 20 · 20 / 100 = 4
 * expected2x2(10, 10, 10, 70) // [4, 16, 16, 64]
 */
export function expected2x2(o11: number, o12: number, o21: number, o22: number): [number, number, number, number] {
  const n = o11 + o12 + o21 + o22;
  const r1 = o11 + o12;
  const r2 = o21 + o22;
  const c1 = o11 + o21;
  const c2 = o12 + o22;
  return [(r1 * c1) / n, (r1 * c2) / n, (r2 * c1) / n, (r2 * c2) / n];
}

/**
 * G² (Dunning 1993) of a 2×2 contingency table: 2 Σ O ln(O/E) over the four cells, χ² 1 df.
 * The association measure of collocations.
 *
 * @example
 * // [[10, 10], [10, 70]]: E11 = 20·20/100 = 4, …
 * g2Table(10, 10, 10, 70).statistic
 */
export function g2Table(o11: number, o12: number, o21: number, o22: number): TestResult {
  const [e11, e12, e21, e22] = expected2x2(o11, o12, o21, o22);
  const g2 = 2 * (xlnx(o11, e11) + xlnx(o12, e12) + xlnx(o21, e21) + xlnx(o22, e22));
  return { statistic: g2, p: chiSquaredSurvival(g2, 1), test: 'log-likelihood G² (Dunning 1993), 2×2 table, χ² 1 df' };
}

/**
 * Pointwise mutual information of a 2×2 table: log2(O11 / E11) (Church & Hanks 1990).
 *
 * @example
 * mutualInformation(10, 10, 10, 70) // log2(10 / 4) = 1.3219
 */
export function mutualInformation(o11: number, o12: number, o21: number, o22: number): number {
  const [e11] = expected2x2(o11, o12, o21, o22);
  return Math.log2(o11 / e11);
}

/**
 * Pearson's chi-square test of independence of a 2×2 table (without continuity correction).
 *
 * @example
 * // [[10, 10], [10, 70]]: E = [4, 16, 16, 64]; χ² = 36/4 + 36/16 + 36/16 + 36/64 = 14.0625
 * chiSquare2x2(10, 10, 10, 70).statistic // 14.0625
 */
export function chiSquare2x2(o11: number, o12: number, o21: number, o22: number): TestResult {
  const e = expected2x2(o11, o12, o21, o22);
  const o = [o11, o12, o21, o22];
  const x2 = o.reduce((s, v, i) => s + (e[i] > 0 ? (v - e[i]) ** 2 / e[i] : 0), 0);
  return { statistic: x2, p: chiSquaredSurvival(x2, 1), test: 'Pearson χ², 2×2 table, 1 df' };
}

/**
 * Fisher's exact test of a 2×2 table, two-sided: the sum of the probabilities of all tables with
 * the same margins that are no more likely than the observed one (hypergeometric).
 *
 * @example
 * // Fisher's tea-tasting table [[3, 1], [1, 3]]: p = (1 + 16 + 1) / 70 … two-sided = 0.4857
 * fisherExact(3, 1, 1, 3).p // 0.4857
 */
export function fisherExact(o11: number, o12: number, o21: number, o22: number): TestResult {
  const r1 = o11 + o12;
  const r2 = o21 + o22;
  const c1 = o11 + o21;
  const n = r1 + r2;
  const logP = (x: number) =>
    logFactorial(r1) + logFactorial(r2) + logFactorial(c1) + logFactorial(n - c1) -
    logFactorial(n) - logFactorial(x) - logFactorial(r1 - x) - logFactorial(c1 - x) - logFactorial(r2 - c1 + x);
  const observed = logP(o11);
  let p = 0;
  for (let x = Math.max(0, c1 - r2); x <= Math.min(r1, c1); x++) {
    const lp = logP(x);
    if (lp <= observed + 1e-7) p += Math.exp(lp);
  }
  return { statistic: o11, p: Math.min(1, p), test: "Fisher's exact test, two-sided" };
}

/**
 * Chi-square goodness of fit of observed counts to expected counts (same total), k − 1 df.
 *
 * @example
 * // 30 matches over three equal thirds, observed 20, 5, 5: E = 10 each; χ² = 10 + 2.5 + 2.5 = 15
 * chiSquareGoodnessOfFit([20, 5, 5], [10, 10, 10]).statistic // 15
 */
export function chiSquareGoodnessOfFit(observed: readonly number[], expected: readonly number[]): TestResult {
  if (observed.length !== expected.length || observed.length < 2) throw new RangeError('need at least two cells, as many expected as observed');
  const x2 = observed.reduce((s, o, i) => s + (expected[i] > 0 ? (o - expected[i]) ** 2 / expected[i] : 0), 0);
  const df = observed.length - 1;
  return { statistic: x2, p: chiSquaredSurvival(x2, df), test: `χ² goodness of fit, ${df} df` };
}
