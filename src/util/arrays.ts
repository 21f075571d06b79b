/**
 * The one growth rule of framelab's growing typed arrays (word ids and offsets, byte arenas, the
 * entries of hash tables, output buffers): a copy twice as long, or as long as asked when that is
 * more.
 */

/**
 * A copy of `a` with room for at least `size` elements: twice its length, or `size` when that is
 * more; its elements first, then zeros.
 *
 * @example
 * grown(new Int32Array([1, 2]), 5) // Int32Array [1, 2, 0, 0, 0]
 * grown(new Uint8Array(4)).length  // 8
 */
export function grown<A extends Int32Array | Uint8Array>(a: A, size = 0): A {
  const length = Math.max(2 * a.length, size);
  // the same kind of array, in memory of its own (a copy of a shared array is not shared)
  const bigger = (a instanceof Int32Array ? new Int32Array(length) : new Uint8Array(length)) as A;
  bigger.set(a);
  return bigger;
}
