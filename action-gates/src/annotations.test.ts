import { describe, expect, it } from 'vitest';
import { planAnnotations } from './annotations.js';
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
