import { describe, expect, it } from 'vitest';
import { addedLines, addedLinesByFile } from './diff.js';

describe('addedLines', () => {
  it('follows the new file numbering through context and deletions', () => {
    const patch = [
      '@@ -1,3 +1,4 @@',
      ' a',
      '-b',
      '+B',
      '+C',
      ' d',
      '@@ -20,2 +21,3 @@ function x() {',
      ' e',
      '+f',
      '\\ No newline at end of file',
    ].join('\n');
    expect([...addedLines(patch)]).toEqual([2, 3, 22]);
  });

  it('ignores text before the first hunk', () => {
    expect([...addedLines('+not a hunk\n@@ -0,0 +1 @@\n+x')]).toEqual([1]);
  });
});

describe('addedLinesByFile', () => {
  it('reads a whole git diff, skipping deleted files', () => {
    const diff = [
      'diff --git a/src/a.ts b/src/a.ts',
      'index 1..2 100644',
      '--- a/src/a.ts',
      '+++ b/src/a.ts',
      '@@ -5,0 +6,2 @@',
      '+one',
      '+two',
      'diff --git a/gone.ts b/gone.ts',
      'deleted file mode 100644',
      '--- a/gone.ts',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-x',
      'diff --git a/img.png b/img.png',
      'Binary files differ',
    ].join('\n');
    expect(addedLinesByFile(diff)).toEqual(new Map([['src/a.ts', new Set([6, 7])]]));
  });
});
