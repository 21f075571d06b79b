import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  compareGroups,
  compileSpec,
  countFiles,
  countFrameRows,
  countFrames,
  dictionaryFromObject,
  FLATTENED_LINE_BREAKS,
  flattenedBreaks,
  g2Groups,
  groupChart,
  holm,
  loadCorpus,
  paragraphChart,
  parseDate,
  rateRatio,
  timeChart,
  timeSeries,
  totalsChart,
  toSVG,
  trendTest,
} from '../src';
import { errorOf, ROOT, tempDir } from './helpers';

const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

const dict = dictionaryFromObject({ гранты: ['грант*'], запад: ['запад*'] });

/**
 * A toy corpus of four articles from two outlets, counted by hand (words are runs of letters):
 *   a1 (A, 2019-01-15): "Гранты и гранты. Запад."          4 words, гранты 2, запад 1
 *   a2 (A, 2019-03-02): "Диалог с государством без грантов." 5 words, гранты 1
 *   b1 (B, 2019-02-20): "Запад и только запад, западный взгляд." 6 words, запад 3
 *   b2 (B, 2020-01-10): "Просто новости дня."              3 words
 * A: 9 words, гранты 3, запад 1.  B: 9 words, гранты 0, запад 3.
 */
function toyCsv(): string {
  return tempDir({
    'news.csv':
      'url,outlet,date,text\n' +
      'a1,A,2019-01-15,"Гранты и гранты. Запад."\n' +
      'a2,A,2019-03-02,"Диалог с государством без грантов."\n' +
      'b1,B,2019-02-20 10:00:00,"Запад и только запад, западный взгляд."\n' +
      'b2,B,10.01.2020,"Просто новости дня."\n',
  });
}

describe('documents with their fields', () => {
  it('carries document fields as columns after doc, in every path, with the built-in file field', async () => {
    const dir = toyCsv();
    const corpus = loadCorpus(dir, { idField: 'url' });
    const table = countFrameRows(corpus, dict, { meta: ['outlet', 'file'] });
    expect(table.columns.slice(0, 4)).toEqual(['doc', 'outlet', 'file', 'paragraph']);
    expect(table.rows.map((r) => [r.doc, r.outlet, r.file, r.tokens, r.гранты, r.запад])).toEqual([
      ['a1', 'A', 'news.csv', 4, 2, 1],
      ['a2', 'A', 'news.csv', 5, 1, 0],
      ['b1', 'B', 'news.csv', 6, 0, 3],
      ['b2', 'B', 'news.csv', 3, 0, 0],
    ]);
    const streamed = await countFiles(dir, dict, { idField: 'url', meta: ['outlet', 'file'], lemmaCache: false });
    expect(streamed.table.rows).toEqual(table.rows);
    const df = countFrames(corpus, dict, { meta: ['outlet'] });
    expect(df.columns.slice(0, 2)).toEqual(['doc', 'outlet']);
    // a field that no document has is an error naming it
    expect(errorOf(() => countFrameRows(corpus, dict, { meta: ['edition'] })).message).toMatch(/no document has the field "edition"/);
    await expect(countFiles(dir, dict, { meta: ['edition'], lemmaCache: false })).rejects.toThrow(/no document has the field "edition"/);
  });

  it('the command line: --meta in CSV, and an unknown field writes nothing', () => {
    const dir = toyCsv();
    const r = run('count', dir, '--dict', writeDict(dir), '--id-column', 'url', '--meta', 'date,outlet', '-q');
    expect(r.code).toBe(0);
    expect(r.stdout.split('\r\n')[0]).toBe('doc,date,outlet,paragraph,tokens,duplicate_of,matched,гранты,запад');
    expect(r.stdout.split('\r\n')[3]).toBe('b1,2019-02-20 10:00:00,B,0,6,,3,0,3');
    const out = path.join(tempDir(), 'out.csv');
    const bad = run('count', dir, '--id-column', 'url', '--meta', 'nope', '--out', out);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/no document has the field "nope"/);
    expect(fs.existsSync(out)).toBe(false);
  });
});

