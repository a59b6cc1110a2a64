import { describe, expect, it } from 'vitest';
import {
  type CoverageSummary,
  computePatchCoverage,
  evaluateCoverage,
  type FileCoverage,
  formatPct,
  lineHits,
  lineRanges,
} from './coverage.js';

const metric = (pct: number | 'Unknown', covered = 0, total = 0) => ({ pct, covered, total });
const all70 = { lines: 70, statements: 70, functions: 70, branches: 70 };

describe('evaluateCoverage', () => {
  it('fails a metric only when pct < threshold, as Vitest does', () => {
    const summary: CoverageSummary = {
      total: { lines: metric(70, 7, 10), statements: metric(69.99), functions: metric(100, 0, 0), branches: metric(61.2, 612, 1000) },
    };
    const results = evaluateCoverage(summary, all70);
    expect(results.map((r) => [r.metric, r.passed])).toEqual([
      ['lines', true],
      ['statements', false],
      ['functions', true],
      ['branches', false],
    ]);
    expect(results[3]?.problem).toBe('coverage for branches 61.2% is below 70%');
    expect(results[1]?.problem).toBe('coverage for statements 69.99% is below 70%');
  });

  it('treats "Unknown" as no data: a failure unless the threshold is 0', () => {
    const summary: CoverageSummary = { total: { lines: metric('Unknown'), statements: metric('Unknown') } };
    const results = evaluateCoverage(summary, { lines: 70, statements: 0, functions: 70, branches: 70 });
    expect(results[0]).toMatchObject({ pct: null, passed: false });
    expect(results[0]?.problem).toContain('coverage for lines has no data');
    expect(results[1]).toMatchObject({ pct: null, passed: true, problem: undefined });
    // A metric missing from the summary is no data as well.
    expect(results[2]?.passed).toBe(false);
  });

  it('formats percentages without noise', () => {
    expect(formatPct(70)).toBe('70%');
    expect(formatPct(61.2)).toBe('61.2%');
    expect(formatPct(33.333)).toBe('33.33%');
    expect(formatPct(null)).toBe('n/a');
  });
});

const file = (path: string, statements: [line: number, hits: number][]): FileCoverage => ({
  path,
  statementMap: Object.fromEntries(statements.map(([line], i) => [String(i), { start: { line }, end: { line } }])),
  s: Object.fromEntries(statements.map(([, hits], i) => [String(i), hits])),
});

describe('patch coverage', () => {
  it('takes the most hits of the statements starting on a line', () => {
    expect([
      ...lineHits(
        file('/r/a.ts', [
          [1, 0],
          [1, 3],
          [2, 0],
        ]),
      ),
    ]).toEqual([
      [1, 3],
      [2, 0],
    ]);
  });

  it('counts only executable changed lines of measured files', () => {
    const final = {
      '/repo/src/a.ts': file('/repo/src/a.ts', [
        [1, 1],
        [2, 0],
        [3, 0],
        [5, 2],
      ]),
      '/repo/src/b.ts': file('/repo/src/b.ts', [[10, 0]]),
    };
    const changed = new Map([
      ['src/a.ts', new Set([2, 3, 4, 5])],
      ['src/b.ts', new Set([1])],
      ['src/new.ts', new Set([1, 2])],
      ['src/new.test.ts', new Set([1])],
      ['README.md', new Set([1])],
    ]);
    const result = computePatchCoverage(changed, final, '/repo');
    expect(result).toEqual({
      pct: 33.33,
      covered: 1,
      total: 3,
      files: [{ file: 'src/a.ts', covered: 1, total: 3, uncovered: [2, 3] }],
      unmeasured: ['src/new.ts'],
    });
  });

  it('has no percentage when no changed line is code', () => {
    expect(computePatchCoverage(new Map([['docs.md', new Set([1])]]), {}, '/repo').pct).toBeNull();
  });

  it('collapses line numbers into ranges', () => {
    expect(lineRanges([3, 4, 5, 9, 11, 12])).toBe('3-5, 9, 11-12');
    expect(lineRanges([])).toBe('');
  });
});
