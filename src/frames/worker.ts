/**
 * Worker thread of the streaming counter: receives batches of corpus items, returns their
 * formatted rows (see BatchProcessor). Loaded by `countFilesStreaming` with `jobs > 1`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BatchProcessor, type BatchItem, type BatchOptions } from './batch';
import type { Dictionary } from './dictionary';

const { dictionary, options } = workerData as { dictionary: Dictionary; options: BatchOptions };
const processor = new BatchProcessor(dictionary, options);

parentPort!.on('message', (msg: { seq: number; items: BatchItem[] }) => {
  try {
    parentPort!.postMessage({ seq: msg.seq, result: processor.process(msg.items) });
  } catch (err) {
    parentPort!.postMessage({ seq: msg.seq, result: { out: '', rows: 0, ids: [], dropped: 0, repeats: 0, skipped: [], error: { message: (err as Error).message } } });
  }
});
