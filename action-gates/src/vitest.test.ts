import { describe, expect, it } from 'vitest';
import { interpretRunnerResult } from './vitest.js';

const pnpm = { name: 'pnpm' as const, source: 'pnpm-lock.yaml' };

describe('interpretRunnerResult', () => {
  it('says which package to install for each missing piece', () => {
    expect(() => interpretRunnerResult({ error: 'missing-vitest' }, pnpm, '/p')).toThrow('pnpm add -D vitest @vitest/coverage-v8');
    expect(() => interpretRunnerResult({ error: 'missing-coverage', provider: 'v8', version: '4.1.12' }, pnpm, '/p')).toThrow(
      '@vitest/coverage-v8 is not installed in /p: Vitest needs it to measure coverage. Add it with `pnpm add -D @vitest/coverage-v8@4.1.12`',
    );
    expect(() => interpretRunnerResult({ error: 'unsupported-vitest', version: '2.1.0' }, pnpm, '/p')).toThrow('Vitest 2.1.0 is too old');
    expect(() => interpretRunnerResult({ error: 'config', message: 'bad config' }, pnpm, '/p')).toThrow(
      "Vitest could not load the project's configuration: bad config",
    );
  });

  it('counts tests and keeps errors outside tests apart', () => {
    const result = interpretRunnerResult(
      {
        version: '4.1.12',
        counts: { passed: 3, failed: 1, skipped: 1, todo: 1 },
        failures: [{ name: 'a > b', file: 'a.test.ts', line: 4, message: 'expected 1 to be 2' }],
        fileErrors: [{ file: 'broken.test.ts', message: 'SyntaxError' }],
        unhandled: ['boom'],
        includeSet: true,
      },
      pnpm,
      '/p',
    );
    expect(result).toMatchObject({ passed: 3, failed: 1, skipped: 2, includeSet: true });
    expect(result.errors).toEqual(['broken.test.ts: SyntaxError', 'unhandled error: boom']);
    expect(result.failure).toBeUndefined();
  });

  it('fails when there were no tests, unless the project allows it', () => {
    expect(interpretRunnerResult({ counts: { passed: 0, failed: 0, skipped: 0, todo: 0 } }, pnpm, '/p').failure).toBe(
      'Vitest found no tests to run',
    );
    expect(interpretRunnerResult({ crash: 'No test files found, exiting' }, pnpm, '/p').failure).toBe('Vitest found no tests to run');
    expect(interpretRunnerResult({ crash: 'No test files found', passWithNoTests: true }, pnpm, '/p').failure).toBeUndefined();
    expect(interpretRunnerResult({ crash: 'Startup error' }, pnpm, '/p').failure).toBe('Vitest stopped with an error: Startup error');
  });
});
