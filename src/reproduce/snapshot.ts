import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { writeFileAtomic } from '../util/atomic';
import { makeDir } from '../util/output';
import { filesUnder } from './manifest';

/** One difference between a snapshot table and a fresh one. */
export interface TableDifference {
  /** Path relative to the snapshot folder (`02-framing/counts.csv`). */
  file: string;
  /** What differs, in one line. */
  message: string;
}

/**
 * All CSV files under a folder, as sorted paths relative to it.
 *
 * @example
 * listTables('results') // ['counts.csv']
 */
export function listTables(dir: string): string[] {
  return filesUnder(dir, '.', (name) => name.endsWith('.csv'));
}

/**
 * Compares two CSV texts cell by cell. Rows are named by their first column values (`doc=…`) when
 * the table has `doc` and `paragraph` columns, else by their number (1-based, header excluded).
 *
 * @example
 * compareCsv('a,b\r\n1,2\r\n', 'a,b\r\n1,3\r\n', 't.csv')
 * // [{ file: 't.csv', message: 'row 1, column b: expected 2, got 3' }]
 */
export function compareCsv(expected: string, actual: string, file: string, limit = 20): TableDifference[] {
  const e = parse(expected, { relax_column_count: true }) as string[][];
  const a = parse(actual, { relax_column_count: true }) as string[][];
  const diffs: TableDifference[] = [];
  const say = (message: string) => diffs.push({ file, message });
  const eh = e[0] ?? [];
  const ah = a[0] ?? [];
  if (eh.join('\u0000') !== ah.join('\u0000')) {
    say(`columns differ: expected ${eh.join(',')}; got ${ah.join(',')}`);
    return diffs;
  }
  if (e.length !== a.length) say(`expected ${e.length - 1} rows, got ${a.length - 1}`);
  const docCol = eh.indexOf('doc');
  const parCol = eh.indexOf('paragraph');
  const rowName = (r: string[], i: number) => (docCol >= 0 && parCol >= 0 ? `row ${i} (doc ${r[docCol]}, paragraph ${r[parCol]})` : `row ${i}`);
  let total = 0;
  for (let i = 1; i < Math.min(e.length, a.length); i++) {
    for (let k = 0; k < eh.length; k++) {
      if (e[i][k] !== a[i][k]) {
        total++;
        if (total <= limit) say(`${rowName(e[i], i)}, column ${eh[k]}: expected ${e[i][k] === '' ? '(empty)' : e[i][k]}, got ${a[i][k] === '' || a[i][k] === undefined ? '(empty)' : a[i][k]}`);
      }
    }
  }
  if (total > limit) say(`… and ${total - limit} more differing cells`);
  return diffs;
}

/**
 * Compares every table of a fresh run with the snapshot: missing, extra and differing tables.
 *
 * @example
 * compareTables('results', 'out/tables') // [] when the analysis reproduces
 */
export function compareTables(snapshotDir: string, freshDir: string): TableDifference[] {
  const expected = listTables(snapshotDir);
  const actual = listTables(freshDir);
  const diffs: TableDifference[] = [];
  for (const f of expected) {
    if (!actual.includes(f)) diffs.push({ file: f, message: 'in the snapshot but not produced by this run' });
    else diffs.push(...compareCsv(fs.readFileSync(path.join(snapshotDir, f), 'utf8'), fs.readFileSync(path.join(freshDir, f), 'utf8'), f));
  }
  for (const f of actual) if (!expected.includes(f)) diffs.push({ file: f, message: 'produced by this run but not in the snapshot (run with --update to add it)' });
  return diffs;
}

/**
 * Makes the snapshot equal to a fresh run: copies every table (atomically) and removes tables
 * the run no longer produces. Returns the files written and removed.
 *
 * @example
 * updateSnapshot('results', 'out/tables') // { written: ['counts.csv'], removed: [] }
 */
export function updateSnapshot(snapshotDir: string, freshDir: string): { written: string[]; removed: string[] } {
  const fresh = listTables(freshDir);
  const removed = listTables(snapshotDir).filter((f) => !fresh.includes(f));
  for (const f of fresh) {
    const target = path.join(snapshotDir, f);
    makeDir(path.dirname(target));
    writeFileAtomic(target, fs.readFileSync(path.join(freshDir, f)));
  }
  for (const f of removed) fs.rmSync(path.join(snapshotDir, f));
  return { written: fresh, removed };
}
