import { FramelabError } from '../errors';
import { DocumentTokenizer, segmenterOf, type Segmenter } from './tokens';
import { listCorpus, type CorpusFile, type CorpusListing, type SkippedFile } from './files';
import { CsvReader, DEFAULT_FIELDS, parseJsonlRecord, recordOf, type RawRecord, type RecordFields } from './records';
import { FlattenedCheck, type FlattenedNote } from './paragraphs';
import { readChunks } from './source';
import type { Document, Paragraph, ParagraphMode } from './types';
import type { Tokenizer } from '../text/scan';
import { checkSource, isCorpusFile, listSource, missingSidecars, readCorpusSpec, type SourceSpec } from './sources';
import { isTelegramExport, jsonElements, telegramText, type JsonHeader } from './json';
import { cleanNote, cleanText, noCleanCounts, type CleanCounts, type CleanKind } from './clean';
import { boilerplateKey, boilerplateNote, findBoilerplate, sourceNamer, type Boilerplate } from './boilerplate';
import { grown } from '../util/arrays';
import { HASH_SEED, hashCodePoint } from '../text/forms';

/** How files are read into documents: the options every command and library function shares. */
export interface ReadOptions {
  /** `auto` (default), `lines`, `blank`, or `pattern:<regex>` (what stands between paragraphs). */
  paragraphs?: ParagraphMode | string;
  /** Force this encoding for every file instead of detecting it. */
  encoding?: string;
  /** Drop paragraphs that repeat an earlier paragraph of the same document. */
  dedupe?: boolean;
  /** Skip JSONL lines that are not JSON objects with a text field (and report them) instead of stopping. */
  skipBadLines?: boolean;
  /** JSONL field or CSV column holding a document's id (default `id`). */
  idField?: string;
  /** JSONL field or CSV column holding a document's text (default `text`). */
  textField?: string;
  /** A regular expression with named groups: fields from each file's name without extension (`--name-fields`). */
  nameFields?: string;
  /** A sidecar path template (`{stem}_meta.json`): each file's fields from a JSON object beside it (`--sidecar`). */
  sidecar?: string;
  /** Fields every document gets (`--field outlet=Meduza`); they win over a record's own. */
  fields?: Record<string, string>;
  /** Globs of files left out (`--exclude`). */
  exclude?: string[];
  /** Take these out of every text before it is cut into words, and count them (`--clean`). */
  clean?: readonly CleanKind[];
  /** Paragraphs repeated across documents of a source (see {@link findBoilerplate}): marked `boilerplateOf`. */
  boilerplate?: Boilerplate;
  /** Drop the paragraphs `boilerplate` marks. */
  dropBoilerplate?: boolean;
  /** Find the boilerplate first: paragraphs in at least this many documents of one source (see {@link withBoilerplate}). */
  boilerplateMin?: number;
}

/** What reading a corpus met besides documents: for notes and progress. */
export interface ReadReport {
  files: CorpusFile[];
  /** Files of the input folders that are not read, and why. */
  skippedFiles: SkippedFile[];
  /** JSONL lines skipped with `skipBadLines`. */
  badLines: Array<{ file: string; line: number; message: string }>;
  /** Things a user should know (extra CSV fields, ...), one line each. */
  notes: string[];
  /** Encoding of each file, once it is open. */
  encodings: string[];
  /** Files finished, and bytes read from disk so far. */
  filesDone: number;
  bytesRead: number;
  totalBytes: number;
  /** Files that look like dumps with line breaks turned into "n" (see {@link FLATTENED_LINE_BREAKS}), for their one note. */
  flattened?: FlattenedNote;
  /** What `--clean` took out. */
  cleaned?: CleanCounts;
  /** Documents with no text (they count as documents but give no paragraph): how many, and the first. */
  empty?: { count: number; first: string; note: number };
  /** Records whose id field is empty (named after their file and line instead), per file. */
  emptyIds?: { count: number; first: string; note: number };
  /** Paragraphs dropped as boilerplate. */
  droppedBoilerplate?: number;
}

/** A piece of input as the main thread cuts it: a JSONL line still to parse, or a parsed record. */
export type Item =
  | { kind: 'line'; file: number; line: number; bytes: Uint8Array }
  | { kind: 'record'; file: number; line: number; id: string | null; meta: Record<string, unknown>; text: Uint8Array };

