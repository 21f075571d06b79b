import { FramelabError } from '../errors';
import { limit, limitHint } from '../util/limits';
import { encodeAt } from '../text/utf8';
import { grown } from '../util/arrays';

/** A document as read from its file, before it is cut into paragraphs. */
export interface RawRecord {
  /** The id field's value, or null when the record has none (the reader names it then). */
  id: string | null;
  /** Every other field. */
  meta: Record<string, unknown>;
  /** The text as UTF-8 bytes `text[start, end)`. The buffer may be reused by the next record. */
  text: Uint8Array;
  start: number;
  end: number;
  /** The id field is there but empty (""): the reader names the record after its file and line, and says so. */
  emptyId?: boolean;
}

/** Which fields hold a record's id and text. */
export interface RecordFields {
  id: string;
  text: string;
}

export const DEFAULT_FIELDS: RecordFields = { id: 'id', text: 'text' };

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** A growing scratch buffer that JSON strings are unescaped into; 512 KiB from the start, so that the optimized code rarely meets its growth (see `LAYOUT_ROOM` in paragraphs.ts). */
let scratch = new Uint8Array(1 << 19);

/** A marker thrown inside the fast JSON path: hand the line to JSON.parse instead. */
class Unusual extends Error {}
const UNUSUAL = new Unusual();

const isWs = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

function skipWs(b: Uint8Array, i: number, end: number): number {
  while (i < end && isWs(b[i])) i++;
  return i;
}

/** End (past the closing quote) of the JSON string opening at `i`; checks its escapes and control characters. */
function stringEnd(b: Uint8Array, i: number, end: number): { end: number; escaped: boolean } {
  let k = i + 1;
  let escaped = false;
  while (k < end) {
    const c = b[k];
    if (c === 0x22) return { end: k + 1, escaped };
    if (c < 0x20) throw UNUSUAL;
    if (c === 0x5c) {
      escaped = true;
      k += 2;
    } else k++;
  }
  throw UNUSUAL;
}

/** End of the JSON value starting at `i` (string, number, literal, object or array). */
function valueEnd(b: Uint8Array, i: number, end: number): number {
  const c = b[i];
  if (c === 0x22) return stringEnd(b, i, end).end;
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    let k = i;
    while (k < end) {
      const d = b[k];
      if (d === 0x22) {
        k = stringEnd(b, k, end).end;
        continue;
      }
      if (d === 0x7b || d === 0x5b) depth++;
      else if (d === 0x7d || d === 0x5d) {
        depth--;
        if (depth === 0) return k + 1;
      }
      k++;
    }
    throw UNUSUAL;
  }
  let k = i;
  while (k < end && b[k] !== 0x2c && b[k] !== 0x7d && !isWs(b[k])) k++;
  if (k === i) throw UNUSUAL;
  return k;
}

const HEX = (c: number) => (c >= 0x30 && c <= 0x39 ? c - 0x30 : c >= 0x61 && c <= 0x66 ? c - 0x57 : c >= 0x41 && c <= 0x46 ? c - 0x37 : -1);

/**
 * Reads the JSON string whose opening quote is at `open` into UTF-8 in the scratch buffer, in one
 * pass: runs without escapes are copied whole, escapes decoded, a raw control character refused
 * (as JSON does). Returns the position after the closing quote and the text's length.
 */
