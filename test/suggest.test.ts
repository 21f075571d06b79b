import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { dictionaryFromObject, stemPattern, suggestChart, suggestTerms } from '../src';
import { CLI, errorOf, memoryCorpus, STACK_LINE, tempDir } from './helpers';

// A tiny coded sheet, one document d0. The dictionary finds "гранты" by грант* and (wrongly) спорт*.
//   P0 Фонд выделил гранты активистам.           coded 1  found (грант*)        weight 1 (matched stratum)
//   P1 Фонд оказал поддержку активистам.         coded 1  missed                weight 2
//   P2 Иностранная поддержка пришла активистам.  coded 1  missed                weight 2
//   P3 Погода была хорошей весь день.            coded 0  left alone            weight 2
//   P4 Спортсмены тренировались весь день.       coded 0  found (спорт*): a false positive, weight 2
//   P5 Активисты вышли на улицы.                 coded 0  left alone            weight 2
// Before: TP = P0, FP = P4, FN = P1, P2, TN = P3, P5.
//   recall = w(TP) / w(coded 1) = 1 / (1 + 2 + 2) = 0.2; precision = 1 / (1 + 2) = 1/3
// The lemma поддержка stands in both missed paragraphs (поддержку, поддержка → pattern поддержк*) and nowhere else:
//   support 2 of 2, precision 4/4 = 1, recall gain w(P1, P2) / w(coded 1) = 4/5 = 0.8, recall after 1,
//   precision after (1 + 4) / (1 + 2 + 4) = 5/7.
// The lemma активист stands in both missed paragraphs too, but also in P0 (coded 1) and P5 (coded 0):
//   precision (1 + 2 + 2) / (1 + 2 + 2 + 2) = 5/7 = 0.714 (unweighted it would be 3/4), below the default 0.8.
// Every other word of P1 and P2 stands in one of them only: support 1, not tried at the default minSupport 2.
const TEXTS = [
  'Фонд выделил гранты активистам.',
  'Фонд оказал поддержку активистам.',
  'Иностранная поддержка пришла активистам.',
  'Погода была хорошей весь день.',
  'Спортсмены тренировались весь день.',
  'Активисты вышли на улицы.',
];
const CODED = [1, 1, 1, 0, 0, 0];
const corpus = memoryCorpus(TEXTS);
const dict = dictionaryFromObject({ гранты: ['грант*', 'спорт*'], коррупция: ['взятк*'] });

function sheet(coded: Array<number | ''>, columns = ['гранты [0/1]', 'коррупция [0/1]']): string {
  const head = ['doc', 'paragraph', 'stratum', 'weight', 'text', ...columns].join(',');
  const rows = TEXTS.map((t, i) => [`d0`, i, i === 0 ? 'matched' : 'unmatched', i === 0 ? 1 : 2, t, coded[i], ''].slice(0, 5 + columns.length).join(','));
  return [head, ...rows].join('\n') + '\n';
}

describe('suggestTerms', () => {
  const dir = tempDir({ 'a.csv': sheet(CODED) });
  const A = path.join(dir, 'a.csv');

  it('finds the word of the missed paragraphs, with its support, weighted precision and recall gain', () => {
    const report = suggestTerms(corpus, dict, [A], { category: 'гранты' });
    expect(report.summary).toEqual([
      { category: 'гранты', coded: 6, disagreed: 0, tp: 1, fp: 1, fn: 2, tn: 2, recall: 0.2, precision: 1 / 3, tried: expect.any(Number), kept: 1 },
    ]);
    expect(report.candidates).toHaveLength(1);
    expect(report.candidates[0]).toMatchObject({
      category: 'гранты',
      rank: 1,
      kind: 'lemma',
      candidate: 'поддержка',
      pattern: 'поддержк*',
      support: 2,
      missed: 2,
      support_share: 1,
      support_docs: 1,
      tn_hits: 0,
      hits_coded_1: 2,
      hits_coded_0: 0,
      precision: 1,
      recall_before: 0.2,
      recall_after: 1,
      precision_before: 1 / 3,
    });
    expect(report.candidates[0].recall_gain).toBeCloseTo(0.8, 12);
    expect(report.candidates[0].precision_after).toBeCloseTo(5 / 7, 12);
    expect(report.candidates[0].examples).toBe('Фонд оказал [поддержку] активистам. | Иностранная [поддержка] пришла активистам.');
    expect(report.candidates[0].note).toMatch(/2 of 2 missed paragraph\(s\): an anecdote/);
  });

  it('lists a less precise word below a lower threshold, ranked after the precise one', () => {
    const report = suggestTerms(corpus, dict, [A], { category: 'гранты', minPrecision: 0.7, bigrams: false });
    expect(report.candidates.map((c) => [c.pattern, c.rank])).toEqual([
      ['поддержк*', 1],
      ['активист*', 2],
    ]);
    const activist = report.candidates[1];
    expect(activist).toMatchObject({ support: 2, tn_hits: 1, hits_coded_1: 3, hits_coded_0: 1 });
    expect(activist.precision).toBeCloseTo(5 / 7, 12);
    // adding it finds P1 and P2 (4 of 5) but also P5: precision after (1 + 4) / (1 + 2 + 4 + 2) = 5/9
    expect(activist.precision_after).toBeCloseTo(5 / 9, 12);
  });

  it('lists the dictionary’s patterns whose hits the readers rejected', () => {
    const report = suggestTerms(corpus, dict, [A], { category: 'гранты' });
    // спорт* hits P4 only, coded 0; грант* hits P0 only, coded 1: not listed
    expect(report.rejected).toEqual([
      { category: 'гранты', pattern: 'спорт*', hits_coded_0: 1, hits_coded_1: 0, precision: 0, forms: 'спортсмены', examples: '[Спортсмены] тренировались весь день.' },
    ]);
  });

  it('with two sheets, uses only the paragraphs the coders agree on', () => {
    // coder B codes P2 as 0: P2 is left out, so поддержка stands in one missed paragraph only
    const B = path.join(dir, 'b.csv');
    fs.writeFileSync(B, sheet([1, 1, 0, 0, 0, 0]));
    const report = suggestTerms(corpus, dict, [A, B], { category: 'гранты' });
    expect(report.summary[0]).toMatchObject({ coded: 5, disagreed: 1, tp: 1, fn: 1 });
    expect(report.candidates).toEqual([]);
    const loose = suggestTerms(corpus, dict, [A, B], { category: 'гранты', minSupport: 1, bigrams: false });
    const support = loose.candidates.find((c) => c.pattern === 'поддержк*')!;
    // P1 only: recall gain w(P1) / w(P0, P1) = 2/3
    expect(support).toMatchObject({ support: 1, missed: 1, hits_coded_1: 1 });
    expect(support.recall_gain).toBeCloseTo(2 / 3, 12);
  });

  it('refuses an unknown category, a category the sheet does not code, a sheet without its column', () => {
    expect(errorOf(() => suggestTerms(corpus, dict, [A], { category: 'нет' })).message).toBe('no category "нет" in dictionary dictionary (it has гранты, коррупция)');
    expect(errorOf(() => suggestTerms(corpus, dict, [A], { category: 'коррупция' })).message).toMatch(/no paragraph is coded for category "коррупция" \(its column is empty\)/);
    const C = path.join(dir, 'c.csv');
    fs.writeFileSync(C, sheet(CODED, ['гранты [0/1]']));
    expect(errorOf(() => suggestTerms(corpus, dict, [C])).message).toMatch(/no column "коррупция \[0\/1\]" for category "коррупция"/);
    // without a category, the uncoded one is skipped
    expect(suggestTerms(corpus, dict, [A]).summary.map((s) => s.category)).toEqual(['гранты']);
  });

  it('charts one category’s candidates', () => {
    const report = suggestTerms(corpus, dict, [A], { category: 'гранты' });
    const spec = suggestChart(report.candidates) as unknown as { title: { text: string }; data: { values: Array<{ pattern: string; label: string }> } };
    expect(spec.title.text).toBe('Кандидаты в словарь: «гранты»');
    expect(spec.data.values).toMatchObject([{ pattern: 'поддержк*', label: '2 из 2' }]);
  });
});

