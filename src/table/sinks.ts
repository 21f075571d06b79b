/**
 * Where a count's rows go. The counting engine hands every sink the same thing — the table's
 * shape once, then counted paragraphs batch by batch in corpus order — and the sink makes of them
 * a table in memory, CSV or JSON text, a Parquet file or a DataFrame. Every row of every format
 * comes from {@link rowCells}.
 */
import type { DataFrame } from 'danfojs-node';
import { countColumns, rate, rateColumn, ROW, rowCells, tableRows, type Cell, type CountedRows, type FrameTable, type TableShape, type WordRule } from './frame-table';
import { csvField, csvRecord, formatCell } from './format';
import { ParquetWriter, type ColumnSpec } from './parquet';
import { toDataFrame } from './dataframe';
import { grown } from '../util/arrays';

/** What a sink learns before the first rows. */
export interface TableHead {
  /** Category names, in dictionary order. */
  categories: string[];
  /** Rates, the metadata fields (resolved), the boilerplate column. */
  shape: TableShape & { meta: string[] };
  /** What the `tokens` column counts. */
  words: WordRule;
}

/**
 * A destination of counted rows: `start` once before any rows (with the resolved metadata fields),
 * `rows` per batch in corpus order, then `end`, whose value the count returns; `abort` when the
 * count fails after `start`.
 */
export interface RowSink<T> {
  start(head: TableHead): void;
  rows(counted: CountedRows): void;
  end(): T;
  abort?(): void;
}

/**
 * Columns a count adds to each batch's table after the counts (a model's probabilities, say):
 * their names, for the header written before any batch, and the function that adds them to a
 * batch (whose `texts` are kept for it).
 */
export interface TableExtension {
  columns: readonly string[];
  add(table: FrameTable): FrameTable;
}

/**
 * Collects the rows into a {@link FrameTable} (with the paragraphs' texts when the count kept them).
 *
 * @example
 * const { result: table } = await countRows(['corpus.jsonl'], loadDictionary(), tableSink(), { texts: true });
 * table.columns.slice(0, 5) // ['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched']
 */
export function tableSink(): RowSink<FrameTable> {
  let head: TableHead | undefined;
  const rows: FrameTable['rows'] = [];
  const texts: string[] = [];
  return {
    start(h) {
      head = h;
    },
    rows(counted) {
      for (const row of tableRows(counted, head!.categories, head!.shape)) rows.push(row);
      if (counted.texts) for (const t of counted.texts) texts.push(t);
    },
    end() {
      const h = head!;
      return { columns: countColumns(h.categories, h.shape), categories: h.categories, rows, texts, meta: h.shape.meta, words: h.words };
    },
  };
}

/**
 * Collects the rows into a danfojs DataFrame (see `toDataFrame`; empty cells are NaN).
 *
 * @example
 * const { result: df } = await countRows(['corpus.jsonl'], loadDictionary(), dataFrameSink());
 * df.column('гранты').sum()
 */
export function dataFrameSink(): RowSink<DataFrame> {
  const table = tableSink();
  return { start: table.start, rows: table.rows, end: () => toDataFrame(table.end()) };
}

/** One CSV record of cells: numbers as {@link formatCell} writes them, text quoted when it must be. */
function csvCells(cells: readonly Cell[], from: number, to: number): string {
  let line = '';
  for (let k = from; k < to; k++) {
    if (k > from) line += ',';
    const v = cells[k];
    if (v === null) continue;
    if (typeof v === 'number') line += Number.isInteger(v) ? String(v) : formatCell(v);
    else line += csvField(formatCell(v));
  }
  return line;
}

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8');

/**
 * The CSV text of a batch of counted rows, written byte by byte into a buffer kept between
 * batches: the same text as {@link csvCells} of each row's {@link rowCells}, without a string per
 * cell and row (those were a third of a count's allocations). A document's id and fields are
 * written as text once per document.
 */
