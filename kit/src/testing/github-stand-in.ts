import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback stand-in for the parts of GitHub's REST API the actions use,
 * written from GitHub's documented contract: issue comments (list with
 * `per_page`/`page` and a `Link` header, create, update), a pull request's
 * files, and a read-only mode that answers writes as a fork's token does.
 */
export interface GitHubStandIn {
  /** Base URL to pass as GITHUB_API_URL. */
  url: string;
  /** Comments per issue number, oldest first. */
  comments: Map<number, StoredComment[]>;
  /** Files of each pull request, as `GET /pulls/{n}/files` returns them. */
  pullFiles: Map<number, PullFile[]>;
  /** Every request received: method, path with query, Authorization header. */
  requests: { method: string; path: string; authorization?: string }[];
  /** Deployments created through the API, each with the statuses set on it, in order. */
  deployments: StoredDeployment[];
  /** When true, writes answer 403 "Resource not accessible by integration". */
  readOnly: boolean;
  /** Adds comments as if other bots or people had written them. */
  seedComments(issue: number, bodies: string[]): void;
  close(): Promise<void>;
}

export interface StoredComment {
  id: number;
  body: string;
  user: { login: string };
  html_url: string;
  created_at: string;
  updated_at: string;
}

export interface StoredDeployment {
  id: number;
  ref: string;
  environment: string;
  description: string | null;
  statuses: { state: string; description?: string; log_url?: string; environment_url?: string }[];
}

export interface PullFile {
  filename: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  /** Unified diff hunks; GitHub leaves it out for binary and very large files. */
  patch?: string;
}

const COMMENT_BODY_LIMIT = 65_536;

