import * as fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { FramelabError } from '../errors';
import { decodeText } from '../corpus/encoding';
import { readSideFile } from '../util/limits';
import { restoreFormulaCell } from '../util/csv-safe';
import { recordRead } from '../util/reads';
import { BOILERPLATE_COLUMN, KEY_COLUMNS, type Cell, type FrameTable } from './frame-table';

/**
 * Reads a count table that framelab wrote (`framelab count … --out counts.csv`, CSV or JSON) back
 * into a {@link FrameTable}, so that a corpus counted once on the command line is analysed in a
 * notebook without counting it again. The metadata fields are the columns between `doc` and
 * `paragraph`, the categories the columns after `matched` (their `_per_1k` rates are read as
 * rates, not categories). Counts are whole numbers, rates numbers, empty cells null, metadata
 * text. Paragraph texts are not in the file: `texts` holds empty strings.
 *
 * A file that is not a count table (a key column missing or out of order, a count that is not a
 * whole number, a row of the wrong length) is an error naming the file, and the line when there is one.
 *
 * @example
 * const table = readCountTable('results/counts.csv');
 * categoryTotals(table) // totals per document, as from countFrameRows
 */
export function readCountTable(file: string): FrameTable {
  const text = readText(file, 'the count table');
  const json = /^\s*\[/.test(text);
  const records: Records = json ? jsonRecords(text, file) : parseCsvSheet(text, file);
  if (records.header.length === 0) throw new FramelabError('empty file, not a count table', { file });
  const { header } = records;
  // boilerplate_of (a count that looked for boilerplate) stands between duplicate_of and matched
  const bp = header.indexOf(BOILERPLATE_COLUMN);
  const keyed = bp > 0 && header[bp - 1] === 'duplicate_of' ? header.filter((_, k) => k !== bp) : header;
  const at = KEY_COLUMNS.map((c) => keyed.indexOf(c));
  const missing = KEY_COLUMNS.filter((_, k) => at[k] < 0);
  if (missing.length) throw new FramelabError(`not a framelab count table: no column ${missing.map((c) => `"${c}"`).join(', ')}`, { file, line: json ? undefined : 1 });
  if (at[0] !== 0 || at.slice(1).some((p, k) => (k === 0 ? p < at[0] : p !== at[k] + 1))) {
    throw new FramelabError(`not a framelab count table: columns must run doc, [metadata…], ${KEY_COLUMNS.slice(1).join(', ')}, categories…`, { file, line: json ? undefined : 1 });
  }
  const meta = keyed.slice(1, at[1]);
  const after = keyed.slice(at[4] + 1);
  const rates = new Set(after.filter((c) => c.endsWith('_per_1k') && after.includes(c.slice(0, -'_per_1k'.length))));
  const categories = after.filter((c) => !rates.has(c));
  const whole = new Set(['paragraph', 'tokens', 'matched', BOILERPLATE_COLUMN, ...categories]);
  const rows: FrameTable['rows'] = [];
  for (const { line, values } of records.rows) {
    const row: Record<string, Cell> = {};
    header.forEach((c, k) => {
      const v = values[k];
      if (c === 'doc') row[c] = String(v ?? '');
      else if (meta.includes(c)) row[c] = v === '' || v === null || v === undefined ? null : typeof v === 'number' ? v : String(v);
      else row[c] = numberCell(v, c, whole.has(c), c !== 'duplicate_of' && c !== BOILERPLATE_COLUMN && !rates.has(c), { file, line });
    });
    rows.push(row);
  }
  return {
    columns: header,
    categories,
    rows,
    texts: rows.map(() => ''),
    meta,
  };
}

function numberCell(v: unknown, column: string, whole: boolean, required: boolean, where: { file: string; line?: number }): Cell {
  if (v === '' || v === null || v === undefined) {
    if (required) throw new FramelabError(`column "${column}" is empty; a count table has a number there`, where);
    return null;
  }
  const n = typeof v === 'number' ? v : Number(v);
  if (typeof v === 'string' && !/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(v.trim())) throw new FramelabError(`column "${column}": "${v}" is not a number`, where);
  if (!Number.isFinite(n) || (whole && !Number.isInteger(n)) || (whole && n < 0)) {
    throw new FramelabError(`column "${column}": "${String(v)}" is not ${whole ? 'a whole number ≥ 0' : 'a number'}`, where);
  }
  return n;
}

/** Rows of a table file with the line each starts on: text cells from CSV, JSON values from JSON. */
interface Records {
  header: string[];
  rows: Array<{ line?: number; values: unknown[] }>;
}

/** A CSV file as a header and rows of text, each row with the line it starts on. */
export interface CsvSheet {
  file: string;
  header: string[];
  rows: Array<{ line: number; values: string[] }>;
}

/**
 * Reads a CSV file a person may have edited: UTF-8 with or without the byte-order mark that
 * spreadsheet programs write, comma- or semicolon-separated (a Russian-locale spreadsheet saves
 * with `;`: the header line decides), quoted fields with line breaks. A row whose number of
 * fields differs from the header's is an error naming the file and line; so are invalid CSV and
 * a header that repeats a name.
 *
 * @example
 * readCsvSheet('results/counts.csv').header.slice(0, 2) // ['doc', 'paragraph']
 */
export function readCsvSheet(file: string): CsvSheet {
  const sheet = parseCsvSheet(readSheetText(file), file);
  // a sheet written with --safe-csv or sample --excel: the quote before a formula character goes
  return { ...sheet, header: sheet.header.map(restoreFormulaCell), rows: sheet.rows.map((r) => ({ ...r, values: r.values.map(restoreFormulaCell) })) };
}

/** A text file as UTF-8, without its byte-order mark; an error naming the file when it cannot be read. */
function readText(file: string, what?: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
    recordRead(file, 'table');
  } catch (err) {
    throw new FramelabError(`cannot read${what ? ` ${what}` : ''}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { file });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * A sheet a person edited: a regular file within the side-file size limit, its encoding detected
 * as a corpus file's is (a spreadsheet saves in Windows-1251 or UTF-16), without its byte-order mark.
 */
function readSheetText(file: string): string {
  const text = decodeText(readSideFile(file, 'sheet'), file).text;
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** CSV text as a sheet (see {@link readCsvSheet}), `file` naming it in errors. */
function parseCsvSheet(text: string, file: string): CsvSheet {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  let parsed: Array<{ record: string[]; info: { lines: number } }>;
  try {
    parsed = parse(text, { info: true, relax_column_count: true, delimiter, skip_empty_lines: true }) as unknown as typeof parsed;
  } catch (err) {
    const e = err as Error & { lines?: number };
    throw new FramelabError(`not valid CSV: ${e.message.replace(/^Invalid [^:]*: /, '')}`, { file, line: e.lines });
  }
  if (parsed.length === 0) return { file, header: [], rows: [] };
  const header = parsed[0].record;
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) throw new FramelabError(`the header names column "${name}" twice`, { file, line: 1 });
    seen.add(name);
  }
  // info.lines is the line a record ends on; a record starts after the previous one ended
  const rows = parsed.slice(1).map((p, i) => ({ line: parsed[i].info.lines + 1, values: p.record }));
  for (const r of rows) {
    if (r.values.length !== header.length) throw new FramelabError(`${r.values.length} fields where the header has ${header.length}`, { file, line: r.line });
  }
  return { file, header, rows };
}

function jsonRecords(text: string, file: string): Records {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new FramelabError(`not valid JSON: ${(err as Error).message}`, { file });
  }
  if (!Array.isArray(data) || data.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) {
    throw new FramelabError('a JSON count table is an array of row objects', { file });
  }
  const rows = data as Array<Record<string, unknown>>;
  if (rows.length === 0) throw new FramelabError('a JSON count table without rows has no columns to read', { file });
  const header = Object.keys(rows[0]);
  const key = header.join('\u0000');
  // JSON rows are one a line in framelab's output: row i is on line i + 2
  return {
    header,
    rows: rows.map((r, i) => {
      if (Object.keys(r).join('\u0000') !== key) throw new FramelabError(`row ${i + 1} has other fields than the first row (${Object.keys(r).join(', ')})`, { file, line: i + 2 });
      return { line: i + 2, values: header.map((c) => r[c]) };
    }),
  };
}
