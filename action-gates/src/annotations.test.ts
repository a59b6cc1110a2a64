import { describe, expect, it } from 'vitest';
import { annotationRoom, countAnnotations, planAnnotations } from './annotations.js';
import type { LintDiagnostic } from './biome.js';

const d = (severity: LintDiagnostic['severity'], file: string, line?: number): LintDiagnostic => ({
  severity,
  category: 'c',
  message: 'm',
  file,
  line,
});

describe('planAnnotations', () => {
  it('caps each level, putting changed files and located problems first', () => {
    const diagnostics = [
      ...Array.from({ length: 12 }, (_, i) => d('error', 'old.ts', i + 1)),
      d('error', 'new.ts'),
      d('error', 'new.ts', 4),
      d('warning', 'old.ts', 1),
      d('info', 'old.ts', 1),
    ];
    const plan = planAnnotations(diagnostics, new Set(['new.ts']));
    expect(plan.errors).toHaveLength(10);
    expect(plan.errors.slice(0, 2).map((e) => `${e.file}:${e.line}`)).toEqual(['new.ts:4', 'new.ts:undefined']);
    expect(plan.errors[2]?.line).toBe(1);
    expect(plan.warnings).toHaveLength(1);
    expect(plan.omitted).toBe(4);
    expect(plan.ordered).toHaveLength(15);
  });
});

describe('annotation room', () => {
  it('keeps one of each level for the verdict and counts what tools printed', () => {
    expect(annotationRoom({ errors: 0, warnings: 0 })).toEqual({ errors: 9, warnings: 9 });
    expect(annotationRoom({ errors: 4, warnings: 12 })).toEqual({ errors: 5, warnings: 0 });
  });

  it('counts workflow commands in a tool output', () => {
    const output = '::error file=a.test.ts,line=3::expected\n::error::x\n  ::error not at start\n::warning::w\n::errorish\n';
    expect(countAnnotations(output)).toEqual({ errors: 2, warnings: 1 });
  });

  it('plans within the room given', () => {
    const plan = planAnnotations(
      Array.from({ length: 5 }, (_, i) => d('error', 'a.ts', i + 1)),
      new Set(),
      { errors: 2, warnings: 9 },
    );
    expect(plan.errors).toHaveLength(2);
    expect(plan.omitted).toBe(3);
  });
});
