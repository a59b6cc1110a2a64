import * as core from '@actions/core';
import { ConfigurationError, errorMessage } from '@shipgate/kit';
import { type Deployment, type DokployClient, DokployError } from './dokploy.js';
import type { Mode, Outcome, TargetKind } from './names.js';
import { isBusy, pickOurDeployment, stateOf } from './tracker.js';

/** Time, injected so tests can run the loop on a fake clock. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = { now: () => Date.now(), sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) };

export interface FollowRequest {
  client: DokployClient;
  target: { kind: TargetKind; id: string };
  mode: Mode;
  title: string;
  description: string;
  marker: string;
  wait: boolean;
  /** The step's time limit, counted from `startedAt` (clock time; default: now). */
  timeoutMs: number;
  startedAt?: number;
  pollMs: number;
  logLines: number;
  clock: Clock;
}

export interface FollowResult {
  outcome: Outcome;
  deploymentId?: string;
  /** Milliseconds from the accepted deploy call to the end seen. */
  durationMs: number;
  /** One sentence for the verdict. */
  message: string;
  /** Things the reader should know (re-sent calls, concurrent deployments…). */
  notes: string[];
  /** The end of the deployment's log, when it failed and the server keeps logs. */
  logTail?: string;
  /** Dokploy's own error message of the row, when set. */
  errorMessage?: string;
}

const MAX_SENDS = 3;

/** Deploys once, race-safely, and (when asked) follows that deployment to its end. */
export async function deployAndFollow(req: FollowRequest): Promise<FollowResult> {
  const { client, target, clock } = req;
  const startedAt = req.startedAt ?? clock.now();
  const notes: string[] = [];
  const before = new Set((await client.deployments(target.kind, target.id)).map((row) => row.deploymentId));
  await sendOnce(req, before, notes);
  const accepted = clock.now();
  core.info(`Dokploy accepted the ${req.mode} of ${target.kind} ${target.id}.`);

  // One limit for the whole step; without waiting, only a short look for the new row's id.
  const deadline = req.wait ? startedAt + req.timeoutMs : Math.min(startedAt + req.timeoutMs, accepted + 3 * req.pollMs);
  let ours: string | undefined;
  let last: Deployment | undefined;
  let errors = 0;
  let lastError = '';
  while (true) {
    let rows: Deployment[] | undefined;
    try {
      rows = await client.deployments(target.kind, target.id);
      errors = 0;
    } catch (error) {
      if (error instanceof ConfigurationError) throw error;
      errors++;
      lastError = errorMessage(error);
      core.info(`Polling failed (${lastError}); trying again.`);
    }
    if (rows) {
      if (!ours) {
        const pick = pickOurDeployment(rows, before, req.marker);
        if (pick.deployment) {
          ours = pick.deployment.deploymentId;
          core.info(`Following deployment ${ours}${pick.byMarker ? '' : ' (the first new one: this server does not keep the marker)'}.`);
          if (pick.others > 0)
            notes.push(`${pick.others} other deployment(s) of this ${target.kind} started at the same time; this run followed ${ours}.`);
        }
      }
      last = ours ? (rows.find((row) => row.deploymentId === ours) ?? last) : undefined;
      if (!req.wait && ours) {
        return {
          outcome: 'queued',
          deploymentId: ours,
          durationMs: clock.now() - accepted,
          message: `deployment ${ours} is ${last?.status ?? 'queued'}; not waiting for it (wait: false)`,
          notes,
        };
      }
      if (last) {
        const state = stateOf(last);
        if (state === 'done' || state === 'error' || state === 'cancelled') return finish(req, last, state, clock.now() - accepted, notes);
      }
    }
    const now = clock.now();
    if (now >= deadline) break;
    // Back off while the server fails, but never sleep past the deadline.
    const pause = Math.min(req.pollMs * 2 ** Math.min(errors, 2), deadline - now);
    await clock.sleep(pause);
  }

  const elapsed = clock.now() - accepted;
  const seconds = Math.round(req.timeoutMs / 1000);
  if (!req.wait) {
    return {
      outcome: 'queued',
      durationMs: elapsed,
      message: 'the deployment is queued; it had not started yet and this run does not wait (wait: false)',
      notes,
    };
  }
  if (!ours) {
    const why = lastError ? ` The last poll failed: ${lastError}.` : '';
    return {
      outcome: 'timeout',
      durationMs: elapsed,
      message: `the deployment never started: no new deployment of ${target.kind} ${target.id} appeared within ${seconds} s (Dokploy runs one job per server at a time; another may hold the queue).${why}`,
      notes,
    };
  }
  return {
    outcome: 'timeout',
    deploymentId: ours,
    durationMs: elapsed,
    message: `deployment ${ours} started but was still ${last?.status ?? 'running'} after ${seconds} s (timeout); it goes on in Dokploy`,
    notes,
  };
}

