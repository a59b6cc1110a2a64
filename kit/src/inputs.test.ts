import { describe, expect, it } from 'vitest';
import { ConfigurationError } from './errors.js';
import { Inputs, recordInputs, splitArgs } from './inputs.js';

const inputs = (values: Record<string, string>) => new Inputs(recordInputs(values));

describe('Inputs', () => {
  it('reads numbers in range, with an optional percent sign', () => {
    const i = inputs({ a: '70', b: '12.5%', c: ' 0 ', d: '' });
    expect(i.number('a', { min: 0, max: 100 })).toBe(70);
    expect(i.number('b', { min: 0, max: 100, percent: true })).toBe(12.5);
    expect(i.number('c', { min: 0 })).toBe(0);
    expect(i.number('d')).toBeUndefined();
  });

  it.each([
    ['abc', 'a number from 0 to 100'],
    ['101', 'a number from 0 to 100'],
    ['-1', 'a number from 0 to 100'],
    ['1e3', 'a number from 0 to 100'],
    ['70%', 'a number from 0 to 100'],
    ['NaN', 'a number from 0 to 100'],
  ])('rejects %s with the input name, value and expected form', (value, expected) => {
    expect(() => inputs({ t: value }).number('t', { min: 0, max: 100 })).toThrow(
      new ConfigurationError(`t must be ${expected}, got "${value}"`),
    );
  });

  it('describes one-sided ranges', () => {
    expect(() => inputs({ n: '0' }).number('n', { min: 1 })).toThrow('n must be a number of at least 1, got "0"');
    expect(() => inputs({ n: '9' }).number('n', { max: 5 })).toThrow('n must be a number of at most 5, got "9"');
    expect(() => inputs({ n: 'x' }).number('n')).toThrow('n must be a number, got "x"');
    expect(() => inputs({ n: '0' }).number('n', { positive: true, max: 60 })).toThrow('n must be a number above 0 and at most 60, got "0"');
    expect(() => inputs({ n: '-2' }).number('n', { positive: true })).toThrow('n must be a number above 0, got "-2"');
    expect(inputs({ n: '0.25' }).number('n', { positive: true })).toBe(0.25);
    expect(() => inputs({ n: '2.5' }).number('n', { integer: true, min: 0, max: 9 })).toThrow(
      'n must be a whole number from 0 to 9, got "2.5"',
    );
  });

  it('reads booleans as the runner writes them and rejects the rest', () => {
    const i = inputs({ a: 'true', b: 'FALSE', c: 'True', d: 'yes' });
    expect(i.boolean('a', false)).toBe(true);
    expect(i.boolean('b', true)).toBe(false);
    expect(i.boolean('c', false)).toBe(true);
    expect(i.boolean('missing', true)).toBe(true);
    expect(() => i.boolean('d', true)).toThrow('d must be true or false, got "yes"');
  });

  it('reads choices, URLs, lists, YAML and required strings', async () => {
    const i = inputs({
      mode: 'redeploy',
      url: 'https://x.test/a',
      bad: 'ftp://x',
      worse: 'not a url',
      list: 'a\n b, c\n\n',
      y: '- name: a\n  url: b',
    });
    expect(i.choice('mode', ['deploy', 'redeploy'], 'deploy')).toBe('redeploy');
    expect(i.choice('none', ['deploy', 'redeploy'], 'deploy')).toBe('deploy');
    expect(() => i.choice('url', ['deploy', 'redeploy'], 'deploy')).toThrow('url must be one of deploy, redeploy, got "https://x.test/a"');
    expect(i.url('url')?.host).toBe('x.test');
    expect(i.url('none')).toBeUndefined();
    expect(() => i.url('bad')).toThrow('bad must be an http(s) URL, got "ftp://x"');
    expect(() => i.url('worse')).toThrow('worse must be an http(s) URL, got "not a url"');
    expect(i.list('list')).toEqual(['a', 'b, c']);
    expect(i.list('list', { commas: true })).toEqual(['a', 'b', 'c']);
    expect(await i.yaml('y')).toEqual([{ name: 'a', url: 'b' }]);
    expect(await i.yaml('none')).toBeUndefined();
    await expect(inputs({ y: 'a: [' }).yaml('y')).rejects.toThrow(/^y is not valid YAML: /);
    expect(i.required('mode')).toBe('redeploy');
    expect(() => i.required('none')).toThrow('none is required but was empty');
  });

  it('splits arguments like a shell', () => {
    expect(splitArgs('')).toEqual([]);
    expect(splitArgs('  --a b  ')).toEqual(['--a', 'b']);
    expect(splitArgs(`--name "two words" 'single \\ kept' esc\\ aped ""`)).toEqual([
      '--name',
      'two words',
      'single \\ kept',
      'esc aped',
      '',
    ]);
    expect(splitArgs('"say \\"hi\\""')).toEqual(['say "hi"']);
    expect(() => splitArgs('"open')).toThrow('has an unclosed " quote');
    expect(() => inputs({ a: "'open" }).args('a')).toThrow(`a has an unclosed ' quote: "'open"`);
  });
});
