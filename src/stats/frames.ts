import { mean, median, sampleStandardDeviation } from 'simple-statistics';
import type { FrameTable } from '../frames/table';
import { frameReading } from '../frames/reading';
import { DEFAULT_SEED } from './random';
import { bootstrapRate, correlationTest } from './resampling';
import { chiSquare2x2, chiSquareGoodnessOfFit, fisherExact } from './tests';

const round = (x: number, d = 4) => (Number.isFinite(x) ? Math.round(x * 10 ** d) / 10 ** d : x);

/** Options of the frame statistics. */
export interface StatsOptions {
  /** Seed of bootstraps and permutations (default {@link DEFAULT_SEED}). */
  seed?: number;
  /** Bootstrap resamples (default 2000). */
  replicates?: number;
  /** Permutations of the correlation tests (default 9999). */
  permutations?: number;
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
 * Per category: total, rate per 1000 words with a 95 % bootstrap interval (resampling paragraphs),
 * mean, median and standard deviation of the count per paragraph, and the share of paragraphs with
 * at least one match.
 *
 * @example
 * categoryStatistics(countFrameRows(corpus, dict), { seed: 1 })[0].rate_per_1k
 */
export function categoryStatistics(table: FrameTable, options: StatsOptions = {}): CategoryStatisticsRow[] {
  const words = table.rows.map((r) => r.tokens as number);
  const totalWords = words.reduce((a, b) => a + b, 0);
  return table.categories.map((category) => {
    const counts = table.rows.map((r) => r[category] as number);
    const ci = bootstrapRate(counts, words, { seed: options.seed, replicates: options.replicates });
    const withMatch = counts.filter((c) => c > 0).length;
    return {
      category,
      total: counts.reduce((a, b) => a + b, 0),
      words: totalWords,
      rate_per_1k: round(ci.rate),
      ci_low: round(ci.low),
      ci_high: round(ci.high),
      mean_per_paragraph: counts.length ? round(mean(counts)) : NaN,
      median_per_paragraph: counts.length ? median(counts) : NaN,
      sd_per_paragraph: counts.length > 1 ? round(sampleStandardDeviation(counts)) : NaN,
      paragraphs_with_match: withMatch,
      share_with_match: counts.length ? round(withMatch / counts.length) : NaN,
      test: `rate CI: ${ci.test}, ${Math.round(ci.level * 100)} %`,
    };
  });
}

/** Correlation of two categories across paragraphs. */
export interface CorrelationRow {
  a: string;
  b: string;
  paragraphs: number;
  pearson_r: number;
  pearson_p: number;
  spearman_r: number;
  spearman_p: number;
  test: string;
}

/**
 * Do two frames rise and fall together across paragraphs? Pearson and Spearman correlation of
 * the categories' rates per 1000 words over the paragraphs that have words, each with a seeded
 * two-sided permutation p-value. One row per pair, in dictionary order.
 *
 * @example
 * // 8 categories of the bundled dictionary: 8 · 7 / 2 = 28 pairs
 * categoryCorrelations(table, { seed: 1 }).length // 28
 */
export function categoryCorrelations(table: FrameTable, options: StatsOptions = {}): CorrelationRow[] {
  const rows = table.rows.filter((r) => (r.tokens as number) > 0);
  const rate = (c: string) => rows.map((r) => ((r[c] as number) * 1000) / (r.tokens as number));
  const out: CorrelationRow[] = [];
  const cats = table.categories;
  const seed = options.seed ?? DEFAULT_SEED;
  for (let i = 0; i < cats.length; i++) {
    for (let j = i + 1; j < cats.length; j++) {
      const x = rate(cats[i]);
      const y = rate(cats[j]);
      const p = correlationTest(x, y, { method: 'pearson', seed, permutations: options.permutations });
      const s = correlationTest(x, y, { method: 'spearman', seed, permutations: options.permutations });
      out.push({
        a: cats[i],
        b: cats[j],
        paragraphs: rows.length,
        pearson_r: round(p.r),
        pearson_p: round(p.p),
        spearman_r: round(s.r),
        spearman_p: round(s.p),
        test: `per-paragraph rates; ${p.test}; ${s.test.replace(/ \(.*\)$/, '')}`,
      });
    }
  }
  return out;
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
  /** both / expected_both: above 1 when the frames meet more often than chance. */
  ratio: number;
  fisher_p: number;
  chi2: number;
  chi2_p: number;
  test: string;
}

/**
 * For each pair of categories: paragraphs containing both against the number expected if they
 * occurred independently, tested with Fisher's exact test (two-sided) and Pearson's χ².
 *
 * @example
 * cooccurrenceTests(table).map((r) => [r.a, r.b]).slice(0, 2) // [['гранты', 'коррупция'], ['гранты', 'диалог']]
 */
export function cooccurrenceTests(table: FrameTable): CooccurrenceTestRow[] {
  const cats = table.categories;
  const out: CooccurrenceTestRow[] = [];
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
      const expected = n ? ((both + aOnly) * (both + bOnly)) / n : 0;
      const f = fisherExact(both, aOnly, bOnly, neither);
      const c = chiSquare2x2(both, aOnly, bOnly, neither);
      out.push({
        a: cats[i],
        b: cats[j],
        both,
        a_only: aOnly,
        b_only: bOnly,
        neither,
        expected_both: round(expected),
        ratio: expected > 0 ? round(both / expected) : NaN,
        fisher_p: round(f.p),
        chi2: round(c.statistic),
        chi2_p: round(c.p),
        test: `${f.test}; ${c.test}`,
      });
    }
  }
  return out;
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
  p: number;
  test: string;
}

/**
 * For each category: its matches in each part of the text (thirds by default; a paragraph belongs
 * to the part holding its middle word) against the numbers expected if matches were spread like
 * the words, with a χ² goodness-of-fit test (k − 1 df). With few matches the χ² approximation is
 * rough: the row says how many matches it rests on.
 *
 * @example
 * positionTests(table, 3).map((r) => r.category) // ['гранты', 'коррупция', 'диалог', …]
 */
export function positionTests(table: FrameTable, parts = 3): PositionTestRow[] {
  const reading = frameReading(table, parts);
  const totalWords = reading.words;
  return table.categories.map((category) => {
    const observed = reading.parts.map((p) => p.ranking.find((s) => s.category === category)!.count);
    const total = observed.reduce((a, b) => a + b, 0);
    const expected = reading.parts.map((p) => (totalWords > 0 ? (total * p.words) / totalWords : 0));
    const t = total > 0 ? chiSquareGoodnessOfFit(observed, expected) : { statistic: NaN, p: NaN, test: `χ² goodness of fit, ${parts - 1} df` };
    return {
      category,
      parts,
      observed: observed.join(';'),
      expected: expected.map((e) => round(e, 2)).join(';'),
      chi2: round(t.statistic),
      df: parts - 1,
      p: round(t.p),
      test: `${t.test}; expected ∝ words per part; ${total} matches`,
    };
  });
}
