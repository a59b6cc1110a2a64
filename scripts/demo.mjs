// `npm run demo`: the whole pipeline on the embedded default, each stage by its
// committed bundle exactly as a workflow step runs it, on 127.0.0.1 only:
//   1. action-gates on examples/app (its real Biome and Vitest);
//   2. action-bench on the example API (examples/app's health module behind
//      node:http): a push saves the baseline, then a pull request compares;
//   3. action-deploy against the Dokploy stand-in (Dokploy needs Docker);
//   4. action-smoke on the API's health endpoints, stand-ins for Uptime Kuma,
//      Beszel and Grafana (Docker again), and a port that must stay closed.
// Prints each stage's job summary and outputs; exits non-zero if a stage fails.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { importTs, listen, root, startExampleApi } from './example-api.mjs';
import { runActionAsync } from './run-gates.mjs';

const scratch = mkdtempSync(path.join(tmpdir(), 'shipgate-demo-'));

/** A loopback port nothing listens on: bound, then released. */
async function closedPort() {
  const { port, close } = await listen(createServer());
  await close();
  return port;
}

const stages = [];
async function stage(title, action, options) {
  console.log(`\n════════ ${title} ════════\n`);
  const result = await runActionAsync({ actionDir: path.join(root, action), ...options });
  console.log('\n──────── job summary ────────\n');
  console.log(result.summary);
  console.log('──────── outputs ────────');
  for (const [name, value] of Object.entries(result.outputs)) console.log(`${name}=${value}`);
  stages.push({ title, ok: result.status === 0 });
  return result;
}

const cleanup = [];
try {
  const app = path.join(root, 'examples', 'app');
  await stage('1/4 action-gates on examples/app', 'action-gates', { cwd: app, inputs: { comment: 'false' } });

  const api = await startExampleApi();
  cleanup.push(api.close);
  const apiUrl = `http://127.0.0.1:${api.port}`;
  const workspace = path.join(scratch, 'workspace');
  mkdirSync(workspace, { recursive: true });
  const targets = `- name: api\n  url: ${apiUrl}/api/health\n- name: auth\n  url: ${apiUrl}/api/auth/health`;
  // Short rounds so the demo stays quick; a real job keeps the 30 s default.
  const load = { targets, duration: '3', rounds: '3', warmup: '1', comment: 'false' };
  const main = { GITHUB_EVENT_NAME: 'push', GITHUB_REF: 'refs/heads/main', GITHUB_SHA: 'd'.repeat(40) };
  await stage('2/4 action-bench: a push to main saves the baseline', 'action-bench', {
    cwd: workspace,
    inputs: { ...load, 'save-baseline': 'true' },
    env: main,
  });
  const event = path.join(scratch, 'pull_request.json');
  writeFileSync(event, JSON.stringify({ pull_request: { number: 1, base: { ref: 'main' }, head: { sha: 'e'.repeat(40) } } }));
  await stage('2/4 action-bench: a pull request compares with it', 'action-bench', {
    cwd: workspace,
    inputs: load,
    env: { GITHUB_EVENT_NAME: 'pull_request', GITHUB_EVENT_PATH: event, GITHUB_SHA: 'e'.repeat(40) },
  });

  const { startDokployStandIn } = await importTs('action-deploy/test/fixtures/dokploy-stand-in.ts');
  const dokploy = await startDokployStandIn({ scenario: { appearAfterMs: 500, runMs: 2000, outcome: 'done' } });
  cleanup.push(() => dokploy.close());
  await stage('3/4 action-deploy: a redeploy of the API through Dokploy (stand-in)', 'action-deploy', {
    cwd: workspace,
    inputs: { 'dokploy-url': dokploy.url, 'api-key': dokploy.apiKey, 'application-id': 'app-api', mode: 'redeploy', 'poll-interval': '1' },
    env: { ...main, GITHUB_WORKFLOW: 'redeploy', GITHUB_RUN_NUMBER: '1', GITHUB_RUN_ID: '1', GITHUB_RUN_ATTEMPT: '1' },
  });

  const standIns = await importTs('action-smoke/test/fixtures/stand-ins.ts');
  const [kuma, hub, grafana] = await Promise.all([standIns.uptimeKuma(), standIns.beszelHub(), standIns.grafana()]);
  cleanup.push(kuma.close, hub.close, grafana.close);
  await stage('4/4 action-smoke: the API, the monitoring stack (stand-ins), a closed port', 'action-smoke', {
    cwd: workspace,
    inputs: {
      urls: `${apiUrl}/api/health\n${apiUrl}/api/auth/health`,
      monitoring: `uptime-kuma:${kuma.port}, beszel:${hub.port}, grafana:${grafana.port}`,
      'expect-closed': `postgres:${await closedPort()}`,
      timeout: '30',
      interval: '1',
    },
    env: main,
  });
} finally {
  for (const stop of cleanup.reverse()) await stop();
}

console.log('\n════════ pipeline ════════');
for (const s of stages) console.log(`${s.ok ? '✅' : '❌'} ${s.title}`);
// A stage that throws ends the demo before this line, so every stage is in the list.
const ok = stages.every((s) => s.ok);
console.log(ok ? 'demo: all four stages passed' : 'demo: a stage failed (see above)');
process.exit(ok ? 0 : 1);
