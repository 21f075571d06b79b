import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from './atomic';
import { makeDir } from './output';

/**
 * The folder where framelab keeps what it can work out again (lemmas, parsed dictionaries), or
 * null when caching is off (`FRAMELAB_CACHE=off`): `$FRAMELAB_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/framelab`, else `~/.cache/framelab`. Deleting it is always safe; results never
 * depend on it, only the time they take.
 *
 * @example
 * cacheDir() // '/home/me/.cache/framelab'
 */
export function cacheDir(): string | null {
  if ((process.env.FRAMELAB_CACHE ?? '').toLowerCase() === 'off') return null;
  return process.env.FRAMELAB_CACHE_DIR || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'framelab');
}

const codeHashes = new Map<string, string>();

/**
 * A short hash of the code that produces a cached thing (the given files, read once per process),
 * so that a cache entry written by other code is never read.
 */
export function codeHash(...files: string[]): string {
  const key = files.join('\n');
  let h = codeHashes.get(key);
  if (h === undefined) {
    const hash = createHash('sha256');
    for (const f of files) {
      try {
        hash.update(fs.readFileSync(f));
      } catch {
        hash.update(`missing:${f}`);
      }
    }
    h = hash.digest('hex').slice(0, 16);
    codeHashes.set(key, h);
  }
  return h;
}

/** A cache file's path, or null when caching is off. */
export function cachePath(name: string): string | null {
  const dir = cacheDir();
  return dir ? path.join(dir, name) : null;
}

/** The bytes of a cache file, or null (no cache, or unreadable). */
export function readCache(name: string): Buffer | null;
/** With `shared`: the bytes in a SharedArrayBuffer, which worker threads can read without a copy. */
export function readCache(name: string, options: { shared: true }): Uint8Array | null;
export function readCache(name: string, options: { shared?: boolean } = {}): Uint8Array | null {
  const file = cachePath(name);
  if (!file) return null;
  try {
    if (!options.shared) return fs.readFileSync(file);
    const fd = fs.openSync(file, 'r');
    try {
      const size = fs.fstatSync(fd).size;
      const bytes = new Uint8Array(new SharedArrayBuffer(size));
      let at = 0;
      while (at < size) {
        const n = fs.readSync(fd, bytes, at, size - at, at);
        if (n === 0) return null;
        at += n;
      }
      return bytes;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return null;
  }
}

/** Writes a cache file atomically; a cache that cannot be written (a read-only home) is left alone. */
export function writeCache(name: string, data: string | Uint8Array): void {
  const file = cachePath(name);
  if (!file) return;
  try {
    makeDir(path.dirname(file));
    writeFileAtomic(file, data);
  } catch {
    // the cache only saves time
  }
}
