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
