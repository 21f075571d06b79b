/**
 * Counting workers started early: a worker thread takes about 0.1 s to boot and load the engine's
 * modules, and 0.1 s more to set up its vocabulary, while the calling thread counts alone. A
 * command that will count a big input with threads starts its workers here, before it has loaded
 * its own modules and the dictionary; {@link runWorkers} (pool.ts) then sends each its setup in a
 * message instead of starting a new one. A worker started here that no count takes is unreferenced,
 * so that it never keeps the process from exiting. This module loads nothing of the engine, so that
 * it can run first.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

/** Below this many bytes of input, counting stays in the calling thread by default. */
export const SMALL_CORPUS = 32 << 20;

/** The number of cores of this machine. */
export function cores(): number {
  return os.availableParallelism?.() ?? os.cpus().length;
}

/** Heap of a worker thread, in MB. */
export const WORKER_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 4 };

/** The compiled worker script (next to this module in dist/; from src/ under a test runner, the built one). */
export function workerScript(): string {
  const here = path.join(__dirname, 'worker.js');
  return fs.existsSync(here) ? here : path.join(__dirname, '..', '..', 'dist', 'frames', 'worker.js');
}

/** A worker started early, and what it has done so far. */
export interface EarlyWorker {
  worker: Worker;
  /** Whether its `online` event came (V8's flags were then set anew in the process: see util/jit.ts). */
  online: boolean;
  /** Whether it failed or exited before a count took it. */
  failed: boolean;
}

const early: EarlyWorker[] = [];

/**
 * Starts workers so that `n` wait for a count (fewer when some cannot be made: a count then makes
 * its own). They wait for the setup message of {@link runWorkers}.
 *
 * @example
 * prestartWorkers(1) // one worker boots while this thread loads the dictionary
 */
export function prestartWorkers(n: number): void {
  while (early.length < n) {
    let worker: Worker;
    try {
      worker = new Worker(workerScript(), { resourceLimits: WORKER_LIMITS });
    } catch {
      return;
    }
    const e: EarlyWorker = { worker, online: false, failed: false };
    worker.once('online', () => (e.online = true));
    worker.on('error', () => (e.failed = true));
    worker.once('exit', () => (e.failed = true));
    worker.unref();
    early.push(e);
  }
}

/**
 * Up to `n` of the workers started early and still alive, taken for a count (which listens to
 * them from now on and sends each its setup); the failed ones are stopped.
 *
 * @example
 * const ready = takePrestarted(jobs - 1) // [] when none were started
 */
export function takePrestarted(n: number): EarlyWorker[] {
  const taken: EarlyWorker[] = [];
  while (early.length > 0 && taken.length < n) {
    const e = early.shift()!;
    e.worker.removeAllListeners('error');
    e.worker.removeAllListeners('exit');
    e.worker.removeAllListeners('online');
    if (e.failed) {
      void e.worker.terminate();
      continue;
    }
    e.worker.ref();
    taken.push(e);
  }
  return taken;
}

/** Workers started early that no count has taken (for tests). */
export function prestartedWaiting(): number {
  return early.length;
}
