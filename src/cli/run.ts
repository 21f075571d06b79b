import * as fs from 'node:fs';
import { FramelabError } from '../errors';
import { writeFileAtomic } from '../util/atomic';
import { outputTarget, removeOnSignal, removeStaleTemps, tempPathFor, writeAllSync, type OutputTarget } from '../util/output';
import { printable } from '../util/printable';

export { printable };

/** Raised by commands for a bad option value; printed like other input errors. */
export class UsageError extends FramelabError {}

/** Whether part of the output has gone to stdout (so that an error can say the output is incomplete). */
const stdoutState = { wrote: false };

const IO_WORDS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EISDIR: 'it is a folder',
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is not a folder',
  EDQUOT: 'disk quota exceeded',
  EIO: 'input/output error',
  EMFILE: 'too many open files',
  EXDEV: 'cannot move across file systems',
  EBUSY: 'the file is busy',
};

/** An operating-system error as a short phrase: `no space left on the device (ENOSPC)`. */
export function ioPhrase(err: NodeJS.ErrnoException): string {
  const code = err.code ?? '';
  return IO_WORDS[code] ? `${IO_WORDS[code]} (${code})` : err.message;
}

/**
 * Prints an error as one line on stderr (`framelab: error: …`) and sets a non-zero exit code:
 * 2 for a bad option, 1 for bad input or a file that cannot be read or written, 70 for a bug
 * (whose stack is printed only when FRAMELAB_DEBUG is set). When part of a table had already
 * gone to stdout, a last line says that output is incomplete.
 */
export function reportError(err: unknown): void {
  const incomplete = () => {
    if (stdoutState.wrote) process.stderr.write('framelab: the output written to stdout before this error is incomplete\n');
  };
  if (err instanceof FramelabError) {
    process.stderr.write(`framelab: error: ${printable(err.message)}\n`);
    process.exitCode = err instanceof UsageError ? 2 : 1;
    incomplete();
    return;
  }
  const e = err as NodeJS.ErrnoException;
  if (e && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) {
    process.stderr.write(`framelab: error: ${e.path ? `${printable(e.path)}: ` : ''}${ioPhrase(e)}\n`);
    process.exitCode = 1;
    incomplete();
    return;
  }
  process.stderr.write(`framelab: internal error: ${printable(e?.message ?? String(err))}\n`);
  if (process.env.FRAMELAB_DEBUG) process.stderr.write(`${e?.stack}\n`);
  else process.stderr.write('framelab: set FRAMELAB_DEBUG=1 to see where; please report it\n');
  process.exitCode = 70;
  incomplete();
}

/** Writes to stdout synchronously, so that a write error (a full disk, a closed pipe) is raised here. */
function writeStdout(text: string | Uint8Array): void {
  if (text.length === 0) return;
  try {
    writeAllSync(1, text);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EPIPE') process.exit(0); // the reader closed the pipe (e.g. `| head`): nothing more to do
    throw new FramelabError(`cannot write the output to stdout: ${ioPhrase(e)}`);
  }
  stdoutState.wrote = true;
}

/** How `--out` is written (see outputTarget); a folder is a usage error. */
function targetOf(out: string): OutputTarget {
  try {
    return outputTarget(out);
  } catch (err) {
    if (err instanceof FramelabError) throw new UsageError(err.message);
    throw err;
  }
}

/** Writes a command's output to stdout, or atomically to a file. */
export function emit(text: string, out: string | undefined): void {
  if (!out) {
    writeStdout(text);
    return;
  }
  const target = targetOf(out);
  if (target.mode === 'direct') {
    fs.writeFileSync(target.file, text);
    return;
  }
  try {
    writeFileAtomic(out, text);
  } catch (err) {
    throw new FramelabError(`cannot write: ${ioPhrase(err as NodeJS.ErrnoException)}; nothing was written`, { file: out });
  }
}

/** Where a streaming command writes: stdout, or a file that appears only when the run completes. */
export interface Sink {
  /** Writes text, or UTF-8 bytes (written before it returns: the caller may reuse them). */
  write(chunk: string | Uint8Array): void;
  /** Renames the finished temporary file into place. */
  commit(): void;
  /** Removes the temporary file (on error or interruption); the old file, if any, stays. */
  abort(): void;
}

/**
 * Opens the output of a streaming command. A file is written to a temporary name beside it and
 * renamed at the end, so an error or Ctrl-C never leaves a half-written file (and never touches an
 * existing one); if the rename fails, the temporary file is removed and the error says so.
 * Ctrl-C (SIGINT), SIGTERM, SIGHUP and SIGQUIT remove the temporary file and exit with 128 + the
 * signal number (130, 143, 129, 131). A device or FIFO (`/dev/null`, `/dev/stdout`) is written
 * directly; an `--out` symbolic link stays a link (its target is replaced); temporary files of
 * killed earlier runs are removed.
 */
export function openSink(out: string | undefined): Sink {
  if (!out) return { write: writeStdout, commit: () => undefined, abort: () => undefined };
  const target = targetOf(out);
  if (target.mode === 'direct') {
    const fd = fs.openSync(target.file, 'w');
    return { write: (c) => writeAllSync(fd, c), commit: () => fs.closeSync(fd), abort: () => fs.closeSync(fd) };
  }
  removeStaleTemps(target.file);
  const tmp = tempPathFor(target.file);
  // Ctrl-C, SIGTERM, SIGHUP (a closed terminal) and SIGQUIT remove the temporary file: the handlers
  // are in place before the file exists, so that no signal finds it without them
  const done = removeOnSignal(tmp, out);
  let fd: number;
  try {
    fd = fs.openSync(tmp, 'w');
  } catch (err) {
    done();
    throw new FramelabError(`cannot write here: ${ioPhrase(err as NodeJS.ErrnoException)}`, { file: out });
  }
  let open = true;
  const abort = () => {
    if (!open) return;
    open = false;
    try {
      fs.closeSync(fd);
    } catch {
      // already closed
    }
    fs.rmSync(tmp, { force: true });
  };
  return {
    write: (c) => {
      try {
        writeAllSync(fd, c);
      } catch (err) {
        abort();
        done();
        throw new FramelabError(`cannot write: ${ioPhrase(err as NodeJS.ErrnoException)}; nothing was written`, { file: out });
      }
    },
    commit: () => {
      open = false;
      fs.closeSync(fd);
      try {
        fs.renameSync(tmp, target.file);
      } catch (err) {
        fs.rmSync(tmp, { force: true });
        throw new FramelabError(`cannot write: ${ioPhrase(err as NodeJS.ErrnoException)}; nothing was written`, { file: out });
      } finally {
        done();
      }
    },
    abort: () => {
      abort();
      done();
    },
  };
}

/**
 * Streams a command's output into `--out` (or stdout) through {@link openSink}: the file appears
 * only when `produce` finishes, and `finish` (the progress line's end) runs either way.
 */
export async function streamTo<T>(out: string | undefined, produce: (write: (chunk: string | Uint8Array) => void) => Promise<T>, finish: () => void = () => undefined): Promise<T> {
  const sink = openSink(out);
  try {
    const result = await produce(sink.write);
    finish();
    sink.commit();
    return result;
  } catch (err) {
    finish();
    sink.abort();
    throw err;
  }
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
