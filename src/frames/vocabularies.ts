/**
 * The vocabularies of the counting engine: per thread and dictionary, the forms met so far, the
 * byte scanner that writes their ids and the matcher that classifies each once. Kept between runs
 * in one process, so that a notebook that counts again does not classify its words again.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FormTable, type FormTableState, type LemmaLookup } from '../text/forms';
import { lemmaCacheName } from '../text/lemma-cache';
import type { Analysis } from '../text/lemmatizer';
import { Tokenizer, type TokenizerState } from '../text/scan';
import { cachePath, codeHash, readCache, writeCache } from '../util/cache';
import type { Dictionary } from './dictionary';
import { FrameMatcher, type MatcherState } from './matcher';

/** The forms a thread has met and how each is classified for a dictionary. */
export interface Vocabulary {
  forms: FormTable;
  tokenizer: Tokenizer;
  matcher: FrameMatcher;
}

/** A fresh vocabulary for a dictionary (`fullLemmas`: lemmatize every form, not only those a pattern could reach). */
export function newVocabulary(dictionary: Dictionary, lemmas: LemmaLookup, fullLemmas: boolean): Vocabulary {
  const forms = new FormTable();
  return { forms, tokenizer: new Tokenizer(forms), matcher: new FrameMatcher(dictionary, lemmas, { forms, lemmaFilter: !fullLemmas }) };
}

const vocabularies = new WeakMap<Dictionary, Map<string, Vocabulary>>();
const ofMatchers = new WeakMap<FrameMatcher, Vocabulary>();

/**
 * The vocabulary of this thread for a dictionary and lemmatizer, made once per process and reused
 * by later runs; or, given a matcher, the vocabulary over that matcher's forms.
 */
export function vocabularyOf(dictionary: Dictionary, lemmatizer: LemmaLookup, fullLemmas: boolean, matcher?: FrameMatcher): Vocabulary {
  if (matcher) {
    let v = ofMatchers.get(matcher);
    if (!v) ofMatchers.set(matcher, (v = { forms: matcher.forms, tokenizer: new Tokenizer(matcher.forms), matcher }));
    return v;
  }
  let byKind = vocabularies.get(dictionary);
  if (!byKind) vocabularies.set(dictionary, (byKind = new Map()));
  const key = fullLemmas ? 'full' : 'reach';
  let v = byKind.get(key);
  if (!v || v.matcher.lemmatizer !== lemmatizer) {
    v = newVocabulary(dictionary, lemmatizer, fullLemmas);
    byKind.set(key, v);
  }
  return v;
}

/**
 * A vocabulary kept between runs (next to the lemma cache) and handed to worker threads: the
 * forms met, the raw spellings that lead to them and how the matcher classified each, so that a
 * run after the first neither folds, lemmatizes nor classifies the words it has seen before, and
 * a worker starts with what the calling thread knows. The file is named after everything the
 * classification depends on: the dictionary's patterns, rules and lexicon, framelab's scanner,
 * vocabulary and matcher code, the lemma code and the az package (through the lemma cache's
 * name), and whether every form is lemmatized. A file that does not read back whole (wrong
 * magic, length or checksum) is ignored: the run builds its vocabulary as if there were none,
 * and writes a good file at its end.
 */
const MAGIC = 0x31564c46; // 'FLV1', little-endian
const HEADER = 8;
const CHECKSUM = 32;

/** Inputs below this many bytes do not read or write the vocabulary file (start-up stays as it was). */
export const VOCABULARY_CACHE_MIN = 4 << 20;
/** A vocabulary with more forms than this is not written (about 180 bytes a form: 175 MiB). */
const VOCABULARY_CACHE_MAX_FORMS = 1_000_000;

type Section = Int32Array | Uint8Array;

