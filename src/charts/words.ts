// Charts of words: the collocates of a node word.
import { CATEGORY_PALETTE, chartConfig } from './theme';
import { SCHEMA, type ChartSpec } from './spec-base';

/**
 * Collocates as horizontal bars: association (G²) per collocate, strongest at the top, with
 * frequency and MI in the tooltip.
 *
 * @example
 * collocateChart(collocates(corpus, { pattern: 'коррупц*' }, { contentOnly: true }), { node: 'коррупц*' })
 */
export function collocateChart(
  rows: ReadonlyArray<{ collocate: string; freq: number; g2: number; mi: number; total: number }>,
  options: { node?: string; top?: number; title?: string; color?: string } = {},
): ChartSpec {
  const top = rows.slice(0, options.top ?? 15);
  return {
    $schema: SCHEMA,
    title: { text: options.title ?? `Коллокаты${options.node ? ` «${options.node}»` : ''}`, subtitle: 'сила связи: log-likelihood G²' },
    config: chartConfig(),
    data: { values: top.map((r) => ({ collocate: r.collocate, freq: r.freq, total: r.total, g2: r.g2, mi: r.mi })) },
    mark: { type: 'bar', color: options.color ?? CATEGORY_PALETTE[1] },
    width: 360,
    height: { step: 18 },
    encoding: {
      y: { field: 'collocate', type: 'nominal', sort: null, title: 'Коллокат' },
      x: { field: 'g2', type: 'quantitative', title: 'G²' },
      tooltip: [
        { field: 'collocate', type: 'nominal', title: 'Коллокат' },
        { field: 'freq', type: 'quantitative', title: 'Рядом с узлом' },
        { field: 'total', type: 'quantitative', title: 'Всего в корпусе' },
        { field: 'g2', type: 'quantitative', title: 'G²', format: '.2f' },
        { field: 'mi', type: 'quantitative', title: 'MI', format: '.2f' },
      ],
    },
  } as ChartSpec;
}
