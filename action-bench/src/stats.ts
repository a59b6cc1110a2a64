/** Arithmetic mean. */
export function mean(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

/** Sample variance (n − 1); 0 for fewer than two values. */
export function variance(values: number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return values.reduce((sum, v) => sum + (v - m) ** 2, 0) / (values.length - 1);
}

/** The standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`);
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  const poly = (k: number[], x: number) => k.reduce((acc, v) => acc * x + v, 0);
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

/**
 * Student's t quantile for `df` degrees of freedom (Cornish-Fisher expansion
 * around the normal quantile; within 0.5% of the exact value for df ≥ 3, and
 * conservative, never below the normal quantile).
 */
export function tQuantile(p: number, df: number): number {
  const z = normalQuantile(p);
  if (!Number.isFinite(df) || df > 1e6) return z;
  const v = Math.max(df, 1);
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  const z9 = z ** 9;
  return (
    z +
    (z3 + z) / (4 * v) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * v ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v ** 3) +
    (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * v ** 4)
  );
}

/** Which way is worse for a metric: throughput down, or latency up. */
export type Direction = 'higher-is-better' | 'lower-is-better';

/** One source of uncertainty: its variance of a mean, and its degrees of freedom. */
export interface VarianceTerm {
  variance: number;
  df: number;
}

export interface Comparison {
  /** Relative change of the current value against the reference, e.g. -0.12 for 12% lower. */
  change: number;
  /** Confidence interval of the change, at the requested confidence, widened by any resolution slack. */
  low: number;
  high: number;
  /** The part of the interval's half-width (log scale) that is the measurement's resolution, not noise. */
  slack: number;
  /**
   * The smallest slowdown (as a positive fraction) this run could call a
   * regression: `maxRegression`, or the interval's half-width when that is
   * wider (a slowdown inside the noise is never called), plus the slack.
   */
  mde: number;
  verdict: 'pass' | 'regression' | 'inconclusive';
}

/**
 * Compares a log-scale difference (current − reference) against a threshold.
 * A regression needs both: the estimate beyond `maxRegression` on the worse
 * side, and the whole confidence interval on the worse side of no change (the
 * slowdown is statistically clear). A pass when the interval rules out a
 * slowdown beyond `maxRegression`; otherwise inconclusive: the spread is too
 * wide to tell. Degrees of freedom by Welch–Satterthwaite over the terms.
 *
 * `slack` is a bound on the log difference's error that no number of rounds
 * reduces (a value known only to its resolution): both tests must hold
 * however that error fell, so it widens the interval on each side.
 */
export function compareLog(
  logDifference: number,
  terms: VarianceTerm[],
  options: { direction: Direction; maxRegression: number; confidence: number; slack?: number },
): Comparison {
  const slack = options.slack ?? 0;
  const total = terms.reduce((sum, t) => sum + t.variance, 0);
  const df =
    total === 0 ? Number.POSITIVE_INFINITY : total ** 2 / terms.reduce((sum, t) => sum + (t.df > 0 ? t.variance ** 2 / t.df : 0), 0);
  const noise = tQuantile(1 - (1 - options.confidence) / 2, df) * Math.sqrt(total);
  const half = noise + slack;
  const change = Math.exp(logDifference) - 1;
  const low = Math.exp(logDifference - half) - 1;
  const high = Math.exp(logDifference + half) - 1;
  // On log scale with the worse side positive: a slowdown of x is ln(1/(1−x)) for req/s, ln(1+x) for latency.
  const worse = options.direction === 'higher-is-better' ? -logDifference : logDifference;
  const limit = options.direction === 'higher-is-better' ? -Math.log(1 - options.maxRegression) : Math.log(1 + options.maxRegression);
  const verdict = worse - slack > limit && worse - half > 0 ? 'regression' : worse + half <= limit ? 'pass' : 'inconclusive';
  const smallest = Math.max(limit, noise) + slack;
  const mde = options.direction === 'higher-is-better' ? 1 - Math.exp(-smallest) : Math.exp(smallest) - 1;
  return { change, low, high, slack, mde, verdict };
}
