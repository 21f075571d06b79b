import type { Period } from '../corpus/dates';
import type { GroupRow, SeriesRow } from '../stats/groups';
import type { GroupSeriesRow } from '../stats/group-periods';
import type { ChartOptions, ChartSpec } from './specs';
import { fieldTitle, groupValueLabel } from './labels';
import { categoryColors, chartConfig, labelsFor } from './theme';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** The categories of comparison rows, in their order. */
function categoriesOf(rows: ReadonlyArray<{ category: string }>): string[] {
  return [...new Set(rows.map((r) => r.category))];
}

/** The grouping fields of compare rows: the columns before `category`. */
function groupFields(rows: readonly GroupRow[]): string[] {
  if (rows.length === 0) return [];
  const keys = Object.keys(rows[0]);
  return keys.slice(0, keys.indexOf('category'));
}

/**
 * Rates by group of documents (from {@link compareGroups}): a bar per group and category with its
 * bootstrap interval, the category in the colour it has in every other chart; the tooltip gives
 * the totals and the category's adjusted p-value across groups.
 *
 * @example
 * const { table } = await countFiles('data/news-sample', loadDictionary(), { idField: 'url', meta: ['file', 'date'] });
 * groupChart(compareGroups(table, ['file'])).title // { text: 'Фреймы по группам документов', … }
 */
export function groupChart(rows: readonly GroupRow[], options: ChartOptions = {}): ChartSpec {
  const labels = labelsFor(options.labels);
  const fields = groupFields(rows);
  const categories = options.categories ?? categoriesOf(rows);
  const colors = categoryColors(categories);
  const values = rows.map((r) => ({
    group: fields.map((f) => groupValueLabel(f, String(r[f] ?? ''))).join(' · '),
    category: r.category,
    documents: r.documents,
    words: r.words,
    count: r.count,
    rate: r.rate_per_1k,
    ci_low: r.ci_low,
    ci_high: r.ci_high,
    p_holm: r.p_holm,
  }));
  const groups = [...new Set(values.map((v) => v.group))];
  // the grouping fields by their Russian names where known (file → «Файл»), groups as a reader names them (rt, not rt.csv.gz)
  const groupTitle = fields.map((f) => fieldTitle(f, labels.language)).join(' · ') || labels.group;
  const y = { field: 'group', type: 'nominal', title: groupTitle, sort: groups, axis: { labelLimit: 320 } };
  const yOffset = { field: 'category', type: 'nominal', sort: categories };
  return {
    $schema: SCHEMA,
    title: { text: options.title ?? labels.titles.groups, subtitle: `${labels.rate}; ${labels.interval}` },
    config: chartConfig(labels.language),
    data: { values },
    width: options.width ?? 460,
    height: { step: Math.max(6, Math.min(14, Math.floor(600 / Math.max(1, groups.length * categories.length)))) },
    encoding: { y, yOffset },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'rate', type: 'quantitative', title: labels.rate },
          color: { field: 'category', type: 'nominal', title: labels.category, scale: { domain: colors.domain, range: colors.range }, sort: null },
          tooltip: [
            { field: 'group', type: 'nominal', title: groupTitle },
            { field: 'category', type: 'nominal', title: labels.category },
            { field: 'documents', type: 'quantitative', title: labels.documents },
            { field: 'words', type: 'quantitative', title: labels.words },
            { field: 'count', type: 'quantitative', title: labels.count },
            { field: 'rate', type: 'quantitative', title: labels.rate, format: '.2f' },
            { field: 'ci_low', type: 'quantitative', title: `${labels.interval} ↓`, format: '.2f' },
            { field: 'ci_high', type: 'quantitative', title: `${labels.interval} ↑`, format: '.2f' },
            { field: 'p_holm', type: 'quantitative', title: labels.adjustedP, format: '.3g' },
          ],
        },
      },
      { mark: { type: 'rule', color: '#333333' }, encoding: { x: { field: 'ci_low', type: 'quantitative' }, x2: { field: 'ci_high' } } },
    ],
  } as ChartSpec;
}

