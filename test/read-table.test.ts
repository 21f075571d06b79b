import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countFrameRows, dictionaryFromYaml, loadCorpus, readCountTable, toCsv, toJson } from '../src';
import { ARTICLE, errorOf, memoryCorpus, tempDir } from './helpers';

const dict = dictionaryFromYaml('гранты: [грант*]\nдиалог: [диалог*]\n', 'test');

describe('readCountTable: a count table framelab wrote, read back', () => {
  it('reads a hand-written table: key columns, metadata, categories, rates and empty cells', () => {
    const dir = tempDir({
      'counts.csv':
        'doc,date,paragraph,tokens,duplicate_of,matched,гранты,диалог,гранты_per_1k,диалог_per_1k\r\n' +
        'a,2019-01-02,1,4,,1,1,0,250,0\r\n' +
        'a,2019-01-02,2,0,,0,0,0,,\r\n' +
        'b,,1,5,1,2,1,1,200,200\r\n',
    });
    const t = readCountTable(path.join(dir, 'counts.csv'));
    expect(t.meta).toEqual(['date']);
    expect(t.categories).toEqual(['гранты', 'диалог']);
    expect(t.rows).toEqual([
      { doc: 'a', date: '2019-01-02', paragraph: 1, tokens: 4, duplicate_of: null, matched: 1, гранты: 1, диалог: 0, гранты_per_1k: 250, диалог_per_1k: 0 },
      { doc: 'a', date: '2019-01-02', paragraph: 2, tokens: 0, duplicate_of: null, matched: 0, гранты: 0, диалог: 0, гранты_per_1k: null, диалог_per_1k: null },
      { doc: 'b', date: null, paragraph: 1, tokens: 5, duplicate_of: 1, matched: 2, гранты: 1, диалог: 1, гранты_per_1k: 200, диалог_per_1k: 200 },
    ]);
    expect(t.texts).toEqual(['', '', '']);
  });

  it('gives back the rows that were written, from CSV and from JSON (rates to the four decimals written)', () => {
    const table = countFrameRows(loadCorpus(ARTICLE), dict, { rate: true });
    const dir = tempDir({ 'c.csv': toCsv(table), 'c.json': toJson(table) });
    for (const file of ['c.csv', 'c.json']) {
      const back = readCountTable(path.join(dir, file));
      expect(back.columns).toEqual(table.columns);
      expect(back.categories).toEqual(['гранты', 'диалог']);
      expect(back.rows).toHaveLength(table.rows.length);
      back.rows.forEach((row, i) => {
        for (const c of table.columns) {
          const v = table.rows[i][c];
          if (typeof v === 'number' && !Number.isInteger(v)) expect(row[c] as number).toBeCloseTo(v, 4);
          else expect(row[c], `${file} row ${i + 1} ${c}`).toEqual(v);
        }
      });
    }
  });

  it('names the file and line of what is not a count table', () => {
    const dir = tempDir({
      'other.csv': 'word,count\r\nгрант,3\r\n',
      'frac.csv': 'doc,paragraph,tokens,duplicate_of,matched,гранты\r\na,1,4,,1,1\r\na,2,4,,1,0.5\r\n',
      'short.csv': 'doc,paragraph,tokens,duplicate_of,matched,гранты\r\na,1,4,,1\r\n',
      'word.csv': 'doc,paragraph,tokens,duplicate_of,matched,гранты\r\na,1,four,,1,1\r\n',
      'order.csv': 'doc,tokens,paragraph,duplicate_of,matched,гранты\r\n',
      'empty.csv': '',
    });
    const at = (f: string) => errorOf(() => readCountTable(path.join(dir, f))).message;
    expect(at('other.csv')).toBe(`${path.join(dir, 'other.csv')}:1: not a framelab count table: no column "doc", "paragraph", "tokens", "duplicate_of", "matched"`);
    expect(at('frac.csv')).toBe(`${path.join(dir, 'frac.csv')}:3: column "гранты": "0.5" is not a whole number ≥ 0`);
    expect(at('short.csv')).toBe(`${path.join(dir, 'short.csv')}:2: 5 fields where the header has 6`);
    expect(at('word.csv')).toBe(`${path.join(dir, 'word.csv')}:2: column "tokens": "four" is not a number`);
    expect(at('order.csv')).toMatch(/order\.csv:1: not a framelab count table: columns must run doc/);
    expect(at('empty.csv')).toMatch(/empty\.csv: empty file, not a count table/);
    expect(at('missing.csv')).toMatch(/missing\.csv: cannot read the count table: ENOENT/);
  });

  it('reads a table of a memory corpus with no match at all (categories stay columns)', () => {
    const table = countFrameRows(memoryCorpus(['один два'], ['три']), dict);
    const dir = tempDir({ 'c.csv': toCsv(table) });
    const back = readCountTable(path.join(dir, 'c.csv'));
    expect(back.rows.map((r) => [r.doc, r.paragraph, r.tokens, r.гранты])).toEqual(table.rows.map((r) => [r.doc, r.paragraph, r.tokens, r.гранты]));
  });
});
