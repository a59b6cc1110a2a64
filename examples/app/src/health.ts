/** The state of one dependency of the API, as GET /api/health reports it. */
export type CheckState = 'up' | 'degraded' | 'down';

export interface CheckResult {
  name: string;
  state: CheckState;
  latencyMs: number;
  detail?: string;
}

export interface HealthReport {
  status: 'ok' | 'degraded' | 'error';
  checks: CheckResult[];
}

/** Latency above which a dependency that answers is still called degraded. */
export const SLOW_MS = 500;

/** Classifies one probe of a dependency. */
export function classify(
  name: string,
  ok: boolean,
  latencyMs: number,
  detail?: string,
): CheckResult {
  if (!ok) return { name, state: 'down', latencyMs, detail };
  if (latencyMs > SLOW_MS)
    return { name, state: 'degraded', latencyMs, detail: `slower than ${SLOW_MS} ms` };
  return { name, state: 'up', latencyMs };
}

/**
 * The overall status: any required dependency down makes it an error, any
 * dependency degraded or an optional one down makes it degraded.
 */
export function summarize(
  checks: CheckResult[],
  optional: ReadonlySet<string> = new Set(),
): HealthReport {
  let status: HealthReport['status'] = 'ok';
  for (const check of checks) {
    if (check.state === 'down' && !optional.has(check.name)) return { status: 'error', checks };
    if (check.state !== 'up') status = 'degraded';
  }
  return { status, checks };
}

/** The HTTP status code the health endpoint answers with. */
export function httpStatus(report: HealthReport): number {
  return report.status === 'error' ? 503 : 200;
}
