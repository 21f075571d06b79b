import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { codingSample, countAgreement, countFrameRows, loadCorpus, loadDictionary, presenceMetrics, readCodedSheet, validateDictionary } from '../src';
import { ARTICLE, CLI, errorOf, ROOT, runAsync, tempDir } from './helpers';

const CODED = path.join(ROOT, 'data', 'coding', 'article-coded.csv');
const corpus = loadCorpus(ARTICLE, { dedupe: true });
const dict = loadDictionary();
const table = countFrameRows(corpus, dict);

describe('codingSample: a coding sheet', () => {
  it('draws from the 30 paragraphs that are not repeats, in corpus order, with empty category columns', () => {
    // the article has 58 paragraphs, 28 of them repeats of 0–27: without --dedupe only the 30 others are drawn
    const full = countFrameRows(loadCorpus(ARTICLE), dict);
    const sheet = codingSample(full, { n: 100, seed: 1 });
    expect(sheet.rows).toHaveLength(30);
    expect(sheet.rows.every((r) => r.weight === 1 && r.stratum === 'all')).toBe(true);
    const paragraphs = sheet.rows.map((r) => r.paragraph);
    expect(paragraphs).toEqual([...paragraphs].sort((a, b) => a - b));
    expect(sheet.columns).toEqual(['doc', 'paragraph', 'stratum', 'weight', 'text', ...dict.categories.map((c) => `${c.name} [0/1]`)]);
    expect(sheet.rows[0]['гранты [0/1]']).toBe('');
    expect(codingSample(full, { n: 3, seed: 1, scale: 'count' }).columns).toContain('гранты [n]');
  });

  it('gives the same sheet for the same seed, another for another seed, and weights N / n', () => {
    const a = codingSample(table, { n: 6, seed: 7 });
    expect(codingSample(table, { n: 6, seed: 7 })).toEqual(a);
    expect(codingSample(table, { n: 6, seed: 8 }).rows.map((r) => r.paragraph)).not.toEqual(a.rows.map((r) => r.paragraph));
    // 30 paragraphs, 6 drawn: each stands for 5
    expect(a.rows.map((r) => r.weight)).toEqual([5, 5, 5, 5, 5, 5]);
  });

  it('stratifies: half matched and half unmatched, or all of the smaller group, with weights N_h / n_h', () => {
    // 28 paragraphs matched some category, 2 matched none (read in the text: 15 «2.Приведение
    // национального законодательства в соответствие с международными обязательствами страны» and the
    // signature 57 name no frame of the dictionary)
    const unmatched = table.rows.filter((r) => r.matched === 0).map((r) => r.paragraph);
    expect(unmatched).toEqual([15, 57]);
    const s = codingSample(table, { n: 10, seed: 3, stratify: true });
    const by = (name: string) => s.rows.filter((r) => r.stratum === name);
    expect(by('unmatched').map((r) => r.paragraph)).toEqual([15, 57]);
    expect(by('unmatched').every((r) => r.weight === 1)).toBe(true);
    // the other 8 rows come from the 28 matched paragraphs: weight 28 / 8 = 3.5; the weights sum to N = 30
    expect(by('matched')).toHaveLength(8);
    expect(by('matched').every((r) => r.weight === 3.5)).toBe(true);
    expect(s.rows.reduce((t, r) => t + r.weight, 0)).toBe(30);
  });
});

