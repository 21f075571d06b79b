import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { contextChart, contextTerms, dictionaryFromObject } from '../src';
import { ARTICLE, CLI, errorOf, memoryCorpus, STACK_LINE, tempDir } from './helpers';

// Two paragraphs, counted by form:
//   P0: деньги(0) деньги(1) грант(2) деньги(3) слово(4)
//   P1: слово слово деньги слово слово слово
const corpus = memoryCorpus(['деньги деньги грант деньги слово', 'слово слово деньги слово слово слово']);

describe('context words of a pattern', () => {
  it('window 1: two "деньги" inside, G² and log ratio as worked by hand', () => {
    // node: P0 position 2. Window ±1: positions 1 and 3 (деньги, деньги): inside 2 words.
    // Elsewhere: P0 positions 0 (деньги) and 4 (слово), P1 all six: деньги 2, слово 6, 8 words.
    // Only "деньги" is seen inside, so it alone is compared: a = 2, b = 2, c = 2, d = 8.
    // E1 = 2·4/10 = 0.8, E2 = 8·4/10 = 3.2; G² = 2(2 ln(2/0.8) + 2 ln(2/3.2)) = 4 ln 1.5625 = 1.785148
    // p = P(χ²₁ > 1.785148) = erfc(√(1.785148/2)) = 0.181518; one word: Holm = BH = p
    // log ratio = log2((2/2)/(2/8)) = 2; SE = √(1/2 + 1/2)/ln 2 = 1.442695; ± 1.959964 · 1.442695 = ± 2.827630
    const rows = contextTerms(corpus, { pattern: 'грант' }, { window: 1, by: 'form', minCount: 1 });
    expect(rows).toHaveLength(1);
    const [r] = rows;
    expect(r).toMatchObject({ word: 'деньги', inside: 2, outside: 2, inside_per_1k: 1000, outside_per_1k: 250, log_ratio: 2 });
    expect(r.g2).toBeCloseTo(1.785148, 5);
    expect(r.p).toBeCloseTo(0.181518, 5);
    expect(r.p_holm).toBeCloseTo(0.181518, 5);
    expect(r.p_bh).toBeCloseTo(0.181518, 5);
    expect(r.lr_low).toBeCloseTo(2 - 2.82763, 4);
    expect(r.lr_high).toBeCloseTo(2 + 2.82763, 4);
    // the one window, the match in brackets and the word in braces
    expect(r.examples).toBe('{деньги} [грант] {деньги}');
    expect(r.test).toMatch(/inside the windows 2 words, elsewhere 8 words; family of 1 words/);
  });

  it('window 2: the family holds the words less frequent inside too, and only the others are listed', () => {
    // Window ±2 covers all of P0 but the node: деньги 3, слово 1 inside (4 words); elsewhere P1: деньги 1, слово 5 (6 words).
    // деньги: a=3, b=1: E1 = 4·4/10 = 1.6, E2 = 2.4; G² = 2(3 ln(3/1.6) + ln(1/2.4)) = 2.020714, p = 0.155166;
    //   log ratio = log2((3/4)/(1/6)) = log2 4.5 = 2.169925
    // слово: a=1, b=5: E1 = 2.4, E2 = 3.6; G² = 2(ln(1/2.4) + 5 ln(5/3.6)) = 1.534103, p = 0.215498;
    //   log ratio = log2((1/4)/(5/6)) < 0: compared, not listed
    // Holm over the two: 2 · 0.155166 = 0.310332. BH: min(2 · 0.155166 / 1, 2 · 0.215498 / 2) = 0.215498
    const rows = contextTerms(corpus, { pattern: 'грант' }, { window: 2, by: 'form', minCount: 1 });
    expect(rows.map((r) => r.word)).toEqual(['деньги']);
    expect(rows[0].g2).toBeCloseTo(2.020714, 5);
    expect(rows[0].log_ratio).toBeCloseTo(2.169925, 5);
    expect(rows[0].p_holm).toBeCloseTo(0.310332, 5);
    expect(rows[0].p_bh).toBeCloseTo(0.215498, 5);
    expect(rows[0].test).toMatch(/family of 2 words/);
  });

  it('counts a position once where windows overlap, and leaves the pattern’s own words out', () => {
    // P0: грант(0) деньги(1) грант(2): both windows (±1) hold position 1 — counted once.
    // P2: гранты matches too (lemma грант): its window holds слово; деньги two words on stays outside (1)
    const c = memoryCorpus(['грант деньги грант', 'слово слово', 'гранты слово деньги слово']);
    const rows = contextTerms(c, { pattern: 'грант' }, { window: 1, by: 'form', minCount: 1 });
    expect(rows.find((r) => r.word === 'деньги')).toMatchObject({ inside: 1, outside: 1 });
    // a two-word pattern: иностранные(0) гранты(1) are the match; ±2 covers деньги(2) and гранты(3), which stands
    // alone, so it is no match, but it is a word of the pattern: compared, then left out of the rows
    const multi = contextTerms(memoryCorpus(['иностранные гранты деньги гранты', 'гранты слово слово слово']), { pattern: 'иностранн* грант*' }, { window: 2, by: 'form', minCount: 1 });
    expect(multi.map((r) => r.word)).toEqual(['деньги']);
    expect(multi[0]).toMatchObject({ inside: 1, outside: 0 });
    expect(multi[0].examples).toBe('[иностранные гранты] {деньги} гранты');
    expect(multi[0].test).toMatch(/1 word\(s\) of the pattern "иностранн\* грант\*" itself left out/);
  });

  it('groups by lemma by default, keeps windows in their paragraph, honours minCount and top', () => {
    // lemma "деньга"/"деньги" whatever Az.js says, the two forms деньги/денег share it; the windows do not run into P1
    // inside (±3, paragraph P0 only): денег, нет, деньги → деньги 2, нет 1 (3 words); elsewhere: P1, 9 words, деньги 3
    // деньги: log2((2/3)/(3/9)) = 1 > 0, listed; нет: 1 inside, 0 elsewhere, listed
    const c = memoryCorpus(['денег нет грант деньги', 'деньги деньги деньги слово слово слово слово слово слово']);
    const rows = contextTerms(c, { pattern: 'грант' }, { window: 3, minCount: 1 });
    const money = rows.find((r) => r.inside === 2);
    expect(money).toBeDefined();
    expect(money!.outside).toBe(3);
    expect(contextTerms(c, { pattern: 'грант' }, { window: 3, minCount: 3 })).toEqual([]);
    expect(contextTerms(c, { pattern: 'грант' }, { window: 3, minCount: 1, top: 1 })).toHaveLength(1);
  });

  it('takes a category of a dictionary, and refuses what matches nothing or is not there', () => {
    const dict = dictionaryFromObject({ гранты: ['грант*'], другое: ['квазар*'] });
    const rows = contextTerms(corpus, { category: 'гранты', dictionary: dict }, { window: 1, by: 'form', minCount: 1 });
    expect(rows.map((r) => r.word)).toEqual(['деньги']);
    expect(errorOf(() => contextTerms(corpus, { pattern: 'квазар*' })).message).toBe('pattern "квазар*" matches nothing in the corpus: no windows to compare');
    expect(errorOf(() => contextTerms(corpus, { category: 'другое', dictionary: dict })).message).toMatch(/category "другое" matches nothing/);
    expect(errorOf(() => contextTerms(corpus, { category: 'нет', dictionary: dict })).message).toMatch(/no category "нет" in dictionary/);
    expect(errorOf(() => contextTerms(corpus, { pattern: '' })).message).toMatch(/empty pattern/);
    expect(() => contextTerms(corpus, { pattern: 'грант' }, { window: 0 })).toThrow(RangeError);
  });

  it('charts the words by log ratio with their intervals, labelled in Russian', () => {
    const rows = contextTerms(corpus, { pattern: 'грант' }, { window: 2, by: 'form', minCount: 1 });
    const spec = contextChart(rows, { pattern: 'грант', window: 2 }) as unknown as { title: { text: string }; data: { values: Array<{ word: string }> } };
    expect(spec.title.text).toBe('Слова рядом с «грант»');
    expect(spec.data.values.map((v) => v.word)).toEqual(['деньги']);
  });
});

