import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { FramelabError } from '../errors';
import { decodeText } from './encoding';
import { markDuplicates, splitParagraphs } from './paragraphs';
import type { Corpus, Document, LoadOptions, ParagraphMode } from './types';

/** File endings read as corpus files. */
export const CORPUS_EXTENSIONS = ['.txt', '.md', '.jsonl', '.csv'] as const;

const MODES: readonly ParagraphMode[] = ['auto', 'lines', 'blank'];

/** A corpus file and the id its documents take their name from. */
export interface CorpusFile {
  file: string;
  id: string;
}

/**
 * Lists the corpus files under the given paths: files as given, folders recursively in sorted
 * order (hidden entries skipped). A file's id is its name without extension, relative to the
 * folder it was found in (`2025/may` for `corpus/2025/may.txt` given `corpus/`).
 */
export function listCorpusFiles(paths: readonly string[]): CorpusFile[] {
  const out: CorpusFile[] = [];
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      throw new FramelabError('no such file or folder', { file: p });
    }
    if (stat.isDirectory()) {
      const found = walk(p).map((file) => ({ file, id: stripExtension(path.relative(p, file).split(path.sep).join('/')) }));
      if (found.length === 0) throw new FramelabError(`no ${CORPUS_EXTENSIONS.join(', ')} files in this folder`, { file: p });
      out.push(...found);
    } else {
      if (!isCorpusFile(p)) {
        throw new FramelabError(`unsupported file type "${path.extname(p) || '(none)'}": framelab reads ${CORPUS_EXTENSIONS.join(', ')}`, { file: p });
      }
      out.push({ file: p, id: stripExtension(path.basename(p)) });
    }
  }
  return out;
}

function walk(dir: string): string[] {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).filter((e) => !e.name.startsWith('.'));
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) files.push(...walk(full));
    else if (e.isFile() && isCorpusFile(e.name)) files.push(full);
  }
  return files;
}

function isCorpusFile(name: string): boolean {
  return (CORPUS_EXTENSIONS as readonly string[]).includes(path.extname(name).toLowerCase());
}

function stripExtension(name: string): string {
  const ext = path.extname(name);
  return ext ? name.slice(0, -ext.length) : name;
}

/** A document's text and fields before it is cut into paragraphs. */
export interface RawDocument {
  id: string;
  text: string;
  meta: Record<string, unknown>;
}

/**
 * Reads the documents of one corpus file: one for .txt and .md, one per line for .jsonl (fields
 * `id` and `text`, others kept as metadata), one per row for .csv (columns `id` and `text`, others
 * kept as metadata). Records without `id` are named `<file id>:<line>` (JSONL) or `<file id>:<row>` (CSV).
 */
