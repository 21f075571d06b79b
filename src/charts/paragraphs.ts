// Charts along the paragraphs of a text: stacked bars per paragraph, the heatmap, the narrative
// arc and the lexical dispersion plot, with the axes, panels, tooltips and selections they share.
import type { FrameTable } from '../table/frame-table';
import type { MatchRow } from '../frames/matches';
import { categoryTotals, keepRows, longCounts, narrativeArc, pooledArc } from './data';
import type { ChartLabels } from './theme';
import { anyMatch, colorScale, documentAxis, documentLabelExpr, documentsOf, documentTooltip, header, labelsOf, layoutOf, noMatchesChart, type ChartOptions, type ChartSpec } from './spec-base';

/** A panel per document, wrapped in rows, in corpus order, each with its own x scale. */
function panels(table: FrameTable, options: ChartOptions) {
  const labelExpr = documentLabelExpr(table);
  return {
    facet: { field: 'doc', type: 'nominal' as const, title: null, sort: documentsOf(table), columns: options.columns ?? 2, header: { labelLimit: 320, labelAngle: 0, labelAlign: 'left', labelAnchor: 'start', ...(labelExpr ? { labelExpr } : {}) } },
  };
}

/**
 * Paragraphs along x in text order, labelled from 0 as often as the numbers fit a 12-pixel step:
 * every paragraph up to 9 (a 3-paragraph text shows 0, 1, 2), every second up to 99, every fifth
 * up to 999.
 */
function paragraphAxis(labels: ChartLabels, table: FrameTable) {
  const highest = table.rows.reduce((m, r) => Math.max(m, Number(r.paragraph) || 0), 0);
  // about 7 pixels per digit and 4 between labels, on a step of 12 pixels per paragraph
  const width = 7 * String(highest).length + 4;
  const every = [1, 2, 5, 10, 20, 50, 100].find((k) => k * 12 >= width) ?? 100;
  return {
    field: 'paragraph',
    type: 'ordinal',
    title: labels.paragraph,
    axis: { labelAngle: 0, ...(every > 1 ? { labelExpr: `datum.value % ${every} === 0 ? datum.label : ""` } : {}) },
  };
}

/**
 * A tooltip written as one expression, entry by entry (`[title, expression]`), in the chart's
 * number format; an entry whose expression gives `undefined` is left out (vega-tooltip skips it).
 */
function tooltipOf(entries: ReadonlyArray<readonly [string, string]>) {
  return { value: { expr: `{${entries.map(([title, expr]) => `${JSON.stringify(title)}: ${expr}`).join(', ')}}` } };
}

/** A paragraph's repeat in a tooltip: the number of the paragraph it repeats, and nothing for a paragraph that repeats none. */
const REPEAT_OF_EXPR = 'datum.repeat_of === null ? datum.__absent : datum.repeat_of';

/** Tooltip of a paragraph × category cell: the paragraph, its first words, the counts, and the paragraph it repeats if any. */
function paragraphTooltip(labels: ChartLabels, multi: boolean) {
  return tooltipOf([
    ...(multi ? [[labels.document, 'datum.doc'] as const] : []),
    [labels.paragraph, 'datum.paragraph'],
    [labels.excerpt, 'datum.excerpt'],
    [labels.category, 'datum.category'],
    [labels.count, 'datum.count'],
    [labels.rate, "isValid(datum.rate) ? format(datum.rate, '.1f') : ''"],
    [labels.duplicateOf, REPEAT_OF_EXPR],
  ]);
}

/**
 * A legend that filters: clicking a category keeps it bright and fades the others (shift-click
 * adds more; a click elsewhere brings all back). The selection is `pick`.
 */
const LEGEND_PICK = { name: 'pick', select: { type: 'point', fields: ['category'] }, bind: 'legend' };
/** How a mark shows the legend's pick (on a channel other than the repeats' opacity). */
const pickedOpacity = { condition: { param: 'pick', value: 1, empty: true }, value: 0.12 };
/** Zoom and pan along x with the mouse wheel and drag (double-click resets). */
const X_ZOOM = { name: 'zoom', select: { type: 'interval', encodings: ['x'] }, bind: 'scales' };

const repeatOpacity = {
  condition: { test: 'datum.repeat_of !== null', value: 0.3 },
  value: 1,
};

/** The category order as a field, so that stacks keep the dictionary's order. */
function categoryOrder(table: FrameTable, options: ChartOptions) {
  return { calculate: `indexof(${JSON.stringify(options.categories ?? table.categories)}, datum.category)`, as: 'category_order' };
}

/**
 * Frames per paragraph: stacked bars of each category's count (or rate per 1000 words) per
 * paragraph, paragraphs in text order; tooltips give the paragraph, its first words and counts.
 *
 * @example
 * paragraphChart(countFrameRows(corpus, dict), { measure: 'rate' })
 */
