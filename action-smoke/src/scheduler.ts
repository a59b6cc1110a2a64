import * as core from '@actions/core';
import type { CheckDefinition } from './checks.js';
import { fail, type Observation } from './observation.js';

/** Time, injected so tests can run the scheduler on a fake clock. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = { now: () => performance.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

/** A check's last observation, and how it got there. */
export interface CheckResult extends Observation {
  name: string;
  target: string;
  attempts: number;
  /** ms from the start until its last attempt ended. */
  elapsedMs: number;
}

/**
 * Runs every check side by side. A failing check is tried again every
 * `intervalMs` until it passes or the deadline comes; a final failure (a
 * security finding) is not retried. Ends as soon as every check has settled.
 */
export async function runChecks(
  checks: CheckDefinition[],
  options: { timeoutMs: number; intervalMs: number; clock: Clock },
): Promise<CheckResult[]> {
  const { clock } = options;
  const start = clock.now();
  const deadline = start + options.timeoutMs;
  return Promise.all(
    checks.map(async (check) => {
      let attempts = 0;
      while (true) {
        attempts++;
        const observation = await check.probe().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
        const now = clock.now();
        const result: CheckResult = { ...observation, name: check.name, target: check.target, attempts, elapsedMs: now - start };
        if (observation.status === 'pass' || observation.final) {
          core.info(
            `${observation.status === 'pass' ? '✓' : '✗'} ${check.name}: ${observation.detail}${attempts > 1 ? ` (attempt ${attempts})` : ''}`,
          );
          return result;
        }
        if (now + options.intervalMs > deadline) {
          core.info(`✗ ${check.name}: ${observation.detail} (gave up after ${attempts} attempt(s))`);
          return result;
        }
        if (attempts === 1) core.info(`… ${check.name}: ${observation.detail}; trying again every ${options.intervalMs / 1000} s`);
        await clock.sleep(options.intervalMs);
      }
    }),
  );
}
