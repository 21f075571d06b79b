import { describe, expect, it } from 'vitest';
import {
  bootstrapRate,
  chiSquare2x2,
  chiSquareGoodnessOfFit,
  chiSquaredSurvival,
  correlationTest,
  fisherExact,
  g2Table,
  logGamma,
  logLikelihood,
  logRatio,
  mutualInformation,
  seededRandom,
} from '../src';

describe('distributions', () => {
  it('χ² survival matches the textbook critical values', () => {
    // 5 % critical values of χ² with 1, 2, 3 df (any statistics table)
    expect(chiSquaredSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 12);
    expect(chiSquaredSurvival(5.991464547107979, 2)).toBeCloseTo(0.05, 12);
    expect(chiSquaredSurvival(7.814727903251178, 3)).toBeCloseTo(0.05, 12);
    // 1 % with 1 df
    expect(chiSquaredSurvival(6.6348966010212145, 1)).toBeCloseTo(0.01, 12);
    // with 2 df the survival is exp(-x/2) exactly
    expect(chiSquaredSurvival(10, 2)).toBeCloseTo(Math.exp(-5), 14);
    expect(chiSquaredSurvival(0, 1)).toBe(1);
  });

  it('log Γ gives factorials', () => {
    expect(Math.exp(logGamma(5))).toBeCloseTo(24, 9);
    expect(Math.exp(logGamma(11))).toBeCloseTo(3628800, 3);
    expect(Math.exp(logGamma(0.5))).toBeCloseTo(Math.sqrt(Math.PI), 12);
  });
});

describe('keyness and association', () => {
  it("Rayson & Garside's log-likelihood, worked by hand", () => {
    // a=10 in c=1000 words, b=20 in d=5000 words.
    // E1 = 1000·30/6000 = 5, E2 = 5000·30/6000 = 25
    // G² = 2(10 ln(10/5) + 20 ln(20/25)) = 2(6.931472 − 4.462871) = 4.937202
    const ll = logLikelihood(10, 20, 1000, 5000);
    expect(ll.statistic).toBeCloseTo(4.937202, 6);
    // p from χ² 1 df: erfc(√(G²/2)) = 0.02628
    expect(ll.p).toBeCloseTo(0.026285, 5);
    expect(ll.test).toMatch(/Rayson & Garside/);
    // a word absent from one corpus: the 0·ln 0 term counts 0; E1 = 1000·5/6000, so G² = 2·5·ln(6) = 17.9176
    expect(logLikelihood(5, 0, 1000, 5000).statistic).toBeCloseTo(10 * Math.log(6), 9);
  });

  it('log ratio is log2 of the ratio of relative frequencies, 0.5 standing in for zero', () => {
    // (10/1000)/(20/5000) = 2.5
    expect(logRatio(10, 20, 1000, 5000)).toBeCloseTo(Math.log2(2.5), 12);
    expect(logRatio(4, 0, 100, 100)).toBeCloseTo(Math.log2(8), 12);
  });

  it('2×2 tables: χ², G², MI and Fisher on a hand table', () => {
    // [[10, 10], [10, 70]], N = 100, margins 20/80 both ways: E = [4, 16, 16, 64]
    // χ² = 36/4 + 36/16 + 36/16 + 36/64 = 9 + 2.25 + 2.25 + 0.5625 = 14.0625
    expect(chiSquare2x2(10, 10, 10, 70).statistic).toBeCloseTo(14.0625, 12);
    // G² = 2(10 ln 2.5 + 10 ln 0.625 + 10 ln 0.625 + 70 ln(70/64))
    const g2 = 2 * (10 * Math.log(2.5) + 20 * Math.log(0.625) + 70 * Math.log(70 / 64));
    expect(g2Table(10, 10, 10, 70).statistic).toBeCloseTo(g2, 12);
    expect(mutualInformation(10, 10, 10, 70)).toBeCloseTo(Math.log2(10 / 4), 12);
    // Fisher's tea-tasting table [[3, 1], [1, 3]]: tables with x = 0..4 have weights 1, 16, 36, 16, 1 (of 70);
    // two-sided p sums those no likelier than x = 3: (16 + 16 + 1 + 1) / 70 = 0.485714
    expect(fisherExact(3, 1, 1, 3).p).toBeCloseTo(34 / 70, 12);
    // the extreme table [[4, 0], [0, 4]]: (1 + 1) / 70
    expect(fisherExact(4, 0, 0, 4).p).toBeCloseTo(2 / 70, 12);
  });

  it('goodness of fit over parts of a text', () => {
    // 30 matches over three equal thirds, observed 20, 5, 5: χ² = 100/10 + 25/10 + 25/10 = 15, 2 df, p = e^(−7.5)
    const t = chiSquareGoodnessOfFit([20, 5, 5], [10, 10, 10]);
    expect(t.statistic).toBe(15);
    expect(t.p).toBeCloseTo(Math.exp(-7.5), 12);
    expect(t.test).toBe('χ² goodness of fit, 2 df');
  });
});

