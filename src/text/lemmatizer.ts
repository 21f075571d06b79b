import * as fs from 'node:fs';
import * as path from 'node:path';
import { foldCase, hasCyrillic } from './normalize';
import { limit } from '../util/limits';

interface Parse {
  word: string;
  parser: string;
  score: number;
  prefix?: string;
  tag: { POS?: string; Apro?: unknown; Name?: unknown; Surn?: unknown; Patr?: unknown; Geox?: unknown; Orgn?: unknown };
  normalize(): { word?: string };
}
type Morph = (word: string) => Parse[];

/** A word's lemma and part of speech (OpenCorpora: NOUN, ADJF, VERB, PREP, CONJ, …; APRO for pronominal adjectives such as свой; null when unknown). */
export interface Analysis {
  lemma: string;
  pos: string | null;
  /** True when the morphological dictionary does not know the word and the lemma is Az.js's guess from its ending (грантодателем → грантодатолоть). */
  guessed?: boolean;
}

let morph: Morph | undefined;

/**
 * Loads Az.js's OpenCorpora dictionaries (shipped inside the `az` package) once, synchronously.
 * Az.js loads its files with callbacks; here its loader is pointed at a queue that is drained
 * right after `init`, so the whole load finishes before this function returns.
 */
function loadMorph(): Morph {
  if (morph) return morph;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Az = require('az') as typeof import('az');
  const dicts = path.join(path.dirname(require.resolve('az')), '..', 'dicts');
  const original = Az.load;
  const queue: Array<() => void> = [];
  Az.load = (url, responseType, callback) => {
    queue.push(() => {
      let data: unknown;
      try {
        const bytes = fs.readFileSync(url);
        data =
          responseType === 'json'
            ? JSON.parse(bytes.toString('utf8'))
            : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      } catch (err) {
        callback(err as Error);
        return;
      }
      callback(null, data);
    });
  };
  let failure: Error | null | undefined;
  try {
    Az.Morph.init(dicts, (err) => {
      failure = err;
    });
    while (queue.length > 0) queue.shift()!();
  } finally {
    Az.load = original;
  }
  if (failure !== null) {
    throw new Error(`could not load the Russian morphology dictionaries from ${dicts}: ${failure?.message ?? 'init did not finish'}`);
  }
  morph = Az.Morph as unknown as Morph;
  return morph;
}

/** The lemma a parse gives; Az.js's prefix parsers drop the prefix they split off (евро|парламента → парламент), so it is put back. */
function lemmaOfParse(p: Parse): string | undefined {
  const base = p.normalize().word;
  if (!base) return undefined;
  const lemma = p.prefix && p.parser.startsWith('Prefix') && !base.startsWith(p.prefix) ? p.prefix + base : base;
  return foldCase(lemma);
}

/**
 * The lemma and part of speech of one folded word, without a cache: the most probable lemma
 * among Az.js's OpenCorpora parses, the probabilities of parses that give the same lemma added
 * up (`казахстан` has two noun parses, nominative and accusative, that together outweigh one
 * participle parse). Words without Cyrillic letters (Latin, digits) are their own lemma, with
 * part of speech `LATN` or `NUMB`. A hyphenated word that the dictionary does not know as a
 * whole keeps its first parts and lemmatizes the last one (`стран-участниц` → `стран-участница`).
 * A dotted abbreviation (`т.н.`) is its own lemma, part of speech `ABBR`. A Cyrillic word that
 * no parse finds in the OpenCorpora dictionary gets Az.js's guess from its ending, marked `guessed`.
 *
 * @example
 * analyze('грантов').lemma // 'грант'
 * analyze('т.н.').pos        // 'ABBR'
 */
export function analyze(norm: string): Analysis {
  if (isNameKey(norm)) return analyzeName(norm);
  if (!hasCyrillic(norm)) return { lemma: norm, pos: /^\p{N}+$/u.test(norm) ? 'NUMB' : 'LATN' };
  if (norm.includes('.')) return { lemma: norm, pos: 'ABBR' }; // dotted abbreviations (т.н.) are their own lemma
  if (norm.length > maxLetters()) {
    // Az.js takes time cubic in a word's length (600 letters: 44 s); no Russian word is this long
    const dash = norm.lastIndexOf('-');
    if (dash > 0 && norm.length - dash - 1 <= maxLetters()) {
      const last = analyze(norm.slice(dash + 1));
      return withGuess({ lemma: norm.slice(0, dash + 1) + last.lemma, pos: last.pos }, true);
    }
    return { lemma: norm, pos: null, guessed: true };
  }
  const parses = loadMorph()(norm);
  const dash = norm.lastIndexOf('-');
  const known = parses.some((p) => p.parser === 'Dictionary');
  if (dash > 0 && !known) {
    const last = analyze(norm.slice(dash + 1));
    return withGuess({ lemma: norm.slice(0, dash + 1) + last.lemma, pos: last.pos }, last.guessed === true);
  }
  let best: { lemma: string; pos: string | null; score: number } | undefined;
  const totals = new Map<string, { lemma: string; pos: string | null; score: number }>();
  for (const p of parses) {
    const lemma = lemmaOfParse(p);
    if (!lemma) continue;
    // pronominal adjectives (свой, наш, её) are function words: tagged APRO rather than ADJF
    const pos = p.tag?.Apro ? 'APRO' : (p.tag?.POS ?? null);
    const key = `${lemma} ${pos}`;
    const t = totals.get(key) ?? { lemma, pos, score: 0 };
    t.score += Number.isFinite(p.score) ? p.score : 0;
    totals.set(key, t);
    if (!best || t.score > best.score) best = t;
  }
  return withGuess(best ? { lemma: best.lemma, pos: best.pos } : { lemma: norm, pos: null }, !known);
}

