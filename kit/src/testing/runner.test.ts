import { describe, expect, it } from 'vitest';
import { inputVariable, parseAnnotations, parseFileCommand, visibleLog } from './runner.js';

describe('runner emulation', () => {
  it('names input variables as the runner does', () => {
    expect(inputVariable('coverage-threshold')).toBe('INPUT_COVERAGE-THRESHOLD');
    expect(inputVariable('my input')).toBe('INPUT_MY_INPUT');
  });

  it('parses file commands in both forms', () => {
    expect(parseFileCommand('a<<EOF\nline 1\nline 2\nEOF\nb=2\n')).toEqual({ a: 'line 1\nline 2', b: '2' });
  });

  it('applies masks from the moment they are registered and hides commands', () => {
    const log = visibleLog('secret early\n::add-mask::secret\nnow secret here\n::group::Phase\n::endgroup::\n::debug::x');
    expect(log).toBe('secret early\nnow *** here\ngroup: Phase\n\ndebug: x');
  });

  it('parses annotations with their properties', () => {
    expect(parseAnnotations('::error file=a.ts,line=3,title=T%3A x::bad%0Athing\n::notice::n\nplain')).toEqual([
      { level: 'error', message: 'bad\nthing', properties: { file: 'a.ts', line: '3', title: 'T: x' } },
      { level: 'notice', message: 'n', properties: {} },
    ]);
  });
});
