import { paragraphChart, type ChartOptions, type ChartSpec } from '../charts/specs';
import { quoteClassTable, type RhetoricResult } from './rhetoric';

/**
 * Rhetoric markers along the text: stacked bars of each marker category per paragraph.
 *
 * @example
 * await show(markerChart(rhetoric(corpus)));
 */
export function markerChart(result: RhetoricResult, options: ChartOptions = {}): ChartSpec {
  return paragraphChart(result.table, {
    title: 'Риторические маркеры по абзацам',
    ...options,
    labels: { count: 'Маркеров', category: 'Маркер', ...options.labels },
  });
}

/**
 * Quote classes per paragraph: quotations, names and scare quotes as stacked bars.
 *
 * @example
 * await show(quoteChart(rhetoric(corpus)));
 */
export function quoteChart(result: RhetoricResult, options: ChartOptions = {}): ChartSpec {
  return paragraphChart(quoteClassTable(result), {
    title: 'Кавычки по абзацам',
    ...options,
    labels: { count: 'Закавыченных фрагментов', category: 'Класс', ...options.labels },
  });
}
