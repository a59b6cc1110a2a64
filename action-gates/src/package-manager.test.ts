import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectPackageManager, findBinary, installCommand } from './package-manager.js';

const tree = (files: Record<string, string>) => {
  const root = mkdtempSync(path.join(tmpdir(), 'gates-pm-'));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
};

describe('detectPackageManager', () => {
  it('walks up to the workspace lockfile', () => {
    const root = tree({ 'pnpm-lock.yaml': '', 'apps/api/package.json': '{}' });
    expect(detectPackageManager(path.join(root, 'apps/api'))).toEqual({ name: 'pnpm', source: path.join(root, 'pnpm-lock.yaml') });
  });

  it('prefers the packageManager field of the nearest package.json', () => {
    const root = tree({ 'package-lock.json': '', 'package.json': '{"packageManager":"yarn@4.1.0"}' });
    expect(detectPackageManager(root).name).toBe('yarn');
  });

  it.each([
    ['yarn.lock', 'yarn'],
    ['bun.lockb', 'bun'],
    ['package-lock.json', 'npm'],
  ])('knows %s', (lockfile, name) => {
    expect(detectPackageManager(tree({ [lockfile]: '', 'package.json': '{not json' })).name).toBe(name);
  });

  it('says npm when nothing tells', () => {
    expect(detectPackageManager(tree({ 'package.json': '{"packageManager":"deno@1"}' })).source).toMatch(/default|lock/);
  });
});

describe('tools', () => {
  it('finds a hoisted binary above the project', () => {
    const root = tree({ 'node_modules/.bin/biome': '#!/bin/sh\n', 'packages/web/package.json': '{}' });
    chmodSync(path.join(root, 'node_modules/.bin/biome'), 0o755);
    expect(findBinary(path.join(root, 'packages/web'), 'biome')).toBe(path.join(root, 'node_modules/.bin/biome'));
    expect(findBinary(path.join(root, 'packages/web'), 'vitest')).toBeUndefined();
  });

  it('writes the install command of each package manager', () => {
    expect(installCommand('pnpm', ['a', 'b'])).toBe('pnpm add -D a b');
    expect(installCommand('yarn', ['a'])).toBe('yarn add -D a');
    expect(installCommand('bun', ['a'])).toBe('bun add -d a');
    expect(installCommand('npm', ['a'])).toBe('npm install --save-dev a');
  });
});