/**
 * The sources of `paths`: a corpus file (`.yaml`) gives its sources; every other path is a source
 * of its own, with the source options of `options` (`nameFields`, `sidecar`, `fields`, `exclude`).
 * On a corpus file's sources those options add to its own: fixed fields over its fields, excludes
 * besides its excludes, a file-name pattern or sidecar where a source has none.
 *
 * @example
 * sourcesOf(['data/mixed-corpus/corpus.yaml']).length // 6
 * sourcesOf(['texts/'], { fields: { outlet: 'Meduza' } })[0].fields // { outlet: 'Meduza' }
 */
export function sourcesOf(paths: readonly string[], options: ReadOptions = {}): SourceSpec[] {
  const out: SourceSpec[] = [];
  for (const p of paths) {
    if (typeof p === 'string' && isCorpusFile(p)) {
      // the flags add to what the corpus file says: fixed fields over its own, excludes besides its own
      for (const spec of readCorpusSpec(p).sources) {
        if (options.fields && Object.keys(options.fields).length) spec.fields = { ...spec.fields, ...options.fields };
        if (options.exclude?.length) spec.exclude = [...(spec.exclude ?? []), ...options.exclude];
        if (options.nameFields !== undefined && spec.nameFields === undefined) spec.nameFields = options.nameFields;
        if (options.sidecar !== undefined && spec.sidecar === undefined) spec.sidecar = options.sidecar;
        checkSource(spec);
        out.push(spec);
      }
      continue;
    }
    const spec: SourceSpec = { path: p, fields: options.fields, nameFields: options.nameFields, sidecar: options.sidecar, exclude: options.exclude };
    checkSource(spec);
    out.push(spec);
  }
  return out;
}

/** Whether reading needs sources (a corpus file, or a source option): else the plain listing serves. */
function needsSources(paths: readonly string[], options: ReadOptions): boolean {
  return (
    paths.some((p) => typeof p === 'string' && isCorpusFile(p)) ||
    options.nameFields !== undefined ||
    options.sidecar !== undefined ||
    (options.fields !== undefined && Object.keys(options.fields).length > 0) ||
    (options.exclude !== undefined && options.exclude.length > 0)
  );
}

/**
 * Lists the corpus files of `paths` (files, folders, or corpus files `corpus.yaml`) and starts a
 * report. `options` brings the source options of the flags (see {@link sourcesOf}).
 *
 * @example
 * openCorpus('data/news-sample').files.length // 6 gzip-compressed CSV dumps
 */
export function openCorpus(paths: string | readonly string[], options: ReadOptions = {}): ReadReport {
  const list = typeof paths === 'string' ? [paths] : paths;
  let listing: CorpusListing;
  const notes: string[] = [];
  if (needsSources(list, options)) {
    if (list.length === 0) throw new FramelabError('no input: give at least one file, folder or corpus file');
    const specs = sourcesOf(list, options);
    listing = { files: [], skipped: [] };
    specs.forEach((spec, k) => listSource(spec, k, listing.files, listing.skipped));
    const missing = missingSidecars(listing.files, specs);
    if (missing.length) notes.push(`${missing.length} file(s) have no sidecar file, so no fields from one (first: ${missing[0]})`);
  } else {
    listing = listCorpus(list);
    listing.files.forEach((f, k) => (f.source = list.findIndex((p) => f.file === p || f.file.startsWith(p.endsWith('/') ? p : p + '/')) ?? k));
  }
  return {
    files: listing.files,
    skippedFiles: listing.skipped,
    badLines: [],
    notes,
    encodings: listing.files.map(() => ''),
    filesDone: 0,
    bytesRead: 0,
    totalBytes: listing.files.reduce((s, f) => s + f.bytes, 0),
  };
}

/** The fields of a record: `--id-column` and `--text-column`, or `id` and `text`. */
export function fieldsOf(options: ReadOptions): RecordFields {
  return { id: options.idField ?? DEFAULT_FIELDS.id, text: options.textField ?? DEFAULT_FIELDS.text };
}

/** A record's fields with its file's: name and sidecar fields under the record's own, fixed fields over them. */
export function withFileFields(cf: CorpusFile, meta: Record<string, unknown>): Record<string, unknown> {
  if (!cf.meta && !cf.fixed) return meta;
  return { ...cf.meta, ...meta, ...cf.fixed };
}

/**
 * Cuts the files of a corpus into items, one file at a time: a text file is one record, a JSONL
 * file one line after another (parsed later, possibly in a worker thread), a CSV file one row
 * after another, a JSON file one element of its array of records after another. Memory holds a
 * chunk of a few MiB and the current record, whatever the corpus size. With `clean`, every text is
 * cleaned here (JSONL lines are then parsed here too), and what was taken out is counted.
 */
