import { Tokenizer } from './scan';
import { sharedVocabulary } from './vocabulary';

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
 *
 * This regular expression is the definition; framelab's tokenizer (`Tokenizer`) finds the
 * same words by walking UTF-8 bytes, and a property test holds the two together.
 */
export const WORD_PATTERN = /(?<![\p{L}\p{N}])\p{L}{1,3}\.(?:\p{L}{1,3}\.)+(?!\p{L})|[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu;

/** True for a dotted abbreviation token such as `т.н.` (see {@link WORD_PATTERN}). */
export function isAbbreviation(word: string): boolean {
  return /^(?:\p{L}{1,3}\.){2,}$/u.test(word);
}

let tokenizer: Tokenizer | undefined;

/**
 * Splits a text into words (of its NFC form: offsets refer to `text.normalize('NFC')`, which is
 * the text itself for everything framelab reads).
 *
 * @example
 * tokenize('«Диалог» — это т.н. КСО').map(t => t.norm)
 * // ['диалог', 'это', 'т.н.', 'ксо']
 */
export function tokenize(text: string): Token[] {
  const t = (tokenizer ??= new Tokenizer(sharedVocabulary()));
  const n = t.tokenizeText(text);
  const source = text === text.normalize('NFC') ? text : text.normalize('NFC');
  const out: Token[] = [];
  for (let k = 0; k < n; k++) out.push({ text: source.slice(t.starts[k], t.ends[k]), norm: t.forms.text(t.ids[k]), start: t.starts[k], end: t.ends[k] });
  return out;
}

/**
 * The folded words of a text, without offsets.
 *
 * @example
 * words('Гранты, гранты!') // ['гранты', 'гранты']
 */
export function words(text: string): string[] {
  const t = (tokenizer ??= new Tokenizer(sharedVocabulary()));
  const n = t.tokenizeText(text);
  const out: string[] = new Array(n);
  for (let k = 0; k < n; k++) out[k] = t.forms.text(t.ids[k]);
  return out;
}
