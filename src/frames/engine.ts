import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CorpusFile } from '../corpus/files';
import { fieldsOf, IdCheck, noteEmpty, noteEmptyId, openCorpus, readItems, recordOfItem, SegmenterCache, withBoilerplate, type Item, type ReadOptions, type ReadReport } from '../corpus/read';
import { boilerplateKey } from '../corpus/boilerplate';
import type { RecordFields } from '../corpus/records';
import { FramelabError } from '../errors';
import { FormTable, type LemmaLookup } from '../text/forms';
import type { Analysis } from '../text/lemmatizer';
import { Lemmatizer } from '../text/lemmatizer';
import { saveNewLemmas, sharedLemmatizer } from '../text/lemma-cache';
import { Tokenizer } from '../text/scan';
import { DocumentTokenizer, segmenterOf, type Segmenter } from '../corpus/tokens';
import type { Dictionary } from './dictionary';
import { FrameMatcher } from './matcher';
import { runContextOfBytes, type RunContext } from './rules';
import { hasField, ROW, type CountedRows, type TableDocument, type WordRule } from '../table/frame-table';

/** What a batch counter needs to know, the same in the calling thread and in every worker. */
export interface EngineOptions {
  segmenter: Segmenter;
  dedupe: boolean;
  fields: RecordFields;
  skipBadLines: boolean;
  /** Lemmatize every form, not only those a pattern could reach (for verification). */
  fullLemmas: boolean;
  /** Keep each paragraph's text. */
  texts: boolean;
  /** Count only words holding a letter in `tokens` (see {@link WordRule}). */
  lettersOnly: boolean;
  /** Paragraph mode of files whose source sets none (`segmenter` is its compiled form). */
  paragraphs?: string;
  /** Keys of boilerplate paragraphs to drop (see `findBoilerplate`). */
  dropBoilerplate?: Set<string>;
}

/** A document counted in a batch, with where it came from (for the id check). */
export interface BatchDocument extends TableDocument {
  source: string;
  line: number;
}

/** A batch scanned into words, waiting (maybe) for lemmas before it is counted. */
interface ScannedBatch {
  docs: BatchDocument[];
  /** Per kept paragraph: document, paragraph number, duplicate_of, first word, end word. */
  par: Int32Array;
  paragraphs: number;
  ids: Int32Array;
  waiting: number[];
  dropped: number;
  repeats: number;
  skipped: Array<{ file: string; line: number; message: string }>;
  error?: { message: string };
  texts?: string[];
  /** With a dictionary that has rules: the sentences and case of the paragraphs (by row) holding a word that may start a ruled pattern. */
  contexts?: Map<number, RunContext>;
  /** Paragraphs dropped as boilerplate. */
  boilerplate: number;
  /** JSONL documents with no text (records read whole are noted where they are read). */
  empty?: string[];
  /** JSONL documents whose id field is empty: [id field, the name they got]. */
  emptyIds?: Array<[string, string]>;
}

/** What a batch produced: counted rows and what the reader must check or report. */
export interface BatchResult {
  counted: CountedRows;
  docs: BatchDocument[];
  dropped: number;
  repeats: number;
  skipped: Array<{ file: string; line: number; message: string }>;
  /** A bad line without `skipBadLines`: the whole run stops when this batch's turn comes. */
  error?: { message: string };
  /** Paragraphs dropped as boilerplate. */
  boilerplate?: number;
  /** Ids of JSONL documents with no text. */
  empty?: string[];
  /** JSONL documents whose id field is empty: [id field, the name they got]. */
  emptyIds?: Array<[string, string]>;
}

const PAR = 5;

/**
 * Counts batches of corpus items: parses records, cuts paragraphs, scans words into its own
 * vocabulary, classifies each new form once, and counts. The same code runs in the calling thread
 * (`jobs: 1`) and in every worker thread; in a worker the lemmas come from the main thread, so
 * that the morphology dictionaries are loaded once per run, not once per thread.
 */
