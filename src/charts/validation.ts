import type { ValidationRow } from '../validate/metrics';
import type { ChartOptions, ChartSpec } from './specs';
import { categoryColors, chartConfig, labelsFor } from './theme';

/**
 * Precision and recall of the dictionary per category against human coding (from
 * {@link validateDictionary}): a point per category and measure with its bootstrap interval, the
 * category in its usual colour; one row of panels per reference coding (each sheet, and the
 * coders' majority). Categories nobody coded are left out.
 *
 * @example
 * const report = validateDictionary(corpus, dict, ['data/coding/article-coded.csv'], { seed: 1 });
 * validationChart(report.rows).title // { text: 'Словарь против ручного кодирования', … }
 */
export function validationChart(rows: readonly ValidationRow[], options: ChartOptions = {}): ChartSpec {
  const labels = labelsFor(options.labels);
  const coded = rows.filter((r) => r.coded > 0);
  const categories = options.categories ?? [...new Set(coded.map((r) => r.category))];
  const colors = categoryColors(categories);
  const values = coded.flatMap((r) =>
    (['precision', 'recall'] as const).map((m) => ({
      reference: r.reference,
      category: r.category,
      measure: labels[m],
      value: nullIfNaN(r[m]),
      low: nullIfNaN(r[`${m}_low`]),
      high: nullIfNaN(r[`${m}_high`]),
      coded: r.coded,
      tp: r.tp,
      fp: r.fp,
      fn: r.fn,
    })),
  );
  const y = { field: 'category', type: 'nominal', title: labels.category, sort: categories };
  const x = { type: 'quantitative', scale: { domain: [0, 1] } };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: options.title ?? labels.titles.validation, subtitle: labels.interval },
    config: chartConfig(labels.language),
    data: { values },
    facet: {
      column: { field: 'measure', type: 'nominal', title: null, sort: [labels.precision, labels.recall] },
      row: { field: 'reference', type: 'nominal', title: labels.reference },
    },
    spec: {
      width: options.width ?? 220,
      height: { step: 18 },
      layer: [
        { mark: { type: 'rule', color: '#555555' }, encoding: { y, x: { ...x, field: 'low', title: null }, x2: { field: 'high' } } },
        {
          mark: { type: 'point', filled: true, size: 70 },
          encoding: {
            y,
            x: { ...x, field: 'value', title: null },
            color: { field: 'category', type: 'nominal', title: labels.category, scale: { domain: colors.domain, range: colors.range }, sort: null, legend: null },
            tooltip: [
              { field: 'category', type: 'nominal', title: labels.category },
              { field: 'measure', type: 'nominal', title: ' ' },
              { field: 'value', type: 'quantitative', format: '.2f', title: ' ' },
              { field: 'low', type: 'quantitative', format: '.2f', title: `${labels.interval} ↓` },
              { field: 'high', type: 'quantitative', format: '.2f', title: `${labels.interval} ↑` },
              { field: 'coded', type: 'quantitative', title: labels.coded },
              { field: 'tp', type: 'quantitative', title: 'TP' },
              { field: 'fp', type: 'quantitative', title: 'FP' },
              { field: 'fn', type: 'quantitative', title: 'FN' },
            ],
          },
        },
      ],
    },
  } as unknown as ChartSpec;
}

function nullIfNaN(x: number): number | null {
  return Number.isNaN(x) ? null : x;
}
