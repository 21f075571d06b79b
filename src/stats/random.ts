import { DEFAULT_SEED } from '../defaults';

/**
 * A seeded pseudo-random source (mulberry32): the same seed gives the same sequence on every
 * machine, so that bootstrap intervals and permutation p-values reproduce exactly.
 *
 * @example
 * const rnd = seededRandom(1);
 * rnd(); // 0.6270739405881613, the same every time
 */
export function seededRandom(seed: number = DEFAULT_SEED): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An array or typed array whose places can be swapped. */
type Swappable<T> = { [i: number]: T; readonly length: number };

/**
 * Shuffles `values` in place (Fisher–Yates from the last place down), one draw of `rnd` per place:
 * every permutation test shuffles through here, so the same seed gives the same shuffles.
 *
 * @example
 * const v = [1, 2, 3];
 * shuffleInPlace(v, seededRandom(1)); // v holds 1, 2 and 3 in a seeded order
 */
export function shuffleInPlace<T>(values: Swappable<T>, rnd: () => number): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    const t = values[i];
    values[i] = values[j];
    values[j] = t;
  }
}

/**
 * Shuffles `values` within each block of places (a stratum: the documents of one period, the
 * paragraphs of one document), in place, block after block, as {@link shuffleInPlace} does.
 *
 * @example
 * const v = ['a', 'b', 'c', 'd'];
 * shuffleWithin(v, [[0, 1], [2, 3]], seededRandom(1)); // a and b stay in places 0–1, c and d in 2–3
 */
export function shuffleWithin<T>(values: Swappable<T>, blocks: Iterable<readonly number[]>, rnd: () => number): void {
  for (const b of blocks) {
    for (let i = b.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      const t = values[b[i]];
      values[b[i]] = values[b[j]];
      values[b[j]] = t;
    }
  }
}
