import { FramelabError } from '../errors';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { chartTitle, escapeHtml, svgToPNG, toSVG, type WarningSink } from '../charts/render';
import type { ChartSpec } from '../charts/specs';
import { tslabJupyter } from './kernel';
import { tableDisplay, type TableDisplayOptions } from './tables';

/**
 * The MIME bundle of one chart. Each front end draws the richest type it can: JupyterLab and VS Code
 * the interactive chart from the Vega-Lite; a trusted classic Notebook the HTML, whose script draws
 * it with vega-embed (loaded from the notebook server: see {@link chartLibrariesHtml}); an untrusted
 * notebook, `nbconvert --to html` and static viewers the PNG (inside the HTML as an image, and on its
 * own); a line of text the rest. (No SVG: every front end that draws SVG draws one of these, and the
 * SVG of a long text doubled a notebook's size. `exportChart` writes it.) `framelab reproduce
 * --update` keeps only the HTML and the text in the notebooks it commits (see `slimNotebook`).
 */
export interface ChartBundle {
  'text/html': string;
  'application/vnd.vegalite.v5+json': ChartSpec;
  /** Base64 of an indexed-colour PNG at the chart's size (small enough to travel in every notebook). */
  'image/png': string;
  'text/plain': string;
}

/** The display-data writer of the running tslab kernel, if code runs inside one. */
type DisplayWriter = (content: { data: Record<string, unknown>; metadata: Record<string, unknown>; transient: Record<string, unknown> }, update: boolean) => void;

/**
 * tslab's writer for display messages. tslab's public `display` sends one MIME type per message,
 * as a string; its `dist/jupyter` module keeps the writer of the cell being executed
 * (`lastWriteDisplayData`).
 */
function tslabWriter(): DisplayWriter | undefined {
  const w = tslabJupyter()?.lastWriteDisplayData;
  return typeof w === 'function' ? (w as DisplayWriter) : undefined;
}

/** The text stand-in of a chart: its title, or its kind. */
function describeSpec(spec: ChartSpec): string {
  const title = chartTitle(spec);
  return `<Vega-Lite chart${title ? `: ${title}` : ''}>`;
}

/** Pixel scale of the PNG in a notebook: the chart's CSS size (indexed colour), to keep notebooks small. */
const NOTEBOOK_PNG_SCALE = 1;
let chartsShown = 0;

/** The chart's size in CSS pixels, read from its SVG. */
function svgSize(svg: string): { width: number; height: number } {
  const m = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  return m ? { width: Math.round(Number(m[1])), height: Math.round(Number(m[2])) } : { width: 0, height: 0 };
}

/**
 * The HTML of a chart in a notebook: the PNG as an image, replaced by the interactive chart
 * (tooltips, a legend that filters, zoom) when the notebook is trusted and vega-embed has loaded
 * (see {@link chartLibrariesHtml}). The spec travels gzipped in the script (a tenth of its size;
 * the browser inflates it). Untrusted, the script is removed and the image stays.
 */
function chartHtml(spec: ChartSpec, png: string, size: { width: number; height: number }): string {
  const json = JSON.stringify(spec);
  const id = `framelab-chart-${createHash('sha256').update(json).digest('hex').slice(0, 10)}-${++chartsShown}`;
  const title = escapeHtml(chartTitle(spec) || 'chart');
  const packed = gzipSync(Buffer.from(json, 'utf8'), { level: 9 }).toString('base64');
  return (
    `<div class="framelab-chart" id="${id}"><img src="data:image/png;base64,${png}" width="${size.width}" height="${size.height}" alt="${title}"></div>\n` +
    `<script>(function () {\n` +
    `  var el = document.getElementById('${id}'), tries = 0;\n` +
    `  if (!el || typeof DecompressionStream !== 'function') return;\n` +
    `  var bytes = Uint8Array.from(atob('${packed}'), function (c) { return c.charCodeAt(0); });\n` +
    `  var spec = new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).json();\n` +
    `  (function draw() {\n` +
    `    if (typeof window.vegaEmbed !== 'function') { if (window.framelabVega !== 'failed' && ++tries < 300) setTimeout(draw, 100); return; }\n` +
    `    var live = document.createElement('div');\n` +
    `    el.appendChild(live);\n` +
    `    spec.then(function (s) { return window.vegaEmbed(live, s, { actions: false, renderer: 'svg' }); })\n` +
    `      .then(function () { var img = el.querySelector('img'); if (img) img.remove(); })\n` +
    `      .catch(function () { live.remove(); });\n` +
    `  })();\n` +
    `})();</script>`
  );
}

/**
 * Builds the MIME bundle of a chart (see {@link ChartBundle}) and its metadata (the PNG's size).
 *
 * @example
 * Object.keys(await chartBundle(totalsChart(table)))
 * // ['text/html', 'application/vnd.vegalite.v5+json', 'image/png', 'text/plain']
 */
export async function chartBundle(spec: ChartSpec, options: { onWarning?: WarningSink } = {}): Promise<ChartBundle> {
  return (await chartMessage(spec, options)).data;
}

