/** Vega-Lite charts of the models: LSS word polarities and the scores over time. */
import type { ChartSpec } from '../charts/specs';
import { chartConfig } from '../charts/theme';
import type { LssResult, LssSmoothRow } from './lss';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/**
 * The terms chart of an LSS model: each lemma's polarity against its frequency (log scale), seed
 * words in colour and named, and the `label` most positive and most negative other lemmas named.
 *
 * @example
 * const lss = latentSemanticScaling(corpus.documents, { диалог: 1, коррупция: -1 }, { minCount: 2, k: 5 });
 * const spec = lssTermsChart(lss, { label: 10 });
 * spec.layer.length // 3: all lemmas, their labels, the seeds
 */
export function lssTermsChart(result: Pick<LssResult, 'table'>, options: { label?: number; title?: string; width?: number } = {}): ChartSpec & { layer: unknown[] } {
  const label = options.label ?? 10;
  const others = result.table.filter((t) => t.seed === 0);
  const named = new Set([...others.slice(0, label), ...others.slice(-label)].map((t) => t.term));
  const values = result.table.map((t) => ({
    слово: t.term,
    частота: t.frequency,
    полярность: t.polarity,
    семя: t.seed > 0 ? 'положительное' : t.seed < 0 ? 'отрицательное' : 'нет',
    подпись: t.seed !== 0 || named.has(t.term) ? t.term : '',
  }));
  const x = { field: 'частота', type: 'quantitative', scale: { type: 'log' }, title: 'частота в корпусе (лог. шкала)' };
  const y = { field: 'полярность', type: 'quantitative', title: 'полярность (косинус с семенами)' };
  return {
    $schema: SCHEMA,
    title: { text: options.title ?? 'Латентное семантическое шкалирование: полярность слов', subtitle: 'семена выделены цветом' },
    config: chartConfig('ru'),
    width: options.width ?? 600,
    height: 400,
    data: { values },
    layer: [
      {
        transform: [{ filter: "datum['семя'] === 'нет'" }],
        mark: { type: 'point', filled: true, size: 12, opacity: 0.35, color: '#888888' },
        encoding: { x, y, tooltip: [{ field: 'слово' }, { field: 'частота' }, { field: 'полярность', format: '.3f' }] },
      },
      {
        transform: [{ filter: "datum['подпись'] !== '' && datum['семя'] === 'нет'" }],
        mark: { type: 'text', fontSize: 10, dy: -7, color: '#444444' },
        encoding: { x, y, text: { field: 'подпись' } },
      },
      {
        transform: [{ filter: "datum['семя'] !== 'нет'" }],
        mark: { type: 'text', fontSize: 12, fontWeight: 'bold', dy: -8 },
        encoding: {
          x,
          y,
          text: { field: 'слово' },
          color: { field: 'семя', type: 'nominal', title: 'семя', scale: { domain: ['положительное', 'отрицательное'], range: ['#1b7837', '#b2182b'] } },
        },
      },
    ],
  } as unknown as ChartSpec & { layer: unknown[] };
}

/**
 * The LSS scores of documents over time: each date's mean score (points, sized by documents) and
 * the rolling mean (line).
 *
 * @example
 * lssTimeChart([{ date: '2020-01-01', documents: 2, mean: 0.5, smoothed: 0.4 }]).layer.length // 2
 */
export function lssTimeChart(rows: readonly LssSmoothRow[], options: { title?: string; width?: number } = {}): ChartSpec & { layer: unknown[] } {
  const values = rows.map((r) => ({ дата: r.date, документов: r.documents, среднее: r.mean, сглаженное: r.smoothed }));
  const x = { field: 'дата', type: 'temporal', title: 'дата' };
  return {
    $schema: SCHEMA,
    title: { text: options.title ?? 'Оценка LSS документов во времени', subtitle: 'точки: среднее за день; линия: скользящее среднее' },
    config: chartConfig('ru'),
    width: options.width ?? 600,
    height: 260,
    data: { values },
    layer: [
      { mark: { type: 'point', filled: true, opacity: 0.5, color: '#888888' }, encoding: { x, y: { field: 'среднее', type: 'quantitative', title: 'оценка (z)' }, size: { field: 'документов', type: 'quantitative', title: 'документов' } } },
      { mark: { type: 'line', color: '#b2182b', strokeWidth: 2 }, encoding: { x, y: { field: 'сглаженное', type: 'quantitative' } } },
    ],
  } as unknown as ChartSpec & { layer: unknown[] };
}