const TIME_UNITS: Record<Period, string> = { day: 'yearmonthdate', week: 'yearmonthdate', month: 'yearmonth', quarter: 'yearquarter', year: 'year' };
/** Vega's time interval of each period, for one axis tick per period. */
const TICK_INTERVALS: Record<Period, string> = { day: 'day', week: 'week', month: 'month', quarter: 'quarter', year: 'year' };
/** Average length of each period in days, to place points within it. */
const PERIOD_DAYS: Record<Period, number> = { day: 1, week: 7, month: 30.44, quarter: 91.31, year: 365.25 };

/**
 * Rates over time (from {@link timeSeries}): a line per category over the periods, points where a
 * period has words (a period without documents has no point), and under it the documents per
 * period, so that a reader sees how much each point rests on. Month and weekday names follow the
 * labels' language (Russian by default).
 *
 * @example
 * const { table } = await countFiles('data/news-sample', loadDictionary(), { idField: 'url', meta: ['file', 'date'] });
 * timeChart(timeSeries(table, 'date', 'year').rows, { every: 'year' })
 */
export function timeChart(rows: readonly SeriesRow[], options: ChartOptions & { every?: Period } = {}): ChartSpec {
  const labels = labelsFor(options.labels);
  const categories = options.categories ?? categoriesOf(rows);
  const colors = categoryColors(categories);
  const every = options.every ?? 'month';
  const unit = TIME_UNITS[every];
  // one labelled tick per period (every n-th when there are more than fit), years written as years;
  // the ticks are spaced to fit, so no label is dropped as overlapping (which left every other year)
  const periods = new Set(rows.map((r) => r.period)).size;
  const fit = every === 'year' ? 16 : 10;
  const axis = { tickCount: { interval: TICK_INTERVALS[every], step: Math.max(1, Math.ceil(periods / fit)) }, labelOverlap: false, ...(every === 'year' ? { format: '%Y' } : {}) };
  const x = { field: 'start', type: 'temporal', timeUnit: unit, title: labels.period, axis };
  // each category's point sits at its own place in the middle half of the period, so that equal
  // rates of several categories stand side by side instead of hiding each other
  const day = 86_400_000;
  const at = (r: SeriesRow) => {
    const k = categories.indexOf(r.category);
    const share = categories.length > 1 && k >= 0 ? 0.25 + (0.5 * k) / (categories.length - 1) : 0.5;
    return Date.parse(r.start) + share * PERIOD_DAYS[every] * day;
  };
  const values = rows.map((r) => ({ period: r.period, start: r.start, at: at(r), category: r.category, documents: r.documents, words: r.words, count: r.count, rate: r.rate_per_1k }));
  const firstCategory = categories[0];
  return {
    $schema: SCHEMA,
    title: { text: options.title ?? labels.titles.time, subtitle: labels.rate },
    config: chartConfig(labels.language),
    data: { values },
    vconcat: [
      {
        width: options.width ?? 600,
        height: 240,
        mark: { type: 'line', point: { size: 30 }, strokeWidth: 1.8 },
        encoding: {
          // points within their period, over the bar of the panel below
          x: { field: 'at', type: 'temporal', title: labels.period, axis },
          y: { field: 'rate', type: 'quantitative', title: labels.rate },
          color: { field: 'category', type: 'nominal', title: labels.category, scale: { domain: colors.domain, range: colors.range }, sort: null },
          tooltip: [
            { field: 'period', type: 'nominal', title: labels.period },
            { field: 'category', type: 'nominal', title: labels.category },
            { field: 'documents', type: 'quantitative', title: labels.documents },
            { field: 'words', type: 'quantitative', title: labels.words },
            { field: 'count', type: 'quantitative', title: labels.count },
            { field: 'rate', type: 'quantitative', title: labels.rate, format: '.2f' },
          ],
        },
      },
      {
        width: options.width ?? 600,
        height: 70,
        transform: [{ filter: { field: 'category', equal: firstCategory } }],
        mark: { type: 'bar', color: '#bbbbbb' },
        encoding: {
          x,
          y: { field: 'documents', type: 'quantitative', title: labels.documents, axis: { tickMinStep: 1, format: 'd' } },
          tooltip: [
            { field: 'period', type: 'nominal', title: labels.period },
            { field: 'documents', type: 'quantitative', title: labels.documents },
            { field: 'words', type: 'quantitative', title: labels.words },
          ],
        },
      },
    ],
    resolve: { scale: { x: 'shared' } },
  } as ChartSpec;
}

