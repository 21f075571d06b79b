/**
 * The worker pool of the counting engine: worker threads, batches packed into shared memory for
 * them, the messages between them and the calling thread, and the scheduling that keeps every
 * core counting while the calling thread reads, answers lemma questions and hands rows on in
 * corpus order.
 */
import { Worker } from 'node:worker_threads';
import { keepYoungGenerationBound } from '../util/heap';
import { compileAsUsual, compileLater, keepCompilingLater } from '../util/jit';
import type { CorpusFile } from '../corpus/files';
import type { Item, ReadReport } from '../corpus/read';
import type { Analysis, Lemmatizer } from '../text/lemmatizer';
import type { Dictionary } from './dictionary';
import { BatchCounter, type BatchResult, type EngineOptions } from './engine';
import type { Vocabulary } from './vocabularies';
import type { TokenizerState } from '../text/scan';
import { takePrestarted, workerScript, WORKER_LIMITS } from './prestart';

/** A batch holding an item longer than this (in bytes) is counted in the calling thread, whose heap is not capped. */
const BIG_ITEM = 8 << 20;

/** A batch of items packed into one transferable buffer. */
interface PackedBatch {
  /** Shared, so that the main thread keeps the batch (to count it itself should the worker die) without a copy. */
  buffer: SharedArrayBuffer;
  items: Array<{ kind: Item['kind']; file: number; line: number; off: number; len: number; id?: string | null; meta?: Record<string, unknown> }>;
}

/** The smallest batch buffer made: most batches (see `BATCH_BYTES` in count.ts) fit one, so that buffers can be used again. */
const PACK_MIN = 512 * 1024;

/**
 * Batch buffers given back once their batch is counted, packed again: a long count makes a
 * handful of them rather than one per batch. (One per batch, each freed when both threads have
 * collected it, let the process's native heap grow in fragments: 14 MiB more over a 1 GiB count.)
 */
class BatchBuffers {
  private readonly free: SharedArrayBuffer[] = [];

  /** A buffer of at least `size` bytes. */
  take(size: number): SharedArrayBuffer {
    for (let k = this.free.length - 1; k >= 0; k--) {
      if (this.free[k].byteLength >= size) return this.free.splice(k, 1)[0];
    }
    return new SharedArrayBuffer(Math.max(size, PACK_MIN));
  }

  /** Gives back the buffer of a batch whose result came (the worker holds no view of it any more). */
  give(buffer: SharedArrayBuffer): void {
    if (buffer.byteLength <= 4 * PACK_MIN && this.free.length < 16) this.free.push(buffer);
  }
}

