/**
 * Features of a paragraph for the frame classifiers: the lemmas of its words from the tokens
 * stage (unigrams and bigrams of adjacent lemmas) and the dictionary's categories it matched.
 * Every feature is binary (present or not in the paragraph).
 */
import type { Paragraph } from '../corpus/types';
import { sharedLemmatizer } from '../text/lemma-cache';
import { CONTENT_POS, type Lemmatizer } from '../text/lemmatizer';
import { paragraphTokens } from '../corpus/tokens';
import { sharedVocabulary } from '../text/vocabulary';

/** Prefix of the features that carry a dictionary category (`dict:гранты`): no lemma holds a colon. */
export const DICTIONARY_FEATURE = 'dict:';

const lemmaOfId: string[] = [];
const contentOfId: boolean[] = [];

/**
 * The lemmas of a paragraph's words, in order (words as the tokens stage cuts them, lemmas from
 * Az.js through the shared lemma cache); with `contentOnly`, only nouns, adjectives, verbs,
 * adverbs and Latin words.
 *
 * @example
 * paragraphLemmas('Гранты из-за рубежа получали НКО') // ['грант', 'из-за', 'рубеж', 'получать', 'нко']
 */
export function paragraphLemmas(text: string, lemmatizer: Lemmatizer = sharedLemmatizer(), options: { contentOnly?: boolean } = {}): string[] {
  const p: Paragraph = { index: 0, text, line: 1, duplicateOf: null };
  const forms = sharedVocabulary();
  const ids = paragraphTokens(p).ids;
  const out: string[] = [];
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k];
    if (lemmaOfId[id] === undefined) {
      const a = lemmatizer.analyze(forms.text(id));
      lemmaOfId[id] = a.lemma;
      contentOfId[id] = a.pos !== null && CONTENT_POS.has(a.pos);
    }
    if (options.contentOnly && !contentOfId[id]) continue;
    out.push(lemmaOfId[id]);
  }
  return out;
}

/**
 * The distinct features of one paragraph, sorted: its lemmas, its bigrams of adjacent lemmas
 * (`грант_зарубежный`) and `dict:<category>` for each category whose count is above 0.
 *
 * @example
 * paragraphFeatures(['грант', 'из-за', 'рубеж'], { гранты: 1, диалог: 0 })
 * // ['dict:гранты', 'грант', 'грант из-за', 'из-за', 'из-за рубеж', 'рубеж']
 */
export function paragraphFeatures(lemmas: readonly string[], counts: Readonly<Record<string, number>> = {}, options: { bigrams?: boolean } = {}): string[] {
  const set = new Set<string>();
  for (let k = 0; k < lemmas.length; k++) {
    set.add(lemmas[k]);
    if (options.bigrams !== false && k + 1 < lemmas.length) set.add(`${lemmas[k]} ${lemmas[k + 1]}`);
  }
  for (const [c, n] of Object.entries(counts)) if (n > 0) set.add(DICTIONARY_FEATURE + c);
  return [...set].sort(compareText);
}

/** Plain code-unit order: the same on every machine and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The vocabulary of a set of paragraphs' features: those in at least `minDf` of them (dictionary
 * features always), sorted. Only the rows given count, so that a cross-validation fold builds it
 * from its training rows alone.
 *
 * @example
 * buildVocabulary([['a', 'b'], ['a', 'c'], ['a', 'b', 'dict:x']], 2) // ['a', 'b', 'dict:x']
 */
export function buildVocabulary(rows: ReadonlyArray<readonly string[]>, minDf = 2): string[] {
  const df = new Map<string, number>();
  for (const r of rows) for (const f of r) df.set(f, (df.get(f) ?? 0) + 1);
  return [...df]
    .filter(([f, n]) => n >= minDf || f.startsWith(DICTIONARY_FEATURE))
    .map(([f]) => f)
    .sort(compareText);
}

/** Rows of binary features as column indices (compressed sparse rows: row r's columns are `indices[offsets[r]..offsets[r+1]]`). */
export interface BinaryMatrix {
  rows: number;
  cols: number;
  offsets: Int32Array;
  indices: Int32Array;
  /** The value of each stored entry (tf-idf weights); absent: every entry is 1. */
  values?: Float64Array;
}

