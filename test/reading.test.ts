import { describe, expect, it } from 'vitest';
import { describeFrames, frameReading } from '../src';
import type { FrameTable } from '../src';

/** Six paragraphs of 10 words: a leads the first third, b the second, nothing in the last. */
function table(): FrameTable {
  const counts = [
    [2, 0],
    [1, 1],
    [0, 3],
    [0, 1],
    [0, 0],
    [0, 0],
  ];
  return {
    columns: ['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched', 'a', 'b'],
    categories: ['a', 'b'],
    rows: counts.map(([a, b], i) => ({ doc: 'd', paragraph: i, tokens: 10, duplicate_of: null, matched: a + b, a, b })),
    texts: counts.map(() => ''),
  };
}

describe('reading a count table', () => {
  it('ranks categories overall and per third (a paragraph belongs to the third holding its middle word)', () => {
    // middles at 5, 15, …, 55 of 60 words: paragraphs 0–1 in the first third, 2–3 in the second, 4–5 in the last
    const r = frameReading(table(), 3);
    expect(r.words).toBe(60);
    // a: 3 in 60 words = 50 per 1000; b: 5 → 83.3333
    expect(r.ranking).toEqual([
      { category: 'b', count: 5, rate: 83.3333 },
      { category: 'a', count: 3, rate: 50 },
    ]);
    expect(r.parts.map((p) => [p.words, p.ranking[0].category, p.ranking[0].count])).toEqual([
      [20, 'a', 3],
      [20, 'b', 4],
      [20, 'a', 0],
    ]);
  });

  it('says it in Russian with the same numbers', () => {
    const text = describeFrames(table(), 3);
    expect(text).toContain('В 6 абз. — 60 слов.');
    expect(text).toContain('Чаще всего встречается фрейм «b» (5 сл., 83,3 на 1000), за ним «a» (3 сл., 50,0 на 1000).');
    expect(text).toContain('в первой трети ведёт «a» (150,0 на 1000 слов); во второй трети ведёт «b» (200,0 на 1000 слов); в последней трети фреймов словаря нет.');
  });
});
