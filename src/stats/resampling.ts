import { quantile, sampleCorrelation, sampleRankCorrelation, shuffle } from 'simple-statistics';
import { DEFAULT_PERMUTATIONS, DEFAULT_REPLICATES, DEFAULT_SEED } from '../defaults';
import { seededRandom } from './random';

/** A rate with its bootstrap confidence interval. */
export interface RateInterval {
  /** Matches per 1000 words over all paragraphs. */
  rate: number;
  low: number;
  high: number;
  /** Confidence level, e.g. 0.95. */
  level: number;
  test: string;
}

/**
 * Rate per 1000 words with a percentile bootstrap confidence interval, resampling units
 * (paragraphs, or documents: `unit` names them in the test) with their count and words together,
 * with replacement; seeded, so the interval reproduces exactly.
 *
 * @example
 * bootstrapRate([1, 0, 2], [100, 50, 150], { seed: 1 }) // { rate: 10, low: …, high: …, level: 0.95, … }
 */
export function bootstrapRate(
  counts: readonly number[],
  words: readonly number[],
  options: { replicates?: number; level?: number; seed?: number; unit?: string } = {},
): RateInterval {
  const replicates = options.replicates ?? DEFAULT_REPLICATES;
  const level = options.level ?? 0.95;
  const seed = options.seed ?? DEFAULT_SEED;
  const n = counts.length;
  const total = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const rateOf = (c: number, w: number) => (w > 0 ? (c * 1000) / w : 0);
  const rate = rateOf(total(counts), total(words));
  const test = `percentile bootstrap over ${options.unit ?? 'paragraphs'} (${replicates} resamples, seed ${seed})`;
  if (n === 0) return { rate: 0, low: 0, high: 0, level, test };
  const rnd = seededRandom(seed);
  const rates: number[] = [];
  for (let r = 0; r < replicates; r++) {
    let c = 0;
    let w = 0;
    for (let i = 0; i < n; i++) {
      const k = Math.floor(rnd() * n);
      c += counts[k];
      w += words[k];
    }
    rates.push(rateOf(c, w));
  }
  const alpha = (1 - level) / 2;
  return { rate, low: quantile(rates, alpha), high: quantile(rates, 1 - alpha), level, test };
}

/** A correlation with its permutation-test p-value. */
export interface CorrelationResult {
  r: number;
  /** Two-sided p: share of shuffles with |r| at least the observed one (observed counted in). */
  p: number;
  method: 'pearson' | 'spearman';
  test: string;
}

/**
 * Pearson or Spearman correlation (simple-statistics) with a two-sided permutation test: `y` is
 * shuffled `permutations` times with a seeded source, p = (#{|r*| ≥ |r|} + 1) / (permutations + 1)
 * (so its floor is 1 / (permutations + 1)). With `blocks` (a block id per observation, such as its
 * document), `y` is shuffled only within each block, so that observations of one document are
 * never treated as exchangeable with another's. A constant series has no correlation: r and p are NaN.
 *
 * @example
 * correlationTest([1, 2, 3, 4, 5], [2, 4, 6, 8, 10]).r // 1
 */
export function correlationTest(
  x: readonly number[],
  y: readonly number[],
  options: { method?: 'pearson' | 'spearman'; permutations?: number; seed?: number; blocks?: readonly (string | number)[] } = {},
): CorrelationResult {
  const method = options.method ?? 'pearson';
  const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
  const seed = options.seed ?? DEFAULT_SEED;
  const name = method === 'pearson' ? 'Pearson r' : 'Spearman ρ';
  const within = options.blocks && new Set(options.blocks).size > 1 ? ' within documents' : '';
  const test = `${name}, two-sided permutation test${within} (${permutations} shuffles, seed ${seed}; the smallest p it can give is 1/${permutations + 1}, read it as p ≤ that)`;
  if (x.length !== y.length) throw new RangeError('x and y must have the same length');
  const constant = (v: readonly number[]) => v.every((a) => a === v[0]);
  if (x.length < 3 || constant(x) || constant(y)) return { r: NaN, p: NaN, method, test };
  const corr = method === 'pearson' ? sampleCorrelation : sampleRankCorrelation;
  const r = corr([...x], [...y]);
  const rnd = seededRandom(seed);
  let extreme = 0;
  const ys = [...y];
  const groups = options.blocks ? blockIndexes(options.blocks) : [ys.map((_, i) => i)];
  const shuffled = [...ys];
  for (let i = 0; i < permutations; i++) {
    for (const g of groups) {
      const values = shuffle(g.map((k) => ys[k]), rnd);
      g.forEach((k, j) => (shuffled[k] = values[j]));
    }
    if (Math.abs(corr([...x], shuffled)) >= Math.abs(r) - 1e-12) extreme++;
  }
  return { r, p: (extreme + 1) / (permutations + 1), method, test };
}

/** The positions of each block, blocks in order of first appearance. */
export function blockIndexes(blocks: readonly (string | number)[]): number[][] {
  const byBlock = new Map<string | number, number[]>();
  blocks.forEach((b, i) => {
    if (!byBlock.has(b)) byBlock.set(b, []);
    byBlock.get(b)!.push(i);
  });
  return [...byBlock.values()];
}
