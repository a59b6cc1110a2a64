import { cpus } from 'node:os';
import path from 'node:path';
import * as core from '@actions/core';
import {
  actionInputs,
  ConfigurationError,
  commentMarker,
  createOctokit,
  describeNetworkError,
  type EventContext,
  type InputSource,
  readEventContext,
  request,
  runAction,
  runnerTemp,
  setOutputs,
  upsertStickyComment,
  writeFileAtomic,
  writeJobSummary,
} from '@shipgate/kit';
import { type BaselineRun, nextBaseline, readBaseline, writeBaseline } from './baseline.js';
import { type BenchResult, compareInterleaved, compareStored } from './compare.js';
import { type BenchSettings, getInputs } from './inputs.js';
import { baseUrlFor, measureInterleaved, measureStored } from './measure.js';
import { ACTION_ID, Output } from './names.js';
import { pct, renderReport } from './report.js';

export interface BenchDeps {
  inputs: InputSource;
  env: NodeJS.ProcessEnv;
}

/** The action: settings, preflight, rounds, one comparison rendered three ways, one verdict. */
export async function run(deps: Partial<BenchDeps> = {}): Promise<void> {
  const all: BenchDeps = { inputs: actionInputs, env: process.env, ...deps };
  await runAction(async () => {
    try {
      await bench(all);
    } catch (error) {
      if (error instanceof ConfigurationError)
        await writeJobSummary(`### ❌ action-bench: not run\n\nNo load was sent:\n\n> ${error.message}\n`, all.env);
      throw error;
    }
  });
}

async function bench(deps: BenchDeps): Promise<void> {
  const settings = await getInputs(deps.inputs, deps.env);
  const context = await readEventContext(deps.env);
  const baseline = settings.compareUrl ? undefined : await readBaseline(settings.baselinePath, settings.baselineInput);
  const notes: string[] = [];
  const down = await core.group('Preflight', () => preflight(settings));
  if (down.length > 0) {
    setOutputs({ [Output.Verdict]: 'invalid', [Output.Regressed]: false });
    await writeJobSummary(`### ❌ action-bench: invalid run\n\nNo load was sent: ${down.join('; ')}.\n`, deps.env);
    throw new Error(`${ACTION_ID}: invalid run: ${down.join('; ')}`);
  }

  let result: BenchResult;
  if (settings.compareUrl) {
    const compareUrl = settings.compareUrl;
    const measured = await core.group('Rounds (interleaved with compare-url)', () => measureInterleaved(settings, compareUrl));
    result = compareInterleaved(settings, measured);
  } else {
    const measured = await core.group('Rounds', () => measureStored(settings));
    result = compareStored(settings, measured, baseline);
    const save = mayWriteBaseline(settings, context);
    if (save.allowed && result.verdict !== 'invalid') {
      const run: BaselineRun = {
        createdAt: new Date().toISOString(),
        commit: context.sha,
        ref: context.ref,
        env: {
          node: process.version,
          cpu: cpus()[0]?.model ?? 'unknown',
          cpus: cpus().length,
          platform: process.platform,
          connections: settings.connections,
          durationS: settings.durationS,
          rounds: settings.rounds,
          warmupS: settings.warmupS,
        },
        reference: measured.reference,
        targets: Object.fromEntries(result.targets.map((t) => [t.name, { url: t.url, rounds: t.rounds }])),
      };
      await writeBaseline(settings.baselinePath, nextBaseline(baseline, run));
      notes.push(
        `Saved this run as the baseline in ${settings.baselineInput} (${save.why}); commit it, or cache it, for later runs to compare with.`,
      );
    } else if (!save.allowed) {
      notes.push(`The baseline was not changed: ${save.why}.`);
    } else {
      notes.push('The baseline was not changed: an invalid run is never saved.');
    }
  }

  const markdown = renderReport(result, settings, { notes, runUrl: context.runUrl });
  const first = result.targets[0];
  const metric = (name: 'rps' | 'p99') => first?.metrics.find((m) => m.metric === name);
  const reportPath = path.join(
    runnerTemp(deps.env),
    `shipgate-${ACTION_ID}${settings.name ? `-${settings.name.replace(/[^\w.-]+/g, '-')}` : ''}`,
    'report.json',
  );
  await writeFileAtomic(reportPath, `${JSON.stringify({ ...result, notes }, null, 2)}\n`);
  const firstRounds = first?.rounds ?? [];
  const avg = (key: 'rps' | 'p99') => (firstRounds.length ? firstRounds.reduce((s, r) => s + r[key], 0) / firstRounds.length : undefined);
  const gated = first?.metrics.find((m) => m.comparison);
  setOutputs({
    [Output.Verdict]: result.verdict,
    [Output.Regressed]: result.verdict === 'regression',
    [Output.Rps]: avg('rps')?.toFixed(1) ?? '',
    [Output.P99]: avg('p99')?.toFixed(1) ?? '',
    [Output.DeltaRps]: pct(metric('rps')?.comparison?.change).replace('%', ''),
    [Output.DeltaP99]: pct(metric('p99')?.comparison?.change).replace('%', ''),
    [Output.Mde]: gated?.comparison ? (gated.comparison.mde * 100).toFixed(1) : '',
    [Output.Report]: reportPath,
  });
  await writeJobSummary(markdown, deps.env);
  await comment(settings, context, markdown);

  const slo = result.targets.flatMap((t) =>
    t.slo.filter((s) => !s.ok).map((s) => `${t.name} missed its SLO ${s.text} (${s.actual.toFixed(1)})`),
  );
  const problems = result.targets.flatMap((t) => {
    if (t.invalid) return [`${t.name}: invalid run: ${t.invalid}`];
    return t.metrics
      .filter((m) => m.comparison?.verdict === 'regression')
      .map(
        (m) =>
          `${t.name} ${m.metric} ${pct(m.comparison?.change)} (interval ${pct(m.comparison?.low)} … ${pct(m.comparison?.high)}, beyond ${pct(settings.maxRegression, false)})`,
      );
  });
  if (result.verdict === 'regression' || result.verdict === 'invalid' || slo.length > 0) {
    throw new Error(`${ACTION_ID}: ${result.verdict}: ${[...problems, ...slo].join('; ')}`);
  }
  if (result.verdict === 'no-baseline' || result.verdict === 'inconclusive') {
    core.notice(
      `${ACTION_ID}: ${result.verdict === 'no-baseline' ? 'no baseline to compare with yet' : 'inconclusive: the spread was too wide to tell a change beyond the threshold'}; the step passes.`,
    );
  }
}

