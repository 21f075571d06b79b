import { quantile } from 'simple-statistics';
import { FramelabError } from '../errors';
import { DEFAULT_SEED } from '../defaults';
import { seededRandom } from './random';

/** Levels of measurement of Krippendorff's alpha. */
export type AlphaLevel = 'nominal' | 'ordinal' | 'interval' | 'ratio';

export const ALPHA_LEVELS: readonly AlphaLevel[] = ['nominal', 'ordinal', 'interval', 'ratio'];

/** One coder's value for one unit, in long form. A missing value is an absent row or `value: null`. */
export interface CodedValue {
  unit: string | number;
  coder: string | number;
  value: string | number | null;
}

/** Krippendorff's alpha with what it rests on. */
export interface AlphaResult {
  alpha: number;
  level: AlphaLevel;
  /** Units with at least two values (the pairable ones); the others do not count. */
  units: number;
  /** Pairable values (n in Krippendorff's notation). */
  values: number;
  /** Observed and expected disagreement; alpha = 1 − observed / expected. */
  observed: number;
  expected: number;
  /** Percentile bootstrap interval over units (with `bootstrap` resamples), else absent. */
  low?: number;
  high?: number;
  test: string;
}

/**
 * Krippendorff's alpha for any number of coders, missing values, and the nominal, ordinal,
 * interval or ratio level (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"):
 * from the coincidence matrix of the pairable values, alpha = 1 − (n − 1) Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.
 * With `bootstrap: B`, a seeded percentile interval from B resamples of the units (each resample
 * keeps a unit's values together). Alpha is NaN when the values never vary (nothing to disagree on).
 *
 * @example
 * // two coders, three units: they agree on a and b, disagree on c
 * krippendorffAlpha([
 *   { unit: 'a', coder: 1, value: 1 }, { unit: 'a', coder: 2, value: 1 },
 *   { unit: 'b', coder: 1, value: 0 }, { unit: 'b', coder: 2, value: 0 },
 *   { unit: 'c', coder: 1, value: 1 }, { unit: 'c', coder: 2, value: 0 },
 * ]).alpha // 0.4444 (= 1 − 5 · 2 / (9 · 2))
 */
export function krippendorffAlpha(
  data: ReadonlyArray<CodedValue>,
  options: { level?: AlphaLevel; bootstrap?: number; seed?: number } = {},
): AlphaResult {
  const level = options.level ?? 'nominal';
  if (!ALPHA_LEVELS.includes(level)) throw new RangeError(`level must be one of ${ALPHA_LEVELS.join(', ')}, not "${level}"`);
  const units = unitValues(data, level);
  const result = alphaOfUnits(units, level);
  const test = `Krippendorff's alpha, ${level} level, ${result.units} pairable unit(s), ${result.values} pairable value(s)`;
  if (!options.bootstrap) return { ...result, level, test };
  const replicates = options.bootstrap;
  const seed = options.seed ?? DEFAULT_SEED;
  const rnd = seededRandom(seed);
  const pairable = units.filter((u) => u.length >= 2);
  const alphas: number[] = [];
  for (let r = 0; r < replicates; r++) {
    const sample: number[][] = [];
    for (let i = 0; i < pairable.length; i++) sample.push(pairable[Math.floor(rnd() * pairable.length)]);
    const a = alphaOfUnits(sample, level).alpha;
    if (!Number.isNaN(a)) alphas.push(a);
  }
  const low = alphas.length ? quantile(alphas, 0.025) : NaN;
  const high = alphas.length ? quantile(alphas, 0.975) : NaN;
  return { ...result, level, low, high, test: `${test}; 95 % percentile bootstrap over units (${replicates} resamples, seed ${seed})` };
}

/** The values of each unit, as numbers (nominal values are numbered in order of first sight). */
function unitValues(data: ReadonlyArray<CodedValue>, level: AlphaLevel): number[][] {
  const byUnit = new Map<string, Map<string, number>>();
  const codes = new Map<string, number>();
  for (const { unit, coder, value } of data) {
    if (value === null || value === undefined || value === '') continue;
    let v: number;
    if (level === 'nominal') {
      // a value read from a file ('1') and one given as a number (1) are the same code
      const key = String(value);
      if (!codes.has(key)) codes.set(key, codes.size);
      v = codes.get(key)!;
    } else {
      v = typeof value === 'number' ? value : Number(value);
      if (!Number.isFinite(v)) throw new RangeError(`unit ${unit}, coder ${coder}: "${value}" is not a number (the ${level} level needs numbers)`);
      if (level === 'ratio' && v < 0) throw new RangeError(`unit ${unit}, coder ${coder}: ${v} is below 0 (the ratio level needs values ≥ 0)`);
    }
    const u = String(unit);
    if (!byUnit.has(u)) byUnit.set(u, new Map());
    const coders = byUnit.get(u)!;
    if (coders.has(String(coder))) throw new FramelabError(`unit ${unit} has two values from coder ${coder}`);
    coders.set(String(coder), v);
  }
  return [...byUnit.values()].map((m) => [...m.values()]);
}

