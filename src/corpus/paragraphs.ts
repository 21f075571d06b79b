import { FramelabError } from '../errors';
import { ASCII_CLASS, BLANK, charClass, SPACE, UNSAFE_NFC } from '../text/chars';
import { paragraphKey } from '../text/normalize';
import { NeedsNormalization, nfcCheck, Tokenizer, withoutNfcCheck } from '../text/scan';
import { decodeAt } from '../text/utf8';
import { printable } from '../util/printable';
import type { Paragraph, ParagraphMode } from './types';
import { grown } from '../util/arrays';

/** A paragraph before duplicates are marked: its text and the 1-based line it starts on. */
export interface RawParagraph {
  text: string;
  line: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/**
 * Where the paragraphs of one document lie in its UTF-8 bytes: each paragraph is one or more
 * segments (its lines, trimmed), joined with a space when read as text. Buffers are reused from
 * document to document.
 */
/**
 * The paragraph mode for a dump that replaced each line break with a bare letter `n` glued to the
 * next sentence ("РИА Новости.nВосемнадцать туристов…"): an `n` after the end of a Russian
 * sentence (a Cyrillic lower-case letter, a digit, `.!?…»")`) and before the start of the next (a
 * Cyrillic capital, `«"—–`) stands between paragraphs, and so does a real line break, so that
 * texts that kept theirs lose none. Inside a paragraph, an `n` between two characters that are
 * neither Latin letters nor white space («Ранееnсообщалось,nчто») is read as a space. Latin words
 * are left alone: FinCEN, WinFin, UnionPay, Ivan.
 * `auto` cuts this way a text that holds no line break and such an `n` (see {@link flattenedDocument}).
 *
 * @example
 * splitParagraphs('Первое.nВторое.', 'lines').length // 1
 * splitParagraphs('Первое.nВторое.', 'auto').length // 2
 * loadCorpus('data/news-sample', { idField: 'url', paragraphs: FLATTENED_LINE_BREAKS }).documents[0].paragraphs.length // 3
 */
export const FLATTENED_LINE_BREAKS = 'pattern:(?<=[а-яё\\d.!?…»")])n+(?=[А-ЯЁ«"—–])|\\s*\\n\\s*';

const FLATTENED_BREAK = /(?<=[а-яё\d.!?…»")])n+(?=[А-ЯЁ«"—–])/gu;
/** {@link FLATTENED_LINE_BREAKS} as the expression that cuts paragraphs. */
const FLATTENED_PATTERN = new RegExp(FLATTENED_LINE_BREAKS.slice('pattern:'.length), 'u');
/**
 * Inside a paragraph of such a dump, the line breaks that did not end a sentence ("Ранееnсообщалось,nчто",
 * "сообщаетn«Интерфакс»", "Госдумеn."): a bare `n` between two characters that are neither Latin
 * letters nor white space, read as a space, so that the words on either side are words again.
 * An `n` that belongs to a Latin word stays (La Razónn, FinCEN).
 */
const FLATTENED_JOIN = /(?<=[^\p{Script=Latin}\s])n+(?=[^\p{Script=Latin}\s])/gu;

/** Whether a paragraph pattern is {@link FLATTENED_LINE_BREAKS} (however it was given: `flattened`, the pattern, or `auto` on such a text). */
function isFlattened(pattern: RegExp): boolean {
  return pattern.source === FLATTENED_PATTERN.source;
}

/**
 * Where a text looks like a dump with flattened line breaks (see {@link FLATTENED_LINE_BREAKS}):
 * how many such places it has, and the first one in its context (whole characters).
 *
 * @example
 * flattenedBreaks('МЧС.nСигнал о бедствии.nСпасатели…') // { count: 2, example: 'МЧС.nСигнал о бедс' }
 * flattenedBreaks('FinCEN, WinFin и UnionPay').count // 0
 */
export function flattenedBreaks(text: string): { count: number; example: string } {
  let count = 0;
  let first = -1;
  for (const m of text.matchAll(FLATTENED_BREAK)) {
    if (first < 0) first = m.index!;
    count++;
  }
  if (first < 0) return { count, example: '' };
  const before = Array.from(text.slice(Math.max(0, first - 8), first)).slice(-4).join('');
  const after = Array.from(text.slice(first, first + 28)).slice(0, 14).join('');
  return { count, example: before + after };
}

/** Whether byte `c` of UTF-8 text may end a Russian sentence before a flattened break: `[а-яё\d.!?…»")]`, read backwards from `i`. */
function endsSentenceAt(b: Uint8Array, i: number, start: number): boolean {
  const c = b[i];
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x21 || c === 0x3f || c === 0x22 || c === 0x29;
  if (i - 1 < start) return false;
  const p = b[i - 1];
  // а–п (D0 B0–BF), р–я (D1 80–8F), ё (D1 91), » (C2 BB), … (E2 80 A6)
  if (p === 0xd0) return c >= 0xb0 && c <= 0xbf;
  if (p === 0xd1) return (c >= 0x80 && c <= 0x8f) || c === 0x91;
  if (p === 0xc2) return c === 0xbb;
  return c === 0xa6 && p === 0x80 && i - 2 >= start && b[i - 2] === 0xe2;
}

/** Whether the UTF-8 text at `i` may start the sentence after a flattened break: `[А-ЯЁ«"—–]`. */
function startsSentenceAt(b: Uint8Array, i: number, end: number): boolean {
  const c = b[i];
  if (c === 0x22) return true;
  if (i + 1 >= end) return false;
  const d = b[i + 1];
  // А–Я (D0 90–AF), Ё (D0 81), « (C2 AB), — and – (E2 80 94, E2 80 93)
  if (c === 0xd0) return (d >= 0x90 && d <= 0xaf) || d === 0x81;
  if (c === 0xc2) return d === 0xab;
  return c === 0xe2 && d === 0x80 && i + 2 < end && (b[i + 2] === 0x94 || b[i + 2] === 0x93);
}

/**
 * Whether a document's UTF-8 bytes `[start, end)` are a dump that turned its line breaks into a
 * bare `n`: it holds no line break, and at least one run of `n` stands where
 * {@link FLATTENED_LINE_BREAKS} cuts (after the end of a Russian sentence, before the start of
 * the next). The paragraph mode `auto` cuts such a document there: left whole, it would be one
 * paragraph, and the words after each `n` ("nДля") would match nothing.
 *
 * @example
 * const flat = new TextEncoder().encode('Первое.nВторое.');
 * flattenedDocument(flat, 0, flat.length) // true
 * const kept = new TextEncoder().encode('Первое.\nnВторое.');
 * flattenedDocument(kept, 0, kept.length) // false
 */
export function flattenedDocument(b: Uint8Array, start: number, end: number): boolean {
  // (native searches: a document with a line break, the usual case, costs one search up to it)
  const v = b.subarray(start, end);
  if (v.indexOf(0x0a) >= 0 || v.indexOf(0x0d) >= 0) return false;
  for (let i = v.indexOf(0x6e); i >= 0; i = v.indexOf(0x6e, i)) {
    let j = i;
    while (j < v.length && v[j] === 0x6e) j++;
    if (i > 0 && j < v.length && endsSentenceAt(v, i - 1, 0) && startsSentenceAt(v, j, v.length)) return true;
    i = j;
  }
  return false;
}

/**
 * Lays out a document's UTF-8 bytes `[start, end)` by a paragraph mode or a pattern between
 * paragraphs: `auto` as {@link layoutParagraphs} does, except for a document
 * {@link flattenedDocument} recognises, which is cut by {@link FLATTENED_LINE_BREAKS}. Returns
 * whether the layout was made from the text normalized (NFC), as a pattern's is.
 *
 * @example
 * const layout = new Layout();
 * const b = new TextEncoder().encode('Первое.nВторое.');
 * layoutDocument(b, 0, b.length, 'auto', layout); // true
 * layout.paragraphs // 2
 */
export function layoutDocument(b: Uint8Array, start: number, end: number, segmenter: ParagraphMode | RegExp, layout: Layout): boolean {
  const how = segmenter === 'auto' && flattenedDocument(b, start, end) ? FLATTENED_PATTERN : segmenter;
  if (how instanceof RegExp) {
    layoutByPattern(decoder.decode(b.subarray(start, end)).normalize('NFC'), how, layout, isFlattened(how) ? FLATTENED_JOIN : undefined);
    return true;
  }
  layoutParagraphs(b, start, end, how, layout);
  return false;
}

/** What the flattened-line-break note of a corpus has gathered so far (see {@link FlattenedCheck}). */
export interface FlattenedNote {
  files: string[];
  places: number;
  example: string;
  /** Index of the note in the report's notes. */
  note: number;
  /** Paragraphs the looked-at text gives as cut now, and with `--paragraphs flattened`. */
  now: number;
  restored: number;
  /** Records `auto` cut as flattened, the paragraphs their text gives left whole (`lines`), and cut. */
  cut: number;
  whole: number;
  cutInto: number;
  /** Whether a file was longer than the text looked at. */
  partial: boolean;
}

/** Text of a file's records looked at for flattened line breaks, before the check stops. */
const FLATTENED_SAMPLE = 1 << 20;
/** Places that make a file look like a dump with flattened line breaks, before a note says so. */
const FLATTENED_NOTE_AT = 3;

/**
 * Looks at the text values of a file's first records (their first MiB, not the raw file: JSON
 * keys and markup are no text) for the signature of a dump that turned line breaks into a bare
 * `n` (see {@link FLATTENED_LINE_BREAKS}), and notes it once for the corpus. A file whose texts
 * have as many real line breaks as such places kept its breaks: no note then, since splitting it
 * at every `n` would only cut words.
 *
 * @example
 * const check = new FlattenedCheck();
 * check.feed('МЧС.nСигнал о бедствии.nСпасатели прибыли.nЛюди спасены.');
 * const report = { notes: [] };
 * check.report('ria.csv', report);
 * report.notes.length // 1
 */
export class FlattenedCheck {
  private seen = 0;
  private count = 0;
  private breaks = 0;
  private example = '';
  /** Paragraphs the looked-at text gives in the current mode, and with {@link FLATTENED_LINE_BREAKS}. */
  private now = 0;
  private restored = 0;
  /** Records that `auto` cuts as flattened ({@link flattenedDocument}), and their paragraphs left whole. */
  private cut = 0;
  private whole = 0;
  private cutInto = 0;

