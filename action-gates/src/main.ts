import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as core from '@actions/core';
import {
  actionInputs,
  ConfigurationError,
  commentMarker,
  createOctokit,
  type EventContext,
  type InputSource,
  maskSecret,
  type Octokit,
  readEventContext,
  runAction,
  runnerTemp,
  setOutputs,
  upsertStickyComment,
  writeFileAtomic,
  writeJobSummary,
} from '@shipgate/kit';
import { type AnnotationPlan, annotationRoom, planAnnotations } from './annotations.js';
import { type LintResult, runBiome } from './biome.js';
import { changedLines } from './changes.js';
import { computePatchCoverage, evaluateCoverage } from './coverage.js';
import { type GatesSettings, getInputs } from './inputs.js';
import { ACTION_ID } from './names.js';
import { detectPackageManager, findBinary, installCommand, type PackageManager } from './package-manager.js';
import { type ProcessRunner, runProcess } from './process.js';
import { collectFailures, type GatesReport, renderConfigurationError, renderReport, reportOutputs } from './report.js';
import { runVitest, type TestResult } from './vitest.js';

/** The edges of the action, replaceable in tests. */
export interface GatesDeps {
  inputs: InputSource;
  env: NodeJS.ProcessEnv;
  exec: ProcessRunner;
}

/** The action: settings, then the gates, then one report rendered three ways, then one verdict. */
export async function run(deps: Partial<GatesDeps> = {}): Promise<void> {
  const all: GatesDeps = { inputs: actionInputs, env: process.env, exec: runProcess, ...deps };
  await runAction(async () => {
    try {
      await gates(all);
    } catch (error) {
      // A verdict already wrote its summary; a run stopped by its configuration says why there too.
      if (error instanceof ConfigurationError) await writeJobSummary(renderConfigurationError(error.message), all.env);
      throw error;
    }
  });
}

async function gates(deps: GatesDeps): Promise<void> {
  const settings = getInputs(deps.inputs, deps.env);
  maskSecret(settings.token);
  const context = await readEventContext(deps.env);
  const pm = detectPackageManager(settings.workingDirectory);
  requireTools(settings, pm);
  const slug = settings.name.replace(/[^A-Za-z0-9._-]+/g, '-');
  const reportDir = path.join(runnerTemp(deps.env), `shipgate-${ACTION_ID}${slug ? `-${slug}` : ''}`);

  // Biome, a quick native binary, runs beside Vitest instead of before it: its
  // output is held back and printed in its own group once Vitest's is done, so
  // the log keeps one piece per tool and the step costs about Vitest's time.
  const biome = heldBack(deps.exec);
  const linting = settings.biome.enabled
    ? settle(
        runBiome({
          cwd: settings.workingDirectory,
          repoRoot: settings.workspace,
          args: settings.biome.args,
          reportDir,
          packageManager: pm,
          exec: biome.exec,
        }),
      )
    : undefined;
  const tests = settings.vitest.enabled
    ? await core.group('Vitest', () =>
        runVitest({ cwd: settings.workingDirectory, args: settings.vitest.args, reportDir, packageManager: pm, exec: deps.exec }),
      )
    : undefined;
  const lint = linting
    ? await core.group('Biome', async () => {
        const outcome = await linting;
        biome.print();
        if ('error' in outcome) throw outcome.error;
        return outcome.value;
      })
    : undefined;

  const pr = context.pullRequest;
  const octokit = pr && settings.token ? await createOctokit(settings.token) : undefined;
  const changes = pr
    ? await core.group('Changed lines', () =>
        changedLines({
          octokit,
          owner: context.owner,
          repo: context.repo,
          pullNumber: pr.number,
          baseSha: pr.baseSha,
          headSha: pr.headSha,
          repoRoot: settings.workspace,
          exec: deps.exec,
        }),
      )
    : undefined;

  const room = annotationRoom(tests?.printed ?? { errors: 0, warnings: 0 });
  const plan = lint ? planAnnotations(lint.diagnostics, changes?.files ?? new Set(), room) : undefined;
  const report = buildReport(settings, pm, lint, plan, tests, changes?.lines, changes?.source);
  if (plan) annotateLint(plan);

  const reportPath = path.join(reportDir, 'report.json');
  await writeFileAtomic(reportPath, `${JSON.stringify(report, null, 2)}\n`);
  setOutputs(reportOutputs(report, reportPath));
  const markdown = renderReport(report, { runUrl: context.runUrl });
  await writeJobSummary(markdown, deps.env);
  if (tests) core.info(`Tests: ${tests.passed} passed, ${tests.failed} failed`);
  await comment(settings, context, octokit, markdown);

  if (!report.passed) throw new Error(`${ACTION_ID}${settings.name ? ` (${settings.name})` : ''} failed: ${report.failures.join('; ')}`);
  core.info(`${ACTION_ID}: every gate passed.`);
}