export function* readItems(report: ReadReport, options: ReadOptions): Generator<Item> {
  const clean = options.clean && options.clean.length > 0 ? options.clean : null;
  const cleaned = clean ? (report.cleaned ??= noCleanCounts()) : null;
  for (let f = 0; f < report.files.length; f++) {
    const cf = report.files[f];
    const fields = cf.fields ?? fieldsOf(options);
    const state = { encoding: '', read: 0 };
    const before = report.bytesRead;
    const chunks = readChunks(cf, { encoding: cf.encoding ?? options.encoding }, state);
    const sync = () => {
      report.encodings[f] = state.encoding;
      report.bytesRead = before + state.read;
    };
    const paragraphs = cf.paragraphs ?? options.paragraphs;
    // a pattern (or a RegExp) means the user already cuts paragraphs their own way
    const flat = paragraphs === undefined || paragraphs === 'auto' || paragraphs === 'lines' || paragraphs === 'blank' ? new FlattenedCheck(paragraphs ?? 'auto') : null;
    /** A record's text, cleaned when asked, checked for flattened line breaks and emptiness. */
    const finish = (item: Item & { kind: 'record' }): Item => {
      let text = item.text;
      if (clean || flat?.wants()) {
        const s = Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8');
        flat?.feed(s);
        if (clean) text = Buffer.from(cleanText(s, clean, cleaned!), 'utf8');
      }
      if (isBlankText(text)) noteEmpty(report, item.id ?? `${cf.id}:${item.line}`);
      return { ...item, meta: withFileFields(cf, item.meta), text };
    };
    if (cf.format === 'jsonl') {
      for (const { bytes, line } of jsonlLines(chunks, sync)) {
        if (!clean && !flat?.wants()) {
          yield { kind: 'line', file: f, line, bytes };
          continue;
        }
        // parsed here: to clean it, or to look at its text for flattened line breaks
        let r: RawRecord | null;
        try {
          r = parseJsonlRecord(bytes, 0, bytes.length, { file: cf.file, line }, fields);
        } catch (err) {
          if (!(err instanceof FramelabError) || !options.skipBadLines) throw err;
          if (clean) {
            report.badLines.push({ file: cf.file, line, message: err.message });
            continue;
          }
          yield { kind: 'line', file: f, line, bytes }; // reported where it is parsed
          continue;
        }
        if (!r) continue;
        if (!clean) {
          flat!.feed(Buffer.from(r.text.buffer, r.text.byteOffset + r.start, r.end - r.start).toString('utf8'));
          yield { kind: 'line', file: f, line, bytes };
          continue;
        }
        if (r.emptyId) noteEmptyId(report, fields.id, `${cf.id}:${line}`);
        yield finish({ kind: 'record', file: f, line, id: r.id, meta: r.meta, text: Buffer.from(r.text.subarray(r.start, r.end)) });
      }
    } else if (cf.format === 'csv') {
      for (const item of csvItems(f, cf, chunks, fields, report, sync)) yield item.kind === 'record' ? finish(item) : item;
    } else if (cf.format === 'json') {
      yield* jsonItems(f, cf, chunks, fields, report, sync, finish);
    } else {
      const parts: Buffer[] = [];
      for (const chunk of chunks) {
        sync();
        parts.push(Buffer.from(chunk.bytes)); // chunks share buffers: keep a copy
      }
      sync();
      yield finish({ kind: 'record', file: f, line: 1, id: cf.id, meta: {}, text: parts.length === 1 ? parts[0] : Buffer.concat(parts) });
    }
    sync();
    if (flat) flat.report(cf.file, report);
    report.filesDone++;
  }
  if (clean && cleaned) {
    const n = cleanNote(clean, cleaned);
    if (n) report.notes.push(n);
  }
}

/** Whether UTF-8 text holds nothing but white space. */
function isBlankText(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) {
      return c < 0x80 ? false : Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8').trim() === '';
    }
  }
  return true;
}

/** Counts a document with no text, in one note for the corpus. */
export function noteEmpty(report: ReadReport, id: string): void {
  const e = (report.empty ??= { count: 0, first: id, note: report.notes.push('') - 1 });
  e.count++;
  report.notes[e.note] = `${e.count} document(s) have no text (first: "${e.first}"): they count as documents but give no paragraph, so no row`;
}

