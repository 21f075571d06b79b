import type { Config } from 'vega-lite/build/src/config';
import { ruCount } from '../text/plural';

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

/** Number and time formatting of a chart's axes and labels (Vega's `config.locale`). */
export interface ChartLocale {
  number: { decimal: string; thousands: string; grouping: number[]; currency: [string, string] };
  time: {
    dateTime: string;
    date: string;
    time: string;
    periods: [string, string];
    days: string[];
    shortDays: string[];
    months: string[];
    shortMonths: string[];
  };
}

/** Russian formatting: comma decimals, a no-break space between thousands, Russian month and weekday names. */
export const RUSSIAN_LOCALE: ChartLocale = {
  number: { decimal: ',', thousands: '\u00a0', grouping: [3], currency: ['', '\u00a0₽'] },
  time: {
    dateTime: '%A, %e %B %Y г. %X',
    date: '%d.%m.%Y',
    time: '%H:%M:%S',
    periods: ['AM', 'PM'],
    days: ['воскресенье', 'понедельник', 'вторник', 'среда', 'четверг', 'пятница', 'суббота'],
    shortDays: ['вс', 'пн', 'вт', 'ср', 'чт', 'пт', 'сб'],
    months: ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'],
    shortMonths: ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'],
  },
};

/**
 * The Vega-Lite config shared by all charts: font, sizes readable when exported, and with
 * `ru` (default) Russian number and date formatting.
 *
 * @example
 * chartConfig('en').font // 'DejaVu Sans'
 */
export function chartConfig(language: 'ru' | 'en' = 'ru'): Config {
  return {
    font: CHART_FONT,
    title: { fontSize: 16, subtitleFontSize: 12, anchor: 'start', offset: 10 },
    axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 240 },
    legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 240, titleLimit: 320 },
    header: { labelFontSize: 12, titleFontSize: 12, labelLimit: 320 },
    view: { stroke: null },
    background: 'white',
    ...(language === 'ru' ? { locale: RUSSIAN_LOCALE as unknown as Config['locale'] } : {}),
  };
}

/** The kinds of chart, for their titles. */
export type TitledChart = 'paragraphs' | 'heatmap' | 'arc' | 'dispersion' | 'cooccurrence' | 'totals' | 'groups' | 'time' | 'groupTime' | 'validation';

/** Every text a chart shows, in the corpus's language by default (Russian). */
export interface ChartLabels {
  language: 'ru' | 'en';
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
  documents: string;
  tokens: string;
  words: string;
  matchedText: string;
  pattern: string;
  group: string;
  /** What a chart shows instead of an empty plot when no word of any category was found. */
  noMatches: string;
  period: string;
  interval: string;
  adjustedP: string;
  precision: string;
  recall: string;
  coded: string;
  reference: string;
  titles: Record<TitledChart, string>;
  repeatNote: (n: number) => string;
  repeatsIncluded: (n: number) => string;
  repeatsOutlined: (n: number) => string;
  repeatsDropped: (n: number) => string;
  window: (n: number) => string;
  /** Subtitle of a chart that shows documents instead of paragraphs because there are too many. */
  perDocument: (n: number) => string;
  /** Subtitle of a chart that pools many documents. */
  pooled: (n: number) => string;
}

