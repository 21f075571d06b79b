import { FramelabError } from '../errors';
/**
 * The count table: one row per paragraph, its columns and the rate rule, in one place. Every path
 * that counts (in memory, streaming, worker threads) builds its rows here.
 */

/** A cell of a table: text, number, yes/no, or null for an empty cell. */
export type Cell = string | number | boolean | null;

/** The count table as plain rows: one per paragraph, in corpus order. */
export interface FrameTable {
  /** Column names in order: doc, metadata fields…, paragraph, tokens, duplicate_of, matched, categories…, rates… */
  columns: string[];
  /** Category names, in dictionary order. */
  categories: string[];
  rows: Array<Record<string, Cell>>;
  /** Each row's paragraph text (not a column; for display and reading). */
  texts: string[];
  /** Metadata fields carried as columns after `doc`. */
  meta?: string[];
  /** What the `tokens` column counts, the denominator of every rate (see {@link WordRule}); `all` when absent. */
  words?: WordRule;
}

/**
 * What counts as a word in the `tokens` column and so in every rate: `all` tokens, numbers
 * included, as quanteda's `ntoken` counts (the default); or only words holding a `letters`, so that
 * a date like 19.05.2008 (three number tokens) does not lower the rates.
 */
export type WordRule = 'all' | 'letters';

/** The word rules, for option checks. */
export const WORD_RULES: readonly WordRule[] = ['all', 'letters'];

/** The key columns of every count table, around the metadata fields. */
export const KEY_COLUMNS = ['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched'] as const;

/** Column names a category may not take. */
export const RESERVED_COLUMNS = [...KEY_COLUMNS, 'text'];

/**
 * Name of a category's rate column.
 *
 * @example
 * rateColumn('гранты') // 'гранты_per_1k'
 */
export function rateColumn(category: string): string {
  return `${category}_per_1k`;
}

/**
 * The rate rule: matches per 1000 words, or null for a paragraph (or part) without words, so
 * that an empty paragraph never reads as a rate of 0.
 *
 * @example
 * rate(2, 5) // 400
 * rate(0, 0) // null
 */
export function rate(count: number, words: number): number | null {
  return words > 0 ? (count * 1000) / words : null;
}

/** Options that shape the count table. */
export interface TableShape {
  /** Add `<category>_per_1k` columns. */
  rate?: boolean;
  /** Document fields to carry as columns after `doc` (`file` is the built-in source file). */
  meta?: readonly string[];
}

/**
 * The columns of a count table: `doc`, the metadata fields asked for, `paragraph`, `tokens`,
 * `duplicate_of`, `matched`, one per category, and with `rate` one rate per category.
 *
 * @example
 * countColumns(['гранты'], { rate: true, meta: ['date'] })
 * // ['doc', 'date', 'paragraph', 'tokens', 'duplicate_of', 'matched', 'гранты', 'гранты_per_1k']
 */
export function countColumns(categories: readonly string[], shape: TableShape = {}): string[] {
  // a document field named like a column (tokens, a category) would give two columns one name, and one would hide the other
  for (const field of shape.meta ?? []) {
    if ((KEY_COLUMNS as readonly string[]).includes(field) || categories.includes(field) || (shape.rate && categories.some((c) => rateColumn(c) === field))) {
      throw new FramelabError(`the document field "${field}" has the name of a column of the count table (${categories.includes(field) ? 'a category of the dictionary' : 'a built-in column'}); rename the field or the category, or leave the field out of --meta`);
    }
  }
  return ['doc', ...(shape.meta ?? []), 'paragraph', 'tokens', 'duplicate_of', 'matched', ...categories, ...(shape.rate ? categories.map(rateColumn) : [])];
}

/** A document as the table needs it: its id and the fields it can show. */
export interface TableDocument {
  id: string;
  meta: Record<string, unknown>;
  /** The built-in `file` field. */
  file?: string;
}

/** A metadata value as a cell: text and numbers as they are, other values as JSON, missing as empty. */
export function metaCell(doc: TableDocument, field: string): Cell {
  const v = Object.prototype.hasOwnProperty.call(doc.meta, field) ? doc.meta[field] : field === 'file' ? doc.file : undefined;
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Whether a document has a field (its own, or the built-in `file`). */
export function hasField(doc: TableDocument, field: string): boolean {
  return Object.prototype.hasOwnProperty.call(doc.meta, field) || (field === 'file' && doc.file !== undefined);
}

/**
 * Counted paragraphs in compact form, as the counting engine returns them: per paragraph
 * `width` numbers — document (index into `docs`), paragraph number, words, duplicate_of (-1 for
 * none), matched, then one count per category.
 */
export interface CountedRows {
  docs: TableDocument[];
  data: Int32Array;
  rows: number;
  width: number;
  /** Paragraph texts, when asked for. */
  texts?: string[];
}

/** Per-row layout of {@link CountedRows.data}. */
export const ROW = { doc: 0, paragraph: 1, tokens: 2, duplicateOf: 3, matched: 4, counts: 5 } as const;

/**
 * The rows of a count table from counted paragraphs.
 *
 * @example
 * // counted: what countCorpus gave onRows for a.jsonl, one document "a": 'Гранты и снова гранты тут'
 * tableRows(counted, ['гранты'], { rate: true })[0]
 * // { doc: 'a', paragraph: 0, tokens: 5, duplicate_of: null, matched: 2, гранты: 2, гранты_per_1k: 400 }
 */
export function tableRows(counted: CountedRows, categories: readonly string[], shape: TableShape = {}): Array<Record<string, Cell>> {
  const out: Array<Record<string, Cell>> = [];
  const { data, width } = counted;
  for (let r = 0; r < counted.rows; r++) {
    const o = r * width;
    const doc = counted.docs[data[o + ROW.doc]];
    const row: Record<string, Cell> = { doc: doc.id };
    for (const m of shape.meta ?? []) row[m] = metaCell(doc, m);
    const tokens = data[o + ROW.tokens];
    row.paragraph = data[o + ROW.paragraph];
    row.tokens = tokens;
    row.duplicate_of = data[o + ROW.duplicateOf] < 0 ? null : data[o + ROW.duplicateOf];
    row.matched = data[o + ROW.matched];
    for (let k = 0; k < categories.length; k++) row[categories[k]] = data[o + ROW.counts + k];
    if (shape.rate) for (let k = 0; k < categories.length; k++) row[rateColumn(categories[k])] = rate(data[o + ROW.counts + k], tokens);
    out.push(row);
  }
  return out;
}
