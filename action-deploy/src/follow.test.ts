import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type DokployStandIn, startDokployStandIn } from '../test/fixtures/dokploy-stand-in.js';
import { DokployClient } from './dokploy.js';
import { type Clock, deployAndFollow, type FollowRequest, realClock } from './follow.js';

let dokploy: DokployStandIn;
beforeEach(async () => {
  dokploy = await startDokployStandIn({ scenario: { appearAfterMs: 30, runMs: 60 } });
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(async () => {
  vi.restoreAllMocks();
  await dokploy.close();
});

/** A clock whose sleeps pass at once: waits and deadlines are spent without waiting for real. */
function fakeClock(): Clock {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  };
}

const request = (overrides: Partial<FollowRequest> = {}): FollowRequest => ({
  client: new DokployClient({ baseUrl: dokploy.url, apiKey: dokploy.apiKey, retries: 0 }),
  target: { kind: 'application', id: 'app-api' },
  mode: 'deploy',
  title: 'title',
  description: 'desc [m-1]',
  marker: 'm-1',
  wait: true,
  timeoutMs: 5000,
  pollMs: 20,
  logLines: 10,
  clock: realClock,
  ...overrides,
});

describe('deployAndFollow', () => {
  it('follows the new deployment to done', async () => {
    const result = await deployAndFollow(request());
    expect(result).toMatchObject({ outcome: 'done', deploymentId: dokploy.rows.get('app-api')?.[0]?.deploymentId, notes: [] });
  });

  it('reports concurrent deployments it did not follow', async () => {
    const result = await deployAndFollow(request({ marker: 'absent' }));
    expect(result.outcome).toBe('done');
    const second = await deployAndFollow(request({ marker: 'absent', title: 'again' }));
    expect(second.deploymentId).toBe(dokploy.rows.get('app-api')?.[0]?.deploymentId);
  });

  it('gives up sending after three unclear answers', async () => {
    dokploy.scenario = { deploy503: 5 };
    await expect(deployAndFollow(request({ clock: fakeClock() }))).rejects.toThrow('the deploy call did not go through after 3 attempts');
    expect(dokploy.deployCalls()).toHaveLength(3);
  });

  it('keeps polling through failures until the deadline and says what failed last', async () => {
    dokploy.scenario = { appearAfterMs: Number.POSITIVE_INFINITY };
    const req = request({ clock: fakeClock(), timeoutMs: 1000 });
    const failing = Object.create(req.client) as DokployClient;
    let calls = 0;
    failing.deployments = async (...args) => {
      calls++;
      if (calls > 1) throw new Error('GET deployment.all failed after 4 attempt(s): connection reset');
      return req.client.deployments(...args);
    };
    const result = await deployAndFollow({ ...req, client: failing });
    expect(result.outcome).toBe('timeout');
    expect(result.message).toContain('The last poll failed: GET deployment.all failed after 4 attempt(s): connection reset.');
    // Backed off: far fewer polls than 1000 ms / 20 ms.
    expect(calls).toBeLessThan(20);
  });

  it('returns queued without waiting, with or without a row yet', async () => {
    expect((await deployAndFollow(request({ wait: false }))).outcome).toBe('queued');
    dokploy.scenario = { appearAfterMs: Number.POSITIVE_INFINITY };
    const unseen = await deployAndFollow(request({ wait: false, pollMs: 10 }));
    expect(unseen.outcome).toBe('queued');
    expect(unseen.deploymentId).toBeUndefined();
    expect(unseen.message).toContain('had not started yet');
  });
});
