import type { FrameTable } from './count';
import { ruCount, ruList, tiedFirst } from '../text/plural';

/** A category's count and rate over some stretch of text. */
export interface FrameShare {
  category: string;
  count: number;
  /** Count per 1000 words. */
  rate: number;
}

/** One part (third, quarter, …) of the text and the frame that leads in it. */
export interface FramePart {
  /** 1-based number of the part. */
  part: number;
  /** Words whose paragraph's middle falls in this part. */
  words: number;
  /** Categories by rate, highest first (dictionary order among equals). */
  ranking: FrameShare[];
}

/** The numbers behind a plain-language reading of a count table. */
export interface FrameReading {
  words: number;
  paragraphs: number;
  /** Categories by total, highest first (dictionary order among equals). */
  ranking: FrameShare[];
  parts: FramePart[];
}

function rank(categories: readonly string[], counts: number[], words: number): FrameShare[] {
  return categories
    .map((category, k) => ({ category, count: counts[k], rate: words > 0 ? Math.round((counts[k] * 10000000) / words) / 10000 : 0, k }))
    .sort((a, b) => b.count - a.count || a.k - b.k)
    .map(({ category, count, rate }) => ({ category, count, rate }));
}

/**
 * The part of its document (of `parts` equal shares of its words) a paragraph belongs to: the one
 * holding its middle word. `start` is the number of the document's words before the paragraph:
 * in a document of 60 words, a paragraph of words 30–39 (middle 35) is in the second third.
 */
export function partOf(start: number, words: number, documentWords: number, parts: number): number {
  const middle = documentWords > 0 ? (start + words / 2) / documentWords : 0;
  return Math.min(parts - 1, Math.floor(middle * parts));
}

/**
 * Which frames lead overall and in each part of the text. A paragraph belongs to the part that
 * holds its middle word (position within its own document), so every paragraph counts once.
 *
 * @example
 * frameReading(table, 3).parts.map(p => p.ranking[0].category) // leading frame per third
 */
export function frameReading(table: FrameTable, parts = 3): FrameReading {
  if (!Number.isInteger(parts) || parts < 1) throw new RangeError(`parts must be a whole number ≥ 1, not ${parts}`);
  const cats = table.categories;
  const totals = cats.map(() => 0);
  const partCounts = Array.from({ length: parts }, () => cats.map(() => 0));
  const partWords = Array.from({ length: parts }, () => 0);
  const docWords = new Map<string, number>();
  for (const r of table.rows) docWords.set(r.doc as string, (docWords.get(r.doc as string) ?? 0) + (r.tokens as number));
  const before = new Map<string, number>();
  let words = 0;
  for (const r of table.rows) {
    const doc = r.doc as string;
    const tokens = r.tokens as number;
    const start = before.get(doc) ?? 0;
    before.set(doc, start + tokens);
    const part = partOf(start, tokens, docWords.get(doc)!, parts);
    partWords[part] += tokens;
    words += tokens;
    cats.forEach((c, k) => {
      totals[k] += r[c] as number;
      partCounts[part][k] += r[c] as number;
    });
  }
  return {
    words,
    paragraphs: table.rows.length,
    ranking: rank(cats, totals, words),
    parts: partCounts.map((counts, i) => ({ part: i + 1, words: partWords[i], ranking: rank(cats, counts, partWords[i]) })),
  };
}

const PART_NAMES: Record<number, string[]> = {
  2: ['в первой половине', 'во второй половине'],
  3: ['в первой трети', 'во второй трети', 'в последней трети'],
  4: ['в первой четверти', 'во второй четверти', 'в третьей четверти', 'в последней четверти'],
};

function fmt(x: number): string {
  return x.toFixed(1).replace('.', ',');
}

/**
 * A reading of the count table in Russian, every number computed from the table: the leading
 * frames overall and the leading frame of each part of the text.
 *
 * @example
 * describeFrames(table)
 * // 'В 30 абз. — … слова. Чаще всего встречается фрейм «…» (… сл., … на 1000), …'
 */
export function describeFrames(table: FrameTable, parts = 3): string {
  const r = frameReading(table, parts);
  const [first, second, third] = r.ranking;
  const names = PART_NAMES[parts] ?? Array.from({ length: parts }, (_, i) => `в части ${i + 1} из ${parts}`);
  const lines: string[] = [];
  const share = (s: FrameShare) => `«${s.category}» (${s.count} сл., ${fmt(s.rate)} на 1000)`;
  // frames with equal counts share a place: a tie is named as a tie, never as one leader
  const leaders = tiedFirst(r.ranking, (s) => s.count);
  const next = r.ranking.slice(leaders.length, leaders.length + 2).filter((s) => s.count > 0);
  lines.push(
    `В ${r.paragraphs} абз. — ${ruCount(r.words, ['слово', 'слова', 'слов'])}. ` +
      (!first || first.count === 0
        ? 'Фреймов словаря в тексте нет.'
        : leaders.length > 1
          ? `Чаще всего встречаются, поровну, фреймы ${ruList(leaders.map(share))}${next.length ? `, за ними ${ruList(next.map(share))}` : ''}.`
          : `Чаще всего встречается фрейм ${share(first)}` + (second ? `, за ним ${share(second)}` : '') + (third ? ` и ${share(third)}` : '') + '.'),
  );
  const absent = r.ranking.filter((s) => s.count === 0).map((s) => `«${s.category}»`);
  if (absent.length) lines.push(`Не встречается ни разу: ${absent.join(', ')}.`);
  const partLines = r.parts
    .filter((p) => p.words > 0)
    .map((p) => {
      const lead = p.ranking[0]; // within a part, counts rank as rates do (same words)
      const tied = tiedFirst(p.ranking, (s) => s.count);
      if (lead.count > 0 && tied.length > 1) return `${names[p.part - 1]} поровну ведут ${ruList(tied.map((s) => `«${s.category}»`))} (по ${fmt(lead.rate)} на 1000 слов)`;
      return lead.count > 0 ? `${names[p.part - 1]} ведёт «${lead.category}» (${fmt(lead.rate)} на 1000 слов)` : `${names[p.part - 1]} фреймов словаря нет`;
    });
  if (partLines.length > 1) lines.push(`По ходу текста: ${partLines.join('; ')}.`);
  return lines.join(' ');
}
