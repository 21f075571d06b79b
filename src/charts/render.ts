import { indexedPng } from './palette';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FramelabError } from '../errors';
import { writeFileAtomic } from '../util/atomic';
import { makeDir } from '../util/output';
import type { ChartSpec } from './specs';
import { safeSpec } from './safe-spec';

/** Formats a chart can be exported to. */
export const CHART_FORMATS = ['svg', 'png', 'html', 'json'] as const;
export type ChartFormat = (typeof CHART_FORMATS)[number];

/** Receives Vega-Lite and Vega warnings; the default writes them to stderr. */
export type WarningSink = (message: string) => void;

const stderrSink: WarningSink = (m) => process.stderr.write(`framelab: chart warning: ${m}\n`);

/** A logger in the shape Vega and Vega-Lite expect, forwarding warnings and errors to a sink. */
function loggerFor(sink: WarningSink) {
  const logger = {
    level: (..._: unknown[]) => (_.length ? logger : 0) as never,
    warn: (...args: unknown[]) => (sink(args.map(String).join(' ')), logger),
    error: (...args: unknown[]) => (sink(args.map(String).join(' ')), logger),
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

/**
 * Compiles a Vega-Lite spec to a Vega spec (vega-lite 5), sending compiler warnings to `onWarning`.
 *
 * @example
 * compileSpec(heatmapChart(table)).marks // Vega marks
 */
export function compileSpec(spec: ChartSpec, onWarning: WarningSink = stderrSink): import('vega').Spec {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vl = require('vega-lite') as typeof import('vega-lite');
  return vl.compile(safeSpec(spec), { logger: loggerFor(onWarning) as never }).spec;
}

/**
 * Renders a chart to an SVG string, headlessly (vega 5, no browser).
 *
 * @example
 * const svg = await toSVG(paragraphChart(table));
 */
export async function toSVG(spec: ChartSpec, options: { onWarning?: WarningSink } = {}): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vega = require('vega') as typeof import('vega');
  const sink = options.onWarning ?? stderrSink;
  const view = new vega.View(vega.parse(compileSpec(staticSpec(spec), sink)), {
    renderer: 'none',
    logger: loggerFor(sink) as never,
    logLevel: vega.Warn,
  });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * The chart as a still image draws it: without zoom (a selection bound to the scales listens to
 * the window, which a headless render has not, and clips with ids that change per render).
 */
export function staticSpec(spec: ChartSpec): ChartSpec {
  const params = (spec as { params?: Array<{ bind?: unknown }> }).params;
  if (!params?.some((p) => p.bind === 'scales')) return spec;
  return { ...spec, params: params.filter((p) => p.bind !== 'scales') } as ChartSpec;
}

/** The TrueType files PNG export draws text with: DejaVu Sans, regular and bold, from `dejavu-fonts-ttf`. */
export function chartFontFiles(): string[] {
  return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf', 'DejaVuSans-Oblique.ttf'].map((f) => require.resolve(`dejavu-fonts-ttf/ttf/${f}`));
}

/**
 * Rasterizes an SVG string to PNG with resvg, drawing text with the bundled DejaVu fonts only
 * (system fonts are not consulted, so the result is the same on every machine). `indexed: true`
 * writes 8-bit indexed colour (256 colours: a third to a half of the bytes), as notebooks carry it.
 *
 * @example
 * const png = svgToPNG(await toSVG(totalsChart(table)), { scale: 2 });
 * png.subarray(1, 4).toString() // 'PNG'
 */
export function svgToPNG(svg: string, options: { scale?: number; fontFiles?: string[]; indexed?: boolean } = {}): Buffer {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Resvg } = require('@resvg/resvg-js') as typeof import('@resvg/resvg-js');
  const scale = options.scale ?? 2;
  if (!(scale > 0 && scale <= 10)) throw new FramelabError(`PNG scale must be between 0 and 10, not ${scale}`);
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: {
      loadSystemFonts: false,
      fontFiles: options.fontFiles ?? chartFontFiles(),
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  });
  const image = resvg.render();
  // 256 colours: the smaller image that notebooks carry (see ./palette.ts)
  return options.indexed ? indexedPng(image.pixels, image.width, image.height) : image.asPng();
}

/**
 * Renders a chart to PNG; `scale` 2 (default) doubles the pixel size for sharp slides.
 *
 * @example
 * fs.writeFileSync('chart.png', await toPNG(heatmapChart(table), { scale: 2 }));
 */