export function paragraphChart(table: FrameTable, options: ChartOptions & { measure?: 'count' | 'rate' } = {}): ChartSpec {
  const empty = noMatchesChart('paragraphs', table, options, anyMatch(table, options));
  if (empty) return empty;
  const labels = labelsOf(options);
  const measure = options.measure ?? 'count';
  const layout = layoutOf(table, options);
  // whole-number ticks for counts; below 5 one per count (in panels tickMinStep alone let 0.5 read as a second "1")
  const highest = table.rows.reduce((m, r) => Math.max(m, table.categories.reduce((t, c) => t + (Number(r[c]) || 0), 0)), 0);
  const yOf = (field: string) => ({
    field,
    type: 'quantitative',
    title: measure === 'rate' ? labels.rate : labels.count,
    stack: 'zero',
    ...(measure === 'count' ? { axis: { tickMinStep: 1, format: 'd', ...(layout !== 'pool' && highest < 5 ? { tickCount: Math.max(1, highest) } : {}) } } : {}),
  });
  const color = { field: 'category', type: 'nominal', title: labels.category, scale: colorScale(table, options), sort: null };
  if (layout === 'pool') {
    // too many documents for their paragraphs: one stacked bar per document
    return {
      ...header('paragraphs', table, options, true, labels.perDocument(documentsOf(table).length)),
      data: { values: categoryTotals(table, options.duplicates) },
      mark: { type: 'bar' },
      width: { step: Math.max(4, Math.min(24, Math.floor(900 / documentsOf(table).length))) },
      height: 280,
      encoding: {
        x: documentAxis(table, labels),
        y: yOf(measure === 'rate' ? 'rate' : 'total'),
        color,
        order: { field: 'category_order', type: 'quantitative' },
        tooltip: documentTooltip(labels),
      },
      transform: [categoryOrder(table, options)],
    } as ChartSpec;
  }
  return {
    ...header('paragraphs', table, options, false),
    data: { values: longCounts(table, options.duplicates) },
    params: [LEGEND_PICK],
    mark: { type: 'bar' },
    width: { step: 12 },
    height: layout === 'panels' ? 160 : 280,
    encoding: {
      x: paragraphAxis(labels, table),
      y: yOf(measure),
      color,
      order: { field: 'category_order', type: 'quantitative' },
      opacity: repeatOpacity,
      fillOpacity: pickedOpacity,
      tooltip: paragraphTooltip(labels, layout !== 'single'),
      ...(layout === 'panels' ? panels(table, options) : {}),
    },
    ...(layout === 'panels' ? { resolve: { scale: { x: 'independent' } } } : {}),
    transform: [categoryOrder(table, options)],
  } as ChartSpec;
}

/**
 * Heatmap of paragraph × category, colour = rate per 1000 words.
 *
 * @example
 * heatmapChart(countFrameRows(corpus, dict), { duplicates: 'drop' })
 */
export function heatmapChart(table: FrameTable, options: ChartOptions = {}): ChartSpec {
  const empty = noMatchesChart('heatmap', table, options, anyMatch(table, options));
  if (empty) return empty;
  const labels = labelsOf(options);
  const layout = layoutOf(table, options);
  const colorOf = { field: 'rate', type: 'quantitative', title: labels.rate, scale: { range: ['#ffffff', '#08306b'], interpolate: 'lab' } };
  const y = { field: 'category', type: 'nominal', title: labels.category, sort: options.categories ?? table.categories };
  if (layout === 'pool') {
    return {
      ...header('heatmap', table, options, true, labels.perDocument(documentsOf(table).length)),
      data: { values: categoryTotals(table, options.duplicates) },
      mark: { type: 'rect' },
      width: { step: Math.max(4, Math.min(24, Math.floor(900 / documentsOf(table).length))) },
      height: { step: 22 },
      encoding: { x: documentAxis(table, labels), y, color: colorOf, tooltip: documentTooltip(labels) },
    } as ChartSpec;
  }
  return {
    ...header('heatmap', table, options, false),
    data: { values: longCounts(table, options.duplicates) },
    // repeats keep their colour (a paler cell would read as a lower rate) and get a dashed grey outline
    mark: { type: 'rect', strokeDash: [2, 2], strokeWidth: 1 },
    width: { step: 12 },
    height: { step: 22 },
    encoding: {
      x: paragraphAxis(labels, table),
      y,
      color: colorOf,
      stroke: { condition: { test: 'datum.repeat_of !== null', value: '#888888' }, value: null },
      tooltip: paragraphTooltip(labels, layout !== 'single'),
      ...(layout === 'panels' ? panels(table, options) : {}),
    },
    ...(layout === 'panels' ? { resolve: { scale: { x: 'independent' } } } : {}),
  } as ChartSpec;
}

/**
 * Narrative arc: each category's rate per 1000 words along the document (0–100 % of its words),
 * smoothed over a window of paragraphs the user chooses (see {@link narrativeArc}).
 *
 * @example
 * arcChart(countFrameRows(corpus, dict), { window: 5, duplicates: 'drop' })
 */
