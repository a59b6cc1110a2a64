import { code, details, table } from '@shipgate/kit';
import type { FollowResult } from './follow.js';
import type { Mode, Outcome, TargetKind } from './names.js';

export interface DeployReport extends FollowResult {
  target: { kind: TargetKind; id: string };
  mode: Mode;
  server?: string;
  /** Dokploy's page of this service's deployments. */
  pageUrl?: string;
}

const MARK: Record<Outcome, string> = { done: '✅', queued: '⏳', error: '❌', cancelled: '❌', timeout: '❌' };

/** Whether the step fails: everything but a finished or (not waited for) queued deployment. */
export function failed(outcome: Outcome): boolean {
  return outcome !== 'done' && outcome !== 'queued';
}

/** Seconds with one decimal, as the `duration` output and the summary show them. */
export function seconds(ms: number): string {
  return (Math.round(ms / 100) / 10).toFixed(1);
}

/** The job summary of one run. */
export function renderReport(report: DeployReport, options: { runUrl?: string; summaryLogLines?: number } = {}): string {
  const out: string[] = [`### ${MARK[report.outcome]} action-deploy: ${report.outcome}`, `${capitalize(report.message)}.`];
  const link = report.pageUrl ? ` ([Dokploy](${report.pageUrl}))` : '';
  out.push(
    table(
      ['', ''],
      [
        ['Target', `${report.target.kind} ${code(report.target.id)}`],
        ['Mode', report.mode],
        ['Deployment', report.deploymentId ? `${code(report.deploymentId)}${link}` : `not seen${link}`],
        ['Status', report.outcome],
        ['Duration', `${seconds(report.durationMs)} s`],
        ['Server', report.server ? `Dokploy ${report.server}` : 'Dokploy (version not reported)'],
      ],
    ),
  );
  if (report.notes.length > 0) out.push(report.notes.map((note) => `- ${note}`).join('\n'));
  if (report.logTail) {
    const lines = report.logTail.trimEnd().split('\n');
    const shown = lines.slice(-(options.summaryLogLines ?? 30)).join('\n');
    out.push(
      details(`Last ${Math.min(lines.length, options.summaryLogLines ?? 30)} log lines`, `\`\`\`\n${shown.replace(/```/g, "'''")}\n\`\`\``),
    );
  }
  if (options.runUrl) out.push(`<sub>[run log](${options.runUrl})</sub>`);
  return `${out.join('\n\n')}\n`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