/** A vocabulary's state as read from a file or handed to a thread. */
export interface SavedVocabulary {
  forms: FormTableState;
  tokenizer: TokenizerState;
  matcher: MatcherState;
  /** Analyses (lemma, part of speech) of the forms that may start a pattern with rules, and of the hyphenated forms that hit a pattern word: a worker thread needs them at count time. */
  analyses: Array<[string, Analysis]>;
  /** The file name it was written under ({@link vocabularyCacheName}: dictionary, build, lemmas), or '' when handed to a worker. */
  key: string;
}

/** The vocabulary file's name for a dictionary (see the note above). */
export function vocabularyCacheName(dictionary: Dictionary, fullLemmas: boolean): string {
  const ext = path.extname(__filename);
  const code = codeHash(
    __filename,
    path.join(__dirname, `matcher${ext}`),
    path.join(__dirname, `pattern${ext}`),
    path.join(__dirname, `rules${ext}`),
    path.join(__dirname, '..', 'text', `scan${ext}`),
    path.join(__dirname, '..', 'text', `forms${ext}`),
    path.join(__dirname, '..', 'text', `chars${ext}`),
    path.join(__dirname, '..', 'text', `normalize${ext}`),
    path.join(__dirname, '..', 'text', `utf8${ext}`),
  );
  const dict = createHash('sha256')
    .update(JSON.stringify({ categories: dictionary.categories.map((c) => [c.name, c.patterns, c.compiled, c.rules ?? null]), lexicon: dictionary.lexicon?.entries ?? null }))
    .update(lemmaCacheName())
    .digest('hex')
    .slice(0, 16);
  return `vocabulary-${dict}-${code}-${fullLemmas ? 'full' : 'reach'}.bin`;
}

/** Encodes a vocabulary (every form classified) into one buffer, or null when a form still waits for its lemma. */
export function encodeVocabulary(v: Vocabulary, lemmas: LemmaLookup, key = ''): Uint8Array | null {
  const matcher = v.matcher.exportState(v.forms.size);
  if (!matcher) return null;
  const forms = v.forms.exportState();
  const tokenizer = v.tokenizer.exportState();
  const analyses: Array<[string, Analysis]> = [];
  for (let id = 0; id < matcher.forms; id++) {
    const text = v.forms.text(id);
    // a form that may start a pattern with rules (its part of speech, its lemma), and a hyphenated
    // form that hits a pattern word (a `parts: false` rule asks for its lemma wherever it stands)
    if (!matcher.ruled[id] && !(matcher.hitCount[id] > 0 && text.includes('-'))) continue;
    const a = lemmas.lookup(text);
    if (a) analyses.push([text, a]);
  }
  const sections: Record<string, Section> = {};
  const scalars: Record<string, number> = {};
  const put = (prefix: string, o: object) => {
    for (const [k, x] of Object.entries(o)) {
      if (typeof x === 'number') scalars[`${prefix}.${k}`] = x;
      else sections[`${prefix}.${k}`] = x as Section;
    }
  };
  put('forms', forms);
  put('tokenizer', tokenizer);
  put('matcher', matcher);
  const layout: Array<[string, 'i32' | 'u8', number, number]> = [];
  let at = 0;
  for (const [name, a] of Object.entries(sections)) {
    layout.push([name, a instanceof Int32Array ? 'i32' : 'u8', at, a.length]);
    at += (a.byteLength + 7) & ~7;
  }
  const header = Buffer.from(JSON.stringify({ scalars, layout, analyses, key }), 'utf8');
  const body = HEADER + ((header.length + 7) & ~7);
  const out = new Uint8Array(body + at + CHECKSUM);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, header.length, true);
  out.set(header, HEADER);
  for (const [name, , offset] of layout) {
    const a = sections[name];
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), body + offset);
  }
  out.set(createHash('sha256').update(out.subarray(0, out.length - CHECKSUM)).digest(), out.length - CHECKSUM);
  return out;
}

