import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type DokployStandIn, startDokployStandIn } from '../test/fixtures/dokploy-stand-in.js';
import { DokployClient, describeBody, servicePageUrl } from './dokploy.js';

let dokploy: DokployStandIn;
beforeEach(async () => {
  dokploy = await startDokployStandIn();
});
afterEach(async () => {
  await dokploy.close();
});

const client = (apiKey = dokploy.apiKey, fetchImpl?: typeof fetch) =>
  new DokployClient({ baseUrl: dokploy.url, apiKey, retries: 0, backoffMs: 1, fetch: fetchImpl });

describe('DokployClient', () => {
  it('reads the service page and version, lists deployments and logs', async () => {
    expect(await client().target('application', 'app-api')).toEqual({
      pageUrl: `${dokploy.url}/dashboard/project/proj-1/environment/env-prod/services/application/app-api?tab=deployments`,
    });
    expect(await client().version()).toBe('v0.30.2');
    dokploy.seed('app-api', 2);
    expect((await client().deployments('application', 'app-api')).map((d) => d.status)).toEqual(['done', 'done']);
    expect(await client().deployments('compose', 'unknown-compose')).toEqual([]);
    expect(await client().logs('dep-1', 1)).toBe('error: build failed');
    dokploy.scenario = { noLogs: true };
    expect(await client().logs('dep-1', 1)).toBeUndefined();
  });

  it('turns refusals into messages a user can act on', async () => {
    await expect(client('bad').deployments('application', 'app-api')).rejects.toThrow('Dokploy refused the API key (401)');
    await expect(client().target('compose', 'app-api')).rejects.toThrow(
      'Dokploy has no compose with id "app-api" (404 Compose not found): check compose-id',
    );
    await expect(client().trigger('application', 'app-nope', 'deploy', 't', 'd')).rejects.toThrow(
      'Dokploy has no application with id "app-nope"',
    );
  });

  it('explains a validation error, an unknown type and a server error', async () => {
    const answer = (status: number, body: string) => async () => new Response(body, { status });
    const validation = JSON.stringify({
      message: 'Input validation failed',
      code: 'BAD_REQUEST',
      issues: [{ path: ['applicationId'], message: 'Required' }],
    });
    await expect(client(undefined, answer(400, validation)).deployments('application', 'x')).rejects.toThrow(
      'Dokploy rejected deployment.all as invalid input (400): Input validation failed; applicationId: Required',
    );
    await expect(client(undefined, answer(415, '')).trigger('application', 'x', 'deploy', '', '')).rejects.toThrow('415');
    await expect(client(undefined, answer(500, '{"message":"boom"}')).deployments('application', 'x')).rejects.toThrow(
      'Dokploy answered deployment.all with 500 (boom)',
    );
    await expect(client(undefined, answer(200, '<html>login</html>')).deployments('application', 'x')).rejects.toThrow(
      'did not answer with a list',
    );
    await expect(client(undefined, answer(200, 'nope')).target('application', 'x')).rejects.toThrow('not JSON');
    expect(await client(undefined, answer(500, '')).version()).toBeUndefined();
  });

  it('classifies deploy answers: accepted, not sent, unclear', async () => {
    expect(await client().trigger('compose', 'compose-mon', 'redeploy', 't', 'd')).toEqual({ kind: 'accepted' });
    const refused = async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    };
    expect((await client(undefined, refused).trigger('application', 'x', 'deploy', '', '')).kind).toBe('not-sent');
    const reset = async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNRESET' } });
    };
    expect((await client(undefined, reset).trigger('application', 'x', 'deploy', '', '')).kind).toBe('ambiguous');
    const gateway = async () => new Response('<html><title>502 Bad Gateway</title></html>', { status: 502 });
    expect(await client(undefined, gateway).trigger('application', 'x', 'deploy', '', '')).toEqual({
      kind: 'ambiguous',
      reason: 'POST application.deploy answered 502 (an HTML page: "502 Bad Gateway", as a proxy answers, not Dokploy\'s API)',
    });
  });
});

describe('helpers', () => {
  it('builds the deployments page for old and new Dokploy, or nothing', () => {
    expect(servicePageUrl('https://d.test', 'compose', 'c1', { projectId: 'p1' })).toBe(
      'https://d.test/dashboard/project/p1/services/compose/c1?tab=deployments',
    );
    expect(servicePageUrl('https://d.test', 'application', 'a1', { environmentId: 'e1', environment: { projectId: 'p2' } })).toBe(
      'https://d.test/dashboard/project/p2/environment/e1/services/application/a1?tab=deployments',
    );
    expect(servicePageUrl('https://d.test', 'application', 'a1', { projectId: '../../x' })).toBeUndefined();
    expect(servicePageUrl('https://d.test', 'application', 'a1', {})).toBeUndefined();
  });

  it('describes unexpected bodies briefly', () => {
    expect(describeBody('')).toBe('(empty body)');
    expect(describeBody('{"message":"Unauthorized"}')).toBe('(Unauthorized)');
    expect(describeBody('x'.repeat(300))).toHaveLength(122);
  });
});
