import { PRODUCTS, type Product } from './names.js';
import { fail, type Observation, pass } from './observation.js';
import { type HttpAnswer, httpProbe, ProbeError, tcpProbe } from './probe.js';

export interface Endpoint {
  host: string;
  port: number;
  timeoutMs: number;
}

const urlOf = (at: Endpoint, path: string) => new URL(`http://${at.host.includes(':') ? `[${at.host}]` : at.host}:${at.port}${path}`);
const get = (at: Endpoint, path: string) => httpProbe(urlOf(at, path), { timeoutMs: at.timeoutMs });

function json(answer: HttpAnswer): unknown {
  try {
    return JSON.parse(answer.body);
  } catch {
    return undefined;
  }
}

/** A product's own test of an answer already fetched from its primary path: its version, or undefined when it is not that product. */
interface HttpFingerprint {
  path: string;
  /** Recognises the product from the answer to `path`; returns a version (or '' when it gives none). */
  match(answer: HttpAnswer): string | undefined;
}

const netdataServer = (answer: HttpAnswer) => String(answer.headers.server ?? '').match(/^Netdata Embedded HTTP Server v?([\w.-]+)/)?.[1];

/** The one request per HTTP product that tells whether a port answers as it. */
export const HTTP_FINGERPRINTS: Partial<Record<Product, HttpFingerprint>> = {
  netdata: { path: '/api/v1/info', match: (a) => netdataServer(a) ?? jsonVersion(a, (b) => 'mirrored_hosts' in b) },
  prometheus: { path: '/-/ready', match: (a) => (/Prometheus (Server )?is Ready/.test(a.body) ? '' : undefined) },
  grafana: { path: '/api/health', match: (a) => jsonVersion(a, (b) => 'database' in b) },
  'uptime-kuma': {
    path: '/api/entry-page',
    match: (a) =>
      jsonVersion(a, (b) => typeof b.type === 'string' && /^(entryPage|statusPageMatchedDomain|setup-database)$/.test(b.type as string)),
  },
  beszel: { path: '/api/health', match: (a) => jsonVersion(a, (b) => b.message === 'API is healthy.') },
  glances: {
    path: '/api/4/status',
    match: (a) => jsonVersion(a, (b) => typeof b.version === 'string' && String(b.version).startsWith('4')),
  },
  dokploy: {
    path: '/api/trpc/settings.health',
    match: (a) => ((json(a) as DokployHealth | undefined)?.result?.data?.json?.status === 'ok' ? '' : undefined),
  },
};

type DokployHealth = { result?: { data?: { json?: { status?: string } } } };

function jsonVersion(answer: HttpAnswer, test: (body: Record<string, unknown>) => boolean): string | undefined {
  const body = json(answer);
  if (typeof body !== 'object' || body === null || Array.isArray(body) || answer.status >= 500) return undefined;
  const record = body as Record<string, unknown>;
  if (!test(record)) return undefined;
  return typeof record.version === 'string' ? record.version.replace(/^v/, '') : '';
}

/**
 * Says what an HTTP port answers as, when it is not the expected product:
 * another product of the stack, a Next.js app, some HTML page, or a status.
 */
export async function identifyHttp(at: Endpoint, expected: Product, seen: HttpAnswer[]): Promise<string> {
  for (const answer of seen) {
    const netdata = netdataServer(answer);
    if (netdata !== undefined && expected !== 'netdata') return `answers as Netdata ${netdata}, not ${PRODUCTS[expected].label}`;
  }
  for (const [product, fingerprint] of Object.entries(HTTP_FINGERPRINTS) as [Product, HttpFingerprint][]) {
    if (product === expected || product === 'netdata') continue;
    const answer = await get(at, fingerprint.path).catch(() => undefined);
    if (answer && fingerprint.match(answer) !== undefined) return `answers as ${PRODUCTS[product].label}, not ${PRODUCTS[expected].label}`;
  }
  const root = await get(at, '/').catch(() => undefined);
  return `${describeHttp(root ?? seen[0])}, not ${PRODUCTS[expected].label}`;
}

/** A short description of an HTTP answer that is none of the known products. */
export function describeHttp(answer: HttpAnswer | undefined): string {
  if (!answer) return 'an HTTP server that gave no usable answer';
  const powered = String(answer.headers['x-powered-by'] ?? '');
  const title = answer.body.match(/<title[^>]*>([^<]{0,80})<\/title>/i)?.[1]?.trim();
  if (/next\.js/i.test(powered) || /\/_next\/|__NEXT_DATA__/.test(answer.body))
    return `an HTML page from Next.js${title ? ` ("${title}")` : ''}`;
  if (/<html/i.test(answer.body))
    return `an HTML page${title ? ` ("${title}")` : ''}${answer.headers.server ? ` from ${answer.headers.server}` : ''}`;
  const server = answer.headers.server ? ` from ${answer.headers.server}` : '';
  return `an HTTP ${answer.status} answer${server}`;
}