/**
 * Reads a buffer of {@link encodeVocabulary} back, or null when it is not one whole (wrong magic,
 * a section out of bounds, a checksum that does not match, tables that do not fit together).
 * The tables are views of `bytes`, which must not be used otherwise afterwards. `verified`: the
 * buffer was checked already (by the thread that read the file).
 */
export function decodeVocabulary(bytes: Uint8Array, verified = false): SavedVocabulary | null {
  try {
    if (bytes.length < HEADER + CHECKSUM) return null;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (view.getUint32(0, true) !== MAGIC) return null;
    const headerLength = view.getUint32(4, true);
    const body = HEADER + ((headerLength + 7) & ~7);
    if (body + CHECKSUM > bytes.length) return null;
    if (!verified) {
      const sum = createHash('sha256').update(bytes.subarray(0, bytes.length - CHECKSUM)).digest();
      if (!sum.equals(bytes.subarray(bytes.length - CHECKSUM))) return null;
    }
    const { scalars, layout, analyses, key: writtenAs } = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + HEADER, headerLength).toString('utf8')) as {
      scalars: Record<string, number>;
      layout: Array<[string, 'i32' | 'u8', number, number]>;
      analyses: Array<[string, Analysis]>;
      key?: string;
    };
    const parts: Record<string, Record<string, number | Section>> = { forms: {}, tokenizer: {}, matcher: {} };
    for (const [name, x] of Object.entries(scalars)) {
      const [group, key] = name.split('.');
      if (!parts[group] || !Number.isInteger(x)) return null;
      parts[group][key] = x;
    }
    for (const [name, type, offset, length] of layout) {
      const [group, key] = name.split('.');
      const size = type === 'i32' ? 4 * length : length;
      if (!parts[group] || !(offset >= 0 && length >= 0 && body + offset + size <= bytes.length - CHECKSUM)) return null;
      // views of the buffer, which becomes the live tables' memory (a copy when misaligned)
      let at = bytes.byteOffset + body + offset;
      let buffer = bytes.buffer;
      if (type === 'i32' && at % 4 !== 0) {
        buffer = new Uint8Array(bytes.subarray(body + offset, body + offset + size)).buffer;
        at = 0;
      }
      parts[group][key] = type === 'i32' ? new Int32Array(buffer, at, length) : new Uint8Array(buffer, at, length);
    }
    const saved = { forms: parts.forms, tokenizer: parts.tokenizer, matcher: parts.matcher, analyses, key: typeof writtenAs === 'string' ? writtenAs : '' } as unknown as SavedVocabulary;
    return verified || consistent(saved) ? saved : null;
  } catch {
    return null;
  }
}

/** Whether the parts of a decoded vocabulary fit together (sizes agree, every id and offset in range). */
function consistent(s: SavedVocabulary): boolean {
  const f = s.forms;
  const t = s.tokenizer;
  const m = s.matcher;
  const n = f.size;
  if (!(n >= 0 && m.forms === n && f.spans?.length === 2 * n && f.plainOf?.length === n && f.variantOf?.length === n && f.arena?.length === f.used)) return false;
  if (!(f.slots?.length === 2 * (f.mask + 1) && t.slots?.length === 4 * (t.mask + 1) && t.arena?.length === t.used && t.variant instanceof Int32Array)) return false;
  for (const k of ['catCount', 'hitStart', 'hitCount', 'startStart', 'startCount', 'multi', 'letters', 'ruled'] as const) if (m[k]?.length !== n) return false;
  if (m.wordInfo?.length !== 2 * n || !m.catPool || !m.hitPool || !m.startPool || !Array.isArray(s.analyses)) return false;
  for (let k = 0; k < t.slots.length; k += 4) {
    const folded = t.slots[k + 3] & 0x7fffffff;
    if (folded !== 0 && (folded > n || t.slots[k + 1] < 0 || t.slots[k + 1] + (t.slots[k + 2] & ((1 << 30) - 1)) > t.used)) return false;
  }
  for (let id = 0; id < n; id++) {
    if (f.spans[2 * id] < 0 || f.spans[2 * id] + f.spans[2 * id + 1] > f.used) return false;
    if (m.wordInfo[2 * id] + m.catCount[id] > m.catPool.length || m.hitStart[id] + m.hitCount[id] > m.hitPool.length || m.startStart[id] + m.startCount[id] > m.startPool.length) return false;
  }
  return true;
}

