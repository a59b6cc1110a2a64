import { recordInputs } from '@shipgate/kit';
import { describe, expect, it } from 'vitest';
import { getInputs, parsePortEntry } from './inputs.js';

describe('parsePortEntry', () => {
  it('reads product, product:port and bare ports', () => {
    expect(parsePortEntry('monitoring', 'netdata', true)).toEqual({ name: 'netdata', product: 'netdata', port: 19999 });
    expect(parsePortEntry('monitoring', 'Uptime-Kuma:3001', true)).toEqual({
      name: 'uptime-kuma:3001',
      product: 'uptime-kuma',
      port: 3001,
    });
    expect(parsePortEntry('expect-closed', '5432', false)).toEqual({ name: 'closed:5432', product: undefined, port: 5432 });
    expect(parsePortEntry('expect-closed', 'redis', false)).toEqual({ name: 'closed:redis', product: 'redis', port: 6379 });
  });

  it.each([
    ['monitoring', '8080', true, 'monitoring entries must name a product, got "8080"'],
    ['expect-closed', 'redis:0', false, 'expect-closed has a port that is not 1-65535 in "redis:0"'],
    ['expect-closed', 'a b', false, 'expect-closed entries must be product[:port] or a port, got "a b"'],
  ])('rejects %s entry %s', (input, entry, required, message) => {
    expect(() => parsePortEntry(input, entry, required)).toThrow(message);
  });
});

describe('getInputs', () => {
  it('takes the host from the first URL and fills defaults', async () => {
    const settings = await getInputs(
      recordInputs({ urls: 'https://api.example.test/health\nhttp://web.example.test', monitoring: 'grafana, redis' }),
    );
    expect(settings.host).toBe('api.example.test');
    expect(settings.http.map((c) => c.name)).toEqual(['api.example.test/health', 'web.example.test']);
    expect(settings.monitoring.map((m) => `${m.product}:${m.port}`)).toEqual(['grafana:3003', 'redis:6379']);
    expect(settings).toMatchObject({ timeoutMs: 300_000, intervalMs: 5000, requestTimeoutMs: 10_000, tlsMinDays: 7, tlsWarnDays: 21 });
  });

  it('reads rich checks', async () => {
    const checks =
      '- name: api\n  url: http://h.test/x\n  method: post\n  headers: { x-token: 1 }\n  status: [200, 201]\n  contains: ok\n  json: { a: 1 }';
    const [check] = (await getInputs(recordInputs({ checks }))).http;
    expect(check).toMatchObject({
      name: 'api',
      method: 'POST',
      headers: { 'x-token': '1' },
      status: [200, 201],
      contains: 'ok',
      json: { a: 1 },
    });
  });

  it.each([
    [{ checks: 'name: x' }, 'checks must be a YAML list of checks'],
    [{ checks: '- 3' }, 'checks[0] must be a mapping with at least url'],
    [{ checks: '- url: ftp://x' }, 'checks[0].url must hold http(s) URLs, got "ftp://x"'],
    [{ checks: '- url: http://x\n  method: HEAD' }, 'checks[0].method must be an HTTP method other than HEAD'],
    [{ checks: '- url: http://x\n  headers: [a]' }, 'checks[0].headers must be a mapping'],
    [{ checks: '- url: http://x\n  status: 99' }, 'checks[0].status must be a status code'],
    [{ checks: '- url: http://x\n  contains: 3' }, 'checks[0].contains must be text'],
    [{ urls: 'http://x/a\nhttp://x/a' }, 'two checks are named "x/a"'],
    [{ urls: 'http://x', host: 'bad host!' }, 'host must be a host name or IP address, got "bad host!"'],
  ])('rejects %o', async (inputs, message) => {
    await expect(getInputs(recordInputs(inputs))).rejects.toThrow(message);
  });

  it('keeps the warning threshold at or above the failing one', async () => {
    const settings = await getInputs(recordInputs({ urls: 'http://x', 'tls-min-days': '30' }));
    expect(settings.tlsWarnDays).toBe(30);
  });
});
