import { parseDate, periodLabel, periodsBetween, periodStart, type Period } from '../corpus/dates';
import { FramelabError } from '../errors';
import { rate, type Cell, type FrameTable } from '../table/frame-table';
import { benjaminiHochberg, holm } from './adjust';
import { chiSquaredSurvival, normalQuantile } from './distributions';
import { clusteredRateRatio, matchingUnits, MIN_INTERVAL_UNITS, rateInterval, studentizedPermutation, trendPermutation } from './clustered';
import { DEFAULT_PERMUTATIONS, DEFAULT_SEED } from '../defaults';
import { seededRandom, shuffleInPlace } from './random';
import { ruCount, ruList, tiedFirst } from '../text/plural';

/** The words and counts of one document, summed over its paragraphs. */
interface DocTotals {
  doc: string;
  words: number;
  paragraphs: number;
  counts: number[];
  row: Record<string, Cell>;
}

/**
 * Sums a count table per document (documents in table order).
 *
 * @example
 * // the bundled article without its repeated paragraphs: one document of 30 paragraphs
 * documentTotals(table).map((d) => d.paragraphs) // [30]
 */
export function documentTotals(table: FrameTable): DocTotals[] {
  const byDoc = new Map<string, DocTotals>();
  for (const r of table.rows) {
    const id = String(r.doc);
    let d = byDoc.get(id);
    if (!d) {
      d = { doc: id, words: 0, paragraphs: 0, counts: table.categories.map(() => 0), row: r };
      byDoc.set(id, d);
    }
    d.words += Number(r.tokens);
    d.paragraphs++;
    table.categories.forEach((c, k) => (d!.counts[k] += Number(r[c])));
  }
  return [...byDoc.values()];
}

/** Options of {@link compareGroups} and {@link timeSeries}. */
export interface GroupOptions {
  /** Seed of the bootstrap and permutation tests (default {@link DEFAULT_SEED}). */
  seed?: number;
  /** Not used since the intervals became t intervals on the log scale (kept so that old calls still type-check). */
  replicates?: number;
  /** Permutations of the group test and the trend test (default {@link DEFAULT_PERMUTATIONS}). */
  permutations?: number;
  /** Confidence level of the intervals (default 0.95). */
  level?: number;
}

/** What a category adds up to over some documents (a group, a period). */
export interface CategoryTotals {
  category: string;
  documents: number;
  paragraphs: number;
  words: number;
  count: number;
  /** Count per 1000 words; null without words. */
  rate_per_1k: number | null;
}

/** A category in a group: totals, rate per 1000 words with its interval, and the category's test across groups. */
export interface GroupRow extends CategoryTotals {
  [field: string]: Cell;
  /** The rate's 95 % interval ({@link rateInterval}); null, with the reason in `test`, below 5 documents or when the evidence is thin ({@link thinEvidence}); a group without a match gets [0, {@link zeroMatchBound}], the share of its documents that could hold one times the rate within the other groups' documents that do. */
  ci_low: number | null;
  ci_high: number | null;
  /** Rate of this group ÷ rate of the other (two groups only), with a delta-method interval from document-level variances and the smaller group's degrees of freedom (see {@link clusteredRateRatio}); empty, with the reason in `test`, when a group has no match, fewer than MIN_INTERVAL_UNITS (5) documents, every match in one document, or fewer than 2 degrees of freedom ({@link thinEvidence}). */
  rate_ratio: number | null;
  rr_low: number | null;
  rr_high: number | null;
  /**
   * The test statistic with document-level (cluster-robust) variances: for two groups the square
   * of Welch's t of the log rates with Johnson's skewness correction; for more, Cochran's χ² of the
   * log rates with each group's skewness removed by Hall's transformation (see
   * {@link welchRateTest}). Null when a group has a single document.
   */
  f_docs: number | null;
  /** G² of the words (descriptive; its χ² p is `p_words`). */
  g2: number | null;
  df: number | null;
  /** p of `f_docs` with documents as the unit: documents shuffled between groups and Welch's test recomputed (seeded; {@link studentizedPermutation}). */
  p: number | null;
  p_holm: number | null;
  p_bh: number | null;
  /** p of G² from the χ² distribution, which takes every word as independent (too small when a category's words cluster in a few documents). */
  p_words: number | null;
  test: string;
}

