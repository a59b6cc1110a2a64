import { describe, expect, it } from 'vitest';
import { describeHttp, describeTcp, fromProbeError, HTTP_FINGERPRINTS } from './fingerprints.js';
import { daysLeft, describeSocketError, ProbeError } from './probe.js';

const answer = (body: string, headers: Record<string, string> = {}, status = 200) => ({ status, headers, body, latencyMs: 1 });

describe('fingerprints', () => {
  it('recognise each product from its own answer only', () => {
    expect(HTTP_FINGERPRINTS.netdata?.match(answer('', { server: 'Netdata Embedded HTTP Server v1.37.1' }))).toBe('1.37.1');
    expect(HTTP_FINGERPRINTS.netdata?.match(answer('{"version":"v1.40.0","mirrored_hosts":[]}'))).toBe('1.40.0');
    expect(HTTP_FINGERPRINTS.prometheus?.match(answer('Prometheus Server is Ready.\n'))).toBe('');
    expect(HTTP_FINGERPRINTS.grafana?.match(answer('{"database":"ok","version":"11.3.0"}'))).toBe('11.3.0');
    expect(HTTP_FINGERPRINTS.grafana?.match(answer('{"database":"failing"}', {}, 503))).toBeUndefined();
    expect(HTTP_FINGERPRINTS.glances?.match(answer('{"version":"4.3.1"}'))).toBe('4.3.1');
    expect(HTTP_FINGERPRINTS.glances?.match(answer('{"version":"3.4"}'))).toBeUndefined();
    expect(HTTP_FINGERPRINTS.beszel?.match(answer('{"message":"API is healthy.","code":200}'))).toBe('');
    expect(HTTP_FINGERPRINTS['uptime-kuma']?.match(answer('{"type":"statusPageMatchedDomain"}'))).toBe('');
    expect(HTTP_FINGERPRINTS['uptime-kuma']?.match(answer('{"type":"other"}'))).toBeUndefined();
    expect(HTTP_FINGERPRINTS.dokploy?.match(answer('{"result":{"data":{"json":{"status":"ok"}}}}'))).toBe('');
    expect(HTTP_FINGERPRINTS.dokploy?.match(answer('[]'))).toBeUndefined();
  });

  it('describe what else answers', () => {
    expect(describeHttp(undefined)).toBe('an HTTP server that gave no usable answer');
    expect(describeHttp(answer('<html><title>Login</title></html>', { server: 'nginx' }))).toBe('an HTML page ("Login") from nginx');
    expect(describeHttp(answer('{}', { 'x-powered-by': 'Next.js' }))).toBe('an HTML page from Next.js');
    expect(describeHttp(answer('nope', {}, 404))).toBe('an HTTP 404 answer');
    expect(describeTcp(Buffer.alloc(0))).toBe('connects, but gives no answer');
    expect(describeTcp(Buffer.from('HTTP/1.1 400 Bad Request\r\n'))).toBe('answers as an HTTP server');
    expect(describeTcp(Buffer.from('-ERR unknown\r\n'))).toBe('answers like Redis ("-ERR unknown")');
    expect(describeTcp(Buffer.from([0x4e, 0x00, 0x01]))).toBe('answers "N??"');
  });
});

describe('probe errors', () => {
  it('never pass a DNS failure or an unreachable network: they cannot be judged', () => {
    expect(fromProbeError(describeSocketError(Object.assign(new Error('getaddrinfo ENOTFOUND x'), { code: 'ENOTFOUND' })))).toEqual({
      status: 'error',
      detail: 'host name not found (ENOTFOUND)',
    });
    expect(fromProbeError(describeSocketError(Object.assign(new Error('x'), { code: 'EHOSTUNREACH' }))).status).toBe('error');
    expect(fromProbeError(new ProbeError('connection refused', 'refused')).status).toBe('fail');
    expect(fromProbeError('odd').detail).toBe('odd');
  });

  it('name socket errors', () => {
    const error = (code: string) => describeSocketError(Object.assign(new Error(`boom ${code}`), { code }));
    expect(['ECONNRESET', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'EWHAT'].map((code) => error(code).failure)).toEqual(['reset', 'tls', 'other']);
  });

  it('counts days left on a certificate', () => {
    const now = Date.parse('2026-12-01T00:00:00Z');
    expect(daysLeft('Dec 11 00:00:00 2026 GMT', now)).toBe(10);
    expect(daysLeft('Dec 10 23:00:00 2026 GMT', now)).toBe(9);
    expect(daysLeft('Nov 30 00:00:00 2026 GMT', now)).toBe(-1);
  });
});
