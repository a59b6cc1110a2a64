/**
 * The line numbers (in the new file) that a unified diff's hunks add.
 * Accepts one file's hunks, as GitHub's `patch` field holds them.
 */
export function addedLines(hunks: string): Set<number> {
  const lines = new Set<number>();
  let next = 0;
  let inHunk = false;
  for (const line of hunks.split('\n')) {
    const header = line.match(/^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/);
    if (header) {
      next = Number(header[1]);
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    if (line.startsWith('+')) lines.add(next++);
    else if (line.startsWith(' ')) next++;
    // '-' lines and "\ No newline at end of file" do not move the new file's counter.
  }
  return lines;
}

/**
 * Added lines per file from a whole `git diff` (any context size), keyed by
 * the new path relative to the repository root. Deleted files are left out.
 */
export function addedLinesByFile(diff: string): Map<string, Set<number>> {
  const result = new Map<string, Set<number>>();
  const sections = diff.split(/^diff --git /m).slice(1);
  for (const section of sections) {
    const target = section.match(/^\+\+\+ (?:b\/)?(.+)$/m);
    if (!target || target[1] === '/dev/null') continue;
    const file = (target[1] as string).replace(/\t.*$/, '');
    const hunkStart = section.search(/^@@ /m);
    if (hunkStart < 0) continue;
    const lines = addedLines(section.slice(hunkStart));
    if (lines.size > 0) result.set(file, lines);
  }
  return result;
}