/** The grouping fields of group time series rows: the columns before `period`. */
function seriesGroupFields(rows: readonly GroupSeriesRow[]): string[] {
  if (rows.length === 0) return [];
  const keys = Object.keys(rows[0]);
  return keys.slice(0, Math.max(0, keys.indexOf('period')));
}

/**
 * Small multiples of the time chart, one panel per group (from {@link groupTimeSeries}: `compare
 * --by outlet --date date --every year`): in each panel a line per category over the periods, a
 * point where the period has words, sized by the group's documents in that period (how much the
 * point rests on). Panels share both axes, so that a rate reads the same in every panel, and wrap
 * after `columns` panels (default 2); groups in the order of the rows, categories in the colours
 * they have in every other chart. A Vega-Lite `facet` of one layered chart.
 *
 * @example
 * const t = countFrameRows(loadCorpus('data/mixed-corpus/corpus.yaml'), dict, { meta: ['outlet', 'date'] });
 * const s = groupTimeSeries(t, ['outlet'], 'date', 'year', { replicates: 50, permutations: 9 });
 * const spec = groupTimeChart(s.rows, { every: 'year', columns: 3 });
 * spec.facet // { field: 'group', type: 'nominal', title: 'Издание', sort: ['RT', 'Газета.Ru', 'Известия', 'Интерфакс', 'РИА Новости', 'ТАСС'], header: { labelFontWeight: 'bold' } }
 * spec.columns // 3
 */
export function groupTimeChart(rows: readonly GroupSeriesRow[], options: ChartOptions & { every?: Period } = {}): ChartSpec {
  const labels = labelsFor(options.labels);
  const fields = seriesGroupFields(rows);
  const categories = options.categories ?? categoriesOf(rows);
  const colors = categoryColors(categories);
  const every = options.every ?? 'month';
  const values = rows.map((r) => ({
    group: fields.map((f) => groupValueLabel(f, String(r[f] ?? ''))).join(' · '),
    period: r.period,
    start: r.start,
    category: r.category,
    documents: r.documents,
    words: r.words,
    count: r.count,
    rate: r.rate_per_1k,
  }));
  const groups = [...new Set(values.map((v) => v.group))];
  const groupTitle = fields.map((f) => fieldTitle(f, labels.language)).join(' · ') || labels.group;
  const periods = new Set(rows.map((r) => r.period)).size;
  // fewer labelled ticks than the single chart: a panel is narrower
  const fit = every === 'year' ? 8 : 5;
  const axis = { tickCount: { interval: TICK_INTERVALS[every], step: Math.max(1, Math.ceil(periods / fit)) }, labelOverlap: false, ...(every === 'year' ? { format: '%Y' } : {}) };
  const x = { field: 'start', type: 'temporal', timeUnit: TIME_UNITS[every], title: labels.period, axis };
  const y = { field: 'rate', type: 'quantitative', title: labels.rate };
  const color = { field: 'category', type: 'nominal', title: labels.category, scale: { domain: colors.domain, range: colors.range }, sort: null };
  return {
    $schema: SCHEMA,
    title: { text: options.title ?? labels.titles.groupTime, subtitle: labels.rate },
    config: chartConfig(labels.language),
    data: { values },
    facet: { field: 'group', type: 'nominal', title: groupTitle, sort: groups, header: { labelFontWeight: 'bold' } },
    columns: options.columns ?? 2,
    spec: {
      width: options.width ?? 260,
      height: 150,
      layer: [
        { mark: { type: 'line', strokeWidth: 1.6 }, encoding: { x, y, color } },
        {
          mark: { type: 'point', filled: true, opacity: 0.9 },
          encoding: {
            x,
            y,
            color,
            size: { field: 'documents', type: 'quantitative', title: labels.documents, scale: { range: [15, 160] } },
            tooltip: [
              { field: 'group', type: 'nominal', title: groupTitle },
              { field: 'period', type: 'nominal', title: labels.period },
              { field: 'category', type: 'nominal', title: labels.category },
              { field: 'documents', type: 'quantitative', title: labels.documents },
              { field: 'words', type: 'quantitative', title: labels.words },
              { field: 'count', type: 'quantitative', title: labels.count },
              { field: 'rate', type: 'quantitative', title: labels.rate, format: '.2f' },
            ],
          },
        },
      ],
    },
    resolve: { scale: { x: 'shared', y: 'shared' } },
  } as ChartSpec;
}
