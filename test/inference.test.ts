import { describe, expect, it } from 'vitest';
import {
  benjaminiHochberg,
  categoryCorrelations,
  categoryStatistics,
  collocates,
  cooccurrenceTests,
  correlationTest,
  countFrameRows,
  fisherInterval,
  holm,
  keyness,
  loadCorpus,
  loadDictionary,
  oddsRatio,
  poissonUpperZero,
  positionTests,
  type FrameTable,
} from '../src';
import * as path from 'node:path';
import { ARTICLE, CLI, memoryCorpus, runAsync, tempDir } from './helpers';

/** A count table by hand: one row per paragraph, `docs` naming each paragraph's document. */
function table(docs: string[], a: number[], b: number[], tokens = 100): FrameTable {
  return {
    columns: ['doc', 'paragraph', 'tokens', 'duplicate_of', 'matched', 'a', 'b'],
    categories: ['a', 'b'],
    rows: a.map((x, i) => ({ doc: docs[i], paragraph: i, tokens, duplicate_of: null, matched: x + b[i], a: x, b: b[i] })),
    texts: a.map(() => ''),
  };
}

const article = countFrameRows(loadCorpus(ARTICLE, { dedupe: true }), loadDictionary());

describe('adjusted p-values in every family', () => {
  it('correlations, co-occurrence and position carry Holm and BH over their family, named in the test', () => {
    const corr = categoryCorrelations(article, { seed: 1, permutations: 199 });
    expect(corr.map((r) => r.pearson_p_holm)).toEqual(holm(corr.map((r) => r.pearson_p)));
    expect(corr.map((r) => r.spearman_p_bh)).toEqual(benjaminiHochberg(corr.map((r) => r.spearman_p)));
    expect(corr[0].test).toMatch(/family of 28 pairs: Holm and Benjamini–Hochberg/);
    const co = cooccurrenceTests(article);
    expect(co.map((r) => r.p_holm)).toEqual(holm(co.map((r) => r.p)));
    expect(co[0].test).toMatch(/family of \d+ pairs: Holm and Benjamini–Hochberg on the CMH p/);
    const pos = positionTests(article, 3, { seed: 1, permutations: 199 });
    expect(pos.map((r) => r.perm_p_bh)).toEqual(benjaminiHochberg(pos.map((r) => r.perm_p)));
    // effect size with its interval before p: the columns say so
    const keys = Object.keys(corr[0]);
    expect(keys.indexOf('pearson_low')).toBeLessThan(keys.indexOf('pearson_p'));
  });

  it('keyness and collocates carry them over the words compared', () => {
    const corpus = loadCorpus(ARTICLE, { dedupe: true });
    // the family is every candidate in the windows: with min-freq 1 all are reported, and Holm runs over them;
    // the default min-freq 2 reports fewer rows but keeps each row's adjusted p from that whole family
    const all = collocates(corpus, { pattern: 'коррупц*' }, { window: 5, minFreq: 1 });
    expect(all.map((r) => r.p_holm)).toEqual(holm(all.map((r) => r.p)));
    const coll = collocates(corpus, { pattern: 'коррупц*' }, { window: 5 });
    expect(coll.length).toBeLessThan(all.length);
    for (const r of coll) expect(r.p_holm).toBe(all.find((x) => x.collocate === r.collocate)!.p_holm);
    expect(coll[0].test).toMatch(new RegExp(`family of all ${all.length} candidate words`));
    const target = memoryCorpus(['грант грант слово']);
    const reference = memoryCorpus(['слово слово слово грант']);
    const rows = keyness(target, reference, { by: 'form', minFreq: 1 });
    expect(rows.map((r) => r.p_bh)).toEqual(benjaminiHochberg(rows.map((r) => r.p)));
  });
});