function writeDict(dir: string): string {
  const file = path.join(dir, 'dict.yaml');
  fs.writeFileSync(file, 'гранты: [грант*]\nзапад: [запад*]\n');
  return file;
}

describe('inputs a corpus arrives in', () => {
  it('names the files of a folder it leaves out, and counts them in the summary', () => {
    const dir = tempDir({ 'a.txt': 'Гранты.', 'picture.png': 'png', 'notes.docx': 'docx', 'b.tar.gz': gzipSync(Buffer.from('x')) });
    const r = run('count', dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/left out .*b\.tar\.gz: not a type framelab reads/);
    expect(r.stderr).toMatch(/left out .*notes\.docx/);
    expect(r.stderr).toMatch(/left out .*picture\.png/);
    expect(r.stderr).toMatch(/1 document\(s\), 1 paragraph\(s\) from 1 file\(s\), 3 file\(s\) left out/);
  });

  it('reads gzip-compressed files, and refuses a truncated or false one naming it', () => {
    const text = 'id,text\n1,"Гранты, гранты."\n';
    const whole = gzipSync(Buffer.from(text));
    const dir = tempDir({ 'ok.csv.gz': whole, 'cut.csv.gz': whole.subarray(0, whole.length - 8), 'fake.txt.gz': 'not gzip at all' });
    expect(countFrameRows(loadCorpus(path.join(dir, 'ok.csv.gz')), dict).rows[0].гранты).toBe(2);
    expect(errorOf(() => loadCorpus(path.join(dir, 'cut.csv.gz'))).message).toMatch(/cut\.csv\.gz: the gzip file is truncated/);
    expect(errorOf(() => loadCorpus(path.join(dir, 'fake.txt.gz'))).message).toMatch(/fake\.txt\.gz: not a valid gzip file/);
  });

  it('CSV: --text-column and --id-column, extra fields kept under generated names with a note', () => {
    const dir = tempDir({ 'dump.csv': 'link,body,views\nu1,Гранты есть,5,-,7\nu2,Нет грантов,3\n' });
    const corpus = loadCorpus(dir, { idField: 'link', textField: 'body' });
    expect(corpus.documents.map((d) => [d.id, d.meta])).toEqual([
      ['u1', { views: '5', column_4: '-', column_5: '7' }],
      ['u2', { views: '3' }],
    ]);
    const r = run('count', path.join(dir, 'dump.csv'), '--id-column', 'link', '--text-column', 'body');
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/rows have up to 5 fields but the header names 3; the extra fields are kept as column_4…column_5/);
    const noText = run('count', path.join(dir, 'dump.csv'));
    expect(noText.stderr).toMatch(/dump\.csv:1: CSV header has no "text" column \(columns: link, body, views\); name it with --text-column/);
  });

  it('cuts paragraphs by a pattern, and refuses a pattern that is invalid or matches the empty string', () => {
    // the news dumps glued line breaks as "n": "…Новости.nВосемнадцать…"
    const dir = tempDir({ 'd.jsonl': JSON.stringify({ id: 'x', text: 'Первый абзац о грантах.nВторой абзац.nnТретий: «Запад»' }) + '\n' });
    const corpus = loadCorpus(dir, { paragraphs: 'pattern:(?<=[.!?»])n+(?=[\\p{Lu}«])' });
    expect(corpus.documents[0].paragraphs.map((p) => p.text)).toEqual(['Первый абзац о грантах.', 'Второй абзац.', 'Третий: «Запад»']);
    const bad = run('count', dir, '--paragraphs', 'pattern:(unclosed');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/invalid paragraph pattern \/\(unclosed\/: /);
    // matches nothing in an empty text, so it is caught on the first document it meets
    const empty = run('count', dir, '--paragraphs', 'pattern:(?=В)');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toMatch(/the paragraph pattern \/\(\?=В\)\/ matches an empty string \(at character \d+\)/);
    expect(run('count', dir, '--paragraphs', 'pattern:n*').stderr).toMatch(/matches the empty string/);
  });

  it('notices line breaks a dump turned into "n", once for the corpus: cuts there by default, and names the option under lines', () => {
    // "МЧС.nСигнал" and "бедствии.nСпасатели": an n between a sentence end and a capital; "Nokia" and
    // "ОНН.n" (no capital after) are not
    expect(flattenedBreaks('МЧС.nСигнал о бедствии.nСпасатели прибыли. Nokia и ОНН.n')).toEqual({ count: 2, example: 'МЧС.nСигнал о бедс' });
    // the same pattern restores the paragraphs: «Первое.nВторое.nnТретье» → three
    expect(loadCorpus(tempDir({ 'd.jsonl': JSON.stringify({ id: 'x', text: 'Первое.nВторое.nnТретье' }) + '\n' }), { paragraphs: FLATTENED_LINE_BREAKS }).documents[0].paragraphs.map((p) => p.text)).toEqual(['Первое.', 'Второе.', 'Третье']);
    const news = path.join(ROOT, 'data', 'news-sample');
    // cut by lines, as asked: each article stays one paragraph, and one note names the option
    const r = run('count', news, '--id-column', 'url', '--format', 'csv', '--paragraphs', 'lines');
    expect(r.code, r.stderr).toBe(0);
    const notes = r.stderr.split('\n').filter((l) => l.includes('bare "n"'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^framelab: 6 files \(.*gazeta\.csv\.gz, .*interfax\.csv\.gz, .*iz\.csv\.gz, …\): paragraphs seem lost: \d+ place\(s\) in the first MiB/);
    expect(r.stderr).toMatch(/54 document\(s\), 54 paragraph\(s\)/);
    // the sample is under a MiB: the note's two counts are those of the whole corpus, cut now and as advised
    const [, now, restored] = /gives (\d+) paragraph\(s\) as cut now and (\d+) with --paragraphs flattened/.exec(notes[0])!;
    expect(Number(now)).toBe(54);
    // following the note: no note, and the articles get the paragraphs the note announced
    const fixed = run('count', news, '--id-column', 'url', '--paragraphs', 'flattened', '--format', 'csv');
    expect(fixed.stderr).not.toContain('bare "n"');
    const paragraphs = Number(/54 document\(s\), (\d+) paragraph\(s\)/.exec(fixed.stderr)![1]);
    expect(paragraphs).toBe(Number(restored));
    expect(paragraphs).toBeGreaterThan(54 * 3);
    // by default (auto) the articles, which hold no line break, are cut as flattened, the note says so in
    // one line with the same two counts, and the table is the flattened one
    const auto = run('count', news, '--id-column', 'url', '--format', 'csv');
    const autoNotes = auto.stderr.split('\n').filter((l) => l.includes('bare "n"'));
    expect(autoNotes).toHaveLength(1);
    // all 54 articles are such dumps
    expect(autoNotes[0]).toMatch(new RegExp(`: in 54 text\\(s\\) the line breaks had become a bare "n" \\(.*\\), so paragraphs are cut there and an "n" inside a sentence is read as a space: ${restored} paragraph\\(s\\) instead of 54 \\(--paragraphs lines keeps each text whole, "n" and all\\)$`));
    expect(auto.stdout).toBe(fixed.stdout);
    // the named mode is the exported pattern
    expect(run('count', news, '--id-column', 'url', '--paragraphs', FLATTENED_LINE_BREAKS, '--format', 'csv').stdout).toBe(fixed.stdout);
    // a text with real line breaks and two stray n's says nothing
    const plain = tempDir({ 'a.txt': 'Абзац.nПервый.\n\nАбзац.nВторой.\n' });
    expect(run('count', plain).stderr).not.toContain('bare "n"');
  });
});

