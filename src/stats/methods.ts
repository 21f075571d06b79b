import type { FrameTable } from '../table/frame-table';
import { inferenceUnit, type StatsOptions } from './frames';
import { DEFAULT_PERMUTATIONS, DEFAULT_REPLICATES, DEFAULT_SEED } from '../defaults';

/** What {@link methodsText} describes: the table analysed and the options of the statistics. */
export interface MethodsInput {
  table: FrameTable;
  /** The dictionary's name and number of categories. */
  dictionary: { name: string; categories: number };
  options?: StatsOptions & { parts?: number };
  /** Versions to cite: framelab's and Node's by default. */
  versions?: Record<string, string>;
  /** Whether repeated paragraphs were dropped (`--dedupe`). */
  deduplicated?: boolean;
}

/**
 * A paragraph for the methods section of a paper: the units, every test, the corrections, the
 * resamples and the seed, the G² form, the log-ratio zero rule, the continuity correction (none),
 * and the software versions, all as `framelab stats` computes them with these options.
 *
 * @example
 * methodsText({ table, dictionary: { name: 'framing-ru', categories: 8 } }).startsWith('Paragraphs were') // true
 */
export function methodsText(input: MethodsInput): string {
  const { table, dictionary } = input;
  const o = input.options ?? {};
  const unit = inferenceUnit(table, o.unit);
  const docs = new Set(table.rows.map((r) => r.doc)).size;
  const words = table.rows.reduce((t, r) => t + (r.tokens as number), 0);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const versions = input.versions ?? { framelab: (require('../../package.json') as { version: string }).version, node: process.versions.node };
  const seed = o.seed ?? DEFAULT_SEED;
  const replicates = o.replicates ?? DEFAULT_REPLICATES;
  const permutations = o.permutations ?? DEFAULT_PERMUTATIONS;
  const parts = o.parts ?? 3;
  const resampled = unit === 'document' ? `documents (${docs})` : 'paragraphs';
  return [
    `Paragraphs were the unit of counting: ${table.rows.length} paragraphs in ${docs} document(s), ${words} words` +
      (input.deduplicated ? ', repeated paragraphs removed' : '') +
      `. Words of each of the ${dictionary.categories} categories of the dictionary "${dictionary.name}" were counted in every inflected form (a pattern matches a word's form or its lemma).`,
    `Rates are matches per 1000 words, with 95 % percentile bootstrap intervals over ${resampled} (${replicates} resamples); a category without matches is given the exact Poisson upper bound (−ln 0.025 = 3.689 matches over the words read).`,
    `Correlations between categories' per-paragraph rates (Pearson, with Fisher-z 95 % intervals, and Spearman) were tested by permutation (${permutations} shuffles${unit === 'document' ? ', paragraphs shuffled within their document' : ''}; p = (k + 1) / (${permutations} + 1), so the smallest attainable p is ${(1 / (permutations + 1)).toPrecision(2)}).`,
    `Co-occurrence of two categories in paragraphs was tested with Fisher's exact test (two-sided), with odds ratios and Woolf intervals (0.5 added to every cell when one is zero); Pearson's χ² without continuity correction is reported beside it, undefined when a margin is empty and flagged when an expected cell is below 5.`,
    `Concentration in ${parts} parts of the text was tested with a χ² goodness of fit against the words per part and with a permutation test that shuffles whole paragraphs within documents.`,
    `Keyness uses the log-likelihood G² = 2 Σ O ln(O/E) over the two corpora (Rayson & Garside) and the log ratio log2 of the relative frequencies (Hardie), a zero frequency counted as 0.5, with the interval ± 1.96 √(1/a + 1/b) / ln 2.`,
    `Within each family of tests (all pairs of categories, all categories, all words compared) p-values were adjusted with Holm's method and with Benjamini–Hochberg's; unadjusted p-values are exploratory.`,
    `Random numbers come from a seeded generator (seed ${seed}), so every number reproduces. Software: ${Object.entries(versions).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
  ].join(' ');
}
