import { ConfigurationError, HttpError, type NetworkFailure, request } from '@shipgate/kit';
import type { Mode, TargetKind } from './names.js';

/** One row of Dokploy's deployment list (the fields this action reads). */
export interface Deployment {
  deploymentId: string;
  title?: string | null;
  description?: string | null;
  /** `running`, `done`, `error` or `cancelled` (Dokploy ≥ 0.26). */
  status?: string | null;
  createdAt?: string | null;
  startedAt?: string | null;
  finishedAt?: string | null;
  errorMessage?: string | null;
}

/** What a deploy call came to. */
export type TriggerResult =
  | { kind: 'accepted' }
  /** Nothing reached Dokploy (connection refused): sending again cannot duplicate it. */
  | { kind: 'not-sent'; reason: string }
  /** Dokploy may or may not have queued it (timeout, reset, a proxy's 502/503/504 page). */
  | { kind: 'ambiguous'; reason: string };

/** Dokploy answered in a way that is neither success nor a mistake in the inputs. */
export class DokployError extends Error {
  override name = 'DokployError';
}

export interface DokployClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Milliseconds for one request. */
  timeoutMs?: number;
  /** Extra attempts of a read (GET) on a network error or a gateway status. */
  retries?: number;
  backoffMs?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Stops every request, and the waits between retries, when the step's time is up. */
  signal?: AbortSignal;
}

const KEY_HINT =
  'Dokploy refused the API key (401). Check the api-key secret; Dokploy 0.19 and later take it in the x-api-key header, which this action sends.';

/**
 * Dokploy's HTTP API (its tRPC procedures: `GET /api/<router>.<procedure>?…`
 * for queries, `POST` with JSON for mutations), as the reference describes it.
 * Response bodies of `application.one` and `compose.one` hold the service's
 * environment and tokens: they are read for ids only and never logged.
 */
export class DokployClient {
  constructor(private readonly options: DokployClientOptions) {}

  private url(procedure: string, query?: Record<string, string>): string {
    const search = query ? `?${new URLSearchParams(query)}` : '';
    return `${this.options.baseUrl}/api/${procedure}${search}`;
  }

  private async get(procedure: string, query: Record<string, string>): Promise<{ status: number; text: string }> {
    const response = await request(this.url(procedure, query), {
      headers: { 'x-api-key': this.options.apiKey, accept: 'application/json' },
      timeoutMs: this.options.timeoutMs ?? 15_000,
      retries: this.options.retries ?? 3,
      backoffMs: this.options.backoffMs ?? 1000,
      fetch: this.options.fetch,
      sleep: this.options.sleep,
      signal: this.options.signal,
    });
    return { status: response.status, text: await response.text() };
  }

  /**
   * Checks the application or compose exists and returns what is needed for a
   * link to its deployments page. A 404 or a refused key is the user's to fix.
   */
  async target(kind: TargetKind, id: string): Promise<{ pageUrl?: string }> {
    const { status, text } = await this.get(`${kind}.one`, { [`${kind}Id`]: id });
    if (status === 200) {
      const row = parseJson(text) as
        | { projectId?: unknown; environmentId?: unknown; environment?: { projectId?: unknown; project?: { projectId?: unknown } } }
        | undefined;
      if (row === undefined) throw new DokployError(`${kind}.one answered 200 with something that is not JSON: ${describeBody(text)}`);
      return { pageUrl: servicePageUrl(this.options.baseUrl, kind, id, row) };
    }
    if (status === 404)
      throw new ConfigurationError(`Dokploy has no ${kind} with id "${id}" (404 ${apiMessage(text) ?? 'Not found'}): check ${kind}-id`);
    throw this.refusal(`${kind}.one`, status, text);
  }

  /** The service's deployments, newest first, as Dokploy lists them. */
  async deployments(kind: TargetKind, id: string): Promise<Deployment[]> {
    const procedure = kind === 'application' ? 'deployment.all' : 'deployment.allByCompose';
    const { status, text } = await this.get(procedure, { [`${kind}Id`]: id });
    if (status !== 200) throw this.refusal(procedure, status, text);
    const rows = parseJson(text);
    if (!Array.isArray(rows)) throw new DokployError(`${procedure} did not answer with a list: ${describeBody(text)}`);
    return rows.filter((row): row is Deployment => typeof (row as Deployment)?.deploymentId === 'string');
  }

