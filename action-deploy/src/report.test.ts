import { describe, expect, it } from 'vitest';
import { describeRun } from './main.js';
import { failed, renderReport, seconds } from './report.js';

describe('report', () => {
  it('renders a failed deployment with its log tail, escaping fences', () => {
    const markdown = renderReport(
      {
        outcome: 'error',
        deploymentId: 'dep-1',
        durationMs: 84_321,
        message: 'deployment dep-1 failed in Dokploy',
        notes: ['a note'],
        logTail: `${Array.from({ length: 40 }, (_, i) => `line ${i}`).join('\n')}\n\`\`\`oops`,
        target: { kind: 'application', id: 'app' },
        mode: 'redeploy',
        pageUrl: 'https://d.test/page',
      },
      { runUrl: 'https://run' },
    );
    expect(markdown).toContain('### ❌ action-deploy: error');
    expect(markdown).toContain('Deployment dep-1 failed in Dokploy.');
    expect(markdown).toContain('| Deployment | `dep-1` ([Dokploy](https://d.test/page)) |');
    expect(markdown).toContain('| Duration | 84.3 s |');
    expect(markdown).toContain('| Server | Dokploy (version not reported) |');
    expect(markdown).toContain('- a note');
    expect(markdown).toContain('Last 30 log lines');
    expect(markdown).not.toContain('line 10\n');
    expect(markdown).toContain("'''oops");
    expect(markdown).toContain('[run log](https://run)');
  });

  it('decides which outcomes fail the step', () => {
    expect(['done', 'queued', 'error', 'cancelled', 'timeout'].map((o) => failed(o as never))).toEqual([false, false, true, true, true]);
    expect(seconds(0)).toBe('0.0');
    expect(seconds(1249)).toBe('1.2');
  });

  it('describes the run in Dokploy with the marker always last', () => {
    const env = { GITHUB_WORKFLOW: 'deploy', GITHUB_RUN_NUMBER: '5', GITHUB_SHA: 'abcdef123456' };
    expect(describeRun({ title: '', description: '' }, env, 'https://run', 'shipgate:1.1.aa')).toEqual({
      title: 'deploy #5 abcdef1',
      description: 'https://run [shipgate:1.1.aa]',
    });
    expect(describeRun({ title: 'Release', description: 'v2' }, {}, undefined, 'm')).toEqual({ title: 'Release', description: 'v2 [m]' });
    expect(describeRun({ title: '', description: '' }, {}, undefined, 'm')).toEqual({ title: 'shipgate deploy', description: '[m]' });
  });
});
