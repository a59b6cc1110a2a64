import { describe, expect, it } from 'vitest';
import { referenceRounds, storedRun as run } from '../test/fixtures/baselines.js';
import { nextBaseline } from './baseline.js';
import { compareInterleaved, compareStored, overallVerdict, PRIOR_RUN_SD } from './compare.js';
import type { BenchSettings } from './inputs.js';
import type { Round } from './load.js';

const settings: BenchSettings = {
  targets: [{ name: 'api', url: new URL('http://x/api'), method: 'GET', headers: {} }],
  connections: 100,
  durationS: 30,
  rounds: 3,
  warmupS: 3,
  baselinePath: '/b.json',
  baselineInput: 'b.json',
  saveBaseline: 'auto',
  maxRegression: 0.1,
  confidence: 0.95,
  metrics: ['rps', 'p99'],
  maxErrorRate: 0.01,
  slo: [{ metric: 'rps', op: '>', value: 500, text: 'rps>500' }],
  comment: false,
  name: '',
  token: '',
};
const round = (rps: number, p99 = 45, extra: Partial<Round> = {}): Round => ({
  rps,
  mean: 20,
  p50: 18,
  p90: 30,
  p99,
  ok: rps * 6,
  sent: rps * 6,
  errors: 0,
  timeouts: 0,
  non2xx: 0,
  ...extra,
});
const measured = (rps: number[], reference = referenceRounds(), p99 = 45) => ({
  mode: 'stored' as const,
  reference,
  targets: new Map([['api', rps.map((r) => round(r, p99))]]),
});

describe('compareStored', () => {
  const baseline = nextBaseline(undefined, run(1000));

  it('says there is no baseline yet', () => {
    const result = compareStored(settings, measured([1000, 1010, 990]), undefined);
    expect(result.verdict).toBe('no-baseline');
    expect(result.basis).toEqual({ kind: 'none' });
    expect(result.targets[0]?.slo[0]).toMatchObject({ ok: true });
  });

  it('cannot tell a 10% change with one stored run: the assumed drift between runs is too wide', () => {
    const result = compareStored(settings, measured([1000, 1010, 990]), baseline);
    expect(result.verdict).toBe('inconclusive');
    expect(result.basis).toMatchObject({ kind: 'stored', historyRuns: 1, runSdSource: 'prior', runSd: PRIOR_RUN_SD });
  });

  it('passes the same numbers once a steady history measures the drift as small', () => {
    let steady = nextBaseline(undefined, run(1000));
    steady = nextBaseline(steady, run(1000));
    steady = nextBaseline(steady, run(1000));
    // Three runs give the measured spread only two degrees of freedom: a wide t, so a wider threshold here.
    const result = compareStored({ ...settings, maxRegression: 0.25 }, measured([1000, 1010, 990]), steady);
    expect(result.basis).toMatchObject({ runSdSource: 'history', runSd: PRIOR_RUN_SD / 2 });
    expect(result.verdict).toBe('pass');
  });

  it('calls half the throughput a regression, and a 50% faster machine no excuse', () => {
    expect(compareStored(settings, measured([500, 510, 490]), baseline).verdict).toBe('regression');
    // The machine is 50% faster (the reference says so), the target only as fast as before: a slowdown.
    const faster = compareStored(settings, measured([1000, 1010, 990], referenceRounds(1.5)), baseline);
    const rps = faster.targets[0]?.metrics[0];
    expect(rps?.comparison?.change).toBeCloseTo(1 / 1.5 - 1, 2);
    expect(rps?.comparison?.verdict).toBe('regression');
  });

  it('takes out drift the reference saw: a slower machine is not a regression', () => {
    const slower = compareStored(settings, measured([700, 707, 693], referenceRounds(0.7)), baseline);
    expect(slower.targets[0]?.metrics[0]?.comparison?.change).toBeCloseTo(0, 2);
    expect(slower.verdict).not.toBe('regression');
  });

  it('corrects latency by the reference latency, not by its req/s', () => {
    // A loaded machine: the reference loses 28% of its req/s and its p99 triples; so does the target's.
    const loaded = referenceRounds(0.72).map((r, i) => ({ ...r, p99: [120, 121, 119][i] ?? 120 }));
    const busy = { ...measured([720, 727, 713], loaded), targets: new Map([['api', [720, 727, 713].map((r) => round(r, 135))]]) };
    const result = compareStored(settings, busy, baseline);
    const p99 = result.targets[0]?.metrics.find((m) => m.metric === 'p99')?.comparison;
    expect(p99?.change).toBeCloseTo(0, 2);
    expect(result.verdict).not.toBe('regression');
    // The same p99 with the reference as steady as then is the target's own slowdown.
    const own = { ...measured([1000, 1010, 990]), targets: new Map([['api', [1000, 1010, 990].map((r) => round(r, 135))]]) };
    expect(compareStored(settings, own, baseline).targets[0]?.metrics.find((m) => m.metric === 'p99')?.comparison?.verdict).toBe(
      'regression',
    );
  });

  it("does not read a step of autocannon's whole-millisecond latency as a regression", () => {
    const at = (p99Then: number, p99Now: number) => {
      const stored = nextBaseline(undefined, {
        ...run(1000),
        targets: { api: { url: 'http://x/api', rounds: [1000, 1010, 990].map((r) => ({ ...round(r), p99: p99Then })) } },
      });
      const now = { ...measured([1000, 1010, 990]), targets: new Map([['api', [1000, 1010, 990].map((r) => round(r, p99Now))]]) };
      return compareStored({ ...settings, metrics: ['p99'] }, now, stored).targets[0]?.metrics[0]?.comparison;
    };
    // 2 → 3 ms: +50%, but each could be a rounding of 2.4 ms.
    expect(at(2, 3)).toMatchObject({ verdict: 'inconclusive' });
    expect(at(2, 3)?.mde).toBeGreaterThan(0.5);
    // 20 → 30 ms is the same +50%, far above the resolution.
    expect(at(20, 30)).toMatchObject({ verdict: 'regression' });
  });

  it('measures drift between runs from history once three runs are stored', () => {
    let doc = nextBaseline(undefined, run(1000));
    doc = nextBaseline(doc, run(1100));
    doc = nextBaseline(doc, run(900));
    const result = compareStored(settings, measured([1000, 1010, 990]), doc);
    expect(result.basis).toMatchObject({ runSdSource: 'history', historyRuns: 3 });
    expect((result.basis as { runSd: number }).runSd).toBeGreaterThan(0.05);
  });

  it('marks a run with errors invalid and compares nothing', () => {
    const bad = {
      ...measured([1000, 1000, 1000]),
      targets: new Map([['api', [round(1000, 45, { errors: 500 }), round(1000), round(1000)]]]),
    };
    const result = compareStored(settings, bad, baseline);
    expect(result.verdict).toBe('invalid');
    expect(result.targets[0]?.invalid).toMatch(
      /^2\.78% of requests failed \(500 errors, 0 of them timeouts, 0 non-2xx answers\), above max-error-rate 1\.00%$/,
    );
    expect(result.targets[0]?.metrics.every((m) => m.comparison === undefined)).toBe(true);
    const nothing = { ...measured([0, 0, 0]), targets: new Map([['api', [round(0), round(0), round(0)]]]) };
    expect(compareStored(settings, nothing, baseline).targets[0]?.invalid).toBe('no request succeeded (no 2xx answer)');
  });
});

