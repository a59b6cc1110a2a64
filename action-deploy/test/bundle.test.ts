import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type GitHubStandIn, runBundle, startGitHubStandIn } from '@shipgate/kit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DokployStandIn, type Scenario, startDokployStandIn } from './fixtures/dokploy-stand-in.js';

const actionDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let dokploy: DokployStandIn;
let github: GitHubStandIn;

beforeEach(async () => {
  dokploy = await startDokployStandIn();
  github = await startGitHubStandIn();
});
afterEach(async () => {
  await dokploy.close();
  await github.close();
});

const deploy = (inputs: Record<string, string> = {}, scenario?: Scenario) => {
  if (scenario) dokploy.scenario = { appearAfterMs: 200, runMs: 400, outcome: 'done', ...scenario };
  return runBundle({
    actionDir,
    inputs: {
      'dokploy-url': `${dokploy.url}/api/`,
      'api-key': dokploy.apiKey,
      'application-id': 'app-api',
      'poll-interval': '0.2',
      timeout: '20',
      ...inputs,
    },
    env: { GITHUB_API_URL: github.url, GITHUB_WORKFLOW: 'redeploy', GITHUB_RUN_NUMBER: '17', GITHUB_RUN_ATTEMPT: '1' },
  });
};

/** What nobody may ever read in the log: the key, and the secrets application.one returns. */
const expectNoSecrets = (log: string, stdout: string) => {
  expect(log).not.toContain(dokploy.apiKey);
  for (const secret of ['s3cr3t-db-pass', 'rt_secret_webhook_token']) expect(stdout).not.toContain(secret);
};

