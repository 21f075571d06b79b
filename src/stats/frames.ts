import { mean, median, sampleStandardDeviation, shuffle } from 'simple-statistics';
import type { FrameTable } from '../table/frame-table';
import { frameReading, partOf } from '../frames/reading';
import { benjaminiHochberg, holm } from './adjust';
import { DEFAULT_PERMUTATIONS, DEFAULT_SEED } from '../defaults';
import { seededRandom } from './random';
import { mantelHaenszel, rateInterval, studentizedCorrelation, type Table2x2 } from './clustered';
import { blockIndexes } from './resampling';
import { chiSquare2x2, chiSquareGoodnessOfFit, chiSquareStatistic, expected2x2, fisherExact, fisherInterval } from './tests';

/** The units of inference: what rate intervals, correlations and tests take as independent observations. */
export type InferenceUnit = 'document' | 'paragraph';

export const INFERENCE_UNITS: readonly InferenceUnit[] = ['document', 'paragraph'];

/** Options of the frame statistics. */
export interface StatsOptions {
  /** Seed of bootstraps and permutations (default {@link DEFAULT_SEED}). */
  seed?: number;
  /** Not used since the rate intervals became t intervals (kept so that old calls still type-check). */
  replicates?: number;
  /** Permutations of the permutation tests (default {@link DEFAULT_PERMUTATIONS}). */
  permutations?: number;
  /**
   * `document` (the default when the table has more than one document): rate intervals use the
   * spread between documents, correlations are computed over documents' rates, and co-occurrence
   * is stratified by document, since paragraphs of one text are not independent; `paragraph`
   * treats paragraphs as independent (one text).
   */
  unit?: InferenceUnit;
}

/** How many tests of a family were done (an undefined test, NaN, is not one; see {@link holm}). */
function familySize(ps: readonly number[]): number {
  return ps.filter(Number.isFinite).length;
}

/**
 * The unit of inference of a table: as asked, else documents when there are several.
 *
 * @example
 * inferenceUnit(table)              // 'paragraph' (the bundled article is one document)
 * inferenceUnit(table, 'document')  // 'document'
 */
export function inferenceUnit(table: FrameTable, unit?: InferenceUnit): InferenceUnit {
  if (unit !== undefined) return unit;
  return new Set(table.rows.map((r) => r.doc)).size > 1 ? 'document' : 'paragraph';
}

/** Per-category description of a count table. */
export interface CategoryStatisticsRow {
  category: string;
  total: number;
  words: number;
  rate_per_1k: number;
  ci_low: number;
  ci_high: number;
  mean_per_paragraph: number;
  median_per_paragraph: number;
  sd_per_paragraph: number;
  paragraphs_with_match: number;
  share_with_match: number;
  test: string;
}

/**
 * Per category: total, rate per 1000 words with a 95 % interval from the spread between units
 * ({@link rateInterval}: a log-scale t interval with HC3 variances over documents, or paragraphs of a single text; see
 * {@link StatsOptions.unit}), mean, median and standard deviation of the count per paragraph, and
 * the share of paragraphs with at least one match. A category with no match has nothing to borrow
 * from (no other group: {@link zeroMatchBound}), so its interval is empty (NaN) and `test` gives the
 * exact share of units that could hold a match and, taking words as independent, the Poisson bound;
 * with fewer than 5 units, every match in one unit, or fewer than 2 degrees of freedom
 * ({@link thinEvidence}) the interval is empty too and `test` says why.
 *
 * @example
 * categoryStatistics(countFrameRows(corpus, dict), { seed: 1 })[0].rate_per_1k
 */
