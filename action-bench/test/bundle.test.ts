import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GitHubStandIn, pullRequestEvent, pushEvent, runBundle, startGitHubStandIn } from '@shipgate/kit/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from './fixtures/servers.js';

const actionDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let fast: Awaited<ReturnType<typeof startServer>>;
let slow: Awaited<ReturnType<typeof startServer>>;
let failing: Awaited<ReturnType<typeof startServer>>;
let api: GitHubStandIn;
beforeAll(async () => {
  // The fast build does some work per request; the slow one four times as much.
  [fast, slow, failing] = await Promise.all([startServer({ workUs: 100 }), startServer({ workUs: 400 }), startServer({ status: 500 })]);
  api = await startGitHubStandIn();
});
afterAll(async () => {
  for (const server of [fast, slow, failing]) server?.stop();
  await api.close();
});

/** Short rounds for tests; the statistics are the same at any length. */
const quick = { duration: '1.5', rounds: '3', warmup: '0.5', connections: '10' };
const workspace = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-ws-'));
  mkdirSync(path.join(dir, '.github', 'bench'), { recursive: true });
  return dir;
};
const bench = (cwd: string, inputs: Record<string, string>, event: { name: string; payload: unknown } = pushEvent()) =>
  runBundle({ actionDir, cwd, inputs: { ...quick, ...inputs }, event, env: { GITHUB_API_URL: api.url }, timeoutMs: 120_000 });
const baselineFile = (dir: string) => path.join(dir, '.github', 'bench', 'baseline.json');

describe('action-bench against real servers', () => {
  let dir: string;
  beforeAll(async () => {
    dir = workspace();
  });

  it('saves a baseline on a push to the default branch when there is none', async () => {
    const run = await bench(dir, { url: `${fast.url}/api/health` });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.verdict).toBe('no-baseline');
    expect(Number(run.outputs.rps)).toBeGreaterThan(100);
    const doc = JSON.parse(readFileSync(baselineFile(dir), 'utf8'));
    expect(doc).toMatchObject({ version: 1, commit: 'a'.repeat(40), history: [] });
    expect(doc.reference).toHaveLength(3);
    expect(doc.targets['/api/health'].rounds).toHaveLength(3);
    expect(doc.env).toMatchObject({ connections: 10, rounds: 3, durationS: 1.5 });
    expect(run.summary).toContain('No stored baseline for these targets yet');
    expect(run.summary).toContain('Saved this run as the baseline');
  });

  it('calls a server four times slower a regression on a pull request, comments, and leaves the baseline alone', async () => {
    const before = readFileSync(baselineFile(dir), 'utf8');
    // Same target name, slower build: the PR's server.
    const run = await bench(
      dir,
      { targets: `- name: /api/health\n  url: ${slow.url}/api/health`, 'save-baseline': 'true' },
      pullRequestEvent({ number: 11 }),
    );
    expect(run.exitCode).toBe(1);
    expect(run.outputs).toMatchObject({ verdict: 'regression', regressed: 'true' });
    expect(Number(run.outputs['delta-rps'])).toBeLessThan(-40);
    expect(run.annotations.at(-1)?.message).toMatch(/action-bench: regression: \/api\/health rps -\d+\.\d% \(interval .* beyond 10\.0%\)/);
    expect(run.annotations.some((a) => a.level === 'warning' && a.message.includes('a pull request never changes the baseline'))).toBe(
      true,
    );
    expect(readFileSync(baselineFile(dir), 'utf8')).toBe(before);
    const comment = api.comments.get(11)?.[0]?.body ?? '';
    expect(comment).toContain('<!-- shipgate:action-bench -->');
    expect(comment).toContain('### ❌ action-bench: regression');
    expect(comment).toMatch(/\| req\/s \| [\d,]+ \| [\d,]+ \| -\d+\.\d% \| .* \| ❌ regression \|/);
    expect(comment).toContain('Compared with the stored baseline');
  });

  it('keeps history when a later push saves again', async () => {
    const run = await bench(dir, { url: `${fast.url}/api/health` });
    expect(run.outputs.verdict).not.toBe('regression');
    const doc = JSON.parse(readFileSync(baselineFile(dir), 'utf8'));
    expect(doc.history).toHaveLength(1);
  });

  it('never writes the baseline when told not to, and never from an invalid run', async () => {
    const before = readFileSync(baselineFile(dir), 'utf8');
    await bench(dir, { url: `${fast.url}/api/health`, 'save-baseline': 'false' });
    expect(readFileSync(baselineFile(dir), 'utf8')).toBe(before);
    const invalid = await bench(dir, { url: `${failing.url}/api/health`, 'save-baseline': 'true' });
    expect(invalid.exitCode).toBe(1);
    expect(invalid.outputs.verdict).toBe('invalid');
    expect(invalid.annotations.at(-1)?.message).toContain('answered 500');
    expect(readFileSync(baselineFile(dir), 'utf8')).toBe(before);
  });
});

