import { cpus } from 'node:os';
import { code, details, table } from '@shipgate/kit';
import type { BenchResult, MetricResult, TargetResult } from './compare.js';
import type { BenchSettings } from './inputs.js';
import { METRICS, type Verdict } from './names.js';

const HEADLINE: Record<Verdict, string> = {
  pass: '✅ action-bench: pass',
  regression: '❌ action-bench: regression',
  inconclusive: '🟡 action-bench: inconclusive',
  'no-baseline': 'ℹ️ action-bench: no baseline yet',
  invalid: '❌ action-bench: invalid run',
};

const MARK = { pass: '✅', regression: '❌', inconclusive: '🟡' } as const;

export const pct = (fraction: number | undefined, signed = true) => {
  if (fraction === undefined || !Number.isFinite(fraction)) return '';
  const value = (fraction * 100).toFixed(1);
  return `${signed && fraction > 0 ? '+' : ''}${value}%`;
};

function value(metric: MetricResult['metric'], v: number | undefined): string {
  if (v === undefined) return '—';
  return metric === 'rps' ? `${Math.round(v).toLocaleString('en-US')}` : `${v.toFixed(v < 10 ? 2 : 1)} ms`;
}

/** Says when a latency's interval is mostly autocannon's whole-millisecond resolution rather than noise. */
function resolutionNote(m: MetricResult): string {
  const slack = m.comparison?.slack ?? 0;
  if (slack < 0.05) return '';
  return ` (±${pct(Math.exp(slack) - 1, false)} of it is autocannon's 1 ms latency resolution: at a few ms, only a large change shows)`;
}

/** What the comparison was made against, in a sentence. */
export function basisSentence(result: BenchResult, confidence: number): string {
  const basis = result.basis;
  if (basis.kind === 'interleaved') {
    return `Measured interleaved against ${code(basis.compareUrl)} on this runner, round by round: machine drift lands on both sides alike.`;
  }
  if (basis.kind === 'none')
    return 'No stored baseline for these targets yet: nothing to compare with. A push to the default branch saves one.';
  const commit = basis.commit ? code(basis.commit.slice(0, 7)) : 'an unknown commit';
  const spread =
    basis.runSdSource === 'history'
      ? `measured over ${basis.historyRuns} stored runs`
      : `assumed (${basis.historyRuns} stored run(s); three are needed to measure it)`;
  return `Compared with the stored baseline from ${commit} of ${basis.createdAt.slice(0, 10)}, measured on another run and maybe another machine. A reference server measured in both runs puts this machine at ${pct(basis.drift)} against then; that drift is taken out, and drift it does not explain (±${pct(basis.runSd, false)}, ${spread}) widens the ${Math.round(confidence * 100)}% intervals.`;
}

function targetTable(target: TargetResult, confidence: number): string {
  const rows = target.metrics.map((m) => {
    const c = m.comparison;
    return [
      METRICS[m.metric].label,
      value(m.metric, m.baseline),
      value(m.metric, m.current),
      c ? pct(c.change) : '',
      c ? `${pct(c.low)} … ${pct(c.high)}` : '',
      c ? `${MARK[c.verdict]} ${c.verdict}` : target.invalid ? '—' : 'no baseline',
    ];
  });
  for (const slo of target.slo) rows.push([`SLO ${slo.text}`, '', value(slo.metric, slo.actual), '', '', slo.ok ? '✅ met' : '❌ missed']);
  return table(['Metric', 'Baseline', 'Current', 'Δ', `${Math.round(confidence * 100)}% interval`, 'Status'], rows, [
    'l',
    'r',
    'r',
    'r',
    'r',
    'l',
  ]);
}

/** The report for the job summary and the PR comment alike. */
export function renderReport(result: BenchResult, settings: BenchSettings, extra: { notes: string[]; runUrl?: string }): string {
  const out = [`### ${HEADLINE[result.verdict]}${settings.name ? ` · ${settings.name}` : ''}`, basisSentence(result, settings.confidence)];
  for (const target of result.targets) {
    out.push(`**${target.name}** ${code(target.url)}${target.invalid ? ` — invalid: ${target.invalid}` : ''}`);
    out.push(targetTable(target, settings.confidence));
  }
  if (extra.notes.length > 0) out.push(extra.notes.map((n) => `- ${n}`).join('\n'));
  const lines = [
    `Regression threshold ${pct(settings.maxRegression, false)} at ${Math.round(settings.confidence * 100)}% confidence: a regression is called only when the change is beyond it and the interval lies wholly on the slower side of no change.`,
    ...result.targets.flatMap((t) =>
      t.metrics
        .filter((m) => m.comparison)
        .map(
          (m) =>
            `- ${t.name} ${METRICS[m.metric].label}: smallest slowdown this run would catch ${pct(m.comparison?.mde, false)}${resolutionNote(m)}`,
        ),
    ),
    '',
    `${settings.rounds} rounds of ${(settings.durationS / settings.rounds).toFixed(1)} s after ${settings.warmupS} s of warm-up, ${settings.connections} connections; Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}.`,
    '',
    ...result.targets.map(
      (t) =>
        `- ${t.name} req/s per round: ${t.rounds.map((r) => Math.round(r.rps)).join(', ')}${t.baselineRounds ? ` (baseline: ${t.baselineRounds.map((r) => Math.round(r.rps)).join(', ')})` : ''}`,
    ),
  ];
  out.push(details('Minimum detectable effect, rounds and environment', lines.join('\n')));
  if (extra.runUrl) out.push(`<sub>[run log](${extra.runUrl})</sub>`);
  return `${out.join('\n\n')}\n`;
}
