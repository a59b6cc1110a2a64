import { recordInputs } from '@shipgate/kit';
import { describe, expect, it } from 'vitest';
import { getInputs, parseSlo } from './inputs.js';

describe('getInputs', () => {
  it('fills the defaults', async () => {
    const settings = await getInputs(recordInputs({ url: 'http://localhost:3001/api/health' }), { GITHUB_WORKSPACE: '/ws' });
    expect(settings).toMatchObject({
      connections: 100,
      durationS: 30,
      rounds: 5,
      warmupS: 3,
      baselinePath: '/ws/.github/bench/baseline.json',
      saveBaseline: 'auto',
      maxRegression: 0.1,
      confidence: 0.95,
      metrics: ['rps', 'p99'],
      maxErrorRate: 0.01,
      slo: [],
      comment: true,
    });
    expect(settings.targets).toEqual([
      { name: '/api/health', url: new URL('http://localhost:3001/api/health'), method: 'GET', headers: {} },
    ]);
  });

  it('reads targets with methods, headers and bodies', async () => {
    const targets =
      '- name: api\n  url: http://localhost:3001/api/health\n- name: login\n  url: http://localhost:3001/api/auth/login\n  method: post\n  headers: { content-type: application/json }\n  body: { user: a }';
    const settings = await getInputs(recordInputs({ targets, 'max-regression': '15', metrics: 'RPS,p50' }));
    expect(settings.targets[1]).toMatchObject({
      name: 'login',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"user":"a"}',
    });
    expect(settings.maxRegression).toBeCloseTo(0.15);
    expect(settings.metrics).toEqual(['rps', 'p50']);
  });

  it.each([
    [{ url: 'http://x/', duration: '1', rounds: '5' }, 'duration 1 s split into 5 rounds gives rounds under 0.5 s'],
    [{ url: 'http://x/', rounds: '2' }, 'rounds must be a whole number from 3 to 100, got "2"'],
    [{ targets: 'a: 1' }, 'targets must be a YAML list of targets'],
    [{ targets: '- 1' }, 'targets[0] must be a mapping with name and url'],
    [{ targets: '- url: nope' }, 'targets[0].url must be an http(s) URL, got "nope"'],
    [{ targets: '- url: http://x/\n  method: FETCH' }, 'targets[0].method must be an HTTP method, got "FETCH"'],
    [{ targets: '- url: http://x/\n  headers: 3' }, 'targets[0].headers must be a mapping'],
    [{ targets: '- url: http://x/a\n- url: http://y/a' }, 'targets has two targets named "/a"'],
    [{ url: 'http://x/', 'save-baseline': 'always' }, 'save-baseline must be one of auto, true, false, got "always"'],
  ])('rejects %o', async (inputs, message) => {
    await expect(getInputs(recordInputs(inputs))).rejects.toThrow(message);
  });
});

describe('parseSlo', () => {
  it('reads limits in ms, s and req/s', () => {
    expect(parseSlo('p99<200ms, rps>1000\nmean < 0.5s').map((s) => [s.metric, s.op, s.value])).toEqual([
      ['p99', '<', 200],
      ['rps', '>', 1000],
      ['mean', '<', 500],
    ]);
    expect(parseSlo('  ')).toEqual([]);
  });

  it.each(['p95<200ms', 'p99 = 3', 'rps>10ms'])('rejects %s', (text) => {
    expect(() => parseSlo(text)).toThrow(/slo/);
  });
});
