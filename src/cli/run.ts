import * as fs from 'node:fs';
import * as path from 'node:path';
import { FramelabError } from '../errors';
import { writeFileAtomic } from '../util/atomic';

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

/** Writes a command's output to stdout, or atomically to a file. */
export function emit(text: string, out: string | undefined): void {
  if (!out) {
    process.stdout.write(text);
    return;
  }
  writeFileAtomic(out, text);
}

/** Where a streaming command writes: stdout, or a file that appears only when the run completes. */
export interface Sink {
  write(chunk: string): void;
  /** Renames the finished temporary file into place. */
  commit(): void;
  /** Removes the temporary file (on error or interruption); the old file, if any, stays. */
  abort(): void;
}

/**
 * Opens the output of a streaming command. A file is written to a temporary name beside it and
 * renamed at the end, so an error or Ctrl-C never leaves a half-written file (and never touches an
 * existing one). Ctrl-C (SIGINT) and SIGTERM remove the temporary file and exit with 130 / 143.
 */
export function openSink(out: string | undefined): Sink {
  if (!out) {
    process.stdout.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(0); // the reader closed the pipe (e.g. `| head`)
      throw err;
    });
    return { write: (c) => void process.stdout.write(c), commit: () => undefined, abort: () => undefined };
  }
  const tmp = path.join(path.dirname(path.resolve(out)), `.${path.basename(out)}.framelab-tmp-${process.pid}`);
  const fd = fs.openSync(tmp, 'w');
  let open = true;
  const abort = () => {
    if (!open) return;
    open = false;
    fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    abort();
    process.stderr.write(`\nframelab: interrupted (${signal}); ${out} was not written\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    write: (c) => void fs.writeSync(fd, c),
    commit: () => {
      open = false;
      fs.closeSync(fd);
      fs.renameSync(tmp, out);
      process.removeListener('SIGINT', onSignal);
      process.removeListener('SIGTERM', onSignal);
    },
    abort,
  };
}

/**
 * A progress line on stderr for long runs — files, MiB and rate — redrawn at most five times a
 * second, only when stderr is a terminal (never in logs or pipes).
 */
export function progressBar(enabled: boolean): {
  update(p: { files: number; totalFiles: number; bytes: number; totalBytes: number; paragraphs: number; seconds: number }): void;
  done(): void;
} {
  const on = enabled && process.stderr.isTTY === true;
  let last = 0;
  let shown = false;
  return {
    update(p) {
      if (!on) return;
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      const mib = (b: number) => (b / 1048576).toFixed(1);
      const rate = p.seconds > 0 ? (p.bytes / 1048576 / p.seconds).toFixed(1) : '…';
      const pct = p.totalBytes > 0 ? Math.floor((100 * p.bytes) / p.totalBytes) : 0;
      const width = 20;
      const bar = '█'.repeat(Math.round((pct / 100) * width)).padEnd(width, '░');
      process.stderr.write(
        `\rframelab: ${bar} ${pct}% · ${p.files}/${p.totalFiles} files · ${mib(p.bytes)}/${mib(p.totalBytes)} MiB · ${rate} MiB/s · ${p.paragraphs.toLocaleString('en')} paragraphs\x1b[K`,
      );
      shown = true;
    },
    done() {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}
