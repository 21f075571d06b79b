import * as fs from 'node:fs';
import * as path from 'node:path';
import { FormTable, type LemmaLookup } from '../text/forms';
import { Lemmatizer } from '../text/lemmatizer';
import { foldCase } from '../text/normalize';
import { Tokenizer } from '../text/scan';
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

/** Options of a {@link FrameMatcher}. */
export interface MatcherOptions {
  /** Ask the lemmatizer only about forms whose lemma could reach a pattern (default true; false for verification). */
  lemmaFilter?: boolean;
  /** The vocabulary whose form ids the matcher classifies (default: one of its own). */
  forms?: FormTable;
}

const READY = 1;
const WAITING = 2;

/**
 * Counts a dictionary's categories in runs of words. A pattern word matches a word when its glob
 * matches the word's form or its lemma. Within a category, matches are taken left to right, the
 * longest pattern first, and a word belongs to at most one match, so a word counts at most once
 * per category and a multi-word pattern counts once per run. A word may count in several categories.
 *
 * Each distinct form (an id of a {@link FormTable}) is tested against every glob once: the
 * categories whose single-word patterns it matches and the globs it hits are kept per form, so
 * that counting a word is a lookup.
 *
 * @example
 * const m = new FrameMatcher(dictionaryFromObject({ гранты: ['грант*', 'иностранн* грант*'] }));
 * m.count(['иностранные', 'гранты', 'и', 'гранты']).counts // [2]
 */
export class FrameMatcher {
  readonly dictionary: Dictionary;
  readonly lemmatizer: LemmaLookup;
  readonly forms: FormTable;
  readonly categories: number;
  private readonly globs: WordGlob[] = [];
  /** Per category, its patterns as lists of glob indexes, longest first (stable). */
  private readonly patterns: Array<Array<{ globs: number[]; source: string }>>;
  /** Per category, its multi-word patterns, longest first. */
  private readonly multiWord: Array<Array<{ globs: number[]; source: string }>>;
  private readonly inMultiWord: Uint8Array;
  private readonly lemmaFilter: boolean;
  private readonly needPrefix: string[];
  private readonly stemless: boolean[];
  /** Globs by kind, so that a form is tested only against globs that can match it. */
  private readonly index: GlobIndex;
  /** Per first letter of a lemma's possible stem, the globs whose lemma test could succeed (see {@link lemmaReach}). */
  private readonly reachByFirst = new Map<string, number[]>();
  /** Globs whose literal part is empty (`*…`): any lemma may match them. */
  private readonly anyLemmaGlobs: number[] = [];
  private readonly stemlessGlobs: number[] = [];
  private readonly scratch: Uint8Array;
  /** Per glob, the categories in which it is a whole (single-word) pattern. */
  private readonly singleCategoriesOf: number[][];
  private readonly catMarks: Uint8Array;
  // per form id
  private state = new Uint8Array(1024);
  private catStart = new Int32Array(1024);
  private catCount = new Int32Array(1024);
  private hitStart = new Int32Array(1024);
  private hitCount = new Int32Array(1024);
  /** Whether a form hits a glob of a multi-word pattern. */
  private multi = new Uint8Array(1024);
  private catPool = new Int32Array(1024);
  private catUsed = 0;
  private hitPool = new Int32Array(1024);
  private hitUsed = 0;
  /** Forms whose lemma was needed but not known yet (a worker waiting for the main thread). */
  readonly waiting = new Set<number>();
  private tokenizer: Tokenizer | undefined;

