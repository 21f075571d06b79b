import * as fs from 'node:fs';
import * as path from 'node:path';
import type { DataFrame } from 'danfojs-node';
import { toDataFrame } from '../table/dataframe';
import type { Corpus } from '../corpus/types';
import { Lemmatizer } from '../text/lemmatizer';
import { foldWhole, scanWords, words } from '../text/tokenize';
import type { Dictionary } from './dictionary';
import { compileWordGlob, type WordGlob } from './pattern';
import { foldCase } from '../text/normalize';

/** One match of a category in a run of words. */
export interface FrameMatch {
  /** Category index in dictionary order. */
  category: number;
  /** Index of the first word of the match. */
  start: number;
  /** Number of words the match covers (more than one for multi-word patterns). */
  length: number;
  /** The pattern that matched, as written in the dictionary. */
  pattern: string;
}

/**
 * Counts a dictionary's categories in runs of words. A pattern word matches a word when its glob
 * matches the word's form or its lemma. Within a category, matches are taken left to right, the
 * longest pattern first, and a word belongs to at most one match, so a word counts at most once
 * per category and a multi-word pattern counts once per run. A word may count in several categories.
 *
 * Each distinct word form is tested against every glob once and remembered.
 *
 * @example
 * const m = new FrameMatcher(dictionaryFromObject({ гранты: ['грант*', 'иностранн* грант*'] }));
 * m.count(['иностранные', 'гранты', 'и', 'гранты']).counts // [2]
 */
export class FrameMatcher {
  readonly dictionary: Dictionary;
  readonly lemmatizer: Lemmatizer;
  private readonly globs: WordGlob[] = [];
  /** Per category, its patterns as lists of glob indexes, longest first (stable). */
  private readonly patterns: Array<Array<{ globs: number[]; source: string }>>;
  private readonly formCache = new Map<string, { hits: Uint8Array; single: Uint8Array }>();
  private readonly lemmaFilter: boolean;
  /** Per category, its multi-word patterns, longest first. */
  private readonly multiWord: Array<Array<{ globs: number[]; source: string }>>;
  private readonly needPrefix: string[];
  private readonly anyLemma: boolean[];
  private readonly stemless: boolean[];
  /** Per category: true when none of its patterns has several words. */
  private readonly singleWordCategory: boolean[];

  constructor(dictionary: Dictionary, lemmatizer: Lemmatizer = new Lemmatizer(), options: { lemmaFilter?: boolean } = {}) {
    this.dictionary = dictionary;
    this.lemmatizer = lemmatizer;
    this.lemmaFilter = options.lemmaFilter ?? true;
    const index = new Map<string, number>();
    const globId = (g: string) => {
      let id = index.get(g);
      if (id === undefined) {
        id = this.globs.length;
        this.globs.push(compileWordGlob(g));
        index.set(g, id);
      }
      return id;
    };
    this.patterns = dictionary.categories.map((c) =>
      c.compiled
        .map((words, k) => ({ globs: words.map(globId), source: c.patterns[k] }))
        .sort((a, b) => b.globs.length - a.globs.length),
    );
    this.singleWordCategory = this.patterns.map((ps) => ps.every((p) => p.globs.length === 1));
    this.multiWord = this.patterns.map((ps) => ps.filter((p) => p.globs.length > 1));
    const reach = lemmaReach(this.globs.map((g) => g.glob));
    this.needPrefix = reach.needPrefix;
    this.anyLemma = reach.anyLemma;
    this.stemless = reach.stemless;
  }

  /**
   * Whether the lemma of `form` could match a glob the form itself does not match (see
   * {@link lemmaReach}); when it cannot, the lemmatizer is not asked.
   */
  private lemmaMayMatter(form: string, hits: Uint8Array): boolean {
    if (!this.lemmaFilter) return true;
    let stemless: boolean | undefined;
    for (let g = 0; g < hits.length; g++) {
      if (hits[g]) continue;
      if (this.anyLemma[g]) return true;
      const p = this.needPrefix[g];
      if (form.startsWith(p) || (form.startsWith('по') && form.startsWith(p, 2)) || (form.startsWith('наи') && form.startsWith(p, 3))) return true;
      if (this.stemless[g] && (stemless ??= maybeStemless(form))) return true;
    }
    return false;
  }

