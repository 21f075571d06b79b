import * as chars from './chars';
import { FormTable, HASH_SEED } from './forms';
import { decodeAt, encodeAt } from './utf8';

export { decodeAt, encodeAt };
import { foldCase } from './normalize';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

// module-level copies, so that the hot loop reads constants rather than properties of another module
const ASCII_CLASS: Uint8Array = chars.ASCII_CLASS;
const ASCII_FOLD: Uint8Array = chars.ASCII_FOLD;
const charClass = chars.charClass;
const foldCodePoint = chars.foldCodePoint;
const WORD = 1;
const LETTER = 2;
const SPACE = 4;
const UNSAFE_NFC = 16;
const SPECIAL_FOLD = 32;
const FNV = 0x01000193;
const SEED = HASH_SEED;
if (chars.WORD !== WORD || chars.LETTER !== LETTER || chars.SPACE !== SPACE || chars.UNSAFE_NFC !== UNSAFE_NFC || chars.SPECIAL_FOLD !== SPECIAL_FOLD) {
  throw new Error('character class bits out of step');
}

/** Thrown inside a scan when the text holds a code point that Unicode normalization may change. */
export class NeedsNormalization extends Error {}

/**
 * Whether scans stop at code points that Unicode normalization may change. Off while a text
 * that has just been normalized is scanned: what is left of such code points (a combining mark
 * with nothing to combine with) is then taken as it stands.
 */
export const nfcCheck = { on: true };

/** Runs `fn` over text that is already normalized (NFC), without the check. */
export function withoutNfcCheck<T>(fn: () => T): T {
  const was = nfcCheck.on;
  nfcCheck.on = false;
  try {
    return fn();
  } finally {
    nfcCheck.on = was;
  }
}

/**
 * The byte-level tokenizer: walks the UTF-8 bytes of a text once, finds its words exactly as
 * {@link WORD_PATTERN} does (runs of letters and digits with single inner hyphens; dotted
 * abbreviations such as `т.н.`), folds them (lower case, ё → е) into a scratch buffer and interns
 * each in a {@link FormTable}, so that a word seen before costs a hash probe and no string.
 * Alongside it hashes the paragraph's duplicate key (see {@link paragraphKey}).
 *
 * Output goes to growing typed arrays: `ids[k]` the form of the k-th word, `starts[k]`/`ends[k]`
 * its offsets in UTF-16 code units (as JavaScript strings count) within the paragraph's text.
 */
export class Tokenizer {
  ids = new Int32Array(1 << 12);
  starts = new Int32Array(1 << 12);
  ends = new Int32Array(1 << 12);
  /** Words written so far. */
  n = 0;
  private word = new Uint8Array(256);
  /** Duplicate-key hash of the paragraph being scanned. */
  keyHash = HASH_SEED;
  keyStarted = false;
  keyPending = false;
  /** The paragraph held a code point whose folding depends on its neighbours: its key must be computed from its text. */
  keySpecial = false;

  constructor(readonly forms: FormTable = new FormTable()) {}

  /** Starts a new paragraph's key. */
  startKey(): void {
    this.keyHash = HASH_SEED;
    this.keyStarted = false;
    this.keyPending = false;
    this.keySpecial = false;
  }

  /** Marks a line join inside a paragraph (its lines are joined with a space). */
  keySpace(): void {
    this.keyPending = true;
  }

  private grow(): void {
    const size = this.ids.length * 2;
    const grow = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.ids = grow(this.ids);
    this.starts = grow(this.starts);
    this.ends = grow(this.ends);
  }