function run(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('framelab context', () => {
  it('lists the words near a pattern with counts, G², log ratio, adjusted p and examples', () => {
    const dir = tempDir({ 'c.txt': 'деньги деньги грант деньги слово\n\nслово слово деньги слово слово слово\n' });
    const r = run('context', 'грант', path.join(dir, 'c.txt'), '--window', '1', '--by', 'form', '--min-count', '1');
    expect(r.code, r.stderr).toBe(0);
    const rows = parse(r.stdout, { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((x) => [x.word, x.inside, x.outside, x.examples])).toEqual([['деньги', '2', '2', '{деньги} [грант] {деньги}']]);
    expect(Object.keys(rows[0])).toEqual(['word', 'inside', 'outside', 'inside_per_1k', 'outside_per_1k', 'log_ratio', 'lr_low', 'lr_high', 'g2', 'p', 'p_holm', 'p_bh', 'examples', 'test']);
    expect(r.stderr).toMatch(/1 word\(s\) more frequent within ±1 words of "грант"/);
  });

  it('takes --category with the bundled dictionary: every argument is then a path', () => {
    const r = run('context', '--category', 'коррупция', ARTICLE, '--dedupe', '--format', 'json', '--top', '3');
    expect(r.code, r.stderr).toBe(0);
    const rows = JSON.parse(r.stdout) as Array<{ word: string; inside: number; log_ratio: number }>;
    expect(rows.length).toBeLessThanOrEqual(3);
    expect(rows.every((x) => x.inside >= 2 && x.log_ratio > 0)).toBe(true);
  });

  it('refuses --out naming the corpus, and keeps it', () => {
    const dir = tempDir({ 'c.txt': 'деньги грант деньги\n' });
    const file = path.join(dir, 'c.txt');
    const r = run('context', 'грант', file, '--out', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/would overwrite the input/);
    expect(fs.readFileSync(file, 'utf8')).toBe('деньги грант деньги\n');
  });

  it('refuses a pattern that matches nothing, an empty one, a missing corpus, with one line and no stack', () => {
    const nothing = run('context', 'квазар*', ARTICLE);
    expect(nothing.code).not.toBe(0);
    expect(nothing.stderr).toMatch(/pattern "квазар\*" matches nothing in the corpus/);
    expect(nothing.stderr).not.toMatch(STACK_LINE);
    const empty = run('context', '', ARTICLE);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/the pattern is empty/);
    const alone = run('context', 'грант*');
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/no corpus after the pattern "грант\*"/);
    const both = run('context', 'грант*', '--category', 'гранты', ARTICLE);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/"грант\*" is no file or folder: with --category every argument is a corpus path/);
    const unknown = run('context', '--category', 'нет', ARTICLE);
    expect(unknown.stderr).toMatch(/no category "нет" in dictionary/);
  });
});
