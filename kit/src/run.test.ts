import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigurationError, errorMessage } from './errors.js';
import { maskSecret, runAction } from './run.js';

const captured = () => {
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  return () => spy.mock.calls.map((c) => String(c[0])).join('');
};

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
});

describe('runAction', () => {
  it('turns a user mistake into one failure without a stack', async () => {
    const out = captured();
    vi.stubEnv('RUNNER_DEBUG', '1');
    await runAction(async () => {
      throw new ConfigurationError('x must be a number, got "y"');
    });
    expect(process.exitCode).toBe(1);
    expect(out()).toBe('::error::x must be a number, got "y"\n');
  });

  it('shows a bug stack only under RUNNER_DEBUG', async () => {
    const quiet = captured();
    await runAction(async () => {
      throw new Error('boom');
    });
    expect(quiet()).toBe('::error::boom\n');
    vi.restoreAllMocks();
    const loud = captured();
    vi.stubEnv('RUNNER_DEBUG', '1');
    await runAction(async () => {
      throw new Error('boom');
    });
    expect(loud()).toMatch(/^::debug::Error: boom%0A\s+at /);
    expect(loud().match(/::error::/g)).toHaveLength(1);
  });

  it('succeeds quietly', async () => {
    const out = captured();
    await runAction(async () => {});
    expect(process.exitCode).toBeUndefined();
    expect(out()).toBe('');
  });

  it('names non-Error throws too', () => {
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(new Error('e'))).toBe('e');
  });
});

describe('maskSecret', () => {
  it('masks the value and each line of a multi-line value', () => {
    const out = captured();
    maskSecret('');
    maskSecret(undefined);
    maskSecret('line-one\nline-two\nab');
    expect(out()).toBe('::add-mask::line-one%0Aline-two%0Aab\n::add-mask::line-one\n::add-mask::line-two\n');
  });
});
