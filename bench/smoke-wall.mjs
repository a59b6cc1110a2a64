// action-smoke runs its checks side by side: with 10 checks, one of which takes
// ~1.5 s to answer, the step should take little more than that one check.
// Prints the step's wall time (process start to exit, as the runner sees it)
// ÷ the slowest check's own latency, over several runs. Goal ≤ 1.2.
//
// Usage: node bench/smoke-wall.mjs [runs]   (after npm test or node scripts/bootstrap.mjs)
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { root } from '../scripts/build.mjs';
import { runAction } from '../scripts/run-gates.mjs';

const runs = Number(process.argv[2] ?? 7);
const SLOW_MS = 1500;

// The endpoints live in a child process: the action runs through spawnSync, which
// blocks this process's event loop while it waits.
const delays = [SLOW_MS, ...Array.from({ length: 9 }, (_, i) => 5 + i * 20)];
const serverSource = `
  const { createServer } = require('node:http');
  const delays = ${JSON.stringify(delays)};
  Promise.all(delays.map((ms) => new Promise((resolve) => {
    const server = createServer((_req, res) => setTimeout(() => res.end('{"status":"ok"}'), ms));
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  }))).then((ports) => console.log(JSON.stringify(ports)));
`;
const host = spawn(process.execPath, ['-e', serverSource], { stdio: ['ignore', 'pipe', 'inherit'] });
const [line] = await createInterface({ input: host.stdout })
  [Symbol.asyncIterator]()
  .next()
  .then((r) => [r.value]);
const urls = JSON.parse(line)
  .map((port, i) => `http://127.0.0.1:${port}/check-${i}`)
  .join('\n');

const ratios = [];
for (let i = 0; i < runs; i++) {
  const start = process.hrtime.bigint();
  const result = runAction({
    actionDir: path.join(root, 'action-smoke'),
    cwd: root,
    inputs: { urls, timeout: '30', interval: '1' },
    quiet: !process.env.BENCH_VERBOSE,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error('action-smoke failed in the benchmark');
  const report = JSON.parse(readFileSync(result.outputs.report, 'utf8'));
  const slowest = Math.max(...report.checks.map((c) => c.latencyMs));
  ratios.push(wallMs / slowest);
  console.log(`run ${i + 1}: wall ${wallMs.toFixed(0)} ms, slowest check ${slowest.toFixed(0)} ms, ratio ${(wallMs / slowest).toFixed(3)}`);
}
host.kill();
const sorted = [...ratios].sort((a, b) => a - b);
console.log(
  `\naction-smoke, 10 checks (one ~${SLOW_MS} ms): wall ÷ slowest check, median ${sorted[Math.floor(runs / 2)].toFixed(3)}, max ${sorted.at(-1).toFixed(3)} (goal ≤ 1.2)`,
);
