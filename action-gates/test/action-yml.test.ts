import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error: a plain .mjs script without type declarations.
import { renderTables, updateReadme } from '../../scripts/action-docs.mjs';
import { Input, Output } from '../src/names.js';
import { actionDir } from './fixtures.js';

interface ActionYml {
  inputs: Record<string, { description?: string; default?: string; required?: boolean }>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string };
  branding?: object;
}

const ymlText = readFileSync(path.join(actionDir, 'action.yml'), 'utf8');
const yml = parse(ymlText) as ActionYml;

describe('action.yml', () => {
  it('declares exactly the inputs and outputs the code reads and writes', () => {
    expect(Object.keys(yml.inputs).sort()).toEqual(Object.values(Input).sort());
    expect(Object.keys(yml.outputs).sort()).toEqual(Object.values(Output).sort());
  });

  it('runs the committed bundle on node24, with branding', () => {
    expect(yml.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
    expect(yml.branding).toBeDefined();
  });

  it('documents every input with its default, and gives every boolean a default', () => {
    for (const [name, spec] of Object.entries(yml.inputs)) {
      expect(spec.description, name).toMatch(/Default: /);
      expect(spec.default, name).toBeTypeOf('string');
    }
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub expression, not a JavaScript template.
    expect(yml.inputs['github-token']?.default).toBe('${{ github.token }}');
    for (const name of ['biome', 'vitest', 'comment']) expect(['true', 'false']).toContain(yml.inputs[name]?.default);
  });

  it('has README tables generated from it', () => {
    const readme = readFileSync(path.join(actionDir, 'README.md'), 'utf8');
    expect(updateReadme(readme, renderTables(ymlText))).toBe(readme);
  });

  it('notices a stale README table', () => {
    const readme = readFileSync(path.join(actionDir, 'README.md'), 'utf8');
    const stale = readme.replace('| `biome` |', '| `biome-old` |');
    expect(updateReadme(stale, renderTables(ymlText))).not.toBe(stale);
    expect(() => updateReadme('no markers', renderTables(ymlText))).toThrow('no <!-- action-docs:inputs -->');
  });
});
