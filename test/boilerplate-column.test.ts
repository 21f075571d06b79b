/**
 * The boilerplate_of column: a count that looked for boilerplate says, per paragraph, which
 * boilerplate paragraph it is, in every format and on every path (in memory, streaming, worker
 * threads); a count that did not look has no such column.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countColumns, countFiles, countFrameRows, countFrames, dictionaryFromObject, loadCorpus, readCountTable, type FrameTable } from '../src';
import { ROOT, tempDir } from './helpers';

const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT, env: { ...process.env, FRAMELAB_CACHE: 'off' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const FOOTER = 'Подписывайтесь на наш канал.';
const PHOTO = 'Фото: пресс-служба.';
// one source (a folder) of three documents, paragraphs between blank lines:
//   a: 0 Гранты…, 1 FOOTER, 2 PHOTO, 3 FOOTER (again: duplicate_of 1)
//   b: 0 Коррупция…, 1 FOOTER
//   c: 0 PHOTO, 1 FOOTER, 2 Диалог…
// FOOTER stands in 3 documents (a, b, c; a's repeat counts once), PHOTO in 2 (a, c), every other
// paragraph in 1. With k = 2 both are boilerplate, most documents first: FOOTER is item 0, PHOTO
// item 1. With k = 3 only FOOTER (item 0) is.
const FILES = {
  'src/a.txt': `Гранты выданы фонду.\n\n${FOOTER}\n\n${PHOTO}\n\n${FOOTER}\n`,
  'src/b.txt': `Коррупция в стране.\n\n${FOOTER}\n`,
  'src/c.txt': `${PHOTO}\n\n${FOOTER}\n\nДиалог продолжается.\n`,
};
const DICT = dictionaryFromObject({ гранты: ['грант*'], коррупция: ['коррупц*'] });
/** [doc, paragraph, duplicate_of, boilerplate_of] of every row, in corpus order, as counted by hand above. */
const K2 = [
  ['a', 0, null, null],
  ['a', 1, null, 0],
  ['a', 2, null, 1],
  ['a', 3, 1, 0],
  ['b', 0, null, null],
  ['b', 1, null, 0],
  ['c', 0, null, 1],
  ['c', 1, null, 0],
  ['c', 2, null, null],
];
const K3 = K2.map(([doc, p, dup, b]) => [doc, p, dup, b === 0 ? 0 : null]);
const keys = (t: Pick<FrameTable, 'rows'>) => t.rows.map((r) => [r.doc, r.paragraph, r.duplicate_of, r.boilerplate_of]);

