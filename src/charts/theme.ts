import type { Config } from 'vega-lite/build/src/config';

/**
 * Font of every chart. DejaVu Sans covers Cyrillic; PNG export loads it from the
 * `dejavu-fonts-ttf` package, so letters are drawn on a machine without system fonts.
 */
export const CHART_FONT = 'DejaVu Sans';

/** Vega's Tableau 10 and the second half of Tableau 20: one colour per category, in dictionary order. */
export const CATEGORY_PALETTE = [
  '#4c78a8', '#f58518', '#e45756', '#72b7b2', '#54a24b', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac',
  '#9ecae9', '#ffbf79', '#ff9d98', '#88d27a', '#b6992d', '#d6a5c9', '#fcbfd2', '#d8b5a5', '#79706e', '#439894',
];

/** A colour scale keyed by category name. */
export interface CategoryColors {
  domain: string[];
  range: string[];
}

/**
 * Colours for categories: the k-th category of the dictionary always gets the k-th palette
 * colour, so a category keeps its colour across every chart built from the same dictionary.
 *
 * @example
 * categoryColors(['гранты', 'коррупция']) // { domain: ['гранты', 'коррупция'], range: ['#4c78a8', '#f58518'] }
 */
export function categoryColors(categories: readonly string[]): CategoryColors {
  return { domain: [...categories], range: categories.map((_, k) => CATEGORY_PALETTE[k % CATEGORY_PALETTE.length]) };
}

/** The Vega-Lite config shared by all charts: font, sizes readable when exported. */
export function chartConfig(): Config {
  return {
    font: CHART_FONT,
    title: { fontSize: 16, subtitleFontSize: 12, anchor: 'start', offset: 10 },
    axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 240 },
    legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 240, titleLimit: 320 },
    header: { labelFontSize: 12, titleFontSize: 12 },
    view: { stroke: null },
    background: 'white',
  };
}

/** Every text a chart shows, in the corpus's language by default (Russian). */
export interface ChartLabels {
  paragraph: string;
  category: string;
  count: string;
  rate: string;
  excerpt: string;
  duplicateOf: string;
  position: string;
  wordPosition: string;
  smoothedRate: string;
  paragraphsBoth: string;
  total: string;
  document: string;
  tokens: string;
  matchedText: string;
  pattern: string;
  titles: Record<'paragraphs' | 'heatmap' | 'arc' | 'dispersion' | 'cooccurrence' | 'totals', string>;
  repeatNote: (n: number) => string;
  repeatsIncluded: (n: number) => string;
  repeatsOutlined: (n: number) => string;
  repeatsDropped: (n: number) => string;
  window: (n: number) => string;
}

/** Russian labels used unless overridden. */
export const RUSSIAN_LABELS: ChartLabels = {
  paragraph: 'Абзац',
  category: 'Категория',
  count: 'Число слов',
  rate: 'На 1000 слов',
  excerpt: 'Начало абзаца',
  duplicateOf: 'Повтор абзаца',
  position: 'Позиция в тексте, %',
  wordPosition: 'Номер слова в документе',
  smoothedRate: 'На 1000 слов (скользящее среднее)',
  paragraphsBoth: 'Абзацев с обеими категориями',
  total: 'Всего слов',
  document: 'Документ',
  tokens: 'Слов в абзаце',
  matchedText: 'Слово',
  pattern: 'Шаблон',
  titles: {
    paragraphs: 'Фреймы по абзацам',
    heatmap: 'Плотность фреймов: абзац × категория',
    arc: 'Фреймы по ходу текста',
    dispersion: 'Где в тексте встречаются слова категорий',
    cooccurrence: 'Какие фреймы встречаются вместе',
    totals: 'Фреймы в тексте: всего и на 1000 слов',
  },
  repeatNote: (n) => (n > 0 ? `повторные абзацы (${n}) показаны бледнее` : ''),
  repeatsIncluded: (n) => (n > 0 ? `включая повторные абзацы (${n})` : ''),
  repeatsOutlined: (n) => (n > 0 ? `повторные абзацы (${n}) обведены пунктиром` : ''),
  repeatsDropped: (n) => (n > 0 ? `повторные абзацы (${n}) не учтены` : ''),
  window: (n) => `окно ${n} абз.`,
};
