/** Options of one HTTP request with a timeout and bounded retries. */
export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Milliseconds for one attempt, connect to last byte. */
  timeoutMs?: number;
  /** Extra attempts after the first (0: none). */
  retries?: number;
  /** First backoff in ms; doubles each time, with jitter, capped at 10 s. */
  backoffMs?: number;
  /**
   * Whether a failed attempt may be sent again. Default: only for idempotent
   * methods (GET, HEAD, OPTIONS, PUT, DELETE), so a POST is never sent twice
   * unless the caller says it is safe.
   */
  retrySafe?: boolean;
  /** Aborts all attempts and the waits between them. */
  signal?: AbortSignal;
  /** Sleeps between attempts; injected by tests. */
  sleep?: (ms: number) => Promise<void>;
  /** The fetch implementation; injected by tests. */
  fetch?: typeof fetch;
}

const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);
const TRANSIENT_STATUS = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Why no response came: `refused` means the request provably never reached
 * the server (nothing listened), so sending it again cannot duplicate it;
 * the others leave that open.
 */
export type NetworkFailure = 'refused' | 'timeout' | 'reset' | 'dns' | 'unreachable' | 'cancelled' | 'other';

/** A request that ran out of attempts or time; names the method and URL, never the headers. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    message: string,
    readonly reason: NetworkFailure = 'other',
  ) {
    super(message);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Backoff before attempt `attempt` (1-based retry count), with ±20% jitter. */
export function backoffDelay(attempt: number, firstMs: number, random = Math.random): number {
  const base = Math.min(10_000, firstMs * 2 ** (attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

/** Whether a response status is worth another attempt. */
export function isTransientStatus(status: number): boolean {
  return TRANSIENT_STATUS.has(status);
}

/**
 * fetch with a timeout on every attempt and retries with backoff on network
 * errors and transient statuses (408, 429, 5xx gateway errors). Returns the
 * last response when retries are spent on a transient status; throws
 * HttpError when no response came at all.
 */
export async function request(url: string | URL, options: RequestOptions = {}): Promise<Response> {
  const method = (options.method ?? 'GET').toUpperCase();
  const { timeoutMs = 30_000, backoffMs = 1000, signal } = options;
  const retries = (options.retrySafe ?? IDEMPOTENT.has(method)) ? (options.retries ?? 3) : 0;
  const doFetch = options.fetch ?? fetch;
  const wait = options.sleep ?? sleep;
  const target = String(url);
  for (let attempt = 0; ; attempt++) {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    try {
      const response = await doFetch(target, { method, headers: options.headers, body: options.body, signal: combined });
      if (attempt < retries && isTransientStatus(response.status)) {
        await response.body?.cancel();
        await wait(retryAfterMs(response) ?? backoffDelay(attempt + 1, backoffMs));
        continue;
      }
      return response;
    } catch (error) {
      if (signal?.aborted) {
        const why =
          (signal.reason as { name?: string } | undefined)?.name === 'TimeoutError' ? 'the time limit ran out' : 'it was cancelled';
        throw new HttpError(`${method} ${redactUrl(target)} was stopped: ${why}`, 'cancelled');
      }
      const failure: NetworkFailure = timeout.aborted ? 'timeout' : classifyNetworkError(error);
      const reason = timeout.aborted ? `timed out after ${timeoutMs} ms` : describeNetworkError(error);
      if (attempt >= retries) {
        throw new HttpError(`${method} ${redactUrl(target)} failed after ${attempt + 1} attempt(s): ${reason}`, failure);
      }
      await wait(backoffDelay(attempt + 1, backoffMs));
    }
  }
}

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.min(30_000, Math.max(0, seconds * 1000));
  return undefined;
}

/** The kind of a failed fetch's cause. */
export function classifyNetworkError(error: unknown): NetworkFailure {
  const code = (error as { cause?: { code?: string } })?.cause?.code;
  switch (code) {
    case 'ECONNREFUSED':
      return 'refused';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'UND_ERR_SOCKET':
      return 'reset';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'dns';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'timeout';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'unreachable';
    default:
      return 'other';
  }
}

/** The cause of a failed fetch in words a person can act on ("connection refused"). */
export function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  switch (cause?.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    case 'ETIMEDOUT':
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'connect timed out';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'network unreachable';
  }
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** The URL without user info or query string, which may carry credentials. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    const query = parsed.search ? '?…' : '';
    parsed.search = '';
    return `${parsed.toString()}${query}`;
  } catch {
    return '(invalid URL)';
  }
}
