import { FramelabError } from '../errors';
import { toSVG, type WarningSink } from './render';
import type { ChartSpec } from './specs';

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
  const t = (spec as { title?: unknown }).title;
  const title = typeof t === 'string' ? t : t && typeof t === 'object' && 'text' in t ? String((t as { text: unknown }).text) : '';
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