const xlnx = (o: number, e: number) => (o > 0 ? o * Math.log(o / e) : 0);

/**
 * Log-likelihood G² of a 2 × k table — a category's words against the other words, in k groups —
 * with k − 1 degrees of freedom: does the category's rate differ between the groups? Undefined
 * (NaN) with fewer than two groups with words, or when the category has no words (or all).
 *
 * @example
 * // 10 of 1000 words in one group, 30 of 1000 in the other: E = 20 each
 * // G² = 2(10 ln(10/20) + 30 ln(30/20) + 990 ln(990/980) + 970 ln(970/980)) = 10.669
 * g2Groups([10, 30], [1000, 1000]).statistic
 */
export function g2Groups(counts: readonly number[], words: readonly number[]): { statistic: number; df: number; p: number } {
  const keep = words.map((w, i) => i).filter((i) => words[i] > 0);
  const C = keep.reduce((s, i) => s + counts[i], 0);
  const W = keep.reduce((s, i) => s + words[i], 0);
  const df = keep.length - 1;
  if (df < 1 || C === 0 || C === W) return { statistic: NaN, df: Math.max(df, 0), p: NaN };
  let g2 = 0;
  for (const i of keep) {
    const e1 = (C * words[i]) / W;
    const e2 = ((W - C) * words[i]) / W;
    g2 += xlnx(counts[i], e1) + xlnx(words[i] - counts[i], e2);
  }
  g2 *= 2;
  return { statistic: g2, df, p: chiSquaredSurvival(g2, df) };
}

/**
 * The ratio of two rates (a1 per w1 words against a2 per w2) with a Wald interval on the log
 * scale, √(1/a1 + 1/a2) (counts taken as Poisson). Undefined when either count is 0.
 *
 * @example
 * rateRatio(30, 1000, 10, 1000) // { ratio: 3, low: 1.4666…, high: 6.1367… }
 */
export function rateRatio(a1: number, w1: number, a2: number, w2: number, level = 0.95): { ratio: number; low: number; high: number } {
  if (a1 <= 0 || a2 <= 0 || w1 <= 0 || w2 <= 0) return { ratio: NaN, low: NaN, high: NaN };
  const ratio = a1 / w1 / (a2 / w2);
  const z = normalQuantile(1 - (1 - level) / 2);
  const se = Math.sqrt(1 / a1 + 1 / a2);
  return { ratio, low: Math.exp(Math.log(ratio) - z * se), high: Math.exp(Math.log(ratio) + z * se) };
}


/** The value of a grouping field in a table row, as a label ('' when missing). */
function fieldValue(row: Record<string, Cell>, field: string): string {
  const v = row[field];
  return v === null || v === undefined ? '' : String(v);
}

/**
 * Totals each category per group of documents — documents, paragraphs, words, count, rate per
 * 1000 words with an interval from the spread between documents ({@link rateInterval}) — and
 * tests, per category, whether its rate differs between the groups: Welch's t (two groups) or
 * Cochran's Q (more) of the log rates, calibrated by shuffling documents between groups, beside G²
 * with words as units (`p_words`), with Holm and Benjamini–Hochberg adjustments over the
 * categories, and for two groups the rate ratio with its interval. Groups are the values of the `by` fields, which must be columns of the table (count
 * with `meta`). One row per group and category, groups in order of first appearance.
 *
 * @example
 * const { table } = await countFiles('data/news-sample', loadDictionary(), { idField: 'url', meta: ['file', 'date'] });
 * compareGroups(table, ['file']).filter((r) => r.category === 'запад').map((r) => r.file)
 * // ['gazeta.csv.gz', 'interfax.csv.gz', …]
 */
