import { describe, expect, it } from 'vitest';
import { compareLog, mean, normalQuantile, tQuantile, variance } from './stats.js';

describe('quantiles', () => {
  it('match published tables', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.644854, 5);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232, 4);
    // t tables: df 4, 9, 30 at 0.975; df 5 at 0.95.
    expect(tQuantile(0.975, 4)).toBeCloseTo(2.776, 1);
    expect(tQuantile(0.975, 9)).toBeCloseTo(2.262, 2);
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.042, 3);
    expect(tQuantile(0.95, 5)).toBeCloseTo(2.015, 2);
    expect(tQuantile(0.975, Number.POSITIVE_INFINITY)).toBeCloseTo(1.96, 3);
    expect(() => normalQuantile(1)).toThrow('p must be in (0, 1)');
  });

  it('computes mean and sample variance', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(variance([1, 2, 3, 4])).toBeCloseTo(1.6667, 4);
    expect(variance([5])).toBe(0);
  });
});

describe('compareLog', () => {
  const opts = { direction: 'higher-is-better' as const, maxRegression: 0.1, confidence: 0.95 };
  const tight = [{ variance: 0.0004, df: 8 }];

  it('calls a clear, large slowdown a regression', () => {
    const result = compareLog(Math.log(0.6), tight, opts);
    expect(result.verdict).toBe('regression');
    expect(result.change).toBeCloseTo(-0.4, 6);
    expect(result.high).toBeLessThan(-0.1);
  });

  it('passes no change, and a clear slowdown smaller than the threshold', () => {
    expect(compareLog(0, tight, opts).verdict).toBe('pass');
    expect(compareLog(Math.log(0.97), tight, opts).verdict).toBe('pass');
  });

  it('is inconclusive when the interval straddles the threshold', () => {
    const wide = [{ variance: 0.01, df: 4 }];
    expect(compareLog(Math.log(0.88), wide, opts).verdict).toBe('inconclusive');
    expect(compareLog(0, wide, opts).verdict).toBe('inconclusive');
  });

  it('reports the smallest slowdown it could have called', () => {
    const result = compareLog(0, tight, opts);
    // half-width = t(0.975, 8) × 0.02 ≈ 0.046; a regression needs the estimate below ln(0.9) − 0.046.
    expect(result.mde).toBeCloseTo(1 - Math.exp(Math.log(0.9) - 2 * tQuantile(0.975, 8) * 0.02), 6);
    expect(result.mde).toBeGreaterThan(0.1);
  });

  it('treats latency the other way round', () => {
    const latency = { ...opts, direction: 'lower-is-better' as const };
    expect(compareLog(Math.log(1.5), tight, latency).verdict).toBe('regression');
    expect(compareLog(Math.log(0.7), tight, latency).verdict).toBe('pass');
    expect(compareLog(Math.log(1.12), [{ variance: 0.01, df: 4 }], latency).verdict).toBe('inconclusive');
  });

  it('combines terms with Welch degrees of freedom', () => {
    const a = compareLog(
      Math.log(0.85),
      [
        { variance: 0.001, df: 4 },
        { variance: 0.001, df: 4 },
      ],
      opts,
    );
    const b = compareLog(Math.log(0.85), [{ variance: 0.002, df: 8 }], opts);
    expect(a.low).toBeCloseTo(b.low, 6);
    expect(compareLog(0, [], opts).low).toBe(0);
  });
});