export function categoryStatistics(table: FrameTable, options: StatsOptions = {}): CategoryStatisticsRow[] {
  const unit = inferenceUnit(table, options.unit);
  const words = table.rows.map((r) => r.tokens as number);
  const totalWords = words.reduce((a, b) => a + b, 0);
  const docs = blockIndexes(table.rows.map((r) => r.doc as string));
  const sum = (xs: readonly number[], idx: readonly number[]) => idx.reduce((t, i) => t + xs[i], 0);
  return table.categories.map((category) => {
    const counts = table.rows.map((r) => r[category] as number);
    const total = counts.reduce((a, b) => a + b, 0);
    const ci =
      unit === 'document'
        ? rateInterval(docs.map((d) => sum(counts, d)), docs.map((d) => sum(words, d)), { unit: 'documents' })
        : rateInterval(counts, words, { unit: 'paragraphs (taken as independent: one text)' });
    const withMatch = counts.filter((c) => c > 0).length;
    return {
      category,
      total,
      words: totalWords,
      rate_per_1k: totalWords > 0 ? (total * 1000) / totalWords : 0,
      ci_low: ci.low ?? NaN,
      ci_high: ci.high ?? NaN,
      mean_per_paragraph: counts.length ? mean(counts) : NaN,
      median_per_paragraph: counts.length ? median(counts) : NaN,
      sd_per_paragraph: counts.length > 1 ? sampleStandardDeviation(counts) : NaN,
      paragraphs_with_match: withMatch,
      share_with_match: counts.length ? withMatch / counts.length : NaN,
      test: `rate CI ${Math.round((0.95) * 100)} %: ${ci.method}`,
    };
  });
}

/** Correlation of two categories across paragraphs. */
export interface CorrelationRow {
  a: string;
  b: string;
  /** What r is computed over: `document` (each document's rate) or `paragraph` (one text). */
  unit: InferenceUnit;
  /** Documents or paragraphs with words. */
  n: number;
  pearson_r: number;
  /** 95 % interval of r (Fisher's z). */
  pearson_low: number;
  pearson_high: number;
  pearson_p: number;
  /** Holm and Benjamini–Hochberg adjusted p over the family of all pairs. */
  pearson_p_holm: number;
  pearson_p_bh: number;
  spearman_r: number;
  spearman_p: number;
  spearman_p_holm: number;
  spearman_p_bh: number;
  test: string;
}

/**
 * Do two frames rise and fall together? Pearson and Spearman correlation of the categories'
 * rates per 1000 words over the units of inference: each document's rate (its matches over its
 * words) when the unit is `document`, each paragraph's in a single text. r with its 95 % interval
 * (Fisher's z, n = units), a seeded two-sided studentized permutation p over the same units,
 * shuffled within quartiles of their length in words ({@link studentizedCorrelation}), and the p-values adjusted over the family of all pairs
 * (Holm; Benjamini–Hochberg). One row per pair, in dictionary order.
 *
 * @example
 * // 8 categories of the bundled dictionary: 8 · 7 / 2 = 28 pairs
 * categoryCorrelations(table, { seed: 1 }).length // 28
 */
