import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runBundle } from '@shipgate/kit/testing';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  beszelAgent,
  beszelHub,
  dokployHealth,
  grafana,
  healthEndpoint,
  httpsHealth,
  nextApp,
  type Running,
  TestCertificates,
  uptimeKuma,
} from './fixtures/stand-ins.js';
import { freePort } from './services.js';

const actionDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const real = inject('services');
const running: Running[] = [];
const track = async (server: Promise<Running>) => {
  const started = await server;
  running.push(started);
  return started;
};
afterAll(async () => {
  await Promise.all(running.map((server) => server.close()));
});

const smoke = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  runBundle({ actionDir, inputs: { host: '127.0.0.1', interval: '0.3', 'request-timeout': '2', timeout: '20', ...inputs }, env });

const row = (summary: string, name: string) => summary.split('\n').find((line) => line.startsWith(`| ${name} |`)) ?? '';

describe('the whole stack, for real where it runs here', () => {
  it('passes when every service is up and is what it should be', async () => {
    const kuma = await track(uptimeKuma());
    const hub = await track(beszelHub());
    const agent = await track(beszelAgent());
    const graf = await track(grafana());
    const dokploy = await track(dokployHealth());
    const api = await track(healthEndpoint());
    const run = await smoke({
      urls: `http://127.0.0.1:${api.port}/health`,
      monitoring: [
        `netdata:${real.netdata}`,
        `glances:${real.glances}`,
        `prometheus:${real.prometheus}`,
        `redis:${real.redis}`,
        `postgres:${real.postgres}`,
        `uptime-kuma:${kuma.port}, beszel:${hub.port}, beszel-agent:${agent.port}`,
        `grafana:${graf.port}`,
        `dokploy:${dokploy.port}`,
      ].join('\n'),
    });
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({ passed: 'true', failed: '' });
    expect(row(run.summary, `netdata:${real.netdata}`)).toMatch(/✅ pass \| Netdata 1\.\d+/);
    expect(row(run.summary, `glances:${real.glances}`)).toMatch(/✅ pass \| Glances 3/);
    expect(row(run.summary, `prometheus:${real.prometheus}`)).toMatch(/✅ pass \| Prometheus 2\.\d+.*, ready/);
    expect(row(run.summary, `redis:${real.redis}`)).toContain('Redis, PONG');
    expect(row(run.summary, `postgres:${real.postgres}`)).toContain('PostgreSQL protocol, TLS off');
    expect(row(run.summary, `beszel-agent:${agent.port}`)).toContain('Beszel agent 0.12.3');
    expect(row(run.summary, `uptime-kuma:${kuma.port}`)).toContain('/metrics needs credentials');
    expect(row(run.summary, `grafana:${graf.port}`)).toContain('Grafana 11.3.0, database ok');
    expect(run.summary).toContain('### ✅ action-smoke: all 11 checks passed');
    const report = JSON.parse(readFileSync(run.outputs.report as string, 'utf8'));
    expect(report.checks).toHaveLength(11);
  });

  it('names the impostor on a product port', async () => {
    const web = await track(nextApp());
    const run = await smoke({
      monitoring: `uptime-kuma:${web.port}, grafana:${real.prometheus}, glances:${real.netdata}, postgres:${real.redis}`,
      timeout: '1',
    });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.failed?.split(',').sort()).toEqual(
      [`glances:${real.netdata}`, `grafana:${real.prometheus}`, `postgres:${real.redis}`, `uptime-kuma:${web.port}`].sort(),
    );
    expect(row(run.summary, `uptime-kuma:${web.port}`)).toContain('an HTML page from Next.js ("Shop"), not Uptime Kuma');
    expect(row(run.summary, `grafana:${real.prometheus}`)).toContain('answers as Prometheus, not Grafana');
    expect(row(run.summary, `glances:${real.netdata}`)).toMatch(/answers as Netdata 1\.[\d.]+, not Glances/);
    expect(row(run.summary, `postgres:${real.redis}`)).toContain('not PostgreSQL');
  });

  it('fails security findings at once, without waiting for the deadline', async () => {
    const setup = await track(uptimeKuma({ state: 'setup' }));
    const open = await track(uptimeKuma({ metricsOpen: true }));
    const hub = await track(beszelHub({ firstRun: true }));
    const started = Date.now();
    const run = await smoke({ monitoring: `uptime-kuma:${setup.port}\nuptime-kuma:${open.port}\nbeszel:${hub.port}`, timeout: '60' });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(run.exitCode).toBe(1);
    expect(row(run.summary, `uptime-kuma:${setup.port}`)).toContain('has not finished its first-run setup (setup-database)');
    expect(row(run.summary, `uptime-kuma:${open.port}`)).toContain('serves /metrics without credentials');
    expect(row(run.summary, `beszel:${hub.port}`)).toMatch(/no user yet \(firstRun: true\).*\| 1 \|$/);
  });

  it('keeps closed ports closed, and names what answers on an open one', async () => {
    const agent = await track(beszelAgent());
    const web = await track(nextApp());
    const closed = await freePort();
    const run = await smoke({
      'expect-closed': `${closed}\nredis:${real.redis}\npostgres:${real.postgres}\n${agent.port}\n${web.port}`,
      timeout: '1',
    });
    expect(run.exitCode).toBe(1);
    expect(row(run.summary, `closed:${closed}`)).toContain('✅ pass | connection refused');
    expect(row(run.summary, `closed:redis:${real.redis}`)).toContain('reachable: answers as Redis, PONG');
    expect(row(run.summary, `closed:postgres:${real.postgres}`)).toContain('reachable: answers as PostgreSQL protocol');
    expect(row(run.summary, `closed:${agent.port}`)).toContain('reachable: answers with an SSH banner ("SSH-2.0-beszel_0.12.3")');
    expect(row(run.summary, `closed:${web.port}`)).toContain('reachable: accepts connections, no recognisable answer');
    expect(run.outputs.failed).not.toContain(`closed:${closed}`);
  });

  it('never sends HTTP to Redis', async () => {
    const received: string[] = [];
    const fake = createServer((socket) => {
      socket.on('data', (data) => {
        received.push(data.toString('latin1'));
        socket.write('+PONG\r\n');
      });
    });
    await new Promise<void>((resolve) => fake.listen(0, '127.0.0.1', resolve));
    const port = (fake.address() as { port: number }).port;
    await smoke({ monitoring: `redis:${port}`, 'expect-closed': `redis:${port}`, timeout: '1' });
    fake.close();
    expect(received.length).toBeGreaterThanOrEqual(2);
    expect(received.every((data) => data === 'PING\r\n')).toBe(true);
  });
});

