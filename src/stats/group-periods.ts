import { parseDate, periodStart, type Period } from '../corpus/dates';
import { FramelabError } from '../errors';
import type { Cell, FrameTable } from '../table/frame-table';
import { documentTotals, timeSeries, type SeriesOptions, type SeriesRow } from './groups';
import { seededRandom, shuffleWithin } from './random';
import { hallTransform } from './clustered';
import { DEFAULT_SEED } from '../defaults';

/** A category in a period of one group's time series: the group's fields, then the series row. */
export type GroupSeriesRow = Record<string, Cell> & SeriesRow;

/**
 * The time series of each group of documents ("how does each outlet's framing change over the
 * years"): the rows of the count table are split by the values of the `by` fields, and each
 * group gets its own {@link timeSeries} — a row per period and category, empty periods between
 * its first and last date included, with the same rate intervals (resampling that group's
 * documents) and the same trend test per category as the series alone. Groups in sorted order;
 * the group's fields come first in each row. Bootstrap and permutations are seeded per group
 * with the same seed, so that a group's rows do not depend on the other groups.
 *
 * @example
 * const t = countFrameRows(loadCorpus('data/mixed-corpus/corpus.yaml'), dict, { meta: ['outlet', 'date'] });
 * const s = groupTimeSeries(t, ['outlet'], 'date', 'year', { seed: 1, replicates: 200, permutations: 99 });
 * [...new Set(s.rows.map((r) => r.outlet))] // ['RT', 'Газета.Ru', 'Известия', 'Интерфакс', 'РИА Новости', 'ТАСС']
 * s.rows.filter((r) => r.outlet === 'Газета.Ru').length / dict.categories.length // 8
 */