  /** @param mode how the corpus is being cut now (the note says what that gives). */
  constructor(private readonly mode: ParagraphMode = 'auto') {}

  /** Whether the check still wants text. */
  wants(): boolean {
    return this.seen < FLATTENED_SAMPLE;
  }

  /** One record's text. */
  feed(text: string): void {
    if (!this.wants()) return;
    const sample = text.length > FLATTENED_SAMPLE - this.seen ? text.slice(0, FLATTENED_SAMPLE - this.seen) : text;
    this.seen += sample.length;
    const { count, example } = flattenedBreaks(sample);
    if (count > 0 && this.count === 0) this.example = example;
    this.count += count;
    for (let i = sample.indexOf('\n'); i >= 0; i = sample.indexOf('\n', i + 1)) this.breaks++;
    this.now += splitParagraphs(sample, this.mode).length;
    const layout = new Layout();
    layoutByPattern(sample, FLATTENED_PATTERN, layout);
    this.restored += layout.paragraphs;
    if (this.mode === 'auto') {
      const bytes = encoder.encode(sample);
      if (flattenedDocument(bytes, 0, bytes.length)) {
        this.cut++;
        this.whole += splitParagraphs(sample, 'lines').length;
        this.cutInto += layout.paragraphs;
      }
    }
  }