describe('the boilerplate_of column', () => {
  const dir = tempDir(FILES);
  const src = path.join(dir, 'src');

  it('stands after duplicate_of only when boilerplate is looked for', () => {
    expect(countColumns(['гранты'], { boilerplate: true })).toEqual(['doc', 'paragraph', 'tokens', 'duplicate_of', 'boilerplate_of', 'matched', 'гранты']);
    expect(countFrameRows(loadCorpus(src), DICT).columns).not.toContain('boilerplate_of');
    expect(countFrameRows(loadCorpus(src, { boilerplateMin: 2 }), DICT).columns.slice(0, 6)).toEqual(['doc', 'paragraph', 'tokens', 'duplicate_of', 'boilerplate_of', 'matched']);
  });

  it('names the boilerplate item of each paragraph, in memory, streaming and in worker threads', async () => {
    expect(keys(countFrameRows(loadCorpus(src, { boilerplateMin: 2 }), DICT))).toEqual(K2);
    expect(keys(countFrameRows(loadCorpus(src, { boilerplateMin: 3 }), DICT))).toEqual(K3);
    for (const jobs of [1, 2]) {
      expect(keys((await countFiles(src, DICT, { boilerplateMin: 2, jobs, lemmaCache: false })).table), `jobs ${jobs}`).toEqual(K2);
      expect(keys((await countFiles(src, DICT, { boilerplateMin: 3, jobs, lemmaCache: false })).table), `jobs ${jobs}`).toEqual(K3);
    }
  });

  it('is empty in every row when the boilerplate is dropped (the rows left are the others)', async () => {
    const kept = K2.filter(([, , , b]) => b === null).map(([doc, p, dup]) => [doc, p, dup, null]);
    expect(keys(countFrameRows(loadCorpus(src, { boilerplateMin: 2, dropBoilerplate: true }), DICT))).toEqual(kept);
    expect(keys((await countFiles(src, DICT, { boilerplateMin: 2, dropBoilerplate: true, jobs: 1, lemmaCache: false })).table)).toEqual(kept);
  });

  it('is in the DataFrame, NaN where empty', () => {
    const df = countFrames(loadCorpus(src, { boilerplateMin: 2 }), DICT);
    const values = (df.column('boilerplate_of').values as number[]).map((v) => (Number.isNaN(v) ? null : v));
    expect(values).toEqual(K2.map((r) => r[3]));
  });

  it('is written by count in CSV, JSON and a typed Parquet column, and read back by readCountTable', async () => {
    const dict = path.join(dir, 'dict.yaml');
    fs.writeFileSync(dict, 'гранты: [грант*]\nкоррупция: [коррупц*]\n');
    const csv = run('count', src, '--dict', dict, '--boilerplate', '2', '-q');
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('doc,paragraph,tokens,duplicate_of,boilerplate_of,matched,гранты,коррупция');
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 5).filter((_, k) => k !== 2))).toEqual(K2.map((r) => r.map((v) => (v === null ? '' : String(v)))));
    const file = path.join(dir, 'counts.csv');
    fs.writeFileSync(file, csv.stdout);
    expect(keys(readCountTable(file))).toEqual(K2);

    const json = run('count', src, '--dict', dict, '--boilerplate', '2', '--format', 'json', '-q');
    expect(json.code, json.stderr).toBe(0);
    const rows = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    expect(Object.keys(rows[0]).slice(3, 6)).toEqual(['duplicate_of', 'boilerplate_of', 'matched']);
    expect(keys({ rows: rows as FrameTable['rows'] })).toEqual(K2);

    const out = path.join(dir, 'counts.parquet');
    const pq = run('count', src, '--dict', dict, '--boilerplate', '3', '--format', 'parquet', '--out', out, '-q');
    expect(pq.code, pq.stderr).toBe(0);
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const c = await (await DuckDBInstance.create(':memory:')).connect();
    const types = new Map((await c.runAndReadAll(`DESCRIBE SELECT * FROM '${out}'`)).getRows().map((r) => [String(r[0]), String(r[1])]));
    expect(types.get('boilerplate_of')).toBe('BIGINT');
    const got = (await c.runAndReadAll(`SELECT doc, paragraph, duplicate_of, boilerplate_of FROM '${out}'`)).getRows().map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
    expect(got).toEqual(K3);
    c.closeSync();

    // without --boilerplate: no such column, as before
    const plain = run('count', src, '--dict', dict, '-q');
    expect(plain.stdout.split('\r\n')[0]).toBe('doc,paragraph,tokens,duplicate_of,matched,гранты,коррупция');
  });

  it("marks the RIA dateline of the mixed corpus: «МОСКВА, 10 авг - РИА Новости.» opens five of its nine posts (its README)", async () => {
    const posts = path.join(ROOT, 'data', 'mixed-corpus', 'ria-posts.json');
    const { table } = await countFiles(posts, DICT, { idField: 'url', boilerplateMin: 3, texts: true, jobs: 1 });
    const marked = table.rows.map((r, i) => ({ r, text: table.texts[i] })).filter(({ r }) => r.boilerplate_of !== null);
    expect(marked).toHaveLength(5);
    for (const { r, text } of marked) {
      expect(r.boilerplate_of).toBe(0);
      expect(r.paragraph).toBe(0);
      expect(text).toBe('МОСКВА, 10 авг - РИА Новости.');
    }
  });
});