/** Counts a record whose id field is empty, in one note for the corpus. */
export function noteEmptyId(report: ReadReport, field: string, named: string): void {
  const e = (report.emptyIds ??= { count: 0, first: named, note: report.notes.push('') - 1 });
  e.count++;
  report.notes[e.note] = `${e.count} record(s) have an empty "${field}" value, so they are named after their file and row instead (first: "${e.first}")`;
}

/** The lines of a JSONL file (LF, CRLF or CR ends), with their numbers. */
function* jsonlLines(chunks: Iterable<{ bytes: Buffer; line: number }>, sync: () => void): Generator<{ bytes: Buffer; line: number }> {
  for (const chunk of chunks) {
    sync();
    const b = chunk.bytes;
    let line = chunk.line;
    let s = 0;
    if (b.indexOf(0x0d) < 0) {
      while (s < b.length) {
        let nl = b.indexOf(0x0a, s);
        if (nl < 0) nl = b.length;
        yield { line: line++, bytes: b.subarray(s, nl) };
        s = nl + 1;
      }
      continue;
    }
    // CRLF or CR line ends
    for (let i = 0; i <= b.length; i++) {
      const c = i < b.length ? b[i] : 0x0a;
      if (c !== 0x0a && c !== 0x0d) continue;
      if (i < b.length || i > s) yield { line: line++, bytes: b.subarray(s, i) };
      if (c === 0x0d && b[i + 1] === 0x0a) i++;
      s = i + 1;
    }
  }
}

/**
 * The records of a JSON file (an array of records, or an object with one): each element parsed
 * here. A Telegram Desktop export (`result.json`) gets its messages' text entities joined into
 * plain text, the channel name as the field `channel`, the scalar fields of each message (`date`,
 * `from`, …) as fields, service messages left out (and counted), and ids `<file>:<message id>`.
 */
function* jsonItems(
  f: number,
  cf: CorpusFile,
  chunks: Iterable<{ bytes: Buffer }>,
  fields: RecordFields,
  report: ReadReport,
  sync: () => void,
  finish: (item: Item & { kind: 'record' }) => Item,
): Generator<Item> {
  const header: JsonHeader = { key: null, fields: {} };
  const synced = (function* () {
    for (const c of chunks) {
      sync();
      yield c;
    }
  })();
  let telegram: boolean | undefined;
  let service = 0;
  const elements = jsonElements(synced, cf.file, header);
  for (;;) {
    let next: IteratorResult<{ bytes: Buffer; line: number }>;
    try {
      next = elements.next();
    } catch (err) {
      // a JSON file of a folder that holds no records (metadata, a config) is no document
      if (cf.inFolder && err instanceof FramelabError && /holds no array of records|an empty JSON file/.test(err.message)) {
        report.skippedFiles.push({ file: cf.file, reason: 'a JSON file without an array of records (metadata of another file? see --sidecar)' });
        return;
      }
      throw err;
    }
    if (next.done) break;
    const el = next.value;
    const where = { file: cf.file, line: el.line };
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(el.bytes.toString('utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new FramelabError(`invalid JSON: ${(err as Error).message}`, where);
    }
    telegram ??= isTelegramExport(header);
    if (telegram) {
      if (value.type !== undefined && value.type !== 'message') {
        service++;
        continue;
      }
      const meta: Record<string, unknown> = { channel: header.fields.name };
      for (const [k, v] of Object.entries(value)) if (k !== 'text' && k !== 'id' && (v === null || typeof v !== 'object')) meta[k] = v;
      const text = Buffer.from(telegramText(value.text), 'utf8');
      yield finish({ kind: 'record', file: f, line: el.line, id: `${cf.id}:${String(value.id ?? el.line)}`, meta, text });
      continue;
    }
    // a list of entities as text (another export of a channel): joined as Telegram's are
    if (Array.isArray(value[fields.text])) value = { ...value, [fields.text]: telegramText(value[fields.text]) };
    const r = recordOf(value, where, fields);
    if (r.emptyId) noteEmptyId(report, fields.id, `${cf.id}:${el.line}`);
    const outer: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(header.fields)) if (v === null || typeof v !== 'object') outer[k] = v;
    yield finish({ kind: 'record', file: f, line: el.line, id: r.id, meta: { ...outer, ...r.meta }, text: Buffer.from(r.text.subarray(r.start, r.end)) });
  }
  if (service > 0) report.notes.push(`${cf.file}: left out ${service} service message(s) of the Telegram export (joins, pinned messages, …)`);
}