function pack(items: readonly Item[], buffers: BatchBuffers): PackedBatch {
  let total = 0;
  for (const it of items) total += it.kind === 'line' ? it.bytes.length : it.text.length;
  const buffer = buffers.take(total);
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

/** Bytes in shared memory: as they are when they already are (the vocabulary file as read), else a copy (null stays null). */
function shared(bytes: Uint8Array | null): Uint8Array | null {
  if (!bytes || bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.length));
  copy.set(bytes);
  return copy;
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

/** Messages between the main thread and a counting worker. */
export type ToWorker = { type: 'setup'; setup: WorkerSetup } | { type: 'batch'; seq: number; batch: PackedBatch } | { type: 'lemmas'; entries: Array<[string, Analysis]> } | { type: 'vocabulary' };
export type FromWorker =
  | { type: 'result'; seq: number; result: BatchResult }
  | { type: 'vocabulary'; raw: TokenizerState | null }
  | { type: 'need'; forms: string[] }
  | { type: 'failed'; seq: number; message: string };

/**
 * Makes `n` workers with `make`; when one cannot be made, the ones made before it are told to
 * stop and the error goes on (a worker left running would keep the process from ever exiting).
 * Synchronous, so that no event of a worker (its `online`) comes before the caller listens.
 *
 * @example
 * startAll(2, () => new Worker(script)) // two workers, or none and the error
 */
export function startAll<W extends { terminate(): unknown }>(n: number, make: () => W): W[] {
  const made: W[] = [];
  try {
    for (let k = 0; k < n; k++) made.push(make());
  } catch (err) {
    for (const w of made) void w.terminate();
    throw err;
  }
  return made;
}

/** Data a worker starts with. */
export interface WorkerSetup {
  files: CorpusFile[];
  dictionary: Dictionary;
  options: EngineOptions;
  /** The lemma cache file's bytes, which a worker consults before asking the main thread. */
  lemmaCache: Uint8Array | null;
  /** The vocabulary to start from (see `encodeVocabulary`; checked whole already), or null: a fresh one. */
  vocabulary: Uint8Array | null;
  /** Bytes of batches between two full collections (0: none; see `collectGarbage`). */
  collectEvery: number;
}

/** Batches a worker may hold at once (one being counted, one waiting), so that it never idles. */
const PER_WORKER = 2;

/**
 * Counts with `jobs - 1` worker threads and this thread: each batch goes to a worker that has room
 * for it, else it is counted here, so that every core counts and this thread also reads the
 * files, answers the workers' lemma questions and writes the rows, in corpus order.
 */
export async function runWorkers(
  jobs: number,
  batches: Iterable<Item[]>,
  report: ReadReport,
  dictionary: Dictionary,
  engine: EngineOptions,
  lemmatizer: Lemmatizer,
  cache: { bytes?: Uint8Array } | undefined,
  vocabulary: Vocabulary,
  accept: (r: BatchResult) => void,
  share: { start: Uint8Array | null; collect: boolean; collectEvery?: number } = { start: null, collect: false },
): Promise<void> {
  const setup: WorkerSetup = { files: report.files, dictionary, options: engine, lemmaCache: cache?.bytes ?? null, vocabulary: share.start, collectEvery: share.collectEvery ?? 0 };
  // the workers get the vocabulary in shared memory, which becomes their tables (no copy made in
  // passing): the bytes the file was read into, which this thread's tables view too (each thread
  // copies a table before it first adds to it), or one copy of what a notebook's earlier counts left
  // workers a command started early (prestart.ts) get the setup in a message; the others are made here
  const early = takePrestarted(jobs - 1);
  const workers = early.map((e) => e.worker);
  let here: BatchCounter;
  try {
    workers.push(...startAll(jobs - 1 - early.length, () => new Worker(workerScript(), { workerData: { ...setup, vocabulary: shared(setup.vocabulary) }, resourceLimits: WORKER_LIMITS })));
    for (const e of early) e.worker.postMessage({ type: 'setup', setup: { ...setup, vocabulary: shared(setup.vocabulary) } } satisfies ToWorker);
    // this thread's counter, in the same try: should it throw, no worker is left holding the process
    here = new BatchCounter(report.files, dictionary, engine, lemmatizer, vocabulary);
  } catch (err) {
    // taken, the early workers hold the process: stopped with the others, or it would never exit
    for (const w of workers) void w.terminate();
    throw err;
  }
  // a worker that comes online sets V8's flags anew: set ours again then (an early worker already
  // online did so before this count; compileLater, below, comes after it)
  workers.forEach((w, k) => {
    if (k < early.length && early[k].online) keepYoungGenerationBound();
    else w.once('online', keepYoungGenerationBound).once('online', keepCompilingLater);
  });
  // the workers hold the bytes now: this thread lets go of its reference
  setup.vocabulary = null;
  share.start = null;
  const outstanding = workers.map(() => 0);
  const buffers = new BatchBuffers();
  const alive = workers.map(() => true);
  type Slot = { done: boolean; result?: BatchResult; error?: Error; wait?: Promise<void>; wake?: () => void };
  const pending = new Map<number, { slot: Slot; packed: PackedBatch; worker: number }>();
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
  const raws: Array<(raw: TokenizerState | null) => void> = [];
  workers.forEach((w, k) => {
    w.on('message', (m: FromWorker) => {
      if (m.type === 'vocabulary') {
        raws[k]?.(m.raw);
        return;
      }
      if (m.type === 'need') {
        const entries: Array<[string, Analysis]> = m.forms.map((f) => [f, lemmatizer.analyze(f)]);
        w.postMessage({ type: 'lemmas', entries } satisfies ToWorker);
        return;
      }
      const p = pending.get(m.seq);
      if (!p) return;
      pending.delete(m.seq);
      outstanding[k]--;
      buffers.give(p.packed.buffer);
      if (m.type === 'result') settle(p.slot, m.result);
      else settle(p.slot, undefined, new Error(m.message));
    });
    w.on('error', () => redoHere(k));
    w.on('exit', (code) => {
      if (code !== 0) redoHere(k);
      raws[k]?.(null);
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
  // every thread compiles the hot code again: let V8 compile later while they count (see
  // compileLater); asked here, just before the try whose finally ends it, so that a count that
  // fails before (a Worker that cannot be made) does not leave the budget raised for the process
  // (the workers come online, and set it again, only once this thread awaits)
  compileLater();
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
        const packed = pack(batch, buffers);
        pending.set(s, { slot, packed, worker: w });
        workers[w].postMessage({ type: 'batch', seq: s, batch: packed } satisfies ToWorker);
      }
      while (inFlight.length > 0 && (inFlight[0].done || inFlight.length >= limit)) await take(inFlight.shift()!);
    }
    while (inFlight.length) await take(inFlight.shift()!);
    if (share.collect) {
      // the raw forms each worker met, taken into this thread's vocabulary (kept for the next run)
      const got = await Promise.all(
        workers.map((w, k) =>
          alive[k]
            ? new Promise<TokenizerState | null>((resolve) => {
                raws[k] = resolve;
                w.postMessage({ type: 'vocabulary' } satisfies ToWorker);
              })
            : null,
        ),
      );
      for (const raw of got) if (raw) here.learn(raw);
    }
  } finally {
    compileAsUsual();
    for (const w of workers) w.removeAllListeners('exit');
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
