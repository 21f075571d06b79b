/**
 * Bernoulli naive Bayes on binary features, written as the linear model it is: the log-odds of
 * the class is an intercept plus one weight per feature present, so that it is saved and applied
 * like the logistic regression.
 */
import type { BinaryMatrix } from './features';
import type { LinearModel } from './logistic';

/**
 * Fits Bernoulli naive Bayes with Laplace smoothing α (default 1): for class y, θ_yj = (n_yj + α) /
 * (n_y + 2α), where n_yj counts the class's rows holding feature j; prior P(y) from the (weighted)
 * class shares. Then log P(1|x)/P(0|x) = log(π₁/π₀) + Σ_j [x_j log(θ₁ⱼ/θ₀ⱼ) + (1−x_j) log((1−θ₁ⱼ)/(1−θ₀ⱼ))],
 * which is an intercept plus one weight per present feature.
 *
 * @example
 * // feature a in 2 of 2 positives and 1 of 2 negatives: θ₁ = 3/4, θ₀ = 2/4 (α = 1)
 * const m = binaryMatrix([['a'], ['a'], ['a'], []], ['a']);
 * const nb = fitNaiveBayes(m, [1, 1, 0, 0]);
 * nb.weights[0] // 1.0986 (log(3/4 ÷ 1/4) − log(2/4 ÷ 2/4) = log 3)
 * nb.intercept  // −0.6931 (log(2/2) for the equal priors + log((1/4) ÷ (2/4)))
 */
export function fitNaiveBayes(m: BinaryMatrix, labels: ArrayLike<number>, options: { alpha?: number; sampleWeights?: ArrayLike<number> } = {}): LinearModel {
  const alpha = options.alpha ?? 1;
  if (!(alpha > 0)) throw new RangeError(`alpha must be above 0, not ${alpha}`);
  const s = options.sampleWeights;
  const n = [0, 0];
  const counts = [new Float64Array(m.cols), new Float64Array(m.cols)];
  for (let r = 0; r < m.rows; r++) {
    const y = labels[r] > 0 ? 1 : 0;
    const w = s ? s[r] : 1;
    n[y] += w;
    for (let k = m.offsets[r]; k < m.offsets[r + 1]; k++) counts[y][m.indices[k]] += w;
  }
  if (n[0] === 0 || n[1] === 0) throw new RangeError('naive Bayes needs rows of both classes');
  let intercept = Math.log(n[1] / n[0]);
  const weights = new Float64Array(m.cols);
  for (let j = 0; j < m.cols; j++) {
    const t1 = (counts[1][j] + alpha) / (n[1] + 2 * alpha);
    const t0 = (counts[0][j] + alpha) / (n[0] + 2 * alpha);
    const absent = Math.log((1 - t1) / (1 - t0));
    intercept += absent;
    weights[j] = Math.log(t1 / t0) - absent;
  }
  return { intercept, weights };
}
