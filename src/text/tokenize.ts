import { foldCase } from './normalize';

/** One word of a text, with its place in the text. */
export interface Token {
  /** The word as written. */
  text: string;
  /** The word folded for matching (lower case, ё → е). */
  norm: string;
  /** Offset of the first character in the text (UTF-16 code units). */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

/**
 * A word: a run of letters and digits, with single inner ASCII hyphens kept
 * (`Консультативно-совещательного` is one word), or a dotted abbreviation of short letter groups
 * (`т.н.`, `т.е.`, `и.о.`: two or more groups of one to three letters, each closed by a dot, not
 * glued to a following letter, so `www.gnu.org` is not one). Everything else — spaces, «», „“,
 * quotes, dashes, other dots, underscores, apostrophes — separates words.
 */
export const WORD_PATTERN = /(?<![\p{L}\p{N}])\p{L}{1,3}\.(?:\p{L}{1,3}\.)+(?!\p{L})|[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

/** True for a dotted abbreviation token such as `т.н.` (see {@link WORD_PATTERN}). */
export function isAbbreviation(word: string): boolean {
  return /^(?:\p{L}{1,3}\.){2,}$/u.test(word);
}

/**
 * Splits a text into words.
 *
 * @example
 * tokenize('«Диалог» — это т.н. КСО').map(t => t.norm)
 * // ['диалог', 'это', 'т.н.', 'ксо']
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD_PATTERN)) {
    const start = m.index ?? 0;
    tokens.push({ text: m[0], norm: foldCase(m[0]), start, end: start + m[0].length });
  }
  return tokens;
}

/**
 * The folded words of a text, without offsets: the cheaper form of {@link tokenize}.
 *
 * @example
 * words('Гранты, гранты!') // ['гранты', 'гранты']
 */
export function words(text: string): string[] {
  const folded = foldWhole(text);
  const out: string[] = [];
  if (folded === null) {
    for (const m of text.matchAll(WORD_PATTERN)) out.push(foldCase(m[0]));
  } else scanWords(folded, (w) => out.push(w));
  return out;
}

/**
 * A text folded as a whole (NFC, lower case, ё → е), or null where lower-casing changes a length
 * (e.g. Turkish İ): then words must be folded one by one to stay the words of {@link tokenize}.
 */
export function foldWhole(text: string): string | null {
  const nfc = text.normalize('NFC');
  const folded = nfc.toLowerCase().replace(/ё/g, 'е');
  return folded.length === nfc.length ? folded : null;
}

const PLAIN_WORD = /[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;
const ABBREVIATION = /\p{L}{1,3}\.(?:\p{L}{1,3}\.)+(?!\p{L})/uy;

/**
 * Calls `onWord` for each word of a folded text, in order: the words of {@link WORD_PATTERN},
 * found faster by matching plain words and trying the abbreviation pattern only where a word of
 * one to three letters is followed by a dot (a plain word always starts where an abbreviation
 * could, after a character that is no letter or digit).
 */
export function scanWords(folded: string, onWord: (word: string) => void): void {
  const re = PLAIN_WORD;
  re.lastIndex = 0;
  for (let m = re.exec(folded); m !== null; m = re.exec(folded)) {
    let w = m[0];
    if (w.length <= 3 && folded.charCodeAt(re.lastIndex) === 46 /* . */) {
      ABBREVIATION.lastIndex = m.index;
      const a = ABBREVIATION.exec(folded);
      if (a) {
        w = a[0];
        re.lastIndex = m.index + w.length;
      }
    }
    onWord(w);
  }
}
