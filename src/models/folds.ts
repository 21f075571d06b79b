/** Stratified fold assignment, shared by the cross-validation and the inner search for C. */
import { DEFAULT_SEED } from '../defaults';
import { seededRandom, shuffleInPlace } from '../stats/random';

/**
 * Stratified fold assignment: the positives and the negatives are each shuffled (seeded) and dealt
 * to the folds in turn, so that every fold holds about the same share of each; −1 for rows
 * without a label.
 *
 * @example
 * Array.from(stratifiedFolds([1, 1, 0, 0, 0, 0, null], 2, 1)).filter((f) => f === 0).length // 3 (1 positive, 2 negatives)
 */
export function stratifiedFolds(labels: ReadonlyArray<0 | 1 | null>, k: number, seed: number = DEFAULT_SEED): Int32Array {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`folds must be a whole number ≥ 2, not ${k}`);
  const fold = new Int32Array(labels.length).fill(-1);
  const rnd = seededRandom(seed);
  for (const cls of [1, 0]) {
    const rows = labels.map((y, i) => (y === cls ? i : -1)).filter((i) => i >= 0);
    shuffleInPlace(rows, rnd);
    rows.forEach((r, p) => (fold[r] = p % k));
  }
  return fold;
}