export class BatchCounter {
  readonly forms: FormTable;
  private readonly tokenizer: Tokenizer;
  private readonly doc: DocumentTokenizer;
  readonly matcher: FrameMatcher;
  private readonly width: number;
  private segmenters: SegmenterCache | undefined;

  constructor(
    private readonly files: readonly CorpusFile[],
    dictionary: Dictionary,
    private readonly options: EngineOptions,
    lemmas: LemmaLookup,
    vocabulary?: Vocabulary,
  ) {
    const v = vocabulary ?? newVocabulary(dictionary, lemmas, options.fullLemmas);
    this.forms = v.forms;
    this.tokenizer = v.tokenizer;
    this.matcher = v.matcher;
    this.doc = new DocumentTokenizer(this.tokenizer);
    this.width = ROW.counts + dictionary.categories.length;
  }

  /** Parses and scans a batch; its `waiting` lists the forms whose lemmas must come first. */
  scan(items: readonly Item[]): ScannedBatch {
    const b: ScannedBatch = { docs: [], par: new Int32Array(256 * PAR), paragraphs: 0, ids: new Int32Array(0), waiting: [], dropped: 0, repeats: 0, skipped: [], boilerplate: 0 };
    if (this.options.texts) b.texts = [];
    const t = this.tokenizer;
    const doc = this.doc;
    const known = this.forms.size;
    const rules = this.matcher.hasRules;
    let classified = known;
    t.n = 0;
    for (const item of items) {
      let record;
      try {
        record = recordOfItem(item, this.files, this.options.fields);
      } catch (err) {
        if (!(err instanceof FramelabError)) throw err;
        if (this.options.skipBadLines && item.kind === 'line') {
          b.skipped.push({ file: this.files[item.file].file, line: item.line, message: err.message });
          continue;
        }
        b.error = { message: err.message };
        break;
      }
      if (!record) continue;
      const cf = this.files[record.fileIndex];
      const d = b.docs.length;
      b.docs.push({ id: record.id, meta: record.meta, file: cf.relative, source: cf.file, line: record.line });
      const segmenter = cf.paragraphs === undefined ? this.options.segmenter : (this.segmenters ??= new SegmenterCache(this.options.paragraphs)).of(cf);
      doc.tokenize(record.text, record.start, record.end, segmenter);
      const par = doc.paragraphs;
      if (rules) for (; classified < this.forms.size; classified++) this.matcher.classify(classified);
      if (par.count === 0 && item.kind === 'line') (b.empty ??= []).push(record.id);
      if (record.emptyId && item.kind === 'line') (b.emptyIds ??= []).push([(cf.fields ?? this.options.fields).id, record.id]);
      for (let p = 0; p < par.count; p++) {
        if (this.options.dropBoilerplate?.has(boilerplateKey(cf.source, doc.text(p)))) {
          b.boilerplate++;
          continue;
        }
        const dup = par.duplicateOf[p];
        if (dup >= 0) {
          if (this.options.dedupe) {
            b.dropped++;
            continue;
          }
          b.repeats++;
        }
        if ((b.paragraphs + 1) * PAR > b.par.length) {
          const bigger = new Int32Array(b.par.length * 2);
          bigger.set(b.par);
          b.par = bigger;
        }
        const o = b.paragraphs * PAR;
        b.par[o] = d;
        b.par[o + 1] = p;
        b.par[o + 2] = dup;
        b.par[o + 3] = par.tokenStart[p];
        b.par[o + 4] = par.tokenEnd[p];
        b.paragraphs++;
        if (b.texts) b.texts.push(doc.text(p));
        if (rules) this.keepContext(b, b.paragraphs - 1, par.tokenStart[p], par.tokenEnd[p], p);
      }
    }
    b.ids = t.ids.slice(0, t.n);
    for (let id = known; id < this.forms.size; id++) this.matcher.classify(id);
    b.waiting = [...this.matcher.waiting];
    return b;
  }

