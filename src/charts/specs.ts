import type { TopLevelSpec } from 'vega-lite';
import type { FrameTable } from '../table/frame-table';
import type { MatchRow } from '../frames/matches';
import {
  categoryTotals,
  cooccurrence,
  countRepeats,
  keepRows,
  longCounts,
  narrativeArc,
  pooledArc,
  type DuplicateMode,
} from './data';
import { documentLabels } from './labels';
import { CATEGORY_PALETTE, categoryColors, chartConfig, labelsFor, type ChartLabels, type TitledChart } from './theme';

/** A Vega-Lite v5 specification: plain data, built by the functions below. */
export type ChartSpec = TopLevelSpec;

/** The kinds of chart framelab builds from a count table. */
export const CHART_KINDS = ['paragraphs', 'heatmap', 'arc', 'dispersion', 'cooccurrence', 'totals'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** Options every chart takes. */
export interface ChartOptions {
  /** Title; defaults to the kind's title in {@link ChartLabels}. */
  title?: string;
  /** `ru` (default) or `en`, or overrides of some labels (axis titles, tooltips). Russian also formats numbers and dates the Russian way. */
  labels?: 'ru' | 'en' | Partial<ChartLabels>;
  /** Repeated paragraphs: `mark` (default) keeps them, drawn paler or noted; `drop` leaves them out. */
  duplicates?: DuplicateMode;
  /** Category colours come from this category order (default: the table's); share it across charts. */
  categories?: readonly string[];
  /** Plot width in pixels (where the chart does not size itself by steps). */
  width?: number;
  /**
   * Several documents: `panels` (a small chart per document, wrapped in rows of `columns`),
   * `pool` (one chart for all: per document, or pooled by position), or `auto` (default): panels
   * up to `maxPanels` documents of three paragraphs or more on average, else pooled.
   */
  documents?: 'auto' | 'panels' | 'pool';
  /** Most documents drawn as panels by `auto` (default 12). */
  maxPanels?: number;
  /** Panels per row (default 2). */
  columns?: number;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

function labelsOf(options: ChartOptions): ChartLabels {
  return labelsFor(options.labels);
}

function colorScale(table: { categories: readonly string[] }, options: ChartOptions) {
  const c = categoryColors(options.categories ?? table.categories);
  return { domain: c.domain, range: c.range };
}

function header(kind: TitledChart, table: FrameTable, options: ChartOptions, aggregate: boolean, extra?: string) {
  // how a chart shows repeats when they are kept: aggregates include them, the heatmap outlines them, others draw them paler
  const labels = labelsOf(options);
  const repeats = countRepeats(table);
  const mode = options.duplicates ?? 'mark';
  const note =
    mode === 'drop'
      ? labels.repeatsDropped(repeats)
      : aggregate
        ? labels.repeatsIncluded(repeats)
        : kind === 'heatmap'
          ? labels.repeatsOutlined(repeats)
          : labels.repeatNote(repeats);
  const subtitle = [extra, note].filter(Boolean).join('; ');
  return {
    $schema: SCHEMA,
    title: subtitle ? { text: options.title ?? labels.titles[kind], subtitle } : { text: options.title ?? labels.titles[kind] },
    config: chartConfig(labels.language),
  };
}

/** Documents of a table, in table order. */
function documentsOf(table: FrameTable): string[] {
  return [...new Set(table.rows.map((r) => String(r.doc)))];
}

/** How a chart lays out several documents: one view, a panel per document, or pooled. */
function layoutOf(table: FrameTable, options: ChartOptions): 'single' | 'panels' | 'pool' {
  const n = documentsOf(table).length;
  if (n <= 1) return 'single';
  const mode = options.documents ?? 'auto';
  if (mode !== 'auto') return mode;
  // panels for a few documents of several paragraphs each; else one chart of all the documents
  return n <= (options.maxPanels ?? 12) && table.rows.length >= 3 * n ? 'panels' : 'pool';
}

/**
 * An expression that writes each document's label (see {@link documentLabels}: its `title` field
 * when the table has one, else a short id) for an axis or a panel header; `undefined` when every
 * label is the id itself.
 */
function documentLabelExpr(table: FrameTable): string | undefined {
  const docs = documentsOf(table);
  const titles = new Map<string, string>();
  if (table.columns.includes('title')) {
    for (const r of table.rows) if (!titles.has(String(r.doc)) && r.title !== null && r.title !== undefined) titles.set(String(r.doc), String(r.title));
  }
  const labels = documentLabels(docs, docs.map((d) => titles.get(d)));
  if (labels.every((l, i) => l === docs[i])) return undefined;
  return `${JSON.stringify(Object.fromEntries(docs.map((d, i) => [d, labels[i]])))}[datum.value]`;
}

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

/** Documents along an axis in corpus order, labelled (by title or short id) while there are few enough to read. */
function documentAxis(table: FrameTable, labels: ChartLabels) {
  const docs = documentsOf(table);
  const labelExpr = documentLabelExpr(table);
  return { field: 'doc', type: 'nominal', title: labels.document, sort: docs, axis: docs.length > 60 ? { labels: false, ticks: false } : { labelLimit: 260, titlePadding: 14, ...(labelExpr ? { labelExpr } : {}) } };
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
 * The chart of a table in which no word of any category was found: the title and a line that
 * says so («Нет совпадений …»), instead of an empty plot.
 */
function noMatchesChart(kind: TitledChart, table: FrameTable, options: ChartOptions, found: boolean): ChartSpec | null {
  if (found) return null;
  const labels = labelsOf(options);
  const width = options.width ?? 480;
  return {
    ...header(kind, table, options, true),
    data: { values: [{}] },
    mark: { type: 'text', fontSize: 14, color: '#555555', align: 'center', baseline: 'middle' },
    width,
    height: 80,
    encoding: { x: { value: width / 2 }, y: { value: 40 }, text: { value: labels.noMatches } },
  } as ChartSpec;
}

/** Whether any kept paragraph of the table has a word of any category. */
function anyMatch(table: FrameTable, options: ChartOptions): boolean {
  return keepRows(table, options.duplicates ?? 'mark').some(({ row }) => table.categories.some((c) => (row[c] as number) > 0));
}

/** Tooltip of a document × category cell. */
function documentTooltip(labels: ChartLabels) {
  return [
    { field: 'doc', type: 'nominal', title: labels.document },
    { field: 'category', type: 'nominal', title: labels.category },
    { field: 'total', type: 'quantitative', title: labels.count },
    { field: 'tokens', type: 'quantitative', title: labels.words },
    { field: 'rate', type: 'quantitative', title: labels.rate, format: '.1f' },
  ];
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
 * Builds a chart by kind name (for the command line). Dispersion needs the matches.
 *
 * @example
 * buildChart('heatmap', table, { matches })
 */
export function buildChart(
  kind: ChartKind,
  table: FrameTable,
  options: ChartOptions & { matches?: readonly MatchRow[]; window?: number; measure?: 'count' | 'rate' } = {},
): ChartSpec {
  switch (kind) {
    case 'paragraphs':
      return paragraphChart(table, options);
    case 'heatmap':
      return heatmapChart(table, options);
    case 'arc':
      return arcChart(table, options);
    case 'dispersion':
      if (!options.matches) throw new Error('the dispersion chart needs the matches (frameMatches)');
      return dispersionChart(table, options.matches, options);
    case 'cooccurrence':
      return cooccurrenceChart(table, options);
    case 'totals':
      return totalsChart(table, options);
  }
}

/**
 * Collocates as horizontal bars: association (G²) per collocate, strongest at the top, with
 * frequency and MI in the tooltip.
 *
 * @example
 * collocateChart(collocates(corpus, { pattern: 'коррупц*' }, { contentOnly: true }), { node: 'коррупц*' })
 */
export function collocateChart(
  rows: ReadonlyArray<{ collocate: string; freq: number; g2: number; mi: number; total: number }>,
  options: { node?: string; top?: number; title?: string; color?: string } = {},
): ChartSpec {
  const top = rows.slice(0, options.top ?? 15);
  return {
    $schema: SCHEMA,
    title: { text: options.title ?? `Коллокаты${options.node ? ` «${options.node}»` : ''}`, subtitle: 'сила связи: log-likelihood G²' },
    config: chartConfig(),
    data: { values: top.map((r) => ({ collocate: r.collocate, freq: r.freq, total: r.total, g2: r.g2, mi: r.mi })) },
    mark: { type: 'bar', color: options.color ?? CATEGORY_PALETTE[1] },
    width: 360,
    height: { step: 18 },
    encoding: {
      y: { field: 'collocate', type: 'nominal', sort: null, title: 'Коллокат' },
      x: { field: 'g2', type: 'quantitative', title: 'G²' },
      tooltip: [
        { field: 'collocate', type: 'nominal', title: 'Коллокат' },
        { field: 'freq', type: 'quantitative', title: 'Рядом с узлом' },
        { field: 'total', type: 'quantitative', title: 'Всего в корпусе' },
        { field: 'g2', type: 'quantitative', title: 'G²', format: '.2f' },
        { field: 'mi', type: 'quantitative', title: 'MI', format: '.2f' },
      ],
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
