import { describe, expect, it } from 'vitest';
import { collectFailures, type GatesReport, renderReport, reportOutputs } from './report.js';

const base: GatesReport = {
  name: '',
  passed: false,
  failures: [],
  notes: [],
  packageManager: 'pnpm',
  lint: {
    errors: 2,
    warnings: 1,
    infos: 0,
    files: 4,
    exitCode: 1,
    annotated: 3,
    omitted: 0,
    top: [{ severity: 'error', category: 'lint/x', message: 'm|pipe', file: 'a.ts', line: 2 }],
  },
  tests: {
    version: '4.1.12',
    passed: 5,
    failed: 1,
    skipped: 0,
    failures: [{ name: 'suite > t', file: 'a.test.ts', line: 9, message: 'expected 1 to be 2' }],
    errors: [],
    includeSet: true,
    provider: 'v8',
    durationMs: 10,
  },
  coverage: [
    { metric: 'lines', pct: 80, covered: 8, total: 10, threshold: 70, passed: true },
    { metric: 'statements', pct: 80, covered: 8, total: 10, threshold: 70, passed: true },
    { metric: 'functions', pct: null, covered: 0, total: 0, threshold: 70, passed: false, problem: 'coverage for functions has no data' },
    {
      metric: 'branches',
      pct: 61.2,
      covered: 612,
      total: 1000,
      threshold: 70,
      passed: false,
      problem: 'coverage for branches 61.2% is below 70%',
    },
  ],
  patch: {
    pct: 50,
    covered: 1,
    total: 2,
    files: [{ file: 'a.ts', covered: 1, total: 2, uncovered: [7] }],
    unmeasured: ['b.ts'],
    threshold: 80,
    passed: false,
    source: 'github',
  },
};

describe('collectFailures', () => {
  it('tells lint, test, coverage and patch failures apart', () => {
    expect(collectFailures(base)).toEqual([
      'lint: Biome found 2 errors',
      'tests: 1 test failed',
      'coverage for functions has no data',
      'coverage for branches 61.2% is below 70%',
      'patch coverage 50% of changed lines is below 80%',
    ]);
  });

  it('reports a lint tool failure and errors outside tests', () => {
    const failures = collectFailures({
      lint: { ...(base.lint as NonNullable<GatesReport['lint']>), errors: 0, failure: 'Biome processed no files' },
      tests: {
        ...(base.tests as NonNullable<GatesReport['tests']>),
        failed: 0,
        errors: ['x.test.ts: SyntaxError'],
        failure: 'Vitest found no tests to run',
      },
    });
    expect(failures).toEqual([
      'lint: Biome processed no files',
      'tests: Vitest found no tests to run',
      'tests: 1 error outside tests (x.test.ts: SyntaxError)',
    ]);
  });
});

describe('renderReport', () => {
  it('renders the verdict, one table and the details', () => {
    const markdown = renderReport({ ...base, failures: collectFailures(base), notes: ['a note'] }, { runUrl: 'https://run' });
    expect(markdown).toContain('### ❌ action-gates: failed');
    expect(markdown).toContain('| Lint (Biome) | 2 errors, 1 warning | 0 errors | ❌ |');
    expect(markdown).toContain('| Tests (Vitest) | 5 passed, 1 failed | 0 failed | ❌ |');
    expect(markdown).toContain('| Coverage: functions | no data | ≥ 70% | ❌ |');
    expect(markdown).toContain('| Coverage: branches | 61.2% (612/1000) | ≥ 70% | ❌ |');
    expect(markdown).toContain('| Patch coverage | 50% (1/2) | ≥ 80% | ❌ |');
    expect(markdown).toContain('- `a.test.ts:9` suite > t: expected 1 to be 2');
    expect(markdown).toContain('- `a.ts:2` error `lint/x`: m|pipe');
    expect(markdown).toContain('- `a.ts`: 7');
    expect(markdown).toContain('Changed source files coverage did not measure: `b.ts`.');
    expect(markdown).toContain('> a note');
    expect(markdown).toContain('[run log](https://run)');
  });

  it('shows gates that were off and a named, passing report', () => {
    const markdown = renderReport({
      ...base,
      name: 'api',
      passed: true,
      lint: undefined,
      tests: undefined,
      coverage: undefined,
      patch: { unavailable: 'no diff' },
    });
    expect(markdown).toContain('### ✅ action-gates · api: passed');
    expect(markdown).toContain('| Lint (Biome) | off |  | ➖ |');
    expect(markdown).toContain('Patch coverage: not available (no diff).');
  });
});

describe('reportOutputs', () => {
  it('gives every output, empty where a gate did not run', () => {
    expect(reportOutputs(base, '/tmp/report.json')).toEqual({
      passed: 'false',
      'lint-errors': '2',
      'lint-warnings': '1',
      'tests-passed': '5',
      'tests-failed': '1',
      'coverage-lines': '80',
      'coverage-statements': '80',
      'coverage-functions': '',
      'coverage-branches': '61.2',
      'patch-coverage': '50',
      report: '/tmp/report.json',
    });
    expect(reportOutputs({ ...base, lint: undefined, tests: undefined, coverage: undefined, patch: undefined }, 'r')['lint-errors']).toBe(
      '',
    );
  });
});
