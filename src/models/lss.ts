/**
 * Latent Semantic Scaling (Watanabe 2021; the R package LSX, `textmodel_lss`): word vectors from
 * a truncated SVD of the paragraph × lemma matrix of the user's corpus, the polarity of every
 * lemma from its cosine similarity to positive and negative seed words, and a score per paragraph
 * and document (the frequency-weighted mean polarity of its lemmas, centred and scaled).
 *
 * Where this differs from LSX (see docs/lss.md): lemmas from the tokens stage instead of quanteda
 * tokens; content words only (nouns, adjectives, verbs, adverbs, Latin words) and a frequency cap
 * instead of a user-made dfm; a randomised SVD (seeded) instead of RSpectra's exact one; seed words
 * found in the corpus always kept in the vocabulary.
 */
import * as fs from 'node:fs';
import type { Document } from '../corpus/types';
import { parseDate } from '../corpus/dates';
import { FramelabError } from '../errors';
import type { FrameTable } from '../table/frame-table';
import { sharedLemmatizer } from '../text/lemma-cache';
import { CONTENT_POS, type Lemmatizer } from '../text/lemmatizer';
import { paragraphTokens } from '../corpus/tokens';
import { sharedVocabulary } from '../text/vocabulary';
import { compareText } from './features';
import { mergeDuplicateRows, randomizedSvd, type SparseMatrix } from './svd';

/** Seed words: a lemma (or a glob such as `демократ*`) and its polarity, above 0 positive, below 0 negative. */
export type LssSeeds = Record<string, number>;

/**
 * Seeds from a YAML or JSON text: either `positive: [...]` and `negative: [...]` lists (each word
 * +1 or −1) or a mapping of words to numbers.
 *
 * @example
 * parseSeeds('positive: [мир, диалог]\nnegative: [война]') // { мир: 1, диалог: 1, война: -1 }
 */
