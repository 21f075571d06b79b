import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareCsv, compareTables, notebookOutputs, updateSnapshot } from '../src';
import { tempDir } from './helpers';

describe('snapshot comparison', () => {
  it('reports each differing cell with its row and column', () => {
    const expected = 'doc,paragraph,гранты\r\nd,0,1\r\nd,1,2\r\n';
    const actual = 'doc,paragraph,гранты\r\nd,0,1\r\nd,1,3\r\n';
    expect(compareCsv(expected, actual, 't.csv')).toEqual([{ file: 't.csv', message: 'row 2 (doc d, paragraph 1), column гранты: expected 2, got 3' }]);
    expect(compareCsv(expected, expected, 't.csv')).toEqual([]);
  });

  it('reports changed columns and row counts', () => {
    expect(compareCsv('a,b\r\n1,2\r\n', 'a,c\r\n1,2\r\n', 'x.csv')[0].message).toBe('columns differ: expected a,b; got a,c');
    expect(compareCsv('a\r\n1\r\n', 'a\r\n1\r\n2\r\n', 'x.csv')[0].message).toBe('expected 1 rows, got 2');
  });

  it('compares folders, finds missing and extra tables, and updates on purpose', () => {
    const results = tempDir({ 'nb/a.csv': 'x\r\n1\r\n', 'nb/gone.csv': 'x\r\n1\r\n' });
    const fresh = tempDir({ 'nb/a.csv': 'x\r\n2\r\n', 'nb/new.csv': 'y\r\n1\r\n' });
    expect(compareTables(results, fresh).map((d) => `${d.file}: ${d.message}`)).toEqual([
      'nb/a.csv: row 1, column x: expected 1, got 2',
      'nb/gone.csv: in the snapshot but not produced by this run',
      'nb/new.csv: produced by this run but not in the snapshot (run with --update to add it)',
    ]);
    expect(updateSnapshot(results, fresh)).toEqual({ written: ['nb/a.csv', 'nb/new.csv'], removed: ['nb/gone.csv'] });
    expect(compareTables(results, fresh)).toEqual([]);
  });
});

describe('notebook outputs', () => {
  it('writes tables as CSV and charts in four formats under the notebook name', async () => {
    const dir = tempDir();
    const saved = process.env.FRAMELAB_OUT;
    delete process.env.FRAMELAB_OUT;
    try {
      const out = notebookOutputs('nb1', { dir });
      out.table('t', [{ a: 1, b: 'x' }, { a: 2.123456, b: null }]);
      expect(fs.readFileSync(path.join(dir, 'tables', 'nb1', 't.csv'), 'utf8')).toBe('a,b\r\n1,x\r\n2.1235,\r\n');
      await out.chart('c', { data: { values: [{ x: 1 }] }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' } } });
      expect(fs.readdirSync(path.join(dir, 'charts', 'nb1')).sort()).toEqual(['c.html', 'c.json', 'c.png', 'c.svg']);
      expect(() => out.table('../escape', [])).toThrow(/must be letters/);
    } finally {
      if (saved !== undefined) process.env.FRAMELAB_OUT = saved;
    }
  });
});
