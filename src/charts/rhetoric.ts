import { paragraphChart, type ChartOptions, type ChartSpec } from './specs';
import { labelsFor, type ChartLabels } from './theme';

/** The chart's labels with some of them replaced, in the language asked for. */
function relabel(options: ChartOptions, ru: Partial<ChartLabels>, en: Partial<ChartLabels>): Partial<ChartLabels> {
  const base = labelsFor(options.labels);
  const own = typeof options.labels === 'object' ? options.labels : {};
  return { ...base, ...(base.language === 'en' ? en : ru), ...own };
}
import { quoteClassTable, type RhetoricResult } from '../rhetoric/rhetoric';

/**
 * Rhetoric markers along the text: stacked bars of each marker category per paragraph.
 *
 * @example
 * await show(markerChart(rhetoric(corpus)));
 */
export function markerChart(result: RhetoricResult, options: ChartOptions = {}): ChartSpec {
  const en = labelsFor(options.labels).language === 'en';
  return paragraphChart(result.table, {
    title: en ? 'Rhetorical markers by paragraph' : 'Риторические маркеры по абзацам',
    ...options,
    labels: relabel(options, { count: 'Маркеров', category: 'Маркер' }, { count: 'Markers', category: 'Marker' }),
  });
}

/**
 * Quote classes per paragraph: quotations, names and scare quotes as stacked bars.
 *
 * @example
 * await show(quoteChart(rhetoric(corpus)));
 */
export function quoteChart(result: RhetoricResult, options: ChartOptions = {}): ChartSpec {
  const en = labelsFor(options.labels).language === 'en';
  return paragraphChart(quoteClassTable(result), {
    title: en ? 'Quotation marks by paragraph' : 'Кавычки по абзацам',
    ...options,
    labels: relabel(options, { count: 'Закавыченных фрагментов', category: 'Класс' }, { count: 'Quoted spans', category: 'Class' }),
  });
}
