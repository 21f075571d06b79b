import { describe, expect, it } from 'vitest';
import { categoryColors, categoryTotals, cooccurrence, firstWords, longCounts, narrativeArc } from '../src';
import type { FrameTable } from '../src';

/** A hand-made count table: one document, paragraphs with given words and counts. */
function table(rows: Array<{ tokens: number; a: number; b: number; dup?: number }>, doc = 'd'): FrameTable {
  return {
    columns: ['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched', 'a', 'b'],
    categories: ['a', 'b'],
    rows: rows.map((r, i) => ({ doc, paragraph: i, tokens: r.tokens, duplicate_of: r.dup ?? null, matched: r.a + r.b, a: r.a, b: r.b })),
    texts: rows.map((_, i) => `абзац ${i} текст`),
  };
}

describe('chart data', () => {
  it('long counts: one record per paragraph and category, with the rate per 1000 words', () => {
    const l = longCounts(table([{ tokens: 40, a: 2, b: 0 }]));
    expect(l).toEqual([
      { doc: 'd', paragraph: 0, category: 'a', count: 2, rate: 50, tokens: 40, excerpt: 'абзац 0 текст', repeat_of: null },
      { doc: 'd', paragraph: 0, category: 'b', count: 0, rate: 0, tokens: 40, excerpt: 'абзац 0 текст', repeat_of: null },
    ]);
  });

  it('drop leaves repeated paragraphs out', () => {
    const t = table([{ tokens: 10, a: 1, b: 0 }, { tokens: 10, a: 1, b: 0, dup: 0 }]);
    expect(longCounts(t, 'mark').length).toBe(4);
    expect(longCounts(t, 'drop').length).toBe(2);
  });

  it('narrative arc: counts and words summed over the window, placed at the paragraph middle', () => {
    // words 10 and 30: middles at 5 and 25 of 40 words → 12.5 % and 62.5 %.
    // window 3 covers both paragraphs from either one: a = (1 + 0) / 40 × 1000 = 25.
    const arc = narrativeArc(table([{ tokens: 10, a: 1, b: 0 }, { tokens: 30, a: 0, b: 3 }]), 3);
    expect(arc.filter((p) => p.category === 'a')).toEqual([
      { doc: 'd', paragraph: 0, position: 12.5, category: 'a', rate: 25 },
      { doc: 'd', paragraph: 1, position: 62.5, category: 'a', rate: 25 },
    ]);
    // window 1 is no smoothing: b = 0/10 and 3/30 × 1000 = 100
    expect(narrativeArc(table([{ tokens: 10, a: 1, b: 0 }, { tokens: 30, a: 0, b: 3 }]), 1).filter((p) => p.category === 'b').map((p) => p.rate)).toEqual([0, 100]);
    expect(() => narrativeArc(table([]), 0)).toThrow(RangeError);
  });

  it('narrative arc: a window of 3 over 4 paragraphs is clipped at both ends', () => {
    // a counts 1,0,0,1 in 10 words each: windows {0,1} {0,1,2} {1,2,3} {2,3} → 50, 33.3333, 33.3333, 50
    const t = table([1, 0, 0, 1].map((a) => ({ tokens: 10, a, b: 0 })));
    expect(narrativeArc(t, 3).filter((p) => p.category === 'a').map((p) => p.rate)).toEqual([50, 33.3333, 33.3333, 50]);
  });

  it('co-occurrence counts paragraphs holding both categories; the diagonal holds each alone', () => {
    // (a, b) per paragraph: (1,1), (2,0), (0,0), (0,4) → a&b 1, a 2, b 2
    const c = cooccurrence(table([{ tokens: 5, a: 1, b: 1 }, { tokens: 5, a: 2, b: 0 }, { tokens: 5, a: 0, b: 0 }, { tokens: 5, a: 0, b: 4 }]));
    expect(c).toEqual([
      { a: 'a', b: 'a', paragraphs: 2 },
      { a: 'a', b: 'b', paragraphs: 1 },
      { a: 'b', b: 'a', paragraphs: 1 },
      { a: 'b', b: 'b', paragraphs: 2 },
    ]);
  });

  it('totals per document: sum of counts, rate per 1000 words of the document', () => {
    // 3 grant words in 50 + 150 = 200 words → 15 per 1000
    const t = categoryTotals(table([{ tokens: 50, a: 1, b: 0 }, { tokens: 150, a: 2, b: 1 }]));
    expect(t).toEqual([
      { doc: 'd', category: 'a', total: 3, rate: 15, tokens: 200 },
      { doc: 'd', category: 'b', total: 1, rate: 5, tokens: 200 },
    ]);
  });

  it('first words for tooltips, colours by dictionary order', () => {
    expect(firstWords('один два три', 2)).toBe('один два…');
    expect(firstWords('один', 2)).toBe('один');
    expect(categoryColors(['x', 'y']).range).toEqual(['#4c78a8', '#f58518']);
  });
});