describe('action-deploy against the Dokploy stand-in', () => {
  it('deploys once and follows its own deployment, not an older one, to done', async () => {
    dokploy.seed('app-api', 3);
    const older = dokploy.rows.get('app-api')?.map((r) => r.deploymentId) ?? [];
    const run = await deploy();
    expect(run.exitCode).toBe(0);
    const ours = dokploy.rows.get('app-api')?.[0];
    expect(ours?.status).toBe('done');
    expect(run.outputs['deployment-id']).toBe(ours?.deploymentId);
    expect(older).not.toContain(run.outputs['deployment-id']);
    expect(run.outputs.status).toBe('done');
    expect(Number(run.outputs.duration)).toBeGreaterThan(0.3);
    expect(run.outputs['log-url']).toBe(
      `${dokploy.url}/dashboard/project/proj-1/environment/env-prod/services/application/app-api?tab=deployments`,
    );
    // One deploy call, with the key in its header and the marker in its body.
    const calls = dokploy.deployCalls();
    expect(calls).toHaveLength(1);
    expect(calls[0]?.path).toBe('/api/application.deploy');
    expect(calls[0]?.headers['x-api-key']).toBe(dokploy.apiKey);
    expect(calls[0]?.headers['content-type']).toBe('application/json');
    const body = JSON.parse(calls[0]?.body ?? '{}');
    expect(body.applicationId).toBe('app-api');
    expect(body.title).toBe(`redeploy #17 ${'a'.repeat(7)}`);
    expect(body.description).toMatch(/^https:\/\/github\.test\/octo\/app\/actions\/runs\/4242 \[shipgate:4242\.1\.[0-9a-f]{8}\]$/);
    expect(run.summary).toContain('### ✅ action-deploy: done');
    expect(run.summary).toContain('| Server | Dokploy v0.30.2 |');
    expectNoSecrets(run.log, run.stdout);
    expect(run.stdout).toContain('::add-mask::');
  });

  it('fails on error with the log tail, and says so', async () => {
    const run = await deploy({ 'log-lines': '2' }, { outcome: 'error', log: 'step 1\nstep 2\nnpm ERR! missing script: build' });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('error');
    expect(run.annotations.at(-1)?.message).toMatch(/^action-deploy: deployment dep-\S+ failed in Dokploy$/);
    expect(run.log).toContain('npm ERR! missing script: build');
    expect(run.summary).toContain('npm ERR! missing script: build');
    expect(run.summary).not.toContain('step 1');
    expectNoSecrets(run.log, run.stdout);
  });

  it('skips the log quietly on servers without readLogs', async () => {
    const run = await deploy({}, { outcome: 'error', noLogs: true });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('error');
    expect(run.summary).not.toContain('log lines');
  });

  it('stops at once on cancelled', async () => {
    const run = await deploy({}, { outcome: 'cancelled', runMs: 100 });
    expect(run.exitCode).toBe(1);
    expect(run.outputs.status).toBe('cancelled');
    expect(Number(run.outputs.duration)).toBeLessThan(2);
    expect(run.annotations.at(-1)?.message).toContain('was cancelled');
  });

  it('tells a deployment that never started from one that ran out of time', async () => {
    const never = await deploy({ timeout: '1.5' }, { appearAfterMs: Number.POSITIVE_INFINITY });
    expect(never.exitCode).toBe(1);
    expect(never.outputs).toMatchObject({ status: 'timeout', 'deployment-id': '' });
    expect(never.annotations.at(-1)?.message).toContain(
      'the deployment never started: no new deployment of application app-api appeared within 2 s',
    );

    const slow = await deploy({ timeout: '1.5' }, { runMs: 60_000 });
    expect(slow.outputs.status).toBe('timeout');
    expect(slow.outputs['deployment-id']).toMatch(/^dep-/);
    expect(slow.annotations.at(-1)?.message).toMatch(/deployment dep-\S+ started but was still running after 2 s/);
    expect(dokploy.deployCalls()).toHaveLength(2);
  });

  it('keeps following its deployment when a git source rewrites the title at the end', async () => {
    dokploy.seed('app-api', 10);
    const run = await deploy({}, { rewriteTitleAtEnd: true, runMs: 600 });
    expect(run.exitCode).toBe(0);
    const ours = dokploy.rows.get('app-api')?.[0];
    expect(ours?.title).toBe('fix: cache headers for /api/health');
    expect(run.outputs['deployment-id']).toBe(ours?.deploymentId);
    // Ten rows are kept: the oldest seeded one is gone, ours is in.
    expect(dokploy.rows.get('app-api')).toHaveLength(10);
  });

  it('takes the first new row on a server that drops the marker', async () => {
    dokploy.seed('app-api', 2);
    const run = await deploy({}, { ignoreTitle: true });
    expect(run.exitCode).toBe(0);
    expect(run.outputs['deployment-id']).toBe(dokploy.rows.get('app-api')?.[0]?.deploymentId);
    expect(run.log).toContain('the first new one: this server does not keep the marker');
  });

  it('rides out a proxy 503 page while polling', async () => {
    const run = await deploy({}, { list503: 2 });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('done');
  });

  it('sends the deploy again when a 503 came while Dokploy was idle and nothing appeared', async () => {
    const run = await deploy({}, { deploy503: 1 });
    expect(run.exitCode).toBe(0);
    expect(dokploy.deployCalls()).toHaveLength(2);
    expect(dokploy.rows.get('app-api')).toHaveLength(1);
    expect(run.summary).toContain('was sent again');
  });

  it('never sends twice when the 503 hid a deployment Dokploy had queued', async () => {
    const run = await deploy({}, { deployLost503: 1 });
    expect(run.exitCode).toBe(0);
    expect(dokploy.deployCalls()).toHaveLength(1);
    expect(dokploy.rows.get('app-api')).toHaveLength(1);
    expect(run.outputs['deployment-id']).toBe(dokploy.rows.get('app-api')?.[0]?.deploymentId);
  });

  it('never sends twice while another deployment of the service runs (a queued one is invisible)', async () => {
    dokploy.seed('app-api', 1);
    const busy = dokploy.rows.get('app-api')?.[0];
    if (busy) busy.status = 'running';
    const run = await deploy({ timeout: '1.5' }, { deploy503: 1 });
    expect(dokploy.deployCalls()).toHaveLength(1);
    expect(run.outputs.status).toBe('timeout');
    expect(run.summary).toContain('it was not sent again');
  });

  it('honours the timeout for the whole step, even when Dokploy stops answering', async () => {
    // A server that accepts connections and never answers: each request would wait 15 s.
    const hang = createServer(() => {}).listen(0, '127.0.0.1');
    await new Promise((resolve) => hang.once('listening', resolve));
    const started = Date.now();
    const run = await deploy({ 'dokploy-url': `http://127.0.0.1:${(hang.address() as { port: number }).port}`, timeout: '2' });
    hang.close();
    expect(run.exitCode).toBe(1);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(run.annotations.at(-1)?.message).toContain('was stopped: the time limit ran out');
  });

  it('deploys a compose stack and redeploys an application', async () => {
    const compose = await deploy({ 'application-id': '', 'compose-id': 'compose-mon' });
    expect(compose.exitCode).toBe(0);
    expect(dokploy.requests.some((r) => r.path.startsWith('/api/deployment.allByCompose?composeId=compose-mon'))).toBe(true);
    expect(compose.outputs['log-url']).toContain('/services/compose/compose-mon?tab=deployments');
    const redeploy = await deploy({ mode: 'redeploy' });
    expect(redeploy.exitCode).toBe(0);
    expect(dokploy.deployCalls().map((c) => c.path)).toEqual(['/api/compose.deploy', '/api/application.redeploy']);
  });

  it('only queues when told not to wait', async () => {
    const run = await deploy({ wait: 'false' }, { runMs: 60_000 });
    expect(run.exitCode).toBe(0);
    expect(run.outputs.status).toBe('queued');
    expect(run.outputs['deployment-id']).toMatch(/^dep-/);
    expect(run.annotations.some((a) => a.level === 'notice' && a.message.includes('not waiting'))).toBe(true);
  });

  it('records a GitHub Deployment with its statuses when asked', async () => {
    const run = await deploy({ 'github-deployment': 'true', environment: 'production', 'environment-url': 'https://shop.example.test' });
    expect(run.exitCode).toBe(0);
    expect(github.deployments).toHaveLength(1);
    const record = github.deployments[0];
    expect(record).toMatchObject({ ref: 'a'.repeat(40), environment: 'production' });
    expect(record?.statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(record?.statuses[1]).toMatchObject({ environment_url: 'https://shop.example.test', log_url: run.outputs['log-url'] });
    expect(run.outputs['github-deployment-id']).toBe(String(record?.id));
  });

  it('marks the GitHub Deployment failed when the deploy fails, and warns if it cannot write', async () => {
    const failedRun = await deploy({ 'github-deployment': 'true', environment: 'production' }, { outcome: 'error' });
    expect(github.deployments[0]?.statuses.map((s) => s.state)).toEqual(['in_progress', 'failure']);
    expect(failedRun.exitCode).toBe(1);
    github.readOnly = true;
    const readOnly = await deploy({ 'github-deployment': 'true', environment: 'production' }, {});
    expect(readOnly.exitCode).toBe(0);
    expect(readOnly.annotations.some((a) => a.level === 'warning' && a.message.includes('deployments: write'))).toBe(true);
  });
});

describe('refusals and bad input', () => {
  it('says the key was refused, without printing it', async () => {
    const wrong = 'dk_wrong_key_that_must_not_leak_42';
    const run = await deploy({ 'api-key': wrong });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.at(-1)?.message).toContain('Dokploy refused the API key (401)');
    expect(run.annotations.at(-1)?.message).toContain('x-api-key');
    expect(run.log).not.toContain(wrong);
    expect(dokploy.deployCalls()).toHaveLength(0);
  });

  it('names an application that does not exist', async () => {
    const run = await deploy({ 'application-id': 'app-nope' });
    expect(run.annotations.at(-1)?.message).toBe(
      'Dokploy has no application with id "app-nope" (404 Application not found): check application-id',
    );
    expect(run.summary).toContain('### ❌ action-deploy: not run');
    expect(dokploy.deployCalls()).toHaveLength(0);
  });

  it('says connection refused when nothing listens at dokploy-url', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const run = await deploy({ 'dokploy-url': `http://127.0.0.1:${port}` });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.at(-1)?.message).toMatch(
      /GET http:\/\/127\.0\.0\.1:\d+\/api\/application\.one\?… failed after 4 attempt\(s\): connection refused/,
    );
    expect(run.log).not.toContain(dokploy.apiKey);
  }, 30_000);

  const cases: [string, Record<string, string>, string][] = [
    ['a missing URL', { 'dokploy-url': '' }, 'dokploy-url is required but was empty'],
    ['a missing key', { 'api-key': '' }, 'api-key is required but was empty'],
    ['a URL that is not http(s)', { 'dokploy-url': 'ftp://dokploy.test' }, 'dokploy-url must be an http(s) URL, got "ftp://dokploy.test"'],
    ['both ids', { 'compose-id': 'compose-mon' }, 'application-id and compose-id are both set: give exactly one of them'],
    ['neither id', { 'application-id': '' }, 'application-id or compose-id is required: give exactly one of them'],
    ['an unknown mode', { mode: 'rollback' }, 'mode must be one of deploy, redeploy, got "rollback"'],
    ['a zero timeout', { timeout: '0' }, 'timeout must be a number above 0 and at most 21600, got "0"'],
    ['a negative poll interval', { 'poll-interval': '-1' }, 'poll-interval must be a number above 0 and at most 600, got "-1"'],
    ['a record without environment', { 'github-deployment': 'true' }, 'environment is required when github-deployment is true'],
  ];
  it.each(cases)('rejects %s before any request', async (_, inputs, message) => {
    const run = await deploy(inputs);
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toHaveLength(1);
    expect(run.annotations[0]?.message).toContain(message);
    expect(dokploy.requests).toHaveLength(0);
    expect(run.log).not.toContain(dokploy.apiKey);
    expect(run.stdout).not.toMatch(/\s+at .+:\d+:\d+/);
  });
});
