/**
 * Truncated SVD of a sparse matrix by randomised subspace iteration (Halko, Martinsson & Tropp
 * 2011, algorithms 4.3–4.4 and 5.1), seeded. Only the right singular vectors and the singular
 * values are computed, and the tall factors (rows × k) are never stored: each pass over the rows
 * accumulates Aᵀ(A Q) directly, so memory is (columns × k) whatever the number of rows.
 */
import { DEFAULT_SEED } from '../defaults';
import { seededRandom } from '../stats/random';

/** A sparse matrix in compressed sparse rows: row r's entries are `indices/values[offsets[r]..offsets[r+1]]`. */
export interface SparseMatrix {
  rows: number;
  cols: number;
  offsets: Int32Array | Uint32Array | Float64Array;
  indices: Int32Array;
  values: Float32Array | Float64Array;
}

/** Right singular vectors (columns × k, row-major: `v[j * k + c]`) and singular values, largest first. */
export interface TruncatedSvd {
  k: number;
  /** Singular values, descending. */
  values: Float64Array;
  /** Right singular vectors: column j of the matrix has the vector `v[j*k .. j*k+k)`. */
  v: Float64Array;
}

/** Options of {@link randomizedSvd}. */
export interface SvdOptions {
  /**
   * Extra random directions beyond k (default k, at most 100): word-count matrices have flat
   * spectra, and the vectors near the cut at k converge only with a wide search space.
   */
  oversample?: number;
  /** Power (subspace) iterations (default 4). */
  iterations?: number;
  seed?: number;
}

/**
 * Standard normal numbers from a seeded uniform source (Box–Muller).
 *
 * @example
 * const g = gaussian(seededRandom(1));
 * typeof g() // 'number'
 */
export function gaussian(rnd: () => number): () => number {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const s = spare;
      spare = null;
      return s;
    }
    let u = 0;
    while (u === 0) u = rnd();
    const v = rnd();
    const r = Math.sqrt(-2 * Math.log(u));
    spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  };
}

/**
 * Orthonormalises the columns of an (n × l, row-major) matrix in place: Cholesky QR run `passes`
 * times (twice by default: CholeskyQR2, which reads the matrix row by row), or modified Gram–Schmidt when the columns are
 * nearly dependent; a column that vanishes becomes zeros.
 */
export function orthonormalize(q: Float64Array, n: number, l: number, passes = 2): void {
  for (let pass = 0; pass < passes; pass++) {
    if (!choleskyQr(q, n, l)) {
      gramSchmidt(q, n, l);
      return;
    }
  }
}

/** Rows handled together by the blocked products below: the small matrices stay in cache per block, not per row. */
const BLOCK = 64;

/**
 * AᵀB for row-major A (n × la) and B (n × lb), by blocks of rows transposed to columns, so that
 * each block's products are contiguous dot products; `symmetric` (A = B), or `upperOnly` (AᵀB is
 * known to be symmetric), computes the upper triangle and mirrors it.
 */
export function crossProduct(a: Float64Array, la: number, b: Float64Array, lb: number, n: number, symmetric = false, upperOnly = false): Float64Array {
  const out = new Float64Array(la * lb);
  const ta = new Float64Array(la * BLOCK);
  const tb = symmetric ? ta : new Float64Array(lb * BLOCK);
  for (let start = 0; start < n; start += BLOCK) {
    const rows = Math.min(BLOCK, n - start);
    for (let i = 0; i < rows; i++) {
      const oa = (start + i) * la;
      for (let x = 0; x < la; x++) ta[x * BLOCK + i] = a[oa + x];
      if (!symmetric) {
        const ob = (start + i) * lb;
        for (let y = 0; y < lb; y++) tb[y * BLOCK + i] = b[ob + y];
      }
    }
    for (let x = 0; x < la; x++) {
      const xo = x * BLOCK;
      for (let y = symmetric || upperOnly ? x : 0; y < lb; y++) {
        const yo = y * BLOCK;
        let d = 0;
        for (let i = 0; i < rows; i++) d += ta[xo + i] * tb[yo + i];
        out[x * lb + y] += d;
      }
    }
  }
  if (symmetric || upperOnly) for (let x = 0; x < la; x++) for (let y = 0; y < x; y++) out[x * lb + y] = out[y * lb + x];
  return out;
}