  /**
   * Keeps the sentences and case of a paragraph that holds a word which may start a pattern with
   * rules (or is not classified yet): only such paragraphs are read again.
   */
  private keepContext(b: ScannedBatch, row: number, from: number, to: number, p: number): void {
    const t = this.tokenizer;
    const ruled = this.matcher.ruledForms;
    const ids = t.ids;
    let i = from;
    while (i < to && ruled[ids[i]] === 0) i++;
    if (i === to) return;
    // read from the bytes the words were scanned from, with the paragraph's lines
    const layout = this.doc.layout;
    const first = layout.parFirst[p];
    const segments = new Int32Array(2 * layout.parCount[p]);
    for (let k = 0; k < layout.parCount[p]; k++) {
      segments[2 * k] = layout.segStart[first + k];
      segments[2 * k + 1] = layout.segEnd[first + k];
    }
    (b.contexts ??= new Map()).set(row, runContextOfBytes(layout.bytes, t.starts, t.ends, from, to, segments));
  }

  /** The folded forms whose lemmas a batch waits for. */
  formsWaiting(b: ScannedBatch): string[] {
    return [...new Set(b.waiting.flatMap((id) => this.matcher.needsOf(id)))];
  }

  /** Whether every form of a batch is classified (after lemmas arrived). */
  ready(b: ScannedBatch): boolean {
    b.waiting = b.waiting.filter((id) => !this.matcher.classify(id));
    return b.waiting.length === 0;
  }

  /** Counts a ready batch. */
  finish(b: ScannedBatch): BatchResult {
    const width = this.width;
    const data = new Int32Array(b.paragraphs * width);
    const counts = new Int32Array(width - ROW.counts);
    for (let r = 0; r < b.paragraphs; r++) {
      const p = r * PAR;
      const o = r * width;
      counts.fill(0);
      const from = b.par[p + 3];
      const to = b.par[p + 4];
      const matched = this.matcher.countIds(b.ids, from, to, counts, b.contexts?.get(r));
      data[o + ROW.doc] = b.par[p];
      data[o + ROW.paragraph] = b.par[p + 1];
      data[o + ROW.tokens] = this.matcher.wordCount(b.ids, from, to, this.options.lettersOnly);
      data[o + ROW.duplicateOf] = b.par[p + 2];
      data[o + ROW.matched] = matched;
      data.set(counts, o + ROW.counts);
    }
    return {
      counted: { docs: b.docs, data, rows: b.paragraphs, width, texts: b.texts },
      docs: b.docs,
      dropped: b.dropped,
      repeats: b.repeats,
      skipped: b.skipped,
      error: b.error,
      boilerplate: b.boilerplate,
      empty: b.empty,
      emptyIds: b.emptyIds,
    };
  }

  /** Scans and counts a batch in this thread (lemmas must be at hand). */
  process(items: readonly Item[]): BatchResult {
    const b = this.scan(items);
    if (!this.ready(b)) throw new Error('lemmas missing in a thread that has the lemmatizer');
    return this.finish(b);
  }
}

/** The forms a thread has met and how each is classified for a dictionary: kept between runs in one process. */
export interface Vocabulary {
  forms: FormTable;
  tokenizer: Tokenizer;
  matcher: FrameMatcher;
}

function newVocabulary(dictionary: Dictionary, lemmas: LemmaLookup, fullLemmas: boolean): Vocabulary {
  const forms = new FormTable();
  return { forms, tokenizer: new Tokenizer(forms), matcher: new FrameMatcher(dictionary, lemmas, { forms, lemmaFilter: !fullLemmas }) };
}

const vocabularies = new WeakMap<Dictionary, Map<string, Vocabulary>>();

/**
 * The vocabulary of this thread for a dictionary, made once per process and reused by later runs
 * (a notebook that counts again does not classify its words again).
 */
function vocabularyOf(dictionary: Dictionary, lemmatizer: Lemmatizer, fullLemmas: boolean): Vocabulary {
  let byKind = vocabularies.get(dictionary);
  if (!byKind) vocabularies.set(dictionary, (byKind = new Map()));
  const key = fullLemmas ? 'full' : 'reach';
  let v = byKind.get(key);
  if (!v || v.matcher.lemmatizer !== lemmatizer) {
    v = newVocabulary(dictionary, lemmatizer, fullLemmas);
    byKind.set(key, v);
  }
  return v;
}