describe('presence and count metrics', () => {
  it('counts TP, FP, FN, TN and their shares by hand', () => {
    const m = presenceMetrics([
      { dictionary: 2, coded: 1 },
      { dictionary: 1, coded: 1 },
      { dictionary: 1, coded: 0 },
      { dictionary: 0, coded: 1 },
      { dictionary: 0, coded: 0 },
    ], { replicates: 500, seed: 1 });
    expect([m.tp, m.fp, m.fn, m.tn]).toEqual([2, 1, 1, 1]);
    // precision 2 / 3, recall 2 / 3, F1 = 2 · (4/9) / (4/3) = 2/3
    expect(m.precision).toBeCloseTo(2 / 3, 12);
    expect(m.recall).toBeCloseTo(2 / 3, 12);
    expect(m.f1).toBeCloseTo(2 / 3, 12);
    expect(m.precision_low).toBeLessThanOrEqual(m.precision);
    expect(m.precision_high).toBeGreaterThanOrEqual(m.precision);
  });

  it('weights the shares by the sampling weights', () => {
    // a false positive that stands for 3 paragraphs: precision = 1 / (1 + 3) = 0.25 (unweighted 1/2)
    const m = presenceMetrics([{ dictionary: 1, coded: 1, weight: 1 }, { dictionary: 1, coded: 0, weight: 3 }], { replicates: 100 });
    expect(m.precision).toBeCloseTo(0.25, 12);
    expect([m.tp, m.fp]).toEqual([1, 1]);
  });

  it('leaves undefined shares undefined: no dictionary match gives no precision', () => {
    const m = presenceMetrics([{ dictionary: 0, coded: 1 }, { dictionary: 0, coded: 0 }], { replicates: 100 });
    expect(m.precision).toBeNaN();
    expect(m.recall).toBe(0);
  });

  it('measures counts: mean absolute difference and correlation', () => {
    // |2 − 1| + |0 − 0| + |3 − 3| = 1 over 3 paragraphs; r = 39 / 42 (deviations from the means 5/3 and 4/3)
    const a = countAgreement([{ dictionary: 2, coded: 1 }, { dictionary: 0, coded: 0 }, { dictionary: 3, coded: 3 }]);
    expect(a.mean_abs_diff).toBeCloseTo(1 / 3, 12);
    expect(a.r).toBeCloseTo(39 / 42, 12);
    expect(countAgreement([{ dictionary: 1, coded: 1 }, { dictionary: 1, coded: 0 }]).r).toBeNaN();
  });
});