/**
 * Q M for row-major Q (n × l) and M (l × m), by blocks of rows (M's rows stay in cache per block);
 * `upper`: M is upper triangular (its zeros below the diagonal are skipped).
 */
export function rightMultiply(q: Float64Array, n: number, l: number, m: Float64Array, cols: number, upper = false): Float64Array {
  const out = new Float64Array(n * cols);
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    for (let x = 0; x < l; x++) {
      const mo = x * cols;
      const from = upper ? x : 0;
      for (let i = start; i < end; i++) {
        const qix = q[i * l + x];
        if (qix === 0) continue;
        const oo = i * cols;
        for (let c = from; c < cols; c++) out[oo + c] += qix * m[mo + c];
      }
    }
  }
  return out;
}

/** One Cholesky QR step: G = QᵀQ = RᵀR, Q ← Q R⁻¹. False (Q untouched) when G is not safely positive definite. */
function choleskyQr(q: Float64Array, n: number, l: number): boolean {
  const g = crossProduct(q, l, q, l, n, true);
  // upper-triangular R with RᵀR = G
  const r = new Float64Array(l * l);
  let maxDiag = 0;
  for (let x = 0; x < l; x++) maxDiag = Math.max(maxDiag, g[x * l + x]);
  for (let x = 0; x < l; x++) {
    let d = g[x * l + x];
    for (let p = 0; p < x; p++) d -= r[p * l + x] ** 2;
    if (!(d > 1e-10 * maxDiag)) return false;
    const rxx = Math.sqrt(d);
    r[x * l + x] = rxx;
    for (let y = x + 1; y < l; y++) {
      let t = g[x * l + y];
      for (let p = 0; p < x; p++) t -= r[p * l + x] * r[p * l + y];
      r[x * l + y] = t / rxx;
    }
  }
  // R⁻¹, upper triangular, by back substitution column by column
  const inv = new Float64Array(l * l);
  for (let c = 0; c < l; c++) {
    inv[c * l + c] = 1 / r[c * l + c];
    for (let x = c - 1; x >= 0; x--) {
      let t = 0;
      for (let p = x + 1; p <= c; p++) t += r[x * l + p] * inv[p * l + c];
      inv[x * l + c] = -t / r[x * l + x];
    }
  }
  q.set(rightMultiply(q, n, l, inv, l, true));
  return true;
}

function gramSchmidt(q: Float64Array, n: number, l: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let c = 0; c < l; c++) {
      for (let p = 0; p < c; p++) {
        let d = 0;
        for (let i = 0; i < n; i++) d += q[i * l + c] * q[i * l + p];
        for (let i = 0; i < n; i++) q[i * l + c] -= d * q[i * l + p];
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += q[i * l + c] ** 2;
      norm = Math.sqrt(norm);
      for (let i = 0; i < n; i++) q[i * l + c] = norm > 1e-12 ? q[i * l + c] / norm : 0;
    }
  }
}

/**
 * Eigenvalues and eigenvectors of a symmetric matrix (n × n, row-major) by cyclic Jacobi
 * rotations: values descending, vectors as the columns of `vectors` (row-major n × n).
 *
 * @example
 * const e = symmetricEigen(Float64Array.of(2, 1, 1, 2), 2);
 * Array.from(e.values) // [3, 1]
 */
export function symmetricEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let diag = 0;
    for (let i = 0; i < n; i++) {
      diag += a[i * n + i] ** 2;
      for (let j = i + 1; j < n; j++) off += a[i * n + j] ** 2;
    }
    if (off <= 1e-30 * Math.max(diag, 1e-300)) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p];
          const akq = a[k * n + q];
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k];
          const aqk = a[q * n + k];
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y] - a[x * n + x] || x - y);
  const values = Float64Array.from(order, (i) => a[i * n + i]);
  const vectors = new Float64Array(n * n);
  for (let r = 0; r < n; r++) order.forEach((i, c) => (vectors[r * n + c] = v[r * n + i]));
  return { values, vectors };
}

