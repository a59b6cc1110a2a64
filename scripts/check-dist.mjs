// Fails when a committed dist/ is not what the sources build: deletes every
// action's dist/, rebuilds, and compares with git, untracked files included.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { actionFolders, buildAll, root } from './build.mjs';

for (const action of actionFolders()) rmSync(path.join(root, action, 'dist'), { recursive: true, force: true });
buildAll();
const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', ':(glob)action-*/dist/**'], {
  cwd: root,
  encoding: 'utf8',
});
if (status.trim()) {
  console.error(`check-dist: dist/ differs from what the sources build:\n${status}`);
  console.error('Rebuild with `npm run build` and commit dist/.');
  process.exit(1);
}
console.log(`check-dist: ${actionFolders().length} bundle(s) match their sources`);
