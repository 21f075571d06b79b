import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from '../util/atomic';
import { Lemmatizer, type Analysis } from './lemmatizer';

/**
 * Bumped whenever `analyze` changes what it returns for a form, so that lemmas cached by an
 * earlier framelab are not used.
 */
export const LEMMA_RULES_VERSION = 1;

let key: string | undefined;

/** What the cached lemmas depend on: the az package (version and dictionary metadata) and framelab's lemma rules. */
function cacheKey(): string {
  if (key === undefined) {
    const azDir = path.join(path.dirname(require.resolve('az')), '..');
    const pkg = fs.readFileSync(path.join(azDir, 'package.json'));
    const meta = fs.readFileSync(path.join(azDir, 'dicts', 'meta.json'));
    key = createHash('sha256').update(pkg).update(meta).update(String(LEMMA_RULES_VERSION)).digest('hex').slice(0, 16);
  }
  return key;
}

/**
 * The file that keeps lemmas between runs, or null when the cache is off (`FRAMELAB_LEMMA_CACHE=off`).
 * It lives in `$FRAMELAB_CACHE_DIR`, else `$XDG_CACHE_HOME/framelab`, else `~/.cache/framelab`,
 * and its name carries a hash of the az package and of framelab's lemma rules, so that a cache
 * written by another version is never read. Deleting it is always safe.
 *
 * @example
 * lemmaCacheFile() // '/home/me/.cache/framelab/lemmas-3f2a….tsv'
 */
export function lemmaCacheFile(): string | null {
  if ((process.env.FRAMELAB_LEMMA_CACHE ?? '').toLowerCase() === 'off') return null;
  const dir = process.env.FRAMELAB_CACHE_DIR || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'framelab');
  return path.join(dir, `lemmas-${cacheKey()}.tsv`);
}

/** Lemmas kept by earlier runs: `form<TAB>lemma<TAB>part of speech` lines. Unreadable or odd lines are ignored. */
export function loadLemmaCache(file: string | null = lemmaCacheFile()): Array<[string, Analysis]> {
  if (!file) return [];
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: Array<[string, Analysis]> = [];
  for (const line of text.split('\n')) {
    const f = line.split('\t');
    if (f.length !== 3 || !f[0] || !f[1]) continue;
    out.push([f[0], { lemma: f[1], pos: f[2] === '' ? null : f[2] }]);
  }
  return out;
}

/**
 * Adds lemmas to the cache file (merged with what it holds, written atomically). A cache that
 * cannot be written (a read-only home) is left alone: it only saves time.
 */
export function saveLemmaCache(entries: Iterable<[string, Analysis]>, file: string | null = lemmaCacheFile()): void {
  if (!file) return;
  const merged = new Map(loadLemmaCache(file));
  const before = merged.size;
  for (const [form, a] of entries) if (!form.includes('\t') && !form.includes('\n')) merged.set(form, a);
  if (merged.size === before) return;
  const lines: string[] = [];
  for (const [form, a] of merged) lines.push(`${form}\t${a.lemma}\t${a.pos ?? ''}`);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    writeFileAtomic(file, lines.join('\n') + '\n');
  } catch {
    // the cache is an optimization; a failure to write it changes no result
  }
}

let shared: Lemmatizer | undefined;

/** The lemmatizer of in-memory analyses: one per process, starting from the lemma cache of earlier runs. */
export function sharedLemmatizer(): Lemmatizer {
  return (shared ??= new Lemmatizer(loadLemmaCache()));
}
