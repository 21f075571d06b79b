import * as chars from './chars';
import { FormTable, HASH_SEED } from './forms';
import { decodeAt, encodeAt } from './utf8';

export { decodeAt, encodeAt };
import { foldCase } from './normalize';
import { grown } from '../util/arrays';

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

/** Folded Cyrillic letters U+0400–U+047F (the code points of lead bytes D0 and D1): lower case, ё → е. */
const CYRILLIC_FOLD = new Uint16Array(0x80);
for (let k = 0; k < 0x80; k++) CYRILLIC_FOLD[k] = foldCodePoint(0x400 + k);

/** Spreads a hash's bits before it picks a slot (murmur3's finalizer, first half). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}

/**
 * Whether the word `b[ws, we)` is written with a Cyrillic capital followed by a lower-case
 * Cyrillic letter (Путина, not ПУТИНА, not путина): the words that may be names.
 */
function capitalised(b: Uint8Array, ws: number, we: number): boolean {
  if (we - ws < 4 || b[ws] !== 0xd0) return false;
  const c1 = b[ws + 1];
  if (!((c1 >= 0x90 && c1 <= 0xaf) || c1 === 0x81)) return false;
  const c2 = b[ws + 2];
  const c3 = b[ws + 3];
  return (c2 === 0xd0 && c3 >= 0xb0 && c3 <= 0xbf) || (c2 === 0xd1 && ((c3 >= 0x80 && c3 <= 0x8f) || c3 === 0x91));
}

/** Keeps word ids apart from separator code points in a paragraph's duplicate-key hash. */
const WORD_TAG = 0x110000;

/** In a raw slot's length: the form is capitalised (see `capitalised`). */
const CAPITALISED = 1 << 30;
/** The bits of a raw slot's length that hold the length. */
const LENGTH = CAPITALISED - 1;

/** A {@link Tokenizer}'s raw forms as numbers and bytes (see {@link Tokenizer.exportState}). */
export interface TokenizerState {
  mask: number;
  used: number;
  count: number;
  slots: Int32Array;
  arena: Uint8Array;
  variant: Int32Array;
}

/**
 * The byte-level tokenizer: walks the UTF-8 bytes of a text once, finds its words exactly as
 * {@link WORD_PATTERN} does (runs of letters and digits with single inner hyphens; dotted
 * abbreviations such as `т.н.`), and turns each into the id of its folded form (lower case,
 * ё → е) in a {@link FormTable}. A word is first looked up as written, in a table of raw forms
 * that compares it with the bytes where it stands, so that a word seen before costs a hash and a
 * probe — no string, no folding, no copy. Alongside it hashes the paragraph's duplicate key (see
 * {@link paragraphKey}) from the word ids and the characters between them.
 *
 * Output goes to growing typed arrays: `ids[k]` the form of the k-th word, `starts[k]`/`ends[k]`
 * its byte offsets in the scanned bytes ({@link tokenizeText} turns them into UTF-16 offsets in
 * the text, as JavaScript strings count).
 */
export class Tokenizer {
  ids = new Int32Array(1 << 12);
  starts = new Int32Array(1 << 12);
  ends = new Int32Array(1 << 12);
  /** Words written so far. */
  n = 0;
  /** Duplicate-key hash of the paragraph being scanned. */
  keyHash = HASH_SEED;
  keyStarted = false;
  keyPending = false;
  /** The paragraph held a code point whose folding depends on its neighbours: its key must be computed from its text. */
  keySpecial = false;
  // raw forms (as written): slots of four numbers [hash, arena offset, length, folded id + 1], so
  // that a lookup touches one slot and the arena; the top bit of the folded id marks a form whose
  // folding needed its text (İ, Σ), and CAPITALISED in the length a form written with a capital
  // and then lower-case letters (Путина), which inside a sentence takes its form's name variant
  private rawSlots: Int32Array = new Int32Array(4 << 12);
  private rawMask = (1 << 12) - 1;
  private rawArena: Uint8Array = new Uint8Array(1 << 16);
  private rawUsed = 0;
  private rawCount = 0;
  /** Per folded form id: its name variant's id + 1 once made (see {@link FormTable.nameOf}), else 0. */
  private variant: Int32Array = new Int32Array(1 << 10);
  /** Whether the raw-form arrays were imported from memory another thread reads too (see {@link importState}): copied before the first write. */
  private borrowed = false;
  /** Whether the raw form last looked up is capitalised. */
  private lastCap = false;
  /** Whether the next word opens a sentence (the paragraph's first, or after . ! ? …). */
  private atStart = true;
  private word = new Uint8Array(256);

  constructor(readonly forms: FormTable = new FormTable()) {}