export function readFileDocuments(cf: CorpusFile, encoding: string | undefined): { docs: RawDocument[]; encoding: string } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(cf.file);
  } catch (err) {
    throw new FramelabError(`cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { file: cf.file });
  }
  const decoded = decodeText(bytes, cf.file, encoding);
  const text = decoded.text.normalize('NFC');
  const ext = path.extname(cf.file).toLowerCase();
  if (ext === '.jsonl') return { docs: readJsonl(text, cf), encoding: decoded.encoding };
  if (ext === '.csv') return { docs: readCsv(text, cf), encoding: decoded.encoding };
  return { docs: [{ id: cf.id, text, meta: {} }], encoding: decoded.encoding };
}

function readJsonl(text: string, cf: CorpusFile): RawDocument[] {
  const docs: RawDocument[] = [];
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    const doc = parseJsonlLine(line, cf, i + 1);
    if (doc) docs.push(doc);
  });
  return docs;
}

/**
 * One JSONL line as a document (null for a blank line): a JSON object with `text`, `id` (else
 * `<file id>:<line>`) and metadata. Anything else is an error naming the file and line.
 */
export function parseJsonlLine(line: string, cf: CorpusFile, lineNo: number): RawDocument | null {
  if (!line.trim()) return null;
  const where = { file: cf.file, line: lineNo };
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (err) {
    throw new FramelabError(`invalid JSON: ${(err as Error).message}`, where);
  }
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    throw new FramelabError('each line must be a JSON object with a "text" field', where);
  }
  return toRawDocument(record as Record<string, unknown>, `${cf.id}:${lineNo}`, where);
}

function readCsv(text: string, cf: CorpusFile): RawDocument[] {
  let rows: Array<{ record: Record<string, string>; info: { lines: number } }>;
  try {
    rows = parseCsv(text, { columns: true, bom: true, skip_empty_lines: true, info: true }) as typeof rows;
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new FramelabError(`invalid CSV: ${e.message.replace(/^Invalid [^:]*: /, '')}`, { file: cf.file, line: e.lines });
  }
  if (rows.length > 0 && !('text' in rows[0].record)) {
    throw new FramelabError(`CSV header has no "text" column (columns: ${Object.keys(rows[0].record).join(', ')})`, { file: cf.file, line: 1 });
  }
  return rows.map((r, i) => toRawDocument(r.record, `${cf.id}:${i + 1}`, { file: cf.file, line: r.info.lines }));
}

/** A JSONL or CSV record as a document: `id` (else the fallback), `text`, the rest as metadata. */
export function toRawDocument(record: Record<string, unknown>, fallbackId: string, where: { file: string; line: number }): RawDocument {
  const { id, text, ...meta } = record;
  if (typeof text !== 'string') throw new FramelabError('the "text" field is missing or not a string', where);
  if (id !== undefined && id !== null && id !== '' && typeof id !== 'string' && typeof id !== 'number') {
    throw new FramelabError('the "id" field must be a string or a number', where);
  }
  const docId = id === undefined || id === null || id === '' ? fallbackId : String(id);
  return { id: docId, text, meta };
}

/**
 * Reads documents one at a time from files and folders of .txt, .md, .jsonl and .csv, cut into
 * paragraphs with duplicates marked (and dropped when `dedupe` is set). Document ids must be unique.
 *
 * @example
 * for (const doc of readDocuments(['data/'])) console.log(doc.id, doc.paragraphs.length);
 */
export function* readDocuments(paths: string | readonly string[], options: LoadOptions = {}): Generator<Document & { dropped: number }> {
  const mode = options.paragraphs ?? 'auto';
  if (!MODES.includes(mode)) throw new FramelabError(`unknown paragraph mode "${mode}" (use auto, lines or blank)`);
  const seen = new Map<string, string>();
  for (const cf of listCorpusFiles(typeof paths === 'string' ? [paths] : paths)) {
    const { docs, encoding } = readFileDocuments(cf, options.encoding);
    for (const raw of docs) {
      const first = seen.get(raw.id);
      if (first !== undefined) {
        throw new FramelabError(`duplicate document id "${raw.id}" (first read from ${first}); give the files distinct names or ids`, { file: cf.file });
      }
      seen.set(raw.id, cf.file);
      const all = markDuplicates(splitParagraphs(raw.text, mode));
      const paragraphs = options.dedupe ? all.filter((p) => p.duplicateOf === null) : all;
      yield { id: raw.id, source: cf.file, encoding, meta: raw.meta, paragraphs, dropped: all.length - paragraphs.length };
    }
  }
}

/**
 * Loads a corpus: files and folders of .txt, .md, .jsonl and .csv, each document cut into
 * paragraphs, with repeated paragraphs marked (`duplicateOf`) or dropped (`dedupe: true`).
 *
 * @example
 * const corpus = loadCorpus('data/ngo-grants-dialogue-2025.ru.txt');
 * corpus.documents[0].paragraphs.length // 58
 * loadCorpus('data/ngo-grants-dialogue-2025.ru.txt', { dedupe: true }).droppedDuplicates // 28
 */
export function loadCorpus(paths: string | readonly string[], options: LoadOptions = {}): Corpus {
  const documents: Document[] = [];
  let dropped = 0;
  for (const { dropped: d, ...doc } of readDocuments(paths, options)) {
    documents.push(doc);
    dropped += d;
  }
  return {
    documents,
    droppedDuplicates: dropped,
    options: { paragraphs: options.paragraphs ?? 'auto', dedupe: options.dedupe ?? false, encoding: options.encoding ?? null },
  };
}