export function parseSeeds(text: string, file = 'seeds'): LssSeeds {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const YAML = require('yaml') as typeof import('yaml');
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (err) {
    throw new FramelabError(`not YAML: ${(err as Error).message.split('\n')[0]}`, { file });
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new FramelabError('seeds must be "positive:" and "negative:" lists, or a mapping of words to numbers', { file });
  const out: LssSeeds = {};
  const o = doc as Record<string, unknown>;
  if ('positive' in o || 'negative' in o) {
    for (const [key, sign] of [['positive', 1], ['negative', -1]] as const) {
      const list = o[key] ?? [];
      if (!Array.isArray(list)) throw new FramelabError(`"${key}" must be a list of words`, { file });
      for (const w of list) {
        if (typeof w !== 'string' || w.trim() === '') throw new FramelabError(`"${key}": ${JSON.stringify(w)} is not a word`, { file });
        out[w.trim().toLowerCase().replace(/ё/g, 'е')] = sign;
      }
    }
  } else {
    for (const [w, v] of Object.entries(o)) {
      if (typeof v !== 'number' || !Number.isFinite(v) || v === 0) throw new FramelabError(`seed "${w}": ${JSON.stringify(v)} is not a number other than 0`, { file });
      out[w.trim().toLowerCase().replace(/ё/g, 'е')] = v;
    }
  }
  if (!Object.values(out).some((v) => v > 0) || !Object.values(out).some((v) => v < 0)) throw new FramelabError('seeds need at least one positive and one negative word', { file });
  return out;
}

/**
 * Reads seeds from a file (see {@link parseSeeds}).
 *
 * @example
 * fs.writeFileSync('seeds.yaml', 'positive: [диалог]\nnegative: [коррупция]\n');
 * loadSeeds('seeds.yaml') // { диалог: 1, коррупция: -1 }
 */
export function loadSeeds(file: string): LssSeeds {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new FramelabError(`cannot read the seeds: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { file });
  }
  return parseSeeds(text, file);
}

/**
 * Seed words as lemmas: a word without glob characters is replaced by its lemma (санкции →
 * санкция), so that seeds may be written as they appear in text; globs are kept as written. Two
 * seeds with the same lemma add their values.
 *
 * @example
 * seedLemmas({ санкции: -1, 'сотрудничеств*': 1 }) // { санкция: -1, 'сотрудничеств*': 1 }
 */
export function seedLemmas(seeds: LssSeeds, lemmatizer: Lemmatizer = sharedLemmatizer()): LssSeeds {
  const out: LssSeeds = {};
  for (const [word, value] of Object.entries(seeds)) {
    const key = /[*?]/.test(word) ? word : lemmatizer.lemma(word);
    out[key] = (out[key] ?? 0) + value;
  }
  return out;
}

/** The paragraph × lemma count matrix of a corpus, with what its rows and columns are. */
export interface LssMatrix {
  matrix: SparseMatrix;
  /** The lemma of each column. */
  terms: string[];
  /** Corpus frequency of each column's lemma. */
  frequency: Float64Array;
  /** Per row: index into `documents` and the paragraph's number in its document. */
  rowDoc: Int32Array;
  rowParagraph: Int32Array;
  documents: Array<{ id: string; meta: Record<string, unknown> }>;
}

/** Options of {@link lssMatrix}. */
export interface LssMatrixOptions {
  /** Keep lemmas occurring at least this often (default 5). */
  minCount?: number;
  /** Keep at most this many lemmas, the most frequent (default 20,000). */
  maxTerms?: number;
  /** Content words only (default true): nouns, adjectives, verbs, adverbs, Latin words. */
  contentOnly?: boolean;
  /** Lemmas (or globs) to keep whatever their frequency, if they occur: the seed words. */
  keep?: readonly string[];
  lemmatizer?: Lemmatizer;
}

/**
 * Builds the paragraph × lemma count matrix of documents (an in-memory corpus's, or read one at a
 * time with `readDocuments`), keeping the `maxTerms` most frequent lemmas occurring at least
 * `minCount` times (ties in alphabetical order), plus the `keep` words.
 *
 * @example
 * const m = lssMatrix(corpus.documents, { minCount: 2 });
 * m.matrix.rows // 30 (the article's paragraphs without its repeats)
 */
export function lssMatrix(documents: Iterable<Document>, options: LssMatrixOptions = {}): LssMatrix {
  const minCount = options.minCount ?? 5;
  const maxTerms = options.maxTerms ?? 20000;
  const contentOnly = options.contentOnly ?? true;
  const lemmatizer = options.lemmatizer ?? sharedLemmatizer();
  const forms = sharedVocabulary();
  const formLemma: number[] = []; // form id → lemma id (−1: left out), −2 not yet seen
  const lemmaIds = new Map<string, number>();
  const lemmas: string[] = [];
  let counts = new Float64Array(1024);
  let tokens = new Int32Array(1 << 16);
  let nTokens = 0;
  const offsets: number[] = [0];
  const rowDoc: number[] = [];
  const rowParagraph: number[] = [];
  const docs: Array<{ id: string; meta: Record<string, unknown> }> = [];
  for (const doc of documents) {
    const d = docs.length;
    docs.push({ id: doc.id, meta: doc.meta });
    for (const p of doc.paragraphs) {
      const ids = paragraphTokens(p).ids;
      for (let t = 0; t < ids.length; t++) {
        const f = ids[t];
        let lid = formLemma[f];
        if (lid === undefined) {
          const a = lemmatizer.analyze(forms.text(f));
          if (contentOnly && !(a.pos !== null && CONTENT_POS.has(a.pos))) lid = -1;
          else {
            lid = lemmaIds.get(a.lemma) ?? -1;
            if (lid < 0) {
              lid = lemmas.length;
              lemmaIds.set(a.lemma, lid);
              lemmas.push(a.lemma);
              if (lid >= counts.length) {
                const c = new Float64Array(counts.length * 2);
                c.set(counts);
                counts = c;
              }
            }
          }
          formLemma[f] = lid;
        }
        if (lid < 0) continue;
        counts[lid]++;
        if (nTokens === tokens.length) {
          const b = new Int32Array(tokens.length * 2);
          b.set(tokens);
          tokens = b;
        }
        tokens[nTokens++] = lid;
      }
      offsets.push(nTokens);
      rowDoc.push(d);
      rowParagraph.push(p.index);
    }
  }
  const keep = new Set<number>();
  for (const pattern of options.keep ?? []) {
    const re = globRegex(pattern);
    lemmas.forEach((l, i) => {
      if (re.test(l)) keep.add(i);
    });
  }
  const chosen = lemmas
    .map((l, i) => i)
    .filter((i) => counts[i] >= minCount)
    .sort((a, b) => counts[b] - counts[a] || compareText(lemmas[a], lemmas[b]))
    .slice(0, maxTerms);
  for (const i of chosen) keep.delete(i);
  const columns = [...chosen, ...keep].sort((a, b) => compareText(lemmas[a], lemmas[b]));
  const column = new Int32Array(lemmas.length).fill(-1);
  columns.forEach((l, j) => (column[l] = j));
  // rows: each paragraph's kept lemmas with their counts, columns sorted; typed arrays sized by
  // the tokens (an upper bound of the non-zeros), then trimmed
  const rows = offsets.length - 1;
  const rOffsets = new Float64Array(rows + 1);
  let rIndices = new Int32Array(nTokens);
  let rValues = new Float64Array(nTokens);
  const seen = new Int32Array(columns.length).fill(-1); // the last row each column was seen in
  const tally = new Float64Array(columns.length);
  const found = new Int32Array(columns.length);
  let nnz = 0;
  for (let r = 0; r < rows; r++) {
    let n = 0;
    for (let t = offsets[r]; t < offsets[r + 1]; t++) {
      const j = column[tokens[t]];
      if (j < 0) continue;
      if (seen[j] !== r) {
        seen[j] = r;
        tally[j] = 0;
        found[n++] = j;
      }
      tally[j]++;
    }
    const list = found.subarray(0, n).sort();
    for (let i = 0; i < n; i++) {
      rIndices[nnz] = list[i];
      rValues[nnz++] = tally[list[i]];
    }
    rOffsets[r + 1] = nnz;
  }
  rIndices = rIndices.slice(0, nnz);
  rValues = rValues.slice(0, nnz);
  return {
    matrix: { rows, cols: columns.length, offsets: rOffsets, indices: rIndices, values: rValues },
    terms: columns.map((l) => lemmas[l]),
    frequency: Float64Array.from(columns, (l) => counts[l]),
    rowDoc: Int32Array.from(rowDoc),
    rowParagraph: Int32Array.from(rowParagraph),
    documents: docs,
  };
}

/** A seed pattern as a regular expression over whole lemmas (`*` any letters, `?` one). */
function globRegex(pattern: string): RegExp {
  const p = pattern.toLowerCase().replace(/ё/g, 'е');
  return new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'u');
}

/**
 * The seed weights LSX gives (`weight_seeds`): each seed pattern's polarity divided by the number
 * of seed patterns of its sign and then shared equally among the lemmas the pattern matches;
 * patterns matching no lemma drop out (but still count for their sign, as in LSX).
 *
 * @example
 * weightSeeds({ мир: 1, 'диалог*': 1, война: -1 }, ['война', 'диалог', 'диалоговый', 'мир'])
 * // { мир: 0.5, диалог: 0.25, диалоговый: 0.25, война: -1 }
 */
export function weightSeeds(seeds: LssSeeds, terms: readonly string[]): Record<string, number> {
  const positives = Object.values(seeds).filter((v) => v > 0).length;
  const negatives = Object.values(seeds).filter((v) => v < 0).length;
  const out: Record<string, number> = {};
  for (const [pattern, value] of Object.entries(seeds)) {
    const re = globRegex(pattern);
    const matched = terms.filter((t) => re.test(t));
    for (const t of matched) out[t] = (out[t] ?? 0) + value / (value > 0 ? positives : negatives) / matched.length;
  }
  if (Object.keys(out).length === 0) throw new FramelabError(`no seed word is in the corpus's vocabulary (${Object.keys(seeds).join(', ')}): give lemmas that occur in it`);
  return out;
}

/** Options of {@link lssPolarity} and {@link latentSemanticScaling}. */
export interface LssOptions extends LssMatrixOptions {
  /** Dimensions of the word vectors (default 300; at most a third of the paragraphs or lemmas, whichever is fewer). */
  k?: number;
  seed?: number;
  /** Power iterations of the randomised SVD (see `randomizedSvd`). */
  iterations?: number;
  /** Extra random directions of the randomised SVD beyond k (see `randomizedSvd`). */
  oversample?: number;
  /** Document field holding a date, for the smoothed series. */
  dateField?: string;
  /** Width of the rolling mean over dates, in days (default 30). */
  window?: number;
}

/** The word polarities of an LSS model. */
export interface LssPolarity {
  terms: string[];
  frequency: Float64Array;
  /** Polarity of each term: Σ_s w_s · cos(v_term, v_s). */
  polarity: Float64Array;
  /** Seed lemmas with their weights. */
  seeds: Record<string, number>;
  /** Seed patterns that matched no lemma of the vocabulary (they still count for their sign, as in LSX). */
  unmatched: string[];
  k: number;
  singularValues: Float64Array;
}

/**
 * The k used for a matrix: the one asked for (default 300), but at most a third of the smaller
 * side, so that a small corpus gets fewer dimensions than it has paragraphs.
 *
 * @example
 * lssDimensions(600, 5000) // 200
 * lssDimensions(100000, 20000) // 300
 */
export function lssDimensions(rows: number, cols: number, k = 300): number {
  return Math.max(1, Math.min(k, Math.floor(Math.min(rows, cols) / 3)));
}

/**
 * Word polarities from a count matrix (see {@link lssMatrix}): the right singular vectors of a
 * seeded randomised SVD are the word vectors (LSX: `embed <- t(svd$v)`, unscaled by the singular
 * values), and a term's polarity is Σ_s w_s cos(v_term, v_s) over the weighted seeds
 * ({@link weightSeeds}; LSX: `get_beta`).
 *
 * @example
 * const pol = lssPolarity(lssMatrix(corpus.documents, { minCount: 2 }), { диалог: 1, коррупция: -1 }, { k: 5 });
 * pol.k // 5
 * pol.polarity[pol.terms.indexOf('диалог')] > pol.polarity[pol.terms.indexOf('коррупция')] // true
 */
export function lssPolarity(m: Pick<LssMatrix, 'matrix' | 'terms' | 'frequency'>, seeds: LssSeeds, options: LssOptions = {}): LssPolarity {
  const weights = weightSeeds(seeds, m.terms);
  const k = lssDimensions(m.matrix.rows, m.matrix.cols, options.k);
  // identical paragraphs merged (AᵀA unchanged): a pass of the SVD costs the distinct rows only
  const svd = randomizedSvd(mergeDuplicateRows(m.matrix), k, { seed: options.seed, iterations: options.iterations, oversample: options.oversample });
  const n = m.terms.length;
  const kk = svd.k;
  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    let s = 0;
    for (let c = 0; c < kk; c++) s += svd.v[j * kk + c] ** 2;
    norms[j] = Math.sqrt(s);
  }
  const index = new Map(m.terms.map((t, j) => [t, j]));
  const seedRows = Object.entries(weights).map(([t, w]) => ({ j: index.get(t)!, w }));
  const polarity = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    if (norms[j] === 0) continue;
    let b = 0;
    for (const { j: s, w } of seedRows) {
      if (norms[s] === 0) continue;
      let d = 0;
      for (let c = 0; c < kk; c++) d += svd.v[j * kk + c] * svd.v[s * kk + c];
      b += (w * d) / (norms[j] * norms[s]);
    }
    polarity[j] = b;
  }
  const unmatched = Object.keys(seeds).filter((p) => !m.terms.some((t) => globRegex(p).test(t)));
  return { terms: m.terms, frequency: m.frequency, polarity, seeds: weights, unmatched, k: kk, singularValues: svd.values };
}