  /**
   * Scans the characters `bytes[start, end)`, the first at UTF-16 offset `unit`, appending their
   * words; returns the UTF-16 offset after the last character. Throws {@link NeedsNormalization}
   * at a code point that NFC may change.
   */
  scan(b: Uint8Array, start: number, end: number, unit: number): number {
    let i = start;
    let u = unit;
    let kh = this.keyHash;
    let kStarted = this.keyStarted;
    let kPending = this.keyPending;
    while (i < end) {
      let c = b[i];
      let cp: number;
      let len: number;
      let cls: number;
      if (c < 0x80) {
        cp = c;
        len = 1;
        cls = ASCII_CLASS[c];
      } else if (c === 0xd0 || c === 0xd1) {
        cp = ((c & 0x1f) << 6) | (b[i + 1] & 0x3f);
        len = 2;
        cls = WORD | LETTER;
      } else {
        cp = decodeAt(b, i, c);
        len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
        cls = charClass(cp);
        if (cls & UNSAFE_NFC && nfcCheck.on) throw new NeedsNormalization();
      }
      if ((cls & WORD) === 0) {
        if (cls & SPACE) kPending = true;
        else {
          if (cls & SPECIAL_FOLD) this.keySpecial = true;
          if (kPending) {
            if (kStarted) kh = Math.imul(kh ^ 0x20, FNV);
            kPending = false;
          }
          kh = Math.imul(kh ^ (c < 0x80 ? ASCII_FOLD[c] : foldCodePoint(cp)), FNV);
          kStarted = true;
        }
        i += len;
        u += cp > 0xffff ? 2 : 1;
        continue;
      }
      // a word starts here (always after a character that is no letter or digit)
      if (kPending) {
        if (kStarted) kh = Math.imul(kh ^ 0x20, FNV);
        kPending = false;
      }
      kStarted = true;
      const ws = i;
      const us = u;
      let wb = this.word;
      let wl = 0;
      let h = SEED;
      let lettersOnly = true;
      let chars = 0;
      let special = false;
      for (;;) {
        // append the folded character (cp, len, cls) to the word
        let f: number;
        if (c < 0x80) f = ASCII_FOLD[c];
        else if (len === 2 && (c === 0xd0 || c === 0xd1)) {
          f = cp < 0x430 ? (cp >= 0x410 ? cp + 32 : cp + 80) : cp >= 0x460 && (cp & 1) === 0 ? cp + 1 : cp;
          if (f === 0x451) f = 0x435;
        } else {
          if (cls & SPECIAL_FOLD) special = true;
          f = foldCodePoint(cp);
        }
        if ((cls & LETTER) === 0) lettersOnly = false;
        if (wl + 4 > wb.length) {
          const bigger = new Uint8Array(wb.length * 2);
          bigger.set(wb);
          this.word = wb = bigger;
        }
        if (f < 0x80) wb[wl++] = f;
        else if (f < 0x800) {
          wb[wl++] = 0xc0 | (f >> 6);
          wb[wl++] = 0x80 | (f & 0x3f);
        } else if (f < 0x10000) {
          wb[wl++] = 0xe0 | (f >> 12);
          wb[wl++] = 0x80 | ((f >> 6) & 0x3f);
          wb[wl++] = 0x80 | (f & 0x3f);
        } else {
          wb[wl++] = 0xf0 | (f >> 18);
          wb[wl++] = 0x80 | ((f >> 12) & 0x3f);
          wb[wl++] = 0x80 | ((f >> 6) & 0x3f);
          wb[wl++] = 0x80 | (f & 0x3f);
        }
        h = Math.imul(h ^ f, FNV);
        kh = Math.imul(kh ^ f, FNV);
        chars++;
        i += len;
        u += cp > 0xffff ? 2 : 1;
        if (i >= end) break;
        // the next character: a letter or digit continues the word, as does a hyphen before one
        c = b[i];
        let hyphen = false;
        let j = i;
        if (c === 0x2d) {
          if (i + 1 >= end) break;
          hyphen = true;
          j = i + 1;
          c = b[j];
        }
        if (c < 0x80) {
          cp = c;
          len = 1;
          cls = ASCII_CLASS[c];
        } else if (c === 0xd0 || c === 0xd1) {
          cp = ((c & 0x1f) << 6) | (b[j + 1] & 0x3f);
          len = 2;
          cls = WORD | LETTER;
        } else {
          cp = decodeAt(b, j, c);
          len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
          cls = charClass(cp);
          if (cls & UNSAFE_NFC && nfcCheck.on) throw new NeedsNormalization();
        }
        if ((cls & WORD) === 0) break;
        if (hyphen) {
          wb[wl++] = 0x2d;
          h = Math.imul(h ^ 0x2d, FNV);
          kh = Math.imul(kh ^ 0x2d, FNV);
          lettersOnly = false;
          chars++;
          i = j;
          u++;
        }
      }
      // a word of one to three letters before a dot may open a dotted abbreviation (т.н.)
      if (lettersOnly && chars <= 3 && i < end && b[i] === 0x2e) {
        const stop = abbreviationEnd(b, i, end);
        if (stop > 0) {
          // fold the rest (dots and letters) into the word and the key
          let k = i;
          while (k < stop) {
            const ck = b[k];
            const cpk = ck < 0x80 ? ck : decodeAt(b, k, ck);
            const lk = ck < 0x80 ? 1 : ck >= 0xf0 ? 4 : ck >= 0xe0 ? 3 : 2;
            const clk = ck < 0x80 ? ASCII_CLASS[ck] : charClass(cpk);
            if (clk & SPECIAL_FOLD) special = true;
            const f = ck < 0x80 ? ASCII_FOLD[ck] : foldCodePoint(cpk);
            if (wl + 4 > wb.length) {
              const bigger = new Uint8Array(wb.length * 2);
              bigger.set(wb);
              this.word = wb = bigger;
            }
            wl += encodeAt(wb, wl, f);
            h = Math.imul(h ^ f, FNV);
            kh = Math.imul(kh ^ f, FNV);
            k += lk;
            u += cpk > 0xffff ? 2 : 1;
          }
          i = stop;
        }
      }
      let id: number;
      if (special) {
        this.keySpecial = true;
        id = this.internText(foldCase(decoder.decode(b.subarray(ws, i))));
      } else id = this.forms.intern(wb, wl, h);
      if (this.n === this.ids.length) this.grow();
      this.ids[this.n] = id;
      this.starts[this.n] = us;
      this.ends[this.n] = u;
      this.n++;
    }
    this.keyHash = kh;
    this.keyStarted = kStarted;
    this.keyPending = kPending;
    return u;
  }