  /** The table of raw forms as numbers and bytes (see {@link importState}); the form table is kept apart. */
  exportState(): TokenizerState {
    return { mask: this.rawMask, used: this.rawUsed, count: this.rawCount, slots: this.rawSlots, arena: this.rawArena.subarray(0, this.rawUsed), variant: this.variant };
  }

  /** Takes the raw forms of {@link exportState} (made over the same form table's state) into this tokenizer, which must be new, and owns the arrays from then on (arrays in a SharedArrayBuffer, which other threads read too, are copied before the first write). */
  importState(s: TokenizerState): void {
    if (this.rawCount !== 0) throw new Error('a tokenizer takes a saved state only when new');
    // the arrays are taken as they are (they grow when a raw form is added)
    this.rawSlots = s.slots;
    this.rawMask = s.mask;
    this.rawArena = s.arena;
    this.rawUsed = s.used;
    this.rawCount = s.count;
    this.variant = s.variant;
    this.borrowed = s.slots.buffer instanceof SharedArrayBuffer;
  }

  /** Copies the arrays taken from shared memory, before this tokenizer first writes to them: the other threads read them as they were. */
  private own(): void {
    this.rawSlots = this.rawSlots.slice();
    this.rawArena = this.rawArena.slice();
    this.variant = this.variant.slice();
    this.borrowed = false;
  }

  /**
   * Meets every raw form of another tokenizer's table (its {@link exportState}) as a word, so
   * that each is interned here with its folded form, and a capitalised one with its name variant
   * when the other tokenizer made that variant (met the word inside a sentence). The output arrays
   * and the key are left as they were.
   */
  learn(s: TokenizerState): void {
    // each word after a sentence's end (no name variant), or after "и" inside a sentence (its variant)
    const inside = (o: number) => (s.slots[o + 2] & CAPITALISED) !== 0 && (s.variant[(s.slots[o + 3] - 1) & 0x7fffffff] ?? 0) !== 0;
    let total = 0;
    for (let o = 0; o < s.slots.length; o += 4) if (s.slots[o + 3] !== 0) total += (s.slots[o + 2] & LENGTH) + (inside(o) ? 5 : 2);
    const text = new Uint8Array(total);
    let at = 0;
    for (let o = 0; o < s.slots.length; o += 4) {
      if (s.slots[o + 3] === 0) continue;
      if (inside(o)) {
        text.set([0xd0, 0xb8, 0x20], at); // "и "
        at += 3;
      }
      const off = s.slots[o + 1];
      const len = s.slots[o + 2] & LENGTH;
      text.set(s.arena.subarray(off, off + len), at);
      at += len;
      text[at++] = 0x2e; // ". "
      text[at++] = 0x20;
    }
    const n = this.n;
    const saved = [this.keyHash, this.keyStarted, this.keyPending, this.keySpecial, this.atStart] as const;
    this.startKey();
    withoutNfcCheck(() => this.scan(text, 0, at));
    [this.keyHash, this.keyStarted, this.keyPending, this.keySpecial, this.atStart] = saved;
    this.n = n;
  }

  /** Starts a new paragraph's key. */
  startKey(): void {
    this.atStart = true;
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
    this.ids = grown(this.ids);
    this.starts = grown(this.starts);
    this.ends = grown(this.ends);
  }