describe('interleaved against compare-url', () => {
  it('measures base and head in pairs and calls the slower head a regression', async () => {
    const run = await bench(workspace(), { url: `${slow.url}/api/health`, 'compare-url': fast.url });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('regression');
    expect(run.summary).toContain(`Measured interleaved against \`${fast.url}/\``);
    const report = JSON.parse(readFileSync(run.outputs.report as string, 'utf8'));
    expect(report.basis.kind).toBe('interleaved');
    expect(report.targets[0].baselineRounds).toHaveLength(3);
  });

  it('passes a head that is the base', async () => {
    const run = await bench(workspace(), { url: `${fast.url}/api/health`, 'compare-url': fast.url, metrics: 'rps' });
    expect(run.outputs.verdict).not.toBe('regression');
    expect(run.exitCode).toBe(0);
  });
});

describe('errors and bad input', () => {
  it('says a target is down instead of measuring it', async () => {
    const down = await startServer();
    down.stop();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const dir = workspace();
    const run = await bench(dir, { url: `${down.url}/api/health`, 'save-baseline': 'true' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.verdict).toBe('invalid');
    expect(run.annotations.at(-1)?.message).toMatch(/\/api\/health is down: connection refused/);
    expect(existsSync(baselineFile(dir))).toBe(false);
  });

  it('names a malformed baseline and leaves it as it was', async () => {
    const dir = workspace();
    writeFileSync(baselineFile(dir), '{"version": 1, "targets": ');
    const run = await bench(dir, { url: `${fast.url}/`, 'save-baseline': 'true' });
    expect(run.exitCode).toBe(1);
    expect(run.annotations[0]?.message).toContain('baseline-path .github/bench/baseline.json is not valid JSON');
    expect(readFileSync(baselineFile(dir), 'utf8')).toBe('{"version": 1, "targets": ');
    writeFileSync(baselineFile(dir), '{"version": 7}');
    const wrong = await bench(dir, { url: `${fast.url}/` });
    expect(wrong.annotations[0]?.message).toContain('is not a shipgate baseline: version 7');
  });

  it('fails a missed SLO', async () => {
    const run = await bench(workspace(), { url: `${fast.url}/api/health`, slo: 'rps>100000000, p99<60000ms', 'save-baseline': 'false' });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.at(-1)?.message).toContain('missed its SLO rps>100000000');
    expect(run.annotations.at(-1)?.message).not.toContain('p99<60000ms');
  });

  const cases: [string, Record<string, string>, string][] = [
    ['a url that is not http(s)', { url: 'ftp://x' }, 'url must be an http(s) URL, got "ftp://x"'],
    ['both url and targets', { url: 'http://127.0.0.1:9/', targets: '- url: http://127.0.0.1:9/' }, 'url and targets are both set'],
    ['neither url nor targets', {}, 'url or targets is required'],
    ['malformed targets', { targets: '- url: [' }, 'targets is not valid YAML'],
    ['a target without url', { targets: '- name: api' }, 'targets[0] has no url'],
    ['zero connections', { url: 'http://127.0.0.1:9/', connections: '0' }, 'connections must be a whole number from 1 to 10000, got "0"'],
    ['a negative duration', { url: 'http://127.0.0.1:9/', duration: '-5' }, 'duration must be a number above 0 and at most 3600, got "-5"'],
    [
      'max-regression out of range',
      { url: 'http://127.0.0.1:9/', 'max-regression': '150%' },
      'max-regression must be a number above 0 and at most 99, got "150%"',
    ],
    ['confidence out of range', { url: 'http://127.0.0.1:9/', confidence: '20' }, 'confidence must be a number from 50 to 99.9, got "20"'],
    [
      'an unknown metric',
      { url: 'http://127.0.0.1:9/', metrics: 'rps, p95' },
      'metrics has an unknown metric "p95" (known: rps, mean, p50, p90, p99)',
    ],
  ];
  it.each(cases)('rejects %s before any load', async (_, inputs, message) => {
    const run = await runBundle({ actionDir, cwd: workspace(), inputs: { url: '', ...inputs }, event: pushEvent() });
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toHaveLength(1);
    expect(run.annotations[0]?.message).toContain(message);
    expect(run.stdout).not.toContain('::group::');
  });
});