describe('validateDictionary on the bundled article and its coded sheet', () => {
  const report = validateDictionary(corpus, dict, [CODED], { seed: 1, replicates: 500 });

  it('lists the three paragraphs where the coder found a frame the dictionary has no word for', () => {
    // read in the sheet: 5 (foreign NGOs «поддерживать» activists: funding without a grant word),
    // 7 («конструктивно могли обсуждать»), 14 («Учет предложений НПО в законопроектной деятельности»);
    // 21 («нелегальные формы финансовой поддержки») is no longer missed: the reworked dictionary has the phrase
    expect(report.disagreements.map((d) => [d.paragraph, d.category, d.kind])).toEqual([
      [5, 'гранты', 'coder only'],
      [7, 'диалог', 'coder only'],
      [14, 'диалог', 'coder only'],
    ]);
    expect(report.disagreements[1].context).toMatch(/^В марте 2012 года/); // paragraph 7 of the article
  });

  it('counts the table from the sheet: only the three coded categories, no false positive', () => {
    // coded 1: гранты 12 paragraphs, коррупция 5, диалог 14 (of 30); minus the misses above
    const rows = report.rows.map((r) => [r.category, r.coded, r.tp, r.fp, r.fn, r.tn]);
    expect(rows).toEqual([
      ['гранты', 30, 11, 0, 1, 18],
      ['коррупция', 30, 5, 0, 0, 25],
      ['диалог', 30, 12, 0, 2, 16],
    ]);
    expect(report.rows[0].recall).toBeCloseTo(11 / 12, 12);
    expect(report.rows[2].recall).toBeCloseTo(12 / 14, 12);
  });

  it('with a second coder: alpha between the coders, and the dictionary against their majority', () => {
    // coder B differs from A on гранты in two paragraphs: 5 (B: 0) and 0 (B: 1)
    const dir = tempDir();
    const rows = parse(fs.readFileSync(CODED, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    for (const r of rows) if (r.paragraph === '5') r['гранты [0/1]'] = '0';
    for (const r of rows) if (r.paragraph === '0') r['гранты [0/1]'] = '1';
    const header = Object.keys(rows[0]);
    const csv = [header.join(','), ...rows.map((r) => header.map((h) => `"${r[h].replace(/"/g, '""')}"`).join(','))].join('\n') + '\n';
    fs.writeFileSync(path.join(dir, 'coder-b.csv'), csv);
    const two = validateDictionary(corpus, dict, [CODED, path.join(dir, 'coder-b.csv')], { seed: 1, replicates: 200 });
    // 30 units × 2 coders = 60 values; 11 yes-yes units, 17 no-no, 2 split: n1 = 24, n0 = 36
    // alpha = 1 − (n − 1)(o01 + o10) / (2 n0 n1) = 1 − 59 · 4 / (2 · 36 · 24) = 0.86343
    const grants = two.agreement.find((a) => a.category === 'гранты')!;
    expect(grants.alpha_presence).toBeCloseTo(1 - 236 / 1728, 10);
    expect(grants.units).toBe(30);
    // the two split paragraphs are ties and left out: against the majority the dictionary is right everywhere
    const majority = two.rows.find((r) => r.reference === 'majority' && r.category === 'гранты')!;
    expect([majority.coded, majority.tp, majority.fp, majority.fn, majority.tn]).toEqual([28, 11, 0, 0, 17]);
  });
});

describe('a count sheet', () => {
  it('adds the mean absolute difference and the correlation of the counts', () => {
    // the same codes read as counts ([n]): the coder wrote 1 where the dictionary counts every word
    const dir = tempDir({ 'counts.csv': fs.readFileSync(CODED, 'utf8').replace(/ \[0\/1\]/g, ' [n]') });
    const report = validateDictionary(corpus, dict, [path.join(dir, 'counts.csv')], { seed: 1, replicates: 100 });
    const grants = report.rows.find((r) => r.category === 'гранты')!;
    // 11 paragraphs found by both: |d − 1| sums to (their words) − 11 = total − 11, since no grant word
    // stands outside them; paragraph 5: |0 − 1| = 1; the other 18: 0. Over 30 paragraphs:
    const total = table.rows.reduce((t, r) => t + (r['гранты'] as number), 0);
    expect(grants.mean_abs_diff).toBeCloseTo((total - 11 + 1) / 30, 12);
    expect(grants.r).not.toBeNull();
    // a presence sheet has no count columns to compare
    const presence = validateDictionary(corpus, dict, [CODED], { seed: 1, replicates: 100 }).rows[0];
    expect([presence.mean_abs_diff, presence.r]).toEqual([null, null]);
  });
});

describe('bad sheets', () => {
  const good = fs.readFileSync(CODED, 'utf8');
  const lines = good.split('\r\n');
  const write = (name: string, text: string) => {
    const dir = tempDir({ [name]: text });
    return path.join(dir, name);
  };
  const failOf = (file: string) => errorOf(() => readCodedSheet(file, table)).message;

  it('names the sheet, line and column of each problem', () => {
    // line 2 is paragraph 0; its гранты cell is the sixth column
    const nonNumber = write('a.csv', [lines[0], lines[1].replace(/,0,0,0,,,,,$/, ',да,0,0,,,,,'), ...lines.slice(2)].join('\r\n'));
    expect(failOf(nonNumber)).toBe(`${nonNumber}:2: column "гранты [0/1]": "да" is not 0 or 1`);
    const two = write('b.csv', [lines[0], lines[1].replace(/,0,0,0,,,,,$/, ',2,0,0,,,,,'), ...lines.slice(2)].join('\r\n'));
    expect(failOf(two)).toMatch(/b\.csv:2: column "гранты \[0\/1\]": "2" is not 0 or 1/);
    const unknown = write('c.csv', [lines[0], lines[1].replace(/^ngo-grants-dialogue-2025\.ru,0,/, 'ngo-grants-dialogue-2025.ru,99,'), ...lines.slice(2)].join('\r\n'));
    expect(failOf(unknown)).toMatch(/c\.csv:2: column paragraph: no paragraph 99 in document "ngo-grants-dialogue-2025\.ru"/);
    const missing = write('d.csv', good.replace('диалог [0/1]', 'dialog'));
    expect(failOf(missing)).toMatch(/d\.csv:1: no column "диалог \[0\/1\]" for category "диалог"/);
    const other = write('e.csv', good.replace('диалог [0/1]', 'пытки [0/1]'));
    expect(failOf(other)).toMatch(/e\.csv:1: column "пытки \[0\/1\]": "пытки" is not a category of the dictionary/);
    const edited = write('f.csv', good.replace('13 мая 2025 года', '14 мая 2025 года'));
    expect(failOf(edited)).toMatch(/f\.csv:2: column text: the text differs from paragraph 0/);
    expect(failOf(write('g.csv', 'word,count\r\nа,1\r\n'))).toMatch(/g\.csv:1: no column "doc": not a coding sheet/);
  });

  it('reads a sheet a spreadsheet saved: byte-order mark, semicolons, decimal comma in weights', () => {
    // every row's weight (column 4) written the Russian way, 1,5; fields joined by semicolons
    const rows = (parse(good) as string[][]).map((r, i) => (i === 0 ? r : r.map((f, k) => (k === 3 ? '1,5' : f))));
    const semi = rows.map((r) => r.map((f) => `"${f.replace(/"/g, '""')}"`).join(';')).join('\r\n');
    const file = write('excel.csv', '\ufeff' + semi + '\r\n');
    const sheet = readCodedSheet(file, table);
    expect(sheet.rows).toHaveLength(30);
    expect(sheet.rows.every((r) => r.weight === 1.5)).toBe(true);
  });
});

describe('the commands', () => {
  it('sample writes the same sheet twice (with the BOM for spreadsheets), validate and reliability read them', async () => {
    const dir = tempDir();
    const a = path.join(dir, 'a.csv');
    const b = path.join(dir, 'b.csv');
    for (const out of [a, b]) {
      const r = await runAsync(process.execPath, [CLI, 'sample', ARTICLE, '--n', '8', '--seed', '7', '--stratify', '--excel', '--out', out]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/8 paragraph\(s\) \(6 matched, 2 unmatched\), seed 7, coded as 1\/0/);
    }
    expect(fs.readFileSync(a)).toEqual(fs.readFileSync(b));
    expect([...fs.readFileSync(a).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const v = await runAsync(process.execPath, [CLI, 'validate', ARTICLE, '--dedupe', '--coded', CODED, '--format', 'csv', '--table', 'disagreements']);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout.trim().split('\r\n')).toHaveLength(4); // a header and the three disagreements listed above
    const bad = await runAsync(process.execPath, [CLI, 'validate', ARTICLE, '--coded', path.join(dir, 'missing.csv')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/missing\.csv: cannot read: ENOENT/);
    // the news sample: a sheet drawn from it (articles named by url) is read back against the same corpus
    const news = path.join(ROOT, 'data', 'news-sample');
    const sheet = path.join(dir, 'news.csv');
    const drawn = await runAsync(process.execPath, [CLI, 'sample', news, '--id-column', 'url', '--n', '12', '--seed', '2', '--stratify', '--out', sheet]);
    expect(drawn.code, drawn.stderr).toBe(0);
    // a coder who finds no frame anywhere: every dictionary match is then a disagreement
    const coded = (parse(fs.readFileSync(sheet, 'utf8'), { columns: true }) as Array<Record<string, string>>).map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, k.endsWith('[0/1]') ? '0' : v])),
    );
    const header = Object.keys(coded[0]);
    fs.writeFileSync(sheet, [header.join(','), ...coded.map((r) => header.map((h) => `"${r[h].replace(/"/g, '""')}"`).join(','))].join('\r\n') + '\r\n');
    const nv = await runAsync(process.execPath, [CLI, 'validate', news, '--id-column', 'url', '--coded', sheet, '--format', 'json']);
    expect(nv.code, nv.stderr).toBe(0);
    const metrics = JSON.parse(nv.stdout) as Array<{ category: string; coded: number; tp: number; fn: number; fp: number }>;
    expect(metrics.every((m) => m.coded === 12 && m.tp === 0 && m.fn === 0)).toBe(true);
    // 6 of the 12 rows come from paragraphs the dictionary matched: at least 6 false positives in all
    expect(metrics.reduce((t, m) => t + m.fp, 0)).toBeGreaterThanOrEqual(6);
    const long = path.join(dir, 'long.csv');
    fs.writeFileSync(long, 'unit,coder,value\n1,A,1\n1,B,1\n2,A,0\n2,B,0\n3,A,1\n3,B,0\n');
    const rel = await runAsync(process.execPath, [CLI, 'reliability', long, '--unit-column', 'unit', '--coder-column', 'coder', '--value-column', 'value', '--format', 'json']);
    expect(rel.code, rel.stderr).toBe(0);
    // the small case worked by hand in reliability.test.ts: 4/9
    expect(JSON.parse(rel.stdout)[0].alpha).toBeCloseTo(4 / 9, 4);
  });
});