  /**
   * Sends the deploy call once. It is never retried here: whether sending it
   * again is safe depends on what the caller finds in the deployment list.
   */
  async trigger(kind: TargetKind, id: string, mode: Mode, title: string, description: string): Promise<TriggerResult> {
    const procedure = `${kind}.${mode}`;
    let response: Response;
    try {
      response = await request(this.url(procedure), {
        method: 'POST',
        headers: { 'x-api-key': this.options.apiKey, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ [`${kind}Id`]: id, title, description }),
        timeoutMs: this.options.timeoutMs ?? 30_000,
        retries: 0,
        fetch: this.options.fetch,
        signal: this.options.signal,
      });
    } catch (error) {
      const reason = error instanceof HttpError ? error.reason : ('other' satisfies NetworkFailure);
      const message = error instanceof Error ? error.message : String(error);
      return reason === 'refused' || reason === 'dns' || reason === 'unreachable'
        ? { kind: 'not-sent', reason: message }
        : { kind: 'ambiguous', reason: message };
    }
    const text = await response.text();
    if (response.status === 200) return { kind: 'accepted' };
    if (response.status === 502 || response.status === 503 || response.status === 504) {
      return { kind: 'ambiguous', reason: `POST ${procedure} answered ${response.status} ${describeBody(text)}` };
    }
    if (response.status === 404) throw new ConfigurationError(`Dokploy has no ${kind} with id "${id}" (404 on ${procedure})`);
    throw this.refusal(procedure, response.status, text);
  }

  /** The last `tail` lines of a deployment's log; undefined where the server cannot tell (before 0.29.6). */
  async logs(deploymentId: string, tail: number): Promise<string | undefined> {
    const { status, text } = await this.get('deployment.readLogs', { deploymentId, tail: String(tail) });
    if (status !== 200) return undefined;
    const body = parseJson(text);
    return typeof body === 'string' ? body : undefined;
  }

  /** Dokploy's version, e.g. `v0.30.2`; undefined when it does not say. */
  async version(): Promise<string | undefined> {
    const { status, text } = await this.get('settings.getDokployVersion', {}).catch(() => ({ status: 0, text: '' }));
    const body = status === 200 ? parseJson(text) : undefined;
    return typeof body === 'string' ? body : undefined;
  }

  private refusal(procedure: string, status: number, text: string): Error {
    if (status === 401) return new ConfigurationError(`${KEY_HINT} (${procedure}: ${apiMessage(text) ?? 'Unauthorized'})`);
    if (status === 400) return new ConfigurationError(`Dokploy rejected ${procedure} as invalid input (400): ${validationMessage(text)}`);
    if (status === 415) return new DokployError(`Dokploy refused the request body type (415 on ${procedure})`);
    return new DokployError(`Dokploy answered ${procedure} with ${status} ${describeBody(text)}`);
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function apiMessage(text: string): string | undefined {
  const body = parseJson(text) as { message?: unknown } | undefined;
  return typeof body?.message === 'string' ? body.message : undefined;
}

function validationMessage(text: string): string {
  const body = parseJson(text) as { message?: unknown; issues?: { message?: string; path?: unknown[] }[] } | undefined;
  const issues = (body?.issues ?? []).map((i) => `${(i.path ?? []).join('.') || 'input'}: ${i.message ?? 'invalid'}`);
  return [typeof body?.message === 'string' ? body.message : 'invalid input', ...issues].join('; ');
}

/** A short description of a body that is not what was expected, without echoing a whole page. */
export function describeBody(text: string): string {
  if (/^\s*</.test(text)) {
    const title = text.match(/<title>([^<]{0,80})<\/title>/i)?.[1]?.trim();
    return `(an HTML page${title ? `: "${title}"` : ''}, as a proxy answers, not Dokploy's API)`;
  }
  const message = apiMessage(text);
  if (message) return `(${message})`;
  return text.trim() === '' ? '(empty body)' : `(${text.trim().slice(0, 120)})`;
}

/**
 * The Dokploy page of a service's deployments. Dokploy with environments
 * (0.24+) nests services under /environment/<id>; older servers do not.
 */
export function servicePageUrl(
  baseUrl: string,
  kind: TargetKind,
  id: string,
  row: { projectId?: unknown; environmentId?: unknown; environment?: { projectId?: unknown; project?: { projectId?: unknown } } },
): string | undefined {
  const text = (value: unknown) => (typeof value === 'string' && /^[\w-]+$/.test(value) ? value : undefined);
  const environmentId = text(row.environmentId);
  const projectId = text(row.environment?.project?.projectId) ?? text(row.environment?.projectId) ?? text(row.projectId);
  if (!projectId) return undefined;
  const scope = environmentId ? `/environment/${environmentId}` : '';
  return `${baseUrl}/dashboard/project/${projectId}${scope}/services/${kind}/${id}?tab=deployments`;
}