/** Where a count is: for progress lines. */
export interface CountProgress {
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
  documents: number;
  paragraphs: number;
  seconds: number;
}

/** What a count did. */
export interface CountSummary extends CountProgress {
  /** Paragraphs dropped as repeats (`dedupe`). */
  dropped: number;
  /** Paragraphs kept that repeat an earlier one (duplicate_of set). */
  repeats: number;
  /** JSONL lines skipped as bad (`skipBadLines`). */
  skipped: Array<{ file: string; line: number; message: string }>;
  /** Files of the input folders that were not read. */
  skippedFiles: Array<{ file: string; reason: string }>;
  /** Things to tell the user, one line each. */
  notes: string[];
  /** Worker threads used (1: the calling thread). */
  jobs: number;
  /** Metadata fields carried as columns (as resolved from `meta`). */
  meta: string[];
  /** Paragraphs dropped as boilerplate (`dropBoilerplate`). */
  droppedBoilerplate?: number;
}

/** Options of {@link countCorpus}. */
export interface CountCorpusOptions extends ReadOptions {
  /** Threads that count: this one and `jobs - 1` workers. Default: the number of cores, or 1 below 32 MiB of input; never more than the cores or the batches. */
  jobs?: number;
  /** Lemmatize every word form, not only those a pattern could reach: slower, same counts (for verification). */
  fullLemmas?: boolean;
  /** Document fields to carry as columns (`'all'`: the fields of the first document, and `file`). */
  meta?: readonly string[] | 'all';
  /** Keep paragraph texts (for display). */
  texts?: boolean;
  /** What the `tokens` column counts (see {@link WordRule}; default `all`). */
  words?: WordRule;
  /** Keep lemmas between runs in a cache file (default true; see `lemmaCacheFile`). */
  lemmaCache?: boolean;
  /** Called now and then with where the run is. */
  onProgress?: (p: CountProgress) => void;
  /** Called once before the first rows, with the resolved metadata fields. */
  onStart?: (meta: string[]) => void;
}

const BATCH_BYTES = 256 * 1024;
const BATCH_ITEMS = 1000;
/** Below this many bytes of input, counting stays in the calling thread by default. */
export const SMALL_CORPUS = 32 << 20;
/** A batch holding an item longer than this (in bytes) is counted in the calling thread, whose heap is not capped. */
const BIG_ITEM = 8 << 20;
/** Heap of a worker thread, in MB. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 4 };

/** The number of cores of this machine. */
export function cores(): number {
  return os.availableParallelism?.() ?? os.cpus().length;
}

/** Batches of items, by size, from the reader. */
function* batchesOf(items: Iterable<Item>): Generator<Item[]> {
  let batch: Item[] = [];
  let size = 0;
  for (const item of items) {
    batch.push(item);
    size += item.kind === 'line' ? item.bytes.length : item.text.length;
    if (size >= BATCH_BYTES || batch.length >= BATCH_ITEMS) {
      yield batch;
      batch = [];
      size = 0;
    }
  }
  if (batch.length) yield batch;
}

/** A batch of items packed into one transferable buffer. */
interface PackedBatch {
  /** Shared, so that the main thread keeps the batch (to count it itself should the worker die) without a copy. */
  buffer: SharedArrayBuffer;
  items: Array<{ kind: Item['kind']; file: number; line: number; off: number; len: number; id?: string | null; meta?: Record<string, unknown> }>;
}

function pack(items: readonly Item[]): PackedBatch {
  let total = 0;
  for (const it of items) total += it.kind === 'line' ? it.bytes.length : it.text.length;
  const buffer = new SharedArrayBuffer(total);
  const view = new Uint8Array(buffer);
  let off = 0;
  const out: PackedBatch['items'] = [];
  for (const it of items) {
    const bytes = it.kind === 'line' ? it.bytes : it.text;
    view.set(bytes, off);
    out.push(it.kind === 'line' ? { kind: 'line', file: it.file, line: it.line, off, len: bytes.length } : { kind: 'record', file: it.file, line: it.line, off, len: bytes.length, id: it.id, meta: it.meta });
    off += bytes.length;
  }
  return { buffer, items: out };
}