/** Fails before anything runs when a gate's tool is not installed. */
function requireTools(settings: GatesSettings, pm: PackageManager): void {
  if (settings.biome.enabled && !findBinary(settings.workingDirectory, 'biome')) {
    throw new ConfigurationError(
      `Biome is not installed in ${settings.workingDirectory}. action-gates runs the project's own Biome and never downloads it: add it with \`${installCommand(pm.name, ['@biomejs/biome'])}\` and install dependencies before this step, or set biome: false.`,
    );
  }
  if (settings.vitest.enabled) {
    const require = createRequire(path.join(settings.workingDirectory, 'package.json'));
    let found = false;
    try {
      found = existsSync(require.resolve('vitest/package.json'));
    } catch {
      found = false;
    }
    if (!found) {
      throw new ConfigurationError(
        `Vitest is not installed in ${settings.workingDirectory}. action-gates runs the project's own Vitest and never downloads it: add it with \`${installCommand(pm.name, ['vitest', '@vitest/coverage-v8'])}\` and install dependencies before this step, or set vitest: false.`,
      );
    }
  }
}

function buildReport(
  settings: GatesSettings,
  pm: PackageManager,
  lint: LintResult | undefined,
  plan: AnnotationPlan | undefined,
  tests: TestResult | undefined,
  changed: Map<string, Set<number>> | undefined,
  changeSource: string | undefined,
): GatesReport {
  const notes: string[] = [];
  let coverage: GatesReport['coverage'];
  let patch: GatesReport['patch'];
  let coverageFailure: string | undefined;
  if (tests) {
    if (tests.summary) coverage = evaluateCoverage(tests.summary, settings.thresholds);
    else coverageFailure = 'coverage: Vitest wrote no coverage report';
    if (!tests.includeSet) {
      const note =
        'The project sets no coverage.include: Vitest 4 then measures only files that tests import, so untested files are left out and coverage looks higher than it is. Set test.coverage.include (for example ["src/**"]) in the Vitest config.';
      notes.push(note);
      core.warning(note);
    }
    if (changed && tests.final) {
      const result = computePatchCoverage(changed, tests.final, settings.workspace);
      const threshold = settings.patchThreshold;
      const passed = threshold === undefined || result.pct === null || result.pct >= threshold;
      patch = { ...result, threshold, passed, source: changeSource ?? 'github' };
    } else if (changed === undefined && tests.final && settings.patchThreshold !== undefined) {
      patch = { unavailable: "the pull request's changed lines could not be read" };
    }
  }
  const lintForReport =
    lint && plan
      ? {
          ...withoutDiagnostics(lint),
          annotated: plan.errors.length + plan.warnings.length,
          omitted: plan.omitted,
          top: plan.ordered.slice(0, 50),
        }
      : undefined;
  const partial = { lint: lintForReport, tests: tests ? withoutCoverageFiles(tests) : undefined, coverage, patch };
  const failures = collectFailures(partial);
  if (coverageFailure) failures.push(coverageFailure);
  return { name: settings.name, passed: failures.length === 0, failures, notes, packageManager: pm.name, ...partial };
}

function withoutDiagnostics(lint: LintResult): Omit<LintResult, 'diagnostics'> {
  const { diagnostics: _, ...rest } = lint;
  return rest;
}

function withoutCoverageFiles(tests: TestResult): Omit<TestResult, 'summary' | 'final' | 'printed'> {
  const { summary: _s, final: _f, printed: _p, ...rest } = tests;
  return rest;
}

function annotateLint(plan: AnnotationPlan): void {
  for (const [list, emit] of [
    [plan.errors, core.error],
    [plan.warnings, core.warning],
  ] as const) {
    for (const d of list) {
      const sameLine = d.line !== undefined && d.endLine === d.line;
      emit(d.line === undefined && d.category === 'format' ? `${d.message}: run \`biome format --write ${d.file}\`` : d.message, {
        title: `Biome ${d.category}`,
        file: d.file || undefined,
        startLine: d.line,
        endLine: d.endLine,
        startColumn: sameLine ? d.column : undefined,
        endColumn: sameLine ? d.endColumn : undefined,
      });
    }
  }
}

async function comment(settings: GatesSettings, context: EventContext, octokit: Octokit | undefined, markdown: string) {
  const pr = context.pullRequest;
  if (!settings.comment || !pr) return;
  if (!octokit) {
    core.warning('No github-token: the pull request comment was skipped. The job summary has the same report.');
    return;
  }
  const result = await upsertStickyComment({
    octokit,
    owner: context.owner,
    repo: context.repo,
    issueNumber: pr.number,
    marker: commentMarker(ACTION_ID, settings.name),
    body: markdown,
  });
  if (result.status === 'created' || result.status === 'updated')
    core.info(`Pull request comment ${result.status}: ${result.url ?? result.id}`);
}

/** A promise's outcome as a value, so that a failure waits for its turn instead of going unhandled. */
function settle<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

/** A process runner that keeps a tool's output (and its command line) to print later, instead of streaming it. */
function heldBack(exec: ProcessRunner): { exec: ProcessRunner; print(): void } {
  const held: string[] = [];
  return {
    exec: async (command, args, options) => {
      held.push(`[command]${[command, ...args].join(' ')}`);
      const result = await exec(command, args, { ...options, silent: true });
      held.push(`${result.stdout}${result.stderr}`.trimEnd());
      return result;
    },
    print: () => {
      for (const text of held.splice(0)) if (text) core.info(text);
    },
  };
}
