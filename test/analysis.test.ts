import { describe, expect, it } from 'vitest';
import {
  categoryCorrelations,
  categoryStatistics,
  collocates,
  cooccurrenceTests,
  dictionaryFromObject,
  keyness,
  kwic,
  loadCorpus,
  partitionCorpus,
  positionTests,
} from '../src';
import type { FrameTable } from '../src';
import { ARTICLE, memoryCorpus } from './helpers';

const corpusOf = memoryCorpus;

describe('KWIC', () => {
  const corpus = corpusOf(['Гранты идут НКО.', 'Мы говорим: «гранты» и снова гранты, а потом конец.']);

  it('gives window words of context as written, stopping at the paragraph edge', () => {
    // words: Гранты(0) идут(1) НКО(2) | Мы(3) говорим(4) гранты(5) и(6) снова(7) гранты(8) а(9) потом(10) конец(11)
    // context runs from the first to the last context word as written (inner punctuation kept)
    const rows = kwic(corpus, { pattern: 'грант*' }, { window: 2 });
    expect(rows.map((r) => [r.paragraph, r.word, r.left, r.match, r.right])).toEqual([
      // first word of the document: no left context; the right context is cut at the paragraph's end
      [0, 0, '', 'Гранты', 'идут НКО'],
      [1, 5, 'Мы говорим', 'гранты', 'и снова'],
      [1, 8, 'и снова', 'гранты', 'а потом'],
    ]);
  });

  it('crosses into the neighbouring paragraph only when asked, marking the break', () => {
    const rows = kwic(corpus, { pattern: 'грант*' }, { window: 3, crossParagraphs: true });
    expect(rows[0].right).toBe('идут НКО ¶ Мы');
    expect(rows[1].left).toBe('НКО ¶ Мы говорим');
  });

  it('sorts by the word to the left or right', () => {
    const rows = kwic(corpusOf(['в грант', 'а грант', 'б грант']), { pattern: 'грант' }, { window: 1, sort: 'left' });
    expect(rows.map((r) => r.left)).toEqual(['а', 'б', 'в']);
  });

  it('matches a multi-word pattern once and a category by all its patterns', () => {
    const dict = dictionaryFromObject({ гранты: ['иностранн* грант*', 'донор*'] });
    const rows = kwic(corpusOf(['Иностранные гранты и доноры.']), { category: 'гранты', dictionary: dict }, { window: 1 });
    expect(rows.map((r) => r.match)).toEqual(['Иностранные гранты', 'доноры']);
    expect(() => kwic(corpusOf(['x']), { category: 'нет', dictionary: dict })).toThrow(/no category "нет"/);
  });
});

describe('collocates', () => {
  // node "грант" in paragraph 0 with "деньги" around it; paragraph 1 holds "деньги" far from any node
  const corpus = corpusOf(['деньги грант деньги', 'деньги слово слово слово']);

  it('counts window positions once, excludes the node, and stays in the paragraph', () => {
    const [row] = collocates(corpus, { pattern: 'грант' }, { window: 2, minFreq: 1, by: 'form' });
    // windows: positions 0 and 2 of paragraph 0 (the paragraph ends there): R1 = 2, both "деньги": O11 = 2
    // "деньги" occurs 3 times in N = 7 words: E11 = 2·3/7 = 0.857; MI = log2(2/0.857) = log2(7/3)
    expect(row).toMatchObject({ collocate: 'деньги', freq: 2, total: 3 });
    expect(row.expected).toBeCloseTo(6 / 7, 12);
    expect(row.mi).toBeCloseTo(Math.log2(7 / 3), 4);
  });

  it('crosses paragraphs when asked', () => {
    const rows = collocates(corpus, { pattern: 'грант' }, { window: 2, minFreq: 1, by: 'form', crossParagraphs: true });
    // the window now reaches the first word of paragraph 1: R1 = 3, "деньги" 3 times in it
    expect(rows.find((r) => r.collocate === 'деньги')!.freq).toBe(3);
  });
});

describe('keyness', () => {
  it('compares a target with a reference by G² and log ratio', () => {
    // target: 10 words, "грант" 4 times; reference: 10 words, "грант" once
    const target = corpusOf(['грант грант грант грант а б в г д е']);
    const reference = corpusOf(['грант ж з и к л м н о п']);
    const row = keyness(target, reference, { by: 'form' }).find((r) => r.word === 'грант')!;
    // E1 = E2 = 2.5; G² = 2(4 ln(4/2.5) + 1 ln(1/2.5)) = 2(1.880015 − 0.916291) = 1.927448
    expect(row.g2).toBeCloseTo(1.9274, 4);
    expect(row.log_ratio).toBeCloseTo(2, 12);
    expect([row.target_freq, row.reference_freq]).toEqual([4, 1]);
  });

  it('splits a corpus into a document and the rest', () => {
    const { target, rest } = partitionCorpus(corpusOf(['а'], ['б', 'в']), (doc) => doc.id === 'd1');
    expect(target.documents.map((d) => d.id)).toEqual(['d1']);
    expect(rest.documents.map((d) => d.id)).toEqual(['d0']);
  });
});

