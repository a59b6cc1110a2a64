import path from 'node:path';
import { METRICS, type Metric } from './names.js';

/** One metric of coverage-summary.json's `total`. */
export interface SummaryMetric {
  total: number;
  covered: number;
  skipped?: number;
  /** Floored to 2 decimals; 100 when total is 0; the string "Unknown" when nothing was measured. */
  pct: number | 'Unknown';
}

export type CoverageSummary = { total: Partial<Record<Metric, SummaryMetric>> } & Record<string, unknown>;

export interface MetricResult {
  metric: Metric;
  /** Percentage, or null when Vitest had no data ("Unknown"). */
  pct: number | null;
  covered: number;
  total: number;
  threshold: number;
  passed: boolean;
  /** Why it failed, in words; undefined when it passed. */
  problem?: string;
}

/** Formats a percentage the way the report shows it (no trailing zeros). */
export function formatPct(value: number | null | undefined): string {
  if (value === null || value === undefined) return 'n/a';
  return `${Number(value.toFixed(2))}%`;
}

/**
 * Compares each metric with its threshold by Vitest's own rule: a metric fails
 * when `pct < threshold` (69.99 fails 70). "Unknown" means nothing was
 * measured; it fails unless the threshold is 0, with a message that says so.
 */
export function evaluateCoverage(summary: CoverageSummary, thresholds: Record<Metric, number>): MetricResult[] {
  return METRICS.map((metric) => {
    const data = summary.total[metric];
    const threshold = thresholds[metric];
    const pct = data && typeof data.pct === 'number' ? data.pct : null;
    const base = { metric, pct, covered: data?.covered ?? 0, total: data?.total ?? 0, threshold };
    if (pct === null) {
      const passed = threshold === 0;
      return {
        ...base,
        passed,
        problem: passed ? undefined : `coverage for ${metric} has no data (Vitest reported "Unknown": no source file was measured)`,
      };
    }
    if (pct < threshold) {
      return { ...base, passed: false, problem: `coverage for ${metric} ${formatPct(pct)} is below ${formatPct(threshold)}` };
    }
    return { ...base, passed: true };
  });
}

/** One file of istanbul's coverage-final.json (only the parts used here). */
export interface FileCoverage {
  path?: string;
  statementMap: Record<string, { start: { line: number }; end: { line: number } }>;
  s: Record<string, number>;
}

export type CoverageFinal = Record<string, FileCoverage>;

/**
 * Hits per line: a line's hits are the highest hit count of the statements
 * that start on it. Lines with no statement are not executable and absent.
 */
export function lineHits(file: FileCoverage): Map<number, number> {
  const hits = new Map<number, number>();
  for (const [id, location] of Object.entries(file.statementMap)) {
    const line = location.start.line;
    const count = file.s[id] ?? 0;
    hits.set(line, Math.max(hits.get(line) ?? 0, count));
  }
  return hits;
}

export interface PatchFile {
  /** Path relative to the repository root, with forward slashes. */
  file: string;
  covered: number;
  total: number;
  uncovered: number[];
}

export interface PatchCoverage {
  /** null when no changed line is executable code that coverage measured. */
  pct: number | null;
  covered: number;
  total: number;
  files: PatchFile[];
  /** Changed files that coverage did not measure (not loaded by any test, or excluded). */
  unmeasured: string[];
}

/**
 * Coverage of the changed lines: each changed line that is executable in
 * coverage-final.json counts, covered when it was hit at least once.
 * `changed` is keyed by path relative to `repoRoot`.
 */
export function computePatchCoverage(changed: Map<string, Set<number>>, final: CoverageFinal, repoRoot: string): PatchCoverage {
  const byRelative = new Map<string, FileCoverage>();
  for (const [file, data] of Object.entries(final)) {
    const absolute = path.resolve(repoRoot, data.path ?? file);
    byRelative.set(path.relative(repoRoot, absolute).split(path.sep).join('/'), data);
  }
  const files: PatchFile[] = [];
  const unmeasured: string[] = [];
  let covered = 0;
  let total = 0;
  for (const [file, lines] of [...changed.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const data = byRelative.get(file);
    if (!data) {
      if (/\.(c|m)?[jt]sx?$/.test(file) && !/\.(test|spec)\.[cm]?[jt]sx?$/.test(file)) unmeasured.push(file);
      continue;
    }
    const hits = lineHits(data);
    const entry: PatchFile = { file, covered: 0, total: 0, uncovered: [] };
    for (const line of [...lines].sort((a, b) => a - b)) {
      const count = hits.get(line);
      if (count === undefined) continue;
      entry.total++;
      if (count > 0) entry.covered++;
      else entry.uncovered.push(line);
    }
    if (entry.total === 0) continue;
    covered += entry.covered;
    total += entry.total;
    files.push(entry);
  }
  const pct = total === 0 ? null : Math.floor((covered / total) * 10_000) / 100;
  return { pct, covered, total, files, unmeasured };
}

/** Collapses sorted line numbers into ranges: [3,4,5,9] → "3-5, 9". */
export function lineRanges(lines: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const start = lines[i] as number;
    let end = start;
    while (i + 1 < lines.length && lines[i + 1] === end + 1) end = lines[++i] as number;
    parts.push(start === end ? String(start) : `${start}-${end}`);
  }
  return parts.join(', ');
}
