import { describe, expect, it } from 'vitest';
import { formatCell, toCsv, toJson, toTextTable } from '../src';

describe('output formats', () => {
  const table = {
    columns: ['doc', 'paragraph', 'duplicate_of', 'rate'],
    rows: [
      { doc: 'a,"b"', paragraph: 0, duplicate_of: null, rate: 1000 / 3 },
      { doc: 'строка\nдве', paragraph: 1, duplicate_of: 0, rate: null },
    ],
  };

  it('CSV follows RFC 4180: CRLF records, quotes doubled, fields with , " or line breaks quoted', () => {
    expect(toCsv(table)).toBe('doc,paragraph,duplicate_of,rate\r\n"a,""b""",0,,333.3333\r\n"строка\nдве",1,0,\r\n');
  });

  it('JSON is an array of row objects with null for empty cells', () => {
    expect(JSON.parse(toJson(table))).toEqual([
      { doc: 'a,"b"', paragraph: 0, duplicate_of: null, rate: 333.3333 },
      { doc: 'строка\nдве', paragraph: 1, duplicate_of: 0, rate: null },
    ]);
    expect(toJson({ columns: ['a'], rows: [] })).toBe('[]\n');
  });

  it('cells: integers as is, at most four decimals (tiny numbers: four significant digits), empty for null and NaN', () => {
    expect([formatCell(3), formatCell(0.1 + 0.2), formatCell(NaN), formatCell(null), formatCell('x')]).toEqual(['3', '0.3', '', '', 'x']);
    // p-values below 0.0001 keep four significant digits instead of becoming 0
    expect([formatCell(1.5239706048320995e-23), formatCell(0.00012345)]).toEqual(['1.524e-23', '0.0001']);
  });

  it('the text table aligns columns, numbers to the right', () => {
    const out = toTextTable({ columns: ['doc', 'n'], rows: [{ doc: 'длинный', n: 5 }, { doc: 'a', n: 12 }] });
    expect(out).toBe('doc       n\n-------  --\nдлинный   5\na        12\n');
  });
});
