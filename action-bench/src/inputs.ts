import path from 'node:path';
import { actionInputs, ConfigurationError, type InputSource, Inputs, maskSecret } from '@shipgate/kit';
import { Input, METRIC_NAMES, type Metric } from './names.js';

/** One endpoint to load. */
export interface Target {
  name: string;
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: string;
}

/** An absolute limit: `p99<200ms`, `rps>1000`. */
export interface Slo {
  metric: Metric;
  op: '<' | '>';
  value: number;
  text: string;
}

/** Everything action-bench is told to do, read and checked once, before any load. */
export interface BenchSettings {
  targets: Target[];
  connections: number;
  /** Seconds of measurement per target, split into rounds. */
  durationS: number;
  rounds: number;
  /** Seconds of load before the rounds, not measured. */
  warmupS: number;
  /** Absolute path of the stored baseline. */
  baselinePath: string;
  /** The path as the user wrote it, for messages. */
  baselineInput: string;
  saveBaseline: 'auto' | 'true' | 'false';
  /** Fraction, e.g. 0.1 for 10%. */
  maxRegression: number;
  /** Fraction, e.g. 0.95. */
  confidence: number;
  metrics: Metric[];
  /** Fraction of requests that may fail before the run is invalid. */
  maxErrorRate: number;
  slo: Slo[];
  /** A live server to measure interleaved instead of the stored baseline. */
  compareUrl?: URL;
  comment: boolean;
  name: string;
  token: string;
}

/** Reads and validates every input; throws ConfigurationError naming the first bad one. */
export async function getInputs(source: InputSource = actionInputs, env: NodeJS.ProcessEnv = process.env): Promise<BenchSettings> {
  const inputs = new Inputs(source);
  const token = inputs.string(Input.GitHubToken);
  maskSecret(token);

  const url = inputs.url(Input.Url);
  const targetsYaml = await inputs.yaml(Input.Targets);
  if (url && targetsYaml !== undefined) throw new ConfigurationError(`${Input.Url} and ${Input.Targets} are both set: give one of them`);
  if (!url && targetsYaml === undefined) throw new ConfigurationError(`${Input.Url} or ${Input.Targets} is required: give one of them`);
  const targets = url
    ? [{ name: url.pathname === '/' ? url.host : url.pathname, url, method: 'GET', headers: {} }]
    : parseTargets(targetsYaml);

  const rounds = inputs.number(Input.Rounds, { min: 3, max: 100, integer: true }) ?? 5;
  const durationS = inputs.number(Input.Duration, { positive: true, max: 3600 }) ?? 30;
  if (durationS / rounds < 0.5)
    throw new ConfigurationError(
      `${Input.Duration} ${durationS} s split into ${rounds} ${Input.Rounds} gives rounds under 0.5 s: raise ${Input.Duration} or lower ${Input.Rounds}`,
    );

  const metrics = inputs.list(Input.Metrics, { commas: true }).map((m) => m.toLowerCase());
  for (const metric of metrics) {
    if (!(METRIC_NAMES as string[]).includes(metric))
      throw new ConfigurationError(`${Input.Metrics} has an unknown metric "${metric}" (known: ${METRIC_NAMES.join(', ')})`);
  }
  const compareUrl = inputs.url(Input.CompareUrl);
  const baselineInput = inputs.string(Input.BaselinePath) || '.github/bench/baseline.json';
  return {
    targets,
    connections: inputs.number(Input.Connections, { min: 1, max: 10_000, integer: true }) ?? 100,
    durationS,
    rounds,
    warmupS: inputs.number(Input.Warmup, { min: 0, max: 600 }) ?? 3,
    baselinePath: path.resolve(env.GITHUB_WORKSPACE || process.cwd(), baselineInput),
    baselineInput,
    saveBaseline: inputs.choice(Input.SaveBaseline, ['auto', 'true', 'false'], 'auto'),
    maxRegression: (inputs.number(Input.MaxRegression, { positive: true, max: 99, percent: true }) ?? 10) / 100,
    confidence: (inputs.number(Input.Confidence, { min: 50, max: 99.9, percent: true }) ?? 95) / 100,
    metrics: (metrics.length > 0 ? metrics : ['rps', 'p99']) as Metric[],
    maxErrorRate: (inputs.number(Input.MaxErrorRate, { min: 0, max: 100, percent: true }) ?? 1) / 100,
    slo: parseSlo(inputs.string(Input.Slo)),
    compareUrl,
    comment: inputs.boolean(Input.Comment, true),
    name: inputs.string(Input.Name),
    token,
  };
}

function parseTargets(value: unknown): Target[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new ConfigurationError(`${Input.Targets} must be a YAML list of targets (- name: api, url: http://…)`);
  const targets = value.map((item, index) => {
    const where = `${Input.Targets}[${index}]`;
    if (typeof item !== 'object' || item === null) throw new ConfigurationError(`${where} must be a mapping with name and url`);
    const spec = item as Record<string, unknown>;
    if (typeof spec.url !== 'string') throw new ConfigurationError(`${where} has no url`);
    let url: URL;
    try {
      url = new URL(spec.url);
    } catch {
      throw new ConfigurationError(`${where}.url must be an http(s) URL, got "${spec.url}"`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new ConfigurationError(`${where}.url must be an http(s) URL, got "${spec.url}"`);
    const method = typeof spec.method === 'string' ? spec.method.toUpperCase() : 'GET';
    if (!/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)$/.test(method))
      throw new ConfigurationError(`${where}.method must be an HTTP method, got "${spec.method}"`);
    const headers: Record<string, string> = {};
    if (spec.headers !== undefined) {
      if (typeof spec.headers !== 'object' || spec.headers === null || Array.isArray(spec.headers))
        throw new ConfigurationError(`${where}.headers must be a mapping`);
      for (const [key, val] of Object.entries(spec.headers)) headers[key] = String(val);
    }
    const body = spec.body === undefined ? undefined : typeof spec.body === 'string' ? spec.body : JSON.stringify(spec.body);
    const name = typeof spec.name === 'string' && spec.name ? spec.name : url.pathname;
    return { name, url, method, headers, body };
  });
  const names = new Set<string>();
  for (const target of targets) {
    if (names.has(target.name))
      throw new ConfigurationError(`${Input.Targets} has two targets named "${target.name}": give each a name of its own`);
    names.add(target.name);
  }
  return targets;
}

/** `p99<200ms, rps>1000` → limits. */
export function parseSlo(text: string): Slo[] {
  if (!text.trim()) return [];
  return text
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = part.match(/^([a-z0-9]+)\s*([<>])\s*([\d.]+)\s*(ms|s)?$/i);
      const metric = match?.[1]?.toLowerCase();
      if (!match || !metric || !(METRIC_NAMES as string[]).includes(metric) || !Number.isFinite(Number(match[3]))) {
        throw new ConfigurationError(
          `${Input.Slo} must be limits like "p99<200ms, rps>1000" (metrics: ${METRIC_NAMES.join(', ')}), got "${part}"`,
        );
      }
      const unit = match[4]?.toLowerCase();
      if (metric === 'rps' && unit) throw new ConfigurationError(`${Input.Slo}: rps takes no unit, got "${part}"`);
      const value = Number(match[3]) * (unit === 's' ? 1000 : 1);
      return { metric: metric as Metric, op: match[2] as '<' | '>', value, text: part };
    });
}
