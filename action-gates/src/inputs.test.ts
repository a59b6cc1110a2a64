import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { recordInputs } from '@shipgate/kit';
import { describe, expect, it } from 'vitest';
import { getInputs } from './inputs.js';

const workspace = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'gates-inputs-'));
  writeFileSync(path.join(dir, 'package.json'), '{}');
  mkdirSync(path.join(dir, 'empty'));
  return dir;
};

describe('getInputs', () => {
  it('fills defaults like action.yml does', () => {
    const dir = workspace();
    const settings = getInputs(recordInputs({}), { GITHUB_WORKSPACE: dir });
    expect(settings).toEqual({
      workingDirectory: dir,
      workspace: dir,
      biome: { enabled: true, args: [] },
      vitest: { enabled: true, args: [] },
      thresholds: { lines: 70, statements: 70, functions: 70, branches: 70 },
      patchThreshold: undefined,
      comment: true,
      name: '',
      token: '',
    });
  });

  it('lets a metric override the overall threshold', () => {
    const settings = getInputs(
      recordInputs({
        'coverage-threshold': '80',
        'coverage-branches': '60.5',
        'patch-coverage-threshold': '90%',
        'biome-args': '--error-on-warnings src',
      }),
      { GITHUB_WORKSPACE: workspace() },
    );
    expect(settings.thresholds).toEqual({ lines: 80, statements: 80, functions: 80, branches: 60.5 });
    expect(settings.patchThreshold).toBe(90);
    expect(settings.biome.args).toEqual(['--error-on-warnings', 'src']);
  });

  it('names the folder that lacks a package.json', () => {
    const dir = workspace();
    expect(() => getInputs(recordInputs({ 'working-directory': 'empty' }), { GITHUB_WORKSPACE: dir })).toThrow(
      `working-directory must hold the project's package.json, got "empty" (no package.json in ${path.join(dir, 'empty')})`,
    );
    writeFileSync(path.join(dir, 'file'), '');
    expect(() => getInputs(recordInputs({ 'working-directory': 'file' }), { GITHUB_WORKSPACE: dir })).toThrow(
      'working-directory must be an existing folder, got "file"',
    );
  });

  it('refuses to run no gate at all', () => {
    expect(() => getInputs(recordInputs({ biome: 'false', vitest: 'false' }), { GITHUB_WORKSPACE: workspace() })).toThrow(
      'biome and vitest are both false: at least one gate must run',
    );
  });
});