/** Takes a saved vocabulary into a new one (no form met yet); false when it already has forms. */
export function restoreVocabulary(v: Vocabulary, saved: SavedVocabulary): boolean {
  if (v.forms.size !== 0 || saved.forms.size === 0) return false;
  v.forms.importState(saved.forms);
  v.tokenizer.importState(saved.tokenizer);
  v.matcher.importState(saved.matcher);
  return true;
}

/**
 * The bytes of the vocabulary file for a dictionary, checked whole (null: none, caching off, not a
 * good file, or bigger than `maxBytes`: the file gathers the words of every corpus counted with the
 * dictionary, and a small corpus is better off building its own than holding all of them).
 */
export function readSavedVocabulary(dictionary: Dictionary, fullLemmas: boolean, maxBytes = Infinity): { bytes: Uint8Array; saved: SavedVocabulary } | null {
  const name = vocabularyCacheName(dictionary, fullLemmas);
  const file = cachePath(name);
  try {
    if (!file || fs.statSync(file).size > maxBytes) return null;
  } catch {
    return null;
  }
  // in shared memory: worker threads read the same tables, each copying a table only before it adds to it
  const bytes = readCache(name, { shared: true });
  if (!bytes) return null;
  const saved = decodeVocabulary(bytes);
  // a file written for another dictionary or build (copied or renamed by hand) is not this one's
  return saved && saved.key === name ? { bytes, saved } : null;
}

/** Writes a vocabulary's file (atomically; nothing when a form still waits for its lemma, or when it is too big). */
export function saveVocabulary(v: Vocabulary, dictionary: Dictionary, lemmas: LemmaLookup, fullLemmas: boolean): boolean {
  if (v.forms.size > VOCABULARY_CACHE_MAX_FORMS) return false;
  const name = vocabularyCacheName(dictionary, fullLemmas);
  const bytes = encodeVocabulary(v, lemmas, name);
  if (!bytes) return false;
  writeCache(name, bytes);
  pruneVocabularies(name);
  return true;
}

/** Vocabulary files kept in the cache folder, the one just written included: the newest, up to this many… */
const VOCABULARY_FILES_KEPT = 16;
/** …and up to this many bytes together. */
const VOCABULARY_BYTES_KEPT = 256 << 20;

/**
 * Removes all but the newest vocabulary files (other dictionaries, other builds): up to
 * {@link VOCABULARY_FILES_KEPT} of them and {@link VOCABULARY_BYTES_KEPT} bytes together; never
^ * `keep`. (Keeping only the four newest made a user who counts with five dictionaries, or two
 * checkouts of framelab sharing the cache, rebuild a vocabulary on every run.)
 */
function pruneVocabularies(keep: string): void {
  const file = cachePath(keep);
  if (!file) return;
  const dir = path.dirname(file);
  try {
    const others = fs
      .readdirSync(dir)
      .filter((f) => /^vocabulary-.*\.bin$/.test(f) && f !== keep)
      .map((f) => ({ f, stat: fs.statSync(path.join(dir, f)) }))
      .sort((a, b) => b.stat.mtimeMs - a.stat.mtimeMs);
    let bytes = fs.statSync(file).size;
    others.forEach(({ f, stat }, k) => {
      bytes += stat.size;
      if (k + 1 >= VOCABULARY_FILES_KEPT || bytes > VOCABULARY_BYTES_KEPT) fs.rmSync(path.join(dir, f), { force: true });
    });
  } catch {
    // the cache only saves time
  }
}
