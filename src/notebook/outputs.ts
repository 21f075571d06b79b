import * as path from 'node:path';
import { exportChart, CHART_FORMATS } from '../charts/render';
import type { ChartSpec } from '../charts/specs';
import { toCsv } from '../table/format';
import type { Cell } from '../table/frame-table';
import { writeFileAtomic } from '../util/atomic';
import { makeDir } from '../util/output';
import { inKernel, show, showChartLibraries, tableRows, type TableLike } from './display';
import { setNumberLocale, type NumberLocale } from './tables';

/** Where a notebook keeps its charts and tables, and how it shows them. */
export interface NotebookOutputs {
  /** Folder the files go to: `<dir>/charts/<notebook>/` and `<dir>/tables/<notebook>/`. */
  readonly dir: string;
  /**
   * Shows the chart (inside a kernel) and writes it as SVG, PNG, HTML and JSON
   * (`<dir>/charts/<notebook>/<name>.*`). Resolves to nothing, so a notebook cell shows the chart only.
   */
  chart(name: string, spec: ChartSpec): Promise<void>;
  /** Writes the table as CSV (RFC 4180, numbers with at most four decimals) to `<dir>/tables/<notebook>/<name>.csv`. */
  table(name: string, table: TableLike): void;
}

const SAFE_NAME = /^[\p{L}\p{N}_.-]+$/u;

/**
 * The outputs of one notebook. Files go to `$FRAMELAB_OUT` when set (as `npm run reproduce`
 * does), else to `options.dir` (default `out` in the working folder). `options.locale` sets the
 * notebook's number format for {@link showTable} and {@link formatNumber} (`ru` by default: comma
 * decimals; `en`); the CSV files always use points.
 *
 * @example
 * const out = notebookOutputs('02-framing', { dir: '../out' });
 * await out.chart('heatmap', heatmapChart(table)); // shows it, writes ../out/charts/02-framing/heatmap.{svg,png,html,json}
 * out.table('counts', table);                      // writes ../out/tables/02-framing/counts.csv
 */
export function notebookOutputs(notebook: string, options: { dir?: string; locale?: NumberLocale } = {}): NotebookOutputs {
  const dir = path.resolve(process.env.FRAMELAB_OUT || options.dir || 'out');
  const check = (name: string) => {
    if (!SAFE_NAME.test(name)) throw new Error(`output name "${name}" must be letters, digits, _ . or - only`);
    return name;
  };
  check(notebook);
  setNumberLocale(options.locale ?? 'ru');
  // the scripts that make this notebook's charts interactive, once at its top
  if (inKernel()) showChartLibraries();
  return {
    dir,
    async chart(name, spec) {
      if (inKernel()) await show(spec);
      await exportChart(spec, path.join(dir, 'charts', notebook, check(name)), CHART_FORMATS);
    },
    table(name, table) {
      const { columns, rows } = tableRows(table);
      const file = path.join(dir, 'tables', notebook, `${check(name)}.csv`);
      makeDir(path.dirname(file));
      const records = rows.map((r) => Object.fromEntries(columns.map((c, k) => [c, toCell(r[k])])));
      writeFileAtomic(file, toCsv({ columns, rows: records }));
    },
  };
}

function toCell(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string') return v;
  return String(v);
}