  constructor(dictionary: Dictionary, lemmatizer: LemmaLookup = new Lemmatizer(), options: MatcherOptions = {}) {
    this.dictionary = dictionary;
    this.lemmatizer = lemmatizer;
    this.forms = options.forms ?? new FormTable();
    this.lemmaFilter = options.lemmaFilter ?? true;
    this.categories = dictionary.categories.length;
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
      c.compiled.map((words, k) => ({ globs: words.map(globId), source: c.patterns[k] })).sort((a, b) => b.globs.length - a.globs.length),
    );
    this.multiWord = this.patterns.map((ps) => ps.filter((p) => p.globs.length > 1));
    this.inMultiWord = new Uint8Array(this.globs.length);
    for (const ps of this.multiWord) for (const p of ps) for (const g of p.globs) this.inMultiWord[g] = 1;
    const reach = lemmaReach(this.globs.map((g) => g.glob));
    this.needPrefix = reach.needPrefix;
    this.stemless = reach.stemless;
    this.index = new GlobIndex(this.globs);
    this.scratch = new Uint8Array(this.globs.length);
    this.singleCategoriesOf = this.globs.map(() => []);
    this.patterns.forEach((ps, c) => {
      for (const p of ps) if (p.globs.length === 1 && !this.singleCategoriesOf[p.globs[0]].includes(c)) this.singleCategoriesOf[p.globs[0]].push(c);
    });
    this.catMarks = new Uint8Array(this.patterns.length);
    reach.needPrefix.forEach((p, g) => {
      if (reach.anyLemma[g]) this.anyLemmaGlobs.push(g);
      else {
        const list = this.reachByFirst.get(p[0]) ?? [];
        list.push(g);
        this.reachByFirst.set(p[0], list);
      }
      if (reach.stemless[g]) this.stemlessGlobs.push(g);
    });
  }

  /**
   * Whether the lemma of `form` could match a glob the form itself does not match (see
   * {@link lemmaReach}); when it cannot, the lemmatizer is not asked.
   */
  private lemmaMayMatter(form: string, hits: Uint8Array): boolean {
    if (!this.lemmaFilter) return true;
    for (const g of this.anyLemmaGlobs) if (!hits[g]) return true;
    // the lemma's stem starts at the form's first letter, or after a paradigm prefix (по, наи)
    if (this.reachableAt(form, 0, hits)) return true;
    if (form.charCodeAt(0) === 0x43f && form.charCodeAt(1) === 0x43e && this.reachableAt(form, 2, hits)) return true;
    if (form.startsWith('наи') && this.reachableAt(form, 3, hits)) return true;
    let stemless: boolean | undefined;
    for (const g of this.stemlessGlobs) if (!hits[g] && (stemless ??= maybeStemless(form))) return true;
    return false;
  }

  /** Whether a glob not hit yet could match a lemma whose stem starts at `form[at]`. */
  private reachableAt(form: string, at: number, hits: Uint8Array): boolean {
    const list = this.reachByFirst.get(form[at]);
    if (list) for (const g of list) if (!hits[g] && form.startsWith(this.needPrefix[g], at)) return true;
    return false;
  }

  private ensure(id: number): void {
    if (id < this.state.length) return;
    const size = Math.max(id + 1, this.state.length * 2);
    const grow32 = (a: Int32Array) => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    const state = new Uint8Array(size);
    state.set(this.state);
    this.state = state;
    const multi = new Uint8Array(size);
    multi.set(this.multi);
    this.multi = multi;
    this.catStart = grow32(this.catStart);
    this.catCount = grow32(this.catCount);
    this.hitStart = grow32(this.hitStart);
    this.hitCount = grow32(this.hitCount);
  }

  /**
   * Works out which globs and categories a form matches, once per form. Returns false when its
   * lemma is needed but not known yet (the form is then listed in {@link waiting}).
   */
  classify(id: number): boolean {
    this.ensure(id);
    const st = this.state[id];
    if (st === READY) return true;
    const form = this.forms.text(id);
    const hits = this.scratch;
    hits.fill(0);
    let nhit = this.index.test(form, hits);
    if (nhit < hits.length && this.lemmaMayMatter(form, hits)) {
      const a = this.lemmatizer.lookup(form);
      if (a === undefined) {
        this.state[id] = WAITING;
        this.waiting.add(id);
        return false;
      }
      if (a.lemma !== form) nhit += this.index.test(a.lemma, hits);
    }
    this.hitStart[id] = this.hitUsed;
    this.catStart[id] = this.catUsed;
    let nh = 0;
    let nc = 0;
    let multi = 0;
    if (nhit > 0) {
      const cats = this.catMarks;
      for (let g = 0; g < hits.length; g++) {
        if (!hits[g]) continue;
        if (this.hitUsed === this.hitPool.length) this.hitPool = grownPool(this.hitPool);
        this.hitPool[this.hitUsed++] = g;
        nh++;
        if (this.inMultiWord[g]) multi = 1;
        for (const c of this.singleCategoriesOf[g]) cats[c] = 1;
      }
      for (let c = 0; c < cats.length; c++) {
        if (!cats[c]) continue;
        cats[c] = 0;
        if (this.catUsed === this.catPool.length) this.catPool = grownPool(this.catPool);
        this.catPool[this.catUsed++] = c;
        nc++;
      }
    }
    this.hitCount[id] = nh;
    this.multi[id] = multi;
    this.catCount[id] = nc;
    this.state[id] = READY;
    if (st === WAITING) this.waiting.delete(id);
    return true;
  }

  /** Whether form `id` hits glob `g` (the form must be classified). */
  private hits(id: number, g: number): boolean {
    const s = this.hitStart[id];
    const e = s + this.hitCount[id];
    for (let k = s; k < e; k++) if (this.hitPool[k] === g) return true;
    return false;
  }

  /** Whether a single-word pattern of category `c` matches form `id`. */
  private inCategory(id: number, c: number): boolean {
    const s = this.catStart[id];
    const e = s + this.catCount[id];
    for (let k = s; k < e; k++) if (this.catPool[k] === c) return true;
    return false;
  }

  /** For a folded word form: 1 at each glob that matches the form or its lemma. */
  globsOf(form: string): Uint8Array {
    const id = this.forms.idOf(form);
    this.classify(id);
    const out = new Uint8Array(this.globs.length);
    for (let k = this.hitStart[id]; k < this.hitStart[id] + this.hitCount[id]; k++) out[this.hitPool[k]] = 1;
    return out;
  }

  /**
   * Counts the categories in the words `ids[from, to)` (classified form ids) into `counts`
   * (added to, one cell per category); returns the number of words counted in any category.
   * Words are looked up one by one; only where a word may start a multi-word pattern are the
   * categories that have such patterns walked by the matching rule.
   */
  countIds(ids: Int32Array, from: number, to: number, counts: Int32Array | number[]): number {
    const catStart = this.catStart;
    const catCount = this.catCount;
    const pool = this.catPool;
    const multi = this.multi;
    let needSlow = false;
    let matched = 0;
    for (let i = from; i < to; i++) {
      const id = ids[i];
      if (multi[id]) needSlow = true;
      const n = catCount[id];
      if (n === 0) continue;
      matched++;
      const s = catStart[id];
      for (let k = s; k < s + n; k++) counts[pool[k]]++;
    }
    if (!needSlow) return matched;
    // categories with multi-word patterns: take back their word-by-word counts and walk them
    const covered = new Uint8Array(to - from);
    for (let i = from; i < to; i++) {
      const id = ids[i];
      const s = catStart[id];
      for (let k = s; k < s + catCount[id]; k++) {
        const c = pool[k];
        if (this.multiWord[c].length > 0) counts[c]--;
        else covered[i - from] = 1;
      }
    }
    for (let c = 0; c < this.categories; c++) {
      if (this.multiWord[c].length > 0) counts[c] += this.walk(c, ids, from, to, covered, null);
    }
    matched = 0;
    for (let k = 0; k < covered.length; k++) matched += covered[k];
    return matched;
  }

  /** Every match in the words `ids[from, to)`, by category then position; `start` counts from `from`. */
  matchIds(ids: Int32Array, from: number, to: number): FrameMatch[] {
    const out: FrameMatch[] = [];
    const covered = new Uint8Array(to - from);
    for (let c = 0; c < this.categories; c++) this.walk(c, ids, from, to, covered, out);
    return out;
  }

  /**
   * The matching rule in one category: left to right, the longest multi-word pattern at each
   * word, else a single-word one; a word belongs to one match. Marks the words it covers and
   * returns the number of matches (listed in `out` when given).
   */
  private walk(category: number, ids: Int32Array, from: number, to: number, covered: Uint8Array, out: FrameMatch[] | null): number {
    const length = to - from;
    const multi = this.multiWord[category];
    let n = 0;
    for (let i = 0; i < length; ) {
      let span = 0;
      let source = '';
      for (const p of multi) {
        if (p.globs.length > length - i) continue;
        let ok = true;
        for (let k = 0; k < p.globs.length && ok; k++) ok = this.hits(ids[from + i + k], p.globs[k]);
        if (ok) {
          span = p.globs.length;
          source = p.source;
          break;
        }
      }
      if (span === 0 && this.inCategory(ids[from + i], category)) {
        span = 1;
        if (out) source = this.patterns[category].find((p) => p.globs.length === 1 && this.hits(ids[from + i], p.globs[0]))!.source;
      }
      if (span === 0) {
        i++;
        continue;
      }
      n++;
      if (out) out.push({ category, start: i, length: span, pattern: source });
      covered.fill(1, i, i + span);
      i += span;
    }
    return n;
  }

  private idsOf(forms: readonly string[]): Int32Array {
    const ids = new Int32Array(forms.length);
    forms.forEach((f, k) => {
      ids[k] = this.forms.idOf(f);
      this.classify(ids[k]);
    });
    return ids;
  }

  /**
   * Counts categories in a run of folded words (see {@link words}).
   * `matched` is the number of words counted in at least one category. `matches` lists every
   * match unless `withMatches` is false.
   */
  count(forms: readonly string[], withMatches = true): { counts: number[]; matched: number; matches: FrameMatch[] } {
    const ids = this.idsOf(forms);
    const counts = new Array<number>(this.categories).fill(0);
    const matched = this.countIds(ids, 0, ids.length, counts);
    return { counts, matched, matches: withMatches ? this.matchIds(ids, 0, ids.length) : [] };
  }

  /** Counts categories in a text: the same numbers as `count(words(text))`. */
  countText(text: string): { tokens: number; counts: number[]; matched: number } {
    const t = (this.tokenizer ??= new Tokenizer(this.forms));
    const n = t.tokenizeText(text);
    for (let k = 0; k < n; k++) this.classify(t.ids[k]);
    const counts = new Array<number>(this.categories).fill(0);
    const matched = this.countIds(t.ids, 0, n, counts);
    return { tokens: n, counts, matched };
  }
}

