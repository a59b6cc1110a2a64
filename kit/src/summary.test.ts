import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cell, code, details, table, truncateMarkdown } from './markdown.js';
import { SUMMARY_LIMIT, writeJobSummary } from './summary.js';

describe('job summary', () => {
  it('appends to GITHUB_STEP_SUMMARY and stays under the limit', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'summary-')), 'summary.md');
    writeFileSync(file, 'before\n');
    expect(await writeJobSummary('# hello', { GITHUB_STEP_SUMMARY: file })).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('before\n# hello\n');
    writeFileSync(file, '');
    await writeJobSummary('ü'.repeat(SUMMARY_LIMIT), { GITHUB_STEP_SUMMARY: file });
    const written = readFileSync(file);
    expect(written.length).toBeLessThanOrEqual(SUMMARY_LIMIT + 1);
    expect(written.toString()).toContain('cut to fit the size limit');
  });

  it('does nothing outside a runner', async () => {
    expect(await writeJobSummary('x', {})).toBe(false);
  });
});

describe('markdown', () => {
  it('escapes table cells and aligns columns', () => {
    expect(cell('a|b\nc')).toBe('a\\|b c');
    expect(table(['A', 'B'], [[1, 'x|y']], ['l', 'r'])).toBe('| A | B |\n| --- | ---: |\n| 1 | x\\|y |');
    expect(table(['A'], [], ['c'])).toBe('| A |\n| :---: |');
  });

  it('wraps code and details', () => {
    expect(code('a')).toBe('`a`');
    expect(code('a`b')).toBe('``a`b``');
    expect(details('S', 'body')).toBe('<details><summary>S</summary>\n\nbody\n\n</details>');
  });

  it('truncates on a line boundary and never splits a surrogate pair', () => {
    expect(truncateMarkdown('short', 10)).toBe('short');
    const cut = truncateMarkdown('line one\nline two\nline three', 20, '\n…');
    expect(cut).toBe('line one\nline two\n…');
    expect(truncateMarkdown('line one\nline two\nline three', 12, '\n…')).toBe('line one\n…');
    const emoji = truncateMarkdown('😀'.repeat(10), 7, '…');
    expect(emoji.length).toBeLessThanOrEqual(7);
    expect(emoji).not.toMatch(/[\ud800-\udbff]…/);
  });
});