function alphaOfUnits(units: readonly number[][], level: AlphaLevel): Omit<AlphaResult, 'level' | 'test'> {
  // coincidence matrix over the distinct values
  const values = [...new Set(units.filter((u) => u.length >= 2).flat())].sort((a, b) => a - b);
  const index = new Map(values.map((v, i) => [v, i]));
  const k = values.length;
  const o = Array.from({ length: k }, () => new Float64Array(k));
  let pairableUnits = 0;
  for (const u of units) {
    const m = u.length;
    if (m < 2) continue;
    pairableUnits++;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < m; j++) if (i !== j) o[index.get(u[i])!][index.get(u[j])!] += 1 / (m - 1);
    }
  }
  const nc = o.map((row) => row.reduce((a, b) => a + b, 0));
  const n = nc.reduce((a, b) => a + b, 0);
  const delta = distance(level, values, nc);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) {
      observed += o[c][d] * delta(c, d);
      expected += nc[c] * nc[d] * delta(c, d);
    }
  }
  observed /= n;
  expected /= n * (n - 1);
  return { alpha: expected > 0 ? 1 - observed / expected : NaN, units: pairableUnits, values: Math.round(n), observed, expected };
}

/** The squared distance δ²(c, k) of a level, between the c-th and k-th distinct values. */
function distance(level: AlphaLevel, values: readonly number[], nc: readonly number[]): (c: number, k: number) => number {
  switch (level) {
    case 'nominal':
      return (c, k) => (c === k ? 0 : 1);
    case 'interval':
      return (c, k) => (values[c] - values[k]) ** 2;
    case 'ratio':
      return (c, k) => (values[c] + values[k] === 0 ? 0 : ((values[c] - values[k]) / (values[c] + values[k])) ** 2);
    case 'ordinal': {
      // (Σ_{g=c..k} n_g − (n_c + n_k)/2)², with the values in rank order
      const cumulative = [0];
      for (const x of nc) cumulative.push(cumulative[cumulative.length - 1] + x);
      return (c, k) => {
        const [lo, hi] = c < k ? [c, k] : [k, c];
        return (cumulative[hi + 1] - cumulative[lo] - (nc[lo] + nc[hi]) / 2) ** 2;
      };
    }
  }
}

/** Cohen's kappa with its parts. */
export interface KappaResult {
  kappa: number;
  /** Share of units the two coders agree on. */
  observed: number;
  /** Agreement expected from each coder's own marginal shares. */
  expected: number;
  units: number;
}

/**
 * Cohen's kappa for two coders who coded the same units (position i of `a` and `b` is one unit):
 * κ = (p_o − p_e) / (1 − p_e), with p_e from each coder's own marginals. NaN when p_e = 1.
 *
 * @example
 * // 50 units: both yes 20, yes/no 5, no/yes 10, both no 15
 * // p_o = 35/50 = 0.7; p_e = 0.5 · 0.6 + 0.5 · 0.4 = 0.5; κ = 0.2 / 0.5 = 0.4
 * const a = [...Array(25).fill('yes'), ...Array(25).fill('no')];
 * const b = [...Array(20).fill('yes'), ...Array(5).fill('no'), ...Array(10).fill('yes'), ...Array(15).fill('no')];
 * cohenKappa(a, b).kappa // 0.4
 */
export function cohenKappa(a: ReadonlyArray<string | number>, b: ReadonlyArray<string | number>): KappaResult {
  if (a.length !== b.length) throw new RangeError(`the two coders coded ${a.length} and ${b.length} units: give the same units to both`);
  const n = a.length;
  if (n === 0) return { kappa: NaN, observed: NaN, expected: NaN, units: 0 };
  const countA = new Map<string | number, number>();
  const countB = new Map<string | number, number>();
  let agree = 0;
  for (let i = 0; i < n; i++) {
    if (a[i] === b[i]) agree++;
    countA.set(a[i], (countA.get(a[i]) ?? 0) + 1);
    countB.set(b[i], (countB.get(b[i]) ?? 0) + 1);
  }
  let expected = 0;
  for (const [v, ca] of countA) expected += (ca / n) * ((countB.get(v) ?? 0) / n);
  const observed = agree / n;
  return { kappa: expected < 1 ? (observed - expected) / (1 - expected) : NaN, observed, expected, units: n };
}
