import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mcSe, rateOf, type CalibrationSize, type Measure } from '../src/calibrate/calibrate';
import { ROOT, runAsync } from './helpers';

/**
 * Runs `calibrate` of the built package in a child process: a simulation of a minute or more, run
 * in the test's own thread, would hold its event loop so long that the test runner's messages time
 * out ("Timeout calling onTaskUpdate") and the run fails though every test passed.
 */
async function calibrateApart(options: Partial<CalibrationSize> & { only: string[] }): Promise<Measure[]> {
  const module = JSON.stringify(path.join(ROOT, 'dist', 'calibrate', 'calibrate.js'));
  const code = `process.stdout.write(JSON.stringify(require(${module}).calibrate(${JSON.stringify(options)})));`;
  const r = await runAsync(process.execPath, ['-e', code], { timeoutMs: 900_000 });
  if (r.code !== 0) throw new Error(`calibrate failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Measure[];
}

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
const SIZE = {
  nullReplicates: 300,
  altReplicates: 20,
  permutations: 99,
  resamples: 199,
  seed: 20250513,
  // the two scenarios where a replaced method missed its target by little get enough replicates to tell it from its replacement
  moreReplicates: { 'three groups': 1500, 'unequal spread: 10 documents': 1500 },
  // co-occurrence power is compared between methods, which needs more than 20 replicates
  moreAltReplicates: { '40 documents': 150 },
};
const LEVEL_BAND = [0.05 - 3 * Math.sqrt((0.05 * 0.95) / 300), 0.05 + 3 * Math.sqrt((0.05 * 0.95) / 300)];
const COVERAGE_FLOOR = 0.93 - 3 * Math.sqrt((0.93 * 0.07) / 300);

const current = (m: Measure) => !m.method.startsWith('replaced') && !m.method.startsWith('p_words') && !m.method.startsWith('alternative');
const label = (m: Measure) => `${m.what} · ${m.scenario} · ${m.method}: ${rateOf(m).toFixed(3)} ± ${mcSe(m).toFixed(3)}`;

let measures: Measure[] = [];
beforeAll(async () => {
  measures = await calibrateApart({ ...SIZE, only: ['compare', 'intervals', 'cooccurrence', 'trend'] });
}, 900_000);

describe('calibration on simulated clustered corpora (seeded subset)', () => {
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
    // the groups without a match are reported apart (a few replicates each), not held to the target: they are in the scenario's overall row
    const coverage = measures.filter((m) => m.kind === 'coverage' && current(m) && !/^[1-4] documents/.test(m.scenario) && !m.scenario.includes('groups without a match'));
    expect(coverage.length).toBeGreaterThanOrEqual(10);
    const low = coverage.filter((m) => rateOf(m) < COVERAGE_FLOOR).map(label);
    expect(low).toEqual([]);
  });

  it('the harness still sees the failure it was built for: the replaced group test rejects far too often under unequal spread', () => {
    const old = measures.find((m) => m.kind === 'level' && m.method.startsWith('replaced: G²') && m.scenario.startsWith('unequal spread: 10 documents'))!;
    expect(rateOf(old)).toBeGreaterThan(LEVEL_BAND[1]);
  });
});

describe('calibration of the methods that replaced near misses (seeded subset, 1500 replicates)', () => {
  const find = (scenario: string, kind: Measure['kind'], method: string) =>
    measures.find((m) => m.scenario.startsWith(scenario) && m.kind === kind && m.method.startsWith(method))!;
  // with 1500 replicates the SE of a .05 rate is √(.05 · .95 / 1500) = .0056: 3 SE = .017
  const se1500 = Math.sqrt((0.05 * 0.95) / 1500);

  it("three groups, one small and very heterogeneous: Hall's correction keeps the level where Welch's F did not", () => {
    const now = find('three groups', 'level', 'p: Cochran Q');
    const welchF = find('three groups', 'level', 'replaced: Welch F');
    expect(now.replicates).toBe(1500);
    expect(Math.abs(rateOf(now) - 0.05)).toBeLessThan(3 * se1500);
    // both tests see the same corpora; the correction must remove part of Welch's F's excess (.073–.080 in the full runs)
    expect(rateOf(now)).toBeLessThan(rateOf(welchF));
  });

  it("the rate ratio on the smaller group's degrees of freedom covers at least .93 − 3 SE with 10 very heterogeneous documents against 30", () => {
    const now = find('unequal spread: 10 documents', 'coverage', 'delta method on logs, HC3 document variances, t on the smaller');
    const delta = find('unequal spread: 10 documents', 'coverage', 'replaced: delta method');
    // SE at .93 with 1500 replicates: √(.93 · .07 / 1500) = .0066
    expect(rateOf(now)).toBeGreaterThan(0.93 - 3 * Math.sqrt((0.93 * 0.07) / 1500));
    // the smaller df is never above Welch–Satterthwaite's, so the interval holds the Welch one: it covers whenever that does
    expect(rateOf(now)).toBeGreaterThanOrEqual(rateOf(delta));
    expect(rateOf(now)).toBeGreaterThan(rateOf(delta) + 0.005);
  });

  it('co-occurrence: coarser strata lose the level, and no valid alternative has clearly more power than the CMH test', () => {
    // documents alone as strata ignore that long paragraphs hold both categories: far above the band on the ordinary pair
    expect(rateOf(find('40 documents, CV 1', 'level', 'alternative: Cochran–Mantel–Haenszel over documents alone'))).toBeGreaterThan(LEVEL_BAND[1]);
    for (const scenario of ['40 documents, CV 1', '40 documents, sparse']) {
      const cmh = find(scenario, 'power', 'Cochran–Mantel–Haenszel over document × length-quartile');
      expect(cmh.replicates).toBe(150);
      for (const alt of ['alternative: conditional test', 'alternative: cluster-robust score test']) {
        // a valid alternative (its level within the band in every scenario) …
        for (const s of ['40 documents, CV 1', '40 documents, sparse']) expect(rateOf(find(s, 'level', alt))).toBeLessThan(LEVEL_BAND[1]);
        // … whose power exceeds the CMH test's by more than 2 SE of a difference of two such rates would fail the power target
        const rival = find(scenario, 'power', alt);
        expect(rateOf(rival) - rateOf(cmh)).toBeLessThan(2 * Math.sqrt(mcSe(rival) ** 2 + mcSe(cmh) ** 2));
      }
    }
  });
});

describe('calibration of the trend-difference test between groups (seeded subset, 300 replicates)', () => {
  // its own run: the scenarios are 2 and 3 groups of unequal sizes and spreads over 6–8 uneven years,
  // and 'three groups' in SIZE.moreReplicates would otherwise give two of them 1500 replicates
  let trend: Measure[] = [];
  beforeAll(async () => {
    trend = await calibrateApart({ nullReplicates: 300, altReplicates: 20, permutations: 99, resamples: 199, seed: 20250513, only: ['trend-groups'] });
  }, 900_000);
  const isFramelab = (m: Measure) => m.method.startsWith('Cochran Q of the groups’ word-weighted slopes');

  it('keeps its level within the band in every null scenario (the same trend, or none, in every group)', () => {
    const levels = trend.filter((m) => m.kind === 'level' && isFramelab(m));
    expect(levels).toHaveLength(5);
    for (const m of levels) expect(m.replicates - m.empty).toBe(300);
    expect(levels.filter((m) => rateOf(m) < LEVEL_BAND[0] || rateOf(m) > LEVEL_BAND[1]).map(label)).toEqual([]);
  });

  it('rejects less often than the spread of ρ it replaced where a small, heterogeneous group shares the others’ trend', () => {
    // the spread of Spearman's ρ grows with how noisy a group's period rates are, so a common trend
    // looks different in a group of 10 documents of CV 1.5 than in 30 of CV 0.5 (.086 in the full run, 2000 replicates)
    const scenario = 'the same trend (×2 over the span): 10 documents CV 1.5';
    const now = trend.find((m) => m.kind === 'level' && isFramelab(m) && m.scenario.startsWith(scenario))!;
    const old = trend.find((m) => m.kind === 'level' && m.method.startsWith('replaced: spread') && m.scenario.startsWith(scenario))!;
    expect(rateOf(old)).toBeGreaterThan(rateOf(now));
  });
});

describe('rate intervals when a category sits in a few documents (zero-inflated scenarios, seeded subset, 300 replicates)', () => {
  // its own run: 9 or 20 documents of ~200 words, 15 % or 30 % of them carrying the category (the news sample of notebook 07)
  let sparse: Measure[] = [];
  beforeAll(async () => {
    sparse = await calibrateApart({ nullReplicates: 300, altReplicates: 20, permutations: 99, resamples: 199, seed: 20250513, only: ['sparse-intervals'] });
  }, 900_000);
  const ratio = (replaced: boolean) =>
    sparse.filter((m) => m.what.startsWith('compare --by: rate ratio') && m.method.startsWith('replaced:') === replaced);

  it('the rate ratio with the evidence floor stays finite and modest, where without it the upper end exploded', () => {
    const now = ratio(false);
    const old = ratio(true);
    expect(now).toHaveLength(6);
    expect(old).toHaveLength(6);
    // on ~1 df the log-scale t reached 10⁸ and more with document lengths spread (6.6 · 10²² in the full run, 2000 replicates)
    expect(Math.max(...old.map((m) => m.upper!.max))).toBeGreaterThan(1e8);
    // with the floor no interval rests on one document's matches or on fewer than 2 df: the largest upper end in the full run was 1070
    expect(now.filter((m) => m.upper!.max >= 1e4).map(label)).toEqual([]);
    // and where it prints an interval it covers a ratio of 1 above the floor of the other coverage checks
    expect(now.filter((m) => rateOf(m) < COVERAGE_FLOOR).map(label)).toEqual([]);
  });

  // the rows over all corpora of a scenario (not those with a match only, nor the groups without a match apart)
  const overall = (m: Measure) => m.what.startsWith('stats / compare: rate') && !m.scenario.endsWith('corpora with a match') && !m.scenario.includes('groups without a match');
  const withoutMatch = (m: Measure) => m.what.startsWith('stats / compare: rate') && m.scenario.endsWith('groups without a match');

  it('the rate interval is left empty where the matches are too few, and where no group has a match to borrow from', () => {
    const floor = sparse.filter((m) => overall(m) && current(m));
    const old = sparse.filter((m) => overall(m) && m.method.startsWith('replaced: log-scale t interval, HC3 document variance, no evidence floor'));
    expect(floor).toHaveLength(6);
    expect(old).toHaveLength(6);
    // the interval without the floor printed something in every replicate (the Poisson bound when there was no match)
    for (const m of old) expect(m.empty).toBe(0);
    // the floor leaves some out in every scenario, and prints no upper end above 1000 per 1000 words
    for (const m of floor) {
      expect(m.empty).toBeGreaterThan(0);
      expect(m.upper!.max).toBeLessThanOrEqual(1000);
    }
  });

  it('a group without a match, bounded by what the other group says, covers where the Poisson bound of words taken as independent did not', () => {
    const now = sparse.filter((m) => withoutMatch(m) && current(m));
    const poisson = sparse.filter((m) => withoutMatch(m) && m.method.startsWith('replaced: no match: [0, exact Poisson bound]'));
    expect(now).toHaveLength(6);
    expect(poisson).toHaveLength(6);
    // with 30 % of the documents carrying the category at ~10 per 1000, the Poisson bound of 9 documents of ~200 words is
    // 3.689 / 1.8 ≈ 2 per 1000, below the true 3: it covers (nearly) never; with 20 documents of which 15 % carry it, 3.689 / 4 < 1.5
    for (const m of poisson.filter((x) => /30 % carry|20 documents of ~200 words, 15 %/.test(x.scenario))) expect(rateOf(m), label(m)).toBeLessThan(0.2);
    // the borrowed bound, where another group has a match (the rest: no interval), covers above the floor wherever it was printed 20 times or more
    for (const m of now.filter((x) => x.replicates - x.empty >= 20)) expect(rateOf(m), label(m)).toBeGreaterThan(COVERAGE_FLOOR);
    // and stays finite and below 1000 per 1000 words
    for (const m of now) expect(m.upper!.max).toBeLessThanOrEqual(1000);
    // over all corpora of a scenario, framelab's interval now covers above the floor in every zero-inflated scenario
    const floor = sparse.filter((m) => overall(m) && current(m));
    expect(floor.filter((m) => rateOf(m) < COVERAGE_FLOOR).map(label)).toEqual([]);
  });
});
