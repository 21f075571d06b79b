/**
 * Worker thread of the counting engine: receives packed batches of corpus items, scans and counts
 * them with a {@link BatchCounter}, and returns counted rows (never formatted text). Lemmas it
 * does not have are asked of the main thread, which owns the one lemmatizer of the run; a batch
 * waiting for them is parked while the next ones are scanned. Its setup comes as `workerData`, or,
 * for a worker started early (prestart.ts), in the first message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Analysis } from '../text/lemmatizer';
import type { LemmaLookup } from '../text/forms';
import { LemmaFile } from '../text/lemma-cache';
import { collectGarbage } from '../util/heap';
import { BatchCounter } from './engine';
import { decodeVocabulary, newVocabulary, restoreVocabulary } from './vocabularies';
import { unpack, type FromWorker, type ToWorker, type WorkerSetup } from './pool';

/** Lemmas sent by the main thread; unknown forms are undefined until they arrive. */
class RemoteLemmas implements LemmaLookup {
  readonly known = new Map<string, Analysis>();
  private readonly file: LemmaFile | undefined;
  constructor(cache: Uint8Array | null) {
    this.file = cache ? new LemmaFile(cache) : undefined;
  }
  lookup(norm: string): Analysis | undefined {
    let a = this.known.get(norm);
    if (a === undefined && this.file) {
      a = this.file.lookup(norm);
      if (a !== undefined) this.known.set(norm, a);
    }
    return a;
  }
}

const port = parentPort!;
const send = (m: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

/** Sets up the counter of this worker and answers the main thread's messages from then on. */
function start(setup: WorkerSetup): void {
  const lemmas = new RemoteLemmas(setup.lemmaCache);
  const vocabulary = newVocabulary(setup.dictionary, lemmas, setup.options.fullLemmas);
  // the vocabulary the main thread started from: its forms are not folded, lemmatized nor classified again here
  const saved = setup.vocabulary ? decodeVocabulary(setup.vocabulary, true) : null;
  const restored = saved !== null && restoreVocabulary(vocabulary, saved);
  if (restored) for (const [form, a] of saved.analyses) lemmas.known.set(form, a);
  const startForms = vocabulary.forms.size;
  const counter = new BatchCounter(setup.files, setup.dictionary, setup.options, lemmas, vocabulary);
  const parked: Array<{ seq: number; batch: ReturnType<BatchCounter['scan']> }> = [];
  const asked = new Set<string>();
  let counted = 0;
  let nextCollect = 0;

  const finishReady = (): void => {
    while (parked.length > 0 && counter.ready(parked[0].batch)) {
      const { seq, batch } = parked.shift()!;
      const result = counter.finish(batch);
      send({ type: 'result', seq, result }, [result.counted.data.buffer as ArrayBuffer]);
    }
  };

  port.on('message', (msg: ToWorker) => {
    try {
      if (msg.type === 'setup') return;
      if (msg.type === 'vocabulary') {
        send({ type: 'vocabulary', raw: counter.forms.size > startForms ? counter.rawForms() : null });
        return;
      }
      if (msg.type === 'lemmas') {
        for (const [form, a] of msg.entries) lemmas.known.set(form, a);
        finishReady();
        return;
      }
      // as the calling thread does in a big count: old garbage collected in full every 32 MiB (see collectGarbage)
      for (const it of msg.batch.items) counted += it.len;
      if (setup.collectEvery > 0 && counted >= nextCollect) {
        nextCollect = counted + setup.collectEvery;
        collectGarbage();
      }
      const batch = counter.scan(unpack(msg.batch));
      parked.push({ seq: msg.seq, batch });
      const need = counter.formsWaiting(batch).filter((f) => !asked.has(f));
      for (const f of need) asked.add(f);
      if (need.length) send({ type: 'need', forms: need });
      finishReady();
    } catch (err) {
      if (msg.type === 'batch') send({ type: 'failed', seq: msg.seq, message: (err as Error).message });
    }
  });
}

if (workerData) start(workerData as WorkerSetup);
else port.once('message', (msg: ToWorker) => {
  if (msg.type !== 'setup') throw new Error(`a worker started early got "${msg.type}" before its setup`);
  start(msg.setup);
});