describe('stemPattern', () => {
  it('takes the beginning the lemma shares with its forms, or the lemma itself', () => {
    expect(stemPattern('поддержка', ['поддержку', 'поддержки'])).toBe('поддержк*');
    expect(stemPattern('переговоры', ['переговоров'])).toBe('переговор*');
    expect(stemPattern('о', ['об'])).toBe('о');
    expect(stemPattern('идти', ['шли'])).toBe('идти');
    expect(stemPattern('диалог', [])).toBe('диалог');
  });
});

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('framelab suggest', () => {
  // the same paragraphs as a text file: document "c", paragraphs by blank lines
  const dir = tempDir({ 'c.txt': TEXTS.join('\n\n') + '\n', 'd.yaml': 'гранты: [грант*, спорт*]\nкоррупция: [взятк*]\n' });
  fs.writeFileSync(path.join(dir, 'a.csv'), sheet(CODED).replace(/^d0,/gm, 'c,'));

  it('writes the candidates, the rejected patterns and the summary', () => {
    const r = run('suggest', path.join(dir, 'c.txt'), '--dict', path.join(dir, 'd.yaml'), '--coded', path.join(dir, 'a.csv'));
    expect(r.code, r.stderr).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((x) => [x.category, x.pattern, x.support, x.precision, x.recall_gain])).toEqual([['гранты', 'поддержк*', '2', '1', '0.8']]);
    expect(r.stderr).toMatch(/гранты: 2 missed of 3 coded 1 \(6 paragraphs\)/);
    const rejected = run('suggest', path.join(dir, 'c.txt'), '--dict', path.join(dir, 'd.yaml'), '--coded', path.join(dir, 'a.csv'), '--table', 'rejected', '--format', 'json');
    expect((JSON.parse(rejected.stdout) as Array<{ pattern: string }>).map((x) => x.pattern)).toEqual(['спорт*']);
    const all = run('suggest', path.join(dir, 'c.txt'), '--dict', path.join(dir, 'd.yaml'), '--coded', path.join(dir, 'a.csv'), '--table', 'all', '--format', 'table');
    expect(all.stdout).toMatch(/== candidates[\s\S]*== rejected[\s\S]*== summary/);
  });

  it('refuses bad options and an unknown category with one line', () => {
    const base = [path.join(dir, 'c.txt'), '--dict', path.join(dir, 'd.yaml'), '--coded', path.join(dir, 'a.csv')];
    const unknown = run('suggest', ...base, '--category', 'нет');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toMatch(/no category "нет"/);
    expect(unknown.stderr).not.toMatch(STACK_LINE);
    expect(run('suggest', ...base, '--min-precision', '2').stderr).toMatch(/--min-precision must be a number from 0 to 1/);
    expect(run('suggest', ...base, '--table', 'all').stderr).toMatch(/CSV holds one table/);
    // the coded sheet is an input: never overwritten
    const before = fs.readFileSync(path.join(dir, 'a.csv'), 'utf8');
    const over = run('suggest', ...base, '--out', path.join(dir, 'a.csv'));
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/would overwrite the input/);
    expect(fs.readFileSync(path.join(dir, 'a.csv'), 'utf8')).toBe(before);
  });
});