  /** Interns a folded form given as text. */
  internText(norm: string): number {
    return this.forms.idOf(norm);
  }

  /**
   * The words of one text (a paragraph): resets the output, scans, and returns the number of
   * words. Text that NFC would change is normalized first (offsets then refer to the normalized text).
   */
  tokenizeText(text: string): number {
    this.n = 0;
    this.startKey();
    const bytes = encoder.encode(text);
    try {
      this.scan(bytes, 0, bytes.length, 0);
    } catch (err) {
      if (!(err instanceof NeedsNormalization)) throw err;
      this.n = 0;
      this.startKey();
      const nfc = encoder.encode(text.normalize('NFC'));
      withoutNfcCheck(() => this.scan(nfc, 0, nfc.length, 0));
    }
    return this.n;
  }
}

/** Class of the character at `i` (and its byte length), NFC-unsafe code points raising. */
function classAt(b: Uint8Array, i: number): { cls: number; len: number } {
  const c = b[i];
  if (c < 0x80) return { cls: ASCII_CLASS[c], len: 1 };
  const cls = charClass(decodeAt(b, i, c));
  if (cls & UNSAFE_NFC && nfcCheck.on) throw new NeedsNormalization();
  return { cls, len: c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2 };
}

/**
 * Where a dotted abbreviation ends whose first group of one to three letters ends at the dot
 * `dot`: groups of one to three letters each closed by a dot, at least two groups, and no letter
 * right after the last dot (`(?:\p{L}{1,3}\.){2,}(?!\p{L})`). 0 when there is none.
 */
function abbreviationEnd(b: Uint8Array, dot: number, end: number): number {
  let q = dot + 1;
  let groups = 1;
  for (;;) {
    let r = q;
    let letters = 0;
    while (r < end && letters < 4) {
      const { cls, len } = classAt(b, r);
      if ((cls & LETTER) === 0) break;
      letters++;
      r += len;
    }
    if (letters === 0) break; // no letter after the dot: the abbreviation ends here
    if (letters > 3 || r >= end || b[r] !== 0x2e) return 0; // a letter follows the last dot
    groups++;
    q = r + 1;
  }
  return groups >= 2 ? q : 0;
}
