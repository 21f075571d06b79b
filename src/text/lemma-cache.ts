import * as fs from 'node:fs';
import * as path from 'node:path';
import { cachePath, codeHash, readCache, writeCache } from '../util/cache';
import { limit, LIMITS } from '../util/limits';
import { Lemmatizer, type Analysis } from './lemmatizer';
import { grown } from '../util/arrays';

/** The cache file's name: it carries a hash of the az package (version, dictionary metadata) and of framelab's lemma code. */
export function lemmaCacheName(): string {
  const azDir = path.join(path.dirname(require.resolve('az')), '..');
  // words longer than FRAMELAB_MAX_WORD_LETTERS are their own lemma: another limit, other lemmas
  const letters = limit('lemmaLetters');
  const suffix = letters === LIMITS.lemmaLetters.value ? '' : `-letters${letters}`;
  return `lemmas-${codeHash(path.join(azDir, 'package.json'), path.join(azDir, 'dicts', 'meta.json'), path.join(__dirname, 'lemmatizer.js'), __filename)}${suffix}.tsv`;
}

/**
 * The file that keeps lemmas between runs (see `cacheDir`), or null when caching is off. Its name
 * changes with the az package, framelab's lemma code and FRAMELAB_MAX_WORD_LETTERS, so a cache written by other code is
 * never read.
 *
 * @example
 * lemmaCacheFile() // e.g. '/home/me/.cache/framelab/lemmas-3f2a….tsv'
 */
export function lemmaCacheFile(): string | null {
  return cachePath(lemmaCacheName());
}

const decoder = new TextDecoder('utf-8');
const encoder = new TextEncoder();

/**
 * Lemmas kept by earlier runs, looked up in the cache file's sorted `form<TAB>lemma<TAB>pos`
 * lines by binary search, so that opening it costs one read whatever its size.
 */
export class LemmaFile {
  private lines: Int32Array | undefined;
  private count = 0;
  /**
   * The lines whose forms start with the same first four bytes lie together (the file is
   * sorted): per such start, the first of them and one past the last, as `first * 2^21 + end`,
   * so that a lookup searches a few dozen lines rather than all of them.
   */
  private readonly ranges = new Map<number, number>();

  constructor(readonly bytes: Uint8Array) {}

  /** Reads the cache file of this process's az and framelab (an empty store when there is none), into shared memory, which worker threads read without a copy. */
  static open(): LemmaFile {
    return new LemmaFile(readCache(lemmaCacheName(), { shared: true }) ?? new Uint8Array(0));
  }

  private index(): Int32Array {
    if (!this.lines) {
      const b = Buffer.from(this.bytes.buffer, this.bytes.byteOffset, this.bytes.byteLength);
      let starts = new Int32Array(1024);
      let n = 0;
      for (let at = 0; at < b.length; ) {
        if (n === starts.length) starts = grown(starts);
        const nl = b.indexOf(0x0a, at);
        if (nl !== at) {
          // an empty line is no entry
          const key = startKey(b, at, nl < 0 ? b.length : nl, 0x09);
          const range = this.ranges.get(key);
          this.ranges.set(key, range === undefined ? n * RANGE + n + 1 : range + 1);
          starts[n++] = at;
        }
        at = nl < 0 ? b.length : nl + 1;
      }
      this.lines = starts;
      this.count = n;
    }
    return this.lines;
  }

  private line(k: number): string[] {
    const starts = this.index();
    const b = this.bytes;
    let end = starts[k];
    while (end < b.length && b[end] !== 0x0a) end++;
    return decoder.decode(b.subarray(starts[k], end)).split('\t');
  }

