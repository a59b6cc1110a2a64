import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const actionDir = path.resolve(here, '..');
const repoRoot = path.resolve(actionDir, '..');
const toolchainManifest = path.join(here, 'fixtures', 'toolchain', 'package.json');

/**
 * Where the fixtures' real Biome and Vitest live: installed from the npm
 * registry once per version set, cached under the repository's node_modules
 * (ignored by git), shared by every fixture through a symlink.
 */
export function toolchainDir(): string {
  const hash = createHash('sha256').update(readFileSync(toolchainManifest)).digest('hex').slice(0, 12);
  return path.join(repoRoot, 'node_modules', '.cache', 'shipgate-fixture-toolchain', hash);
}

/** Installs the fixture toolchain unless the cache already has it. */
export function installToolchain(): string {
  const dir = toolchainDir();
  const marker = path.join(dir, '.installed');
  if (existsSync(marker)) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), readFileSync(toolchainManifest));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });
  writeFileSync(marker, new Date().toISOString());
  return dir;
}

/** Fixtures that are another fixture plus a few files of their own, laid over it. */
const OVERLAYS: Record<string, string> = { 'no-include': 'good' };

/**
 * A fresh copy of a fixture project in a temporary folder, with the real
 * toolchain linked in as its node_modules (unless `withTools` is false).
 */
export function prepareFixture(name: string, options: { withTools?: boolean; git?: boolean } = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), `gates-${name}-`));
  const base = OVERLAYS[name];
  if (base) cpSync(path.join(here, 'fixtures', 'projects', base), dir, { recursive: true });
  cpSync(path.join(here, 'fixtures', 'projects', name), dir, { recursive: true });
  if (options.withTools !== false) symlinkSync(path.join(toolchainDir(), 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  if (options.git) {
    writeFileSync(path.join(dir, '.gitignore'), 'node_modules\ncoverage\n');
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'base');
  }
  return dir;
}

/** Runs git in a fixture with a fixed identity. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: 'fixture',
      GIT_AUTHOR_EMAIL: 'f@example.test',
      GIT_COMMITTER_NAME: 'fixture',
      GIT_COMMITTER_EMAIL: 'f@example.test',
    },
  }).trim();
}
