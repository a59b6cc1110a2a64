import { describe, expect, it, vi } from 'vitest';
import type { CheckDefinition } from './checks.js';
import { fail, pass } from './observation.js';
import { failedNames, failureMessage, renderReport } from './report.js';
import { type Clock, runChecks } from './scheduler.js';

function fakeClock(): Clock {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  };
}

const check = (name: string, results: ReturnType<typeof pass>[]): CheckDefinition & { calls: number } => {
  const definition = {
    name,
    target: `t-${name}`,
    calls: 0,
    probe: async () => results[Math.min(definition.calls++, results.length - 1)] as ReturnType<typeof pass>,
  };
  return definition;
};

describe('runChecks', () => {
  it('retries failures until they pass or the deadline comes, and never retries a final failure', async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const recovers = check('recovers', [fail('503'), fail('503'), pass('200')]);
    const never = check('never', [fail('refused')]);
    const finding = check('finding', [fail('exposed', { final: true })]);
    // The fake clock adds every sleep, so a check that runs beside others would see their waits too.
    const [alone] = await runChecks([never], { timeoutMs: 10_000, intervalMs: 1000, clock: fakeClock() });
    const results = await runChecks([recovers, finding], { timeoutMs: 10_000, intervalMs: 1000, clock: fakeClock() });
    vi.restoreAllMocks();
    // Attempts at 0, 1, …, 10 s: the last one lands on the deadline itself.
    expect(alone).toMatchObject({ status: 'fail', attempts: 11, elapsedMs: 10_000 });
    expect(results.map((r) => [r.name, r.status, r.attempts])).toEqual([
      ['recovers', 'pass', 3],
      ['finding', 'fail', 1],
    ]);
    const all = [alone as NonNullable<typeof alone>, ...results];
    expect(failedNames(all)).toEqual(['never', 'finding']);
    expect(failureMessage(all)).toBe('never: refused; finding: exposed');
  });

  it('turns a probe that throws into a failed observation', async () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const broken: CheckDefinition = {
      name: 'broken',
      target: 't',
      probe: async () => {
        throw new Error('boom');
      },
    };
    const [result] = await runChecks([broken], { timeoutMs: 1, intervalMs: 5, clock: fakeClock() });
    vi.restoreAllMocks();
    expect(result).toMatchObject({ status: 'fail', detail: 'boom', attempts: 1 });
  });
});

describe('renderReport', () => {
  it('shows one table with every check, warnings and timing', () => {
    const markdown = renderReport(
      [
        {
          name: 'api',
          target: 'GET http://x/health',
          status: 'pass',
          detail: '200 in 3 ms',
          latencyMs: 3.2,
          attempts: 1,
          elapsedMs: 3,
          warning: 'api: the certificate expires in 10 days',
        },
        {
          name: 'dns',
          target: 'x:1 must not answer',
          status: 'error',
          detail: 'cannot tell: host name not found',
          attempts: 2,
          elapsedMs: 9,
        },
      ],
      { name: 'prod', elapsedMs: 2500, runUrl: 'https://run' },
    );
    expect(markdown).toContain('### ❌ action-smoke · prod: 1 of 2 checks failed');
    expect(markdown).toContain('| api | GET http://x/health | ✅ pass | 200 in 3 ms | 3 ms | 1 |');
    expect(markdown).toContain('| dns | x:1 must not answer | ⚠️ error | cannot tell: host name not found |  | 2 |');
    expect(markdown).toContain('> ⚠️ api: the certificate expires in 10 days');
    expect(markdown).toContain('took 2.5 s · [run log](https://run)');
    expect(failureMessage([{ name: 'dns', target: '', status: 'error', detail: 'x', attempts: 1, elapsedMs: 0 }])).toBe(
      'dns: x (could not be checked)',
    );
  });
});
