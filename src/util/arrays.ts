/**
 * The one growth rule of framelab's growing typed arrays (word ids and offsets, byte arenas, the
 * entries of hash tables, output buffers): a copy twice as long, or as long as asked when that is
 * more.
 */

/** The fewest elements {@link grown} makes: twice an empty array would still be empty. */
const GROWN_MIN = 16;

/**
 * A copy of `a` with room for at least `size` elements: twice its length, or `size` when that is
 * more, and never fewer than 16; its elements first, then zeros.
 *
 * @example
 * grown(new Int32Array([1, 2]), 5) // Int32Array [1, 2, 0, 0, 0]
 * grown(new Uint8Array(12)).length // 24
 * grown(new Int32Array(0)).length  // 16
 */
export function grown<A extends Int32Array | Uint8Array>(a: A, size = 0): A {
  const length = Math.max(2 * a.length, size, GROWN_MIN);
  // the same kind of array, in memory of its own (a copy of a shared array is not shared)
  const bigger = (a instanceof Int32Array ? new Int32Array(length) : new Uint8Array(length)) as A;
  bigger.set(a);
  return bigger;
}