export function compareGroups(table: FrameTable, by: readonly string[], options: GroupOptions = {}): GroupRow[] {
  if (by.length === 0) throw new FramelabError('compare: give at least one field to group by');
  for (const f of by) {
    if (!table.columns.includes(f)) throw new FramelabError(`compare: the table has no column "${f}" (count with meta: ['${f}'])`);
  }
  const level = options.level ?? 0.95;
  const seed = options.seed ?? DEFAULT_SEED;
  const docs = documentTotals(table);
  const groups = new Map<string, { values: string[]; docs: DocTotals[] }>();
  for (const d of docs) {
    const values = by.map((f) => fieldValue(d.row, f));
    const key = JSON.stringify(values);
    if (!groups.has(key)) groups.set(key, { values, docs: [] });
    groups.get(key)!.docs.push(d);
  }
  const list = [...groups.values()];
  const cats = table.categories;
  const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
  // per category, the documents with a match, pooled: how many leave the test defined (2 or more), and
  // what a group without a match borrows from them, how they hold the category (zeroMatchBound)
  const matching = cats.map((_, k) => matchingUnits(docs.map((d) => d.counts[k]), docs.map((d) => d.words)));
  const tests = cats.map((_, k) => {
    const g = g2Groups(
      list.map((gr) => gr.docs.reduce((s, d) => s + d.counts[k], 0)),
      list.map((gr) => gr.docs.reduce((s, d) => s + d.words, 0)),
    );
    const small = list.filter((gr) => gr.docs.length < 2).length;
    const holding = matching[k].units;
    const t = Number.isNaN(g.statistic) || holding < 2
      ? { statistic: NaN, p: NaN }
      : studentizedPermutation(
          list.map((gr) => gr.docs.map((d) => d.counts[k])),
          list.map((gr) => gr.docs.map((d) => d.words)),
          { permutations, rnd: seeded(seed, k) },
        );
    return { ...g, pWords: g.p, f: t.statistic, p: t.p, small, holding };
  });
  const pHolm = holm(tests.map((t) => t.p));
  const pBh = benjaminiHochberg(tests.map((t) => t.p));
  const rows: GroupRow[] = [];
  const family = `family of ${tests.filter((t) => !Number.isNaN(t.p)).length} tests (the categories that could be tested); Holm and Benjamini–Hochberg`;
  list.forEach((g, gi) => {
    const words = g.docs.reduce((s, d) => s + d.words, 0);
    const paragraphs = g.docs.reduce((s, d) => s + d.paragraphs, 0);
    cats.forEach((category, k) => {
      const count = g.docs.reduce((s, d) => s + d.counts[k], 0);
      const ci = rateInterval(g.docs.map((d) => d.counts[k]), g.docs.map((d) => d.words), { level, matching: matching[k] });
      let rr: { ratio: number; low: number | null; high: number | null; method: string } = { ratio: NaN, low: null, high: null, method: '' };
      if (list.length === 2) {
        const other = list[1 - gi];
        rr = clusteredRateRatio(g.docs.map((d) => d.counts[k]), g.docs.map((d) => d.words), other.docs.map((d) => d.counts[k]), other.docs.map((d) => d.words), { level });
      }
      const t = tests[k];
      const row: GroupRow = {} as GroupRow;
      by.forEach((f, i) => (row[f] = g.values[i]));
      const testText = Number.isNaN(t.p)
        ? t.df < 1
          ? 'test undefined: fewer than two groups with words'
          : Number.isNaN(t.statistic)
            ? 'test undefined: no words of the category, or only such words'
            : t.holding < 2
              ? 'test undefined: a single document holds every match of the category, so a test would compare the lengths of documents, not rates'
              : `test undefined: ${t.small} group(s) with a single document, whose spread cannot be estimated (at least 2 documents per group)`
        : `p: ${list.length === 2 ? "Welch's t of the two groups' log rates with Johnson's (1978) skewness correction and document-level HC3 variances (Welch 1947)" : "Cochran's (1954) Q of the groups' log rates, each group's studentized deviation from the weighted mean corrected for its skewness by Hall's (1992) transformation, document-level HC3 variances"}, its p calibrated by shuffling documents between groups (${permutations} shuffles; studentized permutation test, Janssen 1997, Chung & Romano 2013); p_words: G² χ² ${t.df} df with words as units (too small when words cluster in documents); ${family}`;
      Object.assign(row, {
        category,
        documents: g.docs.length,
        paragraphs,
        words,
        count,
        rate_per_1k: rate(count, words),
        ci_low: ci.low,
        ci_high: ci.high,
        rate_ratio: nanToNull(rr.ratio),
        rr_low: rr.low,
        rr_high: rr.high,
        f_docs: nanToNull(t.f),
        g2: nanToNull(t.statistic),
        df: t.df,
        p: nanToNull(t.p),
        p_holm: nanToNull(pHolm[k]),
        p_bh: nanToNull(pBh[k]),
        p_words: nanToNull(t.pWords),
        test: `rate CI: ${ci.method}; ${testText}${list.length === 2 ? `; ${rr.method}` : ''}`,
      });
      rows.push(row);
    });
  });
  return rows;
}

const nanToNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** A seeded source for one test of a family, so that a row's numbers do not depend on the other rows. */
function seeded(seed: number, k: number): () => number {
  return seededRandom((seed + 104729 * (k + 1)) >>> 0);
}

/**
 * The permutation p-value of a G² across groups with documents as the unit: documents are shuffled
 * between the groups (group sizes kept) and G² recomputed from their totals;
 * p = (#{G²* ≥ G²} + 1) / (permutations + 1). Not studentized: valid only when the groups'
 * documents are exchangeable (equal spread); framelab's calibration compares it with the
 * studentized test that replaced it.
 */
export function g2DocumentPermutation(groups: ReadonlyArray<readonly DocTotals[]>, k: number, observed: number, permutations: number, rnd: () => number): number {
  const docs = groups.flat();
  const sizes = groups.map((g) => g.length);
  const counts = docs.map((d) => d.counts[k]);
  const words = docs.map((d) => d.words);
  const order = docs.map((_, i) => i);
  const c = new Array<number>(groups.length);
  const w = new Array<number>(groups.length);
  let extreme = 0;
  for (let r = 0; r < permutations; r++) {
    shuffleInPlace(order, rnd);
    let at = 0;
    for (let g = 0; g < sizes.length; g++) {
      c[g] = 0;
      w[g] = 0;
      for (let m = 0; m < sizes[g]; m++, at++) {
        c[g] += counts[order[at]];
        w[g] += words[order[at]];
      }
    }
    if (g2Groups(c, w).statistic >= observed - 1e-9) extreme++;
  }
  return (extreme + 1) / (permutations + 1);
}

/** A category in a period of a time series, and its trend over the whole series. */
export interface SeriesRow extends CategoryTotals {
  period: string;
  /** First day of the period (ISO date). */
  start: string;
  /** Slope of the documents' rates against time, per 1000 words per period (see {@link trendPermutation}). */
  trend_slope: number | null;
  p: number | null;
  p_holm: number | null;
  p_bh: number | null;
  test: string;
}

/** Options of {@link timeSeries}. */
export interface SeriesOptions extends GroupOptions {
  /** Leave out documents whose date does not parse (they are counted in `skipped`) instead of stopping. */
  skipBadDates?: boolean;
}

/** Ranks of values, 1-based, ties given their average rank. */
function ranks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => ({ x, i })).sort((a, b) => a.x - b.x);
  const r = new Array<number>(xs.length);
  for (let k = 0; k < order.length; ) {
    let j = k;
    while (j + 1 < order.length && order[j + 1].x === order[k].x) j++;
    for (let m = k; m <= j; m++) r[order[m].i] = (k + j) / 2 + 1;
    k = j + 1;
  }
  return r;
}

/**
 * A monotonic trend in a series: Spearman's ρ between the values and their order in time (ties
 * given average ranks), with a two-sided permutation p-value — the values shuffled
 * `permutations` times with a seeded source, p = (#{|ρ*| ≥ |ρ|} + 1)/(permutations + 1). Each
 * shuffle costs one pass over the series, so long daily series stay quick.
 *
 * @example
 * trendTest([1, 2, 3, 5]).rho // 1: every later value is higher
 */
