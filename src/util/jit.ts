import * as v8 from 'node:v8';

/** V8's own interrupt budget (`--interrupt-budget`, in bytes of bytecode run) in Node 20's V8 (11.3). */
const DEFAULT_BUDGET = 67584;
/** The budget while threads count: eight times V8's. */
const THREADED_BUDGET = 8 * DEFAULT_BUDGET;
/**
 * Whether the budget is changed at all: only on the V8 it was measured on (another V8 tiers up
 * differently, and its own default is not known here to go back to), and not when the user gave
 * node a budget of their own.
 */
const APPLIES = process.versions.v8.startsWith('11.3.') && !givesOwnBudget([...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)]);
/** Counts under way that asked for it. */
let asked = 0;

/**
 * Lets V8 optimize functions later (a larger interrupt budget) while a count runs on several
 * threads, until {@link compileAsUsual}. Each thread's isolate compiles the hot functions again on
 * its own (about 160 optimizing compiles, ~0.9 CPU-seconds per thread on the 100 MiB bench), and
 * with every core counting that work takes a core's share from the count; with a budget eight times
 * V8's, fewer functions that are only warm get compiled, and fewer compiles are thrown away by a
 * rare path met for the first time. Measured on the bench's 100 MiB corpus (docs/performance.md):
 * 6–8 % less wall and CPU time with two threads; with one thread it cost 5 % of wall time (there
 * the compiler runs on the idle core), so it is for threaded counts only, and only on Node 20's V8,
 * where it was measured, unless node was given a budget of its own. The flag is V8's and
 * applies to the whole process at once; Node sets V8's flags anew when a worker thread starts, so
 * call {@link keepCompilingLater} once each worker is online. Calls nest.
 *
 * @example
 * compileLater(); // … a count with worker threads …
 * compileAsUsual();
 */
export function compileLater(): void {
  if (asked++ === 0 && APPLIES) v8.setFlagsFromString(`--interrupt-budget=${THREADED_BUDGET}`);
}

/**
 * Sets the budget of {@link compileLater} again while a count asks for it (a worker thread that
 * starts resets V8's flags).
 *
 * @example
 * worker.once('online', keepCompilingLater)
 */
export function keepCompilingLater(): void {
  if (asked > 0 && APPLIES) v8.setFlagsFromString(`--interrupt-budget=${THREADED_BUDGET}`);
}

/**
 * Ends what {@link compileLater} began, when no other count still asks for it: V8's own budget again.
 *
 * @example
 * compileAsUsual()
 */
export function compileAsUsual(): void {
  if (asked > 0 && --asked === 0 && APPLIES) v8.setFlagsFromString(`--interrupt-budget=${DEFAULT_BUDGET}`);
}

/**
 * Whether a count has asked V8 to compile later ({@link compileLater}) and not yet ended it: what
 * lets a test see that every count gave the budget back, even one that failed.
 *
 * @example
 * compilingLater() // false
 */
export function compilingLater(): boolean {
  return asked > 0;
}

/**
 * Whether node's arguments set V8's interrupt budget themselves, which {@link compileAsUsual} must
 * then not overwrite: V8 reads a flag's `-` and `_` alike, so `--interrupt_budget=…` is the same
 * flag as `--interrupt-budget=…`.
 *
 * @example
 * givesOwnBudget(['--interrupt_budget=1000']) // true
 * givesOwnBudget(['--max-old-space-size=4096']) // false
 */
export function givesOwnBudget(args: readonly string[]): boolean {
  return args.some((a) => /^--interrupt[-_]budget(=|$)/.test(a));
}
