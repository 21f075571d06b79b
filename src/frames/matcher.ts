import * as fs from 'node:fs';
import * as path from 'node:path';
import { FormTable, type LemmaLookup } from '../text/forms';
import { Lemmatizer } from '../text/lemmatizer';
import { foldCase } from '../text/normalize';
import { Tokenizer } from '../text/scan';
import type { Dictionary } from './dictionary';
import { compileWordGlob, type WordGlob } from './pattern';
import { describeCondition, describeRule, runContext, SHAPE, type PatternRule, type RuleCondition, type RunContext } from './rules';
import { grown } from '../util/arrays';

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
  /** For a pattern with rules: the rules that let the match through (see {@link describeRule}). */
  rule?: string;
  /** For a match a rule stopped (listed only when asked for): the condition that stopped it. */
  blocked?: string;
}

/** A pattern of a category as the matcher holds it. */
interface MatcherPattern {
  globs: number[];
  source: string;
  rule: CompiledRule | null;
}

/** A rule with its context patterns as glob indexes. */
interface CompiledRule {
  rule: PatternRule;
  not: CompiledCondition[];
  near: CompiledCondition[];
  text: string;
}

/** A rule's condition with its context patterns as glob ids. */
interface CompiledCondition {
  cond: RuleCondition;
  globs: number[][];
  /**
   * When every context pattern is one word: the condition's number among such conditions, listed
   * under each of its globs in `conditionsOf` (a word stands for the condition when it hits one);
   * else -1.
   */
  single: number;
  /** What KWIC says when the condition stops a match (written once, not per match). */
  why: string;
}

/** Options of a {@link FrameMatcher}. */
export interface MatcherOptions {
  /** Ask the lemmatizer only about forms whose lemma could reach a pattern (default true; false for verification). */
  lemmaFilter?: boolean;
  /** The vocabulary whose form ids the matcher classifies (default: one of its own). */
  forms?: FormTable;
}

const READY = 1;
/** The lists of matches of a walk that lists none (never added to). */
const NONE: FrameMatch[] = [];
/** In {@link FrameMatcher}'s word info: the form may start a multi-word pattern; below it, the number of categories. */
const MULTI = 1 << 30;
const COUNT = MULTI - 1;
const WAITING = 2;

/** What a {@link FrameMatcher} worked out per form, as numbers (see {@link FrameMatcher.exportState}). */
export interface MatcherState {
  forms: number;
  wordInfo: Int32Array;
  catCount: Int32Array;
  hitStart: Int32Array;
  hitCount: Int32Array;
  startStart: Int32Array;
  startCount: Int32Array;
  multi: Uint8Array;
  letters: Uint8Array;
  ruled: Uint8Array;
  catPool: Int32Array;
  hitPool: Int32Array;
  startPool: Int32Array;
}