/** Sends one request to every target before any load: a server that is down is said to be down. */
async function preflight(settings: BenchSettings): Promise<string[]> {
  const urls = settings.targets.flatMap((t) => [
    { name: t.name, url: t.url, target: t },
    ...(settings.compareUrl ? [{ name: `${t.name} (compare-url)`, url: baseUrlFor(t, settings.compareUrl), target: t }] : []),
  ]);
  const problems: string[] = [];
  for (const { name, url, target } of urls) {
    try {
      const response = await request(url, {
        method: target.method,
        headers: target.headers,
        body: target.body,
        timeoutMs: 10_000,
        retries: 2,
        backoffMs: 500,
        retrySafe: true,
      });
      await response.body?.cancel();
      core.info(`${name}: ${response.status} from ${url}`);
      if (response.status < 200 || response.status >= 300) problems.push(`${name} answered ${response.status} at ${url}, not 2xx`);
    } catch (error) {
      problems.push(
        `${name} is down: ${describeNetworkError((error as { cause?: unknown }).cause ?? error).replace(/^.*failed after \d+ attempt\(s\): /, '')} (${url})`,
      );
    }
  }
  return problems;
}

/** Whether this run may write the baseline, and why (never from a pull request). */
export function mayWriteBaseline(settings: BenchSettings, context: EventContext): { allowed: boolean; why: string } {
  if (context.eventName.startsWith('pull_request')) {
    if (settings.saveBaseline === 'true')
      core.warning('save-baseline is true, but this is a pull request: a pull request never changes the baseline.');
    return { allowed: false, why: 'a pull request never changes it' };
  }
  if (settings.saveBaseline === 'false') return { allowed: false, why: 'save-baseline is false' };
  if (settings.saveBaseline === 'true') return { allowed: true, why: 'save-baseline is true' };
  const branch = context.defaultBranch;
  if (context.eventName === 'push' && branch && context.ref === `refs/heads/${branch}`)
    return { allowed: true, why: `a push to ${branch}` };
  return { allowed: false, why: 'save-baseline is auto, and this is not a push to the default branch' };
}

async function comment(settings: BenchSettings, context: EventContext, markdown: string): Promise<void> {
  const pr = context.pullRequest;
  if (!settings.comment || !pr) return;
  if (!settings.token) {
    core.warning('No github-token: the pull request comment was skipped. The job summary has the same report.');
    return;
  }
  await upsertStickyComment({
    octokit: await createOctokit(settings.token),
    owner: context.owner,
    repo: context.repo,
    issueNumber: pr.number,
    marker: commentMarker(ACTION_ID, settings.name),
    body: markdown,
  });
}