/** Whether a lemma key is a capitalised form (the tokenizer's key for a capitalised word inside a sentence, see `FormTable.key`). */
export function isNameKey(key: string): boolean {
  const c = key.charCodeAt(0);
  return ((c >= 0x410 && c <= 0x42f) || c === 0x401) && key.length > 1 && key.slice(1) === foldCase(key.slice(1));
}

/**
 * The analysis of a capitalised word inside a sentence (`Путина`, as its key writes it: the first
 * letter capital, the rest folded): when Az.js reads it as a first name, surname or patronymic
 * (OpenCorpora's Name, Surn, Patr), the name's lemma, the probabilities of the name parses that
 * give one lemma added up (Лавров: the surname лавров over the first name лавр); else the
 * analysis of the word in lower case, as if it were not capitalised (путина stays the fishing
 * season in lower case; Запада is запад either way).
 *
 * @example
 * analyze('Путина').lemma    // 'путин'
 * analyze('Путиным').lemma   // 'путин'
 * analyze('путина').lemma    // 'путина'
 * analyze('Ивановича').lemma // 'иван'
 * analyze('Запада').lemma    // 'запад'
 */
export function analyzeName(key: string): Analysis {
  const lower = foldCase(key);
  if (key.includes('.') || key.includes('-')) return analyze(lower);
  // each reading by its most probable dictionary parse (Az.js repeats a parse for every case of an
  // indeclinable name, so sums would favour those), ties by the sum; and whether it is a proper name
  const readings = new Map<string, { lemma: string; pos: string | null; score: number; sum: number; surname: boolean; proper: boolean }>();
  for (const p of loadMorph()(key)) {
    if (p.parser !== 'Dictionary') continue;
    const lemma = lemmaOfParse(p);
    if (!lemma) continue;
    const surname = Boolean(p.tag?.Surn || p.tag?.Patr);
    const proper = Boolean(p.tag?.Name || p.tag?.Geox || p.tag?.Orgn);
    const k = `${lemma} ${surname ? 'S' : proper ? 'P' : ''}`;
    const score = Number.isFinite(p.score) ? p.score : 0;
    const t = readings.get(k);
    if (!t) readings.set(k, { lemma, pos: p.tag?.POS ?? null, score, sum: score, surname, proper });
    else {
      t.score = Math.max(t.score, score);
      t.sum += score;
    }
  }
  const all = [...readings.values()].sort((x, y) => y.score - x.score || y.sum - x.sum);
  // a surname or patronymic reading wins (Путина, Пескова, Ивановича); another proper name only when
  // it is the likeliest reading (Михаила, Израиля; not Азии, whose first-name reading Ази is rarer)
  const best = all.find((t) => t.surname) ?? (all[0]?.proper ? all[0] : undefined);
  return best ? { lemma: best.lemma, pos: best.pos } : analyze(lower);
}

let letters: number | undefined;
/** Words longer than this (FRAMELAB_MAX_WORD_LETTERS, default 40) are their own lemma, unparsed. */
function maxLetters(): number {
  return (letters ??= limit('lemmaLetters'));
}

/** Marks an analysis as guessed (the flag is left out when false, to keep analyses small). */
function withGuess(a: Analysis, guessed: boolean): Analysis {
  if (guessed) a.guessed = true;
  return a;
}

/**
 * The lemma of one folded word (see {@link analyze}).
 *
 * @example
 * lemmaOf('грантов') // 'грант'
 */
export function lemmaOf(norm: string): string {
  return analyze(norm).lemma;
}

/** Parts of speech that carry content (nouns, adjectives, verbs and their forms, adverbs), as opposed to function words. */
export const CONTENT_POS = new Set(['NOUN', 'ADJF', 'ADJS', 'COMP', 'VERB', 'INFN', 'PRTF', 'PRTS', 'GRND', 'ADVB', 'LATN']);

/**
 * Maps folded word forms to lemmas, parsing each distinct form once.
 *
 * @example
 * const lemmas = new Lemmatizer();
 * lemmas.lemma('грантов') // 'грант'
 * lemmas.lemma('пытаются') // 'пытаться'
 */
export class Lemmatizer {
  private readonly cache = new Map<string, Analysis>();
  /** Forms analyzed here (not found in `known`): what a run adds to the lemma cache. */
  readonly added = new Map<string, Analysis>();

  /** `known`: lemmas known in advance (the cache kept from earlier runs), asked before Az.js. */
  constructor(readonly known?: { lookup(norm: string): Analysis | undefined; readonly bytes?: Uint8Array }) {}

  /** The same as {@link analyze}: a lemma is always known here (see `LemmaLookup`). */
  lookup(norm: string): Analysis {
    return this.analyze(norm);
  }

  /** Every form looked up so far, with its analysis. */
  entries(): IterableIterator<[string, Analysis]> {
    return this.cache.entries();
  }

  /** Lemma and part of speech of a folded word form (see {@link foldCase}). */
  analyze(norm: string): Analysis {
    let a = this.cache.get(norm);
    if (a === undefined) {
      a = this.known?.lookup(norm);
      if (a === undefined) {
        a = analyze(norm);
        this.added.set(norm, a);
      }
      this.cache.set(norm, a);
    }
    return a;
  }

  /** Lemma of a folded word form (see {@link foldCase}). */
  lemma(norm: string): string {
    return this.analyze(norm).lemma;
  }

  /** Number of distinct forms parsed so far. */
  get size(): number {
    return this.cache.size;
  }
}
