/**
 * Counting a corpus into a table: the one producer of the per-paragraph count table. Documents —
 * read from files, or an in-memory `Corpus` — go through the batch counter (`engine.ts`), in this
 * thread or in worker threads (`pool.ts`), and the counted rows go, batch by batch in corpus
 * order, into a sink (`table/sinks.ts`): a table, CSV or JSON text, a Parquet file, a DataFrame.
 * `countFrameRows`, `countFiles`, `countFilesStreaming` and `countFilesParquet` are that one call
 * with a sink each.
 */
import type { DataFrame } from 'danfojs-node';
import type { Corpus, Document } from '../corpus/types';
import { fieldsOf, IdCheck, noteEmpty, noteEmptyId, openCorpus, readItems, withBoilerplate, type Item, type ReadOptions, type ReadReport } from '../corpus/read';
import { segmenterOf } from '../corpus/tokens';
import { FramelabError } from '../errors';
import { boundYoungGeneration, checkYoungGeneration, collectGarbage, releaseYoungGeneration } from '../util/heap';
import type { LemmaLookup } from '../text/forms';
import { Lemmatizer } from '../text/lemmatizer';
import { saveNewLemmas, sharedLemmatizer } from '../text/lemma-cache';
import { sharedVocabulary } from '../text/vocabulary';
import type { Dictionary } from './dictionary';
import { BatchCounter, type BatchResult, type EngineOptions } from './engine';
import { FrameMatcher } from './matcher';
import { runWorkers } from './pool';
import { cores, SMALL_CORPUS } from './prestart';
import { encodeVocabulary, readSavedVocabulary, restoreVocabulary, saveVocabulary, VOCABULARY_CACHE_MIN, vocabularyOf } from './vocabularies';
import { MetaFields, type CountedRows, type FrameTable, type WordRule } from '../table/frame-table';
import { dataFrameSink, parquetSink, tableSink, textSink, type RowSink, type TableExtension } from '../table/sinks';

export { cores, SMALL_CORPUS } from './prestart';
export { FrameMatcher, lemmaReach, maybeStemless, type FrameMatch } from './matcher';
export { countColumns, rate, rateColumn, tableRows, WORD_RULES, type Cell, type FrameTable, type WordRule } from '../table/frame-table';
export { countColumnTypes, type TableExtension } from '../table/sinks';

/** Options of {@link countFrameRows} and {@link countFrames}. */
export interface CountOptions {
  /** Add `<category>_per_1k` columns: count per 1000 words of the paragraph. */
  rate?: boolean;
  /** Document fields to carry as columns after `doc` (`'all'`: every field of the first document, and `file`). */
  meta?: readonly string[] | 'all';
  /** Lemmas from this lemmatizer (default: one shared by the process, which starts from the lemma cache). */
  lemmatizer?: LemmaLookup;
  /** Share a matcher (and its per-form cache) across calls; it must be built for the same dictionary. */
  matcher?: FrameMatcher;
  /** What the `tokens` column counts (see {@link WordRule}; default `all`). */
  words?: WordRule;
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

/** Options of {@link countRows} and {@link countCorpus}. */
export interface CountCorpusOptions extends ReadOptions {
  /** Threads that count: this one and `jobs - 1` workers. Default: the number of cores, or 1 below 32 MiB of input; never more than the cores or the batches. */
  jobs?: number;
  /** Lemmatize every word form, not only those a pattern could reach: slower, same counts (for verification). */
  fullLemmas?: boolean;
  /** Document fields to carry as columns (`'all'`: the fields of the first document, and `file`). */
  meta?: readonly string[] | 'all';
  /** Add `<category>_per_1k` columns (in the table a sink makes). */
  rate?: boolean;
  /** Keep paragraph texts (for display). */
  texts?: boolean;
  /** What the `tokens` column counts (see {@link WordRule}; default `all`). */
  words?: WordRule;
  /** Keep lemmas between runs in a cache file (default true; see `lemmaCacheFile`). */
  lemmaCache?: boolean;
  /**
   * Keep the vocabulary (forms met and how the dictionary classifies them) between runs in a
   * cache file beside the lemmas (see `vocabularyCacheName`). Default: with the lemma cache, for
   * inputs of 4 MiB or more.
   */
  vocabularyCache?: boolean;
  /** Called now and then with where the run is. */
  onProgress?: (p: CountProgress) => void;
  /** Called once before the first rows, with the resolved metadata fields. */
  onStart?: (meta: string[]) => void;
}

const BATCH_BYTES = 256 * 1024;
const BATCH_ITEMS = 1000;
/** A count of {@link SMALL_CORPUS} or more collects its garbage in full after every this many bytes of input. */
const COLLECT_EVERY = 32 << 20;

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

/** Batches of in-memory documents, by the length of their paragraphs' text, as files are cut. */
function* documentBatches(documents: readonly Document[]): Generator<{ documents: Document[] }> {
  let batch: Document[] = [];
  let size = 0;
  for (const d of documents) {
    batch.push(d);
    for (const p of d.paragraphs) size += p.text.length;
    if (size >= BATCH_BYTES || batch.length >= BATCH_ITEMS) {
      yield { documents: batch };
      batch = [];
      size = 0;
    }
  }
  if (batch.length) yield { documents: batch };
}

/**
 * One count under way, whatever drives it: the summary, the id check, the metadata-field rule and
 * the sink. Batch results come in corpus order through `accept`.
 */
class CountRun<T> {
  readonly summary: CountSummary;
  private readonly ids = new IdCheck();
  private readonly gate: MetaFields;
  private readonly started = process.hrtime.bigint();
  private begun = false;
  /** Bytes of input between two full collections (0: none). */
  collectEvery = 0;
  private nextCollect = 0;

