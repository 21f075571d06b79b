import { describe, expect, it } from 'vitest';
import { grown } from '../src/util/arrays';

describe('grown', () => {
  it('doubles an array, or grows it to the size asked when that is more, keeping its elements and its type', () => {
    const a = Int32Array.from([7, -1, 3]);
    const twice = grown(a);
    expect(twice).toBeInstanceOf(Int32Array);
    expect([...twice]).toEqual([7, -1, 3, 0, 0, 0]);
    const asked = grown(a, 10);
    expect(asked.length).toBe(10);
    expect([...asked.subarray(0, 3)]).toEqual([7, -1, 3]);
    // a size below twice the length: twice the length
    expect(grown(a, 4).length).toBe(6);
    const bytes = grown(Uint8Array.from([255, 1]), 3);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect([...bytes]).toEqual([255, 1, 0, 0]);
    // a copy: the old array is left as it was
    twice[0] = 0;
    expect(a[0]).toBe(7);
  });
});
