import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export type PackageManagerName = 'npm' | 'pnpm' | 'yarn' | 'bun';

export interface PackageManager {
  name: PackageManagerName;
  /** What told us: a lockfile's path or the packageManager field. */
  source: string;
}

const LOCKFILES: [string, PackageManagerName][] = [
  ['pnpm-lock.yaml', 'pnpm'],
  ['yarn.lock', 'yarn'],
  ['bun.lock', 'bun'],
  ['bun.lockb', 'bun'],
  ['package-lock.json', 'npm'],
  ['npm-shrinkwrap.json', 'npm'],
];

function* upwards(start: string): Generator<string> {
  let dir = path.resolve(start);
  while (true) {
    yield dir;
    const parent = path.dirname(dir);
    if (parent === dir) return;
    dir = parent;
  }
}

/**
 * The project's package manager: walking up from `dir`, the first folder whose
 * package.json names one in `packageManager`, or that holds a lockfile, decides.
 * npm when nothing says otherwise.
 */
export function detectPackageManager(dir: string): PackageManager {
  for (const folder of upwards(dir)) {
    const manifest = path.join(folder, 'package.json');
    if (existsSync(manifest)) {
      try {
        const field = (JSON.parse(readFileSync(manifest, 'utf8')) as { packageManager?: unknown }).packageManager;
        const name = typeof field === 'string' ? field.split('@')[0] : undefined;
        if (name === 'npm' || name === 'pnpm' || name === 'yarn' || name === 'bun') {
          return { name, source: `packageManager in ${manifest}` };
        }
      } catch {
        // An unreadable package.json says nothing about the package manager.
      }
    }
    for (const [file, name] of LOCKFILES) {
      if (existsSync(path.join(folder, file))) return { name, source: path.join(folder, file) };
    }
  }
  return { name: 'npm', source: 'default (no lockfile found)' };
}

/** The command that adds dev dependencies with this package manager. */
export function installCommand(pm: PackageManagerName, packages: string[]): string {
  const list = packages.join(' ');
  switch (pm) {
    case 'pnpm':
      return `pnpm add -D ${list}`;
    case 'yarn':
      return `yarn add -D ${list}`;
    case 'bun':
      return `bun add -d ${list}`;
    default:
      return `npm install --save-dev ${list}`;
  }
}

/**
 * The project's own executable `name` from node_modules/.bin, walking up from
 * `dir` (workspaces hoist binaries to the root). Undefined when not installed.
 */
export function findBinary(dir: string, name: string): string | undefined {
  const suffixes = process.platform === 'win32' ? ['.cmd', '.exe', ''] : [''];
  for (const folder of upwards(dir)) {
    for (const suffix of suffixes) {
      const candidate = path.join(folder, 'node_modules', '.bin', name + suffix);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}