async function finish(
  req: FollowRequest,
  row: Deployment,
  state: 'done' | 'error' | 'cancelled',
  durationMs: number,
  notes: string[],
): Promise<FollowResult> {
  const base = { deploymentId: row.deploymentId, durationMs, notes, errorMessage: row.errorMessage ?? undefined };
  if (state === 'done') return { ...base, outcome: 'done', message: `deployment ${row.deploymentId} is done` };
  if (state === 'cancelled') {
    return {
      ...base,
      outcome: 'cancelled',
      message: `deployment ${row.deploymentId} was cancelled (Dokploy restarted, or someone cancelled it)`,
    };
  }
  const logTail = req.logLines > 0 ? await req.client.logs(row.deploymentId, req.logLines).catch(() => undefined) : undefined;
  const detail = row.errorMessage ? `: ${row.errorMessage}` : '';
  return { ...base, outcome: 'error', logTail, message: `deployment ${row.deploymentId} failed in Dokploy${detail}` };
}

/**
 * Sends the deploy call so that one run queues one deployment: again only when
 * it provably did not reach Dokploy, or when after an unclear answer no new
 * deployment appeared while Dokploy was idle for this service.
 */
async function sendOnce(req: FollowRequest, before: ReadonlySet<string>, notes: string[]): Promise<void> {
  const { client, target, clock } = req;
  for (let send = 1; ; send++) {
    const result = await client.trigger(target.kind, target.id, req.mode, req.title, req.description);
    if (result.kind === 'accepted') return;
    if (send >= MAX_SENDS) throw new DokployError(`the ${req.mode} call did not go through after ${send} attempts: ${result.reason}`);
    if (result.kind === 'not-sent') {
      core.warning(`The ${req.mode} call did not reach Dokploy (${result.reason}); sending it again.`);
      notes.push(`The ${req.mode} call was sent again after it did not reach Dokploy.`);
      await clock.sleep(1000 * 2 ** (send - 1));
      continue;
    }
    // Unclear: Dokploy may have queued it. Look before sending again.
    core.warning(`The ${req.mode} call got an unclear answer (${result.reason}); checking whether Dokploy queued it before sending again.`);
    const grace = Math.min(15_000, Math.max(2 * req.pollMs, 3000));
    const start = clock.now();
    while (true) {
      const rows = await client.deployments(target.kind, target.id).catch(() => undefined);
      if (rows === undefined || pickOurDeployment(rows, before, req.marker).deployment || isBusy(rows)) {
        // Queued (seen), or impossible to tell (busy: a new job waits unseen): never send twice.
        notes.push(
          `The ${req.mode} call got an unclear answer (${result.reason}); it was not sent again because Dokploy ${rows === undefined ? 'could not be asked' : 'had queued it or was busy'}.`,
        );
        return;
      }
      if (clock.now() - start >= grace) break;
      await clock.sleep(Math.min(req.pollMs, grace));
    }
    notes.push(
      `The ${req.mode} call was sent again: its first answer was unclear (${result.reason}) and no deployment appeared while Dokploy was idle.`,
    );
  }
}