describe('groups of documents', () => {
  it('totals, rates and tests per group, worked by hand on the toy corpus', () => {
    const table = countFrameRows(loadCorpus(toyCsv(), { idField: 'url' }), dict, { meta: ['outlet'] });
    const rows = compareGroups(table, ['outlet'], { seed: 3, replicates: 500, permutations: 999 });
    const get = (outlet: string, category: string) => rows.find((r) => r.outlet === outlet && r.category === category)!;
    expect(get('A', 'гранты')).toMatchObject({ documents: 2, paragraphs: 2, words: 9, count: 3 });
    expect(get('A', 'гранты').rate_per_1k).toBeCloseTo(3000 / 9, 10);
    expect(get('B', 'запад')).toMatchObject({ words: 9, count: 3 });
    // запад: A 1 of 9 words, B 3 of 9; rate ratio A ÷ B = (1/9)/(3/9) = 1/3; two documents per group
    // are fewer than the 5 an interval needs, so the ratio has none and the row says why
    const rr = get('A', 'запад');
    expect(rr.rate_ratio).toBeCloseTo(1 / 3, 12);
    expect([rr.rr_low, rr.rr_high]).toEqual([null, null]);
    expect(rr.test).toMatch(/rate ratio without interval: a group has fewer than 5 documents/);
    // G² of запад: C = 4 of W = 18; E = 2 in each group; other words 8 vs 6 with E = 7:
    // G² = 2(1 ln(1/2) + 3 ln(3/2) + 8 ln(8/7) + 6 ln(6/7)) = 1.0463
    const g2 = 2 * (Math.log(0.5) + 3 * Math.log(1.5) + 8 * Math.log(8 / 7) + 6 * Math.log(6 / 7));
    expect(rr.g2).toBeCloseTo(g2, 10);
    expect(rr.p_words).toBeCloseTo(1 - chi1cdf(g2), 6);
    // two documents per group: rates without intervals, the reason in the test column
    expect(rows.every((r) => r.count === 0 || (r.ci_low === null && /no interval: 2 documents, fewer than the 5/.test(r.test)))).toBe(true);
  });

  it('one document per group: no interval and no test, each with its reason', () => {
    // a single document has no spread to estimate: no interval (fewer than 5 documents) and no test (fewer than 2)
    const table = countFrameRows(loadCorpus(toyCsv(), { idField: 'url' }), dict, { meta: ['date'] });
    const byUrl = countFrameRows(loadCorpus(toyCsv(), { idField: 'url' }), dict, { meta: ['outlet'] });
    const two = { ...byUrl, rows: byUrl.rows.filter((r) => r.doc === 'a1' || r.doc === 'b1') };
    const rows = compareGroups(two, ['outlet'], { replicates: 200, permutations: 199 });
    for (const r of rows.filter((x) => x.count > 0)) expect([r.ci_low, r.ci_high]).toEqual([null, null]);
    const west = rows.find((r) => r.category === 'запад')!;
    expect(west.p).toBeNull();
    expect(west.test).toMatch(/test undefined: 2 group\(s\) with a single document/);
    expect(table.rows.length).toBe(4);
  });

  it('the same seed gives the same numbers', () => {
    const table = countFrameRows(loadCorpus(toyCsv(), { idField: 'url' }), dict, { meta: ['outlet'] });
    expect(compareGroups(table, ['outlet'], { seed: 9, replicates: 300, permutations: 99 })).toEqual(compareGroups(table, ['outlet'], { seed: 9, replicates: 300, permutations: 99 }));
  });

  it('G² across groups and the rate ratio on textbook numbers', () => {
    // 10 of 1000 words against 30 of 1000: E = 20 and 980 in each group
    const expected = 2 * (10 * Math.log(10 / 20) + 30 * Math.log(30 / 20) + 990 * Math.log(990 / 980) + 970 * Math.log(970 / 980));
    expect(g2Groups([10, 30], [1000, 1000]).statistic).toBeCloseTo(expected, 10);
    expect(expected).toBeCloseTo(10.669, 3);
    expect(g2Groups([0, 0], [10, 20]).p).toBeNaN(); // no word of the category: undefined, not "p = 1"
    const r = rateRatio(30, 1000, 10, 1000);
    expect(r.ratio).toBe(3);
    // exp(ln 3 ± 1.959964·√(1/30 + 1/10)) = exp(1.098612 ± 0.715677)
    expect([r.low, r.high].map((x) => +x.toFixed(4))).toEqual([1.4666, 6.1367]);
  });

  it('Holm and Benjamini–Hochberg on the 15 p-values of Benjamini & Hochberg (1995)', () => {
    const ps = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1];
    // BH at q = 0.05 rejects the four smallest (the paper's worked example): their adjusted p ≤ 0.05, the fifth's above
    const bh = benjaminiHochberg(ps);
    expect(bh.slice(0, 4).every((p) => p <= 0.05)).toBe(true);
    expect(bh[4]).toBeGreaterThan(0.05);
    // by hand: m·p(k)/k = 15·0.0095/4 = 0.035625 for the fourth; for the fifth the smallest of 15·p(k)/k over
    // k ≥ 5: 15·0.0201/5 = 0.0603 (the next are 0.0695, 0.0639, 0.0645, 0.0765, …)
    expect(bh[3]).toBeCloseTo(0.035625, 12);
    expect(bh[4]).toBeCloseTo(0.0603, 12);
    // Holm: the k-th smallest times (m − k + 1), running maximum: 0.0015, 0.0056, 0.0247, 0.114, …
    const h = holm(ps);
    expect(h.slice(0, 4).map((p) => +p.toFixed(6))).toEqual([0.0015, 0.0056, 0.0247, 0.114]);
    expect(holm([0.01, NaN, 0.04])).toEqual([0.02, NaN, 0.04]);
  });
});

