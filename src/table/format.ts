import { printable } from '../util/printable';
import { guardingCsvFormulas, neutralizeFormulaCell } from '../util/csv-safe';
import type { Cell, FrameTable } from './frame-table';

/** Output formats of the command line. */
export type TableFormat = 'csv' | 'json' | 'table';

/**
 * A cell as text: empty for null and NaN, numbers with at most four decimals (so that
 * floating-point noise never reaches a file) or, below 0.0001, four significant digits; text as is.
 *
 * @example
 * formatCell(1000 / 3) // '333.3333'
 * formatCell(1.5239706e-23) // '1.524e-23'
 * formatCell(null)     // ''
 */
export function formatCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return '';
    if (Number.isInteger(value)) return String(value);
    // tiny values (p-values) keep four significant digits instead of rounding to 0
    if (Math.abs(value) < 1e-4) return value.toPrecision(4);
    return String(Number(value.toFixed(4)));
  }
  return value;
}

/**
 * The table as RFC 4180 CSV: a header record, CRLF line ends, fields quoted when they hold a
 * comma, quote or line break. UTF-8 without BOM when written to a file.
 *
 * @example
 * toCsv({ columns: ['doc', 'n'], rows: [{ doc: 'a,b', n: 1 }] }) // 'doc,n\r\n"a,b",1\r\n'
 */
export function toCsv(table: Pick<FrameTable, 'columns' | 'rows'>): string {
  let out = csvRecord(table.columns);
  for (const r of table.rows) out += csvRecord(table.columns.map((c) => formatCell(r[c] ?? null)));
  return out;
}

const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One CSV field, quoted (quotes doubled) when it holds a comma, a quote or a line break, and
 * guarded against formulas under `--safe-csv`.
 *
 * @example
 * csvField('a,b') // '"a,b"'
 */
export function csvField(f: string): string {
  if (guardingCsvFormulas()) f = neutralizeFormulaCell(f); // --safe-csv, sample --excel
  return NEEDS_QUOTES.test(f) ? `"${f.replace(/"/g, '""')}"` : f;
}

/**
 * One RFC 4180 record: fields joined with commas, a field quoted (quotes doubled) when it holds a
 * comma, a quote or a line break; CRLF at the end.
 *
 * @example
 * csvRecord(['a,b', 'он сказал "да"', '3']) // '"a,b","он сказал ""да""",3\r\n'
 */
export function csvRecord(fields: readonly string[]): string {
  let line = '';
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += ',';
    line += csvField(fields[i]);
  }
  return line + '\r\n';
}

/**
 * The table as a JSON array of row objects (null for empty cells), one row a line.
 *
 * @example
 * toJson({ columns: ['doc', 'n'], rows: [{ doc: 'a', n: 1 }] }) // '[\n{"doc":"a","n":1}\n]\n'
 */
export function toJson(table: Pick<FrameTable, 'columns' | 'rows'>): string {
  const lines = table.rows.map((r) =>
    JSON.stringify(Object.fromEntries(table.columns.map((c) => {
      const v = r[c] ?? null;
      return [c, typeof v === 'number' && !Number.isInteger(v) ? Number(formatCell(v)) : v];
    }))),
  );
  return lines.length ? `[\n${lines.join(',\n')}\n]\n` : '[]\n';
}

/**
 * The table aligned for a terminal: numbers right-aligned, with a `text` column holding the
 * paragraph's first words when the table carries texts. Control characters in cells are shown
 * escaped (see `printable`), so that text from a corpus cannot act on the terminal.
 *
 * @example
 * toTextTable({ columns: ['doc', 'n'], rows: [{ doc: 'a', n: 12 }] }) // 'doc   n\n---  --\na    12\n'
 */
export function toTextTable(table: Pick<FrameTable, 'columns' | 'rows'> & { texts?: string[] }, excerpt = 48): string {
  const columns = table.texts ? [...table.columns, 'text'] : table.columns;
  const cells = table.rows.map((r, i) =>
    columns.map((c) => printable(c === 'text' && table.texts ? shorten(table.texts[i], excerpt) : formatCell(r[c] ?? null))),
  );
  const align = columns.map((c): Align => (c !== 'text' && table.rows.every((r) => r[c] === null || typeof r[c] === 'number') ? 'right' : 'left'));
  // the header too: category names and document fields come from the user's files
  return alignedText(columns.map(printable), cells, align) + '\n';
}

/** How a column's cells line up in a text table. */
export type Align = 'left' | 'right' | 'center';

/**
 * Cells as a text table: a header, a rule of dashes, the rows, each column padded to its widest
 * cell (counted in characters, not UTF-16 units) and aligned as asked, two spaces between
 * columns, no trailing spaces. Cells are written as given: escape them first. The one layout of
 * the command line's text tables ({@link toTextTable}) and of notebook tables (`tableDisplay`).
 */
export function alignedText(columns: readonly string[], cells: readonly (readonly string[])[], align: readonly Align[]): string {
  const rows = [columns, ...cells];
  const widths = columns.map((_, k) => rows.reduce((w, r) => Math.max(w, [...r[k]].length), 0));
  const pad = (v: string, k: number) => {
    const gap = widths[k] - [...v].length;
    if (align[k] === 'right') return ' '.repeat(gap) + v;
    if (align[k] === 'center') return ' '.repeat(Math.floor(gap / 2)) + v + ' '.repeat(gap - Math.floor(gap / 2));
    return v + ' '.repeat(gap);
  };
  const line = (r: readonly string[]) => r.map(pad).join('  ').trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/gu, ' ');
  return [...flat].length <= max ? flat : [...flat].slice(0, max - 1).join('') + '…';
}

/**
 * Renders the table in one of the command line's formats.
 *
 * @example
 * formatTable(table, 'csv').split('\r\n')[0].split(',').slice(0, 5)
 * // ['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched']
 */
export function formatTable(table: FrameTable, format: TableFormat): string {
  if (format === 'json') return toJson(table);
  if (format === 'table') return toTextTable(table);
  return toCsv(table);
}