  /** Adds (or extends) the corpus's note when this file looks flattened. */
  report(
    file: string,
    report: { notes: string[]; flattened?: FlattenedNote },
  ): void {
    // a note when `auto` cut records as flattened (what it did), or when the file looks flattened
    // and was not cut so (what to do)
    if (this.cut === 0 && (this.count < FLATTENED_NOTE_AT || this.breaks >= this.count)) return;
    const f = (report.flattened ??= { files: [], places: 0, example: this.example, note: report.notes.push('') - 1, now: 0, restored: 0, cut: 0, whole: 0, cutInto: 0, partial: false });
    f.files.push(file);
    f.places += this.count;
    f.now += this.now;
    f.restored += this.restored;
    f.cut += this.cut;
    f.whole += this.whole;
    f.cutInto += this.cutInto;
    f.partial ||= !this.wants();
    const files = f.files.length === 1 ? f.files[0] : `${f.files.length} files (${f.files.slice(0, 3).join(', ')}${f.files.length > 3 ? ', …' : ''})`;
    const example = printable(f.example);
    report.notes[f.note] =
      f.cut > 0
        ? `${files}: in ${f.cut} text(s) the line breaks had become a bare "n" ("…${example}…"), so paragraphs are cut there and an "n" inside a sentence is read as a space: ` +
          `${f.cutInto} paragraph(s) instead of ${f.whole}${f.partial ? ' in the first MiB of text' : ''} (--paragraphs lines keeps each text whole, "n" and all)`
        : `${files}: paragraphs seem lost: ${f.places} place(s) in the first MiB of text where a bare "n" joins two sentences ("…${example}…"), ` +
          `as when a dump turns its line breaks into "n". That text gives ${f.now} paragraph(s) as cut now and ${f.restored} with --paragraphs flattened, ` +
          `which cuts at those places and at real line breaks (for these files alone: paragraphs: flattened in their source of a corpus.yaml)`;
  }
}

/**
 * Room for this many segments and paragraphs of a document in the layout a counting thread keeps
 * (and in its paragraph arrays, see corpus/tokens.ts) before the arrays grow: most documents fit,
 * so that the arrays rarely grow once V8 has optimized the code that fills them (code that meets
 * its first growth then is thrown away and compiled again, in every thread).
 */
export const LAYOUT_ROOM = 4096;

export class Layout {
  segments = 0;
  segStart: Int32Array;
  segEnd: Int32Array;
  paragraphs = 0;
  /** First segment of each paragraph, and how many it has. */
  parFirst: Int32Array;
  parCount: Int32Array;
  /** 1-based line of the document where each paragraph starts. */
  parLine: Int32Array;
  /** The bytes the segments point into (the document's, or a normalized copy). */
  bytes: Uint8Array = new Uint8Array(0);

