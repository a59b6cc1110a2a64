import { readFile } from 'node:fs/promises';
import { ConfigurationError, writeFileAtomic } from '@shipgate/kit';
import type { Round } from './load.js';
import { METRIC_NAMES, type Metric } from './names.js';

export const BASELINE_VERSION = 1;
const HISTORY = 10;

export type RoundValues = Record<Metric, number>;

/** One stored run: every round's observations per target, and the reference server's. */
export interface BaselineRun {
  createdAt: string;
  commit: string;
  ref: string;
  env: {
    node: string;
    cpu: string;
    cpus: number;
    platform: string;
    connections: number;
    durationS: number;
    rounds: number;
    warmupS: number;
  };
  /** The reference server's rounds, measured before each round of the targets. */
  reference: RoundValues[];
  targets: Record<string, { url: string; rounds: RoundValues[] }>;
}

/** The stored baseline: the latest run in full, and a short history of earlier ones (for drift between runs). */
export interface BaselineDocument extends BaselineRun {
  version: number;
  history: BaselineRun[];
}

export function roundValues(round: Round): RoundValues {
  return { rps: round.rps, mean: round.mean, p50: round.p50, p90: round.p90, p99: round.p99 };
}

/** Reads the baseline; undefined when there is none. A malformed file is an error naming it, and is left as it is. */
export async function readBaseline(file: string, shown: string): Promise<BaselineDocument | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ConfigurationError(`baseline-path ${shown} cannot be read: ${(error as Error).message}`);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(
      `baseline-path ${shown} is not valid JSON (${(error as Error).message}); it was left as it is: fix or delete it`,
    );
  }
  const problem = validate(doc);
  if (problem)
    throw new ConfigurationError(`baseline-path ${shown} is not a shipgate baseline: ${problem}; it was left as it is: fix or delete it`);
  return doc as BaselineDocument;
}

function validate(doc: unknown): string | undefined {
  if (typeof doc !== 'object' || doc === null) return 'not an object';
  const d = doc as Partial<BaselineDocument>;
  if (d.version !== BASELINE_VERSION) return `version ${JSON.stringify(d.version)} (this action reads version ${BASELINE_VERSION})`;
  const runs = [d, ...(Array.isArray(d.history) ? d.history : [])];
  if (!Array.isArray(d.history)) return 'history is not a list';
  for (const run of runs) {
    if (!Array.isArray(run.reference) || run.reference.length < 2) return 'reference has fewer than two rounds';
    const bad = run.reference.flatMap((round) => roundProblem(round));
    if (bad.length > 0) return `a reference round has no number for ${bad[0]}`;
    if (typeof run.targets !== 'object' || run.targets === null) return 'targets is missing';
    for (const [name, target] of Object.entries(run.targets)) {
      if (!Array.isArray(target?.rounds) || target.rounds.length < 2) return `target "${name}" has fewer than two rounds`;
      const bad = target.rounds.flatMap((round) => roundProblem(round));
      if (bad.length > 0) return `target "${name}" has a round without a number for ${bad[0]}`;
    }
  }
  return undefined;
}

/** The metrics a stored round lacks a usable number for (req/s must be above 0). */
function roundProblem(round: unknown): Metric[] {
  const r = (round ?? {}) as Partial<RoundValues>;
  return METRIC_NAMES.filter((metric) => {
    const v = r[metric];
    return typeof v !== 'number' || !Number.isFinite(v) || v < 0 || (metric === 'rps' && v === 0);
  });
}

/** The new document: this run in full, and the previous runs (without their history) kept as history. */
export function nextBaseline(previous: BaselineDocument | undefined, run: BaselineRun): BaselineDocument {
  const earlier = previous ? [stripHistory(previous), ...previous.history] : [];
  return { version: BASELINE_VERSION, ...run, history: earlier.slice(0, HISTORY - 1) };
}

function stripHistory(doc: BaselineDocument): BaselineRun {
  const { version: _v, history: _h, ...run } = doc;
  return run;
}

/** Writes the baseline atomically: a reader never sees half a file, and a failed write leaves the old one. */
export async function writeBaseline(file: string, doc: BaselineDocument): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(doc, null, 2)}\n`);
}