describe('time', () => {
  it('reads the date shapes documents carry, and refuses impossible days', () => {
    const iso = (v: unknown) => parseDate(v)?.toISOString().slice(0, 10) ?? null;
    expect(['2019-06-26', '2019-06-26 14:00:00', '2019-06-26T14:00:00Z', '26.06.2019', '2019-06', '2019', 2019].map(iso)).toEqual([
      '2019-06-26', '2019-06-26', '2019-06-26', '2019-06-26', '2019-06-01', '2019-01-01', '2019-01-01',
    ]);
    expect([iso('2019-02-30'), iso('вчера'), iso(''), iso(null), iso('2019-06-26 25:00')]).toEqual([null, null, null, null, null]);
  });

  it('a series has every period from the first to the last, empty ones as zero rows', () => {
    const table = countFrameRows(loadCorpus(toyCsv(), { idField: 'url' }), dict, { meta: ['date'] });
    const { rows } = timeSeries(table, 'date', 'quarter', { permutations: 99 });
    const grants = rows.filter((r) => r.category === 'гранты');
    // a1, b1, a2 fall in 2019-Q1; b2 in 2020-Q1; Q2–Q4 of 2019 are empty
    expect(grants.map((r) => [r.period, r.start, r.documents, r.words, r.count])).toEqual([
      ['2019-Q1', '2019-01-01', 3, 15, 3],
      ['2019-Q2', '2019-04-01', 0, 0, 0],
      ['2019-Q3', '2019-07-01', 0, 0, 0],
      ['2019-Q4', '2019-10-01', 0, 0, 0],
      ['2020-Q1', '2020-01-01', 1, 3, 0],
    ]);
    expect(grants[1].rate_per_1k).toBeNull();
    // two quarters have words, holding 3 and 1 documents: the documents can be assigned to them in
    // only 4!/(3!·1!) = 4 ways, so no p below about 1/4 is possible, and the row says so
    expect(grants[0].p).not.toBeNull();
    expect(grants[0].test).toMatch(/in only 4 distinct ways.*cannot reach p < 0\.05/);
    const monthly = timeSeries(table, 'date', 'month', { permutations: 99 }).rows.filter((r) => r.category === 'гранты');
    expect(monthly.length).toBe(13); // 2019-01 … 2020-01
  });

  it('a date that does not parse is an error naming the document and value, or left out when asked', () => {
    const dir = tempDir({ 'n.jsonl': '{"id":"ok","date":"2019-01-01","text":"гранты"}\n{"id":"bad","date":"весной","text":"запад"}\n' });
    const table = countFrameRows(loadCorpus(dir), dict, { meta: ['date'] });
    expect(errorOf(() => timeSeries(table, 'date', 'year')).message).toMatch(/document "bad" has the date "весной", which is not a date/);
    const { rows, skipped } = timeSeries(table, 'date', 'year', { skipBadDates: true, permutations: 9 });
    expect(skipped).toEqual([{ doc: 'bad', value: 'весной' }]);
    expect(rows.map((r) => r.period)).toEqual(['2019', '2019']);
    expect(errorOf(() => timeSeries(table, 'when', 'year')).message).toMatch(/no column "when"/);
  });

  it('a trend test: ρ = 1 for a rising series, its permutation p near 2/24 for four values', () => {
    const t = trendTest([1, 2, 3, 5], { permutations: 9999, seed: 5 });
    expect(t.rho).toBeCloseTo(1, 12);
    // of the 24 orders of four distinct values, 2 have |ρ| = 1
    expect(t.p).toBeGreaterThan(0.07);
    expect(t.p).toBeLessThan(0.1);
    expect(trendTest([2, 2, 2]).p).toBeNaN();
  });
});

