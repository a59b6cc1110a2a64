import { type BaselineDocument, type RoundValues, roundValues } from './baseline.js';
import type { BenchSettings, Slo } from './inputs.js';
import { invalidReason, type Round } from './load.js';
import type { InterleavedMeasurement, StoredModeMeasurement } from './measure.js';
import { METRICS, type Metric, type Verdict } from './names.js';
import { type Comparison, compareLog, mean, type VarianceTerm, variance } from './stats.js';

/**
 * Residual drift between runs that the reference server does not explain, as
 * a standard deviation of one run's log mean, assumed until the baseline's
 * history holds three runs to measure it. An assumption, not an estimate: it
 * enters the interval as a known variance. On this project's 2-core machines
 * (bench/bench-quality.mjs) the reference's correction brought the spread of
 * a target's run means from 4.6–8.3% down to 2.3–3.5%, about what the rounds'
 * own spread explains; 4% leaves room for days and machines not seen there.
 */
export const PRIOR_RUN_SD = 0.04;
/** Degrees of freedom given to the assumed spread (large: it is a stated assumption). */
const PRIOR_DF = 30;

export interface MetricResult {
  metric: Metric;
  /** Geometric mean of the baseline's (or base server's) rounds. */
  baseline?: number;
  current: number;
  comparison?: Comparison;
}

export interface SloResult extends Slo {
  actual: number;
  ok: boolean;
}

export interface TargetResult {
  name: string;
  url: string;
  invalid?: string;
  rounds: RoundValues[];
  baselineRounds?: RoundValues[];
  metrics: MetricResult[];
  slo: SloResult[];
  verdict: Verdict;
}

/** How the comparison was made, for the reader to judge how much machine drift it may hold. */
export type Basis =
  | { kind: 'none' }
  | {
      kind: 'stored';
      commit: string;
      createdAt: string;
      historyRuns: number;
      drift: number;
      runSd: number;
      runSdSource: 'history' | 'prior';
    }
  | { kind: 'interleaved'; compareUrl: string };

export interface BenchResult {
  verdict: Verdict;
  basis: Basis;
  targets: TargetResult[];
}

/**
 * autocannon's latency histogram floors every request to a whole millisecond:
 * a reported latency of v ms lies in [v, v + 1). The statistics use the bin's
 * centre, v + 0.5 (so 0 ms is 0.5 ms, not nothing); req/s is a count and is
 * used as it is.
 */
const centre = (metric: Metric, value: number) => (metric === 'rps' ? Math.max(value, 1e-9) : value + 0.5);
const logs = (rounds: RoundValues[], metric: Metric) => rounds.map((r) => Math.log(centre(metric, r[metric])));
/** Geometric mean in the metric's own units, as autocannon reports them. */
const geoMean = (rounds: RoundValues[], metric: Metric) => Math.exp(mean(logs(rounds, metric))) - (metric === 'rps' ? 0 : 0.5);

/**
 * How far a side's latency may be off because of that whole-millisecond bin,
 * on log scale: half the bin's width against its centre. Rounds that agree
 * (2, 2, 2 ms) share the same error, so more rounds do not shrink it; it is a
 * bound, not noise. Without it, p99 going from 2 to 3 ms reads as +50% with
 * no doubt at all, when it may be 2.99 → 3.0 ms. Nil for req/s. Takes the
 * side's logs (`logs()`), which every caller has already computed.
 */
export function resolutionSlack(metric: Metric, sideLogs: number[]): number {
  return metric === 'rps' ? 0 : 0.5 / Math.exp(mean(sideLogs));
}

/** A side's log mean and its spread as a variance of that mean. */
const sampleTerm = (values: number[]): VarianceTerm => ({ variance: variance(values) / values.length, df: values.length - 1 });

function checkSlo(slo: Slo[], rounds: RoundValues[]): SloResult[] {
  return slo.map((limit) => {
    const actual = mean(rounds.map((r) => r[limit.metric]));
    return { ...limit, actual, ok: limit.op === '<' ? actual < limit.value : actual > limit.value };
  });
}

function targetVerdict(metrics: MetricResult[], hasBaseline: boolean): Verdict {
  if (!hasBaseline) return 'no-baseline';
  const verdicts = metrics.map((m) => m.comparison?.verdict);
  if (verdicts.includes('regression')) return 'regression';
  if (verdicts.includes('inconclusive')) return 'inconclusive';
  return 'pass';
}

/** The run's verdict: invalid beats regression beats no-baseline beats inconclusive beats pass. */
export function overallVerdict(targets: TargetResult[]): Verdict {
  for (const verdict of ['invalid', 'regression', 'no-baseline', 'inconclusive'] as const)
    if (targets.some((t) => t.verdict === verdict)) return verdict;
  return 'pass';
}

/**
 * Against the stored baseline: each metric's log mean now minus then, minus
 * the machine's drift in that same metric as the reference server saw it
 * (CPU contention costs tail latency far more than throughput, so req/s
 * drift cannot correct p99); uncertainty from the rounds' spread and
 * resolution on both sides, the reference's, and drift between runs.
 */
