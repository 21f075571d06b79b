import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE, ROOT, tempDir } from './helpers';

const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, rows: () => parse(r.stdout, { columns: true }) as Array<Record<string, string>> };
}

let folder: string;

beforeAll(() => {
  // the article's distinct paragraphs spread over three documents of a folder
  const lines = fs.readFileSync(ARTICLE, 'utf8').split('\n').slice(0, 29);
  folder = tempDir({
    'a.txt': lines.slice(0, 10).join('\n'),
    'b.txt': lines.slice(10, 20).join('\n'),
    'sub/c.md': lines.slice(20).join('\n\n'),
  });
});

describe('corpus-linguistics commands', () => {
  it('kwic lists the six corruption matches of the article with their context', () => {
    const r = run('kwic', ARTICLE, '--category', 'коррупция', '--dedupe', '--window', '3');
    expect(r.code).toBe(0);
    const rows = r.rows();
    // the five corruption words of count.test.ts, and paragraph 21's phrase «нелегальные формы финансовой»
    // (нелегальн* форм* финансов*, added when the dictionary was reworked: the article's coding marks it)
    expect(rows.map((x) => x.match)).toEqual(['коррумпирована', 'коррупции', 'взятках', 'нелегальные формы финансовой', 'коррупции', 'коррупции']);
    // paragraph 20: "… Запад сам погряз в коррупции, забыв свои ценности"
    expect(rows[1]).toMatchObject({ paragraph: '20', left: 'сам погряз в', right: 'забыв свои ценности' });
  });

  it('kwic works across the documents of a folder, sorted by right context', () => {
    const r = run('kwic', folder, '--pattern', 'грант*', '--sort', 'right', '--format', 'json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ doc: string; right: string }>;
    // grant words stand in lines 4–10 (document a) and 24–29 (document sub/c), none in b
    expect(new Set(rows.map((x) => x.doc))).toEqual(new Set(['a', 'sub/c']));
    const firstRight = rows.map((x) => (x.right.match(/[\p{L}\p{N}-]+/u)?.[0] ?? '').toLowerCase().replace(/ё/g, 'е'));
    expect(firstRight).toEqual([...firstRight].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
  });

  it('collocates of коррупц* include Запад twice (paragraphs 20 and 25)', () => {
    // "Продвигая демократию, Запад сам погряз в коррупции" and "к культуре коррупции на Западе"
    const r = run('collocates', ARTICLE, '--pattern', 'коррупц*', '--dedupe', '--content-only');
    expect(r.code).toBe(0);
    const rows = r.rows();
    expect(rows.find((x) => x.collocate === 'запад')).toMatchObject({ freq: '2' });
    expect(rows.every((x) => Number(x.freq) >= 2)).toBe(true);
    expect(rows[0].test).toMatch(/Dunning/);
  });

  it('keyness: a document against the rest, and against a reference folder', () => {
    const byDoc = run('keyness', folder, '--doc', 'a');
    expect(byDoc.code).toBe(0);
    expect(byDoc.rows().length).toBeGreaterThan(10);
    const byRef = run('keyness', path.join(folder, 'a.txt'), '--reference', path.join(folder, 'b.txt'), path.join(folder, 'sub'), '--format', 'json');
    expect(byRef.code).toBe(0);
    const rows = JSON.parse(byRef.stdout) as Array<{ g2: number; p: number }>;
    expect(rows[0].g2).toBeGreaterThanOrEqual(rows[rows.length - 1].g2);
    const byCategory = run('keyness', ARTICLE, '--dedupe', '--target-category', 'гранты');
    expect(byCategory.code).toBe(0);
    expect(run('keyness', folder).stderr).toMatch(/exactly one of --reference, --doc, --target-category or --each/);
    expect(run('keyness', folder, '--doc', 'zz').stderr).toMatch(/no document "zz"/);
  });

  it('collocates and freq work on a folder of several documents', () => {
    const coll = run('collocates', folder, '--pattern', 'грант*', '--min-freq', '1', '--format', 'json');
    expect(coll.code).toBe(0);
    expect((JSON.parse(coll.stdout) as unknown[]).length).toBeGreaterThan(0);
    const freq = run('freq', folder, '--by', 'form', '--top', '5');
    expect(freq.code).toBe(0);
    expect(freq.rows().length).toBe(5);
  });

  it('freq lists lemmas with dispersion', () => {
    const r = run('freq', ARTICLE, '--dedupe', '--content-only', '--top', '3', '--format', 'json');
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ word: string; count: number; paragraphs: number }>;
    expect(rows.length).toBe(3);
    expect(rows[0].count).toBeGreaterThanOrEqual(rows[1].count);
  });

  it('stats prints every table, or one as CSV, with the test named in each row', () => {
    const all = run('stats', folder, '--format', 'table', '--permutations', '199', '--replicates', '200');
    expect(all.code).toBe(0);
    for (const name of ['categories', 'correlations', 'cooccurrence', 'position']) expect(all.stdout).toContain(`== ${name}`);
    const csv = run('stats', ARTICLE, '--dedupe', '--table', 'categories', '--format', 'csv', '--replicates', '200');
    expect(csv.code).toBe(0);
    const rows = csv.rows();
    // the bundled dictionary's categories in order; коррупция: the five words hand-counted in count.test.ts
    // (paragraphs 12, 20 (two), 22, 25) and the phrase of paragraph 21: six matches in five paragraphs
    expect(rows.slice(0, 3).map((x) => x.category)).toEqual(['гранты', 'коррупция', 'диалог']);
    expect(rows[1]).toMatchObject({ total: '6', paragraphs_with_match: '5' });
    // one article of 30 paragraphs (deduplicated): the paragraph is the unit, and each row names its interval
    expect(rows.every((x) => /log-scale t interval over 30 paragraphs|exact Poisson 95 % upper bound/.test(x.test))).toBe(true);
    // the same seed gives the same numbers
    expect(run('stats', ARTICLE, '--dedupe', '--table', 'categories', '--format', 'csv', '--replicates', '200').stdout).toBe(csv.stdout);
    expect(run('stats', ARTICLE, '--format', 'csv').stderr).toMatch(/CSV holds one table/);
    // with no --table and no --format, as the README gives it, all four tables are shown as text
    const plain = run('stats', folder, '--permutations', '199', '--replicates', '200');
    expect(plain.code).toBe(0);
    for (const name of ['categories', 'correlations', 'cooccurrence', 'position']) expect(plain.stdout).toContain(`== ${name}`);
  });

  it('refuses a missing target with a one-line error', () => {
    const r = run('kwic', ARTICLE);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/give either --pattern or --category/);
    expect(run('collocates', ARTICLE, '--pattern', 'грант.').stderr).toMatch(/invalid pattern "грант\."/);
  });
});
