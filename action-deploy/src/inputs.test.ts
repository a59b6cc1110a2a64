import { recordInputs } from '@shipgate/kit';
import { describe, expect, it, vi } from 'vitest';
import { getInputs } from './inputs.js';

const base = { 'dokploy-url': 'https://dokploy.example.test', 'api-key': 'key-1234', 'application-id': 'app_1-x' };

describe('getInputs', () => {
  it('fills defaults and masks the key and the token first', () => {
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const settings = getInputs(recordInputs({ ...base, 'github-token': 'ghs_tok' }));
    expect(out.mock.calls.map((c) => String(c[0]))).toEqual(['::add-mask::key-1234\n', '::add-mask::ghs_tok\n']);
    out.mockRestore();
    expect(settings).toMatchObject({
      baseUrl: 'https://dokploy.example.test',
      target: { kind: 'application', id: 'app_1-x' },
      mode: 'deploy',
      wait: true,
      timeoutSeconds: 900,
      pollSeconds: 5,
      logLines: 60,
      github: { deployment: false, environment: '', environmentUrl: '' },
    });
  });

  it.each(['https://d.test/', 'https://d.test/api', 'https://d.test/api/', 'https://d.test//'])('normalises %s', (url) => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(getInputs(recordInputs({ ...base, 'dokploy-url': url })).baseUrl).toBe('https://d.test');
    vi.restoreAllMocks();
  });

  it('keeps a path prefix', () => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(getInputs(recordInputs({ ...base, 'dokploy-url': 'https://tools.test/dokploy/api' })).baseUrl).toBe(
      'https://tools.test/dokploy',
    );
    vi.restoreAllMocks();
  });

  it.each([
    [{ 'dokploy-url': 'https://user:pw@d.test' }, 'dokploy-url must not carry credentials'],
    [{ 'dokploy-url': 'https://d.test/?x=1' }, 'dokploy-url must be the server\'s base URL without a query, got "https://d.test/?…"'],
    [{ 'application-id': 'a b' }, 'application-id must be a Dokploy id (letters, digits, - and _), got "a b"'],
    [{ 'log-lines': '2.5' }, 'log-lines must be a whole number from 0 to 5000, got "2.5"'],
    [{ 'environment-url': 'shop' }, 'environment-url must be an http(s) URL, got "shop"'],
  ])('rejects %o', (inputs, message) => {
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(() => getInputs(recordInputs({ ...base, ...inputs }))).toThrow(message);
    vi.restoreAllMocks();
  });
});