const versionText = (version: string | undefined) => (version ? ` ${version}` : '');

async function httpProduct(
  at: Endpoint,
  product: Product,
  after?: (answer: HttpAnswer, version: string) => Promise<Observation>,
): Promise<Observation> {
  const fingerprint = HTTP_FINGERPRINTS[product] as HttpFingerprint;
  const answer = await get(at, fingerprint.path);
  const version = fingerprint.match(answer);
  if (version === undefined) {
    if (answer.status >= 500)
      return fail(`${PRODUCTS[product].label} answered ${answer.status} at ${fingerprint.path}${bodyHint(answer)}`, {
        latencyMs: answer.latencyMs,
      });
    return fail(await identifyHttp(at, product, [answer]), { latencyMs: answer.latencyMs });
  }
  if (after) return after(answer, version);
  return pass(`${PRODUCTS[product].label}${versionText(version)}`, { version: version || undefined, latencyMs: answer.latencyMs });
}

function bodyHint(answer: HttpAnswer): string {
  const text = answer.body.trim().replace(/\s+/g, ' ').slice(0, 80);
  return text ? `: ${text}` : '';
}

/** Each product's whole check: recognise it, then look for what makes it unhealthy or exposed. */
export const PRODUCT_PROBES: Record<Product, (at: Endpoint) => Promise<Observation>> = {
  async netdata(at) {
    // Netdata 2.x answers /api/v3/info; 1.x (Debian 12 ships 1.37) says "Unsupported API version" there.
    const v3 = await get(at, '/api/v3/info');
    const agent = (json(v3) as { agents?: { version?: string }[] } | undefined)?.agents?.[0];
    const server = netdataServer(v3);
    if (v3.status === 200 && (agent || server))
      return pass(`Netdata ${agent?.version ?? server ?? ''}`.trim(), { version: agent?.version ?? server, latencyMs: v3.latencyMs });
    return httpProduct(at, 'netdata');
  },
  async glances(at) {
    const v4 = await get(at, '/api/4/status');
    const version = HTTP_FINGERPRINTS.glances?.match(v4);
    if (version !== undefined) return pass(`Glances ${version}`, { version, latencyMs: v4.latencyMs });
    const v3 = await get(at, '/api/3/pluginslist');
    const plugins = json(v3);
    if (Array.isArray(plugins) && plugins.includes('cpu')) return pass('Glances 3 (API 3)', { version: '3', latencyMs: v3.latencyMs });
    return fail(await identifyHttp(at, 'glances', [v4, v3]), { latencyMs: v4.latencyMs });
  },
  prometheus: (at) =>
    httpProduct(at, 'prometheus', async (ready) => {
      const info = await get(at, '/api/v1/status/buildinfo').catch(() => undefined);
      const version = info ? (json(info) as { data?: { version?: string } } | undefined)?.data?.version : undefined;
      return pass(`Prometheus${versionText(version)}, ready`, { version, latencyMs: ready.latencyMs });
    }),
  async grafana(at) {
    const answer = await get(at, '/api/health');
    const body = json(answer) as { database?: string; version?: string } | undefined;
    if (body && 'database' in body) {
      if (body.database === 'ok')
        return pass(`Grafana${versionText(body.version)}, database ok`, { version: body.version, latencyMs: answer.latencyMs });
      return fail(`Grafana answers, but its database is ${body.database ?? 'failing'} (${answer.status})`, { latencyMs: answer.latencyMs });
    }
    return fail(await identifyHttp(at, 'grafana', [answer]), { latencyMs: answer.latencyMs });
  },
  'uptime-kuma': (at) =>
    httpProduct(at, 'uptime-kuma', async (entry) => {
      const type = (json(entry) as { type?: string }).type;
      if (type === 'setup-database') {
        return fail('Uptime Kuma has not finished its first-run setup (setup-database): anyone who reaches it can claim it', {
          final: true,
          latencyMs: entry.latencyMs,
        });
      }
      const metrics = await get(at, '/metrics');
      if (metrics.status === 200)
        return fail('Uptime Kuma serves /metrics without credentials: its monitors are exposed', {
          final: true,
          latencyMs: entry.latencyMs,
        });
      const basic = /^basic/i.test(String(metrics.headers['www-authenticate'] ?? ''));
      return pass(`Uptime Kuma (${type})${metrics.status === 401 && basic ? ', /metrics needs credentials' : ''}`, {
        latencyMs: entry.latencyMs,
      });
    }),
  beszel: (at) =>
    httpProduct(at, 'beszel', async (health) => {
      const firstRun = await get(at, '/api/beszel/first-run');
      const body = json(firstRun) as { firstRun?: unknown } | undefined;
      if (body?.firstRun === true) {
        return fail('Beszel hub has no user yet (firstRun: true): anyone who reaches it can create the admin account', {
          final: true,
          latencyMs: health.latencyMs,
        });
      }
      return pass(`Beszel hub, ${body?.firstRun === false ? 'set up' : 'healthy'}`, { latencyMs: health.latencyMs });
    }),
  async dokploy(at) {
    const trpc = await get(at, '/api/trpc/settings.health');
    if (HTTP_FINGERPRINTS.dokploy?.match(trpc) !== undefined) return pass('Dokploy, health ok', { latencyMs: trpc.latencyMs });
    const plain = await get(at, '/api/health');
    if ((json(plain) as { ok?: unknown } | undefined)?.ok === true) return pass('Dokploy, /api/health ok', { latencyMs: plain.latencyMs });
    return fail(await identifyHttp(at, 'dokploy', [trpc, plain]), { latencyMs: trpc.latencyMs });
  },
  async 'beszel-agent'(at) {
    // The agent speaks first: an SSH banner.
    const answer = await tcpProbe(at.host, at.port, { timeoutMs: at.timeoutMs });
    const banner = answer.data.toString('latin1').split(/\r?\n/)[0] ?? '';
    const match = banner.match(/^SSH-2\.0-(?:beszel_([\w.+-]+)|Go)/);
    if (match) return pass(`Beszel agent${versionText(match[1])}`, { version: match[1], latencyMs: answer.latencyMs });
    return fail(
      banner ? `answers "${printable(banner)}", not a Beszel agent's SSH banner` : 'connects, but sends no SSH banner: not a Beszel agent',
      { latencyMs: answer.latencyMs },
    );
  },
  async postgres(at) {
    // SSLRequest: PostgreSQL (or PgBouncer) answers one byte, S or N.
    const answer = await tcpProbe(at.host, at.port, {
      send: Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]),
      timeoutMs: at.timeoutMs,
      enough: 1,
    });
    const first = answer.data.subarray(0, 1).toString('latin1');
    if (answer.data.length >= 1 && (first === 'S' || first === 'N')) {
      return pass(`PostgreSQL protocol, TLS ${first === 'S' ? 'on' : 'off'}`, { latencyMs: answer.latencyMs });
    }
    return fail(`${describeTcp(answer.data)}, not PostgreSQL`, { latencyMs: answer.latencyMs });
  },
  async redis(at) {
    // Inline PING; never HTTP, which Redis logs as an attack and drops.
    const answer = await tcpProbe(at.host, at.port, { send: Buffer.from('PING\r\n'), timeoutMs: at.timeoutMs });
    const line = answer.data.toString('latin1').split(/\r?\n/)[0] ?? '';
    if (line === '+PONG') return pass('Redis, PONG', { latencyMs: answer.latencyMs });
    if (/^-(NOAUTH|WRONGPASS)/.test(line)) return pass('Redis, requires a password', { latencyMs: answer.latencyMs });
    if (/^-DENIED/.test(line)) return pass('Redis, in protected mode (DENIED)', { latencyMs: answer.latencyMs });
    return fail(`${describeTcp(answer.data)}, not Redis`, { latencyMs: answer.latencyMs });
  },
};