describe('effect sizes and their intervals', () => {
  it("Fisher's z interval of r, worked by hand", () => {
    // atanh 0.5 = 0.549306; 1.959964 / √25 = 0.391993 → tanh(0.157313) = 0.156028, tanh(0.941299) = 0.735818
    const [low, high] = fisherInterval(0.5, 28);
    expect(low).toBeCloseTo(0.156028, 5);
    expect(high).toBeCloseTo(0.735818, 5);
    expect(fisherInterval(0.5, 3).every(Number.isNaN)).toBe(true);
  });

  it('odds ratio with the Woolf interval, and the 0.5 rule for an empty cell', () => {
    // [[10, 10], [10, 70]]: OR 7, se √(0.1 + 0.1 + 0.1 + 1/70) = 0.560612 → 7 e^{±1.959964 · 0.560612}
    const or = oddsRatio(10, 10, 10, 70);
    expect(or.ratio).toBe(7);
    expect(or.low).toBeCloseTo(2.332944, 5);
    expect(or.high).toBeCloseTo(21.003505, 4);
    expect(oddsRatio(2, 0, 1, 1).ratio).toBeCloseTo((2.5 * 1.5) / (0.5 * 1.5), 12);
  });

  it('log ratio with its interval: ± z √(1/a + 1/b) / ln 2', () => {
    // грант: 2 of 3 words in the target, 1 of 4 in the reference → log2((2/3)/(1/4)) = log2(8/3) = 1.415037
    const rows = keyness(memoryCorpus(['грант грант слово']), memoryCorpus(['слово слово слово грант']), { by: 'form', minFreq: 1 });
    const grant = rows.find((r) => r.word === 'грант')!;
    expect(grant.log_ratio).toBeCloseTo(Math.log2(8 / 3), 12);
    const se = Math.sqrt(1 / 2 + 1 / 1) / Math.LN2; // 1.766898
    expect(grant.lr_high - grant.log_ratio).toBeCloseTo(1.959964 * se, 5);
    // the words that define a target can be left out
    const without = keyness(memoryCorpus(['грант грант слово']), memoryCorpus(['слово слово слово грант']), { by: 'form', minFreq: 1, exclude: new Set(['грант']) });
    expect(without.map((r) => r.word)).toEqual(['слово']);
    expect(without[0].test).toMatch(/1 word\(s\) of the target's own definition left out/);
  });
});

describe('the unit of inference', () => {
  // three documents of two paragraphs (100 words each): d1 has 2 + 2 matches, d2 none, d3 1 + 1
  const docs = ['d1', 'd1', 'd2', 'd2', 'd3', 'd3'];
  const t = table(docs, [2, 2, 0, 0, 1, 1], [0, 0, 0, 0, 0, 0]);

  it('documents are the units when there are several: three are too few for an interval, six paragraphs are not', () => {
    // document rates 20, 0 and 10 per 1000: 3 documents, fewer than the 5 an interval needs
    const [a] = categoryStatistics(t);
    expect(a.rate_per_1k).toBe(10);
    expect([a.ci_low, a.ci_high].every(Number.isNaN)).toBe(true);
    expect(a.test).toMatch(/no interval: 3 documents, fewer than the 5/);
    // paragraphs as units, worked by hand: R = 6/600; residuals cᵢ − R·wᵢ = 1, 1, −1, −1, 0, 0; hᵢ = 1/6;
    // HC3 V = Σ e²/(1 − h)² / W² = 4 · 36/25 / 600²; on the log scale r' = 6.5/600, the delta variance
    // V/r'² = 0.13633 is below the Poisson floor 1/6.5 = 0.15385, which is used; Kish's effective n = 600²/(6·100²) = 6,
    // so t with 5 df (2.570582); centre ln r' + 0.15385/2; interval exp(centre ∓ 2.570582 √0.15385) × 1000
    const [p] = categoryStatistics(t, { unit: 'paragraph' });
    const u = 1 / 6.5;
    const centre = Math.log(6.5 / 600) + u / 2;
    expect(p.ci_low).toBeCloseTo(Math.exp(centre - 2.570582 * Math.sqrt(u)) * 1000, 3);
    expect(p.ci_high).toBeCloseTo(Math.exp(centre + 2.570582 * Math.sqrt(u)) * 1000, 3);
    expect(p.test).toMatch(/log-scale t interval over 6 paragraphs/);
  });

  it('permutes within documents: with one observation per document nothing can move, so p = 1', () => {
    const r = correlationTest([1, 2, 3, 4], [1, 3, 2, 4], { permutations: 99, seed: 1, blocks: ['a', 'b', 'c', 'd'] });
    expect(r.p).toBe(1);
    expect(r.test).toMatch(/within documents/);
  });

  it('the position permutation test moves whole paragraphs: three matches in one paragraph are not three events', () => {
    // 6 paragraphs of 10 words, all 3 matches in the first: χ² = (3−1)²/1 + 1 + 1 = 6, χ² p = e^−3 = 0.0498;
    // shuffling paragraphs puts that one paragraph in some third, always giving χ² = 6: permutation p = 1
    const six = table(['d', 'd', 'd', 'd', 'd', 'd'], [3, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0], 10);
    const [a, b] = positionTests(six, 3, { permutations: 99, seed: 1 });
    expect(a.chi2).toBe(6);
    expect(a.p).toBeCloseTo(Math.exp(-3), 10);
    expect(a.perm_p).toBe(1);
    expect(Number.isNaN(b.perm_p)).toBe(true);
    expect(b.test).toMatch(/undefined: no match/);
  });
});

describe('undefined and small cases', () => {
  it('χ² is undefined, not "no association", when a margin of the 2×2 table is empty', () => {
    // b never occurs: the column "b present" is empty
    const [row] = cooccurrenceTests(table(['d', 'd', 'd', 'd'], [1, 1, 0, 0], [0, 0, 0, 0]));
    expect(Number.isNaN(row.chi2)).toBe(true);
    expect(Number.isNaN(row.chi2_p)).toBe(true);
    expect(row.test).toMatch(/χ² undefined: a row or column of the 2×2 table is empty/);
    expect(row.fisher_p).toBe(1);
  });

  it('gives a category without matches anywhere no interval, not [0, 0], and the Poisson bound only with its assumption', () => {
    // 0 matches in 400 words: the Poisson bound −ln 0.025 = 3.688879 matches → 9.2222 per 1000 words, which takes words as
    // independent; with nothing to borrow about how units that hold the category hold it, the interval is left empty
    expect(poissonUpperZero()).toBeCloseTo(3.688879, 6);
    const [, b] = categoryStatistics(table(['d', 'd', 'd', 'd'], [1, 1, 0, 0], [0, 0, 0, 0]), { seed: 1, replicates: 100 });
    expect(b.rate_per_1k).toBe(0);
    expect([b.ci_low, b.ci_high].every(Number.isNaN)).toBe(true);
    expect(b.test).toMatch(/no interval: no match in 400 words/);
    expect(b.test).toMatch(/taking words as independent, the exact Poisson 95 % upper bound would be 9\.22 per 1000/);
  });
});

describe('the command line', () => {
  it('warns once about repeated paragraphs without --dedupe, and prints a methods paragraph', async () => {
    for (const command of ['stats', 'freq', 'kwic', 'collocates']) {
      const args = command === 'kwic' || command === 'collocates' ? ['--pattern', 'коррупц*'] : command === 'stats' ? ['--table', 'categories'] : [];
      const r = await runAsync(process.execPath, [CLI, command, ARTICLE, ...args, '--format', 'csv']);
      expect(r.code, `${command}: ${r.stderr}`).toBe(0);
      // the article's body is in the file twice: 28 repeats
      expect(r.stderr.match(/warning: 28 paragraph\(s\) repeat an earlier one/g), command).toHaveLength(1);
      const quiet = await runAsync(process.execPath, [CLI, command, ARTICLE, ...args, '--dedupe', '--format', 'csv']);
      expect(quiet.stderr, command).not.toMatch(/repeat an earlier one/);
    }
    const m = await runAsync(process.execPath, [CLI, 'stats', ARTICLE, '--dedupe', '--methods', '--seed', '7', '--permutations', '999']);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout).toMatch(/^Paragraphs were the unit of counting: 30 paragraphs in 1 document\(s\)/);
    expect(m.stdout).toMatch(/seed 7/);
    expect(m.stdout).toMatch(/smallest attainable p is 0\.0010/);
    expect(m.stdout).toMatch(/Holm's method and with Benjamini–Hochberg's/);
    // stats runs no keyness, and one text makes paragraphs the units: the text says both
    expect(m.stdout).not.toMatch(/Keyness/);
    expect(m.stdout).toMatch(/The units of inference were paragraphs \(30\), taken as independent observations of one text/);
    expect(m.stdout).toMatch(/paragraphs removed|repeat an earlier one of their document removed/);
  });

  it('compare warns about repeats and prints its own methods paragraph, sentence by sentence what it ran', async () => {
    const r = await runAsync(process.execPath, [CLI, 'compare', ARTICLE, '--by', 'file', '--methods', '--permutations', '99', '--seed', '3']);
    expect(r.code, r.stderr).toBe(0);
    // the article's body is in the file twice: 28 repeats, warned once and named in the methods
    expect(r.stderr.match(/warning: 28 paragraph\(s\) repeat an earlier one/g)).toHaveLength(1);
    expect(r.stdout).toMatch(/^Paragraphs were the unit of counting: 58 paragraphs in 1 document\(s\), \d+ words, of which 28 repeat an earlier paragraph/);
    expect(r.stdout).toMatch(/grouped by file into 1 group\(s\)/);
    expect(r.stdout).toMatch(/Cochran's \(1954\) Q of the groups' log rates.*Hall's \(1992\) transformation/);
    expect(r.stdout).toMatch(/99 shuffles/);
    expect(r.stdout).toMatch(/seed 3/);
    expect(r.stdout).not.toMatch(/Keyness|bootstrap/);
    const quiet = await runAsync(process.execPath, [CLI, 'compare', ARTICLE, '--by', 'file', '--dedupe', '--methods', '--permutations', '99']);
    expect(quiet.stderr).not.toMatch(/repeat an earlier one/);
    expect(quiet.stdout).toMatch(/paragraphs that repeat an earlier one of their document removed/);
    const series = await runAsync(process.execPath, [CLI, 'compare', 'data/news-sample', '--id-column', 'url', '--date', 'date', '--every', 'year', '--methods', '--permutations', '99']);
    expect(series.code, series.stderr).toBe(0);
    expect(series.stdout).toMatch(/slope of the documents' rates against the period index/);
  });

  it('keyness --target-category leaves out the category own words unless asked', async () => {
    const base = [CLI, 'keyness', ARTICLE, '--dedupe', '--target-category', 'коррупция', '--format', 'csv'];
    const r = await runAsync(process.execPath, base);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/left out the \d+ word\(s\) of category "коррупция" itself/);
    const words = r.stdout.split('\r\n').slice(1).map((l) => l.split(',')[0]);
    expect(words).not.toContain('коррупция');
    const kept = await runAsync(process.execPath, [...base, '--keep-category-words']);
    expect(kept.stdout.split('\r\n').slice(1).map((l) => l.split(',')[0])).toContain('коррупция');
  });

  it('shows a permutation p at its floor as a bound in text tables, and as the number in CSV', async () => {
    // paragraph k (k = 0…9) has k grant words, k bribe words and filler up to 20 words: the two rates
    // are equal and all different, so r = 1 and only the identity shuffle (1 in 10!) reaches it:
    // p = (0 + 1) / (99 + 1) = 0.01, the smallest 99 shuffles can give
    const text = Array.from({ length: 10 }, (_, k) => [...Array(k).fill('грант взятка'), ...Array(20 - 2 * k).fill('слово')].join(' ')).join('\n\n');
    const dir = tempDir({ 'toy.txt': text + '\n', 'dict.yaml': 'a: [грант*]\nb: [взятк*]\n' });
    const args = [CLI, 'stats', path.join(dir, 'toy.txt'), '--dict', path.join(dir, 'dict.yaml'), '--table', 'correlations', '--permutations', '99'];
    const table = await runAsync(process.execPath, [...args, '--format', 'table']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/≤ 0\.01/);
    const csv = await runAsync(process.execPath, [...args, '--format', 'csv']);
    const [header, row] = csv.stdout.split('\r\n');
    expect(row.split(',')[header.split(',').indexOf('pearson_p')]).toBe('0.01');
  });
});