/** Unpacks a batch in a worker. */
export function unpack(p: PackedBatch): Item[] {
  const view = new Uint8Array(p.buffer);
  return p.items.map((it) =>
    it.kind === 'line'
      ? { kind: 'line' as const, file: it.file, line: it.line, bytes: view.subarray(it.off, it.off + it.len) }
      : { kind: 'record' as const, file: it.file, line: it.line, id: it.id ?? null, meta: it.meta ?? {}, text: view.subarray(it.off, it.off + it.len) },
  );
}

/** The compiled worker script (next to this module in dist/; from src/ under a test runner, the built one). */
function workerScript(): string {
  const here = path.join(__dirname, 'worker.js');
  return fs.existsSync(here) ? here : path.join(__dirname, '..', '..', 'dist', 'frames', 'worker.js');
}

/** Messages between the main thread and a counting worker. */
export type ToWorker = { type: 'batch'; seq: number; batch: PackedBatch } | { type: 'lemmas'; entries: Array<[string, Analysis]> };
export type FromWorker =
  | { type: 'result'; seq: number; result: BatchResult }
  | { type: 'need'; forms: string[] }
  | { type: 'failed'; seq: number; message: string };

/** Data a worker starts with. */
export interface WorkerSetup {
  files: CorpusFile[];
  dictionary: Dictionary;
  options: EngineOptions;
  /** The lemma cache file's bytes, which a worker consults before asking the main thread. */
  lemmaCache: Uint8Array | null;
}

/**
 * Counts the frames of every paragraph of a corpus without loading it: files are read one at a
 * time, JSONL line by line and CSV row by row, batches are counted by `jobs` worker threads (or in
 * this thread), and the counted rows come back to `onRows` in corpus order. Memory stays bounded
 * by the batches in flight, the vocabulary and the set of document ids, whatever the corpus size.
 * Every command that counts goes through here.
 *
 * @example
 * const dict = loadDictionary();
 * const rows: Array<Record<string, Cell>> = [];
 * const cats = dict.categories.map((c) => c.name);
 * const summary = await countCorpus(['corpus.jsonl'], dict, (counted) => rows.push(...tableRows(counted, cats)), { jobs: 2 });
 * rows.length === summary.paragraphs // true
 */