function* csvItems(
  f: number,
  cf: CorpusFile,
  chunks: Iterable<{ bytes: Buffer }>,
  fields: RecordFields,
  report: ReadReport,
  sync: () => void,
): Generator<Item> {
  const reader = new CsvReader(cf.file);
  let header: string[] | null = null;
  let textAt = -1;
  let idAt = -1;
  let row = 0;
  let extra = 0;
  let short = 0;
  const rows: Array<{ fields: string[]; line: number }> = [];
  const take = (r: { fields: string[]; line: number }) => rows.push(r);
  const toItems = function* (): Generator<Item> {
    for (const r of rows.splice(0)) {
      if (header === null) {
        header = r.fields.map((h) => h.trim());
        const seen = new Map<string, number>();
        header.forEach((name, k) => {
          const first = seen.get(name);
          // any repeated column: which of the two a field means would be a silent guess
          if (first !== undefined) {
            throw new FramelabError(`the header names the "${name}" column twice (columns ${first + 1} and ${k + 1}); rename one`, { file: cf.file, line: r.line });
          }
          seen.set(name, k);
        });
        textAt = header.indexOf(fields.text);
        idAt = header.indexOf(fields.id);
        if (idAt < 0 && fields.id !== DEFAULT_FIELDS.id) {
          throw new FramelabError(`CSV header has no "${fields.id}" column for --id-column (columns: ${header.join(', ')})`, { file: cf.file, line: r.line });
        }
        if (textAt < 0) {
          throw new FramelabError(
            `CSV header has no "${fields.text}" column (columns: ${header.join(', ')})${fields.text === 'text' ? '; name it with --text-column' : ''}`,
            { file: cf.file, line: r.line },
          );
        }
        continue;
      }
      row++;
      const h: string[] = header;
      const values = r.fields;
      if (values.length > h.length) extra = Math.max(extra, values.length);
      if (values.length < h.length) short++;
      const meta: Record<string, unknown> = {};
      for (let k = 0; k < Math.max(values.length, h.length); k++) {
        if (k === textAt || k === idAt) continue;
        if (k >= h.length && h.includes(`column_${k + 1}`)) {
          throw new FramelabError(`an extra field (number ${k + 1}) would be named column_${k + 1}, which the header already names; fix the row or rename that column`, { file: cf.file, line: r.line });
        }
        meta[k < h.length ? h[k] : `column_${k + 1}`] = values[k] ?? '';
      }
      const id = idAt >= 0 && values[idAt] !== undefined && values[idAt] !== '' ? values[idAt] : null;
      if (idAt >= 0 && id === null) noteEmptyId(report, fields.id, `${cf.id}:${row}`);
      yield { kind: 'record', file: f, line: r.line, id: id ?? `${cf.id}:${row}`, meta, text: Buffer.from(values[textAt] ?? '', 'utf8') };
    }
  };
  for (const chunk of chunks) {
    sync();
    reader.push(chunk.bytes, take);
    yield* toItems();
  }
  reader.end(take);
  yield* toItems();
  if (extra > 0) {
    report.notes.push(
      `${cf.file}: rows have up to ${extra} fields but the header names ${header!.length}; the extra fields are kept as column_${header!.length + 1}…column_${extra}`,
    );
  }
  if (short > 0) report.notes.push(`${cf.file}: ${short} row(s) have fewer fields than the header; the missing fields are empty`);
}

/** A record with where it came from. */
export interface SourcedRecord extends RawRecord {
  /** Index of its file in the report. */
  fileIndex: number;
  /** 1-based line of the file where it starts. */
  line: number;
  id: string;
}

/**
 * Turns an item into a record: parses a JSONL line (null for a blank one), names a record
 * without id after its file and line. Errors name the file and line.
 */
export function recordOfItem(item: Item, files: readonly CorpusFile[], fields: RecordFields): SourcedRecord | null {
  const cf = files[item.file];
  if (item.kind === 'record') {
    return { id: item.id ?? `${cf.id}:${item.line}`, meta: item.meta, text: item.text, start: 0, end: item.text.length, fileIndex: item.file, line: item.line };
  }
  const r = parseJsonlRecord(item.bytes, 0, item.bytes.length, { file: cf.file, line: item.line }, cf.fields ?? fields);
  if (!r) return null;
  const f = cf.fields ?? fields;
  if (item.line === 1 && r.id === null && f.id !== DEFAULT_FIELDS.id) {
    // an --id-column typo would number the records silently
    throw new FramelabError(`the first record has no "${f.id}" field for --id-column, or it is empty (fields: ${[...Object.keys(r.meta), f.text].join(', ')})`, { file: cf.file, line: 1 });
  }
  return { ...r, meta: withFileFields(cf, r.meta), id: r.id ?? `${cf.id}:${item.line}`, fileIndex: item.file, line: item.line };
}

