import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay, classifyNetworkError, describeNetworkError, HttpError, redactUrl, request } from './http.js';

let server: Server | undefined;
afterEach(async () => {
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  }
  server = undefined;
});

/** A loopback server answering each request with the next of `answers` (the last repeats). */
async function serve(answers: ((res: import('node:http').ServerResponse) => void)[]) {
  const seen: string[] = [];
  server = createServer((req, res) => {
    seen.push(req.method ?? '');
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)];
    answer?.(res);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/x?key=secret`, seen };
}

const status =
  (code: number, body = '') =>
  (res: import('node:http').ServerResponse) => {
    res.writeHead(code, { 'content-type': 'text/plain' });
    res.end(body);
  };
const noSleep = async () => {};

describe('request', () => {
  it('retries a GET on 503 and returns the success', async () => {
    const { url, seen } = await serve([status(503, '<html>bad gateway</html>'), status(502), status(200, 'ok')]);
    const response = await request(url, { sleep: noSleep });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok');
    expect(seen).toEqual(['GET', 'GET', 'GET']);
  });

  it('returns the last transient answer when retries are spent', async () => {
    const { url, seen } = await serve([status(503)]);
    const response = await request(url, { retries: 2, sleep: noSleep });
    expect(response.status).toBe(503);
    expect(seen).toHaveLength(3);
  });

  it('never re-sends a POST unless told it is safe', async () => {
    const { url, seen } = await serve([status(503), status(200)]);
    expect((await request(url, { method: 'POST', body: '{}', sleep: noSleep })).status).toBe(503);
    expect(seen).toHaveLength(1);
    expect((await request(url, { method: 'POST', body: '{}', retrySafe: true, sleep: noSleep })).status).toBe(200);
  });

  it('does not retry a client error', async () => {
    const { url, seen } = await serve([status(404)]);
    expect((await request(url, { sleep: noSleep })).status).toBe(404);
    expect(seen).toHaveLength(1);
  });

  it('times out each attempt and names the request without its query', async () => {
    const { url, seen } = await serve([() => {}]);
    const error = await request(url, { timeoutMs: 100, retries: 1, sleep: noSleep }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect((error as Error).message).toMatch(/^GET http:\/\/127\.0\.0\.1:\d+\/x\?… failed after 2 attempt\(s\): timed out after 100 ms$/);
    expect((error as Error).message).not.toContain('secret');
    expect((error as HttpError).reason).toBe('timeout');
    expect(seen).toHaveLength(2);
  });

  it('says "connection refused" when nothing listens', async () => {
    const { url } = await serve([status(200)]);
    server?.close();
    server = undefined;
    const error = await request(url, { retries: 0 }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('connection refused');
    expect((error as HttpError).reason).toBe('refused');
  });

  it('honours the caller cancelling', async () => {
    const { url } = await serve([() => {}]);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    await expect(request(url, { signal: controller.signal, timeoutMs: 5000 })).rejects.toThrow('was stopped: it was cancelled');
    await expect(request(url, { signal: AbortSignal.timeout(50), timeoutMs: 5000 })).rejects.toThrow('was stopped: the time limit ran out');
  });

  it('waits as Retry-After says, within bounds', async () => {
    const { url } = await serve([
      (res) => {
        res.writeHead(429, { 'retry-after': '2' });
        res.end();
      },
      status(200),
    ]);
    const waits: number[] = [];
    await request(url, { sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([2000]);
  });
});

describe('helpers', () => {
  it('backs off exponentially with jitter and a cap', () => {
    expect(backoffDelay(1, 1000, () => 0.5)).toBe(1000);
    expect(backoffDelay(3, 1000, () => 0.5)).toBe(4000);
    expect(backoffDelay(3, 1000, () => 0)).toBe(3200);
    expect(backoffDelay(10, 1000, () => 1)).toBe(12000);
  });

  it('describes network errors in words and kinds', () => {
    const err = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });
    expect(
      ['ECONNREFUSED', 'ECONNRESET', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'EWHAT'].map((c) => classifyNetworkError(err(c))),
    ).toEqual(['refused', 'reset', 'dns', 'timeout', 'unreachable', 'other']);
    expect(describeNetworkError(err('ECONNRESET'))).toBe('connection reset');
    expect(describeNetworkError(err('ENOTFOUND'))).toBe('host name not found');
    expect(describeNetworkError(err('UND_ERR_CONNECT_TIMEOUT'))).toBe('connect timed out');
    expect(describeNetworkError(err('ENETUNREACH'))).toBe('network unreachable');
    expect(describeNetworkError(Object.assign(new Error('x'), { cause: { message: 'other' } }))).toBe('other');
    expect(describeNetworkError('plain')).toBe('plain');
  });

  it('redacts credentials and queries from URLs', () => {
    expect(redactUrl('https://user:pw@host.test/a?token=1')).toBe('https://host.test/a?…');
    expect(redactUrl('nonsense')).toBe('(invalid URL)');
  });
});
