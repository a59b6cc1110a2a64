import { describe, expect, it } from 'vitest';
import { parseBiomeReport } from './biome.js';

const report = (summary: object, diagnostics: object[] = []) => JSON.stringify({ summary, diagnostics, command: 'ci' });

describe('parseBiomeReport', () => {
  it('reads counts and locations relative to the repository', () => {
    const text = report({ changed: 0, unchanged: 3, errors: 1, warnings: 1, infos: 0 }, [
      {
        severity: 'error',
        category: 'lint/suspicious/noDebugger',
        message: 'debugger',
        location: { path: 'src/a.ts', start: { line: 3, column: 5 }, end: { line: 3, column: 14 } },
      },
      {
        severity: 'warning',
        category: 'format',
        message: 'File content differs',
        location: { path: 'src/b.ts', start: { line: 0, column: 0 }, end: { line: 0, column: 0 } },
      },
    ]);
    const result = parseBiomeReport(text, 1, '', '/repo/app', '/repo');
    expect(result).toMatchObject({ errors: 1, warnings: 1, files: 3 });
    expect(result.failure).toBeUndefined();
    expect(result.diagnostics[0]).toEqual({
      severity: 'error',
      category: 'lint/suspicious/noDebugger',
      message: 'debugger',
      file: 'app/src/a.ts',
      line: 3,
      column: 5,
      endLine: 3,
      endColumn: 14,
    });
    expect(result.diagnostics[1]).toMatchObject({ file: 'app/src/b.ts', line: undefined, column: undefined });
  });

  it('fails when Biome wrote no report (a broken configuration)', () => {
    const result = parseBiomeReport(undefined, 1, '\u001b[31m✖ Found an unknown key `bogus`.\u001b[0m\n━━━━\n', '/r', '/r');
    expect(result.failure).toBe('Biome could not check the project (exit code 1, no report; see its output)');
    expect(result.output).toBe('✖ Found an unknown key `bogus`.');
  });

  it('fails when Biome processed no files, instead of passing an empty check', () => {
    const result = parseBiomeReport(report({ changed: 0, unchanged: 0, errors: 0, warnings: 0 }), 1, 'No files were processed', '/r', '/r');
    expect(result.failure).toContain('Biome processed no files');
  });

  it('fails on warnings turned into errors, and on an unexplained exit code', () => {
    expect(parseBiomeReport(report({ unchanged: 2, errors: 0, warnings: 2 }), 1, '', '/r', '/r').failure).toContain('2 warning(s)');
    expect(parseBiomeReport(report({ unchanged: 2, errors: 0, warnings: 0 }), 1, 'odd', '/r', '/r').failure).toContain(
      'without reporting a problem',
    );
    expect(parseBiomeReport('{not json', 1, '', '/r', '/r').failure).toContain('not valid JSON');
  });

  it('passes a clean report', () => {
    expect(parseBiomeReport(report({ unchanged: 2, errors: 0, warnings: 0 }), 0, '', '/r', '/r').failure).toBeUndefined();
  });
});
