import { describe, expect, it } from 'vitest';
import { describeComparison, describeFrames, ruCount, ruList, ruPlural, ruRange, tiedFirst, type FrameTable, type GroupRow, type RuForms } from '../src';
import { tableDisplay } from '../src/notebook/tables';

const DOCUMENT: RuForms = ['документ', 'документа', 'документов'];
const ARTICLE: RuForms = ['статья', 'статьи', 'статей'];
const ROW: RuForms = ['строка', 'строки', 'строк'];

describe('Russian numerals agree with their nouns', () => {
  // Russian grammar: a number ending in 1 (not 11) takes the nominative singular; ending in 2–4
  // (not 12–14) the genitive singular; everything else (0, 5–20, 25, 111) the genitive plural.
  const expected: Array<[number, string, string, string]> = [
    [1, 'документ', 'статья', 'строка'],
    [2, 'документа', 'статьи', 'строки'],
    [5, 'документов', 'статей', 'строк'],
    [11, 'документов', 'статей', 'строк'],
    [21, 'документ', 'статья', 'строка'],
    [22, 'документа', 'статьи', 'строки'],
    [25, 'документов', 'статей', 'строк'],
    [111, 'документов', 'статей', 'строк'],
  ];
  it.each(expected)('%i: %s, %s, %s', (n, document, article, row) => {
    expect(ruPlural(n, DOCUMENT)).toBe(document);
    expect(ruPlural(n, ARTICLE)).toBe(article);
    expect(ruCount(n, ROW)).toBe(`${n} ${row}`);
  });

  it('gives a fraction the genitive singular (1,5 процента)', () => {
    expect(ruPlural(1.5, ['процент', 'процента', 'процентов'])).toBe('процента');
  });

  it('collapses a range whose ends are equal, and makes the noun agree with the upper end', () => {
    expect(ruRange(9, 9, ARTICLE)).toBe('9 статей');
    expect(ruRange(5, 9, ARTICLE)).toBe('5–9 статей');
    expect(ruRange(1, 2, ARTICLE)).toBe('1–2 статьи');
    expect(ruRange(21, 21, ARTICLE)).toBe('21 статья');
  });

  it('lists names as prose does, and finds every member of a tie', () => {
    expect(ruList([])).toBe('');
    expect(ruList(['А'])).toBe('А');
    expect(ruList(['А', 'Б'])).toBe('А и Б');
    expect(ruList(['А', 'Б', 'В', 'Г'])).toBe('А, Б, В и Г');
    const sorted = [4, 4, 4, 4, 1].map((n, i) => ({ i, n }));
    expect(tiedFirst(sorted, (x) => x.n).map((x) => x.i)).toEqual([0, 1, 2, 3]);
    expect(tiedFirst([{ n: 2 }, { n: 1 }], (x) => x.n)).toEqual([{ n: 2 }]);
    expect(tiedFirst([], (x: number) => x)).toEqual([]);
  });
});

/** A group row of one category in one outlet, with the numbers the reading quotes. */
function group(outlet: string, category: string, documents: number, count: number, words = 1000): GroupRow {
  return {
    outlet, category, documents, paragraphs: documents * 3, words, count,
    rate_per_1k: (count * 1000) / words, ci_low: 0, ci_high: 9,
    rate_ratio: null, rr_low: null, rr_high: null,
    // one test per category, the same in each of its rows; p_holm below 0.05: a difference the reading reports
    f_docs: 20, g2: 20, df: 5, p: 0.001, p_holm: 0.002, p_bh: 0.002, p_words: 0.001, test: 'Welch F',
  };
}