export function compareStored(
  settings: BenchSettings,
  measured: StoredModeMeasurement,
  baseline: BaselineDocument | undefined,
): BenchResult {
  const runSd = baseline ? runSpread(baseline, settings.metrics) : undefined;
  const targets: TargetResult[] = settings.targets.map((target) => {
    const rounds = (measured.targets.get(target.name) ?? []).map(roundValues);
    const stored = baseline?.targets[target.name]?.rounds;
    const invalid = invalidReason(measured.targets.get(target.name) ?? [], settings.maxErrorRate);
    const metrics: MetricResult[] = settings.metrics.map((metric) => {
      const current = geoMean(rounds, metric);
      if (!baseline || !stored || invalid) return { metric, current };
      const sides = [rounds, stored, measured.reference, baseline.reference].map((side) => logs(side, metric));
      const [now, then, refNow, refThen] = sides as [number[], number[], number[], number[]];
      const sd = runSd?.get(metric) ?? PRIOR_RUN_SD;
      const terms: VarianceTerm[] = [
        ...sides.map(sampleTerm),
        // Two runs stray, each by its own offset: the baseline's and this one.
        { variance: 2 * sd ** 2, df: runSd?.has(metric) ? Math.max(2, baseline.history.length) : PRIOR_DF },
      ];
      const difference = mean(now) - mean(then) - (mean(refNow) - mean(refThen));
      return {
        metric,
        baseline: geoMean(stored, metric),
        current,
        comparison: compareLog(difference, terms, {
          direction: METRICS[metric].direction,
          maxRegression: settings.maxRegression,
          confidence: settings.confidence,
          slack: sides.reduce((sum, side) => sum + resolutionSlack(metric, side), 0),
        }),
      };
    });
    return {
      name: target.name,
      url: target.url.toString(),
      invalid,
      rounds,
      baselineRounds: stored,
      metrics,
      slo: checkSlo(settings.slo, rounds),
      verdict: invalid ? 'invalid' : targetVerdict(metrics, Boolean(stored)),
    };
  });
  const basis: Basis = baseline
    ? {
        kind: 'stored',
        commit: baseline.commit,
        createdAt: baseline.createdAt,
        historyRuns: baseline.history.length + 1,
        // How much faster the machine serves the reference now, in req/s.
        drift: geoMean(measured.reference, 'rps') / geoMean(baseline.reference, 'rps') - 1,
        runSd: Math.max(...settings.metrics.map((m) => runSd?.get(m) ?? PRIOR_RUN_SD)),
        runSdSource: runSd && runSd.size > 0 ? 'history' : 'prior',
      }
    : { kind: 'none' };
  return { verdict: overallVerdict(targets), basis, targets };
}

/**
 * Drift between runs that the reference does not explain, per metric: the
 * spread of the stored runs' drift-corrected log means, once three runs are
 * stored; never below the prior's half, so a lucky history cannot make the
 * gate overconfident.
 */
function runSpread(baseline: BaselineDocument, metrics: Metric[]): Map<Metric, number> | undefined {
  const runs = [baseline, ...baseline.history];
  if (runs.length < 3) return undefined;
  const spread = new Map<Metric, number>();
  for (const metric of metrics) {
    const perTarget: number[] = [];
    for (const name of Object.keys(baseline.targets)) {
      const values = runs
        .filter((run) => run.targets[name])
        .map((run) => mean(logs(run.targets[name]?.rounds ?? [], metric)) - mean(logs(run.reference, metric)));
      if (values.length >= 3) perTarget.push(variance(values));
    }
    if (perTarget.length > 0) spread.set(metric, Math.max(PRIOR_RUN_SD / 2, Math.sqrt(Math.max(...perTarget))));
  }
  return spread;
}

/** Against a live base server measured in pairs: the mean of the pairs' log ratios, with their spread. */
export function compareInterleaved(settings: BenchSettings, measured: InterleavedMeasurement): BenchResult {
  const targets: TargetResult[] = settings.targets.map((target) => {
    const pair = measured.targets.get(target.name) ?? { base: [] as Round[], head: [] as Round[], baseUrl: target.url };
    const invalid =
      invalidReason(pair.head, settings.maxErrorRate) ??
      prefix('the base server (compare-url)', invalidReason(pair.base, settings.maxErrorRate));
    const head = pair.head.map(roundValues);
    const base = pair.base.map(roundValues);
    const metrics: MetricResult[] = settings.metrics.map((metric) => {
      if (invalid) return { metric, current: geoMean(head, metric) };
      const headLogs = logs(head, metric);
      const baseLogs = logs(base, metric);
      const ratios = headLogs.map((value, i) => value - (baseLogs[i] ?? 0));
      return {
        metric,
        baseline: geoMean(base, metric),
        current: geoMean(head, metric),
        comparison: compareLog(mean(ratios), [sampleTerm(ratios)], {
          direction: METRICS[metric].direction,
          maxRegression: settings.maxRegression,
          confidence: settings.confidence,
          slack: resolutionSlack(metric, headLogs) + resolutionSlack(metric, baseLogs),
        }),
      };
    });
    return {
      name: target.name,
      url: target.url.toString(),
      invalid,
      rounds: head,
      baselineRounds: base,
      metrics,
      slo: checkSlo(settings.slo, head),
      verdict: invalid ? 'invalid' : targetVerdict(metrics, true),
    };
  });
  return { verdict: overallVerdict(targets), basis: { kind: 'interleaved', compareUrl: settings.compareUrl?.toString() ?? '' }, targets };
}

function prefix(what: string, reason: string | undefined): string | undefined {
  return reason ? `${what}: ${reason}` : undefined;
}
