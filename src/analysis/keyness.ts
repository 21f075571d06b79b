import type { Corpus, Document, Paragraph } from '../corpus/types';
import { sharedLemmatizer } from '../text/lemma-cache';
import type { Lemmatizer } from '../text/lemmatizer';
import { paragraphTokens } from '../corpus/tokens';
import { sharedVocabulary } from '../text/vocabulary';
import { benjaminiHochberg, holm } from '../stats/adjust';
import { normalQuantile } from '../stats/distributions';
import { logLikelihood, logRatio } from '../stats/tests';

/** A word's keyness in a target corpus against a reference. */
export interface KeynessRow {
  word: string;
  target_freq: number;
  reference_freq: number;
  target_per_1k: number;
  reference_per_1k: number;
  /** log2 of the ratio of relative frequencies (Hardie): positive when the word is more frequent in the target. */
  log_ratio: number;
  /** Its 95 % interval: log_ratio ± z √(1/a + 1/b) / ln 2 (a zero frequency counted as 0.5, as in the ratio). */
  lr_low: number;
  lr_high: number;
  g2: number;
  p: number;
  /** Holm and Benjamini–Hochberg adjusted p over the family of all words compared. */
  p_holm: number;
  p_bh: number;
  test: string;
}

/** Options of {@link keyness}. */
export interface KeynessOptions {
  by?: 'lemma' | 'form';
  /** Smallest frequency in target and reference together (default 2). */
  minFreq?: number;
  lemmatizer?: Lemmatizer;
  /** Words (lemmas or forms, as `by`) to leave out, such as the words that define the target (see `keyness --category`). */
  exclude?: ReadonlySet<string>;
}

function frequencies(corpus: Corpus, byLemma: boolean, lemmatizer: Lemmatizer): { freq: Map<string, number>; size: number } {
  const freq = new Map<string, number>();
  const forms = sharedVocabulary();
  const keys: string[] = [];
  let size = 0;
  for (const doc of corpus.documents) {
    for (const p of doc.paragraphs) {
      for (const id of paragraphTokens(p).ids) {
        const key = (keys[id] ??= byLemma ? lemmatizer.lemma(forms.key(id)) : forms.text(id));
        freq.set(key, (freq.get(key) ?? 0) + 1);
        size++;
      }
    }
  }
  return { freq, size };
}

/**
 * Keyness of every word of a target corpus against a reference corpus: the log ratio (Hardie) as
 * effect size with its interval, then log-likelihood G² (Rayson & Garside) with its p-value and the
 * p-values adjusted over every word compared (Holm; Benjamini–Hochberg); strongest G² first.
 * Words over-represented in the target have a positive log ratio, under-represented a negative one.
 *
 * @example
 * keyness(loadCorpus('article.txt'), loadCorpus('reference/'), { by: 'lemma' })
 */
export function keyness(target: Corpus, reference: Corpus, options: KeynessOptions = {}): KeynessRow[] {
  const byLemma = (options.by ?? 'lemma') === 'lemma';
  const lemmatizer = options.lemmatizer ?? sharedLemmatizer();
  const t = frequencies(target, byLemma, lemmatizer);
  const r = frequencies(reference, byLemma, lemmatizer);
  return keynessOfCounts(t, r, options);
}

/**
 * The keyness rows of {@link keyness} from word frequencies already counted: `target` and
 * `reference` each give a word's frequency and the size of their part (in words). Shared by
 * {@link keyness} and the context words of a pattern, so that both compute G², the log ratio and
 * the adjusted p-values in one place. `what` names the two parts in the `test` column, and the
 * words `exclude` leaves out.
 */
export function keynessOfCounts(
  t: { freq: ReadonlyMap<string, number>; size: number },
  r: { freq: ReadonlyMap<string, number>; size: number },
  options: Pick<KeynessOptions, 'minFreq' | 'exclude'> & { what?: [string, string, string?] } = {},
): KeynessRow[] {
  const minFreq = options.minFreq ?? 2;
  const [tName, rName, excludedName = "of the target's own definition"] = options.what ?? ['target', 'reference'];
  if (t.size === 0 || r.size === 0) return [];
  const keys = new Set([...t.freq.keys(), ...r.freq.keys()]);
  const rows: Array<Omit<KeynessRow, 'p_holm' | 'p_bh'>> = [];
  const z = normalQuantile(0.975);
  let excluded = 0;
  for (const word of keys) {
    const a = t.freq.get(word) ?? 0;
    const b = r.freq.get(word) ?? 0;
    if (a + b < minFreq) continue;
    if (options.exclude?.has(word)) {
      excluded++;
      continue;
    }
    const ll = logLikelihood(a, b, t.size, r.size);
    const lr = logRatio(a, b, t.size, r.size);
    const se = Math.sqrt(1 / (a || 0.5) + 1 / (b || 0.5)) / Math.LN2;
    rows.push({
      word,
      target_freq: a,
      reference_freq: b,
      target_per_1k: (a * 1000) / t.size,
      reference_per_1k: (b * 1000) / r.size,
      log_ratio: lr,
      lr_low: lr - z * se,
      lr_high: lr + z * se,
      g2: ll.statistic,
      p: ll.p,
      test: `${ll.test}; ${tName} ${t.size} words, ${rName} ${r.size} words`,
    });
  }
  rows.sort((x, y) => y.g2 - x.g2 || (x.word < y.word ? -1 : x.word > y.word ? 1 : 0));
  const holmP = holm(rows.map((x) => x.p));
  const bhP = benjaminiHochberg(rows.map((x) => x.p));
  const family = `family of ${rows.length} words: Holm and Benjamini–Hochberg${excluded ? `; ${excluded} word(s) ${excludedName} left out` : ''}`;
  return rows.map((x, k) => {
    const { g2, p, test, ...head } = x;
    return { ...head, g2, p, p_holm: holmP[k], p_bh: bhP[k], test: `${test}; ${family}` };
  });
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
