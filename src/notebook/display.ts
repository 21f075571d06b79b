import { FramelabError } from '../errors';
import { chartTitle, escapeHtml, toSVG, type WarningSink } from '../charts/render';
import type { ChartSpec } from '../charts/specs';

/** The MIME bundle of one chart: interactive Vega-Lite, static SVG, and a text stand-in. */
export interface ChartBundle {
  'application/vnd.vegalite.v5+json': ChartSpec;
  'image/svg+xml': string;
  'text/plain': string;
}

/** The display-data writer of the running tslab kernel, if code runs inside one. */
type DisplayWriter = (content: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

/**
 * Finds tslab's writer for display messages. tslab's public `display` sends one MIME type per
 * message, as a string; its `dist/jupyter` module keeps the writer of the cell being executed
 * (`lastWriteDisplayData`). The kernel's own copy of that module is looked up among the loaded
 * modules, so that framelab finds it whichever `tslab` package the kernel was started from.
 */
function tslabWriter(): DisplayWriter | undefined {
  for (const [id, mod] of Object.entries(require.cache)) {
    if (/[\\/]tslab[\\/]dist[\\/]jupyter\.js$/.test(id)) {
      const w = (mod?.exports as { lastWriteDisplayData?: DisplayWriter } | undefined)?.lastWriteDisplayData;
      if (typeof w === 'function') return w;
    }
  }
  return undefined;
}

/** The text stand-in of a chart: its title, or its kind. */
function describeSpec(spec: ChartSpec): string {
  const title = chartTitle(spec);
  return `<Vega-Lite chart${title ? `: ${title}` : ''}>`;
}

/**
 * Builds the MIME bundle of a chart: the Vega-Lite spec as a JSON object (front ends hand it to
 * vega-embed, which would read a string as a URL), its SVG, and a line of text.
 */
export async function chartBundle(spec: ChartSpec, options: { onWarning?: WarningSink } = {}): Promise<ChartBundle> {
  return {
    'application/vnd.vegalite.v5+json': spec,
    'image/svg+xml': await toSVG(spec, options),
    'text/plain': describeSpec(spec),
  };
}

/**
 * Shows a chart in a tslab notebook as ONE display message with three MIME types: JupyterLab and
 * VS Code draw the interactive Vega-Lite chart, classic Notebook, nbconvert and GitHub the SVG.
 * Await it, so that the chart lands in the cell that asked for it. Outside a kernel it throws.
 *
 * @example
 * await show(heatmapChart(countFrameRows(corpus, dict)));
 */
export async function show(spec: ChartSpec, options: { onWarning?: WarningSink } = {}): Promise<void> {
  const writer = tslabWriter();
  if (!writer) {
    throw new FramelabError('show() needs a running tslab (Jupyter) kernel; outside a notebook use toSVG, toPNG, toHTML or exportChart');
  }
  const bundle = await chartBundle(spec, options);
  writer({ data: { ...bundle }, metadata: {}, transient: {} }, false);
}

/** True when code runs inside a tslab kernel, where {@link show} can display. */
export function inKernel(): boolean {
  return tslabWriter() !== undefined;
}

/** Rows with named columns, as framelab tables and danfojs DataFrames have them. */
export type TableLike =
  | { columns: string[]; rows: Array<Record<string, unknown>> }
  | { columns: string[]; values: unknown }
  | ReadonlyArray<object>;

function isRecordArray(t: TableLike): t is ReadonlyArray<object> {
  return Array.isArray(t);
}

/** A table's column names and its rows as arrays, whatever shape it came in. */
export function tableRows(table: TableLike): { columns: string[]; rows: unknown[][] } {
  if (isRecordArray(table)) {
    const records = table as ReadonlyArray<Record<string, unknown>>;
    const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
    return { columns, rows: records.map((r) => columns.map((c) => r[c])) };
  }
  if ('rows' in table) return { columns: table.columns, rows: table.rows.map((r) => table.columns.map((c) => r[c])) };
  const values = table.values as unknown[];
  return { columns: table.columns, rows: values.map((v) => (Array.isArray(v) ? v : [v])) };
}

function cellText(v: unknown): string {
  if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) return '';
  if (typeof v === 'number' && !Number.isInteger(v)) return Math.abs(v) < 0.01 ? v.toPrecision(2) : String(Number(v.toFixed(2)));
  return String(v);
}


/**
 * Shows a table in a notebook (HTML, with a plain-text copy): framelab tables, danfojs
 * DataFrames, or arrays of row objects. `limit` rows at most (default 60).
 *
 * @example
 * showTable(countFrames(corpus, dict).head(10));
 */
export function showTable(table: TableLike, options: { limit?: number } = {}): void {
  const writer = tslabWriter();
  if (!writer) throw new FramelabError('showTable() needs a running tslab (Jupyter) kernel');
  const { columns, rows } = tableRows(table);
  const shown = rows.slice(0, options.limit ?? 60);
  const more = rows.length - shown.length;
  const html =
    '<table><thead><tr>' +
    columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('') +
    '</tr></thead><tbody>' +
    shown.map((r) => '<tr>' + r.map((v) => `<td>${escapeHtml(cellText(v))}</td>`).join('') + '</tr>').join('') +
    '</tbody></table>' +
    (more > 0 ? `<p>… ещё ${more} строк</p>` : '');
  const text = [columns.join('\t'), ...shown.map((r) => r.map(cellText).join('\t'))].join('\n') + (more > 0 ? `\n… ещё ${more} строк` : '');
  writer({ data: { 'text/html': html, 'text/plain': text }, metadata: {}, transient: {} }, false);
}

/**
 * Shows Markdown text in a notebook, such as a reading computed from the data.
 *
 * @example
 * showMarkdown(describeFrames(table));
 */
export function showMarkdown(markdown: string): void {
  const writer = tslabWriter();
  if (!writer) throw new FramelabError('showMarkdown() needs a running tslab (Jupyter) kernel');
  writer({ data: { 'text/markdown': markdown, 'text/plain': markdown }, metadata: {}, transient: {} }, false);
}