function readJsonString(b: Uint8Array, open: number, end: number): { after: number; length: number } {
  if (scratch.length < end - open) scratch = new Uint8Array(Math.max(scratch.length * 2, end - open));
  const out = scratch;
  let o = 0;
  let i = open + 1;
  for (;;) {
    let k = i;
    let c = 0;
    while (k < end) {
      c = b[k];
      if (c === 0x22 || c === 0x5c || c < 0x20) break;
      k++;
    }
    if (k - i >= 64) {
      out.set(b.subarray(i, k), o);
      o += k - i;
    } else {
      // a short run between escapes (a paragraph break, a quote): copied by hand, without a view object for it
      for (let j = i; j < k; j++) out[o++] = b[j];
    }
    if (k >= end || c < 0x20) throw UNUSUAL;
    if (c === 0x22) return { after: k + 1, length: o };
    const e = b[k + 1];
    let cp: number;
    let step = 2;
    switch (e) {
      case 0x22: cp = 0x22; break;
      case 0x5c: cp = 0x5c; break;
      case 0x2f: cp = 0x2f; break;
      case 0x62: cp = 0x08; break;
      case 0x66: cp = 0x0c; break;
      case 0x6e: cp = 0x0a; break;
      case 0x72: cp = 0x0d; break;
      case 0x74: cp = 0x09; break;
      case 0x75: {
        cp = hex4(b, k + 2, end);
        step = 6;
        if (cp >= 0xd800 && cp < 0xdc00 && b[k + 6] === 0x5c && b[k + 7] === 0x75) {
          const lo = hex4(b, k + 8, end, false);
          if (lo >= 0xdc00 && lo < 0xe000) {
            cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
            step = 12;
          }
        }
        if (cp >= 0xd800 && cp < 0xe000) cp = 0xfffd; // a lone surrogate: as TextEncoder writes it
        break;
      }
      default:
        throw UNUSUAL;
    }
    o += encodeAt(out, o, cp);
    i = k + step;
  }
}

/** Four hex digits at `at` as a number; with `strict`, anything else hands the line to JSON.parse (else -1). */
function hex4(b: Uint8Array, at: number, end: number, strict = true): number {
  let v = 0;
  for (let h = at; h < at + 4; h++) {
    const d = h < end ? HEX(b[h]) : -1;
    if (d < 0) {
      if (strict) throw UNUSUAL;
      return -1;
    }
    v = v * 16 + d;
  }
  return v;
}

function jsonValue(b: Uint8Array, start: number, end: number): unknown {
  try {
    return JSON.parse(decoder.decode(b.subarray(start, end)));
  } catch {
    throw UNUSUAL;
  }
}

/**
 * One JSONL line as a record, or null for a blank line: a JSON object with a text field (a
 * string), an optional id field (a string or a number) and any other fields, kept as metadata.
 * The text is found and unescaped from the line's bytes without parsing the whole line; a line
 * this fast path does not expect goes to `JSON.parse`, whose verdict (and error message) counts.
 * Anything else is an error naming the file and line.
 */
export function parseJsonlRecord(b: Uint8Array, start: number, end: number, where: { file: string; line: number }, fields: RecordFields = DEFAULT_FIELDS): RawRecord | null {
  const s = skipWs(b, start, end);
  if (s >= end) return null;
  try {
    return fastJsonl(b, s, end, where, fields);
  } catch (err) {
    if (err !== UNUSUAL) throw err;
  }
  const line = decoder.decode(b.subarray(start, end));
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (err) {
    throw new FramelabError(`invalid JSON: ${(err as Error).message}`, where);
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new FramelabError(`each line must be a JSON object with a "${fields.text}" field`, where);
  }
  // JSON.parse keeps the last of two equal keys; a key starts after { or , (a quote inside a string is escaped)
  for (const key of [fields.text, fields.id]) {
    const at = new RegExp(`[{,]\\s*${JSON.stringify(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*:`, 'g');
    if ((line.match(at) ?? []).length > 1) throw new FramelabError(`the key "${key}" appears twice in this JSON object; keep one`, where);
  }
  return recordOf(record as Record<string, unknown>, where, fields);
}

