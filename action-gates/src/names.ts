/** Input names, as action.yml declares them. A rename is a breaking change. */
export const Input = {
  WorkingDirectory: 'working-directory',
  Biome: 'biome',
  BiomeArgs: 'biome-args',
  Vitest: 'vitest',
  VitestArgs: 'vitest-args',
  CoverageThreshold: 'coverage-threshold',
  CoverageLines: 'coverage-lines',
  CoverageStatements: 'coverage-statements',
  CoverageFunctions: 'coverage-functions',
  CoverageBranches: 'coverage-branches',
  PatchCoverageThreshold: 'patch-coverage-threshold',
  Comment: 'comment',
  Name: 'name',
  GitHubToken: 'github-token',
} as const;

/** Output names, as action.yml declares them. */
export const Output = {
  Passed: 'passed',
  LintErrors: 'lint-errors',
  LintWarnings: 'lint-warnings',
  TestsPassed: 'tests-passed',
  TestsFailed: 'tests-failed',
  CoverageLines: 'coverage-lines',
  CoverageStatements: 'coverage-statements',
  CoverageFunctions: 'coverage-functions',
  CoverageBranches: 'coverage-branches',
  PatchCoverage: 'patch-coverage',
  Report: 'report',
} as const;

/** The action's id in comment markers and file names. */
export const ACTION_ID = 'action-gates';

/** The coverage metrics Vitest reports, in the order they are shown. */
export const METRICS = ['lines', 'statements', 'functions', 'branches'] as const;
export type Metric = (typeof METRICS)[number];
