/**
 * ln Γ(x) for x > 0 (Lanczos approximation, g = 7, n = 9; about 15 significant digits).
 *
 * @example
 * Math.exp(logGamma(5)) // 24 (= 4!)
 */
export function logGamma(x: number): number {
  const g = 7;
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905,
    -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  x -= 1;
  let a = c[0];
  const t = x + g + 0.5;
  for (let i = 1; i < g + 2; i++) a += c[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/**
 * ln n!
 *
 * @example
 * logFactorial(5) // 4.7875 (= ln 120)
 */
export function logFactorial(n: number): number {
  return logGamma(n + 1);
}

/**
 * The regularized upper incomplete gamma function Q(s, x) = Γ(s, x) / Γ(s), by its series for
 * x < s + 1 and its continued fraction otherwise (Numerical Recipes, gammq).
 */
export function upperGammaRegularized(s: number, x: number): number {
  if (x <= 0) return 1;
  if (x < s + 1) {
    let sum = 1 / s;
    let term = sum;
    for (let n = 1; n < 1000; n++) {
      term *= x / (s + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-15) break;
    }
    return 1 - sum * Math.exp(-x + s * Math.log(x) - logGamma(s));
  }
  let b = x + 1 - s;
  let c = 1 / 1e-300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - s);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return Math.exp(-x + s * Math.log(x) - logGamma(s)) * h;
}

/**
 * P(X ≥ x) for X chi-squared with `df` degrees of freedom: the p-value of a chi-square or G² statistic.
 *
 * @example
 * chiSquaredSurvival(3.841458820694124, 1) // 0.05
 * chiSquaredSurvival(5.991464547107979, 2) // 0.05
 */
export function chiSquaredSurvival(x: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`degrees of freedom must be positive, not ${df}`);
  if (!(x > 0)) return 1;
  return Math.min(1, Math.max(0, upperGammaRegularized(df / 2, x / 2)));
}

/**
 * The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9).
 *
 * @example
 * normalQuantile(0.975) // 1.96
 * normalQuantile(0.5)   // 0
 */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p <= 0 || p >= 1) return p === 0 ? -Infinity : p === 1 ? Infinity : NaN;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

/**
 * The exact Poisson upper bound for zero events: with none seen, the
 * rate could still be as high as −ln((1 − level) / 2) events over the words read.
 *
 * @example
 * poissonUpperZero() // 3.6889 (= −ln 0.025)
 */
export function poissonUpperZero(level = 0.95): number {
  return -Math.log((1 - level) / 2);
}

/**
 * The regularized incomplete beta function I_x(a, b), by its continued fraction (Numerical
 * Recipes, betai/betacf, modified Lentz).
 *
 * @example
 * incompleteBeta(0.5, 2, 2) // 0.5 (the Beta(2, 2) density is symmetric about ½)
 */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x > (a + 1) / (a + b + 2)) return 1 - incompleteBeta(1 - x, b, a);
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let f = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let num = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    f *= d * c;
    num = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + num * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + num / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-14) break;
  }
  return (front * f) / a;
}

/**
 * The quantile of Student's t distribution with `df` degrees of freedom (df may be fractional,
 * as Welch–Satterthwaite gives), by bisection on P(T ≤ t) = 1 − ½ I_{df/(df+t²)}(df/2, ½).
 *
 * @example
 * studentTQuantile(0.975, 10) // 2.2281 (any t table)
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(df > 0) || p <= 0 || p >= 1) return p === 0.5 ? 0 : NaN;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  const cdf = (t: number) => 1 - 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  let lo = 0;
  let hi = 1;
  while (cdf(hi) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-12 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2;
    if (cdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The p quantile of χ² with `df` degrees of freedom (df > 0, fractional allowed), by bisection on
 * its survival function {@link chiSquaredSurvival}.
 *
 * @example
 * chiSquaredQuantile(0.975, 10) // 20.4832 (any χ² table)
 * // with 2 df, χ² is exponential of mean 2: its 0.975 quantile is −2 ln 0.025
 * chiSquaredQuantile(0.975, 2) // 7.3778
 */
export function chiSquaredQuantile(p: number, df: number): number {
  let lo = 0;
  let hi = Math.max(1, 2 * df);
  while (1 - chiSquaredSurvival(hi, df) < p) hi *= 2;
  for (let i = 0; i < 100 && hi - lo > 1e-10 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (1 - chiSquaredSurvival(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The exact upper bound of a Poisson mean after `count` events, the upper end of Garwood's (1936)
 * two-sided interval at `level`: χ²(1 − α/2; 2·count + 2) / 2, α = 1 − level. With no event it is
 * {@link poissonUpperZero}.
 *
 * @example
 * // 4 events: χ²(0.975; 10) / 2 = 20.4832 / 2
 * poissonUpper(4) // 10.2416
 * poissonUpper(0) // 3.6889 (= −ln 0.025)
 */
export function poissonUpper(count: number, level = 0.95): number {
  return chiSquaredQuantile(1 - (1 - level) / 2, 2 * count + 2) / 2;
}

/**
 * The exact upper bound of a proportion when none of `n` draws has the property: the upper end
 * of Clopper & Pearson's (1934) two-sided interval at `level` for 0 of n, 1 − (α/2)^(1/n),
 * α = 1 − level, the largest share at which seeing none still has probability α/2.
 *
 * @example
 * // 0 of 9: 1 − 0.025^(1/9) = 1 − e^(−3.6889/9) = 1 − 0.66373
 * binomialUpperZero(9) // 0.33627
 */
export function binomialUpperZero(n: number, level = 0.95): number {
  return n > 0 ? 1 - Math.pow((1 - level) / 2, 1 / n) : 1;
}
