/**
 * L2-regularised logistic regression on sparse features (binary, or weighted such as tf-idf), fitted by L-BFGS (a deterministic
 * quasi-Newton method): no randomness, so the same data give the same weights.
 */
import type { BinaryMatrix } from './features';

/** A linear classifier: P(y = 1 | x) = σ(intercept + Σ weights[j] over the features present). */
export interface LinearModel {
  intercept: number;
  weights: Float64Array;
}

/** Options of {@link fitLogistic}. */
export interface LogisticOptions {
  /**
   * Inverse regularisation strength, as in scikit-learn and LIBLINEAR: the fit minimises
   * ½‖w‖² + C Σᵢ sᵢ·log-loss(yᵢ, xᵢ) (the intercept is not penalised). Default 1.
   */
  c?: number;
  /** Per-row weights sᵢ (default 1 each). */
  sampleWeights?: ArrayLike<number>;
  /** Iterations of L-BFGS at most (default 1000). */
  maxIterations?: number;
  /** Stop when the largest gradient component falls below this share of its value at zero weights (default 1e-9). */
  tolerance?: number;
}

/**
 * The logistic function σ(z) = 1 / (1 + e^−z), computed without overflow.
 *
 * @example
 * sigmoid(0) // 0.5
 * sigmoid(Math.log(3)) // 0.75
 */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/**
 * log(1 + e^z) without overflow: the log-loss of a row whose label disagrees with the sign of z.
 *
 * @example
 * softplus(0) // 0.6931 (log 2)
 */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** The linear score intercept + Σ w·x over the features of row r. */
export function linearScore(m: BinaryMatrix, r: number, model: LinearModel): number {
  let z = model.intercept;
  const v = m.values;
  for (let k = m.offsets[r]; k < m.offsets[r + 1]; k++) z += model.weights[m.indices[k]] * (v ? v[k] : 1);
  return z;
}

/**
 * Probabilities P(y = 1) of every row of a binary matrix under a linear model.
 *
 * @example
 * const m = binaryMatrix([['a'], []], ['a']);
 * Array.from(predictLinear(m, { intercept: 0, weights: Float64Array.of(Math.log(3)) })) // [0.75, 0.5]
 */
export function predictLinear(m: BinaryMatrix, model: LinearModel): Float64Array {
  const p = new Float64Array(m.rows);
  for (let r = 0; r < m.rows; r++) p[r] = sigmoid(linearScore(m, r, model));
  return p;
}

/**
 * Fits an L2-regularised logistic regression by L-BFGS (10 correction pairs, backtracking line
 * search with the Armijo condition), starting from zero weights.
 *
 * @example
 * // one binary feature; rows (x, y): (1,1) (1,1) (1,0) (0,0) (0,1) (0,0); with no penalty the
 * // optimum is p = 2/3 where x = 1 and 1/3 where x = 0: intercept log(1/2), weight 2·log 2
 * const m = binaryMatrix([['a'], ['a'], ['a'], [], [], []], ['a']);
 * const fit = fitLogistic(m, [1, 1, 0, 0, 1, 0], { c: 1e9 });
 * fit.weights[0] // 1.3863 (2 log 2)
 */
