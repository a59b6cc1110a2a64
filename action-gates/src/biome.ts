import { mkdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { ConfigurationError } from '@shipgate/kit';
import { findBinary, installCommand, type PackageManager } from './package-manager.js';
import { outputTail, type ProcessRunner } from './process.js';

/** One problem Biome found. Paths are relative to the repository root. */
export interface LintDiagnostic {
  severity: 'error' | 'warning' | 'info';
  category: string;
  message: string;
  file: string;
  /** 1-based; undefined for whole-file problems such as formatting. */
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
}

export interface LintResult {
  errors: number;
  warnings: number;
  infos: number;
  /** Files Biome looked at. */
  files: number;
  diagnostics: LintDiagnostic[];
  /** One sentence, set when Biome could not check the project at all (bad configuration, no files). */
  failure?: string;
  /** The end of Biome's own output, kept when it failed without a report. */
  output?: string;
  exitCode: number;
}

interface BiomeJsonReport {
  summary?: { changed?: number; unchanged?: number; errors?: number; warnings?: number; infos?: number };
  diagnostics?: {
    severity?: string;
    message?: string;
    category?: string;
    location?: { path?: string; start?: { line?: number; column?: number }; end?: { line?: number; column?: number } };
  }[];
}

/**
 * Reads Biome's JSON report into counts and diagnostics. Biome's exit code
 * alone does not tell a lint error from a broken configuration, so the
 * verdict comes from the report, and the exit code only where the report is
 * silent.
 */
export function parseBiomeReport(text: string | undefined, exitCode: number, output: string, cwd: string, repoRoot: string): LintResult {
  const unusable = (failure: string): LintResult => ({
    errors: 0,
    warnings: 0,
    infos: 0,
    files: 0,
    diagnostics: [],
    exitCode,
    failure,
    output: outputTail(output),
  });
  if (text === undefined) return unusable(`Biome could not check the project (exit code ${exitCode}, no report; see its output)`);
  let report: BiomeJsonReport;
  try {
    report = JSON.parse(text) as BiomeJsonReport;
  } catch {
    return unusable('Biome wrote a report that is not valid JSON');
  }
  const summary = report.summary ?? {};
  const diagnostics: LintDiagnostic[] = (report.diagnostics ?? []).map((d) => {
    const severity = d.severity === 'error' || d.severity === 'fatal' ? 'error' : d.severity === 'warning' ? 'warning' : 'info';
    const filePath = d.location?.path ?? '';
    const file = filePath ? path.relative(repoRoot, path.resolve(cwd, filePath)).split(path.sep).join('/') : '';
    const start = d.location?.start;
    const end = d.location?.end;
    const hasLine = typeof start?.line === 'number' && start.line > 0;
    return {
      severity,
      category: d.category ?? 'biome',
      message: d.message ?? '',
      file,
      line: hasLine ? start?.line : undefined,
      column: hasLine ? start?.column : undefined,
      endLine: hasLine && end?.line ? end.line : undefined,
      endColumn: hasLine && end?.column ? end.column : undefined,
    };
  });
  const result: LintResult = {
    errors: summary.errors ?? diagnostics.filter((d) => d.severity === 'error').length,
    warnings: summary.warnings ?? diagnostics.filter((d) => d.severity === 'warning').length,
    infos: summary.infos ?? 0,
    files: (summary.changed ?? 0) + (summary.unchanged ?? 0),
    diagnostics,
    exitCode,
  };
  if (exitCode !== 0 && result.errors === 0) {
    if (result.files === 0) {
      result.failure = 'Biome processed no files: check files.includes in biome.json and the paths in biome-args';
      result.output = outputTail(output, 8);
    } else if (result.warnings > 0) {
      result.failure = `Biome failed on ${result.warnings} warning(s) (warnings are errors with --error-on-warnings)`;
    } else {
      result.failure = `Biome exited with code ${exitCode} without reporting a problem (see its output)`;
      result.output = outputTail(output);
    }
  }
  return result;
}

/** Runs the project's own `biome ci` with a JSON report next to the human one. */
export async function runBiome(options: {
  cwd: string;
  repoRoot: string;
  args: string[];
  reportDir: string;
  packageManager: PackageManager;
  exec: ProcessRunner;
}): Promise<LintResult> {
  const binary = findBinary(options.cwd, 'biome');
  if (!binary) {
    throw new ConfigurationError(
      `Biome is not installed in ${options.cwd} (no node_modules/.bin/biome). action-gates runs the project's own Biome and never downloads it: add it with \`${installCommand(options.packageManager.name, ['@biomejs/biome'])}\` and install dependencies before this step, or set biome: false.`,
    );
  }
  const reportFile = path.join(options.reportDir, 'biome-report.json');
  await mkdir(options.reportDir, { recursive: true });
  await rm(reportFile, { force: true });
  const args = ['ci', '--reporter=default', '--reporter=json', `--reporter-file=${reportFile}`, ...options.args];
  const result = await options.exec(binary, args, { cwd: options.cwd });
  const text = await readFile(reportFile, 'utf8').catch(() => undefined);
  return parseBiomeReport(text, result.exitCode, `${result.stdout}\n${result.stderr}`, options.cwd, options.repoRoot);
}