export function groupTimeSeries(
  table: FrameTable,
  by: readonly string[],
  dateField: string,
  every: Period,
  options: SeriesOptions = {},
): { rows: GroupSeriesRow[]; skipped: Array<{ doc: string; value: string }> } {
  if (by.length === 0) throw new FramelabError('compare: give the fields to group by');
  for (const f of by) if (!table.columns.includes(f)) throw new FramelabError(`compare: the table has no column "${f}" (count with meta: ['${f}'])`);
  const groups = new Map<string, { values: Cell[]; rows: Array<Record<string, Cell>>; texts: string[] }>();
  table.rows.forEach((r, k) => {
    const values = by.map((f) => r[f] ?? null);
    const key = JSON.stringify(values);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { values, rows: [], texts: [] }));
    g.rows.push(r);
    g.texts.push(table.texts[k] ?? '');
  });
  const order = [...groups.values()].sort((a, b) => {
    const x = a.values.map((v) => String(v ?? '')).join('\u0000');
    const y = b.values.map((v) => String(v ?? '')).join('\u0000');
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const rows: GroupSeriesRow[] = [];
  const skipped: Array<{ doc: string; value: string }> = [];
  for (const g of order) {
    const series = timeSeries({ ...table, rows: g.rows, texts: g.texts }, dateField, every, options);
    skipped.push(...series.skipped);
    for (const row of series.rows) {
      const out: Record<string, Cell> = {};
      by.forEach((f, i) => (out[f] = g.values[i]));
      rows.push({ ...out, ...(row as unknown as Record<string, Cell>) } as GroupSeriesRow);
    }
  }
  return { rows, skipped };
}

/** Does a category's trend differ between groups: one row per category. */
export interface TrendDifferenceRow {
  category: string;
  /** Groups with at least three periods with words and a rate that changes (the ones whose trend is defined). */
  groups: number;
  /** Spread of the groups' trends: Σ (ρ_g − mean ρ)², Spearman's ρ of rate against time per group (descriptive). */
  spread: number | null;
  /**
   * Permutation p of Cochran's Q of the groups' slopes of document rates on time (group labels
   * shuffled among the documents of each period).
   */
  p: number | null;
  test: string;
}

/** Average ranks (ties share the mean of their positions), 1-based. */
function averageRanks(xs: readonly number[]): number[] {
  const order = xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
  const r = new Array<number>(xs.length);
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j + 1 < order.length && order[j + 1][0] === order[i][0]) j++;
    for (let k = i; k <= j; k++) r[order[k][1]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return r;
}

/** Spearman's ρ of two series (Pearson's r of their average ranks); null when one is constant. */
function spearman(xs: readonly number[], ys: readonly number[]): number | null {
  const a = averageRanks(xs);
  const b = averageRanks(ys);
  const n = a.length;
  const ma = a.reduce((s, v) => s + v, 0) / n;
  const mb = b.reduce((s, v) => s + v, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? null : sab / Math.sqrt(saa * sbb);
}

/**
 * One group's word-weighted least-squares slope of its documents' rates (matches / words) on the
 * period index, with the HC3 sandwich variance of the slope (MacKinnon & White 1985), floored at
 * the variance the slope would have if the group's matches were Poisson at its mean rate,
 * (rate + ½/words)/Sxx, so that a group whose documents lie on a line (or never match) does not get
 * a zero variance; `k3` is the third moment Σψ³ of the documents' influence values on the slope,
 * ψ_i = w_i x_i e_i / (Sxx (1 − h_i)), for the slope's skewness k3 / variance^{3/2}. Null with fewer
 * than three documents or a single period.
 *
 * @example
 * // three documents of 10 words in periods 0, 1, 2 with 1, 2, 3 matches: rates .1, .2, .3, slope .1 per period;
 * // they lie on the line, so the variance is the Poisson floor (0.2 + 0.5/30)/Sxx, Sxx = 10·(1 + 0 + 1) = 20
 * const s = documentRateSlope([0, 1, 2], [10, 10, 10], [1, 2, 3])!;
 * [Number(s.slope.toFixed(12)), Number(s.variance.toFixed(12))] // [0.1, 0.010833333333]
 */
export function documentRateSlope(periods: readonly number[], words: readonly number[], counts: readonly number[]): { slope: number; variance: number; k3: number } | null {
  let sw = 0;
  let st = 0;
  let sc = 0;
  let n = 0;
  for (let i = 0; i < periods.length; i++) {
    if (!(words[i] > 0)) continue;
    n++;
    sw += words[i];
    st += words[i] * periods[i];
    sc += counts[i];
  }
  if (n < 3) return null;
  const tm = st / sw;
  const ym = sc / sw;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < periods.length; i++) {
    if (!(words[i] > 0)) continue;
    sxx += words[i] * (periods[i] - tm) ** 2;
    sxy += words[i] * (periods[i] - tm) * (counts[i] / words[i] - ym);
  }
  if (!(sxx > 1e-12)) return null;
  const slope = sxy / sxx;
  let meat = 0;
  let k3 = 0;
  for (let i = 0; i < periods.length; i++) {
    if (!(words[i] > 0)) continue;
    const x = periods[i] - tm;
    const e = counts[i] / words[i] - ym - slope * x;
    const h = words[i] / sw + (words[i] * x * x) / sxx;
    const psi = (words[i] * x * e) / (sxx * Math.max(1e-9, 1 - h));
    meat += psi * psi;
    k3 += psi * psi * psi;
  }
  return { slope, variance: Math.max(meat, (ym + 0.5 / sw) / sxx), k3 };
}

/**
 * Whether a category's trend over time differs between groups ("does the state frame grow in one
 * outlet and fade in another"). Each group with at least three periods with words and a rate that
 * changes gets Spearman's ρ of the category's rate against the period's place in time, and `spread`
 * = Σ (ρ_g − mean ρ)² describes how far apart those trends are. The test is on the documents: each
 * such group's word-weighted least-squares slope of its documents' rates on the period index, with
 * its HC3 variance v_g ({@link documentRateSlope}); each group's studentized deviation from the
 * precision-weighted mean slope b̄, z_g = (b_g − b̄)/√v_g, is corrected for the skewness of its slope
 * (γ_g from the documents' influence values) by Hall's (1992) transformation ({@link hallTransform}),
 * and the statistic is Q = Σ hallTransform(z_g, γ_g)², Cochran's (1954) Σ (b_g − b̄)²/v_g when no
 * slope is skewed — the form of framelab's test of group rates, applied to slopes. Its p comes from shuffling the group labels among the documents of each period
 * (every period keeps its documents, every group its number of documents per period),
 * `permutations` times with a seeded source: p = (#{Q* ≥ Q} + 1)/(permutations + 1). Studentizing
 * makes the permutation test hold its level when the groups' documents vary unequally (Chung &
 * Romano 2013), where the spread of ρ, which grows with how noisy a group is, did not (see
 * docs/statistics.md). Undefined (null) with fewer than two such groups.
 *
 * @example
 * // in the mixed corpus only Газета.Ru spans three years or more: no second trend to compare
 * const t = countFrameRows(loadCorpus('data/mixed-corpus/corpus.yaml'), dict, { meta: ['outlet', 'date'] });
 * trendDifference(t, ['outlet'], 'date', 'year', { permutations: 99 })[0].p // null
 */
export function trendDifference(
  table: FrameTable,
  by: readonly string[],
  dateField: string,
  every: Period,
  options: {
    permutations?: number;
    seed?: number;
    /** The statistic the permutation p is for: 'slopes' (default, Cochran's Q) or 'spread' (of ρ; the replaced test, kept for the calibration). */
    statistic?: 'slopes' | 'spread';
  } = {},
): TrendDifferenceRow[] {
  for (const f of [...by, dateField]) if (!table.columns.includes(f)) throw new FramelabError(`compare: the table has no column "${f}" (count with meta: ['${f}'])`);
  const permutations = options.permutations ?? 999;
  const docs: Array<{ group: number; period: number; words: number; counts: number[] }> = [];
  const groupIds = new Map<string, number>();
  const periodIds = new Map<number, number>();
  for (const d of documentTotals(table)) {
    const date = parseDate(d.row[dateField]);
    if (!date) continue;
    const key = JSON.stringify(by.map((f) => d.row[f] ?? null));
    if (!groupIds.has(key)) groupIds.set(key, groupIds.size);
    const t = periodStart(date, every).getTime();
    if (!periodIds.has(t)) periodIds.set(t, 0);
    docs.push({ group: groupIds.get(key)!, period: t, words: d.words, counts: d.counts });
  }
  // periods in time order
  [...periodIds.keys()].sort((a, b) => a - b).forEach((t, i) => periodIds.set(t, i));
  for (const d of docs) d.period = periodIds.get(d.period)!;
  const G = groupIds.size;
  const P = periodIds.size;
  const byPeriod: number[][] = Array.from({ length: P }, () => []);
  docs.forEach((d, i) => byPeriod[d.period].push(i));
  const statisticOf = (labels: readonly number[], k: number): { spread: number | null; q: number | null; groups: number } => {
    const c = new Float64Array(G * P);
    const w = new Float64Array(G * P);
    docs.forEach((d, i) => {
      c[labels[i] * P + d.period] += d.counts[k];
      w[labels[i] * P + d.period] += d.words;
    });
    const rhos: number[] = [];
    const slopes: Array<{ slope: number; variance: number; k3: number }> = [];
    for (let g = 0; g < G; g++) {
      const xs: number[] = [];
      const ys: number[] = [];
      for (let p = 0; p < P; p++) if (w[g * P + p] > 0) (xs.push(p), ys.push(c[g * P + p] / w[g * P + p]));
      if (xs.length < 3) continue;
      const rho = spearman(xs, ys);
      if (rho === null) continue;
      rhos.push(rho);
      if (options.statistic === 'spread') continue;
      const members = docs.map((d, i) => [d, i] as const).filter(([, i]) => labels[i] === g);
      const s = documentRateSlope(members.map(([d]) => d.period), members.map(([d]) => d.words), members.map(([d]) => d.counts[k]));
      if (s) slopes.push(s);
    }
    if (rhos.length < 2) return { spread: null, q: null, groups: rhos.length };
    const mean = rhos.reduce((s, r) => s + r, 0) / rhos.length;
    const spread = rhos.reduce((s, r) => s + (r - mean) ** 2, 0);
    if (slopes.length < 2) return { spread, q: null, groups: rhos.length };
    const wsum = slopes.reduce((s, x) => s + 1 / x.variance, 0);
    const b = slopes.reduce((s, x) => s + x.slope / x.variance, 0) / wsum;
    // each group's studentized deviation, corrected for the skewness of its slope (Hall 1992)
    const q = slopes.reduce((s, x) => s + hallTransform((x.slope - b) / Math.sqrt(x.variance), x.k3 / x.variance ** 1.5) ** 2, 0);
    return { spread, q, groups: rhos.length };
  };
  // the statistic the p is for: Cochran's Q of the slopes, or (statistic 'spread') the spread of ρ
  const tested = (x: { spread: number | null; q: number | null }) => (options.statistic === 'spread' ? x.spread : x.q);
  const observedLabels = docs.map((d) => d.group);
  return table.categories.map((category, k) => {
    const observed = statisticOf(observedLabels, k);
    const stat = tested(observed);
    if (observed.spread === null || stat === null) {
      return { category, groups: observed.groups, spread: null, p: null, test: `trend difference undefined: ${observed.groups} group(s) with 3 or more ${every}s with words (2 needed)` };
    }
    const rnd = seededRandom((options.seed ?? DEFAULT_SEED) + k);
    const labels = [...observedLabels];
    let extreme = 0;
    for (let b = 0; b < permutations; b++) {
      shuffleWithin(labels, byPeriod, rnd);
      const s = tested(statisticOf(labels, k));
      if (s !== null && s >= stat - 1e-12 * Math.max(1, Math.abs(stat))) extreme++;
    }
    return {
      category,
      groups: observed.groups,
      spread: observed.spread,
      p: (extreme + 1) / (permutations + 1),
      test:
        options.statistic === 'spread'
          ? `spread of Spearman's ρ (rate against ${every}) over ${observed.groups} groups; permutation of group labels within ${every}s (${permutations} shuffles, seed ${(options.seed ?? DEFAULT_SEED) + k})`
          : `Cochran's Q of ${observed.groups} groups' slopes of document rates on ${every}, HC3 variances, skew-corrected by Hall's transformation, group labels permuted within ${every}s (Cochran 1954; MacKinnon & White 1985; Hall 1992; Chung & Romano 2013; ${permutations} shuffles, seed ${(options.seed ?? DEFAULT_SEED) + k})`,
    };
  });
}