  /** A layout with room for `room` segments and paragraphs before its arrays grow (a layout made for one text needs little; see {@link LAYOUT_ROOM}). */
  constructor(room = 128) {
    this.segStart = new Int32Array(2 * room);
    this.segEnd = new Int32Array(2 * room);
    this.parFirst = new Int32Array(room);
    this.parCount = new Int32Array(room);
    this.parLine = new Int32Array(room);
  }

  reset(bytes: Uint8Array): void {
    this.bytes = bytes;
    this.segments = 0;
    this.paragraphs = 0;
  }

  addSegment(start: number, end: number): void {
    if (this.segments === this.segStart.length) {
      this.segStart = grown(this.segStart);
      this.segEnd = grown(this.segEnd);
    }
    this.segStart[this.segments] = start;
    this.segEnd[this.segments] = end;
    this.segments++;
  }

  /** Closes a paragraph made of the segments added since `first`, starting on `line`. */
  addParagraph(first: number, line: number): void {
    if (this.paragraphs === this.parFirst.length) {
      this.parFirst = grown(this.parFirst);
      this.parCount = grown(this.parCount);
      this.parLine = grown(this.parLine);
    }
    this.parFirst[this.paragraphs] = first;
    this.parCount[this.paragraphs] = this.segments - first;
    this.parLine[this.paragraphs] = line;
    this.paragraphs++;
  }

