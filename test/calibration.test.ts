import { describe, expect, it } from 'vitest';
import { calibrate, mcSe, rateOf, type Measure } from '../src/calibrate/calibrate';

/**
 * A fast, seeded subset of `npm run calibrate` (docs/statistics.md): the same simulated clustered
 * corpora and the same library functions, fewer replicates. A method fails when its type-I error or
 * coverage leaves a band of 3 Monte-Carlo standard errors around its target: with 300 null
 * replicates the SE of a .05 rate is √(.05 · .95 / 300) = .0126, so the level must stay within
 * .05 ± .038 ([.012, .088]); a 95 % interval's SE at .93 is √(.93 · .07 / 300) = .0147, so coverage
 * must stay above .93 − .044 = .886. The band is wide enough that a correct method passes
 * (seeded: the numbers never change unless the code does) and narrow enough that the failures the
 * calibration found before (.16–.22 for the old group test, .84 coverage for the old bootstrap at
 * 10 documents) fail it. The replaced group test is run too, to show that the harness still sees
 * the failure it was built to see.
 */
const SIZE = { nullReplicates: 300, altReplicates: 20, permutations: 99, resamples: 199, seed: 20250513 };
const LEVEL_BAND = [0.05 - 3 * Math.sqrt((0.05 * 0.95) / 300), 0.05 + 3 * Math.sqrt((0.05 * 0.95) / 300)];
const COVERAGE_FLOOR = 0.93 - 3 * Math.sqrt((0.93 * 0.07) / 300);

const current = (m: Measure) => !m.method.startsWith('replaced') && !m.method.startsWith('p_words');
const label = (m: Measure) => `${m.what} · ${m.scenario} · ${m.method}: ${rateOf(m).toFixed(3)} ± ${mcSe(m).toFixed(3)}`;

describe('calibration on simulated clustered corpora (seeded subset)', () => {
  const measures = calibrate({ ...SIZE, only: ['compare', 'intervals', 'cooccurrence', 'trend'] });

  it('the bands follow from the Monte-Carlo standard error', () => {
    expect(LEVEL_BAND[0]).toBeCloseTo(0.0122, 3);
    expect(LEVEL_BAND[1]).toBeCloseTo(0.0878, 3);
    expect(COVERAGE_FLOOR).toBeCloseTo(0.8858, 3);
  });

  it("every test framelab prints keeps its level within the band, in every scenario", () => {
    const levels = measures.filter((m) => m.kind === 'level' && current(m));
    expect(levels.length).toBeGreaterThanOrEqual(10);
    const outside = levels.filter((m) => rateOf(m) < LEVEL_BAND[0] || rateOf(m) > LEVEL_BAND[1]).map(label);
    expect(outside).toEqual([]);
  });

  it('every 95 % interval from 5 or more documents covers above the floor', () => {
    const coverage = measures.filter((m) => m.kind === 'coverage' && current(m) && !/^[1-4] documents/.test(m.scenario));
    expect(coverage.length).toBeGreaterThanOrEqual(10);
    const low = coverage.filter((m) => rateOf(m) < COVERAGE_FLOOR).map(label);
    expect(low).toEqual([]);
  });

  it('the harness still sees the failure it was built for: the replaced group test rejects far too often under unequal spread', () => {
    const old = measures.find((m) => m.kind === 'level' && m.method.startsWith('replaced: G²') && m.scenario.startsWith('unequal spread: 10 documents'))!;
    expect(rateOf(old)).toBeGreaterThan(LEVEL_BAND[1]);
  });
});