describe('health checks until the deadline', () => {
  it('retries a health endpoint until it turns healthy', async () => {
    const api = await track(healthEndpoint({ healthyAfterMs: 1500 }));
    const run = await smoke({ urls: `http://127.0.0.1:${api.port}/health` });
    expect(run.exitCode).toBe(0);
    const report = JSON.parse(readFileSync(run.outputs.report as string, 'utf8'));
    expect(report.checks[0].attempts).toBeGreaterThan(1);
  });

  it('fails one that never turns healthy at the deadline, with its last observation', async () => {
    const api = await track(healthEndpoint({ healthyAfterMs: Number.POSITIVE_INFINITY }));
    const started = Date.now();
    const run = await smoke({ urls: `http://127.0.0.1:${api.port}/health`, timeout: '2' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(run.exitCode).toBe(1);
    expect(run.outputs.failed).toBe(`127.0.0.1:${api.port}/health`);
    expect(run.annotations.at(-1)?.message).toMatch(/1 of 1 checks failed: 127\.0\.0\.1:\d+\/health: 503 \(expected 2xx\) in \d+ ms/);
  });

  it('checks status, text and a JSON subset', async () => {
    const api = await track(healthEndpoint());
    const checks = [
      `- name: api\n  url: http://127.0.0.1:${api.port}/health\n  json: { status: ok, info: { database: { status: up } } }\n  contains: database`,
      `- name: missing\n  url: http://127.0.0.1:${api.port}/nope\n  status: [404]`,
      `- name: wrong-json\n  url: http://127.0.0.1:${api.port}/health\n  json: { status: down }`,
    ].join('\n');
    const run = await smoke({ checks, timeout: '1' });
    expect(run.outputs.failed).toBe('wrong-json');
    expect(row(run.summary, 'wrong-json')).toContain('the JSON body does not match {"status":"down"}');
  });
});

describe('certificates', () => {
  const certs = new TestCertificates();
  let servers: Record<string, Running>;
  beforeAll(async () => {
    servers = {
      good: await track(httpsHealth(certs.leaf('good', { days: 90 }))),
      soon: await track(httpsHealth(certs.leaf('soon', { days: 15 }))),
      expiring: await track(httpsHealth(certs.leaf('expiring', { days: 3 }))),
      wrongHost: await track(
        httpsHealth(certs.leaf('wrong', { days: 90, altNames: 'DNS:shop.example.test', commonName: 'shop.example.test' })),
      ),
      traefik: await track(httpsHealth(certs.leaf('traefik', { days: 365, selfSigned: true, commonName: 'TRAEFIK DEFAULT CERT' }))),
    };
  });

  it('verifies chain and host name, and counts the days left', async () => {
    const url = (name: string) => `https://127.0.0.1:${servers[name]?.port}/health`;
    const run = await smoke(
      {
        checks: ['good', 'soon', 'expiring', 'wrongHost', 'traefik'].map((name) => `- name: ${name}\n  url: ${url(name)}`).join('\n'),
        timeout: '1',
      },
      { NODE_EXTRA_CA_CERTS: certs.caFile },
    );
    expect(row(run.summary, 'good')).toMatch(/✅ pass \| 200 in \d+ ms, TLS ok \(89 days left\)/);
    expect(row(run.summary, 'soon')).toContain('✅ pass');
    expect(
      run.annotations.some((a) => a.level === 'warning' && a.message.includes('soon: the certificate for localhost expires in 14 days')),
    ).toBe(true);
    expect(row(run.summary, 'expiring')).toMatch(/❌ fail \| 200, but the certificate for localhost expires in 2 days .*: under 7/);
    expect(row(run.summary, 'wrongHost')).toContain('TLS certificate not trusted');
    expect(row(run.summary, 'traefik')).toContain("serves Traefik's default certificate (TRAEFIK DEFAULT CERT)");
    expect(run.outputs.failed?.split(',').sort()).toEqual(['expiring', 'traefik', 'wrongHost']);
  });
});

describe('bad input', () => {
  const cases: [string, Record<string, string>, string][] = [
    [
      'an unknown product',
      { monitoring: 'kibana' },
      'monitoring has an unknown product "kibana" (known products: netdata, uptime-kuma, glances, beszel, beszel-agent, prometheus, grafana, dokploy, postgres, redis)',
    ],
    ['a port out of range', { monitoring: 'redis:70000' }, 'monitoring has a port that is not 1-65535 in "redis:70000"'],
    ['a malformed URL', { urls: 'http//api' }, 'urls must hold http(s) URLs, got "http//api"'],
    ['malformed YAML', { checks: '- url: [' }, 'checks is not valid YAML'],
    ['a check without url', { checks: '- name: api' }, 'checks[0] has no url'],
    ['no check at all', { host: '' }, 'no check to run: give at least one of urls, checks, monitoring or expect-closed'],
    ['a zero timeout', { urls: 'http://127.0.0.1:9/', timeout: '0' }, 'timeout must be a number above 0 and at most 3600, got "0"'],
    ['lists without a host', { host: '', monitoring: 'redis' }, 'host is required for monitoring and expect-closed when no URL is given'],
  ];
  it.each(cases)('rejects %s before any probe', async (_, inputs, message) => {
    const run = await smoke(inputs);
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toHaveLength(1);
    expect(run.annotations[0]?.message).toContain(message);
    expect(run.stdout).not.toContain('::group::');
    expect(run.stdout).not.toMatch(/\s+at .+:\d+:\d+/);
  });
});
