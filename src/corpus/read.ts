import { FramelabError } from '../errors';
import { DocumentTokenizer, segmenterOf, type Segmenter } from '../text/tokens';
import { listCorpus, type CorpusFile, type CorpusListing, type SkippedFile } from './files';
import { CsvReader, DEFAULT_FIELDS, parseJsonlRecord, type RawRecord, type RecordFields } from './records';
import { flattenedBreaks, FLATTENED_LINE_BREAKS } from './paragraphs';
import { readChunks } from './source';
import { printable } from '../util/printable';
import type { Document, ParagraphMode } from './types';

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
  flattened?: { files: string[]; places: number; example: string; note: number };
}

/** A piece of input as the main thread cuts it: a JSONL line still to parse, or a parsed record. */
export type Item =
  | { kind: 'line'; file: number; line: number; bytes: Uint8Array }
  | { kind: 'record'; file: number; line: number; id: string | null; meta: Record<string, unknown>; text: Uint8Array };

/**
 * Lists the corpus files of `paths` and starts a report.
 *
 * @example
 * openCorpus('data/news-sample').files.length // 6 gzip-compressed CSV dumps
 */
export function openCorpus(paths: string | readonly string[]): ReadReport {
  const listing: CorpusListing = listCorpus(typeof paths === 'string' ? [paths] : paths);
  return {
    files: listing.files,
    skippedFiles: listing.skipped,
    badLines: [],
    notes: [],
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

/**
 * Cuts the files of a corpus into items, one file at a time: a text file is one record, a JSONL
 * file one line after another (parsed later, possibly in a worker thread), a CSV file one row
 * after another. Memory holds a chunk of a few MiB and the current record, whatever the corpus size.
 */
export function* readItems(report: ReadReport, options: ReadOptions): Generator<Item> {
  const fields = fieldsOf(options);
  for (let f = 0; f < report.files.length; f++) {
    const cf = report.files[f];
    const state = { encoding: '', read: 0 };
    const before = report.bytesRead;
    const chunks = checkFlattenedBreaks(readChunks(cf, { encoding: options.encoding }, state), cf, report, options);
    const sync = () => {
      report.encodings[f] = state.encoding;
      report.bytesRead = before + state.read;
    };
    if (cf.format === 'jsonl') {
      for (const chunk of chunks) {
        sync();
        const b = chunk.bytes;
        let line = chunk.line;
        let s = 0;
        if (b.indexOf(0x0d) < 0) {
          while (s < b.length) {
            let nl = b.indexOf(0x0a, s);
            if (nl < 0) nl = b.length;
            yield { kind: 'line', file: f, line: line++, bytes: b.subarray(s, nl) };
            s = nl + 1;
          }
          continue;
        }
        // CRLF or CR line ends
        for (let i = 0; i <= b.length; i++) {
          const c = i < b.length ? b[i] : 0x0a;
          if (c !== 0x0a && c !== 0x0d) continue;
          if (i < b.length || i > s) yield { kind: 'line', file: f, line: line++, bytes: b.subarray(s, i) };
          if (c === 0x0d && b[i + 1] === 0x0a) i++;
          s = i + 1;
        }
      }
    } else if (cf.format === 'csv') {
      yield* csvItems(f, cf, chunks, fields, report, sync);
    } else {
      const parts: Buffer[] = [];
      for (const chunk of chunks) {
        sync();
        parts.push(Buffer.from(chunk.bytes)); // chunks share buffers: keep a copy
      }
      sync();
      yield { kind: 'record', file: f, line: 1, id: cf.id, meta: {}, text: parts.length === 1 ? parts[0] : Buffer.concat(parts) };
    }
    sync();
    report.filesDone++;
  }
}

/** Places in a file's first MiB that make it look like a dump with flattened line breaks, before a note says so. */
const FLATTENED_NOTE_AT = 3;

/**
 * Passes a file's chunks on, and when its first chunk (unless paragraphs are cut by a pattern)
 * shows the signature of a dump that turned line breaks into a bare `n` (see
 * {@link FLATTENED_LINE_BREAKS}), adds a note that names the file, shows the first place and
 * gives the option that restores the paragraphs. Once per file, on its first MiB only.
 */
function* checkFlattenedBreaks(chunks: Iterable<{ bytes: Buffer; line: number }>, cf: CorpusFile, report: ReadReport, options: ReadOptions): Generator<{ bytes: Buffer; line: number }> {
  // a pattern (or a RegExp) means the user already cuts paragraphs their own way
  let first = options.paragraphs === undefined || options.paragraphs === 'auto' || options.paragraphs === 'lines' || options.paragraphs === 'blank';
  for (const chunk of chunks) {
    if (first) {
      first = false;
      const { count, example } = flattenedBreaks(chunk.bytes.toString('utf8', 0, Math.min(chunk.bytes.length, 1 << 20)));
      if (count >= FLATTENED_NOTE_AT) {
        // one note for the corpus, naming every such file
        const f = (report.flattened ??= { files: [], places: 0, example, note: report.notes.push('') - 1 });
        f.files.push(cf.file);
        f.places += count;
        const files = f.files.length === 1 ? f.files[0] : `${f.files.length} files (${f.files.slice(0, 3).join(', ')}${f.files.length > 3 ? ', …' : ''})`;
        report.notes[f.note] =
          `${files}: ${f.places} place(s) in the first MiB where a bare "n" joins two sentences ("…${printable(f.example)}…"): ` +
          `the dump seems to have turned line breaks into "n", so paragraphs are lost; restore them with --paragraphs '${FLATTENED_LINE_BREAKS}'`;
      }
    }
    yield chunk;
  }
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
  const r = parseJsonlRecord(item.bytes, 0, item.bytes.length, { file: cf.file, line: item.line }, fields);
  if (!r) return null;
  if (item.line === 1 && r.id === null && fields.id !== DEFAULT_FIELDS.id) {
    // an --id-column typo would number the records silently
    throw new FramelabError(`the first record has no "${fields.id}" field for --id-column, or it is empty (fields: ${[...Object.keys(r.meta), fields.text].join(', ')})`, { file: cf.file, line: 1 });
  }
  return { ...r, id: r.id ?? `${cf.id}:${item.line}`, fileIndex: item.file, line: item.line };
}

/** Checks that document ids are unique across a corpus, naming the first place an id was used. */
export class IdCheck {
  private readonly seen = new Map<string, string>();

  check(id: string, file: string, line: number): void {
    const first = this.seen.get(id);
    if (first !== undefined) throw new FramelabError(`duplicate document id "${id}" (first read from ${first}); give the files distinct names or ids`, { file, line });
    this.seen.set(id, `${file}:${line}`);
  }
}

/**
 * Reads documents one at a time from files and folders (.txt, .md, .jsonl, .csv, each possibly
 * gzip-compressed), cut into paragraphs with duplicates marked (and dropped when `dedupe` is set).
 * Document ids must be unique. This is the one way framelab reads a corpus: {@link loadCorpus}
 * collects it, and the streaming counter runs the same steps in worker threads.
 *
 * @example
 * for (const doc of readDocuments(['data/'])) console.log(doc.id, doc.paragraphs.length);
 */
export function* readDocuments(
  paths: string | readonly string[],
  options: ReadOptions = {},
  report: ReadReport = openCorpus(paths),
): Generator<Document & { dropped: number }> {
  const segmenter: Segmenter = segmenterOf(options.paragraphs);
  const fields = fieldsOf(options);
  const ids = new IdCheck();
  const doc = new DocumentTokenizer();
  for (const item of readItems(report, options)) {
    const cf = report.files[item.file];
    let record: SourcedRecord | null;
    try {
      record = recordOfItem(item, report.files, fields);
    } catch (err) {
      if (!(err instanceof FramelabError) || !options.skipBadLines || item.kind !== 'line') throw err;
      report.badLines.push({ file: cf.file, line: item.line, message: err.message });
      continue;
    }
    if (!record) continue;
    ids.check(record.id, cf.file, record.line);
    doc.tokenizer.n = 0;
    doc.tokenize(record.text, record.start, record.end, segmenter);
    const par = doc.paragraphs;
    const paragraphs = [];
    let dropped = 0;
    for (let p = 0; p < par.count; p++) {
      const duplicateOf = par.duplicateOf[p] < 0 ? null : par.duplicateOf[p];
      if (options.dedupe && duplicateOf !== null) {
        dropped++;
        continue;
      }
      paragraphs.push({ index: p, text: doc.text(p), line: par.line[p], duplicateOf });
    }
    yield { id: record.id, source: cf.file, file: cf.relative, encoding: report.encodings[item.file], meta: record.meta, paragraphs, dropped };
  }
}