  /** The text of paragraph `p`: its segments joined with a space. */
  text(p: number): string {
    const first = this.parFirst[p];
    const n = this.parCount[p];
    if (n === 1) return decoder.decode(this.bytes.subarray(this.segStart[first], this.segEnd[first]));
    const parts: string[] = [];
    for (let s = first; s < first + n; s++) parts.push(decoder.decode(this.bytes.subarray(this.segStart[s], this.segEnd[s])));
    return parts.join(' ');
  }
}

/** Class of the character at byte `i` (NFC-unsafe code points raise) and its length. */
function charAt(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return ASCII_CLASS[c];
  const cls = charClass(decodeAt(b, i, c));
  if (cls & UNSAFE_NFC && nfcCheck.on) throw new NeedsNormalization();
  return cls;
}

const lengthOf = (c: number) => (c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2);

/** Start of the first character of `[start, end)` that is not white space (JavaScript's `trim`). */
function trimStart(b: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && charAt(b, i) & SPACE) i += lengthOf(b[i]);
  return i;
}

/** End of the last character of `[start, end)` that is not white space. */
function trimEnd(b: Uint8Array, start: number, end: number): number {
  let j = end;
  while (j > start) {
    let k = j - 1;
    while (k > start && (b[k] & 0xc0) === 0x80) k--;
    if ((charAt(b, k) & SPACE) === 0) break;
    j = k;
  }
  return j;
}

/** Whether a line holds nothing but spaces, tabs, no-break spaces, form feeds and vertical tabs. */
function isBlank(b: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i += lengthOf(b[i])) if ((charAt(b, i) & BLANK) === 0) return false;
  return true;
}

/** Reusable arrays for the lines of a document. */
const lineStarts: { start: Int32Array; end: Int32Array } = { start: new Int32Array(4 * LAYOUT_ROOM), end: new Int32Array(4 * LAYOUT_ROOM) };

/** Splits `[start, end)` at LF, CRLF and CR; returns the number of lines (an empty text has one). */
function splitLines(b: Uint8Array, start: number, end: number): number {
  let n = 0;
  const push = (s: number, e: number) => {
    if (n === lineStarts.start.length) {
      lineStarts.start = grown(lineStarts.start);
      lineStarts.end = grown(lineStarts.end);
    }
    lineStarts.start[n] = s;
    lineStarts.end[n] = e;
    n++;
  };
  const view = b instanceof Buffer ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
  const hasCr = view.indexOf(0x0d, start) >= 0 && view.indexOf(0x0d, start) < end;
  let s = start;
  if (!hasCr) {
    for (;;) {
      const nl = view.indexOf(0x0a, s);
      if (nl < 0 || nl >= end) break;
      push(s, nl);
      s = nl + 1;
    }
  } else {
    for (let i = start; i < end; i++) {
      const c = b[i];
      if (c === 0x0a || c === 0x0d) {
        push(s, i);
        if (c === 0x0d && i + 1 < end && b[i + 1] === 0x0a) i++;
        s = i + 1;
      }
    }
  }
  push(s, end);
  return n;
}

/**
 * Lays out the paragraphs of a document's UTF-8 bytes `[start, end)`. `lines`: every line that is
 * not empty once trimmed; `blank`: runs of lines between blank lines (lines holding only spaces,
 * tabs, no-break spaces, form and vertical feeds), their trimmed lines joined with a space;
 * `auto`: `blank` when a blank line stands between two other lines, else `lines`. Line ends may
 * be LF, CRLF or CR. Paragraphs that hold nothing once trimmed are left out. Throws
 * `NeedsNormalization` at a code point that Unicode normalization may change.
 */
