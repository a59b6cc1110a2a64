import * as core from '@actions/core';
import { type RoundValues, roundValues } from './baseline.js';
import type { BenchSettings, Target } from './inputs.js';
import { loadRound, type Round, startReference } from './load.js';

/** Seconds of each reference round: short, and the same on every run so runs compare. */
export const REFERENCE_ROUND_S = 2;

export interface StoredModeMeasurement {
  mode: 'stored';
  /** The reference server's rounds: every metric, so each is corrected by its own drift. */
  reference: RoundValues[];
  targets: Map<string, Round[]>;
}

export interface InterleavedMeasurement {
  mode: 'interleaved';
  /** Per target: the base server's rounds and the head's, measured in pairs. */
  targets: Map<string, { base: Round[]; head: Round[]; baseUrl: URL }>;
}

/**
 * Rounds of every target with a round of the reference server before each, so
 * the run carries its own measure of how fast the machine is.
 */
export async function measureStored(settings: BenchSettings): Promise<StoredModeMeasurement> {
  const reference = await startReference();
  try {
    const roundS = settings.durationS / settings.rounds;
    const load = { connections: settings.connections };
    // Wakes the reference server up (JIT, sockets); not measured.
    await loadRound({ url: reference.url }, { ...load, durationS: 1 });
    for (const target of settings.targets) if (settings.warmupS > 0) await loadRound(target, { ...load, durationS: settings.warmupS });
    const refRounds: RoundValues[] = [];
    const targets = new Map<string, Round[]>(settings.targets.map((t) => [t.name, []]));
    for (let i = 0; i < settings.rounds; i++) {
      refRounds.push(roundValues(await loadRound({ url: reference.url }, { ...load, durationS: REFERENCE_ROUND_S })));
      for (const target of settings.targets) {
        const round = await loadRound(target, { ...load, durationS: roundS });
        targets.get(target.name)?.push(round);
        core.info(`round ${i + 1}/${settings.rounds} ${target.name}: ${round.rps.toFixed(0)} req/s, p99 ${round.p99} ms`);
      }
    }
    return { mode: 'stored', reference: refRounds, targets };
  } finally {
    reference.stop();
  }
}

/** The base server's URL for a target: compare-url's origin (and path prefix) with the target's path and query. */
export function baseUrlFor(target: Target, compareUrl: URL): URL {
  const prefix = compareUrl.pathname.replace(/\/+$/, '');
  return new URL(`${compareUrl.origin}${prefix}${target.url.pathname}${target.url.search}`);
}

/**
 * Base and head measured in pairs on this machine, alternating which goes
 * first (ABBA), so machine drift lands on both sides alike.
 */
export async function measureInterleaved(settings: BenchSettings, compareUrl: URL): Promise<InterleavedMeasurement> {
  const roundS = settings.durationS / settings.rounds;
  const load = { connections: settings.connections };
  const targets = new Map<string, { base: Round[]; head: Round[]; baseUrl: URL }>();
  for (const target of settings.targets) {
    const base = { ...target, url: baseUrlFor(target, compareUrl) };
    if (settings.warmupS > 0) {
      await loadRound(base, { ...load, durationS: settings.warmupS });
      await loadRound(target, { ...load, durationS: settings.warmupS });
    }
    const pairs = { base: [] as Round[], head: [] as Round[], baseUrl: base.url };
    for (let i = 0; i < settings.rounds; i++) {
      const order = i % 2 === 0 ? ['base', 'head'] : ['head', 'base'];
      for (const side of order) {
        const round = await loadRound(side === 'base' ? base : target, { ...load, durationS: roundS });
        pairs[side as 'base' | 'head'].push(round);
      }
      core.info(
        `round ${i + 1}/${settings.rounds} ${target.name}: base ${pairs.base.at(-1)?.rps.toFixed(0)} req/s, head ${pairs.head.at(-1)?.rps.toFixed(0)} req/s`,
      );
    }
    targets.set(target.name, pairs);
  }
  return { mode: 'interleaved', targets };
}
