// Charts of the categories as a whole: co-occurrence, totals per category, correlations.
import type { FrameTable } from '../table/frame-table';
import { categoryTotals, cooccurrence } from './data';
import { chartConfig } from './theme';
import { anyMatch, colorScale, documentAxis, documentsOf, documentTooltip, header, labelsOf, layoutOf, noMatchesChart, SCHEMA, type ChartOptions, type ChartSpec } from './spec-base';

/**
 * Co-occurrence: category × category, how many paragraphs contain both (the diagonal: how many
 * contain the category at all), as a labelled heatmap.
 *
 * @example
 * cooccurrenceChart(countFrameRows(corpus, dict), { duplicates: 'drop' })
 */
export function cooccurrenceChart(table: FrameTable, options: ChartOptions = {}): ChartSpec {
  const empty = noMatchesChart('cooccurrence', table, options, anyMatch(table, options));
  if (empty) return empty;
  const labels = labelsOf(options);
  const order = options.categories ?? table.categories;
  const values = cooccurrence(table, options.duplicates);
  // labels turn white on the darker half of the colour scale
  const darkAbove = values.reduce((m, v) => Math.max(m, v.paragraphs), 0) / 2;
  const enc = {
    x: { field: 'a', type: 'nominal', title: labels.category, sort: order, axis: { labelAngle: -40 } },
    y: { field: 'b', type: 'nominal', title: labels.category, sort: order },
  };
  return {
    ...header('cooccurrence', table, options, true),
    data: { values },
    ...labelledMatrix(
      enc,
      { field: 'paragraphs', type: 'quantitative', title: labels.paragraphsBoth, scale: { scheme: 'oranges' } },
      [
        { field: 'a', type: 'nominal', title: labels.category },
        { field: 'b', type: 'nominal', title: labels.category },
        { field: 'paragraphs', type: 'quantitative', title: labels.paragraphsBoth },
      ],
      { field: 'paragraphs', type: 'quantitative' },
      { condition: { test: `datum.paragraphs > ${darkAbove}`, value: 'white' }, value: 'black' },
    ),
  } as ChartSpec;
}

/** A category × category matrix: coloured cells with a text label on each (co-occurrence, correlations). */
function labelledMatrix(enc: object, color: object, tooltip: object[], text: object, textColor?: object) {
  return {
    width: { step: 56 },
    height: { step: 30 },
    layer: [
      { mark: { type: 'rect' }, encoding: { ...enc, color, tooltip } },
      { mark: { type: 'text', fontSize: 11 }, encoding: { ...enc, text, ...(textColor ? { color: textColor } : {}) } },
    ],
  };
}

/**
 * Totals: per category, the total count and the rate per 1000 words, side by side; one row of
 * panels per document when the corpus has several.
 *
 * @example
 * totalsChart(countFrameRows(corpus, dict), { duplicates: 'drop' })
 */
export function totalsChart(table: FrameTable, options: ChartOptions = {}): ChartSpec {
  const empty = noMatchesChart('totals', table, options, anyMatch(table, options));
  if (empty) return empty;
  const labels = labelsOf(options);
  const order = options.categories ?? table.categories;
  const layout = layoutOf(table, options);
  const values = categoryTotals(table, options.duplicates);
  const color = { field: 'category', type: 'nominal', title: labels.category, scale: colorScale(table, options), sort: null };
  const tooltip = documentTooltip(labels);
  if (layout === 'single') {
    const panel = (field: 'total' | 'rate', title: string) => ({
      mark: { type: 'bar' },
      width: options.width ? Math.round(options.width / 2) : 260,
      height: { step: 22 },
      encoding: {
        // the second panel repeats the categories: its axis needs no title
        y: { field: 'category', type: 'nominal', title: field === 'total' ? labels.category : null, sort: order },
        x: { field, type: 'quantitative', title },
        color: { ...color, legend: null },
        tooltip,
      },
    });
    return {
      ...header('totals', table, options, true),
      data: { values },
      hconcat: [panel('total', labels.total), panel('rate', labels.rate)],
    } as ChartSpec;
  }
  if (layout === 'panels') {
    // one chart: a row per document, a bar per category within it (no panel repeats a title)
    return {
      ...header('totals', table, options, true),
      data: { values },
      mark: { type: 'bar' },
      width: options.width ?? 420,
      height: { step: 12 },
      encoding: {
        y: { ...documentAxis(table, labels), axis: { ...documentAxis(table, labels).axis, labelLimit: 320 } },
        yOffset: { field: 'category', type: 'nominal', sort: order },
        x: { field: 'rate', type: 'quantitative', title: labels.rate },
        color,
        tooltip,
      },
    } as ChartSpec;
  }
  return {
    ...header('totals', table, options, true, labels.perDocument(documentsOf(table).length)),
    data: { values },
    mark: { type: 'rect' },
    width: { step: 28 },
    height: { step: Math.max(3, Math.min(16, Math.floor(900 / documentsOf(table).length))) },
    encoding: {
      x: { field: 'category', type: 'nominal', title: labels.category, sort: order, axis: { labelAngle: -40 } },
      y: documentAxis(table, labels),
      color: { field: 'rate', type: 'quantitative', title: labels.rate, scale: { range: ['#ffffff', '#08306b'], interpolate: 'lab' } },
      tooltip,
    },
  } as ChartSpec;
}

/**
 * Correlation matrix of categories across paragraphs: colour = Pearson r (diverging, −1 to 1),
 * each cell labelled with r; the tooltip gives both coefficients and their permutation p-values.
 *
 * @example
 * correlationChart(categoryCorrelations(table), table.categories)
 */
export function correlationChart(
  rows: ReadonlyArray<{ a: string; b: string; pearson_r: number; pearson_p: number; spearman_r: number; spearman_p: number }>,
  categories: readonly string[],
  options: { title?: string } = {},
): ChartSpec {
  const values = rows.flatMap((r) => [r, { ...r, a: r.b, b: r.a }]);
  const enc = {
    x: { field: 'a', type: 'nominal', title: null, sort: categories, axis: { labelAngle: -40 } },
    y: { field: 'b', type: 'nominal', title: null, sort: categories },
  };
  return {
    $schema: SCHEMA,
    title: { text: options.title ?? 'Корреляции фреймов по абзацам', subtitle: 'Pearson r долей на 1000 слов; p — перестановочный тест' },
    config: chartConfig(),
    data: { values },
    ...labelledMatrix(
      enc,
      { field: 'pearson_r', type: 'quantitative', title: 'r', scale: { scheme: 'redblue', domain: [-1, 1] } },
      [
        { field: 'a', type: 'nominal', title: 'Категория' },
        { field: 'b', type: 'nominal', title: 'Категория' },
        { field: 'pearson_r', type: 'quantitative', title: 'Pearson r', format: '.2f' },
        { field: 'pearson_p', type: 'quantitative', title: 'p (Pearson)', format: '.3f' },
        { field: 'spearman_r', type: 'quantitative', title: 'Spearman ρ', format: '.2f' },
        { field: 'spearman_p', type: 'quantitative', title: 'p (Spearman)', format: '.3f' },
      ],
      // in the chart's number format (0,44 in Russian), as its legend: one format in one chart
      { value: { expr: "isFinite(datum.pearson_r) ? format(datum.pearson_r, '.2f') : ''" } },
    ),
  } as ChartSpec;
}
