import { describe, expect, it } from 'vitest';
import { grown } from '../src/util/arrays';

describe('grown', () => {
  it('doubles an array, or grows it to the size asked when that is more, keeping its elements and its type', () => {
    const a = Int32Array.from([7, -1, 3]);
    // 3 elements: twice is 6, below the 16 every growth makes at least
    const twice = grown(a);
    expect(twice).toBeInstanceOf(Int32Array);
    expect([...twice]).toEqual([7, -1, 3, ...new Array(13).fill(0)]);
    const asked = grown(a, 30);
    expect(asked.length).toBe(30);
    expect([...asked.subarray(0, 3)]).toEqual([7, -1, 3]);
    // a size below twice the length: twice the length
    const big = new Int32Array(20);
    expect(grown(big, 30).length).toBe(40);
    const bytes = grown(Uint8Array.from(Array.from({ length: 10 }, (_, i) => i)), 3);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ...new Array(10).fill(0)]);
    // an empty array grows too (twice nothing is nothing): to 16, or the size asked
    expect(grown(new Int32Array(0)).length).toBe(16);
    expect(grown(new Uint8Array(0), 40).length).toBe(40);
    // a copy: the old array is left as it was
    twice[0] = 0;
    expect(a[0]).toBe(7);
  });
});
