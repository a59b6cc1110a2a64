import { table } from '@shipgate/kit';
import type { CheckResult } from './scheduler.js';

const MARK = { pass: '✅', fail: '❌', error: '⚠️' } as const;

/** Names of the checks that did not pass, for the `failed` output. */
export function failedNames(results: CheckResult[]): string[] {
  return results.filter((r) => r.status !== 'pass').map((r) => r.name);
}

/** The job summary: one table of every check. */
export function renderReport(results: CheckResult[], options: { name?: string; elapsedMs: number; runUrl?: string }): string {
  const failed = failedNames(results);
  const title = options.name ? `action-smoke · ${options.name}` : 'action-smoke';
  const headline =
    failed.length === 0
      ? `### ✅ ${title}: all ${results.length} checks passed`
      : `### ❌ ${title}: ${failed.length} of ${results.length} checks failed`;
  const rows = results.map((r) => [
    r.name,
    r.target,
    `${MARK[r.status]} ${r.status}`,
    r.detail,
    r.latencyMs === undefined ? '' : `${Math.round(r.latencyMs)} ms`,
    r.attempts,
  ]);
  const out = [headline, table(['Check', 'Target', 'Result', 'What it saw', 'Latency', 'Attempts'], rows, ['l', 'l', 'l', 'l', 'r', 'r'])];
  const warnings = results.flatMap((r) => (r.warning ? [r.warning] : []));
  if (warnings.length > 0) out.push(warnings.map((w) => `> ⚠️ ${w}`).join('\n>\n'));
  const footer = [`took ${(options.elapsedMs / 1000).toFixed(1)} s`];
  if (options.runUrl) footer.push(`[run log](${options.runUrl})`);
  out.push(`<sub>${footer.join(' · ')}</sub>`);
  return `${out.join('\n\n')}\n`;
}

/** The verdict's message: every failure with what it saw. */
export function failureMessage(results: CheckResult[]): string {
  return results
    .filter((r) => r.status !== 'pass')
    .map((r) => `${r.name}: ${r.detail}${r.status === 'error' ? ' (could not be checked)' : ''}`)
    .join('; ');
}
