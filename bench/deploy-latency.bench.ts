// How long after a Dokploy deployment ends does action-deploy notice it, and
// end its step? Runs the committed bundle against the Dokploy stand-in with
// poll-interval 1 s, deployments of random length, and prints each run's figures
// as fractions of the poll interval. Goal: noticed within one poll interval.
//
// Usage: node_modules/.bin/vitest run --config bench/vitest.config.ts bench/deploy-latency.bench.ts
import path from 'node:path';
import { it } from 'vitest';
import { startDokployStandIn } from '../action-deploy/test/fixtures/dokploy-stand-in.js';
import { runBundle } from '../kit/src/testing/index.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const POLL_S = 1;

it('measures notice latency', async () => {
  const dokploy = await startDokployStandIn();
  const noticed: number[] = [];
  const ended: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    dokploy.scenario = { appearAfterMs: 300 + Math.random() * 700, runMs: 500 + Math.random() * 2500, outcome: 'done' };
    const run = await runBundle({
      actionDir: path.resolve('action-deploy'),
      inputs: {
        'dokploy-url': dokploy.url,
        'api-key': dokploy.apiKey,
        'application-id': 'app-api',
        'poll-interval': String(POLL_S),
        timeout: '60',
      },
    });
    const stepEnd = Date.now();
    const id = run.outputs['deployment-id'] ?? '';
    const finished = dokploy.finishedAt.get(id);
    const seen = dokploy.firstSeenFinishedAt.get(id);
    if (run.exitCode !== 0 || finished === undefined || seen === undefined)
      throw new Error(`run ${i} did not end as done: ${run.stdout.slice(-500)}`);
    noticed.push((seen - finished) / 1000 / POLL_S);
    ended.push((stepEnd - finished) / 1000 / POLL_S);
  }
  await dokploy.close();
  const fmt = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');
  const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
  const median = (values: number[]) => sorted(values)[Math.floor(values.length / 2)] as number;
  console.log(`\naction-deploy notice latency, ${RUNS} runs, poll-interval ${POLL_S} s (figures are fractions of the poll interval)`);
  console.log(`  deployment end → first poll that saw it: ${fmt(noticed)}`);
  console.log(`    median ${median(noticed).toFixed(2)}, max ${Math.max(...noticed).toFixed(2)} (goal ≤ 1)`);
  console.log(`  deployment end → step exited:           ${fmt(ended)}`);
  console.log(`    median ${median(ended).toFixed(2)}, max ${Math.max(...ended).toFixed(2)}`);
});
