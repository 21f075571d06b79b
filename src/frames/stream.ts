import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { listCorpusFiles, readFileDocuments, type CorpusFile } from '../corpus/load';
import { readLines } from '../corpus/lines';
import type { ParagraphMode } from '../corpus/types';
import { FramelabError } from '../errors';
import { BatchProcessor, type BatchItem, type BatchOptions, type BatchResult } from './batch';
import type { Dictionary } from './dictionary';
import { rateColumn } from './count';
import { csvRecord } from '../table/format';

/** Where a streaming count is: for progress bars. */
export interface StreamProgress {
  files: number;
  totalFiles: number;
  bytes: number;
  totalBytes: number;
  documents: number;
  paragraphs: number;
  seconds: number;
}

/** Options of {@link countFilesStreaming}. */
export interface StreamOptions {
  paragraphs?: ParagraphMode;
  encoding?: string;
  dedupe?: boolean;
  rate?: boolean;
  format?: 'csv' | 'json';
  /** Worker threads (default: the number of cores, or 1 below 4 MiB of input); 1 counts in the calling thread. */
  jobs?: number;
  /** Skip JSONL lines that are not a JSON object with a text field, and report them, instead of stopping. */
  skipBadLines?: boolean;
  /** Lemmatize every word form, not only those a pattern could reach: slower, same counts (for verification). */
  fullLemmas?: boolean;
  /** Called now and then with where the run is. */
  onProgress?: (p: StreamProgress) => void;
}

/** What a streaming count did. */
export interface StreamSummary extends StreamProgress {
  dropped: number;
  /** Paragraphs kept that repeat an earlier one (duplicate_of set). */
  repeats: number;
  skipped: Array<{ file: string; line: number; message: string }>;
}

const BATCH_BYTES = 256 * 1024;
/** Below this many bytes of input, the default is to count in the calling thread. */
const SMALL_CORPUS = 4 << 20;
/** A document or line longer than this (in characters) is counted in the calling thread, whose heap is not capped. */
const BIG_ITEM = 1 << 20;
/** Heap of a worker thread, in MB: measured on the 100 MB benchmark corpus as the knee between memory and speed. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 8 };
const BATCH_ITEMS = 1000;

/** Batches of items from the corpus files, one file at a time, JSONL line by line. */
function* batches(files: ReadonlyArray<CorpusFile & { bytes: number }>, encoding: string | undefined, progress: StreamProgress): Generator<BatchItem[]> {
  let batch: BatchItem[] = [];
  let size = 0;
  let done = 0;
  for (const cf of files) {
    if (path.extname(cf.file).toLowerCase() === '.jsonl') {
      for (const l of readLines(cf.file, encoding)) {
        batch.push({ kind: 'line', file: cf.file, fileId: cf.id, line: l.line, text: l.text });
        size += l.text.length;
        progress.bytes = done + l.bytesRead;
        if (size >= BATCH_BYTES || batch.length >= BATCH_ITEMS) {
          yield batch;
          batch = [];
          size = 0;
        }
      }
    } else {
      for (const d of readFileDocuments(cf, encoding).docs) {
        batch.push({ kind: 'doc', file: cf.file, id: d.id, text: d.text });
        size += d.text.length;
      }
    }
    done += cf.bytes;
    progress.bytes = done;
    progress.files++;
    if (size >= BATCH_BYTES) {
      yield batch;
      batch = [];
      size = 0;
    }
  }
  if (batch.length) yield batch;
}

/** The compiled worker script (next to this module in dist/; from src/ under a test runner, the built one). */
function workerScript(): string {
  const here = path.join(__dirname, 'worker.js');
  return fs.existsSync(here) ? here : path.join(__dirname, '..', '..', 'dist', 'frames', 'worker.js');
}

/** The header of the count table for a dictionary. */
export function countColumns(dictionary: Dictionary, rate: boolean): string[] {
  const categories = dictionary.categories.map((c) => c.name);
  return ['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched', ...categories, ...(rate ? categories.map(rateColumn) : [])];
}

/**
 * Counts frames in files and folders without loading the corpus: files are read one at a time and
 * JSONL line by line, batches go to `jobs` worker threads, and the rows come back to `write` in
 * corpus order — the same bytes as `toCsv(countFrameRows(loadCorpus(paths), dictionary))`.
 * Memory stays bounded by the batches in flight, the lemma cache and the set of document ids.
 *
 * @example
 * await countFilesStreaming(['corpus.jsonl'], loadDictionary(), (s) => out.write(s), { jobs: 2 });
 */