/** A scored paragraph or document: how many of its words have a polarity, the raw mean and the scaled score. */
export interface LssScoreRow {
  doc: string;
  /** The paragraph's number (paragraph rows only). */
  paragraph?: number;
  date?: string | null;
  /** Words of the model's vocabulary in it. */
  terms: number;
  /** Frequency-weighted mean polarity of those words (null without any). */
  raw: number | null;
  /** `raw` centred and scaled over all rows that have one (LSX: `scale()`). */
  score: number | null;
}

/** One date of the smoothed series. */
export interface LssSmoothRow {
  date: string;
  documents: number;
  /** Mean score of the documents of that date. */
  mean: number;
  /** Mean score of the documents within ± window/2 days. */
  smoothed: number;
}

/** What {@link latentSemanticScaling} gives. */
export interface LssResult extends LssPolarity {
  paragraphs: LssScoreRow[];
  documents: LssScoreRow[];
  /** Rolling mean by date, when `dateField` is given. */
  smooth: LssSmoothRow[];
  /** Terms table: term, frequency, polarity, seed weight (0 for non-seeds), most positive first. */
  table: Array<{ term: string; frequency: number; polarity: number; seed: number }>;
}

/**
 * Latent Semantic Scaling of a corpus: the count matrix ({@link lssMatrix}), word polarities
 * ({@link lssPolarity}), scores per paragraph and per document (LSX `predict`: Σ count·polarity /
 * Σ count over the model's words, then centred and scaled to mean 0 and standard deviation 1), and
 * with `dateField` a rolling mean of the document scores by date.
 *
 * @example
 * const lss = latentSemanticScaling(loadCorpus('data/news-sample', { idField: 'url', paragraphs: FLATTENED_LINE_BREAKS }).documents, { мир: 1, война: -1 }, { minCount: 2, dateField: 'date' });
 * lss.documents.length // 54
 * lss.smooth.length > 0 // true
 */