describe('seeded resampling', () => {
  it('the seeded source repeats itself', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
    expect(seededRandom(8)()).not.toBe(seededRandom(7)());
  });

  it('correlation: exact r, and a permutation p that reproduces and is small only for a real association', () => {
    const x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // y = 2x: r = 1, and no shuffle reaches |r| = 1 except the identity ones, so p is near 1/(k+1)
    const strong = correlationTest(x, x.map((v) => 2 * v), { permutations: 999, seed: 3 });
    expect(strong.r).toBeCloseTo(1, 12);
    expect(strong.p).toBeLessThan(0.01);
    // an alternating series has r = 0.0909… with x and no association worth the name
    const weak = correlationTest(x, [1, 0, 1, 0, 1, 0, 1, 0, 1, 0].map((v, i) => v + i * 0), { permutations: 999, seed: 3 });
    expect(weak.p).toBeGreaterThan(0.2);
    expect(correlationTest(x, x.map((v) => -v), { permutations: 999, seed: 3 })).toEqual(
      correlationTest(x, x.map((v) => -v), { permutations: 999, seed: 3 }),
    );
    // Spearman of a monotone but non-linear relation is exactly 1
    expect(correlationTest(x, x.map((v) => v ** 3), { method: 'spearman', permutations: 99 }).r).toBeCloseTo(1, 12);
    // constant series: no correlation defined
    expect(Number.isNaN(correlationTest(x, x.map(() => 1)).r)).toBe(true);
  });

  it('bootstrap interval of a rate: reproducible, and covering the true rate of synthetic samples', () => {
    // samples of 200 paragraphs of 50 words, each word a match with probability 0.02: true rate 20 per 1000
    const rnd = seededRandom(42);
    const words = Array.from({ length: 200 }, () => 50);
    const sample = () => words.map((w) => Array.from({ length: w }, () => (rnd() < 0.02 ? 1 : 0)).reduce((a: number, b: number) => a + b, 0));
    const counts = sample();
    const ci = bootstrapRate(counts, words, { seed: 1, replicates: 1000 });
    expect(ci).toEqual(bootstrapRate(counts, words, { seed: 1, replicates: 1000 }));
    // the rate itself is total matches over total words, inside its interval
    expect(ci.rate).toBeCloseTo((counts.reduce((a, b) => a + b, 0) * 1000) / 10000, 12);
    expect(ci.low).toBeLessThanOrEqual(ci.rate);
    expect(ci.high).toBeGreaterThanOrEqual(ci.rate);
    // a 95 % interval should hold the true rate in about 38 of 40 samples; ask for at least 34
    let covered = 0;
    for (let k = 0; k < 40; k++) {
      const c = bootstrapRate(sample(), words, { seed: k, replicates: 500 });
      if (c.low <= 20 && 20 <= c.high) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(34);
  });
});
