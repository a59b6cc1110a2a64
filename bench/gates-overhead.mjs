// Benchmarks of action-gates, measured interleaved in one run so that machine
// drift hits both sides alike; figures are ratios, not absolute times.
//
// 1. Overhead: action-gates' bundle on examples/app ÷ running `biome ci` and
//    `vitest run --coverage` there directly. Goal ≤ 1.10.
// 2. Each bundle's size, and its load-and-fail time (no inputs) ÷ `node -e ''`.
//
// Usage: node bench/gates-overhead.mjs [rounds]   (after `npm test` or `node scripts/bootstrap.mjs`)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { actionFolders, root } from '../scripts/build.mjs';
import { runAction } from '../scripts/run-gates.mjs';

const rounds = Number(process.argv[2] ?? 9);
const app = path.join(root, 'examples', 'app');
const bin = (name) => path.join(app, 'node_modules', '.bin', name);

// A pause before each measured run, so that one run's trailing disk and CPU work
// (coverage files, worker shutdown) does not land on the next one.
const settle = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 300);
const time = (fn) => {
  settle();
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))];

function direct() {
  for (const [command, args] of [
    [bin('biome'), ['ci']],
    [bin('vitest'), ['run', '--coverage']],
  ]) {
    const result = spawnSync(command, args, { cwd: app, stdio: 'ignore' });
    if (result.status !== 0) throw new Error(`${path.basename(command)} failed in examples/app`);
  }
}

function gates() {
  const result = runAction({ actionDir: path.join(root, 'action-gates'), cwd: app, inputs: { comment: 'false' }, quiet: true });
  if (result.status !== 0) throw new Error('action-gates failed on examples/app');
}

console.log(`bench: ${rounds} interleaved rounds on examples/app (one warm-up each)`);
direct();
gates();
const ratios = [];
const gateTimes = [];
const directTimes = [];
for (let i = 0; i < rounds; i++) {
  // Alternate which side goes first, so neither always runs on a warmer machine.
  const [a, b] = i % 2 === 0 ? [time(gates), time(direct)] : [null, time(direct)];
  const g = a ?? time(gates);
  gateTimes.push(g);
  directTimes.push(b);
  ratios.push(g / b);
}
console.log('\n1. action-gates ÷ biome ci + vitest run --coverage');
console.log(`   per round: ${ratios.map((r) => r.toFixed(3)).join(' ')}`);
console.log(
  `   median ratio ${median(ratios).toFixed(3)} (p10 ${quantile(ratios, 0.1).toFixed(3)}, p90 ${quantile(ratios, 0.9).toFixed(3)}); goal ≤ 1.10`,
);
console.log(`   median wall: action-gates ${median(gateTimes).toFixed(0)} ms, direct ${median(directTimes).toFixed(0)} ms`);
console.log(`   fixed overhead per run (median of pair differences): ${median(gateTimes.map((g, i) => g - directTimes[i])).toFixed(0)} ms`);

console.log('\n2. bundles: size, and load-and-fail (no inputs) ÷ node -e ""');
const empty = mkdtempSync(path.join(tmpdir(), 'bench-empty-'));
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(INPUT_|GITHUB_|RUNNER_)/.test(k)));
for (const action of actionFolders()) {
  const main = path.join(root, action, 'dist', 'index.js');
  const size = statSync(main).size;
  const load = [];
  const bare = [];
  for (let i = 0; i < 21; i++) {
    bare.push(time(() => spawnSync(process.execPath, ['-e', ''], { stdio: 'ignore' })));
    load.push(
      time(() => {
        const result = spawnSync(process.execPath, [main], { cwd: empty, env: cleanEnv, stdio: 'ignore' });
        if (result.status !== 1) throw new Error(`${action} did not fail without inputs`);
      }),
    );
  }
  const ratio = median(load.map((l, i) => l / bare[i]));
  console.log(
    `   ${action}: ${(size / 1024).toFixed(0)} KiB; load-and-fail median ${median(load).toFixed(0)} ms vs node -e '' ${median(bare).toFixed(0)} ms: ratio ${ratio.toFixed(2)}`,
  );
}
