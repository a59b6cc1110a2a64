import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { recordInputs } from '@shipgate/kit';
import { parseFileCommand } from '@shipgate/kit/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DokployStandIn, startDokployStandIn } from '../test/fixtures/dokploy-stand-in.js';
import { run } from './main.js';

// run() in this process, so the orchestration counts in coverage; test/bundle.test.ts runs the bundle.
let dokploy: DokployStandIn;
let temp: string;
let output: string[];
beforeEach(async () => {
  dokploy = await startDokployStandIn({ scenario: { appearAfterMs: 30, runMs: 60 } });
  temp = mkdtempSync(path.join(tmpdir(), 'deploy-main-'));
  for (const file of ['output', 'summary']) writeFileSync(path.join(temp, file), '');
  output = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    output.push(String(chunk));
    return true;
  });
  vi.stubEnv('GITHUB_OUTPUT', path.join(temp, 'output'));
});
afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
  await dokploy.close();
});

const inputs = (extra: Record<string, string> = {}) =>
  recordInputs({ 'dokploy-url': dokploy.url, 'api-key': dokploy.apiKey, 'application-id': 'app-web', 'poll-interval': '0.02', ...extra });
const env = { GITHUB_STEP_SUMMARY: '', RUNNER_TEMP: '' };

describe('run', () => {
  it('deploys and sets every output', async () => {
    await run({ inputs: inputs(), env: { ...env, GITHUB_STEP_SUMMARY: path.join(temp, 'summary') } });
    expect(process.exitCode).toBeUndefined();
    const outputs = parseFileCommand(readFileSync(path.join(temp, 'output'), 'utf8'));
    expect(outputs).toMatchObject({
      status: 'done',
      'deployment-id': dokploy.rows.get('app-web')?.[0]?.deploymentId,
      'github-deployment-id': '',
    });
    expect(readFileSync(path.join(temp, 'summary'), 'utf8')).toContain('action-deploy: done');
    expect(output.join('')).not.toMatch(new RegExp(`^(?!::add-mask::).*${dokploy.apiKey}`, 'm'));
  });

  it('fails once, with a summary, on a refused key', async () => {
    await run({ inputs: inputs({ 'api-key': 'nope' }), env: { ...env, GITHUB_STEP_SUMMARY: path.join(temp, 'summary') } });
    expect(process.exitCode).toBe(1);
    expect(output.join('').match(/^::error::/gm)).toHaveLength(1);
    expect(readFileSync(path.join(temp, 'summary'), 'utf8')).toContain('action-deploy: not run');
  });
});