function fastJsonl(b: Uint8Array, s: number, end: number, where: { file: string; line: number }, fields: RecordFields): RawRecord {
  if (b[s] !== 0x7b) throw UNUSUAL;
  let i = skipWs(b, s + 1, end);
  const meta: Record<string, unknown> = {};
  let textLength = -1;
  let textIsString = false;
  let sawText = false;
  let id: unknown;
  if (b[i] === 0x7d) throw UNUSUAL;
  for (;;) {
    if (b[i] !== 0x22) throw UNUSUAL;
    const k = stringEnd(b, i, end);
    const key = k.escaped ? (jsonValue(b, i, k.end) as string) : decoder.decode(b.subarray(i + 1, k.end - 1));
    i = skipWs(b, k.end, end);
    if (b[i] !== 0x3a) throw UNUSUAL;
    i = skipWs(b, i + 1, end);
    if (i >= end) throw UNUSUAL;
    let v: number;
    // JSON.parse keeps the last of two equal keys: which one was meant would be a silent guess
    if ((key === fields.text && sawText) || (key === fields.id && id !== undefined) || Object.prototype.hasOwnProperty.call(meta, key)) {
      throw new FramelabError(`the key "${key}" appears twice in this JSON object; keep one`, where);
    }
    if (key === fields.text) {
      sawText = true;
      textIsString = b[i] === 0x22;
      if (textIsString) {
        // a later text field would reuse the scratch buffer: JSON.parse settles such a line
        if (textLength >= 0) throw UNUSUAL;
        const r = readJsonString(b, i, end);
        textLength = r.length;
        v = r.after;
      } else {
        v = valueEnd(b, i, end);
        jsonValue(b, i, v);
      }
      delete meta[key];
    } else {
      v = valueEnd(b, i, end);
      if (key === fields.id) id = jsonValue(b, i, v);
      else {
        if (key === '__proto__') throw UNUSUAL;
        meta[key] = jsonValue(b, i, v);
      }
    }
    i = skipWs(b, v, end);
    if (b[i] === 0x2c) {
      i = skipWs(b, i + 1, end);
      continue;
    }
    if (b[i] === 0x7d) break;
    throw UNUSUAL;
  }
  if (skipWs(b, i + 1, end) !== end) throw UNUSUAL;
  if (!sawText || !textIsString) throw new FramelabError(`the "${fields.text}" field is missing or not a string`, where);
  return { id: idOf(id, where, fields), meta, text: scratch, start: 0, end: textLength, ...(id === '' ? { emptyId: true } : {}) };
}

function idOf(id: unknown, where: { file: string; line: number }, fields: RecordFields): string | null {
  if (id === undefined || id === null || id === '') return null;
  if (typeof id !== 'string' && typeof id !== 'number') throw new FramelabError(`the "${fields.id}" field must be a string or a number`, where);
  return String(id);
}

/** A parsed JSON object or CSV row as a record: its id, text and the rest as metadata. */
export function recordOf(record: Record<string, unknown>, where: { file: string; line: number }, fields: RecordFields = DEFAULT_FIELDS): RawRecord {
  const meta: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (k !== fields.id && k !== fields.text) meta[k] = v;
  const text = record[fields.text];
  if (typeof text !== 'string') throw new FramelabError(`the "${fields.text}" field is missing or not a string`, where);
  const bytes = encoder.encode(text);
  return { id: idOf(record[fields.id], where, fields), meta, text: bytes, start: 0, end: bytes.length, ...(record[fields.id] === '' ? { emptyId: true } : {}) };
}

/** One record of a CSV file: its fields (quotes removed) and the line it starts on. */
export interface CsvRow {
  fields: string[];
  line: number;
}

/**
 * A streaming RFC 4180 reader over UTF-8 chunks: fields separated by commas, records by LF,
 * CRLF or CR, a field in double quotes may hold commas, quotes (doubled) and line breaks. It is
 * lenient where real dumps are not tidy, as Python's csv module is: a quote inside an unquoted
 * field is kept as a character, and text after a closing quote is kept with the field. A quoted
 * field still open at the end of the input is an error naming the line it opened on. Blank lines
 * are skipped.
 *
 * @example
 * const csv = new CsvReader('a.csv');
 * csv.push(Buffer.from('id,text\r\n1,"a, ""b"""\r\n'), (row) => rows.push(row.fields));
 * csv.end(...) // rows: [['id', 'text'], ['1', 'a, "b"']]
 */
