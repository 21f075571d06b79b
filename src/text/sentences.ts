import { WORD_PATTERN } from './tokenize';

/** The sentences of a paragraph, and how many are questions and exclamations. */
export interface SentenceCounts {
  sentences: number;
  questions: number;
  exclamations: number;
}

/**
 * Splits a paragraph into sentences: a run of `.`, `!`, `?` or `…` (closing quotes and brackets
 * may follow) ends a sentence when white space and an upper-case letter, a digit, an opening
 * quote or a dash come next, or the text ends. A dot that closes a dotted abbreviation (`т.н.`)
 * or a single-letter initial (`Е. Жовтис`) ends no sentence.
 *
 * @example
 * splitSentences('Кто виноват? Е. Жовтис ответил: т.н. «партнеры». Всё!')
 * // ['Кто виноват?', 'Е. Жовтис ответил: т.н. «партнеры».', 'Всё!']
 */
export function splitSentences(text: string): string[] {
  const protectedEnds = new Set<number>();
  for (const m of text.matchAll(WORD_PATTERN)) {
    const w = m[0];
    const end = (m.index ?? 0) + w.length;
    if (w.endsWith('.')) protectedEnds.add(end - 1); // abbreviation token: its last dot
    else if (/^\p{Lu}$/u.test(w) && text[end] === '.') protectedEnds.add(end); // initial "Е."
  }
  const out: string[] = [];
  const re = /[.!?…]+[»"”“)\]]*(?=\s+[\p{Lu}\p{N}«"„“(—–-]|\s*$)/gu;
  let from = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index ?? 0;
    if (m[0] === '.' && protectedEnds.has(at)) continue;
    const end = at + m[0].length;
    const s = text.slice(from, end).trim();
    if (s) out.push(s);
    from = end;
  }
  const rest = text.slice(from).trim();
  if (rest) out.push(rest);
  return out;
}

/**
 * Sentences, questions (a sentence whose end holds `?`) and exclamations (`!`) in a paragraph.
 *
 * @example
 * countSentences('Разве это диалог? Нет! Это монолог.') // { sentences: 3, questions: 1, exclamations: 1 }
 */
export function countSentences(text: string): SentenceCounts {
  const sentences = splitSentences(text);
  const endOf = (s: string) => /[.!?…»"”“)\]]*$/u.exec(s)?.[0] ?? '';
  return {
    sentences: sentences.length,
    questions: sentences.filter((s) => endOf(s).includes('?')).length,
    exclamations: sentences.filter((s) => endOf(s).includes('!')).length,
  };
}