/**
 * Inverse document frequency of each vocabulary column over a matrix's rows, smoothed as
 * scikit-learn's: idf = ln((1 + n) / (1 + df)) + 1.
 *
 * @example
 * // 3 rows; column 0 in all 3, column 1 in 1: ln(4/4) + 1 = 1 and ln(4/2) + 1 = 1.6931
 * Array.from(idfOf(binaryMatrix([['a', 'b'], ['a'], ['a']], ['a', 'b']))) // [1, 1.6931…]
 */
export function idfOf(m: BinaryMatrix): Float64Array {
  const df = new Float64Array(m.cols);
  for (let k = 0; k < m.offsets[m.rows]; k++) df[m.indices[k]]++;
  const idf = new Float64Array(m.cols);
  for (let j = 0; j < m.cols; j++) idf[j] = Math.log((1 + m.rows) / (1 + df[j])) + 1;
  return idf;
}

/**
 * The same matrix with each entry weighted by its column's idf and each row scaled to unit
 * Euclidean length (binary tf × idf, L2-normalised, as scikit-learn's TfidfVectorizer with
 * binary term frequencies): long paragraphs do not weigh more than short ones. Columns marked in
 * `binaryColumns` keep the value 1 and do not enter the length (the dictionary's hits: a hit
 * weighs the same in a long paragraph as in a short one).
 *
 * @example
 * // one row holding columns of idf 3 and 4: values 3/5 and 4/5
 * Array.from(tfidfMatrix(binaryMatrix([['a', 'b']], ['a', 'b']), Float64Array.of(3, 4)).values) // [0.6, 0.8]
 * // with `binaryColumns`, those columns stay 1 and are left out of the row's length
 * Array.from(tfidfMatrix(binaryMatrix([['a', 'b', 'dict:x']], ['a', 'b', 'dict:x']), Float64Array.of(3, 4, 2), { binaryColumns: [false, false, true] }).values) // [0.6, 0.8, 1]
 */
export function tfidfMatrix(m: BinaryMatrix, idf: ArrayLike<number>, options: { binaryColumns?: ArrayLike<boolean> } = {}): BinaryMatrix {
  const values = new Float64Array(m.indices.length);
  const fixed = options.binaryColumns;
  for (let r = 0; r < m.rows; r++) {
    let norm = 0;
    for (let k = m.offsets[r]; k < m.offsets[r + 1]; k++) if (!fixed?.[m.indices[k]]) norm += idf[m.indices[k]] ** 2;
    norm = Math.sqrt(norm);
    for (let k = m.offsets[r]; k < m.offsets[r + 1]; k++) values[k] = fixed?.[m.indices[k]] ? 1 : idf[m.indices[k]] / norm;
  }
  return { ...m, values };
}

/**
 * Which columns of a vocabulary are dictionary features (`dict:<category>`): the columns that
 * {@link tfidfMatrix} keeps at 1, outside the tf-idf scaling, when dictionary features are `binary`.
 *
 * @example
 * dictionaryColumns(['dict:гранты', 'грант', 'фонд']) // [true, false, false]
 */
export function dictionaryColumns(vocabulary: readonly string[]): boolean[] {
  return vocabulary.map((f) => f.startsWith(DICTIONARY_FEATURE));
}

/**
 * Paragraph features as a sparse binary matrix over a vocabulary; features outside it are dropped.
 *
 * @example
 * const m = binaryMatrix([['a', 'z'], ['b']], ['a', 'b']);
 * Array.from(m.offsets) // [0, 1, 2]
 * Array.from(m.indices) // [0, 1]
 */
export function binaryMatrix(rows: ReadonlyArray<readonly string[]>, vocabulary: readonly string[]): BinaryMatrix {
  const index = new Map<string, number>();
  vocabulary.forEach((f, i) => index.set(f, i));
  const offsets = new Int32Array(rows.length + 1);
  const cols: number[] = [];
  rows.forEach((r, i) => {
    const own: number[] = [];
    for (const f of r) {
      const j = index.get(f);
      if (j !== undefined) own.push(j);
    }
    own.sort((a, b) => a - b);
    for (let k = 0; k < own.length; k++) if (k === 0 || own[k] !== own[k - 1]) cols.push(own[k]);
    offsets[i + 1] = cols.length;
  });
  return { rows: rows.length, cols: vocabulary.length, offsets, indices: Int32Array.from(cols) };
}
