import type { Corpus } from '../corpus/types';
import { paragraphTokens } from '../text/tokens';
import type { Dictionary } from './dictionary';
import { sharedMatcher, type CountOptions } from './count';
import { compileWordGlob } from './pattern';

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
  /** Their lemmas, space-separated. */
  lemma: string;
  /** 0-based number of the first matched word within the document (word position). */
  word: number;
  /** Number of the first matched word within its paragraph. */
  word_in_paragraph: number;
  /** Character offsets of the match in the paragraph's text. */
  start: number;
  end: number;
}

/**
 * Every match of every category, in corpus order (by paragraph, then category, then position):
 * the data behind dispersion plots, concordances and "what did this pattern match".
 *
 * @example
 * const m = frameMatches(loadCorpus('data/ngo-grants-dialogue-2025.ru.txt'), loadDictionary());
 * m.filter(r => r.category === 'гранты').map(r => r.form) // ['финансируемых', 'грантового', ...]
 */
export function frameMatches(corpus: Corpus, dictionary: Dictionary, options: Pick<CountOptions, 'lemmatizer'> = {}): MatchRow[] {
  const matcher = sharedMatcher(dictionary, options.lemmatizer);
  const forms = matcher.forms;
  const lemmaOf = (id: number) => matcher.lemmatizer.lookup(forms.text(id))?.lemma ?? forms.text(id);
  const names = dictionary.categories.map((c) => c.name);
  const out: MatchRow[] = [];
  for (const doc of corpus.documents) {
    let offset = 0;
    for (const p of doc.paragraphs) {
      const t = paragraphTokens(p);
      for (let k = 0; k < t.ids.length; k++) matcher.classify(t.ids[k]);
      for (const m of matcher.matchIds(t.ids, 0, t.ids.length)) {
        const last = m.start + m.length - 1;
        const span = Array.from(t.ids.subarray(m.start, m.start + m.length));
        out.push({
          doc: doc.id,
          paragraph: p.index,
          duplicate_of: p.duplicateOf,
          category: names[m.category],
          pattern: m.pattern,
          text: p.text.slice(t.starts[m.start], t.ends[last]),
          form: span.map((id) => forms.text(id)).join(' '),
          lemma: span.map(lemmaOf).join(' '),
          word: offset + m.start,
          word_in_paragraph: m.start,
          start: t.starts[m.start],
          end: t.ends[last],
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
  /** Whether the pattern matched the form itself or only the lemma. */
  via: 'form' | 'lemma';
  count: number;
}

/**
 * Groups matches by category, pattern and word: what each pattern actually counts, to check a
 * dictionary against the text. Categories in order of first match; within them patterns, then
 * most frequent words first.
 *
 * @example
 * matchSummary(frameMatches(corpus, dict)).filter(r => r.category === 'коррупция')
 * // [{ category: 'коррупция', pattern: 'коррупц*', form: 'коррупции', lemma: 'коррупция', via: 'form', count: 3 }, …]
 */
export function matchSummary(matches: readonly MatchRow[], dictionary?: Dictionary): MatchSummaryRow[] {
  const rows = new Map<string, MatchSummaryRow>();
  for (const m of matches) {
    const key = `${m.category}\u0000${m.pattern}\u0000${m.form}`;
    const row = rows.get(key);
    if (row) row.count++;
    else rows.set(key, { category: m.category, pattern: m.pattern, form: m.form, lemma: m.lemma, via: viaOf(m), count: 1 });
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

/** Whether every word of the match is matched by its form; else the lemma was needed. */
function viaOf(m: MatchRow): 'form' | 'lemma' {
  const globs = m.pattern.split(/\s+/u).map((g) => compileWordGlob(g));
  const forms = m.form.split(' ');
  return globs.every((g, k) => g.test(forms[k])) ? 'form' : 'lemma';
}