export function fitLogistic(m: BinaryMatrix, labels: ArrayLike<number>, options: LogisticOptions = {}): LinearModel {
  const c = options.c ?? 1;
  if (!(c > 0)) throw new RangeError(`C must be above 0, not ${c}`);
  const n = m.rows;
  const d = m.cols;
  const dim = d + 1; // the intercept last
  const s = options.sampleWeights;
  const maxIter = options.maxIterations ?? 1000;
  const relTol = options.tolerance ?? 1e-9;
  let tol = 0;
  const z = new Float64Array(n);
  const v = m.values;
  const evaluate = (x: Float64Array, g: Float64Array): number => {
    let f = 0;
    g.fill(0);
    for (let j = 0; j < d; j++) {
      f += 0.5 * x[j] * x[j];
      g[j] = x[j];
    }
    for (let r = 0; r < n; r++) {
      let zr = x[d];
      for (let k = m.offsets[r]; k < m.offsets[r + 1]; k++) zr += x[m.indices[k]] * (v ? v[k] : 1);
      z[r] = zr;
      const w = c * (s ? s[r] : 1);
      const y = labels[r] > 0 ? 1 : 0;
      // log-loss: y·log(1+e^−z) + (1−y)·log(1+e^z)
      f += w * (y ? softplus(-zr) : softplus(zr));
      const resid = w * (sigmoid(zr) - y);
      g[d] += resid;
      for (let k = m.offsets[r]; k < m.offsets[r + 1]; k++) g[m.indices[k]] += resid * (v ? v[k] : 1);
    }
    return f;
  };
  const x = new Float64Array(dim);
  const g = new Float64Array(dim);
  let f = evaluate(x, g);
  for (let j = 0; j < dim; j++) tol = Math.max(tol, Math.abs(g[j]));
  tol *= relTol;
  const history = 10;
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  const rho: number[] = [];
  const dir = new Float64Array(dim);
  const alpha = new Float64Array(history);
  const xNew = new Float64Array(dim);
  const gNew = new Float64Array(dim);
  for (let iter = 0; iter < maxIter; iter++) {
    let gmax = 0;
    for (let j = 0; j < dim; j++) gmax = Math.max(gmax, Math.abs(g[j]));
    if (gmax < tol) break;
    // two-loop recursion: dir = −H g
    for (let j = 0; j < dim; j++) dir[j] = -g[j];
    for (let i = sList.length - 1; i >= 0; i--) {
      alpha[i] = rho[i] * dot(sList[i], dir);
      axpy(-alpha[i], yList[i], dir);
    }
    if (sList.length > 0) {
      const last = sList.length - 1;
      const gamma = dot(sList[last], yList[last]) / dot(yList[last], yList[last]);
      for (let j = 0; j < dim; j++) dir[j] *= gamma;
    } else {
      const norm = Math.sqrt(dot(g, g));
      for (let j = 0; j < dim; j++) dir[j] /= Math.max(1, norm);
    }
    for (let i = 0; i < sList.length; i++) {
      const beta = rho[i] * dot(yList[i], dir);
      axpy(alpha[i] - beta, sList[i], dir);
    }
    let slope = dot(g, dir);
    if (!(slope < 0)) {
      // not a descent direction (numerical trouble): restart from steepest descent
      sList.length = yList.length = rho.length = 0;
      for (let j = 0; j < dim; j++) dir[j] = -g[j];
      slope = dot(g, dir);
    }
    let step = 1;
    let fNew = 0;
    for (let tries = 0; tries < 60; tries++) {
      for (let j = 0; j < dim; j++) xNew[j] = x[j] + step * dir[j];
      fNew = evaluate(xNew, gNew);
      if (fNew <= f + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(fNew < f) && !(fNew <= f + 1e-4 * step * slope)) break; // no progress possible in floating point
    const sv = new Float64Array(dim);
    const yv = new Float64Array(dim);
    for (let j = 0; j < dim; j++) {
      sv[j] = xNew[j] - x[j];
      yv[j] = gNew[j] - g[j];
    }
    const sy = dot(sv, yv);
    if (sy > 1e-12) {
      if (sList.length === history) {
        sList.shift();
        yList.shift();
        rho.shift();
      }
      sList.push(sv);
      yList.push(yv);
      rho.push(1 / sy);
    }
    const done = Math.abs(f - fNew) <= 1e-15 * Math.max(1, Math.abs(f));
    x.set(xNew);
    g.set(gNew);
    f = fNew;
    if (done) break;
  }
  return { intercept: x[d], weights: x.slice(0, d) };
}

function dot(a: Float64Array, b: Float64Array): number {
  let t = 0;
  for (let j = 0; j < a.length; j++) t += a[j] * b[j];
  return t;
}

function axpy(a: number, x: Float64Array, y: Float64Array): void {
  for (let j = 0; j < x.length; j++) y[j] += a * x[j];
}