describe('compare from the command line', () => {
  it('groups the news sample by outlet: six outlets × eight categories, with adjusted tests', () => {
    const r = run('compare', 'data/news-sample', '--id-column', 'url', '--by', 'file', '--replicates', '200', '--permutations', '199');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\r\n');
    expect(lines[0].split(',').slice(0, 8)).toEqual(['file', 'category', 'documents', 'paragraphs', 'words', 'count', 'rate_per_1k', 'ci_low']);
    expect(lines[0]).toMatch(/p_holm,p_bh,p_words,test$/);
    expect(lines.length).toBe(1 + 6 * 8);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[0]))).toEqual(new Set(['gazeta.csv.gz', 'interfax.csv.gz', 'iz.csv.gz', 'ria.csv.gz', 'rt.csv.gz', 'tass-001.csv.gz']));
    // nine articles per outlet (data/news-sample.md)
    expect(lines.slice(1).every((l) => l.split(',')[2] === '9')).toBe(true);
  });

  it('builds the yearly series, and refuses a missing field or both modes at once', () => {
    const r = run('compare', 'data/news-sample', '--id-column', 'url', '--date', 'date', '--every', 'year', '--permutations', '99');
    expect(r.code).toBe(0);
    const periods = new Set(r.stdout.trim().split('\r\n').slice(1).map((l) => l.split(',')[0]));
    // 2008 … 2019, empty years included
    expect([...periods]).toEqual(Array.from({ length: 12 }, (_, i) => String(2008 + i)));
    expect(run('compare', 'data/news-sample', '--by', 'outlet').stderr).toMatch(/no document has the field "outlet"/);
    // both at once is a series per group (issue 23); neither is a usage error
    expect(run('compare', 'data/news-sample', '--id-column', 'url').code).toBe(2);
  });
});