export function arcChart(table: FrameTable, options: ChartOptions & { window?: number; bins?: number } = {}): ChartSpec {
  const empty = noMatchesChart('arc', table, options, anyMatch(table, options));
  if (empty) return empty;
  const labels = labelsOf(options);
  const window = options.window ?? 5;
  const layout = layoutOf(table, options);
  const pooled = layout === 'pool';
  const spec = header('arc', table, options, true, pooled ? labels.pooled(documentsOf(table).length) : labels.window(window));
  return {
    ...spec,
    data: { values: pooled ? pooledArc(table, options.bins ?? 10, options.duplicates) : narrativeArc(table, window, options.duplicates) },
    params: layout === 'panels' ? [LEGEND_PICK] : [LEGEND_PICK, X_ZOOM],
    mark: { type: 'line', interpolate: 'monotone', point: { size: 10 }, strokeWidth: 1.8 },
    width: options.width ?? (layout === 'panels' ? 320 : 640),
    height: layout === 'panels' ? 160 : 280,
    encoding: {
      x: { field: 'position', type: 'quantitative', title: labels.position, scale: { domain: [0, 100] } },
      y: { field: 'rate', type: 'quantitative', title: pooled ? labels.rate : labels.smoothedRate },
      color: { field: 'category', type: 'nominal', title: labels.category, scale: colorScale(table, options), sort: null },
      opacity: pickedOpacity,
      tooltip: [
        ...(pooled ? [] : [{ field: 'paragraph', type: 'ordinal', title: labels.paragraph }]),
        { field: 'category', type: 'nominal', title: labels.category },
        { field: 'rate', type: 'quantitative', title: pooled ? labels.rate : labels.smoothedRate, format: '.1f' },
        { field: 'position', type: 'quantitative', title: labels.position, format: '.0f' },
      ],
      ...(layout === 'panels' ? panels(table, options) : {}),
    },
  } as ChartSpec;
}

/**
 * Lexical dispersion (AntConc's concordance plot, quanteda's x-ray plot): one row per category,
 * a tick at the word position of every match in the document.
 *
 * @example
 * dispersionChart(countFrameRows(corpus, dict), frameMatches(corpus, dict))
 */
export function dispersionChart(table: FrameTable, matches: readonly MatchRow[], options: ChartOptions = {}): ChartSpec {
  const labels = labelsOf(options);
  const mode = options.duplicates ?? 'mark';
  const layout = layoutOf(table, options);
  const kept = matches.filter((m) => mode === 'mark' || m.duplicate_of === null);
  const empty = noMatchesChart('dispersion', table, options, kept.length > 0);
  if (empty) return empty;
  // words of each document (of the paragraphs drawn), for its axis or for positions in % of it
  const docWords = new Map<string, number>();
  for (const { row } of keepRows(table, mode)) docWords.set(String(row.doc), (docWords.get(String(row.doc)) ?? 0) + (row.tokens as number));
  const pooled = layout === 'pool';
  const values = kept.map((m) => ({
    doc: m.doc,
    paragraph: m.paragraph,
    category: m.category,
    word: m.word,
    position: Math.round(((m.word + 0.5) * 100000) / Math.max(1, docWords.get(m.doc) ?? 1)) / 1000,
    text: m.text,
    pattern: m.pattern,
    repeat_of: m.duplicate_of,
  }));
  const words = [...docWords.values()].reduce((a, b) => a + b, 0);
  const y = { field: 'category', type: 'nominal', title: labels.category, sort: options.categories ?? table.categories, scale: { domain: [...(options.categories ?? table.categories)] } };
  return {
    ...header('dispersion', table, options, pooled, pooled ? labels.pooled(documentsOf(table).length) : undefined),
    data: { values },
    ...(layout === 'panels' ? {} : { params: [X_ZOOM] }),
    mark: { type: 'tick', thickness: pooled ? 1 : 1.5 },
    width: options.width ?? (layout === 'panels' ? 320 : 640),
    height: { step: 22 },
    encoding: {
      x: pooled
        ? { field: 'position', type: 'quantitative', title: labels.position, scale: { domain: [0, 100] } }
        : { field: 'word', type: 'quantitative', title: labels.wordPosition, scale: layout === 'single' ? { domain: [0, words], nice: false } : { domainMin: 0 } },
      y,
      color: { field: 'category', type: 'nominal', scale: colorScale(table, options), legend: null },
      opacity: pooled ? { value: 0.5 } : repeatOpacity,
      tooltip: tooltipOf([
        ...(layout === 'single' ? [] : [[labels.document, 'datum.doc'] as const]),
        [labels.matchedText, 'datum.text'],
        [labels.pattern, 'datum.pattern'],
        [labels.paragraph, 'datum.paragraph'],
        [labels.wordPosition, 'datum.word'],
        [labels.duplicateOf, REPEAT_OF_EXPR],
      ]),
      ...(layout === 'panels' ? panels(table, options) : {}),
    },
    ...(layout === 'panels' ? { resolve: { scale: { x: 'independent' } } } : {}),
  } as ChartSpec;
}
