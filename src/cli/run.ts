import { FramelabError } from '../errors';

/** Raised by commands for a bad option value; printed like other input errors. */
export class UsageError extends FramelabError {}

/**
 * Prints an error as one line on stderr (`framelab: error: …`) and sets a non-zero exit code.
 * Input errors (exit 1) print their message only; anything else is a bug (exit 70) and prints
 * its stack only when FRAMELAB_DEBUG is set.
 */
export function reportError(err: unknown): void {
  if (err instanceof FramelabError) {
    process.stderr.write(`framelab: error: ${err.message}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
    return;
  }
  const e = err as Error;
  const io = (e as NodeJS.ErrnoException).code;
  if (io && (e as NodeJS.ErrnoException).path) {
    process.stderr.write(`framelab: error: ${(e as NodeJS.ErrnoException).path}: ${io} (${e.message})\n`);
    process.exitCode = 1;
    return;
  }
  process.stderr.write(`framelab: internal error: ${e?.message ?? String(err)}\n`);
  if (process.env.FRAMELAB_DEBUG) process.stderr.write(`${e?.stack}\n`);
  else process.stderr.write('framelab: set FRAMELAB_DEBUG=1 to see where; please report it\n');
  process.exitCode = 70;
}

/** Checks an option against its allowed values. */
export function choice<T extends string>(option: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${option} must be one of ${allowed.join(', ')}, not "${value}"`);
  }
  return value as T;
}

/** Writes a command's output to stdout, or atomically to a file. */
export function emit(text: string, out: string | undefined): void {
  if (!out) {
    process.stdout.write(text);
    return;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { writeFileAtomic } = require('../util/atomic') as typeof import('../util/atomic');
  writeFileAtomic(out, text);
}
