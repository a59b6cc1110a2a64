/** Input names, as action.yml declares them. A rename is a breaking change. */
export const Input = {
  Url: 'url',
  Targets: 'targets',
  Connections: 'connections',
  Duration: 'duration',
  Rounds: 'rounds',
  Warmup: 'warmup',
  BaselinePath: 'baseline-path',
  SaveBaseline: 'save-baseline',
  MaxRegression: 'max-regression',
  Confidence: 'confidence',
  Metrics: 'metrics',
  MaxErrorRate: 'max-error-rate',
  Slo: 'slo',
  CompareUrl: 'compare-url',
  Comment: 'comment',
  Name: 'name',
  GitHubToken: 'github-token',
} as const;

/** Output names, as action.yml declares them. */
export const Output = {
  Verdict: 'verdict',
  Regressed: 'regressed',
  Rps: 'rps',
  P99: 'p99',
  DeltaRps: 'delta-rps',
  DeltaP99: 'delta-p99',
  Mde: 'mde',
  Report: 'report',
} as const;

export const ACTION_ID = 'action-bench';

/** The metrics a round yields, and which way is worse for each. */
export const METRICS = {
  rps: { label: 'req/s', direction: 'higher-is-better', unit: '' },
  mean: { label: 'mean latency', direction: 'lower-is-better', unit: 'ms' },
  p50: { label: 'p50 latency', direction: 'lower-is-better', unit: 'ms' },
  p90: { label: 'p90 latency', direction: 'lower-is-better', unit: 'ms' },
  p99: { label: 'p99 latency', direction: 'lower-is-better', unit: 'ms' },
} as const;

export type Metric = keyof typeof METRICS;
export const METRIC_NAMES = Object.keys(METRICS) as Metric[];

export type Verdict = 'pass' | 'regression' | 'inconclusive' | 'no-baseline' | 'invalid';