export function latentSemanticScaling(documents: Iterable<Document>, seeds: LssSeeds, options: LssOptions = {}): LssResult {
  seeds = seedLemmas(seeds, options.lemmatizer);
  const m = lssMatrix(documents, { ...options, keep: [...(options.keep ?? []), ...Object.keys(seeds)] });
  const pol = lssPolarity(m, seeds, options);
  const a = m.matrix;
  const paragraphs: LssScoreRow[] = [];
  const docSum = new Float64Array(m.documents.length);
  const docN = new Float64Array(m.documents.length);
  const dateOf = (d: number): string | null => {
    if (!options.dateField) return null;
    const date = parseDate(m.documents[d].meta[options.dateField]);
    return date ? date.toISOString().slice(0, 10) : null;
  };
  for (let r = 0; r < a.rows; r++) {
    let s = 0;
    let n = 0;
    for (let e = a.offsets[r]; e < a.offsets[r + 1]; e++) {
      s += a.values[e] * pol.polarity[a.indices[e]];
      n += a.values[e];
    }
    docSum[m.rowDoc[r]] += s;
    docN[m.rowDoc[r]] += n;
    paragraphs.push({ doc: m.documents[m.rowDoc[r]].id, paragraph: m.rowParagraph[r], terms: n, raw: n > 0 ? s / n : null, score: null });
  }
  const documentRows: LssScoreRow[] = m.documents.map((d, i) => ({ doc: d.id, ...(options.dateField ? { date: dateOf(i) } : {}), terms: docN[i], raw: docN[i] > 0 ? docSum[i] / docN[i] : null, score: null }));
  scale(paragraphs);
  scale(documentRows);
  const table = pol.terms
    .map((term, j) => ({ term, frequency: pol.frequency[j], polarity: pol.polarity[j], seed: pol.seeds[term] ?? 0 }))
    .sort((x, y) => y.polarity - x.polarity || compareText(x.term, y.term));
  return { ...pol, paragraphs, documents: documentRows, smooth: options.dateField ? smoothByDate(documentRows, options.window ?? 30) : [], table };
}

