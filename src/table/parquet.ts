import * as fs from 'node:fs';
import { FramelabError } from '../errors';
import type { Cell } from './frame-table';
import { limit, limitHint } from '../util/limits';
import { outputTarget, removeOnSignal, removeStaleTemps, scratchPath, tempPathFor } from '../util/output';

/** The type of a Parquet column. */
export type ColumnType = 'integer' | 'double' | 'text';

/** A column of a table to write. */
export interface ColumnSpec {
  name: string;
  type: ColumnType;
}

const SQL_TYPES: Record<ColumnType, string> = { integer: 'BIGINT', double: 'DOUBLE', text: 'VARCHAR' };

const quoteId = (name: string) => `"${name.replace(/"/g, '""')}"`;
const quoteString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The type each column's values call for: whole numbers, numbers, or text (a column mixing numbers and text is text). */
export function inferTypes(columns: readonly string[], rows: ReadonlyArray<Record<string, Cell>>): ColumnSpec[] {
  return columns.map((name) => {
    let type: ColumnType = 'integer';
    let seen = false;
    for (const r of rows) {
      const v = r[name];
      if (v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v))) continue;
      seen = true;
      if (typeof v !== 'number') {
        type = 'text';
        break;
      }
      if (!Number.isSafeInteger(v)) type = 'double';
    }
    return { name, type: seen ? type : 'text' };
  });
}

/**
 * Writes a table as a Parquet file through DuckDB's Node API (loaded only here), so that pandas,
 * R, Polars, DuckDB and Spark read it with its column types. Rows are appended as they come; the
 * file is written to a temporary name beside the target and renamed when complete, so that an
 * error never leaves a partial file. Empty cells are nulls.
 *
 * @example
 * const w = await ParquetWriter.open('counts.parquet', [{ name: 'doc', type: 'text' }, { name: 'tokens', type: 'integer' }]);
 * w.append({ doc: 'a', tokens: 12 });
 * await w.commit();
 */
export class ParquetWriter {
  private rows = 0;

  private constructor(
    private readonly file: string,
    private readonly columns: readonly ColumnSpec[],
    private readonly connection: import('@duckdb/node-api').DuckDBConnection,
    private readonly appender: import('@duckdb/node-api').DuckDBAppender,
  ) {}

  /** Opens an in-memory DuckDB table for the columns. */
  static async open(file: string, columns: readonly ColumnSpec[]): Promise<ParquetWriter> {
    if (columns.length === 0) throw new FramelabError('a Parquet file needs at least one column');
    if (columns.length > limit('parquetColumns')) {
      throw new FramelabError(`${columns.length} columns are too many for a Parquet file (${limitHint('parquetColumns')}), or write CSV`, { file });
    }
    const names = new Set<string>();
    for (const c of columns) {
      if (names.has(c.name)) throw new FramelabError(`two columns are named "${c.name}"; Parquet needs distinct names`, { file });
      names.add(c.name);
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { DuckDBInstance } = require('@duckdb/node-api') as typeof import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`CREATE TABLE t (${columns.map((c) => `${quoteId(c.name)} ${SQL_TYPES[c.type]}`).join(', ')})`);
    const appender = await connection.createAppender('t');
    return new ParquetWriter(file, columns, connection, appender);
  }

  /** Adds one row (cells by column name). */
  append(row: Record<string, Cell>): void {
    const a = this.appender;
    for (const c of this.columns) {
      const v = row[c.name];
      if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) a.appendNull();
      else if (c.type === 'text') a.appendVarchar(String(v));
      else if (c.type === 'integer') a.appendBigInt(BigInt(v as number));
      else a.appendDouble(Number(v));
    }
    a.endRow();
    this.rows++;
  }

  /** Writes the file (atomically) and closes the table. */
  async commit(): Promise<number> {
    this.appender.flushSync();
    this.appender.closeSync();
    const target = outputTarget(this.file);
    // a device or FIFO is written directly from a scratch file; a regular file gets its temporary file beside it
    const tmp = target.mode === 'direct' ? scratchPath('.parquet') : tempPathFor(target.file, '.parquet');
    if (target.mode === 'atomic') removeStaleTemps(target.file);
    const forget = removeOnSignal(tmp, this.file);
    try {
      await this.connection.run(`COPY t TO ${quoteString(tmp)} (FORMAT parquet, COMPRESSION zstd)`);
      if (target.mode === 'direct') fs.writeFileSync(target.file, fs.readFileSync(tmp));
      else fs.renameSync(tmp, target.file);
    } catch (err) {
      throw new FramelabError(`cannot write the Parquet file: ${(err as Error).message.split('\n')[0]}`, { file: this.file });
    } finally {
      fs.rmSync(tmp, { force: true });
      forget();
      this.connection.closeSync();
    }
    return this.rows;
  }

  /** Drops the table without writing anything. */
  abort(): void {
    try {
      this.appender.closeSync();
    } catch {
      // already closed
    }
    this.connection.closeSync();
  }
}

/**
 * The column types of a table from its schema: the types declared for some columns, and `double`
 * for every other column unless `text` lists it. Never read from the values, so that a numeric
 * column that happens to be empty (every p-value null) stays numeric.
 *
 * @example
 * schemaTypes(['outlet', 'documents', 'p'], { text: ['outlet'], integer: ['documents'] })
 * // [{ name: 'outlet', type: 'text' }, { name: 'documents', type: 'integer' }, { name: 'p', type: 'double' }]
 */
export function schemaTypes(columns: readonly string[], schema: { text?: readonly string[]; integer?: readonly string[] }): ColumnSpec[] {
  const text = new Set(schema.text ?? []);
  const integer = new Set(schema.integer ?? []);
  return columns.map((name) => ({ name, type: text.has(name) ? 'text' : integer.has(name) ? 'integer' : 'double' }));
}

/**
 * Writes a whole table as Parquet: column types from `types` (see {@link schemaTypes}) when
 * given, else inferred from the values (see `inferTypes`).
 *
 * @example
 * await writeParquet(countFrameRows(corpus, dict), 'counts.parquet');
 */
export async function writeParquet(table: { columns: string[]; rows: ReadonlyArray<Record<string, Cell>> }, file: string, types?: ColumnSpec[]): Promise<number> {
  const w = await ParquetWriter.open(file, types ?? inferTypes(table.columns, table.rows));
  try {
    for (const r of table.rows) w.append(r);
  } catch (err) {
    w.abort();
    throw err;
  }
  return w.commit();
}
