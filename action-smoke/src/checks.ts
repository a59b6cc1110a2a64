import { isIP } from 'node:net';
import { describeTcp, type Endpoint, fromProbeError, probeProduct } from './fingerprints.js';
import type { HttpCheckSpec, PortSpec, SmokeSettings } from './inputs.js';
import { PRODUCTS, type Product } from './names.js';
import { fail, type Observation, pass } from './observation.js';
import { type HttpAnswer, httpProbe, ProbeError, peekCertificate, portState, tcpProbe } from './probe.js';

/** One check the scheduler runs and retries. */
export interface CheckDefinition {
  name: string;
  /** What it looks at, as the summary shows it. */
  target: string;
  probe(): Promise<Observation>;
}

/** Whether `actual` contains everything `expected` has (objects by key, arrays by position). */
export function matchesSubset(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.length <= actual.length && expected.every((item, i) => matchesSubset(actual[i], item));
  }
  if (typeof expected === 'object' && expected !== null) {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return false;
    return Object.entries(expected).every(([key, value]) => matchesSubset((actual as Record<string, unknown>)[key], value));
  }
  return Object.is(actual, expected);
}

/** Judges an HTTP answer against a check's expectations and the certificate limits; pure. */
export function judgeHttp(spec: HttpCheckSpec, answer: HttpAnswer, tls: { minDays: number; warnDays: number }): Observation {
  const ms = Math.round(answer.latencyMs);
  const statusOk = spec.status ? spec.status.includes(answer.status) : answer.status >= 200 && answer.status < 300;
  const base = { latencyMs: answer.latencyMs };
  if (!statusOk) return fail(`${answer.status} (expected ${spec.status ? spec.status.join(' or ') : '2xx'}) in ${ms} ms`, base);
  if (spec.contains !== undefined && !answer.body.includes(spec.contains))
    return fail(`${answer.status}, but the body does not contain "${spec.contains}"`, base);
  if (spec.json !== undefined) {
    let body: unknown;
    try {
      body = JSON.parse(answer.body);
    } catch {
      return fail(`${answer.status}, but the body is not JSON`, base);
    }
    if (!matchesSubset(body, spec.json))
      return fail(`${answer.status}, but the JSON body does not match ${JSON.stringify(spec.json).slice(0, 120)}`, base);
  }
  const cert = answer.tls;
  if (cert) {
    const days = `certificate for ${cert.subject || 'the host'} expires in ${cert.daysLeft} days (${cert.validTo})`;
    if (cert.daysLeft < tls.minDays) return fail(`${answer.status}, but the ${days}: under ${tls.minDays}`, base);
    const result = pass(`${answer.status} in ${ms} ms, TLS ok (${cert.daysLeft} days left)`, base);
    if (cert.daysLeft < tls.warnDays) result.warning = `${spec.name}: the ${days}`;
    return result;
  }
  return pass(`${answer.status} in ${ms} ms`, base);
}

function httpCheck(spec: HttpCheckSpec, settings: SmokeSettings): CheckDefinition {
  const target = `${spec.method} ${spec.url.origin}${spec.url.pathname}`;
  return {
    name: spec.name,
    target,
    async probe() {
      try {
        const answer = await httpProbe(spec.url, { method: spec.method, headers: spec.headers, timeoutMs: settings.requestTimeoutMs });
        return judgeHttp(spec, answer, { minDays: settings.tlsMinDays, warnDays: settings.tlsWarnDays });
      } catch (error) {
        if (error instanceof ProbeError && error.failure === 'tls')
          return fail(await explainTls(spec.url, error, settings.requestTimeoutMs));
        return fromProbeError(error);
      }
    },
  };
}

/** Why a certificate was refused, naming Traefik's default certificate when that is what came. */
async function explainTls(url: URL, error: ProbeError, timeoutMs: number): Promise<string> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || 443);
  const cert = await peekCertificate(host, port, isIP(host) ? undefined : host, timeoutMs);
  if (cert?.subject === 'TRAEFIK DEFAULT CERT') {
    return `serves Traefik's default certificate (TRAEFIK DEFAULT CERT): no certificate for ${url.hostname} is configured or issued yet`;
  }
  const seen = cert ? ` (the server sent "${cert.subject}" issued by "${cert.issuer}")` : '';
  return `${error.message}${seen}`;
}

function productCheck(spec: PortSpec, host: string, settings: SmokeSettings): CheckDefinition {
  const product = spec.product as Product;
  const at: Endpoint = { host, port: spec.port, timeoutMs: settings.requestTimeoutMs };
  return { name: spec.name, target: `${PRODUCTS[product].label} at ${host}:${spec.port}`, probe: () => probeProduct(product, at) };
}

/** The product a port is known for: the one named, else the stack's product on that default port. */
function productFor(spec: PortSpec): Product | undefined {
  if (spec.product) return spec.product;
  return (Object.entries(PRODUCTS) as [Product, { port: number }][]).find(([, info]) => info.port === spec.port)?.[0];
}

function closedCheck(spec: PortSpec, host: string, settings: SmokeSettings): CheckDefinition {
  const timeoutMs = settings.requestTimeoutMs;
  return {
    name: spec.name,
    target: `${host}:${spec.port} must not answer`,
    async probe() {
      let state: 'refused' | 'silent' | 'open';
      try {
        state = await portState(host, spec.port, Math.min(timeoutMs, 5000));
      } catch (error) {
        // A DNS failure or an unreachable network says nothing about the port: never a pass.
        const observation = fromProbeError(error);
        return { ...observation, status: 'error', detail: `cannot tell: ${observation.detail}` };
      }
      if (state === 'refused') return pass('connection refused');
      if (state === 'silent') return pass(`no answer within ${Math.min(timeoutMs, 5000)} ms (filtered)`);
      // It connects: an exposure. Name the product when its own probe recognises it.
      const product = productFor(spec);
      if (product) {
        const seen = await probeProduct(product, { host, port: spec.port, timeoutMs });
        if (seen.status === 'pass') return fail(`reachable: answers as ${seen.detail}`, { final: true, version: seen.version });
      }
      const banner = await tcpProbe(host, spec.port, { timeoutMs: Math.min(timeoutMs, 1000) }).catch(() => undefined);
      const what = banner && banner.data.length > 0 ? describeTcp(banner.data) : 'accepts connections, no recognisable answer';
      return fail(`reachable: ${what}`, { final: true });
    },
  };
}

/** Every check the settings ask for, in the order the summary lists them. */
export function buildChecks(settings: SmokeSettings): CheckDefinition[] {
  const host = settings.host ?? '';
  return [
    ...settings.http.map((spec) => httpCheck(spec, settings)),
    ...settings.monitoring.map((spec) => productCheck(spec, host, settings)),
    ...settings.closed.map((spec) => closedCheck(spec, host, settings)),
  ];
}
