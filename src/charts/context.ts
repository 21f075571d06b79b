import type { ContextRow } from '../analysis/context';
import type { SuggestionRow } from '../validate/suggest';
import type { ChartSpec } from './specs';
import { CATEGORY_PALETTE, chartConfig } from './theme';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/**
 * The context words of a pattern (from {@link contextTerms}): one row per word, in the rows'
 * order (strongest G² first), its log ratio inside the windows against elsewhere as a point with
 * its 95 % interval; the tooltip gives the counts, G², the Holm-adjusted p and an example.
 * Labels in Russian.
 *
 * @example
 * const rows = contextTerms(corpus, { pattern: 'коррупц*' }, { window: 10 });
 * contextChart(rows, { pattern: 'коррупц*', window: 10 }).title
 * // { text: 'Слова рядом с «коррупц*»', subtitle: 'log ratio: во сколько раз (log2) чаще в окне ±10 слов, чем в остальном тексте; 95 % интервал' }
 */
export function contextChart(
  rows: ReadonlyArray<Pick<ContextRow, 'word' | 'inside' | 'outside' | 'log_ratio' | 'lr_low' | 'lr_high' | 'g2' | 'p_holm'> & { examples?: string }>,
  options: { pattern?: string; window?: number; top?: number; title?: string; color?: string } = {},
): ChartSpec {
  const top = rows.slice(0, options.top ?? 20);
  const words = top.map((r) => r.word);
  const y = { field: 'word', type: 'nominal', sort: words, title: 'Слово (лемма)' };
  return {
    $schema: SCHEMA,
    title: {
      text: options.title ?? `Слова рядом с ${options.pattern ? `«${options.pattern}»` : 'шаблоном'}`,
      subtitle: `log ratio: во сколько раз (log2) чаще в окне${options.window ? ` ±${options.window} слов` : ''}, чем в остальном тексте; 95 % интервал`,
    },
    config: chartConfig(),
    data: {
      values: top.map((r) => ({
        word: r.word,
        inside: r.inside,
        outside: r.outside,
        log_ratio: finite(r.log_ratio),
        lr_low: finite(r.lr_low),
        lr_high: finite(r.lr_high),
        g2: r.g2,
        p_holm: r.p_holm,
        example: (r.examples ?? '').split(' | ')[0],
      })),
    },
    width: 360,
    height: { step: 18 },
    layer: [
      { mark: { type: 'rule', color: '#999999', strokeDash: [3, 3] }, encoding: { x: { datum: 0, type: 'quantitative' } } },
      { mark: { type: 'rule', color: '#555555' }, encoding: { y, x: { field: 'lr_low', type: 'quantitative', title: 'log ratio (log2)' }, x2: { field: 'lr_high' } } },
      {
        mark: { type: 'point', filled: true, size: 70, color: options.color ?? CATEGORY_PALETTE[0] },
        encoding: {
          y,
          x: { field: 'log_ratio', type: 'quantitative' },
          tooltip: [
            { field: 'word', type: 'nominal', title: 'Слово' },
            { field: 'inside', type: 'quantitative', title: 'В окнах' },
            { field: 'outside', type: 'quantitative', title: 'В остальном тексте' },
            { field: 'log_ratio', type: 'quantitative', title: 'log ratio', format: '.2f' },
            { field: 'g2', type: 'quantitative', title: 'G²', format: '.2f' },
            { field: 'p_holm', type: 'quantitative', title: 'p (Холм)', format: '.3f' },
            { field: 'example', type: 'nominal', title: 'Пример' },
          ],
        },
      },
    ],
  } as unknown as ChartSpec;
}

/**
 * Candidate patterns of one category (from {@link suggestTerms}): a bar per pattern, its recall
 * gain on the sheet, coloured by its precision there; the number of missed paragraphs it finds is
 * written at the bar's end, so that a gain resting on one paragraph reads as such. Labels in Russian.
 *
 * @example
 * const report = suggestTerms(corpus, dict, ['data/coding/article-coded.csv'], { category: 'гранты', minSupport: 1 });
 * suggestChart(report.candidates, { category: 'гранты' }).title
 * // { text: 'Кандидаты в словарь: «гранты»', subtitle: 'прибавка полноты на листе кодирования; цвет — точность шаблона; число — найденные пропуски' }
 */
export function suggestChart(rows: ReadonlyArray<Pick<SuggestionRow, 'category' | 'pattern' | 'support' | 'missed' | 'precision' | 'recall_gain' | 'tn_hits'>>, options: { category?: string; top?: number; title?: string } = {}): ChartSpec {
  const category = options.category ?? rows[0]?.category;
  const top = rows.filter((r) => r.category === category).slice(0, options.top ?? 15);
  const y = { field: 'pattern', type: 'nominal', sort: top.map((r) => r.pattern), title: 'Шаблон' };
  return {
    $schema: SCHEMA,
    title: {
      text: options.title ?? `Кандидаты в словарь: «${category ?? ''}»`,
      subtitle: 'прибавка полноты на листе кодирования; цвет — точность шаблона; число — найденные пропуски',
    },
    config: chartConfig(),
    data: { values: top.map((r) => ({ pattern: r.pattern, gain: r.recall_gain, precision: r.precision, support: r.support, missed: r.missed, tn_hits: r.tn_hits, label: `${r.support} из ${r.missed}` })) },
    width: 320,
    height: { step: 18 },
    encoding: { y },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'gain', type: 'quantitative', title: 'Прибавка полноты', axis: { format: '.0%' } },
          color: { field: 'precision', type: 'quantitative', title: 'Точность', scale: { scheme: 'blues', domain: [0, 1] }, legend: { offset: 48 } },
          tooltip: [
            { field: 'pattern', type: 'nominal', title: 'Шаблон' },
            { field: 'support', type: 'quantitative', title: 'Найдено пропусков' },
            { field: 'missed', type: 'quantitative', title: 'Пропусков всего' },
            { field: 'tn_hits', type: 'quantitative', title: 'Лишних срабатываний' },
            { field: 'precision', type: 'quantitative', title: 'Точность', format: '.2f' },
            { field: 'gain', type: 'quantitative', title: 'Прибавка полноты', format: '.3f' },
          ],
        },
      },
      { mark: { type: 'text', align: 'left', dx: 3, fontSize: 10 }, encoding: { x: { field: 'gain', type: 'quantitative' }, text: { field: 'label' } } },
    ],
  } as unknown as ChartSpec;
}