/**
 * Counts a dictionary's categories in runs of words. A pattern word matches a word when its glob
 * matches the word's form or its lemma (the dictionary's lexicon first, then the lemmatizer); a
 * hyphenated word also matches by each of its parts and each part's lemma. A capitalised word
 * inside a sentence read as a name (Путина → путин) does not match by its letters a pattern that
 * names the common word they also spell (`путина`, the fishing season). Within a category,
 * longer patterns are matched first (quanteda's rule, see `walk`) and a word belongs to at
 * most one match, so a word counts at most once per category and a multi-word pattern counts once
 * per run. A word may count in several categories.
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
  private readonly patterns: Array<MatcherPattern[]>;
  /** Per category, its multi-word patterns and its patterns with rules, longest first: those the walk tries. */
  private readonly multiWord: Array<MatcherPattern[]>;
  /** Per category, its walked patterns (indexes into `multiWord`, ascending) by the glob of their first word. */
  private readonly byFirst: Array<Map<number, Int32Array>>;
  /** Per glob, the one-word rule conditions that name it (see `CompiledCondition.single`). */
  private readonly conditionsOf: number[][];
  /** Whether the dictionary has any pattern with rules. */
  readonly hasRules: boolean;
  /** Per glob, whether it is the first word of a pattern with rules. */
  private readonly startsRule: Uint8Array;
  /** Per glob, whether it is the first word of a pattern with a `pos` rule (whose word needs its analysis). */
  private readonly needsPos: Uint8Array;
  /** Per glob, whether it is the first word of a pattern with the rule `case: capitalized` (meant for the capitalised word). */
  private readonly capitalRule: Uint8Array;
  /** Per form, whether it may start a pattern with rules (its paragraph then needs a {@link RunContext}). */
  private ruled = new Uint8Array(1024);
  /** Per glob, the categories of which it is the first word of a multi-word pattern. */
  private readonly startsPhraseOf: number[][];
  /** Per category, a mark for {@link countIds} (kept zeroed between calls). */
  private readonly walkMarks: Uint8Array;
  /** Scratch of {@link countIds}: the categories it walks, and the context it reads them with. */
  private readonly walkedScratch: Int32Array;
  private readonly lazyScratch = new LazyContext(undefined);
  private readonly lemmaFilter: boolean;
  private readonly needPrefix: string[];
  /** Globs by kind, so that a form is tested only against globs that can match it. */
  private readonly index: GlobIndex;
  /** Per first letter of a lemma's possible stem, the globs whose lemma test could succeed (see {@link lemmaReach}). */
  private readonly reachByFirst = new Map<string, number[]>();
  /** Globs whose literal part is empty (`*…`): any lemma may match them. */
  private readonly anyLemmaGlobs: number[] = [];
  private readonly stemlessGlobs: number[] = [];
  private readonly scratch: Uint8Array;
  /** The globs marked in `scratch`, in the order they were marked (see {@link classify}). */
  private readonly hitList: Int32Array;
  private listed = 0;
  /** Scratch of {@link walk}: the words a match took, and the words that may start a pattern. */
  private used = new Uint8Array(256);
  private candidates = new Int32Array(256);
  /** Scratch of {@link walk}: the patterns tried at a word (at most every walked pattern of a category). */
  private readonly tried: Int32Array;
  /** Scratch of {@link countIds}: the words counted in some category. */
  private covered = new Uint8Array(256);
  /** Scratch of {@link countIds}: the positions (from the run's start) of the words that are in a category or may start a walked pattern. */
  private hitAt = new Int32Array(256);
  /** Per glob, the categories in which it is a whole (single-word) pattern. */
  private readonly singleCategoriesOf: number[][];
  private readonly catMarks: Uint8Array;
  // per form id
  private state = new Uint8Array(1024);
  private catStart = new Int32Array(1024);
  private catCount = new Int32Array(1024);
  /**
   * Per form, side by side, what {@link countIds} reads of each word: [catStart, catCount, with
   * MULTI set when the form may start a multi-word pattern], so that a word costs one memory
   * touch, not three.
   */
  private wordInfo = new Int32Array(2048);
  private hitStart = new Int32Array(1024);
  private hitCount = new Int32Array(1024);
  /** Whether a form may start a multi-word pattern (hits the first glob of one). */
  private multi = new Uint8Array(1024);
  /** Per form, the categories whose multi-word patterns it may start (in {@link startPool}). */
  private startStart = new Int32Array(1024);
  private startCount = new Int32Array(1024);
  private startPool: Int32Array = new Int32Array(1024);
  private startUsed = 0;
  private catPool: Int32Array = new Int32Array(1024);
  private catUsed = 0;
  private hitPool: Int32Array = new Int32Array(1024);
  private hitUsed = 0;
  /** Whether a form holds a letter (a word), as opposed to digits only (a number). */
  private letters = new Uint8Array(1024);
  /** Forms whose lemma was needed but not known yet (a worker waiting for the main thread). */
  readonly waiting = new Set<number>();
  /** Per waiting form, the words whose lemmas it needs (itself, or the parts of a hyphenated word). */
  private readonly needs = new Map<number, string[]>();
  /** The user's lemmas (the dictionary's lexicon), asked before the lemmatizer. */
  private readonly lexicon: Map<string, string> | undefined;
  private tokenizer: Tokenizer | undefined;

  constructor(dictionary: Dictionary, lemmatizer: LemmaLookup = new Lemmatizer(), options: MatcherOptions = {}) {
    this.dictionary = dictionary;
    this.lemmatizer = lemmatizer;
    this.forms = options.forms ?? new FormTable();
    this.lemmaFilter = options.lemmaFilter ?? true;
    this.categories = dictionary.categories.length;
    this.lexicon = dictionary.lexicon ? new Map(Object.entries(dictionary.lexicon.entries)) : undefined;
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
    let singles = 0;
    const compileRule = (rule: PatternRule): CompiledRule => {
      const line = (cond: RuleCondition) => (cond.line !== undefined ? ` (line ${cond.line})` : '');
      const conds = (cs: RuleCondition[], near: boolean): CompiledCondition[] =>
        cs.map((cond) => {
          const globs = cond.compiled.map((words) => words.map(globId));
          return {
            cond,
            globs,
            single: globs.every((g) => g.length === 1) ? singles++ : -1,
            why: near ? `near: no ${describeCondition(cond).replace(/^near /, '')}${line(cond)}` : `not ${describeCondition(cond)}${line(cond)}`,
          };
        });
      return { rule, not: conds(rule.not, false), near: conds(rule.near, true), text: describeRule(rule) };
    };
    this.patterns = dictionary.categories.map((c) =>
      c.compiled
        .map((words, k): MatcherPattern => {
          const rule = c.rules?.[k];
          return { globs: words.map(globId), source: c.patterns[k], rule: rule ? compileRule(rule) : null };
        })
        .sort((a, b) => b.globs.length - a.globs.length),
    );
    this.multiWord = this.patterns.map((ps) => ps.filter((p) => p.globs.length > 1 || p.rule));
    this.hasRules = this.patterns.some((ps) => ps.some((p) => p.rule));
    // per glob, the one-word conditions that name it (lists, not a mark per glob per condition:
    // a dictionary of many rules has many globs)
    const conditionsOf: number[][] = this.globs.map(() => []);
    for (const ps of this.patterns) {
      for (const p of ps) {
        for (const n of p.rule ? [...p.rule.not, ...p.rule.near] : []) {
          if (n.single < 0) continue;
          for (const g of n.globs) if (!conditionsOf[g[0]].includes(n.single)) conditionsOf[g[0]].push(n.single);
        }
      }
    }
    this.conditionsOf = conditionsOf;
    this.startsRule = new Uint8Array(this.globs.length);
    this.needsPos = new Uint8Array(this.globs.length);
    this.capitalRule = new Uint8Array(this.globs.length);
    for (const ps of this.patterns) {
      for (const p of ps) {
        if (!p.rule) continue;
        this.startsRule[p.globs[0]] = 1;
        if (p.rule.rule.pos.length) this.needsPos[p.globs[0]] = 1;
        if (p.rule.rule.case === 'capitalized') this.capitalRule[p.globs[0]] = 1;
      }
    }
    // per category, its walked patterns by first glob, ascending (so in the walk's order); a map
    // per category, not an array over every glob: a dictionary of many categories has many globs
    this.byFirst = this.multiWord.map((ps) => {
      const lists = new Map<number, number[]>();
      ps.forEach((p, q) => {
        const list = lists.get(p.globs[0]);
        if (list) list.push(q);
        else lists.set(p.globs[0], [q]);
      });
      return new Map([...lists].map(([g, qs]) => [g, Int32Array.from(qs)]));
    });
    this.tried = new Int32Array(Math.max(1, this.multiWord.reduce((n, ps) => Math.max(n, ps.length), 0)));
    this.startsPhraseOf = this.globs.map(() => []);
    this.multiWord.forEach((ps, c) => {
      for (const p of ps) if (!this.startsPhraseOf[p.globs[0]].includes(c)) this.startsPhraseOf[p.globs[0]].push(c);
    });
    this.walkMarks = new Uint8Array(this.patterns.length);
    this.walkedScratch = new Int32Array(this.patterns.length);
    const reach = lemmaReach(this.globs.map((g) => g.glob));
    this.needPrefix = reach.needPrefix;
    this.index = new GlobIndex(this.globs);
    this.scratch = new Uint8Array(this.globs.length);
    // room for each glob twice: one unmarked again may be marked again (by a part of the word)
    this.hitList = new Int32Array(2 * this.globs.length);
    this.singleCategoriesOf = this.globs.map(() => []);
    this.patterns.forEach((ps, c) => {
      for (const p of ps) if (p.globs.length === 1 && !p.rule && !this.singleCategoriesOf[p.globs[0]].includes(c)) this.singleCategoriesOf[p.globs[0]].push(c);
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
    this.state = grown(this.state, size);
    this.multi = grown(this.multi, size);
    this.letters = grown(this.letters, size);
    this.ruled = grown(this.ruled, size);
    this.catStart = grown(this.catStart, size);
    this.catCount = grown(this.catCount, size);
    this.wordInfo = grown(this.wordInfo, 2 * size);
    this.startStart = grown(this.startStart, size);
    this.startCount = grown(this.startCount, size);
    this.hitStart = grown(this.hitStart, size);
    this.hitCount = grown(this.hitCount, size);
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
    // the globs marked are listed in hitList[0, listed): only those are cleared and walked (a
    // glob unmarked again stays listed, and is skipped)
    const list = this.hitList;
    for (let k = 0; k < this.listed; k++) hits[list[k]] = 0;
    this.listed = 0;
    let missing: string[] | undefined;
    const key = this.forms.key(id);
    let nhit = this.testWord(form, hits, 0, key);
    if (nhit < 0) (missing ??= []).push(key), (nhit = -nhit - 1);
    // the name variant of a form (a capitalised word inside a sentence) read as a name: the globs
    // its letters match only as the common word are taken back (see nameHits)
    if (key !== form && nhit > 0 && !missing) {
      const n = this.nameHits(form, key, hits, nhit);
      if (n < 0) missing = [key, form];
      else nhit = n;
    }
    // a hyphenated word also matches by each of its parts and their lemmas (организаций-доноров: донор*)
    if (form.includes('-') && nhit < hits.length) {
      for (const part of partsOf(form)) {
        const n = this.testWord(part, hits, nhit);
        if (n < 0) (missing ??= []).push(part), (nhit = -n - 1);
        else nhit = n;
      }
    }
    // a word that may start a pattern with a `pos` rule needs its part of speech
    if (this.hasRules && nhit > 0) {
      for (let k = 0; k < this.listed; k++) {
        if (hits[list[k]] && this.needsPos[list[k]] && this.lemmatizer.lookup(form) === undefined) {
          if (!missing?.includes(form)) (missing ??= []).push(form);
          break;
        }
      }
    }
    if (missing) {
      this.ruled[id] = 1;
      this.state[id] = WAITING;
      this.waiting.add(id);
      this.needs.set(id, missing);
      return false;
    }
    this.letters[id] = /\p{L}/u.test(form) ? 1 : 0;
    this.ruled[id] = 0;
    this.hitStart[id] = this.hitUsed;
    this.catStart[id] = this.catUsed;
    this.startStart[id] = this.startUsed;
    let nh = 0;
    let nc = 0;
    let ns = 0;
    if (nhit > 0) {
      const cats = this.catMarks;
      const starts = this.walkMarks;
      // in glob order, as a walk over all globs would list them
      list.subarray(0, this.listed).sort();
      for (let k = 0; k < this.listed; k++) {
        const g = list[k];
        if (!hits[g] || (k > 0 && list[k - 1] === g)) continue;
        if (this.hitUsed === this.hitPool.length) this.hitPool = grown(this.hitPool);
        this.hitPool[this.hitUsed++] = g;
        nh++;
        if (this.startsRule[g]) this.ruled[id] = 1;
        for (const c of this.singleCategoriesOf[g]) cats[c] = 1;
        for (const c of this.startsPhraseOf[g]) starts[c] = 1;
      }
      for (let c = 0; c < cats.length; c++) {
        if (starts[c]) {
          starts[c] = 0;
          if (this.startUsed === this.startPool.length) this.startPool = grown(this.startPool);
          this.startPool[this.startUsed++] = c;
          ns++;
        }
        if (!cats[c]) continue;
        cats[c] = 0;
        if (this.catUsed === this.catPool.length) this.catPool = grown(this.catPool);
        this.catPool[this.catUsed++] = c;
        nc++;
      }
    }
    this.hitCount[id] = nh;
    this.startCount[id] = ns;
    this.multi[id] = ns > 0 ? 1 : 0;
    this.catCount[id] = nc;
    this.wordInfo[2 * id] = this.catStart[id];
    this.wordInfo[2 * id + 1] = ns > 0 ? nc | MULTI : nc;
    this.state[id] = READY;
    if (st === WAITING) this.waiting.delete(id), this.needs.delete(id);
    return true;
  }

  /**
   * Marks the globs a word or its lemma matches; returns the number of globs marked in all (from
   * `marked` before), or `-(that number) - 1` when the lemma was needed but is not known yet.
   */
  private testWord(word: string, hits: Uint8Array, marked: number, key = word): number {
    let n = marked + this.mark(word, hits);
    if (n === hits.length) return n;
    const own = this.lexicon?.get(word);
    if (own !== undefined) return own === word ? n : n + this.mark(own, hits);
    if (!this.lemmaMayMatter(word, hits)) return n;
    const a = this.lemmatizer.lookup(key);
    if (a === undefined) return -n - 1;
    if (a.lemma !== word) n += this.mark(a.lemma, hits);
    return n;
  }

  /**
   * The proper-name rule for form matches. A capitalised word inside a sentence that the
   * lemmatizer reads as a name (`Путина` → путин, see `analyzeName`) must not count for a
   * pattern meant as the common word its letters also spell (`путина`, the fishing season). A
   * glob the form hits is taken back when it matches the lemma of the word in lower case
   * (путина) but not the name's lemma (путин): the pattern names the common word. A glob that
   * matches the name's lemma (`путин`, `путин*`) stays, and so does one that is neither lemma, a
   * form of the name written out (`путиным`). Nothing changes when the two lemmas agree (no name
   * reading: `Запада` is запад either way), when the dictionary's lexicon gives the form its
   * lemma, or for a glob that starts a pattern with `case: capitalized` (meant for the capital).
   * Decided once per form, at classification. Returns the globs left marked, or -1 while a
   * lemma is not known yet.
   */
  private nameHits(form: string, key: string, hits: Uint8Array, nhit: number): number {
    if (this.lexicon?.has(form)) return nhit;
    const name = this.lemmatizer.lookup(key);
    const common = this.lemmatizer.lookup(form);
    if (name === undefined || common === undefined) return -1;
    if (name.lemma === common.lemma) return nhit;
    for (let g = 0; g < hits.length; g++) {
      if (!hits[g] || this.capitalRule[g]) continue;
      const glob = this.globs[g];
      if (glob.test(common.lemma) && !glob.test(name.lemma)) (hits[g] = 0), nhit--;
    }
    return nhit;
  }

  /**
   * Marks the globs `word` matches in `hits` and lists them after the others in `hitList`
   * (`listed` follows at once, so that the next classify clears them whatever happens); returns
   * how many it marked.
   */
  private mark(word: string, hits: Uint8Array): number {
    const before = this.listed;
    this.listed = this.index.test(word, hits, this.hitList, before);
    return this.listed - before;
  }

  /** The words whose lemmas a waiting form needs before it can be classified. */
  needsOf(id: number): string[] {
    return this.needs.get(id) ?? [];
  }

  /**
   * The lemma of a word: the lexicon's, else the lemmatizer's (undefined while not known yet);
   * `key` is what the lemmatizer is asked (a form's `FormTable.key`: `Путина` for a capitalised
   * word inside a sentence, whose lemma is the name).
   */
  analysisOf(word: string, key = word): { lemma: string; guessed: boolean; lexicon: boolean } | undefined {
    const own = this.lexicon?.get(word);
    if (own !== undefined) return { lemma: own, guessed: false, lexicon: true };
    const a = this.lemmatizer.lookup(key);
    return a && { lemma: a.lemma, guessed: a.guessed === true, lexicon: false };
  }

  /**
   * How a classified form matched a pattern word: by the form itself, its lemma, one part of a
   * hyphenated form, or that part's lemma (the first that does, in this order).
   */
  explain(id: number, glob: string): { via: 'form' | 'lemma' | 'part' | 'part lemma'; word: string } {
    const g = compileWordGlob(glob);
    const form = this.forms.text(id);
    if (g.test(form)) return { via: 'form', word: form };
    const lemma = this.analysisOf(form, this.forms.key(id))?.lemma;
    if (lemma !== undefined && g.test(lemma)) return { via: 'lemma', word: lemma };
    for (const part of form.includes('-') ? partsOf(form) : []) {
      if (g.test(part)) return { via: 'part', word: part };
      const l = this.analysisOf(part)?.lemma;
      if (l !== undefined && g.test(l)) return { via: 'part lemma', word: l };
    }
    return { via: 'lemma', word: lemma ?? form };
  }

  /**
   * The number of words in `ids[from, to)`: every token, or (`lettersOnly`) only those holding a
   * letter, leaving out numbers such as the 19, 05 and 2008 of a date.
   */
  wordCount(ids: Int32Array, from: number, to: number, lettersOnly: boolean): number {
    if (!lettersOnly) return to - from;
    let n = 0;
    for (let i = from; i < to; i++) n += this.letters[ids[i]];
    return n;
  }

  /** Whether form `id` hits glob `g` (the form must be classified). */
  private hits(id: number, g: number): boolean {
    const s = this.hitStart[id];
    const e = s + this.hitCount[id];
    for (let k = s; k < e; k++) if (this.hitPool[k] === g) return true;
    return false;
  }

  /** Whether form `id` may start a multi-word or ruled pattern of category `c`. */
  private startsIn(id: number, c: number): boolean {
    const s = this.startStart[id];
    const e = s + this.startCount[id];
    for (let k = s; k < e; k++) if (this.startPool[k] === c) return true;
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
  countIds(ids: Int32Array, from: number, to: number, counts: Int32Array | number[], context?: ContextSource): number {
    const catStart = this.catStart;
    const catCount = this.catCount;
    const pool = this.catPool;
    const multi = this.multi;
    const info = this.wordInfo;
    let needSlow = 0;
    let matched = 0;
    if (this.hitAt.length < to - from) this.hitAt = new Int32Array(Math.max(to - from, 2 * this.hitAt.length));
    const hitAt = this.hitAt;
    let nh = 0;
    for (let i = from; i < to; i++) {
      const o = 2 * ids[i];
      const cm = info[o + 1];
      needSlow |= cm;
      if (cm === 0) continue;
      hitAt[nh++] = i - from;
      const n = cm & COUNT;
      if (n === 0) continue;
      matched++;
      const s = info[o];
      for (let k = s; k < s + n; k++) counts[pool[k]]++;
    }
    needSlow &= MULTI;
    if (!needSlow) return matched;
    // the categories a word of the run may start a phrase of: take back their word-by-word counts
    // and walk them (in the others, a phrase cannot match, and the word-by-word counts stand)
    const walk = this.walkMarks;
    // (scratch kept between calls: no array per paragraph)
    const walked = this.walkedScratch;
    let nw = 0;
    for (let h = 0; h < nh; h++) {
      const id = ids[from + hitAt[h]];
      if (!multi[id]) continue;
      for (let k = this.startStart[id]; k < this.startStart[id] + this.startCount[id]; k++) {
        const c = this.startPool[k];
        if (!walk[c]) (walk[c] = 1), (walked[nw++] = c);
      }
    }
    if (this.covered.length < to - from) this.covered = new Uint8Array(Math.max(to - from, 2 * this.covered.length));
    const covered = this.covered;
    covered.fill(0, 0, to - from);
    for (let h = 0; h < nh; h++) {
      const id = ids[from + hitAt[h]];
      const s = catStart[id];
      for (let k = s; k < s + catCount[id]; k++) {
        const c = pool[k];
        if (walk[c]) counts[c]--;
        else covered[hitAt[h]] = 1;
      }
    }
    const ctx = this.lazyScratch.reset(context);
    for (let w = 0; w < nw; w++) {
      const c = walked[w];
      counts[c] += this.walk(c, ids, from, to, hitAt, nh, covered, null, ctx);
      walk[c] = 0;
    }
    ctx.reset(undefined);
    matched = 0;
    for (let k = 0; k < to - from; k++) matched += covered[k];
    return matched;
  }

  /**
   * Every match in the words `ids[from, to)`, by category then position; `start` counts from
   * `from`. With `blocked`, matches a rule stopped are listed too (with `blocked` set), unless
   * another pattern of the category counted the same first word.
   */
  matchIds(ids: Int32Array, from: number, to: number, context?: ContextSource, blocked = false): FrameMatch[] {
    const out: FrameMatch[] = [];
    const covered = new Uint8Array(to - from);
    const ctx = new LazyContext(context);
    const hitAt = new Int32Array(to - from);
    let nh = 0;
    for (let i = from; i < to; i++) if (this.wordInfo[2 * ids[i] + 1] !== 0) hitAt[nh++] = i - from;
    for (let c = 0; c < this.categories; c++) this.walk(c, ids, from, to, hitAt, nh, covered, out, ctx, blocked);
    return out;
  }

  /**
   * What this matcher worked out for forms `0 … n - 1` of its form table (see {@link importState}),
   * or null when one of them is not classified (a lemma still missing).
   */
  exportState(n = this.forms.size): MatcherState | null {
    this.ensure(n);
    for (let id = 0; id < n; id++) if (this.state[id] !== READY) return null;
    return {
      forms: n,
      wordInfo: this.wordInfo.subarray(0, 2 * n),
      catCount: this.catCount.subarray(0, n),
      hitStart: this.hitStart.subarray(0, n),
      hitCount: this.hitCount.subarray(0, n),
      startStart: this.startStart.subarray(0, n),
      startCount: this.startCount.subarray(0, n),
      multi: this.multi.subarray(0, n),
      letters: this.letters.subarray(0, n),
      ruled: this.ruled.subarray(0, n),
      catPool: this.catPool.subarray(0, this.catUsed),
      hitPool: this.hitPool.subarray(0, this.hitUsed),
      startPool: this.startPool.subarray(0, this.startUsed),
    };
  }

  /**
   * Takes the classification of {@link exportState} (made for the same dictionary, lemmas and
   * form table state) into this matcher, which must not have classified any form yet: forms
   * `0 … forms - 1` are then ready without being classified again.
   */
  importState(s: MatcherState): void {
    if (this.catUsed !== 0 || this.hitUsed !== 0 || this.startUsed !== 0 || this.state.some((x) => x !== 0)) throw new Error('a matcher takes a saved state only when new');
    const n = s.forms;
    this.ensure(n);
    this.state.fill(READY, 0, n);
    this.wordInfo.set(s.wordInfo);
    this.catCount.set(s.catCount);
    for (let id = 0; id < n; id++) this.catStart[id] = s.wordInfo[2 * id];
    this.hitStart.set(s.hitStart);
    this.hitCount.set(s.hitCount);
    this.startStart.set(s.startStart);
    this.startCount.set(s.startCount);
    this.multi.set(s.multi);
    this.letters.set(s.letters);
    this.ruled.set(s.ruled);
    // the pools are taken as they are (they grow when full)
    const pool = (a: Int32Array) => (a.length > 0 ? a : new Int32Array(1024));
    this.catPool = pool(s.catPool);
    this.catUsed = s.catPool.length;
    this.hitPool = pool(s.hitPool);
    this.hitUsed = s.hitPool.length;
    this.startPool = pool(s.startPool);
    this.startUsed = s.startPool.length;
  }

  /**
   * Per form id, 1 where the form may start a pattern with rules or waits for its lemma (so its
   * paragraph may need a {@link RunContext}), 0 where it cannot; forms must have been classified
   * (or tried). The array is replaced as the vocabulary grows: take it after classifying.
   */
  get ruledForms(): Uint8Array {
    return this.ruled;
  }

  /**
   * Whether the rules of a pattern let the match of words `i … i + span - 1` (of the run
   * `ids[from, to)`) count; returns null when they do, else the condition that stops it.
   */
  private stoppedBy(r: CompiledRule, globs: number[], ids: Int32Array, from: number, to: number, i: number, span: number, ctx: LazyContext): string | null {
    const rule = r.rule;
    const first = ids[from + i];
    const c = ctx.get(to - from);
    const last = i + span - 1;
    // the words of the match's sentence(s) (without a context, the run is one sentence)
    let sLo = 0;
    let sHi = to - from - 1;
    if (c) {
      const sentence = c.sentence;
      const sFirst = sentence[i];
      const sLast = sentence[last];
      sLo = i;
      while (sLo > 0 && sentence[sLo - 1] === sFirst) sLo--;
      sHi = last;
      while (sHi + 1 < to - from && sentence[sHi + 1] === sLast) sHi++;
    }
    for (const n of r.not) if (this.holds(n, ids, from, to, i, last, sLo, sHi)) return n.why;
    for (const n of r.near) if (!this.holds(n, ids, from, to, i, last, sLo, sHi)) return n.why;
    // then what the word itself must be (the context conditions first: they say more in KWIC)
    if (rule.case === 'any' && rule.parts && !rule.pos.length) return null;
    const ruleLine = rule.line !== undefined ? ` (line ${rule.line})` : '';
    if (rule.case !== 'any') {
      const shape = c ? c.shape[i] : 0;
      const upper = (shape & (SHAPE.capitalized | SHAPE.allCaps)) !== 0;
      if (shape & SHAPE.initial && upper && !rule.sentenceInitial) return `case ${rule.case}: sentence-initial, its case says nothing${ruleLine}`;
      if (rule.case === 'capitalized' ? !upper : upper) return `case ${rule.case}${ruleLine}`;
    }
    if (!rule.parts) {
      // the whole word (or its lemma) must match, not one part of a hyphenated word
      for (let k = 0; k < span; k++) {
        const form = this.forms.text(ids[from + i + k]);
        if (!form.includes('-')) continue;
        const g = this.globs[globs[k]];
        const lemma = this.analysisOf(form)?.lemma;
        if (!g.test(form) && !(lemma !== undefined && g.test(lemma))) return `parts false: only a part of "${form}" matched${ruleLine}`;
      }
    }
    if (rule.pos.length) {
      const pos = this.lemmatizer.lookup(this.forms.text(first))?.pos ?? 'none';
      if (!rule.pos.includes(pos)) return `pos ${rule.pos.join('|')}: the word is ${pos}${ruleLine}`;
    }
    return null;
  }

  /**
   * Whether condition `n` holds for the match of words `i … last` of the run `ids[from, to)`,
   * whose sentence(s) span words `sLo … sHi` (positions from `from`).
   */
  private holds(n: CompiledCondition, ids: Int32Array, from: number, to: number, i: number, last: number, sLo: number, sHi: number): boolean {
    const cond = n.cond;
    const w = cond.within;
    if (n.single >= 0) {
      // every context pattern is one word: one pass over the window, not one per pattern
      let lo: number;
      let hi: number;
      if (cond.kind === 'preceded_by') {
        lo = w === 'sentence' || w === 'paragraph' ? sLo : Math.max(sLo, i - w);
        hi = i - 1;
      } else if (cond.kind === 'followed_by') {
        lo = last + 1;
        hi = w === 'sentence' || w === 'paragraph' ? sHi : Math.min(sHi, last + w);
      } else if (cond.kind === 'in_sentence' || w === 'sentence') {
        lo = sLo;
        hi = sHi;
      } else if (w === 'paragraph') {
        lo = 0;
        hi = to - from - 1;
      } else {
        lo = Math.max(sLo, i - w);
        hi = Math.min(sHi, last + w);
      }
      const single = n.single;
      for (let j = lo; j <= hi; j++) {
        if (j >= i && j <= last) continue; // the match's own words are not its context
        const id = ids[from + j];
        const e = this.hitStart[id] + this.hitCount[id];
        for (let k = this.hitStart[id]; k < e; k++) {
          const named = this.conditionsOf[this.hitPool[k]];
          if (named.length !== 0 && named.includes(single)) return true;
        }
      }
      return false;
    }
    for (const g of n.globs) {
      const L = g.length;
      if (cond.kind === 'preceded_by') {
        // the context pattern ends within `w` words before the match's first word, in its sentence
        const lo = w === 'sentence' || w === 'paragraph' ? sLo : Math.max(sLo, i - w);
        for (let end = i - 1; end >= lo; end--) if (this.occurs(g, ids, from, end - L + 1, sLo, i - 1, i, last)) return true;
      } else if (cond.kind === 'followed_by') {
        const hi = w === 'sentence' || w === 'paragraph' ? sHi : Math.min(sHi, last + w);
        for (let j = last + 1; j <= hi; j++) if (this.occurs(g, ids, from, j, last + 1, sHi, i, last)) return true;
      } else if (cond.kind === 'in_sentence' || w === 'sentence') {
        for (let j = sLo; j <= sHi; j++) if (this.occurs(g, ids, from, j, sLo, sHi, i, last)) return true;
      } else if (w === 'paragraph') {
        for (let j = 0; j < to - from; j++) if (this.occurs(g, ids, from, j, 0, to - from - 1, i, last)) return true;
      } else {
        // near, a number of words: a word of the context pattern within `w` words of the match, in its sentence
        for (let j = Math.max(sLo, i - w - L + 1); j <= Math.min(sHi, last + w); j++) {
          if (j + L - 1 < i - w || j > last + w) continue;
          if (this.occurs(g, ids, from, j, sLo, sHi, i, last)) return true;
        }
      }
    }
    return false;
  }

  /** Whether context pattern `g` occurs at words `j …` entirely within [lo, hi] and outside the match `i … last`. */
  private occurs(g: number[], ids: Int32Array, from: number, j: number, lo: number, hi: number, i: number, last: number): boolean {
    if (j < lo || j + g.length - 1 > hi) return false;
    if (j <= last && j + g.length - 1 >= i) return false;
    for (let k = 0; k < g.length; k++) if (!this.hits(ids[from + j + k], g[k])) return false;
    return true;
  }

  /**
   * The matching rule in one category, quanteda's: longer patterns first over the whole run, then
   * shorter ones, left to right within one length, and a match is dropped when it would reuse a
   * word already matched in this category. ("human rights of women" with `human rights`, `rights of
   * women` and `women` is one match.) Marks the words it covers in `covered` and returns the number
   * of matches (listed in `out`, by position, when given).
   */
  private walk(category: number, ids: Int32Array, from: number, to: number, hitAt: Int32Array, nh: number, covered: Uint8Array, out: FrameMatch[] | null, ctx: LazyContext, listBlocked = false): number {
    const length = to - from;
    const multi = this.multiWord[category];
    if (this.used.length < length) this.used = new Uint8Array(Math.max(length, 2 * this.used.length));
    const used = this.used;
    used.fill(0, 0, length);
    const found: FrameMatch[] = out ? [] : NONE;
    const stopped: FrameMatch[] = out ? [] : NONE;
    let n = 0;
    // the words that may start a walked pattern of this category, found once for every length
    if (this.candidates.length < length) this.candidates = new Int32Array(Math.max(length, 2 * this.candidates.length));
    const candidates = this.candidates;
    const byFirst = this.byFirst[category];
    const tried = this.tried;
    let nc = 0;
    for (let h = 0; h < nh; h++) {
      const i = hitAt[h];
      if (this.multi[ids[from + i]] && this.startsIn(ids[from + i], category)) candidates[nc++] = i;
    }
    // multi-word patterns are sorted longest first; patterns of one length are tried in dictionary order
    for (let p0 = 0; p0 < multi.length; ) {
      const span = multi[p0].globs.length;
      let p1 = p0;
      while (p1 < multi.length && multi[p1].globs.length === span) p1++;
      for (let c = 0; c < nc && candidates[c] + span <= length; c++) {
        const i = candidates[c];
        let free = true;
        for (let k = i; k < i + span && free; k++) free = used[k] === 0;
        if (!free) continue;
        // the patterns of this length whose first word is one this word hits, from the index by
        // first glob, in dictionary order
        const first = ids[from + i];
        let nq = 0;
        for (let k = this.hitStart[first], e = k + this.hitCount[first]; k < e; k++) {
          const starting = byFirst.get(this.hitPool[k]);
          if (starting === undefined) continue;
          for (let r = 0; r < starting.length; r++) {
            const q = starting[r];
            if (q < p0) continue;
            if (q >= p1) break;
            tried[nq++] = q;
          }
        }
        // (a word hits few globs, and each lists few patterns: insertion sort)
        for (let a = 1; a < nq; a++) {
          const q = tried[a];
          let z = a - 1;
          while (z >= 0 && tried[z] > q) (tried[z + 1] = tried[z]), z--;
          tried[z + 1] = q;
        }
        for (let t = 0; t < nq; t++) {
          const q = tried[t];
          const globs = multi[q].globs;
          // (the first word hits globs[0]: that is how the index found the pattern)
          let ok = true;
          for (let k = 1; k < span && ok; k++) ok = this.hits(ids[from + i + k], globs[k]);
          if (!ok) continue;
          const rule = multi[q].rule;
          if (rule) {
            // a match its rules stop claims no word: another pattern of the category may still match them
            const why = this.stoppedBy(rule, globs, ids, from, to, i, span, ctx);
            if (why !== null) {
              if (out && listBlocked) stopped.push({ category, start: i, length: span, pattern: multi[q].source, rule: rule.text, blocked: why });
              continue;
            }
          }
          n++;
          used.fill(1, i, i + span);
          covered.fill(1, i, i + span);
          if (out) found.push({ category, start: i, length: span, pattern: multi[q].source, ...(rule && { rule: rule.text }) });
          break;
        }
      }
      p0 = p1;
    }
    for (let h = 0; h < nh; h++) {
      const i = hitAt[h];
      if (used[i] || !this.inCategory(ids[from + i], category)) continue;
      n++;
      used[i] = 1;
      covered[i] = 1;
      if (out) found.push({ category, start: i, length: 1, pattern: this.patterns[category].find((p) => p.globs.length === 1 && !p.rule && this.hits(ids[from + i], p.globs[0]))!.source });
    }
    // a stopped match is listed once, and not where the category counted its first word after all
    if (out && stopped.length) {
      const seen = new Set<number>();
      for (const m of stopped) if (!used[m.start] && !seen.has(m.start)) seen.add(m.start), found.push(m);
    }
    // a loop, not push(...found): a long paragraph may have more matches than a call takes arguments
    if (out) for (const m of found.sort((a, b) => a.start - b.start)) out.push(m);
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

  /**
   * Counts categories in a paragraph's text, with what rules need (sentences and case as
   * written); `matches` lists every match, and with `blocked` those a rule stopped.
   */
  matchText(text: string, blocked = false): { counts: number[]; matched: number; matches: FrameMatch[] } {
    const t = (this.tokenizer ??= new Tokenizer(this.forms));
    const n = t.tokenizeText(text);
    for (let k = 0; k < n; k++) this.classify(t.ids[k]);
    const ids = t.ids.slice(0, n);
    const starts = t.starts.slice(0, n);
    const ends = t.ends.slice(0, n);
    const context = () => runContext(text, starts, ends);
    const counts = new Array<number>(this.categories).fill(0);
    const matched = this.countIds(ids, 0, n, counts, context);
    return { counts, matched, matches: this.matchIds(ids, 0, n, context, blocked) };
  }

  /** Counts categories in a text: the same numbers as `count(words(text))`; `tokens` counts only words with a letter when `lettersOnly`. */
  countText(text: string, lettersOnly = false): { tokens: number; counts: number[]; matched: number } {
    const t = (this.tokenizer ??= new Tokenizer(this.forms));
    const n = t.tokenizeText(text);
    for (let k = 0; k < n; k++) this.classify(t.ids[k]);
    const counts = new Array<number>(this.categories).fill(0);
    const context = this.hasRules ? () => runContext(text, t.starts, t.ends, 0, n) : undefined;
    const matched = this.countIds(t.ids, 0, n, counts, context);
    return { tokens: this.wordCount(t.ids, 0, n, lettersOnly), counts, matched };
  }
}

/**
 * What rules read of a run beyond its forms: a {@link RunContext}, or a function that makes it
 * (called only when a pattern with rules is walked). Without one, the run is one sentence of
 * lower-case words.
 */
export type ContextSource = RunContext | (() => RunContext | undefined) | undefined;

/** A context made on first use, once. */
class LazyContext {
  private made = false;
  private value: RunContext | undefined;
  constructor(private source: ContextSource) {}
  /** The same object over another source (a scratch reused by {@link FrameMatcher.countIds}). */
  reset(source: ContextSource): this {
    this.source = source;
    this.made = false;
    this.value = undefined;
    return this;
  }
  /** The context, if it covers `length` words (else none: a mismatch must not read another paragraph's). */
  get(length: number): RunContext | undefined {
    if (!this.made) {
      this.made = true;
      this.value = typeof this.source === 'function' ? this.source() : this.source;
    }
    return this.value && this.value.sentence.length === length ? this.value : undefined;
  }
}

/** The parts of a hyphenated word, each once (организаций-доноров → организаций, доноров). */
function partsOf(form: string): string[] {
  return [...new Set(form.split('-').filter((p) => p && p !== form))];
}

/** Globs grouped for testing a word: exact words by text, prefixes by first letter, the rest in a list. */
class GlobIndex {
  private readonly exact = new Map<string, number[]>();
  /** Prefix globs (`грант*`) by the first two UTF-16 units of their prefix (`prefixKey`); those of a one-unit prefix in `shortPrefix`. */
  private readonly prefix = new Map<number, Array<{ g: number; prefix: string }>>();
  private readonly shortPrefix: Array<{ g: number; prefix: string }> = [];
  /** Globs of stars alone: every word matches them. */
  private readonly every: number[] = [];
  /**
   * The other globs, each with what a word must hold for the glob's own test to be worth running:
   * the literal start before the first wildcard and the longest literal run (`*коррупц*`: any
   * word holding коррупц, which is all that glob asks when it has no `?`).
   */
  private readonly other: Array<{ g: number; start: string; holds: string; enough: boolean }> = [];

  constructor(private readonly globs: readonly WordGlob[]) {
    globs.forEach((glob, g) => {
      const text = glob.glob;
      const wild = text.search(/[*?]/);
      if (wild < 0) this.exact.set(text, [...(this.exact.get(text) ?? []), g]);
      else if (wild > 0 && wild === text.length - 1 && text.endsWith('*')) {
        const prefix = text.slice(0, -1);
        if (prefix.length < 2) this.shortPrefix.push({ g, prefix });
        else {
          const list = this.prefix.get(prefixKey(prefix)) ?? [];
          list.push({ g, prefix });
          this.prefix.set(prefixKey(prefix), list);
        }
      } else if (/^\*+$/.test(text)) this.every.push(g);
      else {
        const runs = text.split(/[*?]+/);
        const holds = runs.reduce((a, b) => (b.length > a.length ? b : a), '');
        // `*literal*` matches exactly the words holding the literal
        this.other.push({ g, start: text.slice(0, wild), holds, enough: /^\*+[^*?]+\*+$/.test(text) });
      }
    });
  }

  /**
   * Marks in `hits` the globs that match `word` and were not marked yet, listing each in
   * `list` from `n` on; returns `n` plus how many it marked.
   */
  test(word: string, hits: Uint8Array, list: Int32Array, n: number): number {
    const exact = this.exact.get(word);
    if (exact) for (const g of exact) if (!hits[g]) (hits[g] = 1), (list[n++] = g);
    const prefix = word.length >= 2 ? this.prefix.get(prefixKey(word)) : undefined;
    if (prefix) for (const p of prefix) if (!hits[p.g] && word.startsWith(p.prefix)) (hits[p.g] = 1), (list[n++] = p.g);
    for (const p of this.shortPrefix) if (!hits[p.g] && word.startsWith(p.prefix)) (hits[p.g] = 1), (list[n++] = p.g);
    for (const g of this.every) if (!hits[g]) (hits[g] = 1), (list[n++] = g);
    for (const o of this.other) {
      if (hits[o.g] || !word.startsWith(o.start) || !word.includes(o.holds)) continue;
      if (o.enough || this.globs[o.g].test(word)) (hits[o.g] = 1), (list[n++] = o.g);
    }
    return n;
  }
}

/** The first two UTF-16 units of a text (of two or more) as one number. */
function prefixKey(text: string): number {
  return text.charCodeAt(0) * 0x10000 + text.charCodeAt(1);
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
