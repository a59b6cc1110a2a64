import { describe, expect, it } from 'vitest';
import type { BenchResult } from './compare.js';
import type { BenchSettings } from './inputs.js';
import { basisSentence, pct, renderReport } from './report.js';

const settings = {
  targets: [],
  connections: 100,
  durationS: 30,
  rounds: 5,
  warmupS: 3,
  maxRegression: 0.1,
  confidence: 0.95,
  name: 'api',
} as unknown as BenchSettings;

const result: BenchResult = {
  verdict: 'regression',
  basis: {
    kind: 'stored',
    commit: 'abcdef1234',
    createdAt: '2026-12-01T10:00:00Z',
    historyRuns: 1,
    drift: 0.183,
    runSd: 0.04,
    runSdSource: 'prior',
  },
  targets: [
    {
      name: 'health',
      url: 'http://localhost:3001/api/health',
      rounds: [{ rps: 5000, mean: 4, p50: 3, p90: 6, p99: 12 }],
      baselineRounds: [{ rps: 10000, mean: 2, p50: 1, p90: 3, p99: 6 }],
      metrics: [
        {
          metric: 'rps',
          baseline: 10_000,
          current: 5000,
          comparison: { change: -0.5, low: -0.6, high: -0.4, mde: 0.3, slack: 0, verdict: 'regression' },
        },
        {
          metric: 'p99',
          baseline: 6,
          current: 12,
          comparison: { change: 1, low: 0.05, high: 2, mde: 0.5, slack: 0.2, verdict: 'inconclusive' },
        },
      ],
      slo: [{ metric: 'p99', op: '<', value: 10, text: 'p99<10ms', actual: 12, ok: false }],
      verdict: 'regression',
    },
  ],
};

describe('renderReport', () => {
  it('shows the verdict, how it was compared, and a table per target', () => {
    const markdown = renderReport(result, settings, {
      notes: ['The baseline was not changed: a pull request never changes it.'],
      runUrl: 'https://run',
    });
    expect(markdown).toContain('### ❌ action-bench: regression · api');
    expect(markdown).toContain('Compared with the stored baseline from `abcdef1` of 2026-12-01');
    expect(markdown).toContain('puts this machine at +18.3% against then');
    expect(markdown).toContain('| req/s | 10,000 | 5,000 | -50.0% | -60.0% … -40.0% | ❌ regression |');
    expect(markdown).toContain('| p99 latency | 6.00 ms | 12.0 ms | +100.0% | +5.0% … +200.0% | 🟡 inconclusive |');
    expect(markdown).toContain('| SLO p99<10ms |  | 12.0 ms |  |  | ❌ missed |');
    expect(markdown).toContain('health req/s: smallest slowdown this run would catch 30.0%\n');
    expect(markdown).toContain(
      "health p99 latency: smallest slowdown this run would catch 50.0% (±22.1% of it is autocannon's 1 ms latency resolution",
    );
    expect(markdown).toContain('req/s per round: 5000 (baseline: 10000)');
    expect(markdown).toContain('- The baseline was not changed');
  });

  it('says what it compared with in every mode', () => {
    expect(basisSentence({ ...result, basis: { kind: 'none' } }, 0.95)).toContain('No stored baseline');
    expect(basisSentence({ ...result, basis: { kind: 'interleaved', compareUrl: 'http://base/' } }, 0.95)).toContain(
      'Measured interleaved against `http://base/`',
    );
    expect(
      basisSentence({ ...result, basis: { ...result.basis, runSdSource: 'history', historyRuns: 4 } as BenchResult['basis'] }, 0.9),
    ).toContain('measured over 4 stored runs');
    expect(pct(undefined)).toBe('');
    expect(pct(0.1234, false)).toBe('12.3%');
  });
});
