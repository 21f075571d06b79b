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

/** The column of a count table whose paragraphs were checked for boilerplate (`TableShape.boilerplate`): it stands right after `duplicate_of`. */
export const BOILERPLATE_COLUMN = 'boilerplate_of';

/** Column names a category may not take. */
export const RESERVED_COLUMNS = [...KEY_COLUMNS, BOILERPLATE_COLUMN, 'text'];

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
  /** Add the `boilerplate_of` column after `duplicate_of`: the run looked for boilerplate (`boilerplateMin`). */
  boilerplate?: boolean;
}

/**
 * The columns of a count table: `doc`, the metadata fields asked for, `paragraph`, `tokens`,
 * `duplicate_of`, with `boilerplate` `boilerplate_of`, `matched`, one per category, and with
 * `rate` one rate per category.
 *
 * @example
 * countColumns(['гранты'], { rate: true, meta: ['date'] })
 * // ['doc', 'date', 'paragraph', 'tokens', 'duplicate_of', 'matched', 'гранты', 'гранты_per_1k']
 * countColumns(['гранты'], { boilerplate: true })
 * // ['doc', 'paragraph', 'tokens', 'duplicate_of', 'boilerplate_of', 'matched', 'гранты']
 */
export function countColumns(categories: readonly string[], shape: TableShape = {}): string[] {
  // a document field named like a column (tokens, a category) would give two columns one name, and one would hide the other
  for (const field of shape.meta ?? []) {
    if ((KEY_COLUMNS as readonly string[]).includes(field) || (shape.boilerplate && field === BOILERPLATE_COLUMN) || categories.includes(field) || (shape.rate && categories.some((c) => rateColumn(c) === field))) {
      throw new FramelabError(`the document field "${field}" has the name of a column of the count table (${categories.includes(field) ? 'a category of the dictionary' : 'a built-in column'}); rename the field or the category, or leave the field out of --meta`);
    }
  }
  return ['doc', ...(shape.meta ?? []), 'paragraph', 'tokens', 'duplicate_of', ...(shape.boilerplate ? [BOILERPLATE_COLUMN] : []), 'matched', ...categories, ...(shape.rate ? categories.map(rateColumn) : [])];
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
  /** Per row, the boilerplate item the paragraph is (-1 for none), when the run looked for boilerplate. */
  boilerplateOf?: Int32Array;
}

/** Per-row layout of {@link CountedRows.data}. */
export const ROW = { doc: 0, paragraph: 1, tokens: 2, duplicateOf: 3, matched: 4, counts: 5 } as const;

/**
 * Row `r` of counted paragraphs as cells in the order of {@link countColumns}, written into `out`
 * (which it returns): the one place where a counted paragraph becomes a row, for every format
 * (rows, CSV, JSON, Parquet, DataFrame). Empty cells (no duplicate, no boilerplate, a rate without
 * words) are null.
 *
 * @example
 * // counted: what countCorpus gave its sink for a.jsonl, one document "a": 'Гранты и снова гранты тут'
 * rowCells(counted, 0, ['гранты'], { rate: true }, [])
 * // ['a', 0, 5, null, 2, 2, 400]
 */
export function rowCells(counted: CountedRows, r: number, categories: readonly string[], shape: TableShape, out: Cell[]): Cell[] {
  const { data, width } = counted;
  const o = r * width;
  const doc = counted.docs[data[o + ROW.doc]];
  let k = 0;
  out[k++] = doc.id;
  for (const m of shape.meta ?? []) out[k++] = metaCell(doc, m);
  const tokens = data[o + ROW.tokens];
  out[k++] = data[o + ROW.paragraph];
  out[k++] = tokens;
  const dup = data[o + ROW.duplicateOf];
  out[k++] = dup < 0 ? null : dup;
  if (shape.boilerplate) {
    const b = counted.boilerplateOf ? counted.boilerplateOf[r] : -1;
    out[k++] = b < 0 ? null : b;
  }
  out[k++] = data[o + ROW.matched];
  const nc = categories.length;
  for (let c = 0; c < nc; c++) out[k++] = data[o + ROW.counts + c];
  if (shape.rate) for (let c = 0; c < nc; c++) out[k++] = rate(data[o + ROW.counts + c], tokens);
  out.length = k;
  return out;
}

/**
 * The rows of a count table from counted paragraphs (see {@link rowCells}).
 *
 * @example
 * // counted: what countCorpus gave its sink for a.jsonl, one document "a": 'Гранты и снова гранты тут'
 * tableRows(counted, ['гранты'], { rate: true })[0]
 * // { doc: 'a', paragraph: 0, tokens: 5, duplicate_of: null, matched: 2, гранты: 2, гранты_per_1k: 400 }
 */
export function tableRows(counted: CountedRows, categories: readonly string[], shape: TableShape = {}): Array<Record<string, Cell>> {
  const columns = countColumns(categories, shape);
  const out: Array<Record<string, Cell>> = [];
  const cells: Cell[] = [];
  for (let r = 0; r < counted.rows; r++) {
    rowCells(counted, r, categories, shape, cells);
    const row: Record<string, Cell> = {};
    for (let k = 0; k < columns.length; k++) row[columns[k]] = cells[k];
    out.push(row);
  }
  return out;
}

/**
 * The metadata-field rule of every count: `all` is the fields of the first document (and `file`);
 * a field asked for must stand in some document, else the count fails with one message. Rows are
 * held back (`push`) until every field has been seen, so that nothing is written before the rule
 * holds; `onStart` then gets the fields, and `onRows` the rows, in order.
 */
export class MetaFields {
  private held: CountedRows[] = [];
  private missing: Set<string>;
  private fields: string[] | null;
  private open = false;

  constructor(
    meta: readonly string[] | 'all' | undefined,
    private readonly onRows: (rows: CountedRows) => void,
    private readonly onStart: (meta: string[]) => void,
  ) {
    this.fields = meta === 'all' ? null : [...(meta ?? [])];
    this.missing = new Set(this.fields ?? []);
  }

  /** Rows counted, in corpus order. */
  push(rows: CountedRows): void {
    if (this.open) {
      this.onRows(rows);
      return;
    }
    for (const d of rows.docs) {
      if (this.fields === null) {
        this.fields = [...Object.keys(d.meta), ...(Object.prototype.hasOwnProperty.call(d.meta, 'file') ? [] : ['file'])];
        this.missing.clear();
      }
      for (const f of this.missing) if (hasField(d, f)) this.missing.delete(f);
    }
    this.held.push(rows);
    if (this.fields !== null && this.missing.size === 0) this.release();
  }

  private release(): void {
    this.open = true;
    this.onStart(this.fields ?? []);
    for (const r of this.held.splice(0)) this.onRows(r);
  }

  /** No more rows: a field no document had is an error. */
  end(): void {
    if (this.open) return;
    if (this.missing.size > 0) {
      const names = [...this.missing];
      throw new FramelabError(`no document has the field${names.length > 1 ? 's' : ''} ${names.map((n) => `"${n}"`).join(', ')}; check the spelling or the file's columns`);
    }
    this.release();
  }
}