/** Z = Aᵀ (A Q): (cols × l) from Q (cols × l), one pass over the rows. */
function gramTimes(a: SparseMatrix, q: Float64Array, l: number, z: Float64Array, row: Float64Array): void {
  z.fill(0);
  for (let r = 0; r < a.rows; r++) {
    row.fill(0);
    const start = a.offsets[r];
    const end = a.offsets[r + 1];
    if (start === end) continue;
    for (let e = start; e < end; e++) {
      const x = a.values[e];
      const o = a.indices[e] * l;
      for (let c = 0; c < l; c++) row[c] += x * q[o + c];
    }
    for (let e = start; e < end; e++) {
      const x = a.values[e];
      const o = a.indices[e] * l;
      for (let c = 0; c < l; c++) z[o + c] += x * row[c];
    }
  }
}

/**
 * The k largest singular values of a sparse matrix and their right singular vectors, by seeded
 * randomised subspace iteration on AᵀA: a Gaussian start Q (columns × (k + oversample)),
 * `iterations` passes of Q ← orth(Aᵀ A Q), then Rayleigh–Ritz: the eigen-decomposition of the
 * small matrix (AQ)ᵀ(AQ) = W Λ Wᵀ gives V = Q W and σ = √λ. Signs of the vectors are fixed so
 * that each one's largest entry is positive.
 *
 * @example
 * // a diagonal 3 × 3 matrix diag(3, 2, 1): σ = 3, 2
 * const a = { rows: 3, cols: 3, offsets: Int32Array.of(0, 1, 2, 3), indices: Int32Array.of(0, 1, 2), values: Float64Array.of(3, 2, 1) };
 * Array.from(randomizedSvd(a, 2).values).map((s) => +s.toFixed(6)) // [3, 2]
 */
export function randomizedSvd(a: SparseMatrix, k: number, options: SvdOptions = {}): TruncatedSvd {
  const n = a.cols;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a whole number ≥ 1, not ${k}`);
  k = Math.min(k, n, a.rows);
  const l = Math.min(n, k + (options.oversample ?? Math.min(k, 100)));
  const iterations = options.iterations ?? 4;
  const g = gaussian(seededRandom(options.seed ?? DEFAULT_SEED));
  let q = new Float64Array(n * l);
  // Gaussian columns are well conditioned already: the first orthonormalisation is after A·Q
  for (let i = 0; i < q.length; i++) q[i] = g();
  let z = new Float64Array(n * l);
  const row = new Float64Array(l);
  for (let it = 0; it < iterations; it++) {
    gramTimes(a, q, l, z, row);
    [q, z] = [z, q];
    // one Cholesky QR step: A·Q of a well-conditioned basis is far from rank-deficient, and one
    // step leaves an orthogonality error of about κ²·ε, well below what the Rayleigh–Ritz step needs
    orthonormalize(q, n, l, 1);
  }
  // Rayleigh–Ritz: C = Qᵀ (AᵀA Q)
  gramTimes(a, q, l, z, row);
  // Qᵀ AᵀA Q is symmetric: its upper triangle, mirrored
  const c = crossProduct(q, l, z, l, n, false, true);
  const eig = symmetricEigen(c, l);
  const values = new Float64Array(k);
  const w = new Float64Array(l * k);
  for (let x = 0; x < l; x++) for (let col = 0; col < k; col++) w[x * k + col] = eig.vectors[x * l + col];
  const v = rightMultiply(q, n, l, w, k);
  for (let col = 0; col < k; col++) {
    values[col] = Math.sqrt(Math.max(0, eig.values[col]));
    let big = 0;
    for (let i = 0; i < n; i++) if (Math.abs(v[i * k + col]) > Math.abs(big)) big = v[i * k + col];
    if (big < 0) for (let i = 0; i < n; i++) v[i * k + col] = -v[i * k + col];
  }
  return { k, values, v };
}
