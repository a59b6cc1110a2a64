/** What one attempt of a check saw. */
export interface Observation {
  /** `error`: the check could not be judged (DNS failure, unreachable network); never a pass. */
  status: 'pass' | 'fail' | 'error';
  /** What it saw, in words: "answers as Prometheus, not Grafana", "200 in 12 ms". */
  detail: string;
  version?: string;
  latencyMs?: number;
  /** A failure that waiting cannot fix (a security finding): not retried. */
  final?: boolean;
  /** Worth knowing on a pass (a certificate that expires soon). */
  warning?: string;
}

export const pass = (detail: string, extra: Partial<Observation> = {}): Observation => ({ status: 'pass', detail, ...extra });
export const fail = (detail: string, extra: Partial<Observation> = {}): Observation => ({ status: 'fail', detail, ...extra });