/** Four paragraphs of 10 words with hand-set counts of two categories. */
function table(a: number[], b: number[]): FrameTable {
  return {
    columns: ['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched', 'a', 'b'],
    categories: ['a', 'b'],
    rows: a.map((x, i) => ({ doc: 'd', paragraph: i, tokens: 10, duplicate_of: null, matched: x + b[i], a: x, b: b[i] })),
    texts: a.map(() => ''),
  };
}

describe('frame statistics', () => {
  it('per category: total, rate, mean, median, sd, share of paragraphs', () => {
    const [a] = categoryStatistics(table([0, 1, 2, 3], [0, 0, 0, 0]), { seed: 1, replicates: 200 });
    // 6 matches in 40 words = 150 per 1000; mean 1.5; median 1.5; sample sd √(5/3) = 1.290994; 3 of 4 paragraphs
    expect(a).toMatchObject({ total: 6, words: 40, rate_per_1k: 150, mean_per_paragraph: 1.5, median_per_paragraph: 1.5, share_with_match: 0.75 });
    expect(a.sd_per_paragraph).toBeCloseTo(Math.sqrt(5 / 3), 12);
    // one text of 4 paragraphs: fewer than the 5 units an interval needs, so none, and the reason
    expect([a.ci_low, a.ci_high].every(Number.isNaN)).toBe(true);
    expect(a.test).toMatch(/no interval: 4 paragraphs .*fewer than the 5/);
  });

  it('correlation of per-paragraph rates', () => {
    // rates a = 0,100,200,300 and b = 300,200,100,0 per 1000: r = −1
    const [row] = categoryCorrelations(table([0, 1, 2, 3], [3, 2, 1, 0]), { permutations: 99, seed: 1 });
    expect(row).toMatchObject({ a: 'a', b: 'b', unit: 'paragraph', n: 4 });
    expect(row.pearson_r).toBeCloseTo(-1, 12);
    expect(row.spearman_r).toBeCloseTo(-1, 12);
  });

  it('co-occurrence: observed against expected paragraphs with both, Fisher and χ²', () => {
    // presence a: 1 1 0 0, b: 1 1 1 0 → both 2, a only 0, b only 1, neither 1; expected both = 2·3/4 = 1.5
    const [row] = cooccurrenceTests(table([1, 2, 0, 0], [1, 1, 1, 0]));
    expect(row).toMatchObject({ both: 2, a_only: 0, b_only: 1, neither: 1, expected_both: 1.5 });
    expect(row.ratio).toBeCloseTo(4 / 3, 12);
    // expected cells 2·3/4, 2·1/4, 2·3/4, 2·1/4: the smallest is 0.5
    expect(row.min_expected).toBe(0.5);
    // one document, all paragraphs 10 words: one stratum. Mantel–Haenszel: Σad/n = 2·1/4, Σbc/n = 0·1/4 = 0,
    // so the odds ratio is unbounded and nothing is added to the empty cell: no interval, and the reason
    expect(row.strata).toBe(1);
    expect(row.odds_ratio).toBe(Infinity);
    expect(Number.isNaN(row.or_low)).toBe(true);
    expect(row.test).toMatch(/never appear apart/);
    // CMH: E(both) = 2·3/4 = 1.5, Var = 2·2·3·1 / (4²·3) = 0.25, χ² = 0.5² / 0.25 = 1, p = P(χ²₁ > 1) = 0.317311
    expect(row.p).toBeCloseTo(0.317311, 5);
    // Fisher: margins 2/2 and 3/1: tables x=1 (p=1/2) and x=2 (p=1/2) → two-sided p = 1
    expect(row.fisher_p).toBe(1);
  });

  it('position: matches per third against the words per third', () => {
    // 6 paragraphs of 10 words; a has 3, 0, 0, 0, 0, 0: thirds hold 3, 0, 0 against 1, 1, 1 expected → χ² = 4 + 1 + 1 = 6
    const t = table([3, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]);
    const [a, b] = positionTests(t, 3);
    expect(a).toMatchObject({ observed: '3;0;0', expected: '1;1;1', chi2: 6, df: 2 });
    expect(a.p).toBeCloseTo(Math.exp(-3), 4);
    expect(Number.isNaN(b.chi2)).toBe(true);
  });
});

describe('on the bundled article', () => {
  it('concordance of коррупция shows every match once the repeats are dropped', () => {
    // hand count (see count.test.ts): коррумпирована, коррупции ×3, взятках
    const corpus = loadCorpus(ARTICLE, { dedupe: true });
    const dict = dictionaryFromObject({ коррупция: ['коррупц*', 'коррумпир*', 'взятк*'] });
    const rows = kwic(corpus, { category: 'коррупция', dictionary: dict }, { window: 3 });
    expect(rows.map((r) => r.match)).toEqual(['коррумпирована', 'коррупции', 'взятках', 'коррупции', 'коррупции']);
  });
});