export async function startGitHubStandIn(options: { readOnly?: boolean; token?: string } = {}): Promise<GitHubStandIn> {
  let nextId = 1000;
  const comments = new Map<number, StoredComment[]>();
  const pullFiles = new Map<number, PullFile[]>();
  const requests: GitHubStandIn['requests'] = [];
  const deployments: StoredDeployment[] = [];
  let base = '';
  const state = { readOnly: options.readOnly ?? false };

  const makeComment = (issue: number, body: string, login: string): StoredComment => {
    const id = nextId++;
    const now = new Date().toISOString();
    return {
      id,
      body,
      user: { login },
      html_url: `https://github.test/o/r/pull/${issue}#issuecomment-${id}`,
      created_at: now,
      updated_at: now,
    };
  };

  const send = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };

  const paginate = <T>(req: URL, res: ServerResponse, items: T[]) => {
    const perPage = Math.min(100, Math.max(1, Number(req.searchParams.get('per_page') ?? 30)));
    const page = Math.max(1, Number(req.searchParams.get('page') ?? 1));
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const link = (p: number, rel: string) => {
      const u = new URL(req.toString());
      u.searchParams.set('page', String(p));
      u.searchParams.set('per_page', String(perPage));
      return `<${base}${u.pathname}${u.search}>; rel="${rel}"`;
    };
    const links: string[] = [];
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'), link(page - 1, 'prev'));
    send(res, 200, items.slice((page - 1) * perPage, page * perPage), links.length ? { link: links.join(', ') } : {});
  };

  const forbidden = (res: ServerResponse) =>
    send(res, 403, {
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/issues/comments',
      status: '403',
    });

  const readBody = async (req: IncomingMessage): Promise<{ body?: unknown } & Record<string, unknown>> => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    try {
      return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { body?: unknown } & Record<string, unknown>;
    } catch {
      return {};
    }
  };

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    requests.push({ method: req.method ?? '', path: url.pathname + url.search, authorization: req.headers.authorization });
    const auth = req.headers.authorization ?? '';
    const token = auth.replace(/^(token|bearer)\s+/i, '');
    if (!token || (options.token && token !== options.token)) {
      return send(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
    }
    const issueComments = url.pathname.match(/^\/repos\/[^/]+\/[^/]+\/issues\/(\d+)\/comments$/);
    const oneComment = url.pathname.match(/^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/);
    const pullFilesPath = url.pathname.match(/^\/repos\/[^/]+\/[^/]+\/pulls\/(\d+)\/files$/);
    const deploymentsPath = url.pathname.match(/^\/repos\/[^/]+\/[^/]+\/deployments$/);
    const statusesPath = url.pathname.match(/^\/repos\/[^/]+\/[^/]+\/deployments\/(\d+)\/statuses$/);
    if (deploymentsPath && req.method === 'POST') {
      if (state.readOnly) return forbidden(res);
      const input = (await readBody(req)) as { ref?: unknown; environment?: unknown; description?: unknown };
      if (typeof input.ref !== 'string' || !input.ref) return send(res, 422, { message: 'Validation Failed', status: '422' });
      const deployment: StoredDeployment = {
        id: nextId++,
        ref: input.ref,
        environment: typeof input.environment === 'string' ? input.environment : 'production',
        description: typeof input.description === 'string' ? input.description : null,
        statuses: [],
      };
      deployments.push(deployment);
      return send(res, 201, { ...deployment, statuses_url: `${base}/repos/o/r/deployments/${deployment.id}/statuses` });
    }
    if (statusesPath && req.method === 'POST') {
      if (state.readOnly) return forbidden(res);
      const deployment = deployments.find((d) => d.id === Number(statusesPath[1]));
      if (!deployment) return send(res, 404, { message: 'Not Found', status: '404' });
      const input = (await readBody(req)) as StoredDeployment['statuses'][number];
      const states = ['error', 'failure', 'inactive', 'in_progress', 'queued', 'pending', 'success'];
      if (!states.includes(input.state) || (input.description?.length ?? 0) > 140)
        return send(res, 422, { message: 'Validation Failed', status: '422' });
      deployment.statuses.push(input);
      return send(res, 201, { id: nextId++, ...input });
    }
    if (issueComments) {
      const issue = Number(issueComments[1]);
      const list = comments.get(issue) ?? [];
      if (req.method === 'GET') return paginate(url, res, list);
      if (req.method === 'POST') {
        if (state.readOnly) return forbidden(res);
        const { body } = await readBody(req);
        if (typeof body !== 'string' || body === '') return send(res, 422, { message: 'Validation Failed', status: '422' });
        if (body.length > COMMENT_BODY_LIMIT) {
          return send(res, 422, {
            message: 'Validation Failed',
            errors: [{ message: 'Body is too long (maximum is 65536 characters)' }],
            status: '422',
          });
        }
        const comment = makeComment(issue, body, 'github-actions[bot]');
        comments.set(issue, [...list, comment]);
        return send(res, 201, comment);
      }
    }
    if (oneComment && req.method === 'PATCH') {
      if (state.readOnly) return forbidden(res);
      const id = Number(oneComment[1]);
      const { body } = await readBody(req);
      for (const list of comments.values()) {
        const comment = list.find((c) => c.id === id);
        if (!comment) continue;
        if (typeof body !== 'string' || body.length > COMMENT_BODY_LIMIT)
          return send(res, 422, { message: 'Validation Failed', status: '422' });
        comment.body = body;
        comment.updated_at = new Date().toISOString();
        return send(res, 200, comment);
      }
      return send(res, 404, { message: 'Not Found', status: '404' });
    }
    if (pullFilesPath && req.method === 'GET') {
      const files = pullFiles.get(Number(pullFilesPath[1]));
      if (!files) return send(res, 404, { message: 'Not Found', status: '404' });
      return paginate(url, res, files);
    }
    send(res, 404, { message: 'Not Found', status: '404' });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: base,
    comments,
    pullFiles,
    requests,
    deployments,
    get readOnly() {
      return state.readOnly;
    },
    set readOnly(value: boolean) {
      state.readOnly = value;
    },
    seedComments(issue, bodies) {
      const list = comments.get(issue) ?? [];
      for (const body of bodies) list.push(makeComment(issue, body, 'someone'));
      comments.set(issue, list);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
