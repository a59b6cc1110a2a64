import { describe, expect, it } from 'vitest';
import { classify, httpStatus, SLOW_MS, summarize } from './health';

describe('classify', () => {
  it('calls a fast answer up, a slow one degraded and no answer down', () => {
    expect(classify('postgres', true, 12)).toEqual({
      name: 'postgres',
      state: 'up',
      latencyMs: 12,
    });
    expect(classify('redis', true, SLOW_MS + 1).state).toBe('degraded');
    expect(classify('redis', false, 0, 'ECONNREFUSED')).toEqual({
      name: 'redis',
      state: 'down',
      latencyMs: 0,
      detail: 'ECONNREFUSED',
    });
  });
});

describe('summarize', () => {
  const up = classify('postgres', true, 5);
  const slow = classify('redis', true, 900);
  const down = classify('redis', false, 0);

  it('is ok when every dependency is up', () => {
    expect(summarize([up]).status).toBe('ok');
    expect(httpStatus(summarize([up]))).toBe(200);
  });

  it('is degraded when one is slow or an optional one is down', () => {
    expect(summarize([up, slow]).status).toBe('degraded');
    expect(summarize([up, down], new Set(['redis'])).status).toBe('degraded');
  });

  it('is an error answered with 503 when a required one is down', () => {
    const report = summarize([up, down]);
    expect(report.status).toBe('error');
    expect(httpStatus(report)).toBe(503);
  });
});