export function categoryCorrelations(table: FrameTable, options: StatsOptions = {}): CorrelationRow[] {
  const unit = inferenceUnit(table, options.unit);
  const withWords = table.rows.filter((r) => (r.tokens as number) > 0);
  // the units: documents (their rates over all their paragraphs) or paragraphs
  const units = unit === 'document' ? blockIndexes(withWords.map((r) => r.doc as string)) : withWords.map((_, i) => [i]);
  const unitWords = units.map((u) => u.reduce((t, i) => t + (withWords[i].tokens as number), 0));
  const rate = (c: string) => units.map((u, k) => (u.reduce((t, i) => t + (withWords[i][c] as number), 0) * 1000) / unitWords[k]);
  const cats = table.categories;
  const seed = options.seed ?? DEFAULT_SEED;
  const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
  const unitName = unit === 'document' ? 'documents' : 'paragraphs';
  // length quartiles of the units: shuffles stay within them (see studentizedCorrelation)
  const strata = lengthClasses(unitWords, 4);
  const raw: Array<Omit<CorrelationRow, 'pearson_p_holm' | 'pearson_p_bh' | 'spearman_p_holm' | 'spearman_p_bh'>> = [];
  for (let i = 0; i < cats.length; i++) {
    for (let j = i + 1; j < cats.length; j++) {
      const x = rate(cats[i]);
      const y = rate(cats[j]);
      const p = studentizedCorrelation(x, y, { method: 'pearson', seed, permutations, strata });
      const s = studentizedCorrelation(x, y, { method: 'spearman', seed, permutations, strata });
      const [low, high] = fisherInterval(p.r, units.length);
      raw.push({
        a: cats[i],
        b: cats[j],
        unit,
        n: units.length,
        pearson_r: p.r,
        pearson_low: low,
        pearson_high: high,
        pearson_p: p.p,
        spearman_r: s.r,
        spearman_p: s.p,
        test: Number.isNaN(p.r)
          ? `undefined: a rate that never varies over the ${unitName} (or fewer than 3 ${unitName}) has no correlation`
          : `rates per 1000 words of each of the ${units.length} ${unitName}${unit === 'paragraph' ? ' (taken as independent: one text)' : ''}; r interval: Fisher's z, 95 %; Pearson r and Spearman ρ, two-sided studentized permutation tests over ${unitName}, shuffled within length quartiles (DiCiccio & Romano 2017; ${permutations} shuffles, seed ${seed}; the smallest p is 1/${permutations + 1})`,
      });
    }
  }
  const pearsonP = raw.map((r) => r.pearson_p);
  const spearmanP = raw.map((r) => r.spearman_p);
  const pa = { holm: holm(pearsonP), bh: benjaminiHochberg(pearsonP), size: familySize(pearsonP) };
  const sa = { holm: holm(spearmanP), bh: benjaminiHochberg(spearmanP) };
  return raw.map((r, k) => ({
    a: r.a,
    b: r.b,
    unit: r.unit,
    n: r.n,
    pearson_r: r.pearson_r,
    pearson_low: r.pearson_low,
    pearson_high: r.pearson_high,
    pearson_p: r.pearson_p,
    pearson_p_holm: pa.holm[k],
    pearson_p_bh: pa.bh[k],
    spearman_r: r.spearman_r,
    spearman_p: r.spearman_p,
    spearman_p_holm: sa.holm[k],
    spearman_p_bh: sa.bh[k],
    test: Number.isNaN(r.pearson_r) ? r.test : `${r.test}; family of ${pa.size} pairs: Holm and Benjamini–Hochberg`,
  }));
}

/** Observed and expected co-occurrence of two categories in paragraphs. */
export interface CooccurrenceTestRow {
  a: string;
  b: string;
  both: number;
  a_only: number;
  b_only: number;
  neither: number;
  expected_both: number;
  /** The smallest expected cell of the pooled 2×2 table. */
  min_expected: number;
  /** both / expected_both over the pooled table: above 1 when the frames meet more often than chance. */
  ratio: number;
  /** Strata of the Mantel–Haenszel analysis (document × paragraph-length class, or length class in one text). */
  strata: number;
  /** Mantel–Haenszel odds ratio over the strata with its 95 % interval (Robins–Breslow–Greenland); nothing added to empty cells. */
  odds_ratio: number;
  or_low: number;
  or_high: number;
  /** Cochran–Mantel–Haenszel p over the strata, and its Holm and Benjamini–Hochberg adjustments over the family of pairs. */
  p: number;
  p_holm: number;
  p_bh: number;
  /** Fisher's exact p of the pooled table, every paragraph taken as independent and lengths ignored (exploratory; too small on real corpora). */
  fisher_p: number;
  /** Pearson's χ² of the pooled table (no continuity correction); empty when a margin is 0. */
  chi2: number;
  chi2_p: number;
  test: string;
}

/** Paragraph-length classes: quartiles of the paragraphs' word counts (`classes` of them). */
function lengthClasses(words: readonly number[], classes: number): number[] {
  const sorted = [...words].sort((a, b) => a - b);
  const cuts = Array.from({ length: classes - 1 }, (_, k) => sorted[Math.floor(((k + 1) * sorted.length) / classes)]);
  return words.map((w) => cuts.filter((c) => w >= c).length);
}

/**
 * For each pair of categories: do they meet in the same paragraphs more often than their
 * documents and the paragraphs' lengths alone would make them? Paragraphs are stratified by
 * document and by paragraph-length class (quartiles of words; length class only when the unit is
 * `paragraph`, a single text), since long paragraphs hold both frames more often and a document
 * that uses both puts them in its paragraphs. Per pair: the pooled counts, the Mantel–Haenszel
 * odds ratio with its Robins–Breslow–Greenland interval, the Cochran–Mantel–Haenszel p
 * ({@link mantelHaenszel}) with Holm and Benjamini–Hochberg adjustments over the pairs, and, for
 * reference, Fisher's exact p and Pearson's χ² of the pooled table (paragraphs as independent).
 *
 * @example
 * cooccurrenceTests(table).map((r) => [r.a, r.b]).slice(0, 2) // [['гранты', 'коррупция'], ['гранты', 'диалог']]
 */