describe('generated Russian text', () => {
  it('describeComparison: 54 документа in 6 groups of 9 each, and a four-way tie at the bottom named as a tie', () => {
    // six outlets of 9 documents: 54 (ends in 4 → «документа»), 6 groups (prepositional plural), 9 each (collapsed range)
    const outlets = ['a', 'b', 'c', 'd', 'e', 'f'];
    const counts = [7, 3, 0, 0, 0, 0]; // «запад»: highest in a, lowest in c, d, e and f alike
    const text = describeComparison(outlets.map((o, i) => group(o, 'запад', 9, counts[i])));
    expect(text).toContain('54 документа в 6 группах (outlet): в каждой группе 9 документов.');
    expect(text).not.toMatch(/от 9 до 9|54 документов/);
    expect(text).toContain('«запад»: чаще всего в a (7,0 на 1000 слов, интервал 0,0–9,0), реже всего поровну в c, d, e и f (по 0,0);');
    // more than two groups: the statistic is Cochran's Q (the fixture's f_docs, 20), not an F
    expect(text).toContain('; Q = 20');
  });

  it('describeComparison: a leading group without an interval says so instead of printing dashes', () => {
    // a's 7 matches all in one of its 9 documents: the rate interval is left empty (null, null)
    const rows = ['a', 'b'].map((o, i) => ({ ...group(o, 'запад', 9, [7, 3][i]), ...(i === 0 ? { ci_low: null, ci_high: null } : {}) }));
    const text = describeComparison(rows);
    expect(text).toContain('«запад»: чаще всего в a (7,0 на 1000 слов, без интервала: совпадения в слишком немногих документах), реже всего в b (3,0);');
    expect(text).not.toContain('—–—');
    expect(text).toContain('интервала нет у группы меньше чем из 5 документов и у группы, где совпадения или слова сосредоточены в одном документе.');
  });

  it('describeComparison: a leading group too small for an interval says so, not that its matches sit in few documents', () => {
    // a has 4 documents, fewer than the 5 an interval needs: its interval is empty for that reason
    const rows = ['a', 'b'].map((o, i) => ({ ...group(o, 'запад', [4, 9][i], [7, 3][i]), ...(i === 0 ? { ci_low: null, ci_high: null } : {}) }));
    const text = describeComparison(rows);
    expect(text).toContain('«запад»: чаще всего в a (7,0 на 1000 слов, без интервала: меньше 5 документов), реже всего в b (3,0);');
  });

  it('describeComparison: a category is described when the table tests it, however few its words, and named as untested when not', () => {
    // «нпо»: 6 words in all, tested (p 0,018, Holm 0,09: nominal only); «коррупция»: no word, p empty in the table
    const npo = ['a', 'b', 'c'].map((o, i) => ({ ...group(o, 'нпо', 9, [5, 1, 0][i]), p: 0.018, p_holm: 0.09, p_bh: 0.09, p_words: 0.006 }));
    const corruption = ['a', 'b', 'c'].map((o) => ({ ...group(o, 'коррупция', 9, 0), f_docs: null, g2: null, p: null, p_holm: null, p_bh: null, p_words: null }));
    const text = describeComparison([...npo, ...corruption]);
    // 5 + 1 + 0 = 6 words: «6 слов»
    expect(text).toContain('- «нпо» (всего 6 слов на весь корпус): чаще всего в a (5,0 на 1000 слов, интервал 0,0–9,0), реже всего в c (0,0); Q = 20,0, p по перестановкам документов 0,018, с поправкой Холма 0,090');
    expect(text).toContain('Не проверялись — слов категории нет или все они в одной статье (в скобках — слов на весь корпус): «коррупция» (0).');
    expect(text).not.toMatch(/нпо» \(6\)/);
  });

  it('describeComparison: an uneven split reads as a range, after «до» in the genitive', () => {
    // 1 + 21 = 22 documents (ends in 2 → «документа»); 2 groups; «до 21 документа» (genitive singular after до)
    const text = describeComparison([group('a', 'x', 1, 20), group('b', 'x', 21, 10)]);
    expect(text).toContain('22 документа в 2 группах (outlet): от 1 до 21 документа в группе.');
  });

  it('describeFrames: words agree with their number, and a tie for the lead is a tie', () => {
    // one paragraph of 21 words: «21 слово»; a and b both counted twice, c once: a and b share the lead
    const table: FrameTable = {
      columns: ['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched', 'a', 'b', 'c'],
      categories: ['a', 'b', 'c'],
      rows: [{ doc: 'd', paragraph: 0, tokens: 21, duplicate_of: null, matched: 5, a: 2, b: 2, c: 1 }],
      texts: [''],
    };
    const text = describeFrames(table, 1);
    expect(text).toContain('В 1 абз. — 21 слово.');
    // 2 in 21 words = 95,2 per 1000; c: 1 in 21 = 47,6
    expect(text).toContain('Чаще всего встречаются, поровну, фреймы «a» (2 сл., 95,2 на 1000) и «b» (2 сл., 95,2 на 1000), за ними «c» (1 сл., 47,6 на 1000).');
  });

  it('describeFrames: a part led by several frames names them all', () => {
    // two paragraphs of 10 words: the first (first half) has a and b once each; the second only c twice
    const table: FrameTable = {
      columns: ['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched', 'a', 'b', 'c'],
      categories: ['a', 'b', 'c'],
      rows: [
        { doc: 'd', paragraph: 0, tokens: 10, duplicate_of: null, matched: 2, a: 1, b: 1, c: 0 },
        { doc: 'd', paragraph: 1, tokens: 10, duplicate_of: null, matched: 2, a: 0, b: 0, c: 2 },
      ],
      texts: ['', ''],
    };
    // 1 in 10 words = 100 per 1000; c: 2 in 10 = 200
    expect(describeFrames(table, 2)).toContain('По ходу текста: в первой половине поровну ведут «a» и «b» (по 100,0 на 1000 слов); во второй половине ведёт «c» (200,0 на 1000 слов).');
  });

  it('a notebook table says how many rows it left out in agreement: ещё 2 строки, ещё 5 строк, ещё 21 строка', () => {
    const more = (n: number) => tableDisplay({ columns: ['x'], rows: Array.from({ length: n + 1 }, () => ['a']) }, { limit: 1 }).text.split('\n').pop();
    expect(more(2)).toBe('… ещё 2 строки');
    expect(more(5)).toBe('… ещё 5 строк');
    expect(more(21)).toBe('… ещё 21 строка');
  });
});
