// The charts framelab builds from a count table, by kind name: the public surface of the chart
// specs, which are built by family in ./paragraphs.ts, ./categories.ts and ./words.ts.
import type { FrameTable } from '../table/frame-table';
import type { MatchRow } from '../frames/matches';
import type { ChartOptions, ChartSpec } from './spec-base';
import { arcChart, dispersionChart, heatmapChart, paragraphChart } from './paragraphs';
import { cooccurrenceChart, totalsChart } from './categories';

export type { ChartOptions, ChartSpec } from './spec-base';
export { arcChart, dispersionChart, heatmapChart, paragraphChart } from './paragraphs';
export { cooccurrenceChart, correlationChart, totalsChart } from './categories';
export { collocateChart } from './words';

/** The kinds of chart framelab builds from a count table. */
export const CHART_KINDS = ['paragraphs', 'heatmap', 'arc', 'dispersion', 'cooccurrence', 'totals'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

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