export function layoutParagraphs(b: Uint8Array, start: number, end: number, mode: 'auto' | 'lines' | 'blank', layout: Layout): void {
  layout.reset(b);
  const n = splitLines(b, start, end);
  const ls = lineStarts.start;
  const le = lineStarts.end;
  let blank = mode === 'blank';
  if (mode === 'auto') {
    let seenText = false;
    let blankAfterText = false;
    for (let k = 0; k < n && !blank; k++) {
      if (isBlank(b, ls[k], le[k])) {
        if (seenText) blankAfterText = true;
      } else {
        if (blankAfterText) blank = true;
        seenText = true;
      }
    }
  }
  if (!blank) {
    for (let k = 0; k < n; k++) {
      const s = trimStart(b, ls[k], le[k]);
      if (s === le[k]) continue;
      const first = layout.segments;
      layout.addSegment(s, trimEnd(b, s, le[k]));
      layout.addParagraph(first, k + 1);
    }
    return;
  }
  let first = -1;
  let startLine = 0;
  let filled = false;
  const flush = () => {
    if (first >= 0 && filled) layout.addParagraph(first, startLine);
    else if (first >= 0) layout.segments = first; // nothing but white space: no paragraph
    first = -1;
    filled = false;
  };
  for (let k = 0; k < n; k++) {
    if (isBlank(b, ls[k], le[k])) {
      flush();
      continue;
    }
    if (first < 0) {
      first = layout.segments;
      startLine = k + 1;
    }
    const s = trimStart(b, ls[k], le[k]);
    const e = s === le[k] ? s : trimEnd(b, s, le[k]);
    if (e > s) filled = true;
    layout.addSegment(s, e);
  }
  flush();
}

/**
 * Lays out paragraphs cut by a regular expression (quanteda's `corpus_segment`): the text
 * between two matches is a paragraph, trimmed; the matches themselves are left out. A pattern
 * that matches the empty string is an error. With `join`, what it matches inside a paragraph is
 * read as a space (a line break that did not end the paragraph).
 */
export function layoutByPattern(text: string, pattern: RegExp, layout: Layout, join?: RegExp): void {
  const pieces: Array<{ text: string; line: number }> = [];
  const re = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
  let from = 0;
  let line = 1;
  let lineAt = 0;
  const lineOf = (at: number) => {
    for (; lineAt < at; lineAt++) {
      const c = text.charCodeAt(lineAt);
      if (c === 10 || (c === 13 && text.charCodeAt(lineAt + 1) !== 10)) line++;
    }
    return line;
  };
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) {
      throw new FramelabError(`the paragraph pattern /${pattern.source}/ matches an empty string (at character ${m.index}); it must match the text between paragraphs`);
    }
    pieces.push({ text: text.slice(from, m.index), line: lineOf(from) });
    from = m.index + m[0].length;
  }
  pieces.push({ text: text.slice(from), line: lineOf(from) });
  const kept = pieces.map((p) => ({ ...p, text: join ? p.text.trim().replace(join, ' ') : p.text.trim() })).filter((p) => p.text !== '');
  // each paragraph's bytes once, then laid end to end with a line break between them
  const encoded = kept.map((p) => encoder.encode(p.text));
  const bytes = new Uint8Array(encoded.reduce((n, e) => n + e.length + 1, 0) - (encoded.length > 0 ? 1 : 0));
  layout.reset(bytes);
  let at = 0;
  kept.forEach((p, k) => {
    bytes.set(encoded[k], at);
    if (at + encoded[k].length < bytes.length) bytes[at + encoded[k].length] = 0x0a;
    const first = layout.segments;
    layout.addSegment(at, at + encoded[k].length);
    layout.addParagraph(first, p.line);
    at += encoded[k].length + 1;
  });
}

/**
 * Finds the first paragraph of a document with the same duplicate key (case folded, ё → е,
 * white space collapsed) as each new one. Keys are compared by their hash first and by their
 * text when hashes agree, so that the answer is exact.
 */
