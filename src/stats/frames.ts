import { mean, median, sampleStandardDeviation, shuffle } from 'simple-statistics';
import type { FrameTable } from '../table/frame-table';
import { frameReading, partOf } from '../frames/reading';
import { benjaminiHochberg, holm } from './adjust';
import { poissonUpperZero } from './distributions';
import { DEFAULT_PERMUTATIONS, DEFAULT_SEED } from '../defaults';
import { seededRandom } from './random';
import { blockIndexes, bootstrapRate, correlationTest } from './resampling';
import { chiSquare2x2, chiSquareGoodnessOfFit, chiSquareStatistic, expected2x2, fisherExact, fisherInterval, oddsRatio } from './tests';

/** What the bootstrap resamples and the permutation tests shuffle. */
export type InferenceUnit = 'document' | 'paragraph';

export const INFERENCE_UNITS: readonly InferenceUnit[] = ['document', 'paragraph'];

/** Options of the frame statistics. */
export interface StatsOptions {
  /** Seed of bootstraps and permutations (default {@link DEFAULT_SEED}). */
  seed?: number;
  /** Bootstrap resamples (default {@link DEFAULT_REPLICATES}). */
  replicates?: number;
  /** Permutations of the permutation tests (default {@link DEFAULT_PERMUTATIONS}). */
  permutations?: number;
  /**
   * `document` (the default when the table has more than one document): the bootstrap resamples
   * documents and permutations shuffle paragraphs only within their document, since paragraphs of
   * one text are not independent; `paragraph` treats paragraphs as independent (one text).
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
 * Per category: total, rate per 1000 words with a 95 % bootstrap interval (resampling documents,
 * or paragraphs of a single text; see {@link StatsOptions.unit}), mean, median and standard
 * deviation of the count per paragraph, and the share of paragraphs with at least one match. A
 * category with no match has no bootstrap to draw: its interval is [0, exact Poisson upper bound].
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
        ? bootstrapRate(docs.map((d) => sum(counts, d)), docs.map((d) => sum(words, d)), { seed: options.seed, replicates: options.replicates, unit: `documents (${docs.length})` })
        : bootstrapRate(counts, words, { seed: options.seed, replicates: options.replicates });
    const withMatch = counts.filter((c) => c > 0).length;
    const none = total === 0 && totalWords > 0;
    return {
      category,
      total,
      words: totalWords,
      rate_per_1k: ci.rate,
      ci_low: none ? 0 : ci.low,
      ci_high: none ? (poissonUpperZero() * 1000) / totalWords : ci.high,
      mean_per_paragraph: counts.length ? mean(counts) : NaN,
      median_per_paragraph: counts.length ? median(counts) : NaN,
      sd_per_paragraph: counts.length > 1 ? sampleStandardDeviation(counts) : NaN,
      paragraphs_with_match: withMatch,
      share_with_match: counts.length ? withMatch / counts.length : NaN,
      test: none
        ? `no match in ${totalWords} words: interval from 0 to the exact Poisson 95 % upper bound (−ln 0.025 = 3.689 matches per ${totalWords} words)`
        : `rate CI: ${ci.test}, ${Math.round(ci.level * 100)} %`,
    };
  });
}

/** Correlation of two categories across paragraphs. */
export interface CorrelationRow {
  a: string;
  b: string;
  paragraphs: number;
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
 * Do two frames rise and fall together across paragraphs? Pearson and Spearman correlation of
 * the categories' rates per 1000 words over the paragraphs that have words: r with its 95 %
 * interval (Fisher's z), then a seeded two-sided permutation p (paragraphs shuffled within their
 * document when the unit is `document`), and the p-values adjusted over the family of all pairs
 * (Holm; Benjamini–Hochberg). One row per pair, in dictionary order.
 *
 * @example
 * // 8 categories of the bundled dictionary: 8 · 7 / 2 = 28 pairs
 * categoryCorrelations(table, { seed: 1 }).length // 28
 */
export function categoryCorrelations(table: FrameTable, options: StatsOptions = {}): CorrelationRow[] {
  const unit = inferenceUnit(table, options.unit);
  const rows = table.rows.filter((r) => (r.tokens as number) > 0);
  const blocks = unit === 'document' ? rows.map((r) => r.doc as string) : undefined;
  const rate = (c: string) => rows.map((r) => ((r[c] as number) * 1000) / (r.tokens as number));
  const cats = table.categories;
  const seed = options.seed ?? DEFAULT_SEED;
  const raw: Array<Omit<CorrelationRow, 'pearson_p_holm' | 'pearson_p_bh' | 'spearman_p_holm' | 'spearman_p_bh'>> = [];
  for (let i = 0; i < cats.length; i++) {
    for (let j = i + 1; j < cats.length; j++) {
      const x = rate(cats[i]);
      const y = rate(cats[j]);
      const p = correlationTest(x, y, { method: 'pearson', seed, permutations: options.permutations, blocks });
      const s = correlationTest(x, y, { method: 'spearman', seed, permutations: options.permutations, blocks });
      const [low, high] = fisherInterval(p.r, rows.length);
      raw.push({
        a: cats[i],
        b: cats[j],
        paragraphs: rows.length,
        pearson_r: p.r,
        pearson_low: low,
        pearson_high: high,
        pearson_p: p.p,
        spearman_r: s.r,
        spearman_p: s.p,
        test: Number.isNaN(p.r)
          ? 'undefined: a rate that never varies (or fewer than 3 paragraphs) has no correlation'
          : `per-paragraph rates; r interval: Fisher's z, 95 %; ${p.test}; ${s.test.replace(/ \(.*\)$/, '')}`,
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
    paragraphs: r.paragraphs,
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
  /** The smallest expected cell of the 2×2 table: below 5 the χ² approximation is rough (read Fisher). */
  min_expected: number;
  /** both / expected_both: above 1 when the frames meet more often than chance. */
  ratio: number;
  /** Odds ratio with its 95 % interval (Woolf; 0.5 added to every cell when one is 0). */
  odds_ratio: number;
  or_low: number;
  or_high: number;
  fisher_p: number;
  /** Holm and Benjamini–Hochberg adjusted Fisher p over the family of all pairs. */
  fisher_p_holm: number;
  fisher_p_bh: number;
  /** Pearson's χ² (no continuity correction); empty when a margin is 0 (the test is undefined). */
  chi2: number;
  chi2_p: number;
  test: string;
}

/**
 * For each pair of categories: paragraphs containing both against the number expected if they
 * occurred independently; the odds ratio with its interval; Fisher's exact test (two-sided) with
 * Holm and Benjamini–Hochberg adjustments over the family of pairs; and Pearson's χ², left empty
 * with a reason when a row or column of the table is empty (the test is undefined there), and
 * flagged when an expected cell is below 5.
 *
 * @example
 * cooccurrenceTests(table).map((r) => [r.a, r.b]).slice(0, 2) // [['гранты', 'коррупция'], ['гранты', 'диалог']]
 */
export function cooccurrenceTests(table: FrameTable): CooccurrenceTestRow[] {
  const cats = table.categories;
  const raw: Array<Omit<CooccurrenceTestRow, 'fisher_p_holm' | 'fisher_p_bh'>> = [];
  for (let i = 0; i < cats.length; i++) {
    for (let j = i + 1; j < cats.length; j++) {
      const has = (r: Record<string, unknown>, c: string) => (r[c] as number) > 0;
      let both = 0;
      let aOnly = 0;
      let bOnly = 0;
      let neither = 0;
      for (const r of table.rows) {
        const x = has(r, cats[i]);
        const y = has(r, cats[j]);
        if (x && y) both++;
        else if (x) aOnly++;
        else if (y) bOnly++;
        else neither++;
      }
      const n = both + aOnly + bOnly + neither;
      const e = n ? expected2x2(both, aOnly, bOnly, neither) : [0, 0, 0, 0];
      const emptyMargin = both + aOnly === 0 || bOnly + neither === 0 || both + bOnly === 0 || aOnly + neither === 0;
      const f = fisherExact(both, aOnly, bOnly, neither);
      const c = chiSquare2x2(both, aOnly, bOnly, neither);
      const or = oddsRatio(both, aOnly, bOnly, neither);
      const minExpected = Math.min(...e);
      const notes = [f.test];
      if (emptyMargin) notes.push('χ² undefined: a row or column of the 2×2 table is empty');
      else notes.push(`${c.test}${minExpected < 5 ? `; smallest expected cell ${minExpected.toFixed(2)} < 5: read Fisher's p, not χ²` : ''}`);
      raw.push({
        a: cats[i],
        b: cats[j],
        both,
        a_only: aOnly,
        b_only: bOnly,
        neither,
        expected_both: e[0],
        min_expected: minExpected,
        ratio: e[0] > 0 ? both / e[0] : NaN,
        odds_ratio: or.ratio,
        or_low: or.low,
        or_high: or.high,
        fisher_p: f.p,
        chi2: emptyMargin ? NaN : c.statistic,
        chi2_p: emptyMargin ? NaN : c.p,
        test: notes.join('; '),
      });
    }
  }
  const fisherP = raw.map((r) => r.fisher_p);
  const fa = { holm: holm(fisherP), bh: benjaminiHochberg(fisherP), size: familySize(fisherP) };
  return raw.map((r, k) => {
    const { chi2, chi2_p, test, ...head } = r;
    return { ...head, fisher_p_holm: fa.holm[k], fisher_p_bh: fa.bh[k], chi2, chi2_p, test: `${test}; family of ${fa.size} pairs: Holm and Benjamini–Hochberg on Fisher's p` };
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
