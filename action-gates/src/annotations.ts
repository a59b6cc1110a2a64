import type { LintDiagnostic } from './biome.js';

/** GitHub shows at most this many error and this many warning annotations per step. */
export const ANNOTATION_CAP = 10;

export interface AnnotationPlan {
  errors: LintDiagnostic[];
  warnings: LintDiagnostic[];
  /** Diagnostics left out of the annotations (they are counted in the summary). */
  omitted: number;
  /** Every error, then every warning, in the same order of importance. */
  ordered: LintDiagnostic[];
}

/**
 * Picks the diagnostics worth an annotation: errors and warnings apart, up to
 * GitHub's cap each, those in the pull request's changed files first, and
 * ones with a line before whole-file ones.
 */
export function planAnnotations(diagnostics: LintDiagnostic[], changedFiles: ReadonlySet<string>, cap = ANNOTATION_CAP): AnnotationPlan {
  const rank = (d: LintDiagnostic) => (changedFiles.has(d.file) ? 0 : 2) + (d.line === undefined ? 1 : 0);
  const pick = (severity: LintDiagnostic['severity']) =>
    diagnostics
      .map((d, index) => ({ d, index }))
      .filter(({ d }) => d.severity === severity)
      .sort((a, b) => rank(a.d) - rank(b.d) || a.index - b.index)
      .map(({ d }) => d);
  const errors = pick('error');
  const warnings = pick('warning');
  const shown = Math.min(cap, errors.length) + Math.min(cap, warnings.length);
  return {
    errors: errors.slice(0, cap),
    warnings: warnings.slice(0, cap),
    omitted: errors.length + warnings.length - shown,
    ordered: [...errors, ...warnings],
  };
}