  /**
   * Scans the characters `bytes[start, end)`, appending their words with their byte offsets in
   * `bytes`. Throws `NeedsNormalization` at a code point that NFC may change.
   */
  scan(b: Uint8Array, start: number, end: number): void {
    let i = start;
    let kh = this.keyHash;
    let kStarted = this.keyStarted;
    let kPending = this.keyPending;
    let atStart = this.atStart;
    let n = this.n;
    let ids = this.ids;
    let starts = this.starts;
    let ends = this.ends;
    let rawSlots = this.rawSlots;
    let rawMask = this.rawMask;
    let rawArena = this.rawArena;
    // read once, and every flag below kept in a local and stored at the end: a branch met for the
    // first time after V8 optimized this function (the first code point NFC may change, the first
    // form whose folding needs its text) would otherwise throw the optimized code away
    const nfc = nfcCheck.on;
    let special = 0;
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
        if (cls & UNSAFE_NFC && nfc) throw new NeedsNormalization();
      }
      if ((cls & WORD) === 0) {
        if (cls & SPACE) kPending = true;
        else {
          if (cp === 0x2e || cp === 0x21 || cp === 0x3f || cp === 0x2026) atStart = true;
          special |= cls & SPECIAL_FOLD;
          if (kPending) {
            if (kStarted) kh = Math.imul(kh ^ 0x20, FNV);
            kPending = false;
          }
          kh = Math.imul(kh ^ (c < 0x80 ? ASCII_FOLD[c] : foldCodePoint(cp)), FNV);
          kStarted = true;
        }
        i += len;
        continue;
      }
      // a word starts here (always after a character that is no letter or digit)
      const ws = i;
      let h = SEED;
      let hyphen = false;
      for (;;) {
        h = Math.imul(h ^ cp, FNV);
        i += len;
        if (i >= end) break;
        // the next character: a letter or digit continues the word, as does a hyphen before one
        c = b[i];
        let j = i;
        if (c === 0x2d) {
          if (i + 1 >= end) break;
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
          if (cls & UNSAFE_NFC && nfc) throw new NeedsNormalization();
        }
        if ((cls & WORD) === 0) break;
        if (j !== i) {
          h = Math.imul(h ^ 0x2d, FNV);
          hyphen = true;
          i = j;
        }
      }
      // a word of one to three letters before a dot may open a dotted abbreviation (т.н.)
      if (i < end && b[i] === 0x2e && !hyphen && i - ws <= 12 && shortLetterRun(b, ws, i)) {
        const stop = abbreviationEnd(b, i, end);
        while (i < stop) {
          const ck = b[i];
          const cpk = ck < 0x80 ? ck : decodeAt(b, i, ck);
          h = Math.imul(h ^ cpk, FNV);
          i += ck < 0x80 ? 1 : ck >= 0xf0 ? 4 : ck >= 0xe0 ? 3 : 2;
        }
      }
      // the word as written in the table of raw forms (its slot compared with the bytes where it
      // stands), read from locals that are reloaded only after a new form
      let id = -1;
      let cap = false;
      for (let s = mix(h) & rawMask; ; s = (s + 1) & rawMask) {
        const o = s << 2;
        const folded = rawSlots[o + 3];
        if (folded === 0) {
          id = this.addRaw(b, ws, i, h, s);
          cap = this.lastCap;
          rawSlots = this.rawSlots;
          rawMask = this.rawMask;
          rawArena = this.rawArena;
          break;
        }
        const lc = rawSlots[o + 2];
        if (rawSlots[o] === h && (lc & LENGTH) === i - ws) {
          const off = rawSlots[o + 1] - ws;
          let k = ws;
          while (k < i && rawArena[off + k] === b[k]) k++;
          if (k === i) {
            id = folded - 1;
            cap = lc !== i - ws;
            break;
          }
        }
      }
      special |= id >>> 31;
      id &= 0x7fffffff;
      // the paragraph's key hashes the plain form: case does not make two paragraphs differ
      const keyId = id;
      // a capitalised word inside a sentence: the name variant of its form (see FormTable.nameOf)
      if (cap && !atStart) id = this.nameVariant(id);
      atStart = false;
      if (n === ids.length) {
        this.grow();
        ids = this.ids;
        starts = this.starts;
        ends = this.ends;
      }
      ids[n] = id;
      starts[n] = ws;
      ends[n] = i;
      n++;
      if (kPending) {
        if (kStarted) kh = Math.imul(kh ^ 0x20, FNV);
        kPending = false;
      }
      kh = Math.imul(kh ^ (keyId + WORD_TAG), FNV);
      kStarted = true;
    }
    this.n = n;
    this.atStart = atStart;
    this.keyHash = kh;
    this.keyStarted = kStarted;
    this.keyPending = kPending;
    this.keySpecial = this.keySpecial || special !== 0;
  }

  /** The name variant of folded form `id`, made once. */
  private nameVariant(id: number): number {
    if (id < this.variant.length) {
      const v = this.variant[id];
      if (v !== 0) return v - 1;
    } else {
      this.variant = grown(this.variant, id + 1);
    }
    const v = this.forms.nameOf(id);
    if (this.borrowed) this.own();
    this.variant[id] = v + 1;
    return v;
  }

  private addRaw(b: Uint8Array, ws: number, we: number, h: number, slot: number): number {
    if (this.borrowed) this.own();
    const len = we - ws;
    if (this.rawUsed + len > this.rawArena.length) this.rawArena = grown(this.rawArena, this.rawUsed + len);
    this.rawArena.set(b.subarray(ws, we), this.rawUsed);
    const folded = this.fold(b, ws, we);
    // (a word of 1 GiB or more would never be found again, and be added anew each time: still counted right)
    const cap = capitalised(b, ws, we);
    const o = slot << 2;
    this.rawSlots[o] = h;
    this.rawSlots[o + 1] = this.rawUsed;
    this.rawSlots[o + 2] = cap ? len | CAPITALISED : len;
    this.rawSlots[o + 3] = folded + 1;
    this.lastCap = cap;
    this.rawUsed += len;
    if (++this.rawCount * 2 > this.rawMask) this.growRaw();
    return folded;
  }

  private growRaw(): void {
    const old = this.rawSlots;
    const slots = new Int32Array(old.length * 2);
    const mask = (slots.length >> 2) - 1;
    for (let o = 0; o < old.length; o += 4) {
      if (old[o + 3] === 0) continue;
      let t = mix(old[o]) & mask;
      while (slots[(t << 2) + 3] !== 0) t = (t + 1) & mask;
      slots.set(old.subarray(o, o + 4), t << 2);
    }
    this.rawSlots = slots;
    this.rawMask = mask;
  }

  /** Folds a new raw form into the form table; the top bit marks a form folded through its text. */
  private fold(b: Uint8Array, ws: number, we: number): number {
    let wb = this.word;
    if (wb.length < 4 * (we - ws)) wb = this.word = new Uint8Array(4 * (we - ws));
    let wl = 0;
    let h = SEED;
    for (let i = ws; i < we; ) {
      const c = b[i];
      let f: number;
      if (c < 0x80) {
        f = ASCII_FOLD[c];
        i++;
      } else {
        const cp = decodeAt(b, i, c);
        i += c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
        if (cp >= 0x400 && cp < 0x480) f = CYRILLIC_FOLD[cp - 0x400];
        else {
          if (charClass(cp) & SPECIAL_FOLD) return this.forms.idOf(foldCase(decoder.decode(b.subarray(ws, we)))) | 0x80000000;
          f = foldCodePoint(cp);
        }
      }
      wl += encodeAt(wb, wl, f);
      h = Math.imul(h ^ f, FNV);
    }
    return this.forms.intern(wb, wl, h);
  }

  /** Interns a folded form given as text. */
  internText(norm: string): number {
    return this.forms.idOf(norm);
  }

  /**
   * The duplicate-key hash of a key text (see {@link paragraphKey}), as {@link scan} computes it
   * for a paragraph: for paragraphs whose key must come from their text. Leaves the output as it was.
   */
  keyHashOf(key: string): number {
    const n = this.n;
    const saved = [this.keyHash, this.keyStarted, this.keyPending, this.keySpecial] as const;
    this.startKey();
    const bytes = encoder.encode(key);
    withoutNfcCheck(() => this.scan(bytes, 0, bytes.length));
    const h = this.keyHash;
    [this.keyHash, this.keyStarted, this.keyPending, this.keySpecial] = saved;
    this.n = n;
    return h;
  }

  /**
   * The words of one text (a paragraph): resets the output, scans, and returns the number of
   * words, with `starts`/`ends` in UTF-16 code units of the text. Text that NFC would change is
   * normalized first (offsets then refer to the normalized text).
   */
  tokenizeText(text: string): number {
    this.n = 0;
    this.startKey();
    let bytes = encoder.encode(text);
    try {
      this.scan(bytes, 0, bytes.length);
    } catch (err) {
      if (!(err instanceof NeedsNormalization)) throw err;
      this.n = 0;
      this.startKey();
      const nfc = encoder.encode(text.normalize('NFC'));
      bytes = nfc;
      withoutNfcCheck(() => this.scan(nfc, 0, nfc.length));
    }
    toUnits(bytes, this.starts, this.ends, this.n);
    return this.n;
  }
}

