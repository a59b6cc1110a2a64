import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { recordInputs } from '@shipgate/kit';
import { parseFileCommand } from '@shipgate/kit/testing';
import { afterEach, beforeEach, describe, expect, inject, it, vi } from 'vitest';
import { beszelAgent, healthEndpoint, type Running, uptimeKuma } from '../test/fixtures/stand-ins.js';
import { run } from './main.js';

// run() in this process, so the orchestration and probes count in coverage; test/bundle.test.ts runs the bundle.
const real = inject('services');
let temp: string;
let output: string[];
const servers: Running[] = [];
beforeEach(() => {
  temp = mkdtempSync(path.join(tmpdir(), 'smoke-main-'));
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
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

const env = () => ({ GITHUB_STEP_SUMMARY: path.join(temp, 'summary'), RUNNER_TEMP: temp });

describe('run', () => {
  it('checks the real stack and stand-ins and sets the outputs', async () => {
    const api = await healthEndpoint();
    const kuma = await uptimeKuma();
    const agent = await beszelAgent();
    servers.push(api, kuma, agent);
    const inputs = recordInputs({
      urls: `http://127.0.0.1:${api.port}/health`,
      monitoring: `netdata:${real.netdata}, glances:${real.glances}, prometheus:${real.prometheus}, postgres:${real.postgres}, redis:${real.redis}, uptime-kuma:${kuma.port}, beszel-agent:${agent.port}`,
      'expect-closed': `grafana:${api.port}`,
      timeout: '1',
      interval: '0.2',
      'request-timeout': '2',
    });
    await run({ inputs, env: env() });
    const outputs = parseFileCommand(readFileSync(path.join(temp, 'output'), 'utf8'));
    expect(outputs.failed).toBe(`closed:grafana:${api.port}`);
    expect(process.exitCode).toBe(1);
    expect(readFileSync(path.join(temp, 'summary'), 'utf8')).toContain('1 of 9 checks failed');
  });

  it('stops on bad input with a summary saying so', async () => {
    await run({ inputs: recordInputs({ monitoring: 'kibana', host: 'h' }), env: env() });
    expect(process.exitCode).toBe(1);
    expect(readFileSync(path.join(temp, 'summary'), 'utf8')).toContain('action-smoke: not run');
  });
});
