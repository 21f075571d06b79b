// What every chart spec of a count table shares: the options, the header (title, the note on
// repeated paragraphs, the theme), the colour scale of the categories, the layout of several
// documents and their axis, the tooltip of a document's totals, the chart of a table with no match.
import type { TopLevelSpec } from 'vega-lite';
import type { FrameTable } from '../table/frame-table';
import { countRepeats, keepRows, type DuplicateMode } from './data';
import { documentLabels } from './labels';
import { categoryColors, chartConfig, labelsFor, type ChartLabels, type TitledChart } from './theme';

/** A Vega-Lite v5 specification: plain data, built by the functions below. */
export type ChartSpec = TopLevelSpec;

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

export const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

export function labelsOf(options: ChartOptions): ChartLabels {
  return labelsFor(options.labels);
}

export function colorScale(table: { categories: readonly string[] }, options: ChartOptions) {
  const c = categoryColors(options.categories ?? table.categories);
  return { domain: c.domain, range: c.range };
}

export function header(kind: TitledChart, table: FrameTable, options: ChartOptions, aggregate: boolean, extra?: string) {
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
export function documentsOf(table: FrameTable): string[] {
  return [...new Set(table.rows.map((r) => String(r.doc)))];
}

/** How a chart lays out several documents: one view, a panel per document, or pooled. */
export function layoutOf(table: FrameTable, options: ChartOptions): 'single' | 'panels' | 'pool' {
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
export function documentLabelExpr(table: FrameTable): string | undefined {
  const docs = documentsOf(table);
  const titles = new Map<string, string>();
  if (table.columns.includes('title')) {
    for (const r of table.rows) if (!titles.has(String(r.doc)) && r.title !== null && r.title !== undefined) titles.set(String(r.doc), String(r.title));
  }
  const labels = documentLabels(docs, docs.map((d) => titles.get(d)));
  if (labels.every((l, i) => l === docs[i])) return undefined;
  return `${JSON.stringify(Object.fromEntries(docs.map((d, i) => [d, labels[i]])))}[datum.value]`;
}

/** Documents along an axis in corpus order, labelled (by title or short id) while there are few enough to read. */
export function documentAxis(table: FrameTable, labels: ChartLabels) {
  const docs = documentsOf(table);
  const labelExpr = documentLabelExpr(table);
  return { field: 'doc', type: 'nominal', title: labels.document, sort: docs, axis: docs.length > 60 ? { labels: false, ticks: false } : { labelLimit: 260, titlePadding: 14, ...(labelExpr ? { labelExpr } : {}) } };
}

/**
 * The chart of a table in which no word of any category was found: the title and a line that
 * says so («Нет совпадений …»), instead of an empty plot.
 */
export function noMatchesChart(kind: TitledChart, table: FrameTable, options: ChartOptions, found: boolean): ChartSpec | null {
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
export function anyMatch(table: FrameTable, options: ChartOptions): boolean {
  return keepRows(table, options.duplicates ?? 'mark').some(({ row }) => table.categories.some((c) => (row[c] as number) > 0));
}

/** Tooltip of a document × category cell. */
export function documentTooltip(labels: ChartLabels) {
  return [
    { field: 'doc', type: 'nominal', title: labels.document },
    { field: 'category', type: 'nominal', title: labels.category },
    { field: 'total', type: 'quantitative', title: labels.count },
    { field: 'tokens', type: 'quantitative', title: labels.words },
    { field: 'rate', type: 'quantitative', title: labels.rate, format: '.1f' },
  ];
}