async function chartMessage(spec: ChartSpec, options: { onWarning?: WarningSink }): Promise<{ data: ChartBundle; metadata: Record<string, unknown> }> {
  const svg = await toSVG(spec, options);
  const png = svgToPNG(svg, { scale: NOTEBOOK_PNG_SCALE, indexed: true }).toString('base64');
  const size = svgSize(svg);
  return {
    data: {
      'text/html': chartHtml(spec, png, size),
      'application/vnd.vegalite.v5+json': spec,
      'image/png': png,
      'text/plain': describeSpec(spec),
    },
    metadata: { 'image/png': size },
  };
}

let librariesSent = false;

/** The packages a live chart needs, as paths below a `node_modules` folder. */
const CHART_LIBRARIES = ['vega/build/vega.min.js', 'vega-lite/build/vega-lite.min.js', 'vega-embed/build/vega-embed.min.js'];

/**
 * The script that makes charts interactive in a classic Notebook: it loads Vega, Vega-Lite and
 * vega-embed from the installed packages through the notebook server (`<base>/files/.../node_modules/`,
 * looked for in the notebook's folder and each folder above it, up to the server's root: a study
 * opened with `framelab notebook` has them at its root), instead of carrying 830 KB of libraries in
 * every notebook. Where they cannot be loaded (another server root, a static viewer, nbconvert's
 * HTML) the charts stay images. {@link notebookOutputs} sends it once at the top of a notebook,
 * {@link show} before its first chart otherwise.
 *
 * @example
 * chartLibrariesHtml().startsWith('<div class="framelab-chart-libraries"') // true
 */
export function chartLibrariesHtml(): string {
  return (
    `<div class="framelab-chart-libraries" style="display:none"></div>\n` +
    `<script>(function () {\n` +
    `  if (typeof window.vegaEmbed === 'function' || window.framelabVega) return;\n` +
    `  window.framelabVega = 'loading';\n` +
    `  var body = document.body, base = (body && body.getAttribute('data-base-url')) || '/';\n` +
    `  var folders = ((body && body.getAttribute('data-notebook-path')) || '').split('/').slice(0, -1), roots = [];\n` +
    `  for (var i = folders.length; i >= 0; i--) roots.push(base + 'files/' + folders.slice(0, i).map(encodeURIComponent).map(function (f) { return f + '/'; }).join('') + 'node_modules/');\n` +
    `  var libs = ${JSON.stringify(CHART_LIBRARIES)};\n` +
    `  function get(url) { return fetch(url, { credentials: 'same-origin' }).then(function (r) { if (!r.ok) throw new Error(url); return r.text(); }); }\n` +
    `  function from(k) {\n` +
    `    if (k >= roots.length) return Promise.reject(new Error('no node_modules with vega below the server root'));\n` +
    `    return Promise.all(libs.map(function (l) { return get(roots[k] + l); })).catch(function () { return from(k + 1); });\n` +
    `  }\n` +
    `  from(0).then(function (texts) {\n` +
    `    // each bundle is UMD: hidden from the page's AMD loader (RequireJS would take the module and leave no global)\n` +
    `    texts.forEach(function (t) { new Function('define', 'module', 'exports', t).call(window); });\n` +
    `    window.framelabVega = 'loaded';\n` +
    `  }).catch(function () { window.framelabVega = 'failed'; });\n` +
    `})();</script>`
  );
}

/**
 * Sends the chart libraries to the notebook (see {@link chartLibrariesHtml}); nothing outside a kernel.
 *
 * @example
 * showChartLibraries(); // in a notebook that does not use notebookOutputs, before its first chart
 */
export function showChartLibraries(): void {
  const writer = tslabWriter();
  if (!writer) return;
  writer({ data: { 'text/html': chartLibrariesHtml() }, metadata: {}, transient: {} }, false);
  librariesSent = true;
}

/**
 * Shows a chart in a tslab notebook as ONE display message (see {@link ChartBundle}): interactive
 * where the notebook is trusted, an image everywhere else. Await it, so that the chart lands in the
 * cell that asked for it. Outside a kernel it throws.
 *
 * @example
 * await show(heatmapChart(countFrameRows(corpus, dict)));
 */
export async function show(spec: ChartSpec, options: { onWarning?: WarningSink } = {}): Promise<void> {
  const writer = tslabWriter();
  if (!writer) {
    throw new FramelabError('show() needs a running tslab (Jupyter) kernel; outside a notebook use toSVG, toPNG, toHTML or exportChart');
  }
  const { data, metadata } = await chartMessage(spec, options);
  if (!librariesSent) showChartLibraries();
  writer({ data: { ...data }, metadata, transient: {} }, false);
}

/**
 * True when code runs inside a tslab kernel, where {@link show} can display.
 *
 * @example
 * if (!inKernel()) console.log('not in a notebook: export charts with exportChart');
 */
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

/**
 * Shows a table in a notebook (HTML, with a plain-text copy): framelab tables, danfojs
 * DataFrames, or arrays of row objects. Text columns read left-aligned, numbers right-aligned in
 * the notebook's number format, KWIC rows as a concordance (see {@link tableDisplay}); `limit`
 * rows at most (default 60).
 *
 * @example
 * showTable(countFrames(corpus, dict).head(10));
 * showTable(kwic(corpus, { category: 'гранты', dictionary: dict }), { limit: 20 });
 */
export function showTable(table: TableLike, options: TableDisplayOptions = {}): void {
  const writer = tslabWriter();
  if (!writer) throw new FramelabError('showTable() needs a running tslab (Jupyter) kernel');
  const { html, text } = tableDisplay(tableRows(table), options);
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