export class CsvReader {
  private fb = new Uint8Array(1024);
  private fl = 0;
  private fields: string[] = [];
  private inQuotes = false;
  /** A quote ended the last chunk inside a quoted field: doubled or closing, the next byte tells. */
  private pendingQuote = false;
  private fieldStart = true;
  private skipLf = false;
  private line = 1;
  private recordLine = 1;
  private quoteLine = 0;
  private readonly maxField = limit('lineMiB') * 1048576;

  constructor(private readonly file: string) {}

  private append(b: Uint8Array, from: number, to: number): void {
    const n = to - from;
    if (n <= 0) return;
    if (this.fl + n > this.maxField) {
      // an unclosed quote swallows the rest of the file into one field: stop before memory runs out
      throw new FramelabError(
        `a field starting at line ${this.inQuotes ? this.quoteLine : this.recordLine} is longer than ${limit('lineMiB')} MiB (an unclosed quote?) (${limitHint('lineMiB')})`,
        { file: this.file },
      );
    }
    if (this.fl + n > this.fb.length) {
      this.fb = grown(this.fb, this.fl + n);
    }
    this.fb.set(b.subarray(from, to), this.fl);
    this.fl += n;
  }

  private endField(): void {
    this.fields.push(decoder.decode(this.fb.subarray(0, this.fl)));
    this.fl = 0;
    this.fieldStart = true;
  }

  private endRecord(onRow: (row: CsvRow) => void): void {
    this.endField();
    const fields = this.fields;
    this.fields = [];
    if (!(fields.length === 1 && fields[0] === '')) onRow({ fields, line: this.recordLine });
  }

  /** Feeds a chunk; calls `onRow` for every complete record. */
  push(b: Uint8Array, onRow: (row: CsvRow) => void): void {
    const n = b.length;
    let i = 0;
    while (i < n) {
      let c = b[i];
      if (this.skipLf) {
        this.skipLf = false;
        if (c === 0x0a) {
          i++;
          continue;
        }
      }
      if (this.pendingQuote) {
        this.pendingQuote = false;
        if (c === 0x22) {
          this.append(b, i, i + 1);
          this.inQuotes = true;
          i++;
          continue;
        }
      }
      if (this.inQuotes) {
        let k = i;
        while (k < n && b[k] !== 0x22) {
          if (b[k] === 0x0a || (b[k] === 0x0d && b[k + 1] !== 0x0a)) this.line++;
          k++;
        }
        this.append(b, i, k);
        if (k >= n) return;
        if (k + 1 === n) {
          this.inQuotes = false;
          this.pendingQuote = true;
          return;
        }
        if (b[k + 1] === 0x22) {
          this.append(b, k, k + 1);
          i = k + 2;
        } else {
          this.inQuotes = false;
          i = k + 1;
        }
        continue;
      }
      if (c === 0x2c) {
        this.endField();
        i++;
        continue;
      }
      if (c === 0x0a || c === 0x0d) {
        this.endRecord(onRow);
        this.line++;
        this.recordLine = this.line;
        if (c === 0x0d) this.skipLf = true;
        i++;
        continue;
      }
      if (c === 0x22 && this.fieldStart) {
        this.inQuotes = true;
        this.quoteLine = this.line;
        this.fieldStart = false;
        i++;
        continue;
      }
      this.fieldStart = false;
      let k = i + 1;
      while (k < n && (c = b[k]) !== 0x2c && c !== 0x0a && c !== 0x0d && c !== 0x22) k++;
      // a quote that does not open a field is part of it
      if (k < n && b[k] === 0x22) k++;
      this.append(b, i, k);
      i = k;
    }
  }

  /** Ends the input: the last record (without a final line break), or an error for an open quote. */
  end(onRow: (row: CsvRow) => void): void {
    if (this.inQuotes) throw new FramelabError(`invalid CSV: the quoted field opened on line ${this.quoteLine} is never closed`, { file: this.file, line: this.quoteLine });
    this.pendingQuote = false;
    if (this.fl > 0 || this.fields.length > 0 || !this.fieldStart) this.endRecord(onRow);
  }
}