export async function countFilesStreaming(
  paths: readonly string[],
  dictionary: Dictionary,
  write: (chunk: string) => void,
  options: StreamOptions = {},
): Promise<StreamSummary> {
  const format = options.format ?? 'csv';
  // bad paths fail here, before any output
  const files = listCorpusFiles(paths).map((f) => ({ ...f, bytes: fs.statSync(f.file).size }));
  const totalBytes = files.reduce((sum, f) => sum + f.bytes, 0);
  // by default, worker threads only pay off above a few MiB (each loads the morphology dictionaries)
  const defaultJobs = totalBytes < SMALL_CORPUS ? 1 : (os.availableParallelism?.() ?? os.cpus().length);
  const jobs = Math.max(1, Math.floor(options.jobs ?? defaultJobs));
  const batchOptions: BatchOptions = {
    paragraphs: options.paragraphs ?? 'auto',
    dedupe: options.dedupe ?? false,
    rate: options.rate ?? false,
    format,
    skipBadLines: options.skipBadLines ?? false,
    fullLemmas: options.fullLemmas ?? false,
  };
  const started = process.hrtime.bigint();
  const summary: StreamSummary = { files: 0, totalFiles: files.length, bytes: 0, totalBytes, documents: 0, paragraphs: 0, seconds: 0, dropped: 0, repeats: 0, skipped: [] };
  const seen = new Map<string, string>();
  let wroteRow = false;
  const columns = countColumns(dictionary, batchOptions.rate);
  if (format === 'csv') write(csvRecord(columns));
  else write('[');
  const accept = (r: BatchResult) => {
    if (r.error) throw new FramelabError(r.error.message);
    for (const { id, file, line } of r.ids) {
      const first = seen.get(id);
      if (first !== undefined) throw new FramelabError(`duplicate document id "${id}" (first read from ${first}); give the files distinct names or ids`, { file, line });
      seen.set(id, file);
    }
    summary.documents += r.ids.length;
    summary.paragraphs += r.rows;
    summary.dropped += r.dropped;
    summary.repeats += r.repeats;
    summary.skipped.push(...r.skipped);
    if (r.out) {
      write(format === 'json' ? (wroteRow ? ',\n' : '\n') + r.out : r.out);
      wroteRow = true;
    }
    summary.seconds = Number(process.hrtime.bigint() - started) / 1e9;
    options.onProgress?.(summary);
  };

  const source = batches(files, options.encoding, summary);
  if (jobs === 1) {
    const processor = new BatchProcessor(dictionary, batchOptions);
    for (const batch of source) {
      accept(processor.process(batch));
      // let signals (Ctrl-C) and timers in between batches
      await new Promise((resolve) => setImmediate(resolve));
    }
  } else {
    const workers = Array.from(
      { length: jobs },
      // a small heap keeps each worker's garbage (and so the peak memory) low; batches holding a
      // document of more than BIG_ITEM characters are counted in this thread instead
      () => new Worker(workerScript(), { workerData: { dictionary, options: batchOptions }, resourceLimits: WORKER_LIMITS }),
    );
    const pending = new Map<number, { resolve: (r: BatchResult) => void; reject: (e: Error) => void; items: BatchItem[]; worker: number }>();
    const alive = workers.map(() => true);
    let inline: BatchProcessor | undefined;
    const redoInline = (w: number) => {
      // the worker ran out of its heap (or died): its batches are done here instead
      alive[w] = false;
      for (const [seq, p] of pending) {
        if (p.worker !== w) continue;
        pending.delete(seq);
        try {
          inline ??= new BatchProcessor(dictionary, batchOptions);
          p.resolve(inline.process(p.items));
        } catch (err) {
          p.reject(err as Error);
        }
      }
    };
    workers.forEach((w, k) => {
      w.on('message', (m: { seq: number; result: BatchResult }) => {
        pending.get(m.seq)?.resolve(m.result);
        pending.delete(m.seq);
      });
      w.on('error', () => redoInline(k));
      w.on('exit', (code) => {
        if (code !== 0) redoInline(k);
      });
    });
    try {
      const inFlight: Array<Promise<BatchResult>> = [];
      let seq = 0;
      const limit = jobs * 2;
      for (const batch of source) {
        const s = seq++;
        const live = alive.map((a, k) => (a ? k : -1)).filter((k) => k >= 0);
        if (live.length === 0 || batch.some((item) => item.text.length > BIG_ITEM)) {
          inline ??= new BatchProcessor(dictionary, batchOptions);
          inFlight.push(Promise.resolve(inline.process(batch)));
        } else {
          const w = live[s % live.length];
          const p = new Promise<BatchResult>((resolve, reject) => pending.set(s, { resolve, reject, items: batch, worker: w }));
          p.catch(() => undefined); // handled when awaited in order
          inFlight.push(p);
          workers[w].postMessage({ seq: s, items: batch });
        }
        while (inFlight.length >= limit) accept(await inFlight.shift()!);
      }
      while (inFlight.length) accept(await inFlight.shift()!);
    } finally {
      for (const w of workers) w.removeAllListeners('exit');
      await Promise.all(workers.map((w) => w.terminate()));
    }
  }
  write(format === 'json' ? (wroteRow ? '\n]\n' : ']\n') : '');
  summary.seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return summary;
}