/**
 * Checks that document ids are unique across a corpus, naming the first place an id was used.
 * The ids met are kept as UTF-8 bytes in one growing arena with an open-addressing table of
 * typed numbers (about 20 bytes and the id's bytes each), not as strings in a Map (about 150
 * bytes each): a long count keeps every id, and a corpus of millions of documents would
 * otherwise grow the heap by hundreds of megabytes.
 *
 * @example
 * const ids = new IdCheck();
 * ids.check('a', 'x.csv', 2);
 * ids.check('b', 'x.csv', 3);
 * ids.check('a', 'x.csv', 4) // throws: duplicate document id "a" (first read from x.csv:2)
 */
export class IdCheck {
  /** Slots of two numbers: the id's hash and its entry + 1 (0: empty). */
  private slots = new Int32Array(2 * 1024);
  private mask = 1023;
  /** Per entry: offset and length in the arena, file number, line. */
  private entries = new Int32Array(4 * 256);
  private count = 0;
  private arena: Uint8Array = new Uint8Array(1 << 14);
  private used = 0;
  private scratch: Uint8Array = new Uint8Array(256);
  private readonly files: string[] = [];
  private readonly fileNumbers = new Map<string, number>();

  check(id: string, file: string, line: number): void {
    if (this.scratch.length < 3 * id.length) this.scratch = new Uint8Array(6 * id.length);
    let len = idEncoder.encodeInto(id, this.scratch).written;
    // a lone surrogate (JSON may escape one: "\ud800") has no UTF-8 bytes and is written as U+FFFD,
    // which would make distinct ids one key: such an id is kept as 0xFF (never a byte of UTF-8)
    // and its UTF-16 code units instead
    if (len >= 3 && hasReplacement(this.scratch, len) && LONE_SURROGATE.test(id)) {
      if (this.scratch.length < 1 + 2 * id.length) this.scratch = new Uint8Array(6 * id.length);
      this.scratch[0] = 0xff;
      for (let k = 0; k < id.length; k++) {
        const u = id.charCodeAt(k);
        this.scratch[1 + 2 * k] = u >> 8;
        this.scratch[2 + 2 * k] = u & 0xff;
      }
      len = 1 + 2 * id.length;
    }
    const b = this.scratch;
    // the forms' hash (FNV-1a), over the id's bytes
    let h = HASH_SEED;
    for (let k = 0; k < len; k++) h = hashCodePoint(h, b[k]);
    let s = h & this.mask;
    for (;; s = (s + 1) & this.mask) {
      const e = this.slots[2 * s + 1] - 1;
      if (e < 0) break;
      if (this.slots[2 * s] !== h || this.entries[4 * e + 1] !== len) continue;
      const off = this.entries[4 * e];
      let k = 0;
      while (k < len && this.arena[off + k] === b[k]) k++;
      if (k === len) {
        const first = `${this.files[this.entries[4 * e + 2]]}:${this.entries[4 * e + 3]}`;
        throw new FramelabError(`duplicate document id "${id}" (first read from ${first}); give the files distinct names or ids`, { file, line });
      }
    }
    let f = this.fileNumbers.get(file);
    if (f === undefined) {
      f = this.files.push(file) - 1;
      this.fileNumbers.set(file, f);
    }
    if (this.used + len > this.arena.length) this.arena = grown(this.arena, this.used + len);
    this.arena.set(b.subarray(0, len), this.used);
    if (4 * this.count + 4 > this.entries.length) this.entries = grown(this.entries);
    const e = this.count++;
    this.entries[4 * e] = this.used;
    this.entries[4 * e + 1] = len;
    this.entries[4 * e + 2] = f;
    this.entries[4 * e + 3] = line;
    this.used += len;
    this.slots[2 * s] = h;
    this.slots[2 * s + 1] = e + 1;
    if (2 * this.count > this.mask) this.grow();
  }

