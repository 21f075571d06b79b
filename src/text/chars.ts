/**
 * Character classes of the tokenizer, by code point, computed once per code point from the
 * same Unicode properties the word pattern names (`\p{L}`, `\p{N}`, `\s`) and cached in tables.
 * The byte-level scanner reads these tables instead of running a regular expression per word.
 */

/** A letter or a digit: `[\p{L}\p{N}]`, what words are made of. */
export const WORD = 1;
/** A letter: `\p{L}` (dotted abbreviations are letters only). */
export const LETTER = 2;
/** White space as JavaScript's `\s` and `trim()` see it. */
export const SPACE = 4;
/** What a blank line may hold: space, tab, no-break space, form feed, vertical tab. */
export const BLANK = 8;
/** A code point that Unicode normalization (NFC) may change or combine with a neighbour. */
export const UNSAFE_NFC = 16;
/** A code point whose lower case is not one code unit for one (İ → i̇) or depends on context (Σ). */
export const SPECIAL_FOLD = 32;
const KNOWN = 128;

const bmpClass = new Uint8Array(0x10000);
const bmpFold = new Uint32Array(0x10000);
const astral = new Map<number, { cls: number; fold: number }>();

const WORD_RE = /^[\p{L}\p{N}]$/u;
const LETTER_RE = /^\p{L}$/u;
const SPACE_RE = /^\s$/u;
const MARK_RE = /^\p{M}$/u;

function compute(cp: number): { cls: number; fold: number } {
  const ch = String.fromCodePoint(cp);
  let cls = KNOWN;
  if (WORD_RE.test(ch)) cls |= WORD;
  if (LETTER_RE.test(ch)) cls |= LETTER;
  if (SPACE_RE.test(ch)) cls |= SPACE;
  if (cp === 0x20 || cp === 0x09 || cp === 0xa0 || cp === 0x0c || cp === 0x0b) cls |= BLANK;
  // Hangul vowel and trailing jamo compose with a preceding syllable without being marks
  const jamo = (cp >= 0x1161 && cp <= 0x1175) || (cp >= 0x11a8 && cp <= 0x11c2);
  if ((cp >= 0xd800 && cp <= 0xdfff) || ch.normalize('NFC') !== ch || MARK_RE.test(ch) || jamo) cls |= UNSAFE_NFC;
  const lower = ch.toLowerCase();
  let fold = cp;
  if (lower.length !== ch.length || cp === 0x3a3) cls |= SPECIAL_FOLD;
  else fold = lower.codePointAt(0)!;
  if (fold === 0x451) fold = 0x435; // ё → е
  return { cls, fold };
}

/**
 * The class bits of a code point ({@link WORD}, {@link LETTER}, {@link SPACE}, {@link BLANK},
 * {@link UNSAFE_NFC}, {@link SPECIAL_FOLD}).
 *
 * @example
 * charClass(0x0416) & WORD // 1 (Ж is a letter)
 */
export function charClass(cp: number): number {
  if (cp < 0x10000) {
    const c = bmpClass[cp];
    if (c !== 0) return c;
    const r = compute(cp);
    bmpClass[cp] = r.cls;
    bmpFold[cp] = r.fold;
    return r.cls;
  }
  let r = astral.get(cp);
  if (!r) {
    r = compute(cp);
    astral.set(cp, r);
  }
  return r.cls;
}

/**
 * The folded (lower-case, ё → е) code point of a code point whose class has no
 * {@link SPECIAL_FOLD} bit.
 *
 * @example
 * String.fromCodePoint(foldCodePoint(0x401)) // 'е' (Ё)
 */
export function foldCodePoint(cp: number): number {
  if (cp < 0x10000) {
    if (bmpClass[cp] === 0) charClass(cp);
    return bmpFold[cp];
  }
  charClass(cp);
  return astral.get(cp)!.fold;
}

/** Class bits of the 128 ASCII code points, for the scanner's fast path. */
export const ASCII_CLASS = new Uint8Array(128);
/** Folded ASCII bytes (A–Z → a–z). */
export const ASCII_FOLD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  ASCII_CLASS[c] = charClass(c);
  ASCII_FOLD[c] = foldCodePoint(c);
}