  constructor(
    dictionary: Dictionary,
    private readonly sink: RowSink<T>,
    private readonly report: ReadReport | undefined,
    private readonly options: CountCorpusOptions,
    jobs: number,
    boilerplate: boolean,
  ) {
    this.summary = {
      files: 0,
      totalFiles: report?.files.length ?? 0,
      bytes: 0,
      totalBytes: report?.totalBytes ?? 0,
      documents: 0,
      paragraphs: 0,
      seconds: 0,
      dropped: 0,
      repeats: 0,
      skipped: [],
      skippedFiles: report?.skippedFiles ?? [],
      notes: report?.notes ?? [],
      jobs,
      meta: [],
    };
    const categories = dictionary.categories.map((c) => c.name);
    this.gate = new MetaFields(
      options.meta,
      (rows) => sink.rows(rows),
      (meta) => {
        this.summary.meta = meta;
        options.onStart?.(meta);
        this.begun = true;
        sink.start({ categories, shape: { rate: options.rate, meta, boilerplate }, words: options.words ?? 'all' });
      },
    );
  }

  tick(): void {
    const s = this.summary;
    if (this.report) {
      s.files = this.report.filesDone;
      s.bytes = this.report.bytesRead;
    }
    s.seconds = Number(process.hrtime.bigint() - this.started) / 1e9;
  }

  accept(r: BatchResult): void {
    if (r.error) throw new FramelabError(r.error.message);
    // a big count caps its young generation, and collects its old garbage every 32 MiB of input,
    // so that its peak does not grow with the input
    if (this.collectEvery > 0) checkYoungGeneration();
    if (this.collectEvery > 0 && this.report && this.report.bytesRead >= this.nextCollect) {
      this.nextCollect = this.report.bytesRead + this.collectEvery;
      collectGarbage();
    }
    const s = this.summary;
    if (this.report) for (const d of r.docs) this.ids.check(d.id, d.source, d.line);
    s.documents += r.docs.length;
    s.paragraphs += r.counted.rows;
    s.dropped += r.dropped;
    s.repeats += r.repeats;
    if (r.boilerplate) s.droppedBoilerplate = (s.droppedBoilerplate ?? 0) + r.boilerplate;
    if (this.report) {
      for (const id of r.empty ?? []) noteEmpty(this.report, id);
      for (const [field, id] of r.emptyIds ?? []) noteEmptyId(this.report, field, id);
    }
    for (const k of r.skipped) s.skipped.push(k);
    this.gate.push(r.counted);
    this.tick();
    this.options.onProgress?.(s);
  }

