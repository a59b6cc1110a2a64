// Builds every action's bundle with its own `build` script (ncc), so the
// command line lives in one place: each action's package.json.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The action folders that have sources to build. */
export function actionFolders() {
  return readdirSync(root)
    .filter((name) => name.startsWith('action-') && existsSync(path.join(root, name, 'package.json')))
    .sort();
}

export function buildAll() {
  for (const action of actionFolders()) {
    console.log(`build: ${action}`);
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: path.join(root, action), stdio: 'inherit' });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) buildAll();
