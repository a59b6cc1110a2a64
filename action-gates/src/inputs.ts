import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { actionInputs, ConfigurationError, type InputSource, Inputs } from '@shipgate/kit';
import { Input, METRICS, type Metric } from './names.js';

/** Everything action-gates is told to do, read and checked once. */
export interface GatesSettings {
  /** Absolute path of the folder holding the project's package.json. */
  workingDirectory: string;
  /** Absolute path of the repository checkout (paths in annotations are relative to it). */
  workspace: string;
  biome: { enabled: boolean; args: string[] };
  vitest: { enabled: boolean; args: string[] };
  /** Minimum coverage % per metric; a metric fails when its % is below it. */
  thresholds: Record<Metric, number>;
  /** Minimum % of changed lines covered on a pull request; undefined: report only. */
  patchThreshold?: number;
  /** Post or update one sticky comment on pull requests. */
  comment: boolean;
  /** Tells several gates apart in the comment marker, summary heading and report path. */
  name: string;
  /** Token for the comment and the pull request's changed files; may be empty. */
  token: string;
}

const PERCENT = { min: 0, max: 100, percent: true } as const;

/** Reads and validates every input; throws ConfigurationError naming the first bad one. */
export function getInputs(source: InputSource = actionInputs, env: NodeJS.ProcessEnv = process.env): GatesSettings {
  const inputs = new Inputs(source);
  const workspace = path.resolve(env.GITHUB_WORKSPACE || process.cwd());

  const dirInput = inputs.string(Input.WorkingDirectory) || '.';
  const workingDirectory = path.resolve(workspace, dirInput);
  if (!existsSync(workingDirectory) || !statSync(workingDirectory).isDirectory()) {
    throw new ConfigurationError(
      `${Input.WorkingDirectory} must be an existing folder, got "${dirInput}" (${workingDirectory} does not exist)`,
    );
  }
  if (!existsSync(path.join(workingDirectory, 'package.json'))) {
    throw new ConfigurationError(
      `${Input.WorkingDirectory} must hold the project's package.json, got "${dirInput}" (no package.json in ${workingDirectory})`,
    );
  }

  const biome = { enabled: inputs.boolean(Input.Biome, true), args: inputs.args(Input.BiomeArgs) };
  const vitest = { enabled: inputs.boolean(Input.Vitest, true), args: inputs.args(Input.VitestArgs) };
  if (!biome.enabled && !vitest.enabled) {
    throw new ConfigurationError(`${Input.Biome} and ${Input.Vitest} are both false: at least one gate must run`);
  }

  const overall = inputs.number(Input.CoverageThreshold, PERCENT) ?? 70;
  const perMetric: Record<Metric, string> = {
    lines: Input.CoverageLines,
    statements: Input.CoverageStatements,
    functions: Input.CoverageFunctions,
    branches: Input.CoverageBranches,
  };
  const thresholds = Object.fromEntries(METRICS.map((m) => [m, inputs.number(perMetric[m], PERCENT) ?? overall])) as Record<Metric, number>;

  return {
    workingDirectory,
    workspace,
    biome,
    vitest,
    thresholds,
    patchThreshold: inputs.number(Input.PatchCoverageThreshold, PERCENT),
    comment: inputs.boolean(Input.Comment, true),
    name: inputs.string(Input.Name),
    token: inputs.string(Input.GitHubToken),
  };
}
