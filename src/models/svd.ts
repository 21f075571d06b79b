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
      let y = symmetric || upperOnly ? x : 0;
      // four columns of B at a time: each element of A's row is loaded once for four products,
      // and the four sums do not wait on each other
      for (; y + 3 < lb; y += 4) {
        const y0 = y * BLOCK;
        const y1 = y0 + BLOCK;
        const y2 = y1 + BLOCK;
        const y3 = y2 + BLOCK;
        let d0 = 0;
        let d1 = 0;
        let d2 = 0;
        let d3 = 0;
        for (let i = 0; i < rows; i++) {
          const t = ta[xo + i];
          d0 += t * tb[y0 + i];
          d1 += t * tb[y1 + i];
          d2 += t * tb[y2 + i];
          d3 += t * tb[y3 + i];
        }
        const o = x * lb + y;
        out[o] += d0;
        out[o + 1] += d1;
        out[o + 2] += d2;
        out[o + 3] += d3;
      }
      for (; y < lb; y++) {
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
  const l4 = l - (l % 4);
  for (let start = 0; start < n; start += BLOCK) {
    const end = Math.min(n, start + BLOCK);
    // four rows of M at a time: each element of the output is loaded and stored a quarter as often
    // (with `upper`, M's zeros below the diagonal are stored, so starting at the group's first row is exact)
    for (let x = 0; x < l4; x += 4) {
      const m0 = x * cols;
      const m1 = m0 + cols;
      const m2 = m1 + cols;
      const m3 = m2 + cols;
      const from = upper ? x : 0;
      for (let i = start; i < end; i++) {
        const qo = i * l + x;
        const a0 = q[qo];
        const a1 = q[qo + 1];
        const a2 = q[qo + 2];
        const a3 = q[qo + 3];
        if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue;
        const oo = i * cols;
        for (let c = from; c < cols; c++) out[oo + c] += a0 * m[m0 + c] + a1 * m[m1 + c] + a2 * m[m2 + c] + a3 * m[m3 + c];
      }
    }
    for (let x = l4; x < l; x++) {
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
  // lower-triangular L = Rᵀ with L Lᵀ = G, row-major, so that every inner loop reads rows
  const low = new Float64Array(l * l);
  let maxDiag = 0;
  for (let x = 0; x < l; x++) maxDiag = Math.max(maxDiag, g[x * l + x]);
  for (let x = 0; x < l; x++) {
    const xo = x * l;
    let d = g[xo + x];
    for (let p = 0; p < x; p++) d -= low[xo + p] ** 2;
    if (!(d > 1e-10 * maxDiag)) return false;
    const lxx = Math.sqrt(d);
    low[xo + x] = lxx;
    for (let y = x + 1; y < l; y++) {
      const yo = y * l;
      let t = g[xo + y];
      for (let p = 0; p < x; p++) t -= low[xo + p] * low[yo + p];
      low[yo + x] = t / lxx;
    }
  }
  // R⁻¹ (upper triangular) by back substitution, column c of R⁻¹ kept as row c of `invT`
  const invT = new Float64Array(l * l);
  for (let c = 0; c < l; c++) {
    const co = c * l;
    invT[co + c] = 1 / low[c * l + c];
    for (let x = c - 1; x >= 0; x--) {
      // R[x][p] = L[p][x]
      let t = 0;
      for (let p = x + 1; p <= c; p++) t += low[p * l + x] * invT[co + p];
      invT[co + x] = -t / low[x * l + x];
    }
  }
  const inv = new Float64Array(l * l);
  for (let c = 0; c < l; c++) for (let x = 0; x <= c; x++) inv[x * l + c] = invT[c * l + x];
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
 * Eigenvalues and eigenvectors of a symmetric matrix (n × n, row-major): Householder reduction to
 * tridiagonal form and the implicit QL algorithm (the EISPACK routines tred2 and tql2, as JAMA
 * writes them), about 4n³ operations where cyclic Jacobi rotations took 10n³ or more. Values
 * descending, vectors as the columns of `vectors` (row-major n × n).
 *
 * @example
 * const e = symmetricEigen(Float64Array.of(2, 1, 1, 2), 2);
 * Array.from(e.values) // [3, 1]
 */
export function symmetricEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const v = Float64Array.from(matrix); // V[i][j] = v[i * n + j]
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n === 0) return { values: d, vectors: v };
  tridiagonalize(v, d, e, n);
  tridiagonalQl(v, d, e, n);
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => d[y] - d[x] || x - y);
  const values = Float64Array.from(order, (i) => d[i]);
  const vectors = new Float64Array(n * n);
  for (let r = 0; r < n; r++) order.forEach((i, c) => (vectors[r * n + c] = v[r * n + i]));
  return { values, vectors };
}