export function cooccurrenceTests(table: FrameTable, options: StatsOptions = {}): CooccurrenceTestRow[] {
  const unit = inferenceUnit(table, options.unit);
  const cats = table.categories;
  const words = table.rows.map((r) => r.tokens as number);
  const classes = lengthClasses(words, 4);
  const strataOf = table.rows.map((r, i) => (unit === 'document' ? `${String(r.doc)}\u0000${classes[i]}` : String(classes[i])));
  const strata = blockIndexes(strataOf);
  const raw: Array<Omit<CooccurrenceTestRow, 'p_holm' | 'p_bh'>> = [];
  const has = cats.map((c) => table.rows.map((r) => (r[c] as number) > 0));
  for (let i = 0; i < cats.length; i++) {
    for (let j = i + 1; j < cats.length; j++) {
      const cell = (idx: readonly number[]): [number, number, number, number] => {
        const t: [number, number, number, number] = [0, 0, 0, 0];
        for (const k of idx) t[(has[i][k] ? 0 : 2) + (has[j][k] ? 0 : 1)]++;
        return t;
      };
      const [both, aOnly, bOnly, neither] = cell(table.rows.map((_, k) => k));
      const tables: Table2x2[] = strata.map(cell);
      const mh = mantelHaenszel(tables);
      const n = both + aOnly + bOnly + neither;
      const e = n ? expected2x2(both, aOnly, bOnly, neither) : [0, 0, 0, 0];
      const emptyMargin = both + aOnly === 0 || bOnly + neither === 0 || both + bOnly === 0 || aOnly + neither === 0;
      const f = fisherExact(both, aOnly, bOnly, neither);
      const c = chiSquare2x2(both, aOnly, bOnly, neither);
      const stratified = unit === 'document' ? `${strata.length} strata of document × paragraph-length quartile` : `${strata.length} paragraph-length quartiles of one text`;
      const notes = [
        Number.isNaN(mh.p)
          ? `no test: within no stratum does one category vary while the other is present (${stratified})`
          : `Cochran–Mantel–Haenszel χ², 1 df, no continuity correction, over ${stratified}; Mantel–Haenszel odds ratio, Robins–Breslow–Greenland 95 % interval${Number.isNaN(mh.low) ? ` (no interval: the two never ${mh.ratio === 0 ? 'meet' : 'appear apart'} in a stratum where both vary; nothing is added to empty cells)` : ''}`,
        `fisher_p, chi2: the pooled table, paragraphs taken as independent (exploratory)${emptyMargin ? '; χ² undefined: a row or column of the 2×2 table is empty' : ''}`,
      ];
      raw.push({
        a: cats[i],
        b: cats[j],
        both,
        a_only: aOnly,
        b_only: bOnly,
        neither,
        expected_both: e[0],
        min_expected: Math.min(...e),
        ratio: e[0] > 0 ? both / e[0] : NaN,
        strata: strata.length,
        odds_ratio: mh.ratio,
        or_low: mh.low,
        or_high: mh.high,
        p: mh.p,
        fisher_p: f.p,
        chi2: emptyMargin ? NaN : c.statistic,
        chi2_p: emptyMargin ? NaN : c.p,
        test: notes.join('; '),
      });
    }
  }
  const ps = raw.map((r) => r.p);
  const fa = { holm: holm(ps), bh: benjaminiHochberg(ps), size: familySize(ps) };
  return raw.map((r, k) => {
    const { fisher_p, chi2, chi2_p, test, ...head } = r;
    return { ...head, p_holm: fa.holm[k], p_bh: fa.bh[k], fisher_p, chi2, chi2_p, test: `${test}; family of ${fa.size} pairs: Holm and Benjamini–Hochberg on the CMH p` };
  });
}