export function trendTest(xs: readonly number[], options: { permutations?: number; seed?: number } = {}): { rho: number; p: number } {
  const n = xs.length;
  const r = ranks(xs);
  const mean = (n + 1) / 2;
  const sdOf = (v: readonly number[]) => Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0));
  const sx = sdOf(Array.from({ length: n }, (_, i) => i + 1));
  const sr = sdOf(r);
  if (n < 3 || sr === 0) return { rho: NaN, p: NaN };
  const rhoOf = (v: readonly number[]) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (i + 1 - mean) * (v[i] - mean);
    return s / (sx * sr);
  };
  const rho = rhoOf(r);
  const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
  const rnd = seededRandom(options.seed ?? DEFAULT_SEED);
  const v = [...r];
  let extreme = 0;
  for (let k = 0; k < permutations; k++) {
    shuffleInPlace(v, rnd);
    if (Math.abs(rhoOf(v)) >= Math.abs(rho) - 1e-12) extreme++;
  }
  return { rho, p: (extreme + 1) / (permutations + 1) };
}

/**
 * A time series of each category: documents are placed in periods by a date field (`day`,
 * `week` from Monday, `month`, `quarter`, `year`), every period from the first to the last
 * present (an empty one as a row of zeros, its rate empty), and each category's trend tested on
 * the documents: the slope of their rates against time with a permutation of the documents'
 * periods ({@link trendPermutation}), adjusted over the categories. The test says when its
 * documents allow too few arrangements to reach p < 0.05. A date that does not parse is an error naming the document and the value, unless
 * `skipBadDates`.
 *
 * @example
 * const { table } = await countFiles('data/news-sample', loadDictionary(), { idField: 'url', meta: ['file', 'date'] });
 * timeSeries(table, 'date', 'year').rows.filter((r) => r.category === 'запад').map((r) => r.period)
 * // ['2008', '2009', …]
 */
export function timeSeries(table: FrameTable, dateField: string, every: Period, options: SeriesOptions = {}): { rows: SeriesRow[]; skipped: Array<{ doc: string; value: string }> } {
  if (!table.columns.includes(dateField)) throw new FramelabError(`compare: the table has no column "${dateField}" (count with meta: ['${dateField}'])`);
  const docs = documentTotals(table);
  const skipped: Array<{ doc: string; value: string }> = [];
  const dated: Array<{ d: DocTotals; start: Date }> = [];
  for (const d of docs) {
    const raw = d.row[dateField];
    const date = parseDate(raw);
    if (!date) {
      if (options.skipBadDates) {
        skipped.push({ doc: d.doc, value: raw === null || raw === undefined ? '' : String(raw) });
        continue;
      }
      throw new FramelabError(
        `document "${d.doc}" has ${raw === null || raw === undefined || raw === '' ? `no ${dateField}` : `the ${dateField} "${raw}", which is not a date`} (use YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or DD.MM.YYYY; --skip-bad-dates leaves such documents out)`,
    );
    }
    dated.push({ d, start: periodStart(date, every) });
  }
  if (dated.length === 0) throw new FramelabError(`no document has a ${dateField} that is a date`);
  const times = dated.map((x) => x.start.getTime());
  const periods = periodsBetween(new Date(times.reduce((a, b) => Math.min(a, b))), new Date(times.reduce((a, b) => Math.max(a, b))), every);
  const index = new Map(periods.map((p, i) => [p.getTime(), i]));
  const bins = periods.map(() => ({ docs: 0, paragraphs: 0, words: 0, counts: table.categories.map(() => 0) }));
  for (const { d, start } of dated) {
    const b = bins[index.get(start.getTime())!];
    b.docs++;
    b.paragraphs += d.paragraphs;
    b.words += d.words;
    d.counts.forEach((c, k) => (b.counts[k] += c));
  }
  const seed = options.seed ?? DEFAULT_SEED;
  const permutations = options.permutations ?? DEFAULT_PERMUTATIONS;
  const docPeriod = dated.map(({ start }) => index.get(start.getTime())!);
  const docWords = dated.map(({ d }) => d.words);
  const withWords = bins.filter((b) => b.words > 0).length;
  const trends = table.categories.map((_, k) => ({
    ...trendPermutation(docPeriod, dated.map(({ d }) => d.counts[k]), docWords, { permutations, seed: seed + k }),
    n: withWords,
  }));
  const pHolm = holm(trends.map((t) => t.p));
  const pBh = benjaminiHochberg(trends.map((t) => t.p));
  const tested = trends.filter((x) => !Number.isNaN(x.p)).length;
  const rows: SeriesRow[] = [];
  periods.forEach((p, i) => {
    const b = bins[i];
    table.categories.forEach((category, k) => {
      const t = trends[k];
      const floor = t.arrangements < permutations + 1 ? ` The ${dated.length} documents can be assigned to their ${every}s in only ${t.arrangements} distinct ways, so the smallest p this test can give is about 1/${t.arrangements}${1 / t.arrangements > 0.05 ? ': it cannot reach p < 0.05 however strong the trend' : ''}.` : '';
      rows.push({
        period: periodLabel(p, every),
        start: p.toISOString().slice(0, 10),
        category,
        documents: b.docs,
        paragraphs: b.paragraphs,
        words: b.words,
        count: b.counts[k],
        rate_per_1k: rate(b.counts[k], b.words),
        trend_slope: nanToNull(t.slope),
        p: nanToNull(t.p),
        p_holm: nanToNull(pHolm[k]),
        p_bh: nanToNull(pBh[k]),
        test:
          Number.isNaN(t.p)
            ? `trend undefined: ${t.n < 2 ? `${t.n} ${every}(s) with words (at least 2 needed)` : 'no words of the category'}`
            : `trend: slope of the documents' rates against time (per 1000 words per ${every}, documents weighted by words), two-sided permutation test shuffling the ${dated.length} documents' ${every}s (${permutations} shuffles, seed ${seed + k}; Manly 2007); family of ${tested} tests; Holm and Benjamini–Hochberg.${floor}`,
      });
    });
  });
  return { rows, skipped };
}

