import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError } from '@shipgate/kit';
import { countAnnotations } from './annotations.js';
import type { CoverageFinal, CoverageSummary } from './coverage.js';
import { installCommand, type PackageManager } from './package-manager.js';
import type { ProcessRunner } from './process.js';
import { VITEST_RUNNER_SOURCE } from './vitest-runner.js';

export interface TestFailure {
  name: string;
  /** Path relative to the working directory. */
  file: string;
  line?: number;
  message: string;
}

/** What the runner script reports back. */
export interface VitestRunnerResult {
  error?: 'missing-vitest' | 'unsupported-vitest' | 'missing-coverage' | 'config';
  message?: string;
  version?: string;
  provider?: string;
  includeSet?: boolean;
  passWithNoTests?: boolean;
  files?: number;
  counts?: { passed: number; failed: number; skipped: number; todo: number };
  failures?: TestFailure[];
  fileErrors?: { file: string; message: string }[];
  unhandled?: string[];
  crash?: string;
  durationMs?: number;
}

export interface TestResult {
  version: string;
  passed: number;
  failed: number;
  skipped: number;
  failures: TestFailure[];
  /** Test files that failed to load or run, and errors outside any test. */
  errors: string[];
  /** Whether the project sets coverage.include (without it, untested files are invisible). */
  includeSet: boolean;
  provider: string;
  summary?: CoverageSummary;
  final?: CoverageFinal;
  /** Set when the test run itself is a failure beyond failed tests (no tests, crash). */
  failure?: string;
  durationMs: number;
  /** Annotations the project's reporters printed (Vitest's github-actions reporter). */
  printed: { errors: number; warnings: number };
}

/**
 * Turns the runner's report into a test result, or throws ConfigurationError
 * when the project lacks what the gate needs (which install command fixes).
 */
export function interpretRunnerResult(
  raw: VitestRunnerResult,
  pm: PackageManager,
  cwd: string,
): Omit<TestResult, 'summary' | 'final' | 'printed'> {
  switch (raw.error) {
    case 'missing-vitest':
      throw new ConfigurationError(
        `Vitest is not installed in ${cwd}. action-gates runs the project's own Vitest and never downloads it: add it with \`${installCommand(pm.name, ['vitest', '@vitest/coverage-v8'])}\` and install dependencies before this step, or set vitest: false.`,
      );
    case 'unsupported-vitest':
      throw new ConfigurationError(
        `Vitest ${raw.version} is too old: action-gates needs Vitest 3 or later (\`${installCommand(pm.name, ['vitest@latest'])}\`).`,
      );
    case 'missing-coverage': {
      const pkg = `@vitest/coverage-${raw.provider ?? 'v8'}`;
      throw new ConfigurationError(
        `${pkg} is not installed in ${cwd}: Vitest needs it to measure coverage. Add it with \`${installCommand(pm.name, [`${pkg}@${raw.version ?? 'latest'}`])}\` (the same version as vitest).`,
      );
    }
    case 'config':
      throw new ConfigurationError(`Vitest could not load the project's configuration: ${raw.message ?? 'unknown error'}`);
  }
  const counts = raw.counts ?? { passed: 0, failed: 0, skipped: 0, todo: 0 };
  const errors = [
    ...(raw.fileErrors ?? []).map((e) => `${e.file}: ${e.message}`),
    ...(raw.unhandled ?? []).map((message) => `unhandled error: ${message}`),
  ];
  let failure: string | undefined;
  const noTests = counts.passed + counts.failed + counts.skipped + counts.todo === 0 && errors.length === 0;
  // Vitest 4 throws "No test files found" where older versions reported zero files.
  if (raw.crash && !/no test files found/i.test(raw.crash)) failure = `Vitest stopped with an error: ${raw.crash}`;
  else if (noTests && !raw.passWithNoTests) failure = 'Vitest found no tests to run';
  return {
    version: raw.version ?? 'unknown',
    passed: counts.passed,
    failed: counts.failed,
    skipped: counts.skipped + counts.todo,
    failures: raw.failures ?? [],
    errors,
    includeSet: raw.includeSet ?? false,
    provider: raw.provider ?? 'v8',
    failure,
    durationMs: raw.durationMs ?? 0,
  };
}

/** Runs the project's own Vitest with coverage, adding the JSON reports the gate reads. */
export async function runVitest(options: {
  cwd: string;
  args: string[];
  reportDir: string;
  packageManager: PackageManager;
  exec: ProcessRunner;
}): Promise<TestResult> {
  const dir = path.join(options.reportDir, 'vitest');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  const script = path.join(dir, 'run-vitest.mjs');
  await writeFile(script, VITEST_RUNNER_SOURCE, 'utf8');
  const files = {
    resultFile: path.join(dir, 'result.json'),
    summaryFile: path.join(dir, 'coverage-summary.json'),
    finalFile: path.join(dir, 'coverage-final.json'),
  };
  const run = await options.exec(process.execPath, [script], {
    cwd: options.cwd,
    env: { SHIPGATE_VITEST: JSON.stringify({ args: options.args, ...files }) },
  });
  const rawText = await readFile(files.resultFile, 'utf8').catch(() => undefined);
  if (rawText === undefined) {
    const tail = `${run.stderr}`.trim().split('\n').slice(-10).join('\n');
    throw new Error(`Vitest ended (exit code ${run.exitCode}) without a result. Its last output:\n${tail}`);
  }
  const result: TestResult = {
    ...interpretRunnerResult(JSON.parse(rawText) as VitestRunnerResult, options.packageManager, options.cwd),
    printed: countAnnotations(run.stdout),
  };
  const readJson = async <T>(file: string): Promise<T | undefined> => {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    return text === undefined ? undefined : (JSON.parse(text) as T);
  };
  result.summary = await readJson<CoverageSummary>(files.summaryFile);
  result.final = await readJson<CoverageFinal>(files.finalFile);
  return result;
}
