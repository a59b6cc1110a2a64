import type { Deployment } from './dokploy.js';

/** A marker unique to this run's deploy call, sent in its description. */
export function makeMarker(runId: string | undefined, attempt: string | undefined, nonce: string): string {
  return `shipgate:${runId || 'local'}.${attempt || '1'}.${nonce}`;
}

export type DeploymentState = 'running' | 'done' | 'error' | 'cancelled' | 'unknown';

/** Dokploy's status of a row, as one of the states this action knows. */
export function stateOf(row: Deployment): DeploymentState {
  const status = row.status ?? '';
  return status === 'running' || status === 'done' || status === 'error' || status === 'cancelled' ? status : 'unknown';
}

export interface Pick {
  deployment?: Deployment;
  /** True when the row carries this run's marker (else: the oldest new row). */
  byMarker: boolean;
  /** New rows besides the one picked (someone else deployed at the same time). */
  others: number;
}

/**
 * Finds this run's deployment in a newest-first list: only rows that did not
 * exist before the deploy call count; among them the one carrying the marker,
 * else (a server that drops titles, or a git source that already rewrote it)
 * the oldest new row, the first to start after the call. Never an older row.
 */
export function pickOurDeployment(rows: Deployment[], before: ReadonlySet<string>, marker: string): Pick {
  const fresh = rows.filter((row) => !before.has(row.deploymentId));
  const marked = fresh.filter((row) => `${row.title ?? ''}\n${row.description ?? ''}`.includes(marker));
  if (marked.length > 0) return { deployment: marked[marked.length - 1], byMarker: true, others: fresh.length - 1 };
  if (fresh.length > 0) return { deployment: fresh[fresh.length - 1], byMarker: false, others: fresh.length - 1 };
  return { byMarker: false, others: 0 };
}

/** Whether Dokploy is busy with a deployment of this service (a new one would wait, invisible, in its queue). */
export function isBusy(rows: Deployment[]): boolean {
  return rows.some((row) => stateOf(row) === 'running');
}
