import type { DataFrame } from 'danfojs-node';
import { toDataFrame } from '../table/dataframe';
import type { Corpus } from '../corpus/types';
import { Lemmatizer } from '../text/lemmatizer';
import { words } from '../text/tokenize';
import type { Dictionary } from './dictionary';
import { compileWordGlob, type WordGlob } from './pattern';

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
  private readonly formCache = new Map<string, Uint8Array>();

  constructor(dictionary: Dictionary, lemmatizer: Lemmatizer = new Lemmatizer()) {
    this.dictionary = dictionary;
    this.lemmatizer = lemmatizer;
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
  }

  /** For a folded word form: 1 at each glob that matches the form or its lemma. */
  globsOf(form: string): Uint8Array {
    let hits = this.formCache.get(form);
    if (hits) return hits;
    hits = new Uint8Array(this.globs.length);
    let missing = false;
    for (let g = 0; g < this.globs.length; g++) {
      if (this.globs[g].test(form)) hits[g] = 1;
      else missing = true;
    }
    if (missing) {
      const lemma = this.lemmatizer.lemma(form);
      if (lemma !== form) for (let g = 0; g < this.globs.length; g++) if (!hits[g] && this.globs[g].test(lemma)) hits[g] = 1;
    }
    this.formCache.set(form, hits);
    return hits;
  }

  /**
   * Counts categories in a run of folded words (see {@link words}).
   * `matched` is the number of words counted in at least one category.
   */
  count(forms: readonly string[]): { counts: number[]; matched: number; matches: FrameMatch[] } {
    const hits = forms.map((f) => this.globsOf(f));
    const covered = new Uint8Array(forms.length);
    const matches: FrameMatch[] = [];
    const counts = this.patterns.map((patterns, category) => {
      let n = 0;
      for (let i = 0; i < forms.length; ) {
        const found = patterns.find((p) => p.globs.length <= forms.length - i && p.globs.every((g, k) => hits[i + k][g] === 1));
        if (!found) {
          i++;
          continue;
        }
        n++;
        matches.push({ category, start: i, length: found.globs.length, pattern: found.source });
        covered.fill(1, i, i + found.globs.length);
        i += found.globs.length;
      }
      return n;
    });
    let matched = 0;
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
  const matcher = new FrameMatcher(dictionary, options.lemmatizer);
  const categories = dictionary.categories.map((c) => c.name);
  const columns = ['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched', ...categories];
  if (options.rate) columns.push(...categories.map(rateColumn));
  const rows: Array<Record<string, Cell>> = [];
  const texts: string[] = [];
  for (const doc of corpus.documents) {
    for (const p of doc.paragraphs) {
      const forms = words(p.text);
      const { counts, matched } = matcher.count(forms);
      const row: Record<string, Cell> = { doc: doc.id, paragraph: p.index, tokens: forms.length, duplicate_of: p.duplicateOf, matched };
      categories.forEach((c, k) => (row[c] = counts[k]));
      if (options.rate) categories.forEach((c, k) => (row[rateColumn(c)] = forms.length ? (counts[k] * 1000) / forms.length : null));
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
