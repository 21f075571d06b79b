import type { Corpus } from '../corpus/types';
import { CONTENT_POS, Lemmatizer, type Analysis } from '../text/lemmatizer';
import { paragraphTokens } from '../corpus/tokens';
import { sharedVocabulary } from '../text/vocabulary';
import { sharedLemmatizer } from '../text/lemma-cache';

/** One line of a frequency list. */
export interface FrequencyRow {
  /** The lemma or the folded word form. */
  word: string;
  /** Occurrences in the corpus. */
  count: number;
  /** Paragraphs it occurs in (its dispersion). */
  paragraphs: number;
  /** Part of speech of the word (of its most frequent form, for lemmas). */
  pos: string | null;
}

/** Options of {@link frequencyList}. */
export interface FrequencyOptions {
  /** Count lemmas (default) or word forms. */
  by?: 'lemma' | 'form';
  /** Keep content words only (nouns, adjectives, verbs, adverbs, Latin words): no prepositions, conjunctions, pronouns. */
  contentOnly?: boolean;
  /** Return the first `top` rows only. */
  top?: number;
  lemmatizer?: Lemmatizer;
}

/**
 * Frequency list of lemmas (or forms) with dispersion, most frequent first; ties in alphabetical
 * order, so that the list is stable.
 *
 * @example
 * frequencyList(corpus, { contentOnly: true, top: 10 }) // [{ word: 'казахстан', count: 18, paragraphs: 14, pos: 'NOUN' }, …]
 */
export function frequencyList(corpus: Corpus, options: FrequencyOptions = {}): FrequencyRow[] {
  const lemmatizer = options.lemmatizer ?? sharedLemmatizer();
  const forms = sharedVocabulary();
  const analyses: Array<Analysis | undefined> = [];
  const byLemma = (options.by ?? 'lemma') === 'lemma';
  const stats = new Map<string, { count: number; paragraphs: number; seenIn: number; pos: string | null }>();
  let paragraphNo = 0;
  for (const doc of corpus.documents) {
    for (const p of doc.paragraphs) {
      paragraphNo++;
      for (const id of paragraphTokens(p).ids) {
        const form = forms.text(id);
        const a = (analyses[id] ??= lemmatizer.analyze(forms.key(id)));
        if (options.contentOnly && !(a.pos !== null && CONTENT_POS.has(a.pos))) continue;
        const key = byLemma ? a.lemma : form;
        let s = stats.get(key);
        if (!s) {
          s = { count: 0, paragraphs: 0, seenIn: 0, pos: a.pos };
          stats.set(key, s);
        }
        s.count++;
        if (s.seenIn !== paragraphNo) {
          s.paragraphs++;
          s.seenIn = paragraphNo;
        }
      }
    }
  }
  const rows = [...stats].map(([word, s]) => ({ word, count: s.count, paragraphs: s.paragraphs, pos: s.pos }));
  rows.sort((a, b) => b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));
  return options.top !== undefined ? rows.slice(0, options.top) : rows;
}
