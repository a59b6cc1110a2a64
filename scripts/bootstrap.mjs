// Makes a fresh clone ready with nothing but Node and npm: puts the exact pnpm
// named in package.json into .tools/ (never a global install), then installs
// the workspace from the committed lockfile.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const wanted = manifest.packageManager.replace(/^pnpm@/, '').split('+')[0];
const toolsDir = path.join(root, '.tools');
const local = path.join(toolsDir, 'node_modules', '.bin', process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm');

/** The pnpm binary to use: the one in .tools/ when it is the wanted version. */
export function pnpmBinary() {
  return local;
}

function version(binary) {
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

if (!existsSync(local) || version(local) !== wanted) {
  console.log(`bootstrap: installing pnpm ${wanted} into .tools/`);
  execFileSync('npm', ['install', '--prefix', toolsDir, '--no-audit', '--no-fund', '--no-save', '--loglevel=error', `pnpm@${wanted}`], {
    cwd: root,
    stdio: 'inherit',
  });
}
console.log(`bootstrap: pnpm ${version(local)}; installing the workspace from pnpm-lock.yaml`);
execFileSync(local, ['install', '--frozen-lockfile', '--reporter=silent'], { cwd: root, stdio: 'inherit' });
