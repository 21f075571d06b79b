import { rate as rateOf, type Cell, type FrameTable } from '../table/frame-table';
import { firstWords } from '../text/excerpt';

/** What charts do with paragraphs that repeat an earlier one: draw them paler, or leave them out. */
export type DuplicateMode = 'mark' | 'drop';

/** Rows of a count table with its texts, without the repeats when `drop` is asked. */
export function keepRows(table: FrameTable, duplicates: DuplicateMode): Array<{ row: Record<string, Cell>; text: string }> {
  return table.rows
    .map((row, i) => ({ row, text: table.texts[i] ?? '' }))
    .filter(({ row }) => duplicates === 'mark' || row.duplicate_of === null);
}

/** Number of repeated paragraphs in a table. */
export function countRepeats(table: FrameTable): number {
  return table.rows.filter((r) => r.duplicate_of !== null).length;
}

/** One paragraph × category cell of a count table, in long form. */
export interface LongCount {
  doc: string;
  paragraph: number;
  category: string;
  count: number;
  /** Count per 1000 words; null for a paragraph without words. */
  rate: number | null;
  tokens: number;
  excerpt: string;
  /** Number of the paragraph this one repeats, or null. */
  repeat_of: number | null;
}

/**
 * The count table in long form: one record per paragraph and category, in table order then
 * dictionary order — the shape Vega-Lite encodes.
 *
 * @example
 * longCounts(table, 'drop').filter(r => r.category === 'гранты').length // paragraphs kept
 */
export function longCounts(table: FrameTable, duplicates: DuplicateMode = 'mark'): LongCount[] {
  const out: LongCount[] = [];
  for (const { row, text } of keepRows(table, duplicates)) {
    const tokens = row.tokens as number;
    for (const category of table.categories) {
      const count = row[category] as number;
      out.push({
        doc: row.doc as string,
        paragraph: row.paragraph as number,
        category,
        count,
        rate: roundOrNull(rateOf(count, tokens)),
        tokens,
        excerpt: firstWords(text),
        repeat_of: row.duplicate_of as number | null,
      });
    }
  }
  return out;
}

/** A point of a narrative arc: a category's smoothed rate at a position of its document. */
export interface ArcPoint {
  doc: string;
  paragraph: number;
  /** Middle of the paragraph, in % of the document's words (0–100). */
  position: number;
  category: string;
  /** Matches per 1000 words over the window of paragraphs centred on this one (null without words). */
  rate: number | null;
}

/**
 * A narrative arc: for each document, category and paragraph, the rate per 1000 words over a
 * window of `window` paragraphs centred on it (clipped at the ends of the document), placed at
 * the paragraph's middle word as a percentage of the document. Summing counts and words over
 * the window (rather than averaging rates) keeps short paragraphs from dominating.
 *
 * @example
 * // paragraphs of 10 and 30 words with 1 and 0 matches, window 3 (both in every window):
 * // rate = (1 + 0) / (10 + 30) × 1000 = 25 at positions 12.5 % and 62.5 %
 */
export function narrativeArc(table: FrameTable, window = 5, duplicates: DuplicateMode = 'mark'): ArcPoint[] {
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`window must be a whole number of paragraphs ≥ 1, not ${window}`);
  const byDoc = new Map<string, Array<Record<string, Cell>>>();
  for (const { row } of keepRows(table, duplicates)) {
    const doc = row.doc as string;
    if (!byDoc.has(doc)) byDoc.set(doc, []);
    byDoc.get(doc)!.push(row);
  }
  const out: ArcPoint[] = [];
  const half = Math.floor((window - 1) / 2);
  for (const [doc, rows] of byDoc) {
    const tokens = rows.map((r) => r.tokens as number);
    const total = tokens.reduce((a, b) => a + b, 0);
    let before = 0;
    const positions = tokens.map((t) => {
      const p = total > 0 ? ((before + t / 2) / total) * 100 : 0;
      before += t;
      return round(p);
    });
    for (const category of table.categories) {
      rows.forEach((r, i) => {
        const lo = Math.max(0, i - half);
        const hi = Math.min(rows.length - 1, i - half + window - 1);
        let c = 0;
        let w = 0;
        for (let k = lo; k <= hi; k++) {
          c += rows[k][category] as number;
          w += tokens[k];
        }
        out.push({ doc, paragraph: r.paragraph as number, position: positions[i], category, rate: roundOrNull(rateOf(c, w)) });
      });
    }
  }
  return out;
}