/** Globs grouped for testing a word: exact words by text, prefixes by first letter, the rest in a list. */
class GlobIndex {
  private readonly exact = new Map<string, number[]>();
  private readonly prefix = new Map<string, Array<{ g: number; prefix: string }>>();
  private readonly other: number[] = [];

  constructor(private readonly globs: readonly WordGlob[]) {
    globs.forEach((glob, g) => {
      const text = glob.glob;
      const wild = text.search(/[*?]/);
      if (wild < 0) this.exact.set(text, [...(this.exact.get(text) ?? []), g]);
      else if (wild > 0 && wild === text.length - 1 && text.endsWith('*')) {
        const list = this.prefix.get(text[0]) ?? [];
        list.push({ g, prefix: text.slice(0, -1) });
        this.prefix.set(text[0], list);
      } else this.other.push(g);
    });
  }

  /** Marks in `hits` the globs that match `word` and were not marked yet; returns how many it marked. */
  test(word: string, hits: Uint8Array): number {
    let n = 0;
    const exact = this.exact.get(word);
    if (exact) for (const g of exact) if (!hits[g]) (hits[g] = 1), n++;
    const prefix = this.prefix.get(word[0]);
    if (prefix) for (const p of prefix) if (!hits[p.g] && word.startsWith(p.prefix)) (hits[p.g] = 1), n++;
    for (const g of this.other) if (!hits[g] && this.globs[g].test(word)) (hits[g] = 1), n++;
    return n;
  }
}

