import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { storedRun as run } from '../test/fixtures/baselines.js';
import { nextBaseline, readBaseline, writeBaseline } from './baseline.js';

const round = (rps: number) => ({ rps, mean: 4, p50: 3, p90: 6, p99: 9 });

describe('baseline store', () => {
  it('round-trips, keeping earlier runs as history (ten runs at most)', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'baseline-')), 'nested', 'baseline.json');
    expect(await readBaseline(file, 'b.json')).toBeUndefined();
    let doc = nextBaseline(undefined, run(1000));
    for (let i = 0; i < 12; i++) doc = nextBaseline(doc, run(1000 + i, `2026-12-0${(i % 9) + 1}T00:00:00Z`));
    await writeBaseline(file, doc);
    const read = await readBaseline(file, 'b.json');
    expect(read?.version).toBe(1);
    expect(read?.history).toHaveLength(9);
    expect(read?.targets.api?.rounds[0]?.rps).toBe(1011);
    expect(read?.history.every((h) => !('history' in h))).toBe(true);
  });

  it.each([
    ['[]', 'version undefined (this action reads version 1)'],
    ['{"version":1,"history":{}}', 'history is not a list'],
    [JSON.stringify({ ...run(1), version: 1, history: [], reference: [30_000, 30_100] }), 'a reference round has no number for rps'],
    [JSON.stringify({ ...run(1), version: 1, history: [], reference: [{ rps: 1 }] }), 'reference has fewer than two rounds'],
    [
      JSON.stringify({ ...run(1), version: 1, history: [], targets: { api: { rounds: [round(1)] } } }),
      'target "api" has fewer than two rounds',
    ],
    [
      JSON.stringify({ ...run(1), version: 1, history: [], targets: { api: { rounds: [round(1), { rps: 1 }] } } }),
      'target "api" has a round without a number for mean',
    ],
  ])('refuses %s, leaving the file as it is', async (text, problem) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'baseline-')), 'b.json');
    writeFileSync(file, text);
    await expect(readBaseline(file, 'shown/b.json')).rejects.toThrow(
      `baseline-path shown/b.json is not a shipgate baseline: ${problem}; it was left as it is`,
    );
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('names a file it cannot read', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'baseline-'));
    await expect(readBaseline(dir, 'dir')).rejects.toThrow('baseline-path dir cannot be read');
  });
});
