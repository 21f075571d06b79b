import { chiSquaredSurvival, logFactorial, normalQuantile } from './distributions';

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
 * Pearson's χ² statistic Σ (O − E)² / E over the cells (a cell expecting 0 adds nothing): the
 * number alone, for permutation tests that compute it thousands of times.
 *
 * @example
 * chiSquareStatistic([20, 5, 5], [10, 10, 10]) // 15
 */
export function chiSquareStatistic(observed: readonly number[], expected: readonly number[]): number {
  let x2 = 0;
  for (let i = 0; i < observed.length; i++) if (expected[i] > 0) x2 += (observed[i] - expected[i]) ** 2 / expected[i];
  return x2;
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
  const x2 = chiSquareStatistic(observed, expected);
  const df = observed.length - 1;
  return { statistic: x2, p: chiSquaredSurvival(x2, df), test: `χ² goodness of fit, ${df} df` };
}

/**
 * The 95 % interval of a Pearson correlation by Fisher's z: tanh(atanh(r) ± 1.96 / √(n − 3)).
 * NaN below 4 observations or for an undefined r.
 *
 * @example
 * // r = 0.5 over 28 paragraphs: atanh 0.5 = 0.5493, ± 1.96 / √25 = 0.3920 → tanh 0.1573, tanh 0.9413
 * fisherInterval(0.5, 28) // [0.1560, 0.7358]
 */
export function fisherInterval(r: number, n: number, level = 0.95): [number, number] {
  if (!(n > 3) || Number.isNaN(r)) return [NaN, NaN];
  if (Math.abs(r) >= 1) return [r, r];
  const z = Math.atanh(r);
  const q = normalQuantile(1 - (1 - level) / 2);
  const h = q / Math.sqrt(n - 3);
  return [Math.tanh(z - h), Math.tanh(z + h)];
}

/**
 * The odds ratio of a 2×2 table [[a, b], [c, d]] = ad / bc with its Woolf interval
 * exp(ln OR ± z √(1/a + 1/b + 1/c + 1/d)); when a cell is 0, 0.5 is added to every cell
 * (Haldane–Anscombe).
 *
 * @example
 * // [[10, 10], [10, 70]]: OR = 700 / 100 = 7; se = √(1/10 + 1/10 + 1/10 + 1/70) = 0.5606
 * oddsRatio(10, 10, 10, 70) // { ratio: 7, low: 2.333…, high: 21.00… }
 */
export function oddsRatio(a: number, b: number, c: number, d: number, level = 0.95): { ratio: number; low: number; high: number } {
  const k = a === 0 || b === 0 || c === 0 || d === 0 ? 0.5 : 0;
  const [A, B, C, D] = [a + k, b + k, c + k, d + k];
  const ratio = (A * D) / (B * C);
  const se = Math.sqrt(1 / A + 1 / B + 1 / C + 1 / D);
  const z = normalQuantile(1 - (1 - level) / 2);
  return { ratio, low: Math.exp(Math.log(ratio) - z * se), high: Math.exp(Math.log(ratio) + z * se) };
}