  /** Doubles the table (at half full), placing every entry anew. */
  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * old.length);
    this.mask = (this.slots.length >> 1) - 1;
    for (let s = 0; s < old.length; s += 2) {
      if (old[s + 1] === 0) continue;
      let t = old[s] & this.mask;
      while (this.slots[2 * t + 1] !== 0) t = (t + 1) & this.mask;
      this.slots[2 * t] = old[s];
      this.slots[2 * t + 1] = old[s + 1];
    }
  }
}

const idEncoder = new TextEncoder();

/** A high surrogate not followed by a low one, or a low one not after a high one (UTF-16 code units). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether UTF-8 bytes `b[0, len)` hold U+FFFD (EF BF BD), what an encoder writes for a lone surrogate. */
function hasReplacement(b: Uint8Array, len: number): boolean {
  for (let k = 0; k + 2 < len; k++) if (b[k] === 0xef && b[k + 1] === 0xbf && b[k + 2] === 0xbd) return true;
  return false;
}

/** How a {@link ParagraphCutter} reads items: the record fields, the paragraph mode, repeats and boilerplate. */
export interface CutOptions {
  fields: RecordFields;
  /** Paragraph mode of files whose source sets none, compiled. */
  segmenter: Segmenter;
  /** Drop paragraphs that repeat an earlier one of their document. */
  dedupe: boolean;
  /** Boilerplate looked for (see `findBoilerplate`): its keys → item, and whether its paragraphs are dropped rather than marked. */
  boilerplate?: { index: Map<string, number>; drop: boolean };
}

/** {@link ParagraphCutter.fate}: the paragraph is dropped as a repeat of an earlier one of its document (`dedupe`). */
export const DROP_REPEAT = -2;
/** {@link ParagraphCutter.fate}: the paragraph is dropped as boilerplate. */
export const DROP_BOILERPLATE = -3;

/**
 * The one step from a corpus item to a document's paragraphs, the same for {@link readDocuments}
 * and for the counting engine (in every thread): the item becomes a record (a JSONL line parsed,
 * a record named), the record's text is cut into paragraphs with its source's mode and scanned
 * (`doc.paragraphs`, repeats marked), and each paragraph's fate is decided once: kept, kept as
 * boilerplate, or dropped as a repeat or as boilerplate.
 */
export class ParagraphCutter {
  readonly doc: DocumentTokenizer;
  private readonly segmenters: SegmenterCache;
  private source = 0;
  /** The last record is a JSONL line without text (records read whole are noted where they are read). */
  empty = false;
  /** The last record is a JSONL line whose id field is empty: that field. */
  emptyIdField: string | undefined;

  constructor(
    private readonly files: readonly CorpusFile[],
    private readonly options: CutOptions,
    tokenizer?: Tokenizer,
  ) {
    this.doc = new DocumentTokenizer(tokenizer);
    this.segmenters = new SegmenterCache(options.segmenter);
  }

  /**
   * Reads an item into a record and cuts it into paragraphs: null for a blank JSONL line. A line
   * that is not a record throws its FramelabError (naming the file and line).
   */
  cut(item: Item): SourcedRecord | null {
    const record = recordOfItem(item, this.files, this.options.fields);
    if (!record) return null;
    const cf = this.files[record.fileIndex];
    this.source = cf.source ?? 0;
    this.doc.tokenize(record.text, record.start, record.end, this.segmenters.of(cf));
    this.empty = this.doc.paragraphs.count === 0 && item.kind === 'line';
    this.emptyIdField = record.emptyId && item.kind === 'line' ? (cf.fields ?? this.options.fields).id : undefined;
    return record;
  }

  /**
   * What becomes of paragraph `p` of the last record: {@link DROP_REPEAT}, {@link DROP_BOILERPLATE},
   * else the boilerplate item it is, or -1.
   */
  fate(p: number): number {
    const bp = this.options.boilerplate;
    let item = -1;
    if (bp) {
      item = bp.index.get(boilerplateKey(this.source, this.doc.text(p))) ?? -1;
      if (item >= 0 && bp.drop) return DROP_BOILERPLATE;
    }
    return this.options.dedupe && this.doc.paragraphs.duplicateOf[p] >= 0 ? DROP_REPEAT : item;
  }
}

/**
 * Reads documents one at a time from files and folders (.txt, .md, .jsonl, .csv, each possibly
 * gzip-compressed), cut into paragraphs with duplicates marked (and dropped when `dedupe` is set).
 * Document ids must be unique. This is the one way framelab reads a corpus: {@link loadCorpus}
 * collects it, and the streaming counter cuts items with the same `ParagraphCutter` in
 * worker threads.
 *
 * @example
 * for (const doc of readDocuments(['data/'])) console.log(doc.id, doc.paragraphs.length);
 */