describe('compareInterleaved', () => {
  const pairs = (head: number[], base: number[]) => ({
    mode: 'interleaved' as const,
    targets: new Map([['api', { head: head.map((r) => round(r)), base: base.map((r) => round(r)), baseUrl: new URL('http://b/api') }]]),
  });
  const interleaved = { ...settings, compareUrl: new URL('http://b/'), metrics: ['rps' as const] };

  it('compares pair by pair, so drift during the run cancels', () => {
    // Both sides drift from 1000 to 700 during the run; the head is 40% slower in every pair.
    const result = compareInterleaved(interleaved, pairs([600, 510, 420], [1000, 850, 700]));
    expect(result.verdict).toBe('regression');
    expect(result.targets[0]?.metrics[0]?.comparison?.change).toBeCloseTo(-0.4, 2);
    expect(compareInterleaved(interleaved, pairs([1000, 850, 701], [1000, 850, 700])).verdict).toBe('pass');
  });

  it('names an invalid base server', () => {
    const result = compareInterleaved(interleaved, {
      mode: 'interleaved',
      targets: new Map([
        ['api', { head: [round(1000), round(1000), round(1000)], base: [round(0), round(0), round(0)], baseUrl: new URL('http://b/api') }],
      ]),
    });
    expect(result.targets[0]?.invalid).toBe('the base server (compare-url): no request succeeded (no 2xx answer)');
  });
});

describe('overallVerdict', () => {
  it('puts invalid before regression before no-baseline before inconclusive before pass', () => {
    const t = (verdict: 'pass' | 'regression' | 'inconclusive' | 'no-baseline' | 'invalid') => ({ verdict }) as never;
    expect(overallVerdict([t('pass'), t('inconclusive')])).toBe('inconclusive');
    expect(overallVerdict([t('inconclusive'), t('no-baseline')])).toBe('no-baseline');
    expect(overallVerdict([t('no-baseline'), t('regression')])).toBe('regression');
    expect(overallVerdict([t('regression'), t('invalid')])).toBe('invalid');
    expect(overallVerdict([t('pass')])).toBe('pass');
  });
});