export async function countCorpus(
  paths: string | readonly string[],
  dictionary: Dictionary,
  onRows: (rows: CountedRows) => void,
  options: CountCorpusOptions = {},
): Promise<CountSummary> {
  // bad paths and options fail here, before any output
  const report: ReadReport = openCorpus(paths, options);
  const segmenter = segmenterOf(options.paragraphs);
  options = withBoilerplate(paths, options, report);
  const engine: EngineOptions = {
    paragraphs: typeof options.paragraphs === 'string' ? options.paragraphs : undefined,
    dropBoilerplate: options.dropBoilerplate && options.boilerplate ? new Set(options.boilerplate.index.keys()) : undefined,
    segmenter,
    dedupe: options.dedupe ?? false,
    fields: fieldsOf(options),
    skipBadLines: options.skipBadLines ?? false,
    fullLemmas: options.fullLemmas ?? false,
    texts: options.texts ?? false,
    lettersOnly: options.words === 'letters',
  };
  if (options.jobs !== undefined && !(Number.isInteger(options.jobs) && options.jobs >= 1)) {
    throw new FramelabError(`jobs must be a whole number ≥ 1, not ${options.jobs}`);
  }
  const batchesExpected = Math.max(1, Math.ceil(report.totalBytes / BATCH_BYTES));
  const wanted = options.jobs ?? (report.totalBytes < SMALL_CORPUS ? 1 : cores());
  const jobs = Math.max(1, Math.min(wanted, cores(), batchesExpected));
  const useCache = options.lemmaCache ?? true;
  // the process's lemmatizer (it starts from the cache file and remembers what it adds), or a fresh one
  const lemmatizer = useCache ? sharedLemmatizer() : new Lemmatizer();
  const cached = useCache ? lemmatizer.known : undefined;
  const vocabulary = vocabularyOf(dictionary, lemmatizer, engine.fullLemmas);

  const started = process.hrtime.bigint();
  const summary: CountSummary = {
    files: 0,
    totalFiles: report.files.length,
    bytes: 0,
    totalBytes: report.totalBytes,
    documents: 0,
    paragraphs: 0,
    seconds: 0,
    dropped: 0,
    repeats: 0,
    skipped: [],
    skippedFiles: report.skippedFiles,
    notes: report.notes,
    jobs,
    meta: [],
  };
  const ids = new IdCheck();
  const output = new MetaGate(options.meta, onRows, (meta) => {
    summary.meta = meta;
    options.onStart?.(meta);
  });
  const tick = () => {
    summary.files = report.filesDone;
    summary.bytes = report.bytesRead;
    summary.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  };
  const accept = (r: BatchResult) => {
    if (r.error) throw new FramelabError(r.error.message);
    for (const d of r.docs) ids.check(d.id, d.source, d.line);
    summary.documents += r.docs.length;
    summary.paragraphs += r.counted.rows;
    summary.dropped += r.dropped;
    summary.repeats += r.repeats;
    if (r.boilerplate) summary.droppedBoilerplate = (summary.droppedBoilerplate ?? 0) + r.boilerplate;
    for (const id of r.empty ?? []) noteEmpty(report, id);
    for (const [field, id] of r.emptyIds ?? []) noteEmptyId(report, field, id);
    for (const s of r.skipped) summary.skipped.push(s);
    output.push(r.counted);
    tick();
    options.onProgress?.(summary);
  };

  const batches = batchesOf(readItems(report, options));
  if (jobs === 1) {
    const counter = new BatchCounter(report.files, dictionary, engine, lemmatizer, vocabulary);
    for (const batch of batches) {
      accept(counter.process(batch));
      // let signals (Ctrl-C) and timers in between batches
      await new Promise((resolve) => setImmediate(resolve));
    }
  } else {
    await runWorkers(jobs, batches, report, dictionary, engine, lemmatizer, cached, vocabulary, accept);
  }
  output.end();
  tick();
  if (useCache) saveNewLemmas(lemmatizer);
  return summary;
}

/**
 * Holds rows back until every metadata field asked for has been seen in some document (so that a
 * field no document has is an error before anything is written), and resolves `all` to the
 * fields of the first document.
 */
class MetaGate {
  private held: CountedRows[] = [];
  private missing: Set<string>;
  private fields: string[] | null;
  private open = false;

  constructor(
    meta: readonly string[] | 'all' | undefined,
    private readonly onRows: (rows: CountedRows) => void,
    private readonly onStart: (meta: string[]) => void,
  ) {
    this.fields = meta === 'all' ? null : [...(meta ?? [])];
    this.missing = new Set(this.fields ?? []);
  }

  push(rows: CountedRows): void {
    if (this.open) {
      this.onRows(rows);
      return;
    }
    for (const d of rows.docs) {
      if (this.fields === null) {
        this.fields = [...Object.keys(d.meta), ...(Object.prototype.hasOwnProperty.call(d.meta, 'file') ? [] : ['file'])];
        this.missing.clear();
      }
      for (const f of this.missing) if (hasField(d, f)) this.missing.delete(f);
    }
    this.held.push(rows);
    if (this.fields !== null && this.missing.size === 0) this.release();
  }

  private release(): void {
    this.open = true;
    this.onStart(this.fields ?? []);
    for (const r of this.held.splice(0)) this.onRows(r);
  }

  end(): void {
    if (this.open) return;
    if (this.missing.size > 0) {
      const names = [...this.missing];
      throw new FramelabError(`no document has the field${names.length > 1 ? 's' : ''} ${names.map((n) => `"${n}"`).join(', ')}; check the spelling or the file's columns`);
    }
    this.release();
  }
}

/** Batches a worker may hold at once (one being counted, one waiting), so that it never idles. */
const PER_WORKER = 2;

