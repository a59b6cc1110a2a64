// Gate quality of action-bench on this machine, at default settings except a
// short duration: a baseline saved once from a server, then A/A runs (the same
// server again: every "regression" is a false alarm), and runs against servers
// made slower with fixed CPU work per request. Kinds are interleaved so that
// machine drift hits them alike. Prints verdict counts and the MDE distribution.
//
// Usage: node bench/bench-quality.mjs [runs per kind] [duration s]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { root } from '../scripts/build.mjs';
import { runAction } from '../scripts/run-gates.mjs';

const runs = Number(process.argv[2] ?? 20);
const duration = process.argv[3] ?? '5';
const BASE_WORK_US = 60;

/** A server in its own process that burns `workUs` of CPU per request. */
async function server(workUs) {
  const source = `
    const work = ${workUs} * 1000;
    const server = require('node:http').createServer((req, res) => {
      const start = process.hrtime.bigint();
      while (Number(process.hrtime.bigint() - start) < work) {}
      res.end('{"status":"ok"}');
    });
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));
  `;
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  const { value } = await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next();
  return { url: `http://127.0.0.1:${Number(value)}/api/health`, stop: () => child.kill() };
}

const workspace = mkdtempSync(path.join(tmpdir(), 'bench-quality-'));
// Work per request of each kind; every run starts its server fresh, as a CI job does.
// Each request also costs about 20 µs outside the handler (HTTP parsing; measured
// here from the medians of 60, 100 and 170 µs servers: 1 : 0.67 : 0.43), so 60 µs
// of work is ~80 µs a request: 87 µs of work (~107 µs) is 25% fewer req/s, 140 µs
// (~160 µs) is 50% fewer. The report prints the slowdown each kind really had.
const kinds = {
  'A/A (same work)': BASE_WORK_US,
  '~25% slower': 87,
  '~50% slower': 140,
};
const bench = (url, inputs = {}) => {
  process.env.GITHUB_EVENT_NAME = 'push';
  const result = runAction({
    actionDir: path.join(root, 'action-bench'),
    cwd: workspace,
    inputs: { targets: `- name: api\n  url: ${url}`, duration, comment: 'false', ...inputs },
    quiet: true,
  });
  const report = JSON.parse(readFileSync(result.outputs.report, 'utf8'));
  const rps = report.targets[0].metrics.find((m) => m.metric === 'rps');
  const p99 = report.targets[0].metrics.find((m) => m.metric === 'p99');
  return {
    verdict: result.outputs.verdict,
    mde: Number(result.outputs.mde),
    change: rps?.comparison?.change,
    current: rps?.current,
    p99: p99?.comparison ? `p99 ${(p99.comparison.change * 100).toFixed(1)}% ${p99.comparison.verdict}` : '',
  };
};

console.log(`bench: saving a baseline from the A/A server (duration ${duration} s, default settings otherwise)`);
const first = await server(BASE_WORK_US);
const saved = bench(first.url, { 'save-baseline': 'true' });
first.stop();
console.log(`baseline: ${Math.round(saved.current)} req/s`);
const results = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
for (let i = 0; i < runs; i++) {
  for (const [kind, workUs] of Object.entries(kinds)) {
    const target = await server(workUs);
    const r = bench(target.url, { 'save-baseline': 'false' });
    target.stop();
    results[kind].push(r);
    console.log(`run ${i + 1} ${kind}: ${r.verdict}, Δ req/s ${(r.change * 100).toFixed(1)}%, MDE ${r.mde}%, ${r.p99}`);
  }
}

const q = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))];
console.log(`\naction-bench gate quality, ${runs} runs per kind, duration ${duration} s, max-regression 10%, confidence 95%:`);
for (const [kind, list] of Object.entries(results)) {
  const count = (v) => list.filter((r) => r.verdict === v).length;
  const changes = list.map((r) => r.change * 100);
  console.log(
    `  ${kind.padEnd(16)} regression ${count('regression')}/${list.length}, inconclusive ${count('inconclusive')}, pass ${count('pass')}, invalid ${count('invalid')}; ` +
      `Δ req/s median ${q(changes, 0.5).toFixed(1)}% (min ${Math.min(...changes).toFixed(1)}, max ${Math.max(...changes).toFixed(1)})`,
  );
}
const medianRps = (kind) =>
  q(
    results[kind].map((r) => r.current),
    0.5,
  );
for (const kind of Object.keys(kinds).slice(1))
  console.log(`  ${kind}: its median req/s is ${((medianRps(kind) / medianRps('A/A (same work)') - 1) * 100).toFixed(1)}% against A/A's`);
const mdes = Object.values(results)
  .flat()
  .map((r) => r.mde);
console.log(`  MDE over all runs: min ${Math.min(...mdes)}%, median ${q(mdes, 0.5)}%, p90 ${q(mdes, 0.9)}%, max ${Math.max(...mdes)}%`);
