import type { FrameTable } from '../table/frame-table';
import { inferenceUnit, type StatsOptions } from './frames';
import { DEFAULT_PERMUTATIONS, DEFAULT_SEED } from '../defaults';
import { MIN_INTERVAL_DF, MIN_INTERVAL_UNITS } from './clustered';

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

/** Paragraphs of a count table that repeat an earlier one of their document (`duplicate_of` set). */
function repeatsOf(table: FrameTable): number {
  return table.rows.filter((r) => r.duplicate_of !== null && r.duplicate_of !== undefined).length;
}

function countingSentence(table: FrameTable, dictionary: { name: string; categories: number }, deduplicated: boolean | undefined): string {
  const docs = new Set(table.rows.map((r) => r.doc)).size;
  const words = table.rows.reduce((t, r) => t + (r.tokens as number), 0);
  const repeats = repeatsOf(table);
  return (
    `Paragraphs were the unit of counting: ${table.rows.length} paragraphs in ${docs} document(s), ${words} words` +
    (deduplicated ? ', paragraphs that repeat an earlier one of their document removed' : repeats > 0 ? `, of which ${repeats} repeat an earlier paragraph of their document and were counted again (not removed)` : '') +
    `. Words of each of the ${dictionary.categories} categories of the dictionary "${dictionary.name}" were counted in every inflected form (a pattern matches a word's form or its lemma).`
  );
}

function softwareSentence(seed: number, versions: Record<string, string> | undefined): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const v = versions ?? { framelab: (require('../../package.json') as { version: string }).version, node: process.versions.node };
  return `Random numbers come from a seeded generator (seed ${seed}), so every number reproduces. The level and coverage of these methods on simulated corpora whose documents differ widely are tabulated in framelab's docs/statistics.md. Software: ${Object.entries(v).map(([k, x]) => `${k} ${x}`).join(', ')}.`;
}

const RATE_INTERVAL =
  `with 95 % intervals from a t distribution on the log scale: the rate is a ratio estimate (matches over words), its variance the cluster-robust (HC3) linearization variance over the units (Cochran 1977; MacKinnon & White 1985), with Satterthwaite's degrees of freedom of that variance estimated from the units' fourth moments (Satterthwaite 1946; Kauermann & Carroll 2001), at most Kish's effective number of units minus one; a rate resting on fewer than ${MIN_INTERVAL_UNITS} units, with every match in one unit, or with fewer than ${MIN_INTERVAL_DF} degrees of freedom (one unit holding most of the words or of the spread) is given without an interval, and an upper end above 1000 per 1000 words is cut there`;

/** What a category without a match gets in `stats`: nothing to borrow from, so no interval. */
const ZERO_STATS =
  'A category without a single match is given without an interval: zero matches cannot tell how densely the units that would hold it hold it, so no upper bound that lets units differ exists; its row gives the exact share of units that could hold a match (0 of n, Clopper & Pearson 1934) and, taking words as independent, the exact Poisson upper bound (−ln 0.025 = 3.689 matches over the words read).';

/** What a group without a match gets in `compare --by`: the share bound times the rate within the other groups' documents that hold the category. */
const ZERO_COMPARE =
  "A group without a single match gets the interval from 0 to the product of two exact 97.5 % upper bounds, so that the product holds at 95 % (Bonferroni): the share of its documents that could hold a match, 0 of n (Clopper & Pearson 1934), and the rate within documents that hold one, the exact Poisson bound (Garwood 1936) of the matches over the words of the other groups' documents that do; it assumes that documents holding the category in that group hold it as those do, is never below the exact Poisson bound of words taken as independent, and is left out, with the reason, when no group has a match.";

/**
 * A paragraph for the methods section of a paper, sentence by sentence what `framelab stats`
 * computes with these options: the units (and the repeated paragraphs kept or removed), the rate
 * intervals, the correlations, the co-occurrence tests and the position tests, which of them take
 * paragraphs as independent, the corrections, the seed and the software versions.
 *
 * @example
 * methodsText({ table, dictionary: { name: 'framing-ru', categories: 8 } }).startsWith('Paragraphs were') // true
 */
