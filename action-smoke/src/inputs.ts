import { actionInputs, ConfigurationError, type InputSource, Inputs } from '@shipgate/kit';
import { Input, isProduct, PRODUCT_NAMES, PRODUCTS, type Product } from './names.js';

/** One HTTP check: the request, and what the answer must be. */
export interface HttpCheckSpec {
  name: string;
  url: URL;
  method: string;
  headers: Record<string, string>;
  /** Accepted status codes; undefined means any 2xx. */
  status?: number[];
  /** Text the body must contain. */
  contains?: string;
  /** A subset the JSON body must match. */
  json?: unknown;
}

/** A monitoring product that must answer as itself, or a port that must not answer. */
export interface PortSpec {
  name: string;
  product?: Product;
  port: number;
}

/** Everything action-smoke is told to check, read and validated once. */
export interface SmokeSettings {
  http: HttpCheckSpec[];
  host?: string;
  monitoring: PortSpec[];
  closed: PortSpec[];
  /** Deadline for everything to pass, in ms. */
  timeoutMs: number;
  /** Pause between retries of a failing check, in ms. */
  intervalMs: number;
  /** Limit of one probe (one request or connection), in ms. */
  requestTimeoutMs: number;
  tlsMinDays: number;
  tlsWarnDays: number;
  name: string;
}

const KNOWN = `known products: ${PRODUCT_NAMES.join(', ')}`;

/** Reads and validates every input; throws ConfigurationError naming the first bad one, before any probe. */
export async function getInputs(source: InputSource = actionInputs): Promise<SmokeSettings> {
  const inputs = new Inputs(source);
  const http: HttpCheckSpec[] = inputs.list(Input.Urls).map((raw) => ({ ...urlCheck(Input.Urls, raw), method: 'GET', headers: {} }));
  http.push(...parseChecks(await inputs.yaml(Input.Checks)));

  const monitoring = inputs.list(Input.Monitoring, { commas: true }).map((entry) => parsePortEntry(Input.Monitoring, entry, true));
  const closed = inputs.list(Input.ExpectClosed, { commas: true }).map((entry) => parsePortEntry(Input.ExpectClosed, entry, false));

  let host = inputs.string(Input.Host) || undefined;
  if (host && !/^[\w.-]+$|^\[[0-9a-f:]+\]$/i.test(host))
    throw new ConfigurationError(`${Input.Host} must be a host name or IP address, got "${host}"`);
  if (!host && http[0]) host = http[0].url.hostname;
  if (!host && (monitoring.length > 0 || closed.length > 0)) {
    throw new ConfigurationError(
      `${Input.Host} is required for ${Input.Monitoring} and ${Input.ExpectClosed} when no URL is given to take it from`,
    );
  }
  if (http.length + monitoring.length + closed.length === 0) {
    throw new ConfigurationError(
      `no check to run: give at least one of ${Input.Urls}, ${Input.Checks}, ${Input.Monitoring} or ${Input.ExpectClosed}`,
    );
  }
  uniqueNames([...http, ...monitoring, ...closed]);

  const timeout = inputs.number(Input.Timeout, { positive: true, max: 3600 }) ?? 300;
  const minDays = inputs.number(Input.TlsMinDays, { min: 0, max: 3650 }) ?? 7;
  return {
    http,
    host: host?.replace(/^\[|\]$/g, ''),
    monitoring,
    closed,
    timeoutMs: timeout * 1000,
    intervalMs: (inputs.number(Input.Interval, { positive: true, max: 600 }) ?? 5) * 1000,
    requestTimeoutMs: (inputs.number(Input.RequestTimeout, { positive: true, max: 300 }) ?? 10) * 1000,
    tlsMinDays: minDays,
    tlsWarnDays: Math.max(minDays, inputs.number(Input.TlsWarnDays, { min: 0, max: 3650 }) ?? 21),
    name: inputs.string(Input.Name),
  };
}

function urlCheck(input: string, raw: string): { name: string; url: URL } {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigurationError(`${input} must hold http(s) URLs, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigurationError(`${input} must hold http(s) URLs, got "${raw}"`);
  return { name: `${url.host}${url.pathname === '/' ? '' : url.pathname}`, url };
}

/** `product`, `product:port` or (for expect-closed) a bare port. */
export function parsePortEntry(input: string, entry: string, productRequired: boolean): PortSpec {
  const match = entry.match(/^([a-z-]+)?(?::?(\d+))?$/i);
  const productName = match?.[1]?.toLowerCase();
  const portText = match?.[2];
  if (!match || (!productName && !portText)) {
    throw new ConfigurationError(
      `${input} entries must be product[:port]${productRequired ? '' : ' or a port'}, got "${entry}" (${KNOWN})`,
    );
  }
  if (productName && !isProduct(productName)) throw new ConfigurationError(`${input} has an unknown product "${productName}" (${KNOWN})`);
  if (!productName && productRequired) throw new ConfigurationError(`${input} entries must name a product, got "${entry}" (${KNOWN})`);
  const product = productName as Product | undefined;
  const port = portText ? Number(portText) : product ? PRODUCTS[product].port : Number.NaN;
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new ConfigurationError(`${input} has a port that is not 1-65535 in "${entry}"`);
  const name = product ? (portText ? `${product}:${port}` : product) : String(port);
  return { name: productRequired ? name : `closed:${name}`, product, port };
}

function parseChecks(value: unknown): HttpCheckSpec[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ConfigurationError(`${Input.Checks} must be a YAML list of checks (- url: …), got ${typeof value}`);
  return value.map((item, index) => {
    const where = `${Input.Checks}[${index}]`;
    if (typeof item !== 'object' || item === null) throw new ConfigurationError(`${where} must be a mapping with at least url`);
    const spec = item as Record<string, unknown>;
    if (typeof spec.url !== 'string' || spec.url === '') throw new ConfigurationError(`${where} has no url`);
    const { name, url } = urlCheck(`${where}.url`, spec.url);
    const method = typeof spec.method === 'string' ? spec.method.toUpperCase() : 'GET';
    if (!/^(GET|POST|PUT|PATCH|DELETE|OPTIONS)$/.test(method))
      throw new ConfigurationError(`${where}.method must be an HTTP method other than HEAD, got "${spec.method}"`);
    const headers: Record<string, string> = {};
    if (spec.headers !== undefined) {
      if (typeof spec.headers !== 'object' || spec.headers === null || Array.isArray(spec.headers))
        throw new ConfigurationError(`${where}.headers must be a mapping`);
      for (const [key, val] of Object.entries(spec.headers)) headers[key] = String(val);
    }
    let status: number[] | undefined;
    if (spec.status !== undefined) {
      const list = Array.isArray(spec.status) ? spec.status : [spec.status];
      status = list.map((s) => Number(s));
      if (status.some((s) => !Number.isInteger(s) || s < 100 || s > 599))
        throw new ConfigurationError(
          `${where}.status must be a status code (100-599) or a list of them, got ${JSON.stringify(spec.status)}`,
        );
    }
    if (spec.contains !== undefined && typeof spec.contains !== 'string') throw new ConfigurationError(`${where}.contains must be text`);
    return {
      name: typeof spec.name === 'string' && spec.name ? spec.name : name,
      url,
      method,
      headers,
      status,
      contains: spec.contains as string | undefined,
      json: spec.json,
    };
  });
}

function uniqueNames(specs: { name: string }[]): void {
  const seen = new Set<string>();
  for (const { name } of specs) {
    if (seen.has(name)) throw new ConfigurationError(`two checks are named "${name}": give each a name of its own`);
    seen.add(name);
  }
}