  /** For a folded word form: 1 at each glob that matches the form or its lemma. */
  globsOf(form: string): Uint8Array {
    return this.entryOf(form).hits;
  }

  /**
   * The cached analysis of a form: its glob hits and, per category, whether a single-word
   * pattern of the category matches it (the fast path of {@link count}).
   */
  private entryOf(form: string): { hits: Uint8Array; single: Uint8Array } {
    let e = this.formCache.get(form);
    if (e) return e;
    const hits = new Uint8Array(this.globs.length);
    let missing = false;
    for (let g = 0; g < this.globs.length; g++) {
      if (this.globs[g].test(form)) hits[g] = 1;
      else missing = true;
    }
    if (missing && this.lemmaMayMatter(form, hits)) {
      const lemma = this.lemmatizer.lemma(form);
      if (lemma !== form) for (let g = 0; g < this.globs.length; g++) if (!hits[g] && this.globs[g].test(lemma)) hits[g] = 1;
    }
    const single = new Uint8Array(this.patterns.length);
    this.patterns.forEach((patterns, c) => {
      single[c] = patterns.some((p) => p.globs.length === 1 && hits[p.globs[0]] === 1) ? 1 : 0;
    });
    e = { hits, single };
    this.formCache.set(form, e);
    return e;
  }

  private entryBuffer: Array<{ hits: Uint8Array; single: Uint8Array }> = [];

  /**
   * Counts categories in a text, without building word lists: the counting hot path. Gives the
   * same numbers as `count(words(text))`.
   */
  countText(text: string): { tokens: number; counts: number[]; matched: number } {
    const folded = foldWhole(text);
    if (folded === null) {
      const forms = words(text);
      const r = this.count(forms, false);
      return { tokens: forms.length, counts: r.counts, matched: r.matched };
    }
    const entries = this.entryBuffer;
    let n = 0;
    scanWords(folded, (w) => (entries[n++] = this.entryOf(w)));
    const r = this.countEntries(entries, n, false);
    return { tokens: n, counts: r.counts, matched: r.matched };
  }

  /**
   * Counts categories in a run of folded words (see {@link words}).
   * `matched` is the number of words counted in at least one category. `matches` lists every
   * match unless `withMatches` is false (the counting hot path skips building them).
   */
  count(forms: readonly string[], withMatches = true): { counts: number[]; matched: number; matches: FrameMatch[] } {
    return this.countEntries(forms.map((f) => this.entryOf(f)), forms.length, withMatches);
  }

  private countEntries(
    entries: ReadonlyArray<{ hits: Uint8Array; single: Uint8Array }>,
    length: number,
    withMatches: boolean,
  ): { counts: number[]; matched: number; matches: FrameMatch[] } {
    const ncat = this.patterns.length;
    const counts = new Array<number>(ncat).fill(0);
    const matches: FrameMatch[] = [];
    let matched = 0;
    const covered = new Uint8Array(length);
    for (let category = 0; category < ncat; category++) {
      if (!withMatches && this.singleWordCategory[category]) {
        // fast path: single-word patterns only, so a word counts once if any pattern hits it
        let n = 0;
        for (let i = 0; i < length; i++) {
          if (entries[i].single[category]) {
            n++;
            covered[i] = 1;
          }
        }
        counts[category] = n;
        continue;
      }
      // longest multi-word pattern starting here first, else any single-word pattern
      const multi = this.multiWord[category];
      let n = 0;
      for (let i = 0; i < length; ) {
        let span = 0;
        let source = '';
        for (const p of multi) {
          if (p.globs.length > length - i) continue;
          let ok = true;
          for (let k = 0; k < p.globs.length && ok; k++) ok = entries[i + k].hits[p.globs[k]] === 1;
          if (ok) {
            span = p.globs.length;
            source = p.source;
            break;
          }
        }
        if (span === 0 && entries[i].single[category]) {
          span = 1;
          if (withMatches) source = this.patterns[category].find((p) => p.globs.length === 1 && entries[i].hits[p.globs[0]] === 1)!.source;
        }
        if (span === 0) {
          i++;
          continue;
        }
        n++;
        if (withMatches) matches.push({ category, start: i, length: span, pattern: source });
        covered.fill(1, i, i + span);
        i += span;
      }
      counts[category] = n;
    }
    for (const c of covered) matched += c;
    return { counts, matched, matches };
  }
}

