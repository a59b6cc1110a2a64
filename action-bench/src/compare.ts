import type { BaselineDocument, RoundValues } from './baseline.js';
import type { BenchSettings, Slo } from './inputs.js';
import { invalidReason, type Round } from './load.js';
import type { InterleavedMeasurement, StoredModeMeasurement } from './measure.js';
import { METRICS, type Metric, type Verdict } from './names.js';
import { type Comparison, compareLog, mean, type VarianceTerm, variance } from './stats.js';

/**
 * Residual drift between runs that the reference server does not explain, as
 * a standard deviation of one run's log mean, assumed until the baseline's
 * history holds three runs to measure it. An assumption, not an estimate: it
 * enters the interval as a known variance. Set from A/A runs on this
 * project's 2-core machines (bench/bench-quality.mjs), where a run's mean
 * strayed about 6% from another's after the reference's correction.
 */
export const PRIOR_RUN_SD = 0.06;
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

/** Log of a metric's value; latencies of 0 ms (whole-ms resolution) are taken as 0.5 ms. */
const logOf = (metric: Metric, value: number) => Math.log(metric === 'rps' ? Math.max(value, 1e-9) : Math.max(value, 0.5));
const logs = (rounds: RoundValues[], metric: Metric) => rounds.map((r) => logOf(metric, r[metric]));
const geoMean = (rounds: RoundValues[], metric: Metric) => Math.exp(mean(logs(rounds, metric)));

/** Worse-direction sign of machine drift: a faster machine raises req/s and lowers latency. */
const driftSign = (metric: Metric) => (METRICS[metric].direction === 'higher-is-better' ? 1 : -1);

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
 * the machine's drift as the reference server saw it; uncertainty from the
 * rounds' spread on both sides, the reference's, and drift between runs.
 */
export function compareStored(
  settings: BenchSettings,
  measured: StoredModeMeasurement,
  baseline: BaselineDocument | undefined,
): BenchResult {
  const refNow = measured.reference.map(Math.log);
  const refThen = baseline ? baseline.reference.map(Math.log) : [];
  const drift = baseline ? mean(refNow) - mean(refThen) : 0;
  const runSd = baseline ? runSpread(baseline, settings.metrics) : undefined;
  const targets: TargetResult[] = settings.targets.map((target) => {
    const rounds = (measured.targets.get(target.name) ?? []).map(toValues);
    const stored = baseline?.targets[target.name]?.rounds;
    const invalid = invalidReason(measured.targets.get(target.name) ?? [], settings.maxErrorRate);
    const metrics: MetricResult[] = settings.metrics.map((metric) => {
      const current = geoMean(rounds, metric);
      if (!stored || invalid) return { metric, current };
      const now = logs(rounds, metric);
      const then = logs(stored, metric);
      const sd = runSd?.get(metric) ?? PRIOR_RUN_SD;
      const terms: VarianceTerm[] = [
        { variance: variance(now) / now.length, df: now.length - 1 },
        { variance: variance(then) / then.length, df: then.length - 1 },
        { variance: variance(refNow) / refNow.length, df: refNow.length - 1 },
        { variance: variance(refThen) / refThen.length, df: refThen.length - 1 },
        // Two runs stray, each by its own offset: the baseline's and this one.
        { variance: 2 * sd ** 2, df: runSd?.has(metric) ? Math.max(2, baseline?.history.length ?? 0) : PRIOR_DF },
      ];
      const difference = mean(now) - mean(then) - driftSign(metric) * drift;
      return {
        metric,
        baseline: geoMean(stored, metric),
        current,
        comparison: compareLog(difference, terms, {
          direction: METRICS[metric].direction,
          maxRegression: settings.maxRegression,
          confidence: settings.confidence,
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
        drift: Math.exp(drift) - 1,
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
        .map((run) => mean(logs(run.targets[name]?.rounds ?? [], metric)) - driftSign(metric) * mean(run.reference.map(Math.log)));
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
    const head = pair.head.map(toValues);
    const base = pair.base.map(toValues);
    const metrics: MetricResult[] = settings.metrics.map((metric) => {
      if (invalid) return { metric, current: geoMean(head, metric) };
      const ratios = head.map((round, i) => logOf(metric, round[metric]) - logOf(metric, base[i]?.[metric] ?? 0));
      return {
        metric,
        baseline: geoMean(base, metric),
        current: geoMean(head, metric),
        comparison: compareLog(mean(ratios), [{ variance: variance(ratios) / ratios.length, df: ratios.length - 1 }], {
          direction: METRICS[metric].direction,
          maxRegression: settings.maxRegression,
          confidence: settings.confidence,
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

function toValues(round: Round): RoundValues {
  return { rps: round.rps, mean: round.mean, p50: round.p50, p90: round.p90, p99: round.p99 };
}
