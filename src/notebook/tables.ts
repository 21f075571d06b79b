import { escapeHtml } from '../charts/render';
import { alignedText, type Align } from '../table/format';
import { printable } from '../util/printable';
import { ruCount } from '../text/plural';

/** How numbers read in a notebook: `ru` (the default) with decimal commas, `en` with points. */
export type NumberLocale = 'ru' | 'en';

export const NUMBER_LOCALES: readonly NumberLocale[] = ['ru', 'en'];

let notebookLocale: NumberLocale = 'ru';

/**
 * Sets the number format of the notebook: every later {@link showTable} and
 * {@link formatNumber} without an explicit `locale` uses it. {@link notebookOutputs} sets it
 * from its `locale` option, once at the top of a notebook.
 *
 * @example
 * setNumberLocale('en');
 * formatNumber(0.5) // '0.50'
 * setNumberLocale('ru');
 * formatNumber(0.5) // '0,50'
 */
export function setNumberLocale(locale: NumberLocale): void {
  if (!NUMBER_LOCALES.includes(locale)) throw new RangeError(`locale must be one of ${NUMBER_LOCALES.join(', ')}, not "${locale}"`);
  notebookLocale = locale;
}

/**
 * The notebook's number format (see {@link setNumberLocale}).
 *
 * @example
 * numberLocale() // 'ru' unless notebookOutputs or setNumberLocale chose 'en'
 */
export function numberLocale(): NumberLocale {
  return notebookLocale;
}

/** Options of {@link formatNumber}. */
export interface NumberFormatOptions {
  /** Default: the notebook's (see {@link setNumberLocale}), `ru` unless set. */
  locale?: NumberLocale;
  /** Decimals of a number that is not whole (default 2); below 0.01, two significant digits instead. */
  digits?: number;
  /** Give whole numbers the same decimals (as in a table column that holds fractions). Default false. */
  fixed?: boolean;
}

/**
 * A number as a reader sees it in a notebook's prose and tables: whole numbers as they are
 * (no thousands separator, so years and paragraph numbers read right), other numbers with
 * `digits` decimals, numbers below 0.01 with two significant digits (so that a p-value never
 * reads as 0), and the locale's decimal mark. Empty for null and NaN.
 *
 * @example
 * formatNumber(0.4215)                   // '0,42'
 * formatNumber(0.4215, { locale: 'en' }) // '0.42'
 * formatNumber(0.000123)                 // '0,00012'
 * formatNumber(2015)                     // '2015'
 * formatNumber(3, { digits: 1 })         // '3'
 * formatNumber(3, { fixed: true })       // '3,00'
 */
export function formatNumber(value: number | null | undefined, options: NumberFormatOptions = {}): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  const locale = options.locale ?? notebookLocale;
  const text = Number.isInteger(value) && !options.fixed ? String(value) : plain(value, options.digits ?? 2);
  return locale === 'ru' ? text.replace('.', ',') : text;
}

function plain(value: number, digits: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  return Math.abs(value) < 0.01 && value !== 0 && !Number.isInteger(value) ? value.toPrecision(2) : value.toFixed(digits);
}

/** Options of {@link tableDisplay} and {@link showTable}. */
export interface TableDisplayOptions {
  /** Rows shown at most (default 60); a line says how many more there are. */
  limit?: number;
  /** Number format (default: the notebook's, see {@link setNumberLocale}). */
  locale?: NumberLocale;
  /**
   * Decimals of numbers that are not whole: one number for every column, or per column name.
   * Default 2, and 3 in p-value columns (named `p`, `p_…` or `…_p`).
   */
  digits?: number | Readonly<Record<string, number>>;
  /**
   * Lay out three columns as a concordance (left context right-aligned, the match centred, right
   * context left-aligned): their names, in order. Default: `left`, `match`, `right` when the table
   * has them (as {@link kwic} rows do).
   */
  concordance?: readonly [string, string, string] | false;
}