/** Options of {@link countFrameRows} and {@link countFrames}. */
export interface CountOptions {
  /** Add `<category>_per_1k` columns: count per 1000 words of the paragraph. */
  rate?: boolean;
  /** Share a lemma cache across calls. */
  lemmatizer?: Lemmatizer;
  /** Share a matcher (and its per-form cache) across calls; it must be built for the same dictionary. */
  matcher?: FrameMatcher;
}

/** A cell of the count table: text, number, or null for an empty cell. */
export type Cell = string | number | null;

/** The count table as plain rows: one per paragraph, in corpus order. */
export interface FrameTable {
  /** Column names in order: doc, paragraph, tokens, duplicate_of, matched, categories…, rates… */
  columns: string[];
  /** Category names, in dictionary order. */
  categories: string[];
  rows: Array<Record<string, Cell>>;
  /** Each row's paragraph text (not a column; for display and reading). */
  texts: string[];
}

/**
 * Counts the dictionary's categories in every paragraph of a corpus, as plain rows.
 * `duplicate_of` is null when the paragraph is not a repeat; rates are null for a paragraph without words.
 *
 * @example
 * const table = countFrameRows(loadCorpus('data/ngo-grants-dialogue-2025.ru.txt'), loadDictionary());
 * table.columns.slice(0, 5) // ['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched']
 */
export function countFrameRows(corpus: Corpus, dictionary: Dictionary, options: CountOptions = {}): FrameTable {
  const matcher = options.matcher ?? new FrameMatcher(dictionary, options.lemmatizer);
  const categories = dictionary.categories.map((c) => c.name);
  const columns = ['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched', ...categories];
  if (options.rate) columns.push(...categories.map(rateColumn));
  const rows: Array<Record<string, Cell>> = [];
  const texts: string[] = [];
  for (const doc of corpus.documents) {
    for (const p of doc.paragraphs) {
      const { tokens, counts, matched } = matcher.countText(p.text);
      const row: Record<string, Cell> = { doc: doc.id, paragraph: p.index, tokens, duplicate_of: p.duplicateOf, matched };
      categories.forEach((c, k) => (row[c] = counts[k]));
      if (options.rate) categories.forEach((c, k) => (row[rateColumn(c)] = tokens ? (counts[k] * 1000) / tokens : null));
      rows.push(row);
      texts.push(p.text);
    }
  }
  return { columns, categories, rows, texts };
}

/** Name of a category's rate column. */
export function rateColumn(category: string): string {
  return `${category}_per_1k`;
}

/**
 * Counts the dictionary's categories in every paragraph of a corpus, as a danfojs DataFrame
 * (see {@link countFrameRows} for the columns; empty cells are NaN).
 *
 * @example
 * const df = countFrames(loadCorpus('data/ngo-grants-dialogue-2025.ru.txt', { dedupe: true }), loadDictionary());
 * df.column('коррупция').sum()
 */
export function countFrames(corpus: Corpus, dictionary: Dictionary, options: CountOptions = {}): DataFrame {
  return toDataFrame(countFrameRows(corpus, dictionary, options));
}

