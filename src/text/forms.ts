import type { Analysis } from './lemmatizer';
import { grown } from '../util/arrays';

/** Where a form table gets lemmas: at once (the lemmatizer), or later (a worker thread asking the main thread). */
export interface LemmaLookup {
  /** The lemma and part of speech of a folded form, or undefined when it is not known yet. */
  lookup(norm: string): Analysis | undefined;
}

const EMPTY = 0;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/**
 * The vocabulary of a run: every distinct folded word form gets a small integer id the first time
 * it is seen, and its text, lemma and part of speech are worked out once per id, never per word.
 * Forms are interned from their folded UTF-8 bytes (an open-addressing hash table over a byte
 * arena), so the scanner builds no string for a word it has seen before.
 *
 * @example
 * const forms = new FormTable();
 * const id = forms.idOf('гранты');
 * forms.text(id) // 'гранты'
 * forms.idOf('гранты') === id // true
 */
export class FormTable {
  /** Pairs [hash, id + 1]; 0 marks an empty slot. */
  private slots: Int32Array = new Int32Array(1 << 12);
  private mask = (1 << 11) - 1;
  private arena: Uint8Array = new Uint8Array(1 << 16);
  private used = 0;
  /** Pairs [offset, length] into the arena, per id. */
  private spans: Int32Array = new Int32Array(1 << 11);
  private readonly strings: Array<string | undefined> = [];
  private readonly analyses: Array<Analysis | undefined> = [];
  /** For a name variant (see {@link nameOf}): the id of its plain form; -1 or absent for a plain form. */
  private readonly plainOf: number[] = [];
  /** For a plain form: the id of its name variant + 1, when made. */
  private readonly variantOf: number[] = [];
  /** Whether the arrays were imported from memory another thread reads too (see {@link importState}): copied before the first write. */
  private borrowed = false;
  /** Number of distinct forms. */
  size = 0;

  constructor(public lemmas?: LemmaLookup) {}

  /**
   * The id of the form whose folded UTF-8 bytes are `bytes[0, length)`, with `hash` computed by
   * `hashCodePoint` over its code points; a new id when the form is new.
   */
  intern(bytes: Uint8Array, length: number, hash: number): number {
    const slots = this.slots;
    const arena = this.arena;
    const spans = this.spans;
    let s = mix(hash) & this.mask;
    for (;;) {
      const v = slots[2 * s + 1];
      if (v === EMPTY) break;
      if (slots[2 * s] === hash) {
        const id = v - 1;
        if (spans[2 * id + 1] === length) {
          const off = spans[2 * id];
          let k = 0;
          while (k < length && arena[off + k] === bytes[k]) k++;
          if (k === length) return id;
        }
      }
      s = (s + 1) & this.mask;
    }
    return this.add(bytes, length, hash, s);
  }

  private add(bytes: Uint8Array, length: number, hash: number, slot: number): number {
    if (this.borrowed) this.own();
    const id = this.size++;
    if (2 * id + 2 > this.spans.length) this.spans = grown(this.spans, 2 * id + 2);
    if (this.used + length > this.arena.length) this.arena = grown(this.arena, this.used + length);
    this.arena.set(bytes.subarray(0, length), this.used);
    this.spans[2 * id] = this.used;
    this.spans[2 * id + 1] = length;
    this.used += length;
    this.slots[2 * slot] = hash;
    this.slots[2 * slot + 1] = id + 1;
    if (this.size * 4 > this.slots.length) this.grow();
    return id;
  }

  private grow(): void {
    const old = this.slots;
    const slots = new Int32Array(old.length * 2);
    const mask = (slots.length >> 1) - 1;
    for (let s = 0; s < old.length; s += 2) {
      if (old[s + 1] === EMPTY) continue;
      let t = mix(old[s]) & mask;
      while (slots[2 * t + 1] !== EMPTY) t = (t + 1) & mask;
      slots[2 * t] = old[s];
      slots[2 * t + 1] = old[s + 1];
    }
    this.slots = slots;
    this.mask = mask;
  }

  /** The id of a folded form given as text (interned when new). */
  idOf(norm: string): number {
    const bytes = encoder.encode(norm);
    let h = HASH_SEED;
    for (const ch of norm) h = hashCodePoint(h, ch.codePointAt(0)!);
    const id = this.intern(bytes, bytes.length, h);
    this.strings[id] ??= norm;
    return id;
  }

  /** The folded text of a form. */
  text(id: number): string {
    let s = this.strings[id];
    if (s === undefined) {
      const off = this.spans[2 * id];
      s = decoder.decode(this.arena.subarray(off, off + this.spans[2 * id + 1]));
      this.strings[id] = s;
    }
    return s;
  }

