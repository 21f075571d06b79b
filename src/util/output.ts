import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FramelabError } from '../errors';

/**
 * Where an output path really leads. `atomic`: a regular file (or a new one), written to a
 * temporary file beside `file` and renamed over it; `file` is the path with symbolic links
 * followed, so that an `--out` link stays a link and its target is replaced. `direct`: a device,
 * a FIFO, a socket or anything under /dev or /proc (`/dev/null`, `/dev/stdout`), which is opened
 * and written as it is: renaming a file over it would replace the device itself.
 */
export interface OutputTarget {
  mode: 'atomic' | 'direct';
  file: string;
}

/** Paths written directly: renaming over a device or a /proc entry is never what was meant. */
const SPECIAL_ROOTS = ['/dev', '/proc', '/sys'];

function under(file: string, roots: readonly string[]): boolean {
  return roots.some((r) => file === r || file.startsWith(r + '/'));
}

/**
 * Decides how to write `out` (see {@link OutputTarget}). A folder is an error; so is a symbolic
 * link that leads nowhere (its target's folder is missing).
 *
 * @example
 * outputTarget('/dev/null') // { mode: 'direct', file: '/dev/null' }
 */
export function outputTarget(out: string): OutputTarget {
  const abs = path.resolve(out);
  if (process.platform !== 'win32' && under(abs, SPECIAL_ROOTS)) return { mode: 'direct', file: abs };
  let real = abs;
  try {
    real = fs.realpathSync(abs);
  } catch {
    // a new file, or a link whose target does not exist yet: follow the link by hand
    let link = abs;
    for (let hops = 0; hops < 40; hops++) {
      let st: fs.Stats;
      try {
        st = fs.lstatSync(link);
      } catch {
        break;
      }
      if (!st.isSymbolicLink()) break;
      link = path.resolve(path.dirname(link), fs.readlinkSync(link));
    }
    try {
      real = path.join(fs.realpathSync(path.dirname(link)), path.basename(link));
    } catch {
      real = link;
    }
  }
  if (process.platform !== 'win32' && under(real, SPECIAL_ROOTS)) return { mode: 'direct', file: real };
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(real);
  } catch {
    st = undefined;
  }
  if (st?.isDirectory()) throw new FramelabError(`--out ${out} is a folder; give a file name`);
  if (st && !st.isFile()) return { mode: 'direct', file: real };
  return { mode: 'atomic', file: real };
}

/** The marker in the names of temporary output files: `.<name>.framelab-tmp-<pid>…`. */
const TMP_MARK = '.framelab-tmp-';

/**
 * The temporary file an atomic write of `file` goes to: beside it, hidden, named after the
 * process, so that a later run can tell a stale one (its process is gone) and remove it.
 *
 * @example
 * tempPathFor('/data/out.csv', '').startsWith('/data/.out.csv.framelab-tmp-') // true
 */
export function tempPathFor(file: string, suffix = ''): string {
  return path.join(path.dirname(file), `.${path.basename(file)}${TMP_MARK}${process.pid}${suffix}`);
}

function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes temporary files of `file` left by runs that were killed (SIGKILL, a power cut): those
 * named `.<name>.framelab-tmp-<pid>…` whose process no longer exists. Returns the names removed.
 *
 * @example
 * removeStaleTemps('/data/out.csv') // ['.out.csv.framelab-tmp-4242'] when process 4242 is gone
 */
export function removeStaleTemps(file: string): string[] {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}${TMP_MARK}`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(/^\d+/.exec(name.slice(prefix.length))?.[0]);
    if (!Number.isSafeInteger(pid) || pid <= 0 || alive(pid)) continue;
    try {
      if (fs.lstatSync(path.join(dir, name)).isFile()) {
        fs.rmSync(path.join(dir, name), { force: true });
        removed.push(name);
      }
    } catch {
      // gone already
    }
  }
  return removed;
}

/** Temporary files to remove if the process is stopped by a signal. */
const pending = new Set<string>();
/** What to say when a signal stops a write, by temporary file. */
const stopNotes = new Map<string, string>();
const SIGNALS: Record<string, number> = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1, SIGQUIT: 3 };
let installed = false;

function onSignal(signal: NodeJS.Signals): void {
  for (const tmp of pending) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // nothing more can be done
    }
    const note = stopNotes.get(tmp);
    try {
      if (note) process.stderr.write(`\nframelab: interrupted (${signal}); ${note} was not written\n`);
    } catch {
      // stderr closed (a hung-up terminal)
    }
  }
  pending.clear();
  process.exit(128 + (SIGNALS[signal] ?? 15));
}

/**
 * Registers a temporary file to be removed if Ctrl-C (SIGINT), SIGTERM, SIGHUP (a closed
 * terminal) or SIGQUIT stops the run; the process then exits with 128 + the signal's number.
 * Returns the function that forgets it again (after the rename or the removal).
 *
 * @example
 * const forget = removeOnSignal('/data/.out.csv.framelab-tmp-42', 'out.csv'); // …write…; forget();
 */
export function removeOnSignal(tmp: string, shownAs?: string): () => void {
  pending.add(tmp);
  if (shownAs !== undefined) stopNotes.set(tmp, shownAs);
  if (!installed) {
    installed = true;
    for (const s of Object.keys(SIGNALS)) process.on(s as NodeJS.Signals, onSignal);
  }
  return () => {
    pending.delete(tmp);
    stopNotes.delete(tmp);
    if (pending.size === 0 && installed) {
      installed = false;
      for (const s of Object.keys(SIGNALS)) process.removeListener(s as NodeJS.Signals, onSignal);
    }
  };
}

/** A temporary file outside the output's folder (for a direct target such as a FIFO). */
export function scratchPath(suffix = ''): string {
  return path.join(os.tmpdir(), `framelab-tmp-${process.pid}-${Date.now()}${suffix}`);
}

/**
 * Creates a folder and its missing parents, one level at a time. Node's own recursive mkdir
 * loops forever under /proc (each level answers "no such file" again); this stops with the
 * operating system's error instead.
 *
 * @example
 * makeDir('out/charts') // creates out/ and out/charts/ when missing
 */
export function makeDir(dir: string): void {
  const abs = path.resolve(dir);
  const missing: string[] = [];
  let at = abs;
  for (;;) {
    try {
      if (fs.statSync(at).isDirectory()) break;
      const err = new Error(`${at} is not a folder`) as NodeJS.ErrnoException;
      err.code = 'ENOTDIR';
      err.path = at;
      throw err;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    missing.push(at);
    const parent = path.dirname(at);
    if (parent === at) break;
    at = parent;
  }
  for (const d of missing.reverse()) {
    try {
      fs.mkdirSync(d);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes all of `data` to a file descriptor, synchronously. A pipe in non-blocking mode (Node's
 * stdout to `| wc`) takes only part of a large write, or none (EAGAIN): the rest is written after
 * a short wait, instead of being silently dropped (a 6 MB table reached a pipe as 128 KiB).
 *
 * @example
 * writeAllSync(1, 'doc,tokens\r\n')
 */
export function writeAllSync(fd: number, data: string | Uint8Array): void {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let offset = 0;
  while (offset < buf.length) {
    try {
      offset += fs.writeSync(fd, buf, offset, buf.length - offset);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
      Atomics.wait(pause, 0, 0, 5); // the reader is behind: wait for it
    }
  }
}