/** Paradigm prefixes of OpenCorpora (pymorphy2, Az.js): a form may carry one its lemma lacks. */
const PARADIGM_PREFIXES = ['по', 'наи'];

let azSuffixes: Set<string> | undefined;
/** Every start of every suffix-table entry, built once. */
let suffixStarts: Set<string> | undefined;

/** The entries of Az.js's suffix table, folded: every ending, and every whole word of a stemless paradigm. */
function suffixTable(): Set<string> {
  if (!azSuffixes) {
    const file = path.join(path.dirname(require.resolve('az')), '..', 'dicts', 'suffixes.json');
    azSuffixes = new Set((JSON.parse(fs.readFileSync(file, 'utf8')) as string[]).map(foldCase).filter(Boolean));
  }
  return azSuffixes;
}

/**
 * Whether a form could belong to a stemless (suppletive) paradigm: the form, or the form without
 * a paradigm prefix, is an entry of the suffix table (люди, лучше, наилучший).
 */
export function maybeStemless(form: string): boolean {
  const table = suffixTable();
  if (table.has(form)) return true;
  return PARADIGM_PREFIXES.some((p) => form.startsWith(p) && table.has(form.slice(p.length)));
}

/**
 * Which lemmas each glob can reach, for skipping the lemmatizer where its answer cannot matter.
 *
 * Az.js (like pymorphy2) builds a form as paradigm prefix + stem + suffix and its lemma (the
 * paradigm's first form, whose prefix is always empty: checked over all 3256 paradigms) as
 * stem + suffix, the prefixes being '', 'по' and 'наи'. When the stem is not empty, the lemma's
 * first letter is the stem's, which is the form's first, third or fourth letter. When the stem is
 * empty (suppletive paradigms: люди → человек), the lemma is a whole entry of the suffix table,
 * and so is the form (less its prefix). Parses the dictionary does not know keep their word as
 * the lemma, prefixes split off by Az.js's prefix parsers are put back by {@link analyze}, and
 * hyphenated words keep their first part: none of these moves the first letter.
 *
 * Sharper: if the lemma starts with the glob's literal part P (the letters before its first
 * wildcard), then P = stem-part + start-of-suffix, so the form (less its paradigm prefix) starts
 * with P[0, j) for the smallest j ≥ 1 whose rest P[j..] begins some suffix-table entry
 * (`needPrefix`). A glob that matches a suffix-table entry may also reach stemless forms
 * ({@link maybeStemless}). Globs starting with a wildcard (`anyLemma`) are tried on every
 * lemma. The counts are tested against full lemmatization.
 */
export function lemmaReach(globs: readonly string[]): { needPrefix: string[]; anyLemma: boolean[]; stemless: boolean[] } {
  const table = suffixTable();
  if (!suffixStarts) {
    suffixStarts = new Set<string>();
    for (const e of table) for (let k = 1; k <= e.length; k++) suffixStarts.add(e.slice(0, k));
  }
  const suffixPrefixes = suffixStarts;
  const entries = [...table];
  const needPrefix: string[] = [];
  const anyLemma: boolean[] = [];
  const stemless: boolean[] = [];
  for (const glob of globs) {
    const g = compileWordGlob(glob);
    const wild = glob.search(/[*?]/);
    const literal = wild === -1 ? glob : glob.slice(0, wild);
    // the stem is literal[0, j) for some j ≥ 1, the rest of the literal part starting the lemma's suffix
    // an exact glob (no wildcard) needs the rest to be a whole suffix entry, a prefix glob only its start
    const exact = wild === -1;
    let j = 1;
    while (j < literal.length && !(exact ? table.has(literal.slice(j)) : suffixPrefixes.has(literal.slice(j)))) j++;
    needPrefix.push(literal.slice(0, j));
    anyLemma.push(literal.length === 0);
    stemless.push(literal.length > 0 && entries.some((e) => g.test(e)));
  }
  return { needPrefix, anyLemma, stemless };
}
