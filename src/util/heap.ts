import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Counts under way that asked for a bounded young generation. */
let bounded = 0;
/** Whether the young generation reached its cap while bounded (growth stopped). */
let capped = false;
/**
 * The young generation may grow to this many bytes (V8's new space: its two semi-spaces); from
 * there on it stays. 4 MiB rather than 8: the same wall and CPU time on the 100 MiB bench (9 pairs,
 * 1.01 and 0.99), and 138–143 MiB at the peak of a two-thread count of 1 GiB instead of 152–153.
 */
const YOUNG_CAP = 4 << 20;

/**
 * Caps V8's young generation in this process until {@link releaseYoungGeneration}, so that a long
 * count's memory stays bounded whatever its input size: the young generation grows as V8 likes up
 * to {@link YOUNG_CAP}, and then stops growing (semi-space growth factor 1), which
 * {@link checkYoungGeneration} sees to between batches. V8 otherwise doubles the young generation of a busy thread
 * up to two semi-spaces of 16–32 MiB each, which it never gives back; a smaller one collects young
 * garbage more often, which costs little, since almost all of it dies young (but a young
 * generation kept at its starting size of 1 MiB cost a two-thread count 10 % more CPU). The flag
 * is V8's own and takes effect at once (the semi-space's maximum size cannot be changed after
 * start-up); a worker thread that starts sets V8's flags anew: call {@link keepYoungGenerationBound}
 * once it is online. Calls nest: the flag goes back to V8's default (2) when the last count
 * releases it.
 *
 * @example
 * boundYoungGeneration(); // … a long count, checkYoungGeneration() between batches …
 * releaseYoungGeneration();
 */
export function boundYoungGeneration(): void {
  if (bounded++ === 0) checkYoungGeneration();
}

/**
 * Stops the young generation's growth once it has reached its cap, while a count asks for it (see
 * {@link boundYoungGeneration}); cheap enough to call between batches.
 *
 * @example
 * checkYoungGeneration()
 */
export function checkYoungGeneration(): void {
  if (bounded === 0 || capped) return;
  const young = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
  if (young && young.space_size >= YOUNG_CAP) {
    capped = true;
    v8.setFlagsFromString('--semi-space-growth-factor=1');
  }
}

/**
 * Ends what {@link boundYoungGeneration} began (when no other count still needs it): the young
 * generation may grow again, as V8 lets it by default.
 *
 * @example
 * releaseYoungGeneration()
 */
export function releaseYoungGeneration(): void {
  if (bounded > 0 && --bounded === 0) {
    if (capped) v8.setFlagsFromString('--semi-space-growth-factor=2');
    capped = false;
  }
}

/**
 * Sets the flag of {@link boundYoungGeneration} again, if a count capped the young generation:
 * Node sets V8's flags anew when a worker thread starts, which lets the young generation grow again.
 *
 * @example
 * worker.once('online', keepYoungGenerationBound)
 */
export function keepYoungGenerationBound(): void {
  if (capped) v8.setFlagsFromString('--semi-space-growth-factor=1');
}

let collector: (() => void) | null | undefined;

/**
 * A full garbage collection now, in this thread. With a small young generation (see
 * {@link boundYoungGeneration}) more short-lived objects reach the old generation, which V8 lets
 * grow to a limit it raises with the heap; a long count calls this now and then (every 32 MiB of
 * input) so that its peak memory does not depend on the input's size. V8 gives the function only
 * behind a flag, which is set here at run time; where it cannot be had, nothing is done.
 *
 * @example
 * collectGarbage() // a full collection (or nothing)
 */
export function collectGarbage(): void {
  if (collector === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collector = vm.runInNewContext('gc') as () => void;
    } catch {
      collector = null;
    }
  }
  collector?.();
}