/** A cell of the co-occurrence matrix. */
export interface CooccurrenceCell {
  a: string;
  b: string;
  /** Paragraphs where both categories count at least one word (for a = b: where a does). */
  paragraphs: number;
}

/**
 * How many paragraphs contain both categories, for every ordered pair (the diagonal holds the
 * paragraphs that contain the category at all).
 *
 * @example
 * // paragraphs with (гранты, коррупция) counts (1,1), (2,0), (0,0):
 * // гранты×коррупция = 1, гранты×гранты = 2, коррупция×коррупция = 1
 */
export function cooccurrence(table: FrameTable, duplicates: DuplicateMode = 'mark'): CooccurrenceCell[] {
  const rows = keepRows(table, duplicates).map(({ row }) => row);
  const out: CooccurrenceCell[] = [];
  for (const a of table.categories) {
    for (const b of table.categories) {
      const n = rows.filter((r) => (r[a] as number) > 0 && (r[b] as number) > 0).length;
      out.push({ a, b, paragraphs: n });
    }
  }
  return out;
}

/** A category's total in one document. */
export interface CategoryTotal {
  doc: string;
  category: string;
  total: number;
  /** Total per 1000 words of the document (null without words). */
  rate: number | null;
  tokens: number;
}

/**
 * Total count and rate per 1000 words of each category, per document (documents in corpus order).
 *
 * @example
 * // a document of 200 words with 3 grant words: { total: 3, rate: 15 }
 */
export function categoryTotals(table: FrameTable, duplicates: DuplicateMode = 'mark'): CategoryTotal[] {
  const docs = new Map<string, { tokens: number; counts: number[] }>();
  for (const { row } of keepRows(table, duplicates)) {
    const doc = row.doc as string;
    if (!docs.has(doc)) docs.set(doc, { tokens: 0, counts: table.categories.map(() => 0) });
    const d = docs.get(doc)!;
    d.tokens += row.tokens as number;
    table.categories.forEach((c, k) => (d.counts[k] += row[c] as number));
  }
  const out: CategoryTotal[] = [];
  for (const [doc, d] of docs) {
    table.categories.forEach((category, k) => {
      out.push({ doc, category, total: d.counts[k], rate: roundOrNull(rateOf(d.counts[k], d.tokens)), tokens: d.tokens });
    });
  }
  return out;
}

/** Rounds to 4 decimals so that chart data (and its JSON) carry no floating-point noise. */
function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function roundOrNull(x: number | null): number | null {
  return x === null ? null : round(x);
}

/** A point of a pooled arc: a category's rate in one slice of every document's length. */
export interface PooledArcPoint {
  /** Middle of the slice, in % of the document (0–100). */
  position: number;
  category: string;
  /** Matches per 1000 words over the slice of every document (null without words). */
  rate: number | null;
  words: number;
}

/**
 * The arc of a corpus: each document's paragraphs placed by their middle word as a share of the
 * document's words, cut into `bins` equal slices (tenths by default), and per slice the rate per
 * 1000 words summed over every document — the shape many documents share, where a panel per
 * document would be too many.
 *
 * @example
 * // two documents of one paragraph each: both middles fall in the slice 40–50 %
 * pooledArc(table, 10).find((p) => p.position === 45)
 */
export function pooledArc(table: FrameTable, bins = 10, duplicates: DuplicateMode = 'mark'): PooledArcPoint[] {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a whole number ≥ 1, not ${bins}`);
  const byDoc = new Map<string, Array<Record<string, Cell>>>();
  for (const { row } of keepRows(table, duplicates)) {
    const doc = row.doc as string;
    if (!byDoc.has(doc)) byDoc.set(doc, []);
    byDoc.get(doc)!.push(row);
  }
  const words = new Array<number>(bins).fill(0);
  const counts = table.categories.map(() => new Array<number>(bins).fill(0));
  for (const rows of byDoc.values()) {
    const total = rows.reduce((s, r) => s + (r.tokens as number), 0);
    let before = 0;
    for (const r of rows) {
      const t = r.tokens as number;
      const middle = total > 0 ? (before + t / 2) / total : 0;
      before += t;
      const b = Math.min(bins - 1, Math.floor(middle * bins));
      words[b] += t;
      table.categories.forEach((c, k) => (counts[k][b] += r[c] as number));
    }
  }
  const out: PooledArcPoint[] = [];
  table.categories.forEach((category, k) => {
    for (let b = 0; b < bins; b++) out.push({ position: round(((b + 0.5) * 100) / bins), category, rate: roundOrNull(rateOf(counts[k][b], words[b])), words: words[b] });
  });
  return out;
}