function grownPool(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** Paradigm prefixes of OpenCorpora (pymorphy2, Az.js): a form may carry one its lemma lacks. */
const PARADIGM_PREFIXES = ['по', 'наи'];

let azSuffixes: Set<string> | undefined;
let sortedSuffixes: string[] | undefined;

/** The entries of Az.js's suffix table, folded: every ending, and every whole word of a stemless paradigm. */
function suffixTable(): Set<string> {
  if (!azSuffixes) {
    const file = path.join(path.dirname(require.resolve('az')), '..', 'dicts', 'suffixes.json');
    // the entries are lower case already: only ё (and anything unexpected) needs folding
    const fold = (e: string) => (/^[а-еж-я-]*$/.test(e) ? e : foldCase(e));
    azSuffixes = new Set((JSON.parse(fs.readFileSync(file, 'utf8')) as string[]).map(fold).filter(Boolean));
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
  const entries = (sortedSuffixes ??= [...table].sort());
  /** Whether some suffix-table entry starts with `prefix` (binary search in the sorted entries). */
  const someStartsWith = (prefix: string) => {
    let lo = 0;
    let hi = entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (entries[mid] < prefix) lo = mid + 1;
      else hi = mid;
    }
    return lo < entries.length && entries[lo].startsWith(prefix);
  };
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
    while (j < literal.length && !(exact ? table.has(literal.slice(j)) : someStartsWith(literal.slice(j)))) j++;
    needPrefix.push(literal.slice(0, j));
    anyLemma.push(literal.length === 0);
    const prefixOnly = !exact && wild === glob.length - 1;
    stemless.push(literal.length > 0 && (exact ? table.has(glob) : prefixOnly ? someStartsWith(literal) : entries.some((e) => g.test(e))));
  }
  return { needPrefix, anyLemma, stemless };
}