describe('Parquet', () => {
  it('writes the count table with its types, and DuckDB reads it back', async () => {
    const dir = toyCsv();
    const out = path.join(tempDir(), 'counts.parquet');
    const r = run('count', dir, '--dict', writeDict(dir), '--id-column', 'url', '--meta', 'outlet', '--rate', '--format', 'parquet', '--out', out, '-q');
    expect(r.code).toBe(0);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { DuckDBInstance } = require('@duckdb/node-api') as typeof import('@duckdb/node-api');
    const con = await (await DuckDBInstance.create(':memory:')).connect();
    const result = await con.runAndReadAll(`SELECT * FROM read_parquet('${out}') ORDER BY doc`);
    const rows = result.getRowObjectsJson();
    expect(rows.map((x) => [x.doc, x.outlet, Number(x.tokens), Number(x.гранты), x.гранты_per_1k])).toEqual([
      ['a1', 'A', 4, 2, 500],
      ['a2', 'A', 5, 1, 200],
      ['b1', 'B', 6, 0, 0],
      ['b2', 'B', 3, 0, 0],
    ]);
    const types = await con.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${out}')`);
    const typeOf = Object.fromEntries(types.getRowObjectsJson().map((t) => [t.column_name, t.column_type]));
    expect([typeOf.doc, typeOf.tokens, typeOf.duplicate_of, typeOf['гранты_per_1k']]).toEqual(['VARCHAR', 'BIGINT', 'BIGINT', 'DOUBLE']);
    con.closeSync();
    expect(run('count', dir, '--format', 'parquet').stderr).toMatch(/--format parquet writes a binary file: give it with --out/);
  });
});

