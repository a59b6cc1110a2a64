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

/** How many annotations of each level the step has left for lint problems. */
export interface AnnotationRoom {
  errors: number;
  warnings: number;
}

/**
 * The room left for lint annotations once the step's other annotations are
 * counted: those the tools already printed (Vitest's github-actions reporter
 * annotates failed tests), and one error and one warning kept for the action's
 * own verdict and notices, which come last and must not be the ones dropped.
 */
export function annotationRoom(printed: { errors: number; warnings: number }, cap = ANNOTATION_CAP): AnnotationRoom {
  return { errors: Math.max(0, cap - 1 - printed.errors), warnings: Math.max(0, cap - 1 - printed.warnings) };
}

/** Counts the error and warning workflow commands in a tool's output. */
export function countAnnotations(output: string): { errors: number; warnings: number } {
  return { errors: (output.match(/^::error[ :]/gm) ?? []).length, warnings: (output.match(/^::warning[ :]/gm) ?? []).length };
}

/**
 * Picks the diagnostics worth an annotation: errors and warnings apart, up to
 * the room left for each, those in the pull request's changed files first, and
 * ones with a line before whole-file ones.
 */
export function planAnnotations(
  diagnostics: LintDiagnostic[],
  changedFiles: ReadonlySet<string>,
  room: AnnotationRoom = { errors: ANNOTATION_CAP, warnings: ANNOTATION_CAP },
): AnnotationPlan {
  const rank = (d: LintDiagnostic) => (changedFiles.has(d.file) ? 0 : 2) + (d.line === undefined ? 1 : 0);
  const pick = (severity: LintDiagnostic['severity']) =>
    diagnostics
      .map((d, index) => ({ d, index }))
      .filter(({ d }) => d.severity === severity)
      .sort((a, b) => rank(a.d) - rank(b.d) || a.index - b.index)
      .map(({ d }) => d);
  const errors = pick('error');
  const warnings = pick('warning');
  const shown = Math.min(room.errors, errors.length) + Math.min(room.warnings, warnings.length);
  return {
    errors: errors.slice(0, room.errors),
    warnings: warnings.slice(0, room.warnings),
    omitted: errors.length + warnings.length - shown,
    ordered: [...errors, ...warnings],
  };
}