export function* readDocuments(
  paths: string | readonly string[],
  options: ReadOptions = {},
  report: ReadReport = openCorpus(paths, options),
): Generator<Document & { dropped: number }> {
  const fields = fieldsOf(options);
  const boilerplate = options.boilerplate;
  const cutter = new ParagraphCutter(report.files, {
    fields,
    segmenter: segmenterOf(options.paragraphs),
    dedupe: options.dedupe ?? false,
    boilerplate: boilerplate ? { index: boilerplate.index, drop: options.dropBoilerplate === true } : undefined,
  });
  const ids = new IdCheck();
  const doc = cutter.doc;
  for (const item of readItems(report, options)) {
    const cf = report.files[item.file];
    let record: SourcedRecord | null;
    doc.tokenizer.n = 0;
    try {
      record = cutter.cut(item);
    } catch (err) {
      if (!(err instanceof FramelabError) || !options.skipBadLines || item.kind !== 'line') throw err;
      report.badLines.push({ file: cf.file, line: item.line, message: err.message });
      continue;
    }
    if (!record) continue;
    ids.check(record.id, cf.file, record.line);
    // a JSONL line is parsed here, not where records are read: its emptiness is noted here
    if (cutter.empty) noteEmpty(report, record.id);
    if (cutter.emptyIdField !== undefined) noteEmptyId(report, cutter.emptyIdField, record.id);
    const par = doc.paragraphs;
    const paragraphs: Paragraph[] = [];
    let dropped = 0;
    for (let p = 0; p < par.count; p++) {
      const fate = cutter.fate(p);
      if (fate === DROP_REPEAT) {
        dropped++;
        continue;
      }
      if (fate === DROP_BOILERPLATE) {
        report.droppedBoilerplate = (report.droppedBoilerplate ?? 0) + 1;
        continue;
      }
      const paragraph: Paragraph = { index: p, text: doc.text(p), line: par.line[p], duplicateOf: par.duplicateOf[p] < 0 ? null : par.duplicateOf[p] };
      if (boilerplate) paragraph.boilerplateOf = fate >= 0 ? fate : null;
      paragraphs.push(paragraph);
    }
    yield { id: record.id, source: cf.file, file: cf.relative, encoding: report.encodings[item.file], meta: record.meta, paragraphs, dropped, sourceIndex: cf.source };
  }
}

/** The paragraph segmenter of each file: its source's mode, else the run's; each mode compiled once. */
export class SegmenterCache {
  private readonly byMode = new Map<string, Segmenter>();

  constructor(private readonly fallback: Segmenter) {}

  of(cf: CorpusFile): Segmenter {
    if (cf.paragraphs === undefined) return this.fallback;
    let s = this.byMode.get(cf.paragraphs);
    if (!s) {
      try {
        s = segmenterOf(cf.paragraphs);
      } catch (err) {
        throw new FramelabError(`paragraphs of this source: ${(err as Error).message}`, { file: cf.file });
      }
      this.byMode.set(cf.paragraphs, s);
    }
    return s;
  }
}

/**
 * Reads a corpus once to find its boilerplate (see {@link findBoilerplate}) when `boilerplateMin`
 * asks for it and `boilerplate` is not given yet, and adds a note on it to `report`. The options to
 * read the corpus with, boilerplate included.
 *
 * @example
 * const posts = 'data/mixed-corpus/ria-posts.json';
 * withBoilerplate(posts, { boilerplateMin: 3 }, openCorpus(posts)).boilerplate?.items.length // 1
 */
export function withBoilerplate(paths: string | readonly string[], options: ReadOptions, report: ReadReport): ReadOptions {
  if (options.boilerplateMin === undefined || options.boilerplate) return options;
  const first = openCorpus(paths, options);
  const docs = readDocuments(paths, { ...options, dedupe: false, boilerplate: undefined, clean: options.clean }, first);
  const boilerplate = findBoilerplate(docs, options.boilerplateMin);
  report.notes.push(boilerplateNote(boilerplate, sourceNamer(report, typeof paths === 'string' ? [paths] : paths.every((p) => !isCorpusFile(p)) ? paths : undefined), options.dropBoilerplate === true));
  return { ...options, boilerplate };
}
