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

  it('needs the estimate beyond the threshold and the interval clear of no change', () => {
    const medium = [{ variance: 0.003, df: 10 }];
    // 15% down, interval about −25% … −4%: beyond 10% and clearly slower.
    const clear = compareLog(Math.log(0.85), medium, opts);
    expect(clear.verdict).toBe('regression');
    expect(clear.high).toBeLessThan(0);
    expect(clear.low).toBeLessThan(-0.1);
    // 7% down, clearly slower, but the estimate is within the threshold: not a regression.
    expect(compareLog(Math.log(0.93), medium, opts).verdict).toBe('inconclusive');
    // 15% down, but the interval reaches no change: noise could have made it.
    expect(compareLog(Math.log(0.85), [{ variance: 0.01, df: 4 }], opts).verdict).toBe('inconclusive');
  });

  it('reports the smallest slowdown it could have called', () => {
    // Tight: the threshold is the limit.
    expect(compareLog(0, tight, opts).mde).toBeCloseTo(0.1, 9);
    // Wide: half-width = t(0.975, 4) × 0.1 ≈ 0.278 on log scale, beyond the threshold.
    const wide = compareLog(0, [{ variance: 0.01, df: 4 }], opts);
    expect(wide.mde).toBeCloseTo(1 - Math.exp(-tQuantile(0.975, 4) * 0.1), 9);
    const latency = compareLog(0, [{ variance: 0.01, df: 4 }], { ...opts, direction: 'lower-is-better' });
    expect(latency.mde).toBeCloseTo(Math.exp(tQuantile(0.975, 4) * 0.1) - 1, 9);
    // A slowdown just beyond the MDE is called, just inside it is not.
    const sd = [{ variance: 0.01, df: 4 }];
    expect(compareLog(Math.log(1 - wide.mde) - 0.001, sd, opts).verdict).toBe('regression');
    expect(compareLog(Math.log(1 - wide.mde) + 0.001, sd, opts).verdict).toBe('inconclusive');
  });

  it('holds both tests however a resolution slack fell', () => {
    const latency = { ...opts, direction: 'lower-is-better' as const };
    const sd = [{ variance: 0.0001, df: 20 }];
    // +40% with a tight spread is a regression, but not when 0.35 of it may be rounding.
    expect(compareLog(Math.log(1.4), sd, latency).verdict).toBe('regression');
    const rounded = compareLog(Math.log(1.4), sd, { ...latency, slack: 0.35 });
    expect(rounded.verdict).toBe('inconclusive');
    expect(rounded.slack).toBe(0.35);
    expect(rounded.low).toBeLessThan(0);
    // The MDE grows by the slack: a slowdown just past it is called.
    expect(rounded.mde).toBeCloseTo(Math.exp(Math.log(1.1) + 0.35) - 1, 9);
    expect(compareLog(Math.log(1 + rounded.mde) + 0.001, sd, { ...latency, slack: 0.35 }).verdict).toBe('regression');
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
