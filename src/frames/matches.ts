import type { Corpus } from '../corpus/types';
import { tokenize } from '../text/tokenize';
import type { Dictionary } from './dictionary';
import { FrameMatcher, type CountOptions } from './count';

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
  const matcher = new FrameMatcher(dictionary, options.lemmatizer);
  const names = dictionary.categories.map((c) => c.name);
  const out: MatchRow[] = [];
  for (const doc of corpus.documents) {
    let offset = 0;
    for (const p of doc.paragraphs) {
      const tokens = tokenize(p.text);
      const { matches } = matcher.count(tokens.map((t) => t.norm));
      for (const m of matches) {
        const span = tokens.slice(m.start, m.start + m.length);
        out.push({
          doc: doc.id,
          paragraph: p.index,
          duplicate_of: p.duplicateOf,
          category: names[m.category],
          pattern: m.pattern,
          text: p.text.slice(span[0].start, span[span.length - 1].end),
          form: span.map((t) => t.norm).join(' '),
          lemma: span.map((t) => matcher.lemmatizer.lemma(t.norm)).join(' '),
          word: offset + m.start,
          word_in_paragraph: m.start,
          start: span[0].start,
          end: span[span.length - 1].end,
        });
      }
      offset += tokens.length;
    }
  }
  return out;
}