/**
 * Counts with `jobs - 1` worker threads and this thread: each batch goes to a worker that has room
 * for it, else it is counted here, so that every core counts and this thread also reads the
 * files, answers the workers' lemma questions and writes the rows, in corpus order.
 */
async function runWorkers(
  jobs: number,
  batches: Iterable<Item[]>,
  report: ReadReport,
  dictionary: Dictionary,
  engine: EngineOptions,
  lemmatizer: Lemmatizer,
  cache: { bytes?: Uint8Array } | undefined,
  vocabulary: Vocabulary,
  accept: (r: BatchResult) => void,
): Promise<void> {
  const setup: WorkerSetup = { files: report.files, dictionary, options: engine, lemmaCache: cache?.bytes ?? null };
  const workers = Array.from({ length: jobs - 1 }, () => new Worker(workerScript(), { workerData: setup, resourceLimits: WORKER_LIMITS }));
  const outstanding = workers.map(() => 0);
  const alive = workers.map(() => true);
  type Slot = { done: boolean; result?: BatchResult; error?: Error; wait?: Promise<void>; wake?: () => void };
  const pending = new Map<number, { slot: Slot; packed: PackedBatch; worker: number }>();
  const here = new BatchCounter(report.files, dictionary, engine, lemmatizer, vocabulary);
  const settle = (slot: Slot, result?: BatchResult, error?: Error) => {
    slot.done = true;
    slot.result = result;
    slot.error = error;
    slot.wake?.();
  };
  const countHere = (slot: Slot, items: Item[]) => {
    try {
      settle(slot, here.process(items));
    } catch (err) {
      settle(slot, undefined, err as Error);
    }
  };
  const redoHere = (w: number) => {
    // the worker ran out of its heap (or died): its batches are counted here instead
    alive[w] = false;
    for (const [seq, p] of pending) {
      if (p.worker !== w) continue;
      pending.delete(seq);
      countHere(p.slot, unpack(p.packed));
    }
  };
  workers.forEach((w, k) => {
    w.on('message', (m: FromWorker) => {
      if (m.type === 'need') {
        const entries: Array<[string, Analysis]> = m.forms.map((f) => [f, lemmatizer.analyze(f)]);
        w.postMessage({ type: 'lemmas', entries } satisfies ToWorker);
        return;
      }
      const p = pending.get(m.seq);
      if (!p) return;
      pending.delete(m.seq);
      outstanding[k]--;
      if (m.type === 'result') settle(p.slot, m.result);
      else settle(p.slot, undefined, new Error(m.message));
    });
    w.on('error', () => redoHere(k));
    w.on('exit', (code) => {
      if (code !== 0) redoHere(k);
    });
  });
  const take = async (slot: Slot) => {
    if (!slot.done) {
      slot.wait ??= new Promise<void>((resolve) => (slot.wake = resolve));
      await slot.wait;
    }
    if (slot.error) throw slot.error;
    accept(slot.result!);
  };
  try {
    const inFlight: Slot[] = [];
    const limit = 4 * jobs;
    let seq = 0;
    for (const batch of batches) {
      const s = seq++;
      const slot: Slot = { done: false };
      inFlight.push(slot);
      let w = -1;
      if (!batch.some((item) => (item.kind === 'line' ? item.bytes.length : item.text.length) > BIG_ITEM)) {
        for (let k = 0; k < workers.length; k++) if (alive[k] && outstanding[k] < PER_WORKER && (w < 0 || outstanding[k] < outstanding[w])) w = k;
      }
      if (w < 0) {
        countHere(slot, batch);
        // let the workers' messages (results, lemma questions) and signals in
        await new Promise((resolve) => setImmediate(resolve));
      } else {
        outstanding[w]++;
        const packed = pack(batch);
        pending.set(s, { slot, packed, worker: w });
        workers[w].postMessage({ type: 'batch', seq: s, batch: packed } satisfies ToWorker);
      }
      while (inFlight.length > 0 && (inFlight[0].done || inFlight.length >= limit)) await take(inFlight.shift()!);
    }
    while (inFlight.length) await take(inFlight.shift()!);
  } finally {
    for (const w of workers) w.removeAllListeners('exit');
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