/**
 * Turns ascending byte offsets into UTF-16 offsets of the same text, in place: `starts[k]` and
 * `ends[k]` for the first `n` words (one walk over the bytes).
 */
export function toUnits(b: Uint8Array, starts: Int32Array, ends: Int32Array, n: number): void {
  let i = 0;
  let u = 0;
  const at = (offset: number) => {
    for (; i < offset; i++) {
      const c = b[i];
      if ((c & 0xc0) !== 0x80) u += c >= 0xf0 ? 2 : 1;
    }
    return u;
  };
  for (let k = 0; k < n; k++) {
    starts[k] = at(starts[k]);
    ends[k] = at(ends[k]);
  }
}

/** Whether `b[ws, we)` is one to three letters (the first group of a dotted abbreviation). */
function shortLetterRun(b: Uint8Array, ws: number, we: number): boolean {
  // the word's characters were classed (and checked for NFC) when it was scanned: count them
  // without objects, and stop at the fourth
  let letters = 0;
  for (let i = ws; i < we; ) {
    if (++letters > 3) return false;
    const c = b[i];
    if (c < 0x80) {
      if ((ASCII_CLASS[c] & LETTER) === 0) return false;
      i++;
    } else if (c === 0xd0 || c === 0xd1) {
      i += 2; // U+0400–U+047F: letters
    } else {
      if ((charClass(decodeAt(b, i, c)) & LETTER) === 0) return false;
      i += c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
    }
  }
  return letters >= 1;
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
      // the class of the character at r (no object per character: this runs after every short word before a dot)
      const c = b[r];
      let cls: number;
      let len = 1;
      if (c < 0x80) cls = ASCII_CLASS[c];
      else {
        cls = charClass(decodeAt(b, r, c));
        if (cls & UNSAFE_NFC && nfcCheck.on) throw new NeedsNormalization();
        len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
      }
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
