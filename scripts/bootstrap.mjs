// Makes a fresh clone ready with nothing but Node and npm: puts the exact pnpm
// named in package.json into .tools/ (never a global install), installs the
// workspace from the committed lockfile, and installs the Debian packages that
// action-smoke's tests run for real (Netdata, Glances, Prometheus, Redis,
// PostgreSQL, openssl) when they are missing; `--no-services` skips those, for
// a job that only runs the actions (CI's dogfood job).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const wanted = manifest.packageManager.replace(/^pnpm@/, '').split('+')[0];
const toolsDir = path.join(root, '.tools');
const local = path.join(toolsDir, 'node_modules', '.bin', process.platform === 'win32' ? 'pnpm.cmd' : 'pnpm');

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

// The monitoring stack action-smoke's bundle tests start on 127.0.0.1.
const SERVICES = {
  netdata: '/usr/sbin/netdata',
  glances: '/usr/bin/glances',
  'python3-bottle': '/usr/lib/python3/dist-packages/bottle.py',
  prometheus: '/usr/bin/prometheus',
  'redis-server': '/usr/bin/redis-server',
  postgresql: '/usr/lib/postgresql',
  openssl: '/usr/bin/openssl',
};
const wantServices = !process.argv.includes('--no-services');
const missing = Object.entries(SERVICES)
  .filter(([, file]) => wantServices && !existsSync(file))
  .map(([name]) => name);
if (missing.length > 0) {
  const command = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    console.log(`bootstrap: installing Debian packages for the smoke tests: ${missing.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  } else {
    console.error(`bootstrap: action-smoke's tests need real services from Debian's packages. Run as root:\n  ${command}`);
    process.exit(1);
  }
}
