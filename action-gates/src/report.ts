import { code, details, table } from '@shipgate/kit';
import type { LintResult } from './biome.js';
import { formatPct, lineRanges, type MetricResult, type PatchCoverage } from './coverage.js';
import type { Metric } from './names.js';
import type { TestResult } from './vitest.js';

/** Everything one run found; rendered three ways (summary, comment, outputs) from this one object. */
export interface GatesReport {
  name: string;
  passed: boolean;
  /** One sentence per failed gate, in the order lint, tests, coverage, patch. */
  failures: string[];
  /** Things worth knowing that do not fail the gate. */
  notes: string[];
  packageManager: string;
  lint?: Omit<LintResult, 'diagnostics'> & { annotated: number; omitted: number; top: LintResult['diagnostics'] };
  tests?: Omit<TestResult, 'summary' | 'final' | 'printed'>;
  coverage?: MetricResult[];
  patch?: (PatchCoverage & { threshold?: number; passed: boolean; source: string }) | { unavailable: string };
}

/** The gate's verdict from what the tools found; pure. */
export function collectFailures(report: Pick<GatesReport, 'lint' | 'tests' | 'coverage' | 'patch'>): string[] {
  const failures: string[] = [];
  const { lint, tests, coverage, patch } = report;
  if (lint?.failure) failures.push(`lint: ${lint.failure}`);
  else if (lint && lint.errors > 0) failures.push(`lint: Biome found ${plural(lint.errors, 'error')}`);
  if (tests?.failure) failures.push(`tests: ${tests.failure}`);
  if (tests && tests.failed > 0) failures.push(`tests: ${plural(tests.failed, 'test')} failed`);
  if (tests && tests.errors.length > 0) failures.push(`tests: ${plural(tests.errors.length, 'error')} outside tests (${tests.errors[0]})`);
  for (const metric of coverage ?? []) if (metric.problem) failures.push(metric.problem);
  if (patch && !('unavailable' in patch) && !patch.passed) {
    failures.push(`patch coverage ${formatPct(patch.pct)} of changed lines is below ${formatPct(patch.threshold)}`);
  }
  return failures;
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

const PASS = '✅';
const FAIL = '❌';
const SKIP = '➖';

/** The report as markdown, for the job summary and the PR comment alike. */
export function renderReport(report: GatesReport, options: { runUrl?: string; maxUncoveredFiles?: number } = {}): string {
  const title = report.name ? `action-gates · ${report.name}` : 'action-gates';
  const out: string[] = [];
  out.push(`### ${report.passed ? PASS : FAIL} ${title}: ${report.passed ? 'passed' : 'failed'}`);
  if (report.failures.length > 0) out.push(report.failures.map((f) => `- ${f}`).join('\n'));

  const rows: (string | number)[][] = [];
  if (report.lint) {
    const l = report.lint;
    const status = l.failure || l.errors > 0 ? FAIL : PASS;
    rows.push([
      'Lint (Biome)',
      l.failure ? 'could not run' : `${plural(l.errors, 'error')}, ${plural(l.warnings, 'warning')}`,
      '0 errors',
      status,
    ]);
  } else rows.push(['Lint (Biome)', 'off', '', SKIP]);
  if (report.tests) {
    const t = report.tests;
    const status = t.failure || t.failed > 0 || t.errors.length > 0 ? FAIL : PASS;
    const value = `${t.passed} passed, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`;
    rows.push(['Tests (Vitest)', value, '0 failed', status]);
  } else rows.push(['Tests (Vitest)', 'off', '', SKIP]);
  for (const m of report.coverage ?? []) {
    const value = m.pct === null ? 'no data' : `${formatPct(m.pct)} (${m.covered}/${m.total})`;
    rows.push([`Coverage: ${m.metric}`, value, `≥ ${formatPct(m.threshold)}`, m.passed ? PASS : FAIL]);
  }
  if (report.patch && !('unavailable' in report.patch)) {
    const p = report.patch;
    const value = p.pct === null ? 'no changed code lines' : `${formatPct(p.pct)} (${p.covered}/${p.total})`;
    const threshold = p.threshold === undefined ? 'report only' : `≥ ${formatPct(p.threshold)}`;
    rows.push(['Patch coverage', value, threshold, p.threshold === undefined ? SKIP : p.passed ? PASS : FAIL]);
  }
  out.push(table(['Check', 'Value', 'Required', 'Status'], rows, ['l', 'r', 'r', 'c']));

  const tests = report.tests;
  if (tests && (tests.failures.length > 0 || tests.errors.length > 0)) {
    const lines = tests.failures.slice(0, 20).map((f) => `- ${code(f.file + (f.line ? `:${f.line}` : ''))} ${f.name}: ${f.message}`);
    if (tests.failures.length > 20) lines.push(`- …and ${tests.failures.length - 20} more`);
    for (const e of tests.errors.slice(0, 10)) lines.push(`- ${e}`);
    out.push(details(`Failed tests (${tests.failed + tests.errors.length})`, lines.join('\n')));
  }

  const lint = report.lint;
  if (lint && lint.top.length > 0) {
    const lines = lint.top.map((d) => `- ${code(d.file + (d.line ? `:${d.line}` : ''))} ${d.severity} ${code(d.category)}: ${d.message}`);
    const more = lint.errors + lint.warnings - lint.top.length;
    if (more > 0) lines.push(`- …and ${more} more in the report file`);
    if (lint.omitted > 0) {
      lines.push(
        '',
        `${lint.omitted} of ${lint.errors + lint.warnings} problems are not annotations: GitHub shows at most 10 errors and 10 warnings per step (the test reporter's and this action's own count too), so those in the pull request's files come first.`,
      );
    }
    out.push(details(`Lint problems (${lint.errors + lint.warnings})`, lines.join('\n')));
  }
  if (lint?.output) out.push(details('Biome output', `\`\`\`\n${lint.output}\n\`\`\``));

  const patch = report.patch;
  if (patch && 'unavailable' in patch) out.push(`Patch coverage: not available (${patch.unavailable}).`);
  else if (patch) {
    const missing = patch.files.filter((f) => f.uncovered.length > 0);
    const limit = options.maxUncoveredFiles ?? 25;
    if (missing.length > 0) {
      const lines = missing.slice(0, limit).map((f) => `- ${code(f.file)}: ${lineRanges(f.uncovered)}`);
      if (missing.length > limit) lines.push(`- …and ${missing.length - limit} more files`);
      out.push(details(`Changed lines not covered (${patch.total - patch.covered})`, lines.join('\n')));
    }
    if (patch.unmeasured.length > 0) {
      out.push(
        `Changed source files coverage did not measure: ${patch.unmeasured.slice(0, 10).map(code).join(', ')}${patch.unmeasured.length > 10 ? ', …' : ''}.`,
      );
    }
  }
  if (report.notes.length > 0) out.push(report.notes.map((n) => `> ${n}`).join('\n>\n'));
  const footer = [`package manager: ${report.packageManager}`];
  if (tests) footer.push(`vitest ${tests.version}, coverage ${tests.provider}`);
  if (options.runUrl) footer.push(`[run log](${options.runUrl})`);
  out.push(`<sub>${footer.join(' · ')}</sub>`);
  return `${out.join('\n\n')}\n`;
}

/** The summary of a run that stopped before any gate ran, because of its configuration. */
export function renderConfigurationError(message: string): string {
  return `### ${FAIL} action-gates: not run\n\nThe step's configuration is not usable, so no gate ran:\n\n> ${message.replace(/\n/g, '\n> ')}\n`;
}

/** The outputs of the step, from the same report. */
export function reportOutputs(report: GatesReport, reportPath: string): Record<string, string> {
  const metric = (name: Metric) => {
    const m = report.coverage?.find((c) => c.metric === name);
    return m?.pct === null || m?.pct === undefined ? '' : String(m.pct);
  };
  const patch = report.patch && !('unavailable' in report.patch) && report.patch.pct !== null ? String(report.patch.pct) : '';
  return {
    passed: String(report.passed),
    'lint-errors': report.lint ? String(report.lint.errors) : '',
    'lint-warnings': report.lint ? String(report.lint.warnings) : '',
    'tests-passed': report.tests ? String(report.tests.passed) : '',
    'tests-failed': report.tests ? String(report.tests.failed) : '',
    'coverage-lines': metric('lines'),
    'coverage-statements': metric('statements'),
    'coverage-functions': metric('functions'),
    'coverage-branches': metric('branches'),
    'patch-coverage': patch,
    report: reportPath,
  };
}
