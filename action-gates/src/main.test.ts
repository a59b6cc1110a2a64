import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { recordInputs } from '@shipgate/kit';
import { type GitHubStandIn, parseFileCommand, pullRequestEvent, startGitHubStandIn } from '@shipgate/kit/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { prepareFixture } from '../test/fixtures.js';
import { run } from './main.js';

// run() in this process, with real tools, so the orchestration is measured by coverage too;
// test/bundle.test.ts runs the same through the committed bundle.
let api: GitHubStandIn;
let temp: string;
let output: string[];
beforeEach(async () => {
  api = await startGitHubStandIn();
  temp = mkdtempSync(path.join(tmpdir(), 'gates-main-'));
  writeFileSync(path.join(temp, 'output'), '');
  writeFileSync(path.join(temp, 'summary'), '');
  output = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    output.push(String(chunk));
    return true;
  });
  vi.stubEnv('GITHUB_OUTPUT', path.join(temp, 'output'));
  vi.stubEnv('GITHUB_API_URL', api.url);
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
  await api.close();
});

const env = (cwd: string, extra: Record<string, string> = {}) => ({
  GITHUB_WORKSPACE: cwd,
  RUNNER_TEMP: temp,
  GITHUB_STEP_SUMMARY: path.join(temp, 'summary'),
  GITHUB_REPOSITORY: 'octo/app',
  GITHUB_API_URL: api.url,
  ...extra,
});

describe('run', () => {
  it('passes a clean project and sets outputs', async () => {
    const dir = prepareFixture('good');
    await run({ inputs: recordInputs({}), env: env(dir) });
    expect(process.exitCode).toBeUndefined();
    const outputs = parseFileCommand(readFileSync(path.join(temp, 'output'), 'utf8'));
    expect(outputs).toMatchObject({ passed: 'true', 'tests-passed': '3', 'coverage-lines': '100' });
    expect(readFileSync(path.join(temp, 'summary'), 'utf8')).toContain('action-gates: passed');
  });

  it('fails a broken pull request once, with a comment', async () => {
    const dir = prepareFixture('bad');
    const event = path.join(temp, 'event.json');
    writeFileSync(event, JSON.stringify(pullRequestEvent({ number: 2 }).payload));
    api.pullFiles.set(2, [{ filename: 'src/debug.ts', status: 'added', patch: '@@ -0,0 +1,4 @@\n+a\n+b\n+c\n+d' }]);
    await run({
      inputs: recordInputs({ 'github-token': 'tok-123456', name: 'unit' }),
      env: env(dir, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event }),
    });
    expect(process.exitCode).toBe(1);
    const text = output.join('');
    expect(text.match(/^::error::action-gates \(unit\) failed: /gm)).toHaveLength(1);
    expect(api.comments.get(2)?.[0]?.body).toContain('<!-- shipgate:action-gates:unit -->');
    // The debug.ts error sits in a changed file: it is annotated first.
    const firstLint = text.split('\n').find((l) => l.startsWith('::error title=Biome'));
    expect(firstLint).toContain('file=src/debug.ts');
  });

  it('stops before running anything when a tool is missing', async () => {
    const dir = prepareFixture('good', { withTools: false });
    await run({ inputs: recordInputs({}), env: env(dir) });
    expect(process.exitCode).toBe(1);
    expect(output.join('')).toContain('::error::Biome is not installed');
    expect(output.join('')).not.toContain('::group::');
    expect(readFileSync(path.join(temp, 'summary'), 'utf8')).toContain('action-gates: not run');
  });
});