/**
 * A table as a notebook shows it, as HTML and as plain text: text columns left-aligned, number
 * columns right-aligned, with one number format (see {@link formatNumber}; in a column that holds
 * any fraction, every number gets the same decimals), and a KWIC laid out as a concordance.
 *
 * @example
 * tableDisplay({ columns: ['категория', 'на_1000'], rows: [['гранты', 12.345], ['диалог', 3]] }).text
 * // 'категория  на_1000\n---------  -------\nгранты       12,35\nдиалог        3,00'
 */
export function tableDisplay(
  table: { columns: string[]; rows: unknown[][] },
  options: TableDisplayOptions = {},
): { html: string; text: string } {
  const { columns } = table;
  const shown = table.rows.slice(0, options.limit ?? 60);
  const more = table.rows.length - shown.length;
  const numeric = columns.map((_, k) => shown.some((r) => typeof r[k] === 'number') && shown.every((r) => isEmpty(r[k]) || typeof r[k] === 'number'));
  const fractional = columns.map((_, k) => numeric[k] && shown.some((r) => typeof r[k] === 'number' && !Number.isInteger(r[k]) && Number.isFinite(r[k])));
  const digits = columns.map((c) => columnDigits(c, options.digits));
  const cell = (v: unknown, k: number): string => {
    if (isEmpty(v)) return '';
    if (typeof v === 'number') return formatNumber(v, { locale: options.locale, digits: digits[k], fixed: fractional[k] });
    return String(v);
  };
  const align: Align[] = columns.map((_, k) => (numeric[k] ? 'right' : 'left'));
  const kwic = concordanceColumns(columns, options.concordance);
  if (kwic) {
    align[kwic[0]] = 'right';
    align[kwic[1]] = 'center';
    align[kwic[2]] = 'left';
  }
  const cells = shown.map((r) => columns.map((_, k) => cell(r[k], k)));
  const moreLine = more > 0 ? `… ещё ${ruCount(more, ['строка', 'строки', 'строк'])}` : '';
  const style = (k: number) => `text-align:${align[k]}` + (kwic && k === kwic[1] ? ';font-weight:bold' : '') + (kwic && (k === kwic[0] || k === kwic[2]) ? ';white-space:nowrap' : '');
  const html =
    '<table class="framelab-table"><thead><tr>' +
    columns.map((c, k) => `<th style="${style(k)}">${escapeHtml(c)}</th>`).join('') +
    '</tr></thead><tbody>' +
    cells.map((r) => '<tr>' + r.map((v, k) => `<td style="${style(k)}">${escapeHtml(v)}</td>`).join('') + '</tr>').join('') +
    '</tbody></table>' +
    (moreLine ? `<p>${moreLine}</p>` : '');
  const plain = cells.map((r) => r.map((v) => printable(v.replace(/\s+/gu, ' '))));
  return { html, text: alignedText(columns.map((c) => printable(c)), plain, align) + (moreLine ? `\n${moreLine}` : '') };
}

/** A p-value column by its name: `p`, `p_holm`, `fisher_p`, `p_Фишера`. */
const P_COLUMN = /^(p|p_.*|.*_p)$/u;

function columnDigits(column: string, digits: TableDisplayOptions['digits']): number {
  if (typeof digits === 'number') return digits;
  return digits?.[column] ?? (P_COLUMN.test(column) ? 3 : 2);
}

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (typeof v === 'number' && Number.isNaN(v));
}

function concordanceColumns(columns: string[], option: TableDisplayOptions['concordance']): [number, number, number] | undefined {
  if (option === false) return undefined;
  const names = option ?? ['left', 'match', 'right'];
  const idx = names.map((n) => columns.indexOf(n)) as [number, number, number];
  if (idx.some((i) => i < 0)) {
    if (option) throw new RangeError(`concordance columns ${names.map((n) => `"${n}"`).join(', ')} are not all in the table (${columns.join(', ')})`);
    return undefined;
  }
  return idx;
}