export async function toPNG(spec: ChartSpec, options: { scale?: number; onWarning?: WarningSink } = {}): Promise<Buffer> {
  return svgToPNG(await toSVG(spec, options), options);
}

/**
 * The chart as pretty JSON (stable: keys in the order the builders write them).
 *
 * @example
 * JSON.parse(toJSON(totalsChart(table))).$schema // 'https://vega.github.io/schema/vega-lite/v5.json'
 */
export function toJSON(spec: ChartSpec): string {
  return JSON.stringify(safeSpec(spec), null, 2) + '\n';
}

function scriptOf(file: string): string {
  return fs.readFileSync(file, 'utf8').replace(/<\/script/gi, '<\\/script');
}

let libraries: string | undefined;

/** vega, vega-lite and vega-embed, minified, read from their packages once, as script elements. */
export function inlineLibraries(): string {
  if (libraries === undefined) {
    const dir = (pkg: string) => path.dirname(require.resolve(`${pkg}/package.json`));
    libraries = [
      path.join(dir('vega'), 'build', 'vega.min.js'),
      path.join(dir('vega-lite'), 'build', 'vega-lite.min.js'),
      path.join(path.dirname(require.resolve('vega-embed')), 'vega-embed.min.js'),
    ]
      // each bundle is UMD: hidden from a page's AMD loader (classic Notebook has RequireJS, which
      // would take the anonymous module and leave no global), it defines the globals vega-embed needs
      .map((f) => `<script>\n(function (define, module, exports) {\n${scriptOf(f)}\n}).call(window);\n</script>`)
      .join('\n');
  }
  return libraries;
}

/** A chart's title text ('' when it has none). */
export function chartTitle(spec: ChartSpec): string {
  const t = (spec as { title?: unknown }).title;
  return typeof t === 'string' ? t : t && typeof t === 'object' && 'text' in t ? String((t as { text: unknown }).text) : '';
}

/** Text made safe for HTML: & < > " escaped. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/**
 * A self-contained HTML page showing the chart interactively (tooltips), with Vega, Vega-Lite and
 * vega-embed inlined: it loads nothing from the network and works offline.
 *
 * @example
 * fs.writeFileSync('chart.html', toHTML(paragraphChart(table)));
 */
export function toHTML(spec: ChartSpec, options: { title?: string } = {}): string {
  const title = options.title ?? (chartTitle(spec) || 'framelab chart');
  // U+2028 and U+2029 end a line inside a <script> for older parsers: escaped like <
  const json = JSON.stringify(safeSpec(spec)).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  return `<!DOCTYPE html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)}</title>
<style>body { font-family: 'DejaVu Sans', sans-serif; margin: 16px; } #error { color: #b00; }</style>
${inlineLibraries()}
</head>
<body>
<div id="vis"></div>
<pre id="error"></pre>
<script>
const spec = ${json};
vegaEmbed('#vis', spec, { actions: false, renderer: 'svg' }).catch(function (err) {
  document.getElementById('error').textContent = String(err);
});
</script>
</body>
</html>
`;
}

/**
 * Writes a chart next to `basePath` in each format (`basePath.svg`, `.png`, `.html`, `.json`),
 * every file atomically; folders are created. Returns the files written, in format order.
 *
 * @example
 * await exportChart(heatmapChart(table), 'out/charts/heatmap', ['svg', 'png'])
 * // ['out/charts/heatmap.svg', 'out/charts/heatmap.png']
 */
export async function exportChart(
  spec: ChartSpec,
  basePath: string,
  formats: readonly ChartFormat[] = CHART_FORMATS,
  options: { scale?: number; onWarning?: WarningSink } = {},
): Promise<string[]> {
  for (const f of formats) {
    if (!(CHART_FORMATS as readonly string[]).includes(f)) {
      throw new FramelabError(`unknown chart format "${f}" (use ${CHART_FORMATS.join(', ')})`);
    }
  }
  const unique = CHART_FORMATS.filter((f) => formats.includes(f));
  // render everything first, so that a failure leaves no partial set of files behind
  const svg = unique.includes('svg') || unique.includes('png') ? await toSVG(spec, options) : '';
  const contents: Array<[ChartFormat, string | Buffer]> = unique.map((f) => [
    f,
    f === 'svg' ? svg : f === 'png' ? svgToPNG(svg, options) : f === 'html' ? toHTML(spec) : toJSON(spec),
  ]);
  makeDir(path.dirname(path.resolve(basePath)));
  return contents.map(([f, data]) => {
    const file = `${basePath}.${f}`;
    writeFileAtomic(file, data);
    return file;
  });
}