/** Below this many words of a category in the whole corpus, a reading quotes the count beside the category's name. */
const FEW_WORDS = 10;

const fmt = (x: number | null, digits = 1) => (x === null ? '—' : x.toFixed(digits).replace('.', ','));
const fmtP = (p: number | null) => (p === null ? '—' : p < 0.001 ? '< 0,001' : p.toFixed(3).replace('.', ','));
/** `p = 0,019`, or `p < 0,001` (never `p = < 0,001`). */
const pIs = (p: number | null) => (p !== null && p < 0.001 ? `p ${fmtP(p)}` : `p = ${fmtP(p)}`);

/**
 * A reading of a group comparison computed from its numbers, in Russian (Markdown): how many
 * documents each group rests on, which categories differ between the groups after the Holm
 * correction (with the highest and lowest group), which differences are only nominal
 * (exploratory), which categories were not tested (no words of the category, or all of them in
 * one document: the same rule that leaves their `p` empty in the table), and how wide the
 * intervals are. A tested category with few words is described like any other, with its count.
 *
 * @example
 * const { table } = await countFiles('data/news-sample', loadDictionary(), { idField: 'url', meta: ['file', 'date'] });
 * describeComparison(compareGroups(table, ['file'])) // '…'
 */
export function describeComparison(rows: readonly GroupRow[], options: { alpha?: number } = {}): string {
  const alpha = options.alpha ?? 0.05;
  if (rows.length === 0) return 'Нет данных для сравнения.';
  const keys = Object.keys(rows[0]);
  const fields = keys.slice(0, keys.indexOf('category'));
  const label = (r: GroupRow) => fields.map((f) => String(r[f] ?? '')).join(' · ');
  const categories = [...new Set(rows.map((r) => r.category))];
  const first = rows.filter((r) => r.category === categories[0]);
  const docs = first.map((r) => r.documents);
  const totalDocs = docs.reduce((a, b) => a + b, 0);
  const parts: string[] = [];
  const fewest = docs.reduce((a, b) => Math.min(a, b), docs[0] ?? 0);
  const most = docs.reduce((a, b) => Math.max(a, b), 0);
  parts.push(
    `${ruCount(totalDocs, ['документ', 'документа', 'документов'])} в ${ruCount(first.length, ['группе', 'группах', 'группах'])} (${fields.join(', ')}): ` +
      (fewest === most ? `в каждой группе ${ruCount(most, ['документ', 'документа', 'документов'])}. ` : `от ${fewest} до ${ruCount(most, ['документа', 'документов', 'документов'])} в группе. `) +
      `Интервалы и тесты опираются на разброс между документами (статьями), а не между словами; интервала нет у группы меньше чем из ${MIN_INTERVAL_UNITS} документов и у группы, где совпадения или слова сосредоточены в одном документе.`,
  );
  const strong: string[] = [];
  const nominal: string[] = [];
  const sparse: string[] = [];
  for (const c of categories) {
    const rs = rows.filter((r) => r.category === c);
    const total = rs.reduce((s, r) => s + r.count, 0);
    const t = rs[0];
    // untested in the table (no words of the category, or all in one document): named, not described
    if (t.p === null) {
      sparse.push(`«${c}» (${total})`);
      continue;
    }
    const ranked = [...rs].filter((r) => r.rate_per_1k !== null).sort((a, b) => b.rate_per_1k! - a.rate_per_1k!);
    const hi = ranked[0];
    const lo = ranked[ranked.length - 1];
    // groups with equal rates are a tie, named as one
    const top = tiedFirst(ranked, (r) => r.rate_per_1k);
    const bottom = tiedFirst([...ranked].reverse(), (r) => r.rate_per_1k).reverse();
    const highest = top.length > 1 ? `поровну в ${ruList(top.map(label))} (по ${fmt(hi.rate_per_1k)} на 1000 слов)` : `в ${label(hi)} (${fmt(hi.rate_per_1k)} на 1000 слов, ${hi.ci_low === null || hi.ci_high === null ? `без интервала: ${hi.documents < MIN_INTERVAL_UNITS ? `меньше ${MIN_INTERVAL_UNITS} документов` : 'совпадения в слишком немногих документах'}` : `интервал ${fmt(hi.ci_low)}–${fmt(hi.ci_high)}`})`;
    const lowest = bottom.length > 1 ? `поровну в ${ruList(bottom.map(label))} (по ${fmt(lo.rate_per_1k)})` : `в ${label(lo)} (${fmt(lo.rate_per_1k)})`;
    const few = total < FEW_WORDS ? ` (всего ${ruCount(total, ['слово', 'слова', 'слов'])} на весь корпус)` : '';
    const text = `«${c}»${few}: чаще всего ${highest}, реже всего ${lowest}; ${first.length > 2 ? "Q" : "F"} = ${fmt(t.f_docs)}, p по перестановкам документов ${fmtP(t.p)}, с поправкой Холма ${fmtP(t.p_holm)}`;
    if (t.p_holm !== null && t.p_holm < alpha) strong.push(text);
    else if ((t.p !== null && t.p < alpha) || (t.p_words !== null && t.p_words < alpha)) {
      nominal.push(
        t.p !== null && t.p >= alpha && t.p_words !== null && t.p_words < alpha
          ? `${text} — значимо, только если считать слова независимыми (${pIs(t.p_words)}): слова категории сосредоточены в немногих статьях`
          : text,
      );
    }
  }
  parts.push(
    strong.length
      ? `Различаются между группами и после поправки на число категорий (Холм, α = ${fmt(alpha, 2)}):\n\n${strong.map((s) => `- ${s}`).join('\n')}`
      : `Ни одна категория не различается между группами после поправки на число категорий (Холм, α = ${fmt(alpha, 2)}).`,
  );
  if (nominal.length) parts.push(`Различия только без поправки — это разведка, а не вывод:\n\n${nominal.map((s) => `- ${s}`).join('\n')}`);
  if (sparse.length) parts.push(`Не проверялись — слов категории нет или все они в одной статье (в скобках — слов на весь корпус): ${sparse.join(', ')}.`);
  return parts.join('\n\n');
}
