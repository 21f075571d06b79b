import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import * as iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTICLE, FRAMES3, ROOT, tempDir } from './helpers';

const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the built command line (end to end)', () => {
  beforeAll(() => {
    if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does)`);
  });

  it('counts the bundled article as a table: 58 paragraphs, repeats flagged, all three mission frames', () => {
    const r = run('count', ARTICLE, '--format', 'table');
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0].split(/\s+/).slice(0, 8)).toEqual(['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched', 'гранты', 'коррупция', 'диалог']);
    expect(lines.length).toBe(2 + 58);
    expect(r.stderr).toMatch(/28 paragraph\(s\) repeat an earlier one/);
  });

  it('writes RFC 4180 CSV by default whose totals match the hand count', () => {
    const r = run('count', ARTICLE, '--dict', FRAMES3, '--dedupe');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/dropped 28 duplicate paragraph/);
    const rows = parse(r.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.length).toBe(30);
    const total = (c: string) => rows.reduce((s, row) => s + Number(row[c]), 0);
    expect([total('гранты'), total('коррупция'), total('диалог')]).toEqual([16, 5, 9]);
    expect(r.stdout.includes('\r\n')).toBe(true);
  });

  it('adds rate columns and writes JSON to a file atomically', () => {
    const dir = tempDir();
    const out = path.join(dir, 'counts.json');
    const r = run('count', ARTICLE, '--dict', FRAMES3, '--rate', '--format', 'json', '--out', out, '--quiet');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('');
    const rows = JSON.parse(fs.readFileSync(out, 'utf8'));
    expect(rows.length).toBe(58);
    // paragraph 24: 4 grant words in 63 words → 4000/63 = 63.4921 per 1000
    expect(rows[24].гранты_per_1k).toBe(63.4921);
    expect(fs.readdirSync(dir)).toEqual(['counts.json']);
  });

  it('prints --help and --version', () => {
    const help = run('count', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Usage: framelab count \[options\] <paths\.\.\.>/);
    expect(help.stdout).toMatch(/--dedupe/);
    const version = run('--version');
    expect(version.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);
  });

  it.each([
    [['count', 'no-such-file.txt'], 1, /^framelab: error: no-such-file\.txt: no such file or folder\n$/],
    [['count', ARTICLE, '--format', 'xml'], 2, /--format must be one of csv, json, table, parquet, not "xml"/],
    [['count', ARTICLE, '--paragraphs', 'pages'], 2, /--paragraphs must be one of auto, lines, blank/],
    [['count'], 2, /missing required argument 'paths'/],
    [['count', ARTICLE, '--bogus'], 2, /unknown option '--bogus'/],
  ])('refuses %j with a one-line error and exit %i', (args, code, message) => {
    const r = run(...(args as string[]));
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('a bad dictionary names file and line, and leaves an existing --out file untouched', () => {
    const dir = tempDir({ 'bad.yaml': 'гранты:\n  - грант*\n  - «грант»\n', 'counts.csv': 'keep me\n' });
    const out = path.join(dir, 'counts.csv');
    const r = run('count', ARTICLE, '--dict', path.join(dir, 'bad.yaml'), '--out', out);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.yaml:3: invalid pattern "«грант»"/);
    expect(fs.readFileSync(out, 'utf8')).toBe('keep me\n');
  });

  it('reads the dictionary with --dict-encoding, prints its notes, and makes them errors with --strict', () => {
    const dir = tempDir({ 'd.dic': iconv.encode('%\n1\tгранты\n2\tдиалог\n%\nгрант*\t1\nвзятк*\t7\n', 'koi8-r') });
    const dic = path.join(dir, 'd.dic');
    const r = run('count', ARTICLE, '--dict', dic, '--dedupe');
    expect(r.code).toBe(0);
    // KOI8-R detected; the undefined number 7 and the empty category диалог are notes naming their lines
    expect(r.stderr).toMatch(/d\.dic:6: category number 7 is not in the header; left out/);
    expect(r.stderr).toMatch(/d\.dic:3: the category "диалог" has no pattern/);
    expect(r.stdout.split('\r\n')[0]).toBe('doc,paragraph,tokens,duplicate_of,matched,гранты,диалог');
    const strict = run('count', ARTICLE, '--dict', dic, '--strict');
    expect(strict.code).toBe(1);
    expect(strict.stderr.trim().split('\n')).toEqual([expect.stringMatching(/d\.dic:6: unknown category number 7 for "взятк\*"/)]);
    // forced in the wrong encoding, the names come out as other letters (and a bad name is a usage error)
    expect(run('count', ARTICLE, '--dict', dic, '--dict-encoding', 'windows-1251', '-q').stdout).not.toMatch(/гранты/);
    const bad = run('count', ARTICLE, '--dict', dic, '--dict-encoding', 'nonsense');
    expect([bad.code, bad.stderr.trim()]).toEqual([2, expect.stringMatching(/^framelab: error: --dict-encoding: unknown encoding "nonsense"/)]);
  });

  it('--words letters leaves numbers out of tokens and says so; --lexicon adds lemmas', () => {
    const dir = tempDir({ 'a.txt': 'Встреча 19.05.2008 прошла.\nСтал грантодателем.\n', 'd.yaml': 'встречи: [встреч*]\nдоноры: [грантодатель]\n', 'lex.tsv': 'грантодателем\tгрантодатель\n' });
    const file = path.join(dir, 'a.txt');
    const all = parse(run('count', file, '--dict', path.join(dir, 'd.yaml')).stdout, { columns: true }) as Array<Record<string, string>>;
    expect(all.map((r) => r.tokens)).toEqual(['5', '2']);
    const letters = run('count', file, '--dict', path.join(dir, 'd.yaml'), '--words', 'letters');
    expect((parse(letters.stdout, { columns: true }) as Array<Record<string, string>>).map((r) => r.tokens)).toEqual(['2', '2']);
    expect(letters.stderr).toMatch(/tokens counts only words with a letter/);
    expect(all.map((r) => r['доноры'])).toEqual(['0', '0']);
    const lex = parse(run('count', file, '--dict', path.join(dir, 'd.yaml'), '--lexicon', path.join(dir, 'lex.tsv')).stdout, { columns: true }) as Array<Record<string, string>>;
    expect(lex.map((r) => r['доноры'])).toEqual(['0', '1']);
    const badWords = run('count', file, '--words', 'digits');
    expect([badWords.code, badWords.stderr]).toEqual([2, expect.stringMatching(/--words must be one of all, letters, not "digits"/)]);
    const out = path.join(dir, 'lex.tsv');
    expect(run('count', file, '--lexicon', out, '--out', out).stderr).toMatch(/would overwrite .*lex\.tsv, which this command reads/);
  });

  it('chart writes all four formats for every kind', () => {
    const dir = tempDir();
    const r = run('chart', ARTICLE, '--kind', 'all', '--out-dir', dir, '--dict', FRAMES3);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/warning/);
    const expected = ['arc', 'cooccurrence', 'dispersion', 'heatmap', 'paragraphs', 'totals'].flatMap((k) => ['html', 'json', 'png', 'svg'].map((f) => `${k}.${f}`));
    expect(fs.readdirSync(dir).sort()).toEqual(expected);
    for (const f of expected) expect(fs.statSync(path.join(dir, f)).size, f).toBeGreaterThan(1000);
  });

  it.each([
    [['chart', ARTICLE, '--kind', 'pie', '--out-dir', 'x'], /--kind must be one of paragraphs, heatmap, arc, dispersion, cooccurrence, totals, groups, time, group-time, not "pie"/],
    [['chart', ARTICLE, '--kind', 'arc'], /chart needs --out-dir/],
    [['chart', ARTICLE, '--kind', 'arc', '--out-dir', 'x', '--smooth', '0'], /--smooth must be a positive whole number/],
    [['chart', ARTICLE, '--kind', 'arc', '--out-dir', 'x', '--formats', 'svg,gif'], /--formats must be one of svg, png, html, json, not "gif"/],
  ])('chart refuses %j with a one-line error', (args, message) => {
    const r = run(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
