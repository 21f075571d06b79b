import type { Corpus } from '../corpus/types';
import { paragraphTokens } from '../corpus/tokens';
import type { Dictionary } from './dictionary';
import { sharedMatcher, type CountOptions } from './count';
import { runContext } from './rules';

/** One match of a category in the corpus, located down to the word and character. */
export interface MatchRow {
  doc: string;
  paragraph: number;
  /** Whether the paragraph repeats an earlier one (`duplicate_of` of the count table). */
  duplicate_of: number | null;
  category: string;
  /** The dictionary pattern that matched, as written. */
  pattern: string;
  /** The matched words as written (several for a multi-word pattern). */
  text: string;
  /** The matched words folded (lower case, ё → е). */
  form: string;
  /** Their lemmas, space-separated (the dictionary's lexicon first, then Az.js). */
  lemma: string;
  /**
   * How each word matched its pattern word, space-separated: `form`, `lemma`, `part` (one part of
   * a hyphenated word: СМИ-иноагентах by иноагент*) or `part-lemma` (that part's lemma).
   */
  via: string;
  /** For a word matched by a part of it, that part (or its lemma); empty otherwise. Space-separated per word. */
  part: string;
  /** Whether a lemma shown is Az.js's guess for a word its dictionary does not know (грантодателем → грантодатолоть). */
  guessed: boolean;
  /** 0-based number of the first matched word within the document (word position). */
  word: number;
  /** Number of the first matched word within its paragraph. */
  word_in_paragraph: number;
  /** Character offsets of the match in the paragraph's text. */
  start: number;
  end: number;
  /** For a pattern with rules: the rules that let the match through (`line 4: case capitalized; not preceded_by на (1)`). */
  rule?: string;
  /** Listed only with `blocked`: the condition that stopped this match (`not preceded_by на (1) (line 6)`); it is not counted. */
  blocked?: string;
}

/** Options of {@link frameMatches}. */
export interface FrameMatchesOptions extends Pick<CountOptions, 'lemmatizer'> {
  /** Also list the matches a rule of the dictionary stopped (with `blocked` set). */
  blocked?: boolean;
}

/**
 * Every match of every category, in corpus order (by paragraph, then category, then position):
 * the data behind dispersion plots, concordances and "what did this pattern match".
 *
 * @example
 * const m = frameMatches(loadCorpus('data/ngo-grants-dialogue-2025.ru.txt'), loadDictionary());
 * m.filter(r => r.category === 'гранты').map(r => r.form) // ['финансовой поддержке', 'финансируемых', …]
 */
export function frameMatches(corpus: Corpus, dictionary: Dictionary, options: FrameMatchesOptions = {}): MatchRow[] {
  const matcher = sharedMatcher(dictionary, options.lemmatizer);
  const forms = matcher.forms;
  const analysisOf = (id: number) => matcher.analysisOf(forms.text(id), forms.key(id));
  const names = dictionary.categories.map((c) => c.name);
  const out: MatchRow[] = [];
  for (const doc of corpus.documents) {
    let offset = 0;
    for (const p of doc.paragraphs) {
      const t = paragraphTokens(p);
      for (let k = 0; k < t.ids.length; k++) matcher.classify(t.ids[k]);
      const context = matcher.hasRules ? () => runContext(p.text, t.starts, t.ends) : undefined;
      for (const m of matcher.matchIds(t.ids, 0, t.ids.length, context, options.blocked)) {
        const last = m.start + m.length - 1;
        const span = Array.from(t.ids.subarray(m.start, m.start + m.length));
        const globs = m.pattern.trim().split(/\s+/u);
        const how = span.map((id, k) => matcher.explain(id, globs[k]));
        const analyses = span.map(analysisOf);
        out.push({
          doc: doc.id,
          paragraph: p.index,
          duplicate_of: p.duplicateOf,
          category: names[m.category],
          pattern: m.pattern,
          text: p.text.slice(t.starts[m.start], t.ends[last]),
          form: span.map((id) => forms.text(id)).join(' '),
          lemma: span.map((id, k) => analyses[k]?.lemma ?? forms.text(id)).join(' '),
          via: how.map((h) => h.via.replace(' ', '-')).join(' '),
          part: how.some((h) => h.via.startsWith('part')) ? how.map((h) => (h.via.startsWith('part') ? h.word : '')).join(' ').trim() : '',
          guessed: analyses.some((a) => a?.guessed === true),
          word: offset + m.start,
          word_in_paragraph: m.start,
          start: t.starts[m.start],
          end: t.ends[last],
          ...(m.rule !== undefined && { rule: m.rule }),
          ...(m.blocked !== undefined && { blocked: m.blocked }),
        });
      }
      offset += t.ids.length;
    }
  }
  return out;
}

/** What one pattern of a category matched: a distinct word (or run of words) and how often. */
export interface MatchSummaryRow {
  category: string;
  pattern: string;
  /** The matched words, folded. */
  form: string;
  /** Their lemmas. */
  lemma: string;
  /** How the words matched (see {@link MatchRow.via}). */
  via: string;
  count: number;
}

/**
 * Groups matches by category, pattern and word: what each pattern actually counts, to check a
 * dictionary against the text. Categories in order of first match; within them patterns, then
 * most frequent words first.
 *
 * @example
 * matchSummary(frameMatches(corpus, dict)).filter(r => r.category === 'коррупция')
 * // [{ category: 'коррупция', pattern: '*коррупц*', form: 'коррупции', lemma: 'коррупция', via: 'form', count: 3 }, …]
 */
export function matchSummary(matches: readonly MatchRow[], dictionary?: Dictionary): MatchSummaryRow[] {
  const rows = new Map<string, MatchSummaryRow>();
  for (const m of matches) {
    const key = `${m.category}\u0000${m.pattern}\u0000${m.form}`;
    const row = rows.get(key);
    if (row) row.count++;
    else rows.set(key, { category: m.category, pattern: m.pattern, form: m.form, lemma: m.lemma, via: m.via, count: 1 });
  }
  const catOrder = dictionary ? dictionary.categories.map((c) => c.name) : [...new Set(matches.map((m) => m.category))];
  const patOrder = (r: MatchSummaryRow) => {
    const c = dictionary?.categories.find((x) => x.name === r.category);
    return c ? c.patterns.indexOf(r.pattern) : 0;
  };
  return [...rows.values()].sort(
    (a, b) =>
      catOrder.indexOf(a.category) - catOrder.indexOf(b.category) ||
      patOrder(a) - patOrder(b) ||
      (a.pattern < b.pattern ? -1 : a.pattern > b.pattern ? 1 : 0) ||
      b.count - a.count ||
      (a.form < b.form ? -1 : a.form > b.form ? 1 : 0),
  );
}