function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: replacing control bytes is the point.
  return text.replace(/[\u0000-\u001f\u007f-\u00ff]/g, '?').slice(0, 60);
}

/** What a TCP answer looks like, for a port that is not the expected product. */
export function describeTcp(data: Buffer): string {
  if (data.length === 0) return 'connects, but gives no answer';
  const text = data.toString('latin1');
  if (/^HTTP\/\d/.test(text)) return 'answers as an HTTP server';
  if (/^SSH-/.test(text)) return `answers with an SSH banner ("${printable(text.split(/\r?\n/)[0] ?? '')}")`;
  if (/^[+-]/.test(text)) return `answers like Redis ("${printable(text.split(/\r?\n/)[0] ?? '')}")`;
  return `answers "${printable(text.split(/\r?\n/)[0] ?? '')}"`;
}

/** Runs a product's probe, turning probe errors into observations (refused, timeout, DNS…). */
export async function probeProduct(product: Product, at: Endpoint): Promise<Observation> {
  try {
    return await PRODUCT_PROBES[product](at);
  } catch (error) {
    return fromProbeError(error);
  }
}

/** A probe error as an observation: DNS and routing failures cannot be judged, the rest fail. */
export function fromProbeError(error: unknown): Observation {
  if (error instanceof ProbeError) {
    if (error.failure === 'dns' || error.failure === 'unreachable') return { status: 'error', detail: error.message };
    return fail(error.message);
  }
  return fail(error instanceof Error ? error.message : String(error));
}