describe('charts for corpora', () => {
  it('group and time charts compile without warnings, Russian by default and English on request', async () => {
    const table = countFrameRows(loadCorpus(toyCsv(), { idField: 'url' }), dict, { meta: ['outlet', 'date'] });
    const warnings: string[] = [];
    const g = groupChart(compareGroups(table, ['outlet'], { replicates: 100, permutations: 9 }));
    const t = timeChart(timeSeries(table, 'date', 'month', { permutations: 9 }).rows, { every: 'month' });
    const tEn = timeChart(timeSeries(table, 'date', 'month', { permutations: 9 }).rows, { every: 'month', labels: 'en' });
    for (const spec of [g, t, tEn]) compileSpec(spec, (w) => warnings.push(w));
    expect(warnings).toEqual([]);
    const svg = await toSVG(t);
    expect(svg).toMatch(/янв 2019|фев|мар/); // Russian month names from the chart's locale
    expect(await toSVG(tEn)).toMatch(/Jan|Feb|March|2019/);
    expect(svg).toContain('Фреймы во времени');
  });

  it('lays out many documents: panels that wrap for a few, one mark per document for many', () => {
    const docs = (n: number, paragraphs: number) =>
      ({
        documents: Array.from({ length: n }, (_, d) => ({
          id: `d${d}`,
          source: 'm',
          encoding: 'utf-8',
          meta: {},
          paragraphs: Array.from({ length: paragraphs }, (_, i) => ({ index: i, text: 'гранты и запад', line: i + 1, duplicateOf: null })),
        })),
        droppedDuplicates: 0,
        options: { paragraphs: 'lines', dedupe: false, encoding: null },
      }) as Parameters<typeof countFrameRows>[0];
    const three = paragraphChart(countFrameRows(docs(3, 4), dict)) as { encoding: { facet?: { columns: number } } };
    expect(three.encoding.facet?.columns).toBe(2);
    const many = paragraphChart(countFrameRows(docs(54, 4), dict)) as { encoding: { x: { field: string } }; title: { subtitle: string } };
    expect(many.encoding.x.field).toBe('doc');
    expect(many.title.subtitle).toMatch(/по документам \(их 54/);
    // totals of several documents: one chart, no panel repeating the category title
    const totals = totalsChart(countFrameRows(docs(3, 4), dict)) as { hconcat?: unknown; encoding: { yOffset: unknown } };
    expect(totals.hconcat).toBeUndefined();
    expect(totals.encoding.yOffset).toBeDefined();
  });
});

/** The χ² distribution function with 1 df: erf(√(x/2)) (Abramowitz–Stegun 7.1.26 is not exact enough; use the series). */
function chi1cdf(x: number): number {
  // erf by its Taylor series, enough terms for x < 10
  const z = Math.sqrt(x / 2);
  let sum = 0;
  let term = z;
  for (let n = 0; n < 60; n++) {
    sum += term / (2 * n + 1);
    term *= (-z * z) / (n + 1);
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}
