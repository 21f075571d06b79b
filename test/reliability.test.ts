import { describe, expect, it } from 'vitest';
import { cohenKappa, krippendorffAlpha } from '../src';

/**
 * Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section E: 4 observers ×
 * 12 units with missing values (null). Unit 12 has one value, so it is not pairable: 11 units and
 * n = 40 pairable values. Published: nominal 0.743, ordinal 0.815, interval 0.849, ratio 0.797.
 */
const MATRIX: Record<string, Array<number | null>> = {
  A: [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
  B: [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
  C: [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
  D: [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
};
const LONG = Object.entries(MATRIX).flatMap(([coder, values]) => values.map((value, u) => ({ unit: u + 1, coder, value })));

describe("Krippendorff's alpha", () => {
  it.each([
    ['nominal', 0.743],
    ['ordinal', 0.815],
    ['interval', 0.849],
    ['ratio', 0.797],
  ] as const)('equals the published value of the worked example at the %s level (%s)', (level, published) => {
    const r = krippendorffAlpha(LONG, { level });
    expect(r.alpha).toBeCloseTo(published, 3);
    expect([r.units, r.values]).toEqual([11, 40]);
  });

  it('treats an absent row like an empty value, and numbers coded as text like numbers', () => {
    const withoutMissing = LONG.filter((r) => r.value !== null);
    expect(krippendorffAlpha(withoutMissing).alpha).toBe(krippendorffAlpha(LONG).alpha);
    const asText = LONG.map((r) => ({ ...r, value: r.value === null ? '' : String(r.value) }));
    expect(krippendorffAlpha(asText, { level: 'interval' }).alpha).toBeCloseTo(0.849, 3);
  });

  it('works a small case by hand: 2 coders agree on 2 of 3 binary units', () => {
    // coincidences: o00 = 2, o11 = 2, o01 = o10 = 1; n0 = n1 = 3, n = 6
    // alpha = 1 − (n − 1) · (o01 + o10) / (n0 n1 + n1 n0) = 1 − 5 · 2 / 18 = 0.4444
    const r = krippendorffAlpha([
      { unit: 'a', coder: 1, value: 1 }, { unit: 'a', coder: 2, value: 1 },
      { unit: 'b', coder: 1, value: 0 }, { unit: 'b', coder: 2, value: 0 },
      { unit: 'c', coder: 1, value: 1 }, { unit: 'c', coder: 2, value: 0 },
    ]);
    expect(r.alpha).toBeCloseTo(4 / 9, 12);
    // perfect agreement is 1; values that never vary leave nothing to agree on: NaN
    expect(krippendorffAlpha([{ unit: 1, coder: 1, value: 'x' }, { unit: 1, coder: 2, value: 'x' }, { unit: 2, coder: 1, value: 'y' }, { unit: 2, coder: 2, value: 'y' }]).alpha).toBe(1);
    expect(krippendorffAlpha([{ unit: 1, coder: 1, value: 1 }, { unit: 1, coder: 2, value: 1 }]).alpha).toBeNaN();
  });

  it('gives a seeded bootstrap interval over units that holds the estimate and reproduces', () => {
    const a = krippendorffAlpha(LONG, { level: 'nominal', bootstrap: 1000, seed: 3 });
    const b = krippendorffAlpha(LONG, { level: 'nominal', bootstrap: 1000, seed: 3 });
    expect([a.low, a.high]).toEqual([b.low, b.high]);
    expect(a.low!).toBeLessThan(a.alpha);
    expect(a.high!).toBeGreaterThan(a.alpha);
    expect(a.high!).toBeLessThanOrEqual(1);
    expect(a.test).toMatch(/bootstrap over units \(1000 resamples, seed 3\)/);
  });

  it('refuses what it cannot measure: text at the interval level, negatives at the ratio level, two values of one coder', () => {
    expect(() => krippendorffAlpha([{ unit: 1, coder: 'A', value: 'да' }], { level: 'interval' })).toThrow(/unit 1, coder A: "да" is not a number/);
    expect(() => krippendorffAlpha([{ unit: 1, coder: 'A', value: -1 }], { level: 'ratio' })).toThrow(/below 0/);
    expect(() => krippendorffAlpha([{ unit: 1, coder: 'A', value: 1 }, { unit: 1, coder: 'A', value: 2 }])).toThrow(/unit 1 has two values from coder A/);
    expect(() => krippendorffAlpha([], { level: 'weird' as 'nominal' })).toThrow(/level must be one of/);
  });
});

describe("Cohen's kappa", () => {
  it('matches the textbook two-coder example: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no', () => {
    // p_o = (20 + 15) / 50 = 0.7; coder A says yes 25/50, B 30/50:
    // p_e = 0.5 · 0.6 + 0.5 · 0.4 = 0.5; κ = (0.7 − 0.5) / (1 − 0.5) = 0.4
    const a = [...Array(25).fill('yes'), ...Array(25).fill('no')];
    const b = [...Array(20).fill('yes'), ...Array(5).fill('no'), ...Array(10).fill('yes'), ...Array(15).fill('no')];
    const k = cohenKappa(a, b);
    expect(k.observed).toBeCloseTo(0.7, 12);
    expect(k.expected).toBeCloseTo(0.5, 12);
    expect(k.kappa).toBeCloseTo(0.4, 12);
  });

  it('is 1 for identical codings and refuses codings of different lengths', () => {
    expect(cohenKappa([1, 0, 1], [1, 0, 1]).kappa).toBe(1);
    expect(() => cohenKappa([1], [1, 0])).toThrow(/coded 1 and 2 units/);
  });
});