  /** The rows are all in: the sink's value. */
  end(): T {
    this.gate.end();
    this.tick();
    return this.sink.end();
  }

  fail(): void {
    if (this.begun) this.sink.abort?.();
  }
}

/**
 * Counts the frames of every paragraph of a corpus into a sink: the one way framelab makes its
 * count table. `input` is files, folders or corpus files (read one at a time, JSONL line by line
 * and CSV row by row, batches counted by `jobs` worker threads or in this thread; memory stays
 * bounded by the batches in flight, the vocabulary and the set of document ids), or an in-memory
 * `Corpus` (counted in this thread, its paragraphs as they stand). The counted rows go to `sink`
 * in corpus order; the result is the sink's value and what the count did.
 *
 * @example
 * const { result: table, summary } = await countRows(['corpus.jsonl'], loadDictionary(), tableSink(), { jobs: 2, rate: true });
 * table.rows.length === summary.paragraphs // true
 */
export async function countRows<T>(
  input: string | readonly string[] | Corpus,
  dictionary: Dictionary,
  sink: RowSink<T>,
  options: CountCorpusOptions = {},
): Promise<{ result: Awaited<T>; summary: CountSummary }> {
  if (isCorpus(input)) {
    const { result, summary } = countDocuments(input, dictionary, sink, options);
    return { result: await result, summary };
  }
  const paths = input;
  // bad paths and options fail here, before any output
  const report: ReadReport = openCorpus(paths, options);
  const segmenter = segmenterOf(options.paragraphs);
  options = withBoilerplate(paths, options, report);
  const engine = engineOptions(options, options.boilerplate ? { index: options.boilerplate.index, drop: options.dropBoilerplate === true } : undefined);
  engine.segmenter = segmenter;
  if (options.jobs !== undefined && !(Number.isInteger(options.jobs) && options.jobs >= 1)) {
    throw new FramelabError(`jobs must be a whole number ≥ 1, not ${options.jobs}`);
  }
  const batchesExpected = Math.max(1, Math.ceil(report.totalBytes / BATCH_BYTES));
  const wanted = options.jobs ?? (report.totalBytes < SMALL_CORPUS ? 1 : cores());
  const jobs = Math.max(1, Math.min(wanted, cores(), batchesExpected));
  // a big input: memory bounded whatever its size (see boundYoungGeneration), from here to the end
  const big = report.totalBytes >= SMALL_CORPUS;
  if (big) boundYoungGeneration();
  try {
    return await countPaths(report, dictionary, sink, options, engine, jobs, big);
  } finally {
    if (big) releaseYoungGeneration();
  }
}

/** {@link countRows} of files, once they are opened and the threads decided. */
async function countPaths<T>(
  report: ReadReport,
  dictionary: Dictionary,
  sink: RowSink<T>,
  options: CountCorpusOptions,
  engine: EngineOptions,
  jobs: number,
  big: boolean,
): Promise<{ result: Awaited<T>; summary: CountSummary }> {
  const useCache = options.lemmaCache ?? true;
  // the process's lemmatizer (it starts from the cache file and remembers what it adds), or a fresh one
  const lemmatizer = useCache ? sharedLemmatizer() : new Lemmatizer();
  const cached = useCache ? lemmatizer.known : undefined;
  const vocabulary = vocabularyOf(dictionary, lemmatizer, engine.fullLemmas);
  // the vocabulary of earlier runs, when this one starts without one (a first count in this process)
  const keep = useCache && (options.vocabularyCache ?? report.totalBytes >= VOCABULARY_CACHE_MIN);
  let startBytes: Uint8Array | null = null;
  if (keep && vocabulary.forms.size === 0) {
    // (not when the file is over twice the input: it holds the words of other, bigger corpora)
    const file = readSavedVocabulary(dictionary, engine.fullLemmas, 2 * report.totalBytes);
    // (this thread's tables are views of the file's bytes, in shared memory: the workers' tables view the same bytes, and each thread copies a table before it first adds to it)
    if (file && restoreVocabulary(vocabulary, file.saved)) startBytes = jobs > 1 ? file.bytes : null;
  }
  const startForms = vocabulary.forms.size;
  const run = new CountRun(dictionary, sink, report, options, jobs, options.boilerplate !== undefined);
  if (big) run.collectEvery = COLLECT_EVERY;
  let result: Awaited<T>;
  try {
    const batches = batchesOf(readItems(report, options));
    if (jobs === 1) {
      const counter = new BatchCounter(report.files, dictionary, engine, lemmatizer, vocabulary);
      for (const batch of batches) {
        run.accept(counter.process(batch));
        // let signals (Ctrl-C) and timers in between batches
        await new Promise((resolve) => setImmediate(resolve));
      }
    } else {
      // workers start from this thread's vocabulary (as read from the file, or as a notebook's earlier counts left it)
      if (!startBytes && vocabulary.forms.size > 0) startBytes = encodeVocabulary(vocabulary, lemmatizer);
      const share = { start: startBytes, collect: keep, collectEvery: run.collectEvery };
      startBytes = null;
      await runWorkers(jobs, batches, report, dictionary, engine, lemmatizer, cached, vocabulary, (r) => run.accept(r), share);
    }
    result = await run.end();
  } catch (err) {
    run.fail();
    throw err;
  }
  if (useCache) saveNewLemmas(lemmatizer);
  if (keep && vocabulary.forms.size > startForms) saveVocabulary(vocabulary, dictionary, lemmatizer, engine.fullLemmas);
  return { result, summary: run.summary };
}

function isCorpus(input: string | readonly string[] | Corpus): input is Corpus {
  return typeof input === 'object' && !Array.isArray(input) && Array.isArray((input as Corpus).documents);
}

/** What every batch counter of a run is told. */
function engineOptions(options: CountCorpusOptions, boilerplate: EngineOptions['boilerplate']): EngineOptions {
  return {
    boilerplate,
    segmenter: 'auto',
    dedupe: options.dedupe ?? false,
    fields: fieldsOf(options),
    skipBadLines: options.skipBadLines ?? false,
    fullLemmas: options.fullLemmas ?? false,
    texts: options.texts ?? false,
    lettersOnly: options.words === 'letters',
  };
}

/**
 * {@link countRows} of an in-memory corpus, in this thread and at once: its paragraphs as they
 * stand (their numbers, `duplicateOf` and `boilerplateOf` from the corpus), in batches through the
 * same batch counter as files.
 */
function countDocuments<T>(
  corpus: Corpus,
  dictionary: Dictionary,
  sink: RowSink<T>,
  options: CountCorpusOptions & { lemmatizer?: LemmaLookup; matcher?: FrameMatcher },
): { result: T; summary: CountSummary } {
  // the process's shared vocabulary, whose paragraphs keep their scanned words (see paragraphTokens), unless a matcher brings its own
  const matcher = options.matcher ?? sharedMatcher(dictionary, options.lemmatizer);
  const lemmatizer = matcher.lemmatizer;
  const engine = engineOptions(options, corpus.boilerplate ? { index: corpus.boilerplate.index, drop: false } : undefined);
  const vocabulary = vocabularyOf(dictionary, lemmatizer, engine.fullLemmas, matcher);
  const counter = new BatchCounter([], dictionary, engine, lemmatizer, vocabulary);
  const run = new CountRun(dictionary, sink, undefined, options, 1, corpus.boilerplate !== undefined);
  try {
    for (const batch of documentBatches(corpus.documents)) run.accept(counter.process(batch));
    return { result: run.end(), summary: run.summary };
  } catch (err) {
    run.fail();
    throw err;
  }
}

const matchers = new WeakMap<Dictionary, FrameMatcher>();

/** The matcher of a dictionary over the shared vocabulary (made once per dictionary object). */
export function sharedMatcher(dictionary: Dictionary, lemmatizer?: LemmaLookup): FrameMatcher {
  if (lemmatizer) return new FrameMatcher(dictionary, lemmatizer, { forms: sharedVocabulary() });
  let m = matchers.get(dictionary);
  if (!m) {
    m = new FrameMatcher(dictionary, sharedLemmatizer(), { forms: sharedVocabulary() });
    matchers.set(dictionary, m);
  }
  return m;
}

/**
 * Counts the frames of every paragraph of a corpus, streaming, and hands the counted rows to
 * `onRows` in corpus order: {@link countRows} with a sink that is a function.
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
  return (await countRows(paths, dictionary, { start: () => undefined, rows: onRows, end: () => undefined }, options)).summary;
}

/**
 * Counts the dictionary's categories in every paragraph of an in-memory corpus, as plain rows
 * ({@link countRows} into a `tableSink`, in this thread). `duplicate_of` is null when the
 * paragraph is not a repeat; a corpus read with boilerplate has `boilerplate_of` after it; rates
 * are null for a paragraph without words.
 *
 * @example
 * const table = countFrameRows(loadCorpus('data/ngo-grants-dialogue-2025.ru.txt'), loadDictionary());
 * table.columns.slice(0, 5) // ['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched']
 */
export function countFrameRows(corpus: Corpus, dictionary: Dictionary, options: CountOptions = {}): FrameTable {
  return countDocuments(corpus, dictionary, tableSink(), { ...options, texts: true }).result;
}

/**
 * Counts the dictionary's categories in every paragraph of an in-memory corpus, as a danfojs
 * DataFrame (see {@link countFrameRows} for the columns; empty cells are NaN).
 *
 * @example
 * const df = countFrames(loadCorpus('data/ngo-grants-dialogue-2025.ru.txt', { dedupe: true }), loadDictionary());
 * df.column('коррупция').sum()
 */
export function countFrames(corpus: Corpus, dictionary: Dictionary, options: CountOptions = {}): DataFrame {
  return countDocuments(corpus, dictionary, dataFrameSink(), options).result;
}

/**
 * Counts files and folders through the streaming engine (worker threads, bounded memory) and
 * collects the table: the same rows as `countFrameRows(loadCorpus(paths, options), dictionary)`,
 * for a corpus too big to hold as text ({@link countRows} into a `tableSink`).
 *
 * @example
 * const { table, summary } = await countFiles(['corpus.jsonl'], loadDictionary(), { dedupe: true, rate: true });
 */
export async function countFiles(
  paths: string | readonly string[],
  dictionary: Dictionary,
  options: CountCorpusOptions = {},
): Promise<{ table: FrameTable; summary: CountSummary }> {
  const { result, summary } = await countRows(paths, dictionary, tableSink(), options);
  return { table: result, summary };
}

/**
 * Counts files and folders through the streaming engine and writes the count table as CSV
 * (default) or JSON to `write`, piece by piece in corpus order: what `framelab count` prints
 * ({@link countRows} into a `textSink`). Nothing is written before the options and inputs are
 * checked, and the metadata fields asked for have been found.
 *
 * @example
 * const chunks: string[] = [];
 * await countFilesStreaming(['corpus.jsonl'], loadDictionary(), (s) => chunks.push(s), { jobs: 2, rate: true });
 * chunks.join('').split('\r\n')[0].split(',').slice(0, 6) // ['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched', 'гранты']
 */
export async function countFilesStreaming(
  paths: string | readonly string[],
  dictionary: Dictionary,
  write: (chunk: string) => void,
  options: CountCorpusOptions & { format?: 'csv' | 'json'; extend?: TableExtension } = {},
): Promise<CountSummary> {
  const sink = textSink(write, options.format ?? 'csv', options.extend);
  return (await countRows(paths, dictionary, sink, { ...options, texts: options.texts || options.extend !== undefined })).summary;
}

/**
 * Counts files and folders through the streaming engine and writes the count table as a Parquet
 * file (atomically): whole numbers as integers, rates as doubles, `doc` and metadata as text
 * ({@link countRows} into a `parquetSink`).
 *
 * @example
 * await countFilesParquet(['data/news-sample'], loadDictionary(), 'counts.parquet', { idField: 'url', meta: ['date', 'topics'] });
 */
export async function countFilesParquet(paths: string | readonly string[], dictionary: Dictionary, file: string, options: CountCorpusOptions = {}): Promise<CountSummary> {
  return (await countRows(paths, dictionary, parquetSink(file), options)).summary;
}
