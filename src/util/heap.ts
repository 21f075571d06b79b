import * as v8 from 'node:v8';
import * as vm from 'node:vm';

/** Counts under way that asked for a bounded young generation. */
let bounded = 0;

/**
 * Stops V8's young generation from growing any further in this process (semi-space growth factor
 * 1) until {@link releaseYoungGeneration}, so that a long count's memory stays bounded whatever its
 * input size. V8 otherwise doubles the young generation of a busy thread up to two semi-spaces of
 * 16–32 MiB each, which it never gives back; at its starting size (1–2 MiB) a count collects young
 * garbage more often, which costs little, since almost all of it dies young. The flag is V8's own
 * and takes effect at once (the semi-space's maximum size cannot be changed after start-up); a
 * worker thread that starts sets V8's flags anew: call {@link keepYoungGenerationBound} once it is
 * online. Calls nest: the flag goes back to V8's default (2) when the last count releases it.
 *
 * @example
 * boundYoungGeneration(); // … a long count …
 * releaseYoungGeneration();
 */
export function boundYoungGeneration(): void {
  if (bounded++ === 0) v8.setFlagsFromString('--semi-space-growth-factor=1');
}

/**
 * Ends what {@link boundYoungGeneration} began (when no other count still needs it): the young
 * generation may grow again, as V8 lets it by default.
 *
 * @example
 * releaseYoungGeneration()
 */
export function releaseYoungGeneration(): void {
  if (bounded > 0 && --bounded === 0) v8.setFlagsFromString('--semi-space-growth-factor=2');
}

/**
 * Sets the flag of {@link boundYoungGeneration} again, if a count asked for it: Node sets V8's
 * flags anew when a worker thread starts, which lets the young generation grow again.
 *
 * @example
 * worker.once('online', keepYoungGenerationBound)
 */
export function keepYoungGenerationBound(): void {
  if (bounded > 0) v8.setFlagsFromString('--semi-space-growth-factor=1');
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
