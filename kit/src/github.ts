import { readFile } from 'node:fs/promises';
import type * as github from '@actions/github';
import { request } from './http.js';

/** What an action needs to know about the event that started the run. */
export interface EventContext {
  eventName: string;
  owner: string;
  repo: string;
  sha: string;
  ref: string;
  /** Set on pull_request and pull_request_target events. */
  pullRequest?: {
    number: number;
    baseSha?: string;
    headSha?: string;
    baseRef?: string;
  };
  /** The repository's default branch, when the payload tells it. */
  defaultBranch?: string;
  /** Link to this run's log page, when the runner tells enough to build it. */
  runUrl?: string;
}

interface Payload {
  pull_request?: { number?: number; base?: { sha?: string; ref?: string }; head?: { sha?: string } };
  repository?: { default_branch?: string };
}

/**
 * Reads the event from the runner's variables and payload file. Read on each
 * call (not at import, as `github.context` does) so tests can change them.
 */
export async function readEventContext(env: NodeJS.ProcessEnv = process.env): Promise<EventContext> {
  let payload: Payload = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, 'utf8')) as Payload;
    } catch {
      payload = {};
    }
  }
  const [owner = '', repo = ''] = (env.GITHUB_REPOSITORY ?? '').split('/');
  const eventName = env.GITHUB_EVENT_NAME ?? '';
  const pr = payload.pull_request;
  const context: EventContext = {
    eventName,
    owner,
    repo,
    sha: env.GITHUB_SHA ?? '',
    ref: env.GITHUB_REF ?? '',
  };
  if (pr && typeof pr.number === 'number' && eventName.startsWith('pull_request')) {
    context.pullRequest = { number: pr.number, baseSha: pr.base?.sha, headSha: pr.head?.sha, baseRef: pr.base?.ref };
  }
  if (payload.repository?.default_branch) context.defaultBranch = payload.repository.default_branch;
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID) {
    context.runUrl = `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
  }
  return context;
}

export type Octokit = ReturnType<typeof github.getOctokit>;

/**
 * An Octokit on GITHUB_API_URL whose every request has a timeout, and whose
 * idempotent requests (GET) are retried with backoff on network errors and
 * 5xx answers. Writes are sent once. The client library is loaded on first
 * use: a run that never talks to GitHub does not pay for it at start-up.
 */
export async function createOctokit(
  token: string,
  options: { timeoutMs?: number; retries?: number; backoffMs?: number } = {},
): Promise<Octokit> {
  const { getOctokit } = await import('@actions/github');
  const timedFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const url = input instanceof Request ? input.url : input;
    const headers = Object.fromEntries(new Headers(init.headers).entries());
    return request(url, {
      method: init.method ?? 'GET',
      headers,
      body: typeof init.body === 'string' ? init.body : undefined,
      timeoutMs: options.timeoutMs ?? 20_000,
      retries: options.retries ?? 3,
      backoffMs: options.backoffMs ?? 1000,
      signal: init.signal ?? undefined,
    });
  };
  return getOctokit(token, { baseUrl: apiBaseUrl(), request: { fetch: timedFetch } });
}

function apiBaseUrl(): string {
  return (process.env.GITHUB_API_URL || 'https://api.github.com').replace(/\/+$/, '');
}