/** Does a frame concentrate in one part of the text? */
export interface PositionTestRow {
  category: string;
  parts: number;
  /** Matches in each part, `;`-separated. */
  observed: string;
  /** Matches expected in each part if they were spread like the words. */
  expected: string;
  chi2: number;
  df: number;
  /** χ² p: treats every match as independent. */
  p: number;
  /** Permutation p: the same χ² with the paragraphs' order shuffled within each document (matches of one paragraph move together). */
  perm_p: number;
  /** Holm and Benjamini–Hochberg adjusted permutation p over the family of categories. */
  perm_p_holm: number;
  perm_p_bh: number;
  test: string;
}

/**
 * For each category: its matches in each part of the text (thirds by default; a paragraph belongs
 * to the part holding its middle word) against the numbers expected if matches were spread like
 * the words. The χ² goodness-of-fit p treats every match as independent, which matches of one
 * paragraph are not; the permutation p shuffles whole paragraphs within their document and asks
 * how often a χ² as large arises (seeded), and is adjusted over the categories (Holm;
 * Benjamini–Hochberg).
 *
 * @example
 * positionTests(table, 3).map((r) => r.category) // ['гранты', 'коррупция', 'диалог', …]
 */
export function positionTests(table: FrameTable, parts = 3, options: StatsOptions = {}): PositionTestRow[] {
  const reading = frameReading(table, parts);
  const totalWords = reading.words;
  const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
  const seed = options.seed ?? DEFAULT_SEED;
  const cats = table.categories;
  const words = table.rows.map((r) => r.tokens as number);
  const docs = blockIndexes(table.rows.map((r) => r.doc as string));
  const counts = cats.map((c) => table.rows.map((r) => r[c] as number));
  const expectedOf = (total: number, partWords: readonly number[]) => partWords.map((w) => (totalWords > 0 ? (total * w) / totalWords : 0));
  const observed = cats.map((category) => reading.parts.map((p) => p.ranking.find((r) => r.category === category)!.count));
  const totals = observed.map((o) => o.reduce((a, b) => a + b, 0));
  const readingWords = reading.parts.map((p) => p.words);
  const observedChi = observed.map((o, c) => chiSquareStatistic(o, expectedOf(totals[c], readingWords)));
  const extreme = cats.map(() => 0);
  const rnd = seededRandom(seed);
  const part = new Int32Array(words.length);
  for (let b = 0; b < permutations && totalWords > 0; b++) {
    const partWords = new Array(parts).fill(0);
    for (const d of docs) {
      const order = shuffle(d, rnd);
      const docWords = d.reduce((t, i) => t + words[i], 0);
      let start = 0;
      for (const i of order) {
        part[i] = partOf(start, words[i], docWords, parts);
        partWords[part[i]] += words[i];
        start += words[i];
      }
    }
    for (let c = 0; c < cats.length; c++) {
      if (totals[c] === 0) continue;
      const obs = new Array(parts).fill(0);
      for (let i = 0; i < words.length; i++) obs[part[i]] += counts[c][i];
      if (chiSquareStatistic(obs, expectedOf(totals[c], partWords)) >= observedChi[c] - 1e-9) extreme[c]++;
    }
  }
  const raw = cats.map((category, c) => {
    const total = totals[c];
    const expected = expectedOf(total, readingWords);
    const t = total > 0 ? chiSquareGoodnessOfFit(observed[c], expected) : { statistic: NaN, p: NaN, test: `χ² goodness of fit, ${parts - 1} df` };
    return {
      category,
      parts,
      observed: observed[c].join(';'),
      expected: expected.map((e) => Math.round(e * 100) / 100).join(';'),
      chi2: t.statistic,
      df: parts - 1,
      p: t.p,
      perm_p: total > 0 ? (extreme[c] + 1) / (permutations + 1) : NaN,
      test: total > 0 ? `${t.test}; expected ∝ words per part; ${total} matches` : 'undefined: no match of the category',
    };
  });
  const permP = raw.map((r) => r.perm_p);
  const adj = { holm: holm(permP), bh: benjaminiHochberg(permP), size: familySize(permP) };
  return raw.map((r, k) => ({
    ...r,
    perm_p_holm: adj.holm[k],
    perm_p_bh: adj.bh[k],
    test: Number.isNaN(r.perm_p)
      ? r.test
      : `${r.test}; permutation p: paragraphs shuffled within documents (${permutations} shuffles, seed ${seed}); family of ${adj.size} categories: Holm and Benjamini–Hochberg`,
  }));
}
