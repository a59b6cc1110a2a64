import { spawn } from 'node:child_process';
import type autocannonType from 'autocannon';
import type { Target } from './inputs.js';
import type { Metric } from './names.js';

/** One round's observation of each metric, and what went wrong in it. */
export interface Round {
  rps: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  /** Requests answered 2xx. */
  ok: number;
  /** Requests sent. */
  sent: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

export function metricOf(round: Round, metric: Metric): number {
  return round[metric];
}

let loader: Promise<typeof autocannonType> | undefined;
/** autocannon, loaded on first use: a run stopped by its inputs never pays for it. */
const loadAutocannon = () => {
  loader ??= import('autocannon').then((module) => module.default);
  return loader;
};

/** Loads one URL for `durationS` seconds (after an optional warm-up) with autocannon's Node API, in this process. */
export async function loadRound(
  target: { url: URL; method?: string; headers?: Record<string, string>; body?: string },
  options: { connections: number; durationS: number; warmupS?: number },
): Promise<Round> {
  // As a promise: with a callback, autocannon silently ignores warmup.
  const autocannon = await loadAutocannon();
  const result = await autocannon({
    url: target.url.toString(),
    method: (target.method ?? 'GET') as autocannonType.Request['method'],
    headers: target.headers,
    body: target.body,
    connections: options.connections,
    duration: options.durationS,
    timeout: 10,
    ...(options.warmupS ? { warmup: { connections: options.connections, duration: options.warmupS } } : {}),
  });
  const ok = result['2xx'];
  return {
    // One window of the whole round: 2xx answers per second of measurement.
    rps: ok / Math.max(0.001, result.duration ?? options.durationS),
    mean: result.latency.mean,
    p50: result.latency.p50,
    p90: result.latency.p90,
    p99: result.latency.p99,
    ok,
    sent: result.requests.sent,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Why a target's rounds cannot be compared, or undefined when they can. */
export function invalidReason(rounds: Round[], maxErrorRate: number): string | undefined {
  const sent = rounds.reduce((sum, r) => sum + r.sent, 0);
  const ok = rounds.reduce((sum, r) => sum + r.ok, 0);
  if (ok === 0) return 'no request succeeded (no 2xx answer)';
  const bad = rounds.reduce((sum, r) => sum + r.errors + r.non2xx, 0);
  const rate = bad / Math.max(1, sent);
  if (rate > maxErrorRate) {
    const errors = rounds.reduce((sum, r) => sum + r.errors, 0);
    const timeouts = rounds.reduce((sum, r) => sum + r.timeouts, 0);
    const non2xx = rounds.reduce((sum, r) => sum + r.non2xx, 0);
    return `${(rate * 100).toFixed(2)}% of requests failed (${errors} errors, ${timeouts} of them timeouts, ${non2xx} non-2xx answers), above max-error-rate ${(maxErrorRate * 100).toFixed(2)}%`;
  }
  return undefined;
}

/** CPU time the reference server spends on each request, like a small API handler. */
export const REFERENCE_WORK_US = 50;

/**
 * A reference server: the same small Node HTTP server on every run, in a
 * process of its own, spending REFERENCE_WORK_US of CPU on each request.
 * Loading it beside the target tells how fast this machine is right now, so
 * drift between runs can be told from a change. The CPU work matters: a
 * server that does nothing is bound by the load generator, and its req/s
 * swung ±12% between runs on 2 cores, more than the targets' own drift
 * (bench/bench-quality.mjs), so correcting by it added noise.
 */
export async function startReference(): Promise<{ url: URL; stop(): void }> {
  const source = `
    const work = ${REFERENCE_WORK_US} * 1000;
    const server = require('node:http').createServer((req, res) => {
      const start = process.hrtime.bigint();
      while (Number(process.hrtime.bigint() - start) < work) {}
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"status":"ok"}');
    });
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));
  `;
  const child = spawn(process.execPath, ['-e', source], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (data: Buffer) => resolve(Number(String(data).trim())));
    child.once('exit', (code) => reject(new Error(`the reference server exited with code ${code}`)));
  });
  return { url: new URL(`http://127.0.0.1:${port}/`), stop: () => child.kill() };
}

export type { Target };
