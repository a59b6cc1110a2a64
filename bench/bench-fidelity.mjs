// Fidelity of action-bench's measurement: its req/s ÷ the autocannon CLI's on
// the same server, same connections and duration, interleaved (action first in
// odd pairs, CLI first in even ones), 5 pairs. Goal 0.95-1.05.
//
// Usage: node bench/bench-fidelity.mjs [pairs] [duration s]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { root } from '../scripts/build.mjs';
import { runAction } from '../scripts/run-gates.mjs';

const pairs = Number(process.argv[2] ?? 5);
const duration = Number(process.argv[3] ?? 10);
const connections = 100;

const source = `
  const server = require('node:http').createServer((req, res) => {
    const start = process.hrtime.bigint();
    while (Number(process.hrtime.bigint() - start) < 60000) {}
    res.end('{"status":"ok"}');
  });
  server.listen(0, '127.0.0.1', () => console.log(server.address().port));
`;
const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
const { value } = await createInterface({ input: child.stdout })[Symbol.asyncIterator]().next();
const url = `http://127.0.0.1:${Number(value)}/api/health`;
const workspace = mkdtempSync(path.join(tmpdir(), 'bench-fidelity-'));
const cli = path.join(root, 'action-bench', 'node_modules', '.bin', 'autocannon');

const viaAction = () => {
  const result = runAction({
    actionDir: path.join(root, 'action-bench'),
    cwd: workspace,
    inputs: {
      url,
      connections: String(connections),
      duration: String(duration),
      rounds: '5',
      warmup: '0',
      'save-baseline': 'false',
      comment: 'false',
    },
    quiet: true,
  });
  return Number(result.outputs.rps);
};
const viaCli = () => {
  const out = spawnSync(cli, ['-c', String(connections), '-d', String(duration), '-j', url], { encoding: 'utf8' });
  const report = JSON.parse(out.stdout);
  return report['2xx'] / report.duration;
};

const ratios = [];
for (let i = 0; i < pairs; i++) {
  let action;
  let c;
  if (i % 2 === 0) {
    action = viaAction();
    c = viaCli();
  } else {
    c = viaCli();
    action = viaAction();
  }
  ratios.push(action / c);
  console.log(`pair ${i + 1}: action ${action.toFixed(0)} req/s, CLI ${c.toFixed(0)} req/s, ratio ${(action / c).toFixed(3)}`);
}
child.kill();
const sorted = [...ratios].sort((x, y) => x - y);
console.log(
  `\naction-bench fidelity, ${pairs} interleaved pairs, ${connections} connections, ${duration} s: action ÷ CLI median ${sorted[Math.floor(pairs / 2)].toFixed(3)} (min ${sorted[0].toFixed(3)}, max ${sorted.at(-1).toFixed(3)}); goal 0.95-1.05`,
);
