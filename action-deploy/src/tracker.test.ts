import { describe, expect, it } from 'vitest';
import type { Deployment } from './dokploy.js';
import { isBusy, makeMarker, pickOurDeployment, stateOf } from './tracker.js';

const row = (deploymentId: string, status = 'done', description = ''): Deployment => ({ deploymentId, status, title: 't', description });
const marker = makeMarker('99', '2', 'abcd');

describe('pickOurDeployment', () => {
  it('never takes a row that existed before the call, even the newest', () => {
    const before = new Set(['old-2', 'old-1']);
    expect(pickOurDeployment([row('old-2'), row('old-1')], before, marker)).toEqual({ byMarker: false, others: 0 });
  });

  it('takes the new row with the marker over other new rows', () => {
    const rows = [row('other-new', 'running'), row('ours', 'running', `x [${marker}]`), row('old')];
    expect(pickOurDeployment(rows, new Set(['old']), marker)).toMatchObject({
      deployment: { deploymentId: 'ours' },
      byMarker: true,
      others: 1,
    });
  });

  it('takes the oldest new row when no row keeps the marker', () => {
    const rows = [row('newer', 'running'), row('first-after-call', 'running'), row('old')];
    expect(pickOurDeployment(rows, new Set(['old']), marker)).toMatchObject({
      deployment: { deploymentId: 'first-after-call' },
      byMarker: false,
      others: 1,
    });
  });
});

describe('states', () => {
  it('knows Dokploy states and nothing else', () => {
    expect(['running', 'done', 'error', 'cancelled', 'queued', null].map((status) => stateOf({ deploymentId: 'x', status }))).toEqual([
      'running',
      'done',
      'error',
      'cancelled',
      'unknown',
      'unknown',
    ]);
    expect(isBusy([row('a'), row('b', 'running')])).toBe(true);
    expect(isBusy([row('a'), row('b', 'error')])).toBe(false);
  });

  it('makes markers from the run', () => {
    expect(makeMarker(undefined, undefined, 'ff')).toBe('shipgate:local.1.ff');
    expect(marker).toBe('shipgate:99.2.abcd');
  });
});