/** Russian labels used unless overridden. */
export const RUSSIAN_LABELS: ChartLabels = {
  language: 'ru',
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
  documents: 'Документов',
  tokens: 'Слов в абзаце',
  words: 'Слов',
  matchedText: 'Слово',
  pattern: 'Шаблон',
  group: 'Группа',
  noMatches: 'Нет совпадений: ни одно слово текста не входит в категории словаря',
  period: 'Период',
  interval: '95 % интервал',
  adjustedP: 'p (Холм)',
  precision: 'Точность',
  recall: 'Полнота',
  coded: 'Закодировано абзацев',
  reference: 'С чем сравнивали',
  titles: {
    paragraphs: 'Фреймы по абзацам',
    heatmap: 'Плотность фреймов: абзац × категория',
    arc: 'Фреймы по ходу текста',
    dispersion: 'Где в тексте встречаются слова категорий',
    cooccurrence: 'Какие фреймы встречаются вместе',
    totals: 'Фреймы в тексте: всего и на 1000 слов',
    groups: 'Фреймы по группам документов',
    time: 'Фреймы во времени',
    groupTime: 'Фреймы во времени: каждая группа отдельно',
    validation: 'Словарь против ручного кодирования',
  },
  repeatNote: (n) => (n > 0 ? `повторные абзацы (${n}) показаны бледнее` : ''),
  repeatsIncluded: (n) => (n > 0 ? `включая повторные абзацы (${n})` : ''),
  repeatsOutlined: (n) => (n > 0 ? `повторные абзацы (${n}) обведены пунктиром` : ''),
  repeatsDropped: (n) => (n > 0 ? `повторные абзацы (${n}) не учтены` : ''),
  window: (n) => `окно ${n} абз.`,
  perDocument: (n) => `по документам (их ${n}: по абзацам не поместятся)`,
  pooled: (n) => `все ${ruCount(n, ['документ', 'документа', 'документов'])} вместе, позиция — доля длины документа`,
};

/** English labels: `labels: 'en'`. */
export const ENGLISH_LABELS: ChartLabels = {
  language: 'en',
  paragraph: 'Paragraph',
  category: 'Category',
  count: 'Words',
  rate: 'Per 1,000 words',
  excerpt: 'Paragraph begins',
  duplicateOf: 'Repeats paragraph',
  position: 'Position in the text, %',
  wordPosition: 'Word number in the document',
  smoothedRate: 'Per 1,000 words (moving average)',
  paragraphsBoth: 'Paragraphs with both categories',
  total: 'Words in all',
  document: 'Document',
  documents: 'Documents',
  tokens: 'Words in the paragraph',
  words: 'Words',
  matchedText: 'Word',
  pattern: 'Pattern',
  group: 'Group',
  noMatches: 'No matches: no word of the text is in a category of the dictionary',
  period: 'Period',
  interval: '95% interval',
  adjustedP: 'p (Holm)',
  precision: 'Precision',
  recall: 'Recall',
  coded: 'Paragraphs coded',
  reference: 'Compared with',
  titles: {
    paragraphs: 'Frames by paragraph',
    heatmap: 'Frame density: paragraph × category',
    arc: 'Frames along the text',
    dispersion: 'Where the category words stand',
    cooccurrence: 'Which frames appear together',
    totals: 'Frames in the text: in all and per 1,000 words',
    groups: 'Frames by group of documents',
    time: 'Frames over time',
    groupTime: 'Frames over time, group by group',
    validation: 'The dictionary against human coding',
  },
  repeatNote: (n) => (n > 0 ? `repeated paragraphs (${n}) drawn paler` : ''),
  repeatsIncluded: (n) => (n > 0 ? `repeated paragraphs (${n}) included` : ''),
  repeatsOutlined: (n) => (n > 0 ? `repeated paragraphs (${n}) outlined` : ''),
  repeatsDropped: (n) => (n > 0 ? `repeated paragraphs (${n}) left out` : ''),
  window: (n) => `window of ${n} paragraphs`,
  perDocument: (n) => `by document (${n} of them: too many to show paragraphs)`,
  pooled: (n) => `all ${n} documents pooled; position as a share of each document`,
};

/**
 * The labels a chart's options ask for: a language, or overrides of the Russian ones.
 *
 * @example
 * labelsFor('en').titles.paragraphs // 'Frames by paragraph'
 * labelsFor({ category: 'Рамка' }).category // 'Рамка'
 */
export function labelsFor(labels: 'ru' | 'en' | Partial<ChartLabels> | undefined): ChartLabels {
  if (labels === 'en') return ENGLISH_LABELS;
  if (labels === undefined || labels === 'ru') return RUSSIAN_LABELS;
  const base = labels.language === 'en' ? ENGLISH_LABELS : RUSSIAN_LABELS;
  return { ...base, ...labels, titles: { ...base.titles, ...labels.titles } };
}