/** Householder reduction of a symmetric matrix to tridiagonal form (EISPACK tred2): d the diagonal, e the off-diagonal, v the transformation. */
function tridiagonalize(v: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) d[j] = v[(n - 1) * n + j];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = v[(i - 1) * n + j];
        v[i * n + j] = 0;
        v[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        v[j * n + i] = f;
        g = e[j] + v[j * n + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += v[k * n + j] * d[k];
          e[k] += v[k * n + j] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        for (let k = j; k <= i - 1; k++) v[k * n + j] -= f * e[k] + g * d[k];
        d[j] = v[(i - 1) * n + j];
        v[i * n + j] = 0;
      }
    }
    d[i] = h;
  }
  // accumulate the transformations
  for (let i = 0; i < n - 1; i++) {
    v[(n - 1) * n + i] = v[i * n + i];
    v[i * n + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = v[k * n + i + 1] / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += v[k * n + i + 1] * v[k * n + j];
        for (let k = 0; k <= i; k++) v[k * n + j] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) v[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = v[(n - 1) * n + j];
    v[(n - 1) * n + j] = 0;
  }
  v[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/** Eigenvalues and vectors of a symmetric tridiagonal matrix by the implicit QL method (EISPACK tql2), updating v. */
function tridiagonalQl(v: Float64Array, d: Float64Array, e: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]) > eps * tst1) m++;
    if (m > l) {
      for (let iter = 0; iter < 1000; iter++) {
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          for (let k = 0; k < n; k++) {
            const at = k * n + i;
            h = v[at + 1];
            v[at + 1] = s * v[at] + c * h;
            v[at] = c * v[at] - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
        if (!(Math.abs(e[l]) > eps * tst1)) break;
      }
    }
    d[l] += f;
    e[l] = 0;
  }
}

/**
 * The same matrix with identical rows merged: each distinct non-empty row once, its values times
 * √m where m is how many times it occurs, and empty rows left out. AᵀA, and so the right singular
 * vectors and singular values, are unchanged (m · aᵀa = (√m a)ᵀ(√m a)), while a corpus that repeats
 * paragraphs (boilerplate, reprinted news, a corpus scaled up by copying) costs each pass of
 * {@link randomizedSvd} its distinct rows only.
 *
 * @example
 * // rows (1 0), (1 0), (0 2) and an empty row: (√2 0) and (0 2)
 * const a = { rows: 4, cols: 2, offsets: Int32Array.of(0, 1, 2, 3, 3), indices: Int32Array.of(0, 0, 1), values: Float64Array.of(1, 1, 2) };
 * const m = mergeDuplicateRows(a);
 * [m.rows, ...Array.from(m.values)] // [2, 1.4142, 2]
 */
export function mergeDuplicateRows(a: SparseMatrix): SparseMatrix {
  const first = new Map<number, number[]>(); // hash → distinct rows with it
  const count: number[] = [];
  const rowsOf: number[] = [];
  let nnz = 0;
  const same = (r: number, s: number): boolean => {
    const len = a.offsets[r + 1] - a.offsets[r];
    if (a.offsets[s + 1] - a.offsets[s] !== len) return false;
    for (let e = 0; e < len; e++) {
      const x = a.offsets[r] + e;
      const y = a.offsets[s] + e;
      if (a.indices[x] !== a.indices[y] || a.values[x] !== a.values[y]) return false;
    }
    return true;
  };
  for (let r = 0; r < a.rows; r++) {
    const start = a.offsets[r];
    const end = a.offsets[r + 1];
    if (start === end) continue;
    let h = 0x811c9dc5;
    for (let e = start; e < end; e++) {
      h = Math.imul(h ^ a.indices[e], 0x01000193);
      h = Math.imul(h ^ (a.values[e] * 1000003), 0x01000193);
    }
    const bucket = first.get(h);
    const found = bucket?.find((d) => same(rowsOf[d], r));
    if (found !== undefined) {
      count[found]++;
      continue;
    }
    const d = rowsOf.length;
    rowsOf.push(r);
    count.push(1);
    nnz += end - start;
    if (bucket) bucket.push(d);
    else first.set(h, [d]);
  }
  const offsets = new Float64Array(rowsOf.length + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let at = 0;
  rowsOf.forEach((r, d) => {
    const scale = Math.sqrt(count[d]);
    for (let e = a.offsets[r]; e < a.offsets[r + 1]; e++) {
      indices[at] = a.indices[e];
      values[at++] = a.values[e] * scale;
    }
    offsets[d + 1] = at;
  });
  return { rows: rowsOf.length, cols: a.cols, offsets, indices, values };
}

/**
 * Z = Aᵀ (A Q): (cols × l) from Q (cols × l), one pass over the rows. The loops over the l
 * columns are unrolled by four (each element still sums in the same order, so the result is the
 * same to the bit): a pass costs 2 × non-zeros × l multiply-adds, most of the run's time.
 */
function gramTimes(a: SparseMatrix, q: Float64Array, l: number, z: Float64Array, row: Float64Array): void {
  z.fill(0);
  const offsets = a.offsets;
  const indices = a.indices;
  const values = a.values;
  const l4 = l - (l % 4);
  for (let r = 0; r < a.rows; r++) {
    const start = offsets[r];
    const end = offsets[r + 1];
    if (start === end) continue;
    // row = (A Q)_r: the first entry sets it, the others add
    {
      const x = values[start];
      const o = indices[start] * l;
      for (let c = 0; c < l; c++) row[c] = x * q[o + c];
    }
    for (let e = start + 1; e < end; e++) {
      const x = values[e];
      const o = indices[e] * l;
      let c = 0;
      for (; c < l4; c += 4) {
        row[c] += x * q[o + c];
        row[c + 1] += x * q[o + c + 1];
        row[c + 2] += x * q[o + c + 2];
        row[c + 3] += x * q[o + c + 3];
      }
      for (; c < l; c++) row[c] += x * q[o + c];
    }
    // Z += a_rᵀ row
    for (let e = start; e < end; e++) {
      const x = values[e];
      const o = indices[e] * l;
      let c = 0;
      for (; c < l4; c += 4) {
        z[o + c] += x * row[c];
        z[o + c + 1] += x * row[c + 1];
        z[o + c + 2] += x * row[c + 2];
        z[o + c + 3] += x * row[c + 3];
      }
      for (; c < l; c++) z[o + c] += x * row[c];
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