export class DuplicateMarker {
  // the first paragraph of each hash, in an open-addressing table of [hash, paragraph, document]
  // slots (a slot of another document is empty), so that no 32-bit hash becomes a heap number
  // in a Map: a Map allocated for each paragraph of each document
  private slots = new Int32Array(3 * 64);
  private mask = 63;
  private count = 0;
  private generation = 1;
  private byKey: Map<string, number> | undefined;
  private readonly keys = new Map<number, string>();

  /** Forgets the paragraphs of the previous document. */
  reset(): void {
    this.generation++;
    this.count = 0;
    this.byKey = undefined;
    this.keys.clear();
  }

  /** The first paragraph with this hash in the current document, or -1 after noting `index` as that first one. */
  private firstOf(hash: number, index: number): number {
    const g = this.generation;
    let s = this.slot(hash);
    while (this.slots[3 * s + 2] === g) {
      if (this.slots[3 * s] === hash) return this.slots[3 * s + 1];
      s = (s + 1) & this.mask;
    }
    this.slots[3 * s] = hash;
    this.slots[3 * s + 1] = index;
    this.slots[3 * s + 2] = g;
    if (++this.count * 2 > this.mask) this.grow();
    return -1;
  }

  private slot(hash: number): number {
    let h = hash ^ (hash >>> 16);
    h = Math.imul(h, 0x85ebca6b);
    return (h ^ (h >>> 13)) & this.mask;
  }

  private grow(): void {
    const old = this.slots;
    const g = this.generation;
    this.mask = 2 * this.mask + 1;
    this.slots = new Int32Array(3 * (this.mask + 1));
    for (let o = 0; o < old.length; o += 3) {
      if (old[o + 2] !== g) continue;
      let s = this.slot(old[o]);
      while (this.slots[3 * s + 2] === g) s = (s + 1) & this.mask;
      this.slots.set(old.subarray(o, o + 3), 3 * s);
    }
  }

  /**
   * The number of the earlier paragraph with the same key as paragraph `index`, or -1. `keyOf`
   * gives a paragraph's key text; it is called only when two hashes agree.
   */
  mark(index: number, hash: number, keyOf: (p: number) => string): number {
    const first = this.firstOf(hash | 0, index);
    if (first < 0) return -1;
    const key = (p: number) => {
      let k = this.keys.get(p);
      if (k === undefined) {
        k = keyOf(p);
        this.keys.set(p, k);
      }
      return k;
    };
    const mine = key(index);
    if (key(first) === mine) return first;
    // two different keys with one hash: compare by text from here on
    if (!this.byKey) this.byKey = new Map([[key(first), first]]);
    const earlier = this.byKey.get(mine);
    if (earlier !== undefined) return earlier;
    this.byKey.set(mine, index);
    return -1;
  }
}

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
  if (mode !== 'auto' && mode !== 'lines' && mode !== 'blank') throw new FramelabError(`unknown paragraph mode "${mode}" (use auto, lines or blank)`);
  const layout = new Layout();
  const bytes = encoder.encode(text);
  try {
    layoutDocument(bytes, 0, bytes.length, mode, layout);
  } catch (err) {
    if (!(err instanceof NeedsNormalization)) throw err;
    const nfc = encoder.encode(text.normalize('NFC'));
    withoutNfcCheck(() => layoutDocument(nfc, 0, nfc.length, mode, layout));
  }
  return Array.from({ length: layout.paragraphs }, (_, p) => ({ text: layout.text(p), line: layout.parLine[p] }));
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
  const marker = new DuplicateMarker();
  const keyOf = (p: number) => paragraphKey(raw[p].text);
  const tokenizer = new Tokenizer();
  return raw.map((p, index) => {
    tokenizer.tokenizeText(p.text);
    const hash = tokenizer.keySpecial ? tokenizer.keyHashOf(keyOf(index)) : tokenizer.keyHash;
    const earlier = marker.mark(index, hash, keyOf);
    return { index, text: p.text, line: p.line, duplicateOf: earlier < 0 ? null : earlier };
  });
}