  /**
   * The name variant of a form: the same folded text, its own id, and a lemma key with a capital
   * (`Путина`), so that a capitalised word inside a sentence is lemmatized as the name it may be
   * (see {@link analyzeName}) while the word in lower case keeps its own lemma. Made once per form.
   *
   * @example
   * const forms = new FormTable();
   * const id = forms.idOf('путина');
   * const name = forms.nameOf(id);
   * [forms.text(name), forms.key(name), forms.key(id)] // ['путина', 'Путина', 'путина']
   */
  nameOf(id: number): number {
    const plain = this.plainOf[id] ?? -1;
    if (plain >= 0) return id;
    const known = this.variantOf[id];
    if (known) return known - 1;
    if (this.borrowed) this.own();
    const v = this.size++;
    if (2 * v + 2 > this.spans.length) this.spans = grown(this.spans, 2 * v + 2);
    this.spans[2 * v] = this.spans[2 * id];
    this.spans[2 * v + 1] = this.spans[2 * id + 1];
    this.plainOf[v] = id;
    this.variantOf[id] = v + 1;
    return v;
  }

  /** The plain form of a name variant (the form itself for a plain form). */
  plain(id: number): number {
    const p = this.plainOf[id] ?? -1;
    return p >= 0 ? p : id;
  }

  /** What a form's lemma is looked up by: its folded text, or for a name variant that text with a capital first letter. */
  key(id: number): string {
    const text = this.text(id);
    if ((this.plainOf[id] ?? -1) < 0) return text;
    const first = String.fromCodePoint(text.codePointAt(0)!);
    return first.toUpperCase() + text.slice(first.length);
  }

  /** Lemma and part of speech of a form, or undefined while the lemma source does not know it yet. */
  analysis(id: number): Analysis | undefined {
    let a = this.analyses[id];
    if (a === undefined && this.lemmas) {
      a = this.lemmas.lookup(this.key(id));
      if (a !== undefined) this.analyses[id] = a;
    }
    return a;
  }

  /**
   * The table as plain numbers and bytes (see {@link importState}), for a vocabulary kept between
   * runs or handed to another thread. Texts and analyses are not kept: they are read again lazily.
   */
  exportState(): FormTableState {
    const n = this.size;
    const plainOf = new Int32Array(n).fill(-1);
    const variantOf = new Int32Array(n);
    for (let id = 0; id < n; id++) {
      plainOf[id] = this.plainOf[id] ?? -1;
      variantOf[id] = this.variantOf[id] ?? 0;
    }
    return { size: n, mask: this.mask, used: this.used, slots: this.slots, arena: this.arena.subarray(0, this.used), spans: this.spans.subarray(0, 2 * n), plainOf, variantOf };
  }

  /** Takes the forms of {@link exportState} into this table, which must be empty, and owns the arrays from then on (arrays in a SharedArrayBuffer, which other threads read too, are copied before the first write); the same ids come back. */
  importState(s: FormTableState): void {
    if (this.size !== 0) throw new Error('a form table takes a saved state only when empty');
    // the arrays are taken as they are (they grow when a form is added)
    this.slots = s.slots;
    this.mask = s.mask;
    this.arena = s.arena;
    this.used = s.used;
    this.spans = s.spans;
    this.borrowed = s.slots.buffer instanceof SharedArrayBuffer;
    for (let id = 0; id < s.size; id++) {
      if (s.plainOf[id] >= 0) this.plainOf[id] = s.plainOf[id];
      if (s.variantOf[id] !== 0) this.variantOf[id] = s.variantOf[id];
    }
    this.size = s.size;
  }

  /** Copies the arrays taken from shared memory, before this table first writes to them: the other threads read them as they were. */
  private own(): void {
    this.slots = this.slots.slice();
    this.spans = this.spans.slice();
    this.arena = this.arena.slice();
    this.borrowed = false;
  }

  /** Lemma of a form; the form itself while no lemma is known. */
  lemma(id: number): string {
    return this.analysis(id)?.lemma ?? this.text(id);
  }
}

/** A {@link FormTable} as numbers and bytes (see {@link FormTable.exportState}). */
export interface FormTableState {
  size: number;
  mask: number;
  used: number;
  slots: Int32Array;
  arena: Uint8Array;
  spans: Int32Array;
  plainOf: Int32Array;
  variantOf: Int32Array;
}

/** Start value of a form's hash. */
export const HASH_SEED = 0x811c9dc5 | 0;

/**
 * Adds one code point to a form's hash (FNV-1a over code points).
 *
 * @example
 * hashCodePoint(HASH_SEED, 0x433) // hash of 'г'
 */
export function hashCodePoint(h: number, cp: number): number {
  return Math.imul(h ^ cp, 0x01000193);
}

/** Spreads a hash's bits before it picks a slot (murmur3's finalizer, first half). */
function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  return h ^ (h >>> 13);
}