class CsvRows {
  private buf = new Uint8Array(1 << 16);
  private n = 0;

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    this.buf = grown(this.buf, this.n + k);
  }

  /** A whole number in decimal (as `String` writes it). */
  private int(v: number): void {
    this.room(24);
    const b = this.buf;
    if (v < 0) {
      b[this.n++] = 0x2d;
      v = -v;
    }
    const start = this.n;
    do {
      const q = Math.floor(v / 10);
      b[this.n++] = 0x30 + (v - 10 * q);
      v = q;
    } while (v > 0);
    for (let i = start, j = this.n - 1; i < j; i++, j--) {
      const t = b[i];
      b[i] = b[j];
      b[j] = t;
    }
  }

  /** A comma, then a cell as csvCells writes it: nothing for null, a number in decimal. */
  private cell(v: number | null): void {
    this.room(1);
    this.buf[this.n++] = 0x2c;
    if (v === null) return;
    if (Number.isInteger(v) && Math.abs(v) < 2 ** 52) return this.int(v);
    const text = formatCell(v);
    this.room(text.length);
    for (let i = 0; i < text.length; i++) this.buf[this.n++] = text.charCodeAt(i); // digits, '.', '-', 'e', '+'
  }

  /** The CSV lines of a batch's rows, as text. */
  batch(counted: CountedRows, categories: readonly string[], shape: TableShape & { meta: string[] }, lead: number, cells: Cell[]): string {
    const n = this.fill(counted, categories, shape, lead, cells);
    return n === 0 ? '' : fromUtf8.decode(this.buf.subarray(0, n));
  }

  /** The CSV lines of a batch's rows, as UTF-8 bytes: a view of this writer's buffer, valid until its next batch. */
  bytes(counted: CountedRows, categories: readonly string[], shape: TableShape & { meta: string[] }, lead: number, cells: Cell[]): Uint8Array {
    // filled first: the buffer may grow while the rows are written
    const n = this.fill(counted, categories, shape, lead, cells);
    return this.buf.subarray(0, n);
  }

  /** Writes the CSV lines of a batch's rows into the buffer; their length in bytes. */
  private fill(counted: CountedRows, categories: readonly string[], shape: TableShape & { meta: string[] }, lead: number, cells: Cell[]): number {
    const { data, width } = counted;
    const nc = categories.length;
    let lastDoc = -1;
    let prefix = new Uint8Array(0);
    this.n = 0;
    for (let r = 0; r < counted.rows; r++) {
      const o = r * width;
      const d = data[o + ROW.doc];
      if (d !== lastDoc) {
        rowCells(counted, r, categories, shape, cells);
        prefix = utf8.encode(csvCells(cells, 0, lead));
        lastDoc = d;
      }
      this.room(prefix.length);
      this.buf.set(prefix, this.n);
      this.n += prefix.length;
      const tokens = data[o + ROW.tokens];
      this.cell(data[o + ROW.paragraph]);
      this.cell(tokens);
      const dup = data[o + ROW.duplicateOf];
      this.cell(dup < 0 ? null : dup);
      if (shape.boilerplate) {
        const bp = counted.boilerplateOf ? counted.boilerplateOf[r] : -1;
        this.cell(bp < 0 ? null : bp);
      }
      this.cell(data[o + ROW.matched]);
      for (let c = 0; c < nc; c++) this.cell(data[o + ROW.counts + c]);
      if (shape.rate) for (let c = 0; c < nc; c++) this.cell(rate(data[o + ROW.counts + c], tokens));
      this.room(2);
      this.buf[this.n++] = 0x0d;
      this.buf[this.n++] = 0x0a;
    }
    return this.n;
  }
}

/** One JSON object of cells, keys in column order, non-whole numbers rounded as {@link formatCell} rounds them. */
function jsonCells(keys: readonly string[], cells: readonly Cell[]): string {
  let line = '{';
  for (let k = 0; k < keys.length; k++) {
    const v = cells[k] ?? null;
    line += (k > 0 ? ',' : '') + keys[k] + ':' + JSON.stringify(typeof v === 'number' && !Number.isInteger(v) ? Number(formatCell(v)) : v);
  }
  return line + '}';
}

/**
 * Writes the rows as text to `write`, piece by piece in corpus order: CSV (RFC 4180, a header
 * first, CRLF line ends) or a JSON array of row objects, one a line — the same text as `toCsv` and
 * `toJson` of the collected table. With `extend`, each batch's table gets the extension's columns.
 * With `bytes`, a batch of CSV rows reaches `write` as its UTF-8 bytes (a view valid only during
 * the call, which must write or copy it), not decoded into a string that a file writer would
 * encode again: 32 MiB of CSV each way on the 100 MiB bench.
 *
 * @example
 * const chunks: string[] = [];
 * await countRows(['corpus.jsonl'], loadDictionary(), textSink((s) => chunks.push(s), 'csv'));
 * chunks.join('').split('\r\n')[0].split(',').slice(0, 5) // ['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched']
 */
