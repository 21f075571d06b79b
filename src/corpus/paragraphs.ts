import { paragraphKey } from '../text/normalize';
import type { Paragraph, ParagraphMode } from './types';

/** A paragraph before duplicates are marked: its text and the 1-based line it starts on. */
export interface RawParagraph {
  text: string;
  line: number;
}

const BLANK_LINE = /^[ \t\u00a0\f\v]*$/;

/**
 * Cuts a text into paragraphs. Line ends may be LF, CRLF or CR. `lines`: every non-empty line
 * is a paragraph; `blank`: runs of lines separated by blank lines are paragraphs (their lines
 * joined with a space); `auto`: `blank` when the text has a blank line between two non-empty
 * lines, else `lines`. Empty paragraphs are dropped.
 *
 * @example
 * splitParagraphs('Один\nДва\n\nТри', 'auto').map(p => p.text) // ['Один Два', 'Три']
 * splitParagraphs('Один\r\nДва', 'auto').map(p => p.text)     // ['Один', 'Два']
 */
export function splitParagraphs(text: string, mode: ParagraphMode = 'auto'): RawParagraph[] {
  const lines = text.split(/\r\n|\r|\n/);
  const effective = mode === 'auto' ? (hasInnerBlankLine(lines) ? 'blank' : 'lines') : mode;
  const out: RawParagraph[] = [];
  if (effective === 'lines') {
    lines.forEach((l, i) => {
      const t = l.trim();
      if (t) out.push({ text: t, line: i + 1 });
    });
    return out;
  }
  let current: string[] = [];
  let start = 0;
  const flush = () => {
    if (current.length) out.push({ text: current.join(' '), line: start + 1 });
    current = [];
  };
  lines.forEach((l, i) => {
    if (BLANK_LINE.test(l)) {
      flush();
    } else {
      if (!current.length) start = i;
      current.push(l.trim());
    }
  });
  flush();
  return out;
}

function hasInnerBlankLine(lines: string[]): boolean {
  let seenText = false;
  let blankAfterText = false;
  for (const l of lines) {
    if (BLANK_LINE.test(l)) {
      if (seenText) blankAfterText = true;
    } else {
      if (blankAfterText) return true;
      seenText = true;
    }
  }
  return false;
}

/**
 * Numbers paragraphs from 0 and marks each one whose normalized text (case folded, ё → е,
 * white space collapsed) equals an earlier paragraph's with that paragraph's number.
 *
 * @example
 * markDuplicates([{ text: 'А', line: 1 }, { text: 'Б', line: 2 }, { text: 'а', line: 3 }])
 *   .map(p => p.duplicateOf) // [null, null, 0]
 */
export function markDuplicates(raw: RawParagraph[]): Paragraph[] {
  const first = new Map<string, number>();
  return raw.map((p, index) => {
    const key = paragraphKey(p.text);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, index);
    return { index, text: p.text, line: p.line, duplicateOf: earlier ?? null };
  });
}