/** Sets `score` to `raw` centred and divided by the sample standard deviation (R's `scale()`). */
function scale(rows: LssScoreRow[]): void {
  const xs = rows.filter((r) => r.raw !== null).map((r) => r.raw as number);
  if (xs.length === 0) return;
  const mean = xs.reduce((t, x) => t + x, 0) / xs.length;
  const sd = xs.length > 1 ? Math.sqrt(xs.reduce((t, x) => t + (x - mean) ** 2, 0) / (xs.length - 1)) : 0;
  for (const r of rows) if (r.raw !== null) r.score = sd > 0 ? (r.raw - mean) / sd : 0;
}

/**
 * A rolling mean of document scores by date: for each date with documents, the mean score of the
 * documents dated within ± window/2 days (documents without a date or a score are left out).
 *
 * @example
 * smoothByDate([{ doc: 'a', date: '2020-01-01', terms: 1, raw: 0, score: 1 }, { doc: 'b', date: '2020-01-03', terms: 1, raw: 0, score: 3 }], 2)
 * // [{ date: '2020-01-01', documents: 1, mean: 1, smoothed: 1 }, { date: '2020-01-03', documents: 1, mean: 3, smoothed: 3 }]
 */
export function smoothByDate(rows: readonly LssScoreRow[], window = 30): LssSmoothRow[] {
  if (!(window > 0)) throw new RangeError(`window must be above 0 days, not ${window}`);
  const byDate = new Map<string, number[]>();
  for (const r of rows) {
    if (!r.date || r.score === null) continue;
    if (!byDate.has(r.date)) byDate.set(r.date, []);
    byDate.get(r.date)!.push(r.score);
  }
  const dates = [...byDate.keys()].sort();
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86400000;
  return dates.map((date) => {
    const t = day(date);
    let s = 0;
    let n = 0;
    for (const other of dates) {
      if (Math.abs(day(other) - t) <= window / 2) {
        for (const x of byDate.get(other)!) {
          s += x;
          n++;
        }
      }
    }
    const own = byDate.get(date)!;
    return { date, documents: own.length, mean: own.reduce((a, b) => a + b, 0) / own.length, smoothed: s / n };
  });
}

/**
 * Adds the LSS score of each paragraph to a count table as a column (default `lss`; null for a
 * paragraph without model words, or one the model did not see), matching rows by document and
 * paragraph, so that tables, DataFrames (`toDataFrame`) and charts read it next to the counts.
 *
 * @example
 * const lss = latentSemanticScaling(corpus.documents, { диалог: 1, коррупция: -1 }, { minCount: 2, k: 5 });
 * const t = addLssScores(countFrameRows(corpus, dict), lss);
 * t.columns.at(-1) // 'lss'
 * t.rows.length // 30
 */
export function addLssScores(table: FrameTable, result: Pick<LssResult, 'paragraphs'>, column = 'lss'): FrameTable {
  if (table.columns.includes(column)) throw new FramelabError(`the table already has a column "${column}"`);
  const score = new Map(result.paragraphs.map((p) => [`${p.doc}\u0000${p.paragraph}`, p.score]));
  return {
    ...table,
    columns: [...table.columns, column],
    rows: table.rows.map((r) => ({ ...r, [column]: score.get(`${r.doc}\u0000${r.paragraph}`) ?? null })),
  };
}
