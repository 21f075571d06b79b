import type { Corpus, Document, Paragraph } from '../corpus/types';
import { sharedLemmatizer } from '../text/lemma-cache';
import type { Lemmatizer } from '../text/lemmatizer';
import { paragraphTokens, sharedVocabulary } from '../text/tokens';
import { logLikelihood, logRatio } from '../stats/tests';

/** A word's keyness in a target corpus against a reference. */
export interface KeynessRow {
  word: string;
  target_freq: number;
  reference_freq: number;
  target_per_1k: number;
  reference_per_1k: number;
  g2: number;
  p: number;
  /** log2 of the ratio of relative frequencies (Hardie): positive when the word is more frequent in the target. */
  log_ratio: number;
  test: string;
}

/** Options of {@link keyness}. */
export interface KeynessOptions {
  by?: 'lemma' | 'form';
  /** Smallest frequency in target and reference together (default 2). */
  minFreq?: number;
  lemmatizer?: Lemmatizer;
}

function frequencies(corpus: Corpus, byLemma: boolean, lemmatizer: Lemmatizer): { freq: Map<string, number>; size: number } {
  const freq = new Map<string, number>();
  const forms = sharedVocabulary();
  const keys: string[] = [];
  let size = 0;
  for (const doc of corpus.documents) {
    for (const p of doc.paragraphs) {
      for (const id of paragraphTokens(p).ids) {
        const key = (keys[id] ??= byLemma ? lemmatizer.lemma(forms.text(id)) : forms.text(id));
        freq.set(key, (freq.get(key) ?? 0) + 1);
        size++;
      }
    }
  }
  return { freq, size };
}

/**
 * Keyness of every word of a target corpus against a reference corpus: log-likelihood G²
 * (Rayson & Garside) with its p-value and the log ratio as effect size; strongest first.
 * Words over-represented in the target have a positive log ratio, under-represented a negative one.
 *
 * @example
 * keyness(loadCorpus('article.txt'), loadCorpus('reference/'), { by: 'lemma' })
 */
export function keyness(target: Corpus, reference: Corpus, options: KeynessOptions = {}): KeynessRow[] {
  const byLemma = (options.by ?? 'lemma') === 'lemma';
  const lemmatizer = options.lemmatizer ?? sharedLemmatizer();
  const minFreq = options.minFreq ?? 2;
  const t = frequencies(target, byLemma, lemmatizer);
  const r = frequencies(reference, byLemma, lemmatizer);
  if (t.size === 0 || r.size === 0) return [];
  const keys = new Set([...t.freq.keys(), ...r.freq.keys()]);
  const rows: KeynessRow[] = [];
  for (const word of keys) {
    const a = t.freq.get(word) ?? 0;
    const b = r.freq.get(word) ?? 0;
    if (a + b < minFreq) continue;
    const ll = logLikelihood(a, b, t.size, r.size);
    rows.push({
      word,
      target_freq: a,
      reference_freq: b,
      target_per_1k: Math.round(((a * 1000) / t.size) * 100) / 100,
      reference_per_1k: Math.round(((b * 1000) / r.size) * 100) / 100,
      g2: Math.round(ll.statistic * 10000) / 10000,
      p: ll.p,
      log_ratio: Math.round(logRatio(a, b, t.size, r.size) * 10000) / 10000,
      test: `${ll.test}; target ${t.size} words, reference ${r.size} words`,
    });
  }
  rows.sort((x, y) => y.g2 - x.g2 || (x.word < y.word ? -1 : x.word > y.word ? 1 : 0));
  return rows;
}

/**
 * Splits a corpus into the paragraphs a predicate keeps and the rest, e.g. one document against
 * the others, or paragraphs with a frame against those without.
 *
 * @example
 * const { target, rest } = partitionCorpus(corpus, (doc) => doc.id === 'a');
 */
export function partitionCorpus(corpus: Corpus, keep: (doc: Document, paragraph: Paragraph) => boolean): { target: Corpus; rest: Corpus } {
  const part = (want: boolean): Corpus => ({
    ...corpus,
    documents: corpus.documents
      .map((doc) => ({ ...doc, paragraphs: doc.paragraphs.filter((p) => keep(doc, p) === want) }))
      .filter((doc) => doc.paragraphs.length > 0),
  });
  return { target: part(true), rest: part(false) };
}
