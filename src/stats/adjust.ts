/**
 * p-values adjusted for a family of tests. A NaN (a test that could not be done) stays NaN and
 * does not count in the family's size.
 */

/** Indexes of the finite p-values, smallest p first (ties in input order). */
function order(ps: readonly number[]): number[] {
  return ps
    .map((p, i) => ({ p, i }))
    .filter((x) => Number.isFinite(x.p))
    .sort((a, b) => a.p - b.p || a.i - b.i)
    .map((x) => x.i);
}

/**
 * Holm's step-down adjustment (Holm 1979), which controls the family-wise error rate: the k-th
 * smallest of m p-values becomes max over j ≤ k of (m − j + 1)·p(j), capped at 1.
 *
 * @example
 * holm([0.01, 0.04, 0.03, 0.005]) // [0.03, 0.06, 0.06, 0.02]
 */
export function holm(ps: readonly number[]): number[] {
  const idx = order(ps);
  const m = idx.length;
  const out = ps.map(() => NaN);
  let running = 0;
  idx.forEach((i, k) => {
    running = Math.max(running, Math.min(1, (m - k) * ps[i]));
    out[i] = running;
  });
  return out;
}

/**
 * Benjamini–Hochberg adjustment (1995), which controls the false discovery rate: the k-th
 * smallest of m p-values becomes min over j ≥ k of m·p(j)/j, capped at 1.
 *
 * @example
 * benjaminiHochberg([0.01, 0.04, 0.03, 0.005]) // [0.02, 0.04, 0.04, 0.02]
 */
export function benjaminiHochberg(ps: readonly number[]): number[] {
  const idx = order(ps);
  const m = idx.length;
  const out = ps.map(() => NaN);
  let running = 1;
  for (let k = m - 1; k >= 0; k--) {
    const i = idx[k];
    running = Math.min(running, (m * ps[i]) / (k + 1));
    out[i] = Math.min(1, running);
  }
  return out;
}