export function textSink(write: (chunk: string) => void, format: 'csv' | 'json', extend?: TableExtension): RowSink<void>;
export function textSink(write: (chunk: string | Uint8Array) => void, format: 'csv' | 'json', extend: TableExtension | undefined, bytes: true): RowSink<void>;
export function textSink(to: ((chunk: string) => void) | ((chunk: string | Uint8Array) => void), format: 'csv' | 'json', extend?: TableExtension, bytes = false): RowSink<void> {
  // bytes are written only with `bytes`, which the overloads give only a writer that takes them
  const write = to as (chunk: string | Uint8Array) => void;
  let head: TableHead | undefined;
  let keys: string[] = [];
  let lead = 1;
  let wrote = false;
  const cells: Cell[] = [];
  const csv = new CsvRows();
  const rowText = (cellsOfRow: readonly Cell[], prefix: string | null): string => {
    if (format === 'csv') return (prefix === null ? csvCells(cellsOfRow, 0, cellsOfRow.length) : prefix + ',' + csvCells(cellsOfRow, lead, cellsOfRow.length)) + '\r\n';
    const line = (wrote ? ',\n' : '\n') + jsonCells(keys, cellsOfRow);
    wrote = true;
    return line;
  };
  return {
    start(h) {
      head = h;
      const columns = [...countColumns(h.categories, h.shape), ...(extend?.columns ?? [])];
      keys = columns.map((c) => JSON.stringify(c));
      lead = 1 + h.shape.meta.length;
      write(format === 'csv' ? csvRecord(columns) : '[');
    },
    rows(counted) {
      const { categories, shape } = head!;
      let out = '';
      if (extend) {
        if (counted.rows === 0) return;
        const table = extend.add({ columns: countColumns(categories, shape), categories, rows: tableRows(counted, categories, shape), texts: counted.texts ?? [] });
        for (const row of table.rows) out += rowText(table.columns.map((c) => row[c] ?? null), null);
      } else {
        if (format === 'csv') {
          const chunk = bytes ? csv.bytes(counted, categories, shape, lead, cells) : csv.batch(counted, categories, shape, lead, cells);
          if (chunk.length > 0) write(chunk);
          return;
        }
        for (let r = 0; r < counted.rows; r++) {
          rowCells(counted, r, categories, shape, cells);
          out += rowText(cells, null);
        }
      }
      if (out) write(out);
    },
    end() {
      if (format === 'json') write(wrote ? '\n]\n' : ']\n');
    },
  };
}

/**
 * The Parquet type of a count-table column, from the schema, never from the values: text for
 * `doc` and metadata, doubles for rates, integers for the rest (`duplicate_of` and
 * `boilerplate_of` too, empty or not).
 *
 * @example
 * countColumnTypes(['гранты'], { rate: true, meta: ['date'], boilerplate: true }).map((c) => c.type)
 * // ['text', 'text', 'integer', 'integer', 'integer', 'integer', 'integer', 'integer', 'double']
 */
export function countColumnTypes(categories: readonly string[], shape: TableShape): ColumnSpec[] {
  const rates = new Set(shape.rate ? categories.map((c) => rateColumn(c)) : []);
  const text = new Set(['doc', ...(shape.meta ?? [])]);
  return countColumns(categories, shape).map((name) => ({ name, type: text.has(name) ? 'text' : rates.has(name) ? 'double' : 'integer' }));
}

/**
 * Writes the rows as a Parquet file (atomically) when the count ends: whole numbers as integers,
 * rates as doubles, `doc` and metadata as text. The counted rows are held in compact form (a few
 * bytes a number) until then.
 *
 * @example
 * await countRows(['data/news-sample'], loadDictionary(), parquetSink('counts.parquet'), { idField: 'url', meta: ['date'] });
 */
export function parquetSink(file: string): RowSink<Promise<number>> {
  let head: TableHead | undefined;
  const batches: CountedRows[] = [];
  return {
    start(h) {
      head = h;
    },
    rows(counted) {
      batches.push(counted);
    },
    async end() {
      const { categories, shape } = head!;
      const writer = await ParquetWriter.open(file, countColumnTypes(categories, shape));
      try {
        for (const c of batches) for (const row of tableRows(c, categories, shape)) writer.append(row);
      } catch (err) {
        writer.abort();
        throw err;
      }
      return writer.commit();
    },
  };
}
