import { describe, expect, it } from 'vitest';
import { judgeHttp, matchesSubset } from './checks.js';
import type { HttpCheckSpec } from './inputs.js';
import type { HttpAnswer } from './probe.js';

const spec = (extra: Partial<HttpCheckSpec> = {}): HttpCheckSpec => ({
  name: 'api',
  url: new URL('http://x/health'),
  method: 'GET',
  headers: {},
  ...extra,
});
const answer = (status: number, body = '', extra: Partial<HttpAnswer> = {}): HttpAnswer => ({
  status,
  headers: {},
  body,
  latencyMs: 12.4,
  ...extra,
});
const tls = { minDays: 7, warnDays: 21 };

describe('matchesSubset', () => {
  it('matches objects by key and arrays by position', () => {
    expect(matchesSubset({ a: 1, b: { c: [1, 2, 3] } }, { b: { c: [1, 2] } })).toBe(true);
    expect(matchesSubset({ a: 1 }, { a: '1' })).toBe(false);
    expect(matchesSubset([1], [1, 2])).toBe(false);
    expect(matchesSubset(null, {})).toBe(false);
    expect(matchesSubset([{ a: 1 }], { 0: { a: 1 } })).toBe(false);
  });
});

describe('judgeHttp', () => {
  it('passes any 2xx by default and names what was expected otherwise', () => {
    expect(judgeHttp(spec(), answer(204), tls)).toMatchObject({ status: 'pass', detail: '204 in 12 ms' });
    expect(judgeHttp(spec(), answer(301), tls).detail).toBe('301 (expected 2xx) in 12 ms');
    expect(judgeHttp(spec({ status: [401, 403] }), answer(200), tls).detail).toBe('200 (expected 401 or 403) in 12 ms');
    expect(judgeHttp(spec({ status: [401] }), answer(401), tls).status).toBe('pass');
  });

  it('checks text and JSON', () => {
    expect(judgeHttp(spec({ contains: 'ok' }), answer(200, 'fine'), tls).detail).toBe('200, but the body does not contain "ok"');
    expect(judgeHttp(spec({ json: { a: 1 } }), answer(200, 'not json'), tls).detail).toBe('200, but the body is not JSON');
    expect(judgeHttp(spec({ json: { a: 1 } }), answer(200, '{"a":1,"b":2}'), tls).status).toBe('pass');
  });

  it('fails a certificate about to expire and warns about one expiring soon', () => {
    const cert = (daysLeft: number) => ({ tls: { subject: 'api.test', issuer: 'R11', validTo: 'Jan 1 00:00:00 2027 GMT', daysLeft } });
    expect(judgeHttp(spec(), answer(200, '', cert(6)), tls)).toMatchObject({ status: 'fail' });
    expect(judgeHttp(spec(), answer(200, '', cert(6)), tls).detail).toContain('expires in 6 days (Jan 1 00:00:00 2027 GMT): under 7');
    const soon = judgeHttp(spec(), answer(200, '', cert(20)), tls);
    expect(soon).toMatchObject({
      status: 'pass',
      warning: 'api: the certificate for api.test expires in 20 days (Jan 1 00:00:00 2027 GMT)',
    });
    expect(judgeHttp(spec(), answer(200, '', cert(60)), tls).warning).toBeUndefined();
  });
});