  /** The cached analysis of a folded form, if any (binary search comparing UTF-8 bytes). */
  lookup(form: string): Analysis | undefined {
    const starts = this.index();
    // the form's UTF-8 bytes, in a buffer kept between lookups (a form has at most 3 bytes per UTF-16 unit)
    if (keyScratch.length < 3 * form.length) keyScratch = new Uint8Array(6 * form.length);
    const key = keyScratch.subarray(0, encoder.encodeInto(form, keyScratch).written);
    const b = this.bytes;
    let lo = 0;
    let hi = this.count;
    if (hi < RANGE) {
      const range = this.ranges.get(startKey(key, 0, key.length, -1));
      if (range === undefined) return undefined;
      lo = Math.floor(range / RANGE);
      hi = range % RANGE;
    }
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const at = starts[mid];
      // compare the key with the line's form (the bytes before its first tab)
      let k = 0;
      let cmp = 0;
      for (;;) {
        const c = at + k < b.length ? b[at + k] : 0x0a;
        const end = c === 0x09 || c === 0x0a;
        if (k === key.length) {
          cmp = end ? 0 : -1;
          break;
        }
        if (end) {
          cmp = 1;
          break;
        }
        if (key[k] !== c) {
          cmp = key[k] < c ? -1 : 1;
          break;
        }
        k++;
      }
      if (cmp === 0) {
        return analysisOf(this.line(mid));
      }
      if (cmp > 0) lo = mid + 1;
      else hi = mid;
    }
    return undefined;
  }

  /** Every entry (for merging). */
  *entries(): Generator<[string, Analysis]> {
    this.index();
    for (let k = 0; k < this.count; k++) {
      const f = this.line(k);
      const a = f[0] ? analysisOf(f) : undefined;
      if (a) yield [f[0], a];
    }
  }
}

let keyScratch = new Uint8Array(256);

/** Lines a cache file may hold for {@link LemmaFile}'s ranges: 2^21, about 2 million. */
const RANGE = 1 << 21;

/**
 * The first four bytes of `b[at, end)` up to `stop` (a form's, in a cache line or a lookup key),
 * as a number, with its length when shorter: the same number for the same start.
 */
function startKey(b: Uint8Array, at: number, end: number, stop: number): number {
  let key = 0;
  let k = 0;
  for (; k < 4 && at + k < end && b[at + k] !== stop; k++) key = key * 256 + b[at + k];
  return key * 8 + k;
}

/** A cache line's analysis: `form<TAB>lemma<TAB>pos`, then `<TAB>?` when the lemma is guessed. */
function analysisOf(f: string[]): Analysis | undefined {
  if ((f.length !== 3 && f.length !== 4) || !f[1]) return undefined;
  const a: Analysis = { lemma: f[1], pos: f[2] === '' ? null : f[2] };
  if (f[3] === '?') a.guessed = true;
  return a;
}

/**
 * Adds lemmas to the cache file: merged with what it holds, sorted (for lookups by binary search)
 * and written atomically.
 */
export function saveLemmaCache(added: Iterable<[string, Analysis]>): void {
  const merged = new Map(LemmaFile.open().entries());
  const before = merged.size;
  for (const [form, a] of added) if (form && a.lemma && !/[\t\n\r]/.test(form) && !/[\t\n\r]/.test(a.lemma)) merged.set(form, a);
  if (merged.size === before) return;
  // sorted by UTF-8 bytes, the order lookups compare in
  const forms = [...merged.keys()].map((f) => Buffer.from(f, 'utf8')).sort(Buffer.compare).map((b) => b.toString('utf8'));
  writeCache(lemmaCacheName(), forms.map((f) => lineOf(f, merged.get(f)!)).join(''));
}

function lineOf(form: string, a: Analysis): string {
  return `${form}\t${a.lemma}\t${a.pos ?? ''}${a.guessed ? '\t?' : ''}\n`;
}

const saved = new WeakMap<Lemmatizer, number>();

/** Saves the lemmas a lemmatizer has added since it was last saved. */
export function saveNewLemmas(lemmatizer: Lemmatizer): void {
  if (lemmatizer.added.size > (saved.get(lemmatizer) ?? 0)) {
    saveLemmaCache(lemmatizer.added);
    saved.set(lemmatizer, lemmatizer.added.size);
  }
}

let shared: Lemmatizer | undefined;

/** The lemmatizer of this process: it starts from the lemma cache of earlier runs (opened when first asked for). */
export function sharedLemmatizer(): Lemmatizer {
  return (shared ??= new Lemmatizer(LemmaFile.open()));
}

/** Whether a lemma cache file exists (for tests and notes). */
export function hasLemmaCache(): boolean {
  const f = lemmaCacheFile();
  return f !== null && fs.existsSync(f);
}