export function methodsText(input: MethodsInput): string {
  const { table, dictionary } = input;
  const o = input.options ?? {};
  const unit = inferenceUnit(table, o.unit);
  const docs = new Set(table.rows.map((r) => r.doc)).size;
  const seed = o.seed ?? DEFAULT_SEED;
  const permutations = o.permutations ?? DEFAULT_PERMUTATIONS;
  const parts = o.parts ?? 3;
  const units = unit === 'document' ? `documents (${docs})` : `paragraphs (${table.rows.length}), taken as independent observations of one text`;
  return [
    countingSentence(table, dictionary, input.deduplicated),
    `The units of inference were ${units}.`,
    `Rates are matches per 1000 words, ${RATE_INTERVAL}.`,
    ZERO_STATS,
    `Correlations between two categories were computed over the units, each ${unit === 'document' ? "document's rate over all its paragraphs" : "paragraph's rate"} (Pearson r with a Fisher-z 95 % interval on n = units, and Spearman ρ), and tested by a studentized permutation test (DiCiccio & Romano 2017) that shuffles the units within quartiles of their length in words (${permutations} shuffles; p = (k + 1) / (${permutations} + 1), so the smallest attainable p is ${(1 / (permutations + 1)).toPrecision(2)}).`,
    `Co-occurrence of two categories in the same paragraph was tested with the Cochran–Mantel–Haenszel χ² (1 df, no continuity correction) over strata of ${unit === 'document' ? 'document × paragraph-length quartile' : 'paragraph-length quartile'}, so that long paragraphs${unit === 'document' ? ' and documents that use both categories' : ''} do not create association by themselves, with the Mantel–Haenszel odds ratio and its Robins–Breslow–Greenland interval (nothing added to empty cells; no interval when the two never meet, or never appear apart, within a stratum). Fisher's exact test and Pearson's χ² of the pooled 2 × 2 table are printed beside it for reference; they take every paragraph as independent and ignore lengths.`,
    `Concentration in ${parts} parts of the text was tested with a χ² goodness of fit against the words per part, which takes every match as independent, and with a permutation test that shuffles whole paragraphs within their document (${permutations} shuffles).`,
    `Within each family of tests (all pairs of categories for correlations and co-occurrence, all categories for position) p-values were adjusted with Holm's method and with Benjamini–Hochberg's; unadjusted p-values are exploratory.`,
    softwareSentence(seed, input.versions),
  ].join(' ');
}

/** What {@link compareMethodsText} describes. */
export interface CompareMethodsInput {
  table: FrameTable;
  dictionary: { name: string; categories: number };
  /** The grouping fields (`compare --by`), or the date field and period (`--date`, `--every`). */
  by?: readonly string[];
  date?: { field: string; every: string };
  /** Groups or periods in the result. */
  groups: number;
  options?: { seed?: number; permutations?: number };
  deduplicated?: boolean;
  versions?: Record<string, string>;
}

/**
 * A paragraph for the methods section of a paper, sentence by sentence what `framelab compare`
 * computes: the counting, the groups (or periods), the rate intervals, the test across groups (or
 * the trend test), the rate ratio, the corrections, the seed and the software versions.
 *
 * @example
 * compareMethodsText({ table, dictionary: { name: 'framing-ru', categories: 8 }, by: ['file'], groups: 3 }).startsWith('Paragraphs were') // true
 */
export function compareMethodsText(input: CompareMethodsInput): string {
  const { table, dictionary } = input;
  const seed = input.options?.seed ?? DEFAULT_SEED;
  const permutations = input.options?.permutations ?? DEFAULT_PERMUTATIONS;
  const docs = new Set(table.rows.map((r) => r.doc)).size;
  const head = [countingSentence(table, dictionary, input.deduplicated)];
  if (input.date) {
    head.push(
      `The ${docs} documents were placed in ${input.groups} ${input.date.every} period(s) by their ${input.date.field}; each period's rate is its matches per 1000 words. Documents were the units of inference.`,
      `A trend of each category was estimated as the slope of the documents' rates against the period index, each document weighted by its words, and tested two-sided by permuting the documents' periods among the documents (${permutations} permutations; Manly 2007), which is exact when, without a trend, documents are exchangeable over time; when the documents allow fewer arrangements than permutations, the smallest attainable p is stated in the table.`,
      `p-values were adjusted over the categories with Holm's method and with Benjamini–Hochberg's.`,
    );
  } else {
    head.push(
      `The ${docs} documents were grouped by ${(input.by ?? []).join(', ')} into ${input.groups} group(s); documents were the units of inference.`,
      `Each group's rate is its matches per 1000 words, ${RATE_INTERVAL}.`,
      ZERO_COMPARE,
      `Whether a category's rate differs between the groups was tested with ${input.groups === 2 ? "Welch's t of the two groups' log rates with Johnson's (1978) correction for the skewness of the estimates" : "Cochran's (1954) Q of the groups' log rates, in which each group's studentized deviation from the precision-weighted mean log rate is first corrected for the skewness of that group's estimate by Hall's (1992) transformation (the form of Alexander & Govern 1994)"}, with the same document-level variances, its p calibrated by shuffling documents between the groups (${permutations} shuffles; a studentized permutation test, Janssen 1997; Chung & Romano 2013), which is exact when the groups' documents are exchangeable and keeps close to its level when groups differ in spread, size and lengths (in framelab's simulations it stayed within 3.5–6.5 % at α = .05 in every scenario, with two groups and with three, one of 10 documents varying far more than the others); a group of a single document, or a category whose matches all lie in one document, leaves the test undefined. The G² of the words and its χ² p (p_words), which take every word as independent, are printed for reference only.`,
      ...(input.groups === 2
        ? [`For two groups the rate ratio has a delta-method interval on the log scale with the same variances and the degrees of freedom of the smaller group (the conservative solution of the Behrens–Fisher problem, Hsu 1938; Scheffé 1970; none when a group has no match, fewer than ${MIN_INTERVAL_UNITS} documents, every match in one document, or fewer than ${MIN_INTERVAL_DF} degrees of freedom).`]
        : []),
      `p-values were adjusted over the categories with Holm's method and with Benjamini–Hochberg's; unadjusted p-values are exploratory.`,
    );
  }
  head.push(softwareSentence(seed, input.versions));
  return head.join(' ');
}
