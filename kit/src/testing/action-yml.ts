import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error: a plain .mjs script without type declarations.
import { renderTables, updateReadme } from '../../../scripts/action-docs.mjs';

interface ActionYml {
  inputs: Record<string, { description?: string; default?: unknown }>;
  outputs: Record<string, { description?: string }>;
  runs: { using: string; main: string };
  branding?: object;
}

/**
 * The checks every action's metadata must pass: action.yml declares exactly
 * the input and output names the code uses, runs the committed bundle on
 * node24, documents every input with its default, gives every boolean a
 * default, and the README's tables are the ones generated from it.
 */
export function describeActionMetadata(
  actionDir: string,
  names: { Input: Record<string, string>; Output: Record<string, string>; booleans: string[] },
): void {
  const ymlText = readFileSync(path.join(actionDir, 'action.yml'), 'utf8');
  const yml = parse(ymlText) as ActionYml;

  describe(`${path.basename(actionDir)}/action.yml`, () => {
    it('declares exactly the inputs and outputs the code reads and writes', () => {
      expect(Object.keys(yml.inputs).sort()).toEqual(Object.values(names.Input).sort());
      expect(Object.keys(yml.outputs).sort()).toEqual(Object.values(names.Output).sort());
    });

    it('runs the committed bundle on node24, with branding', () => {
      expect(yml.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
      expect(yml.branding).toBeDefined();
    });

    it('documents every input with its default, and gives every boolean one', () => {
      for (const [name, spec] of Object.entries(yml.inputs)) {
        expect(spec.description, name).toMatch(/Default: /);
        expect(spec.default, name).toBeTypeOf('string');
      }
      for (const name of names.booleans) expect(['true', 'false'], name).toContain(yml.inputs[name]?.default);
      for (const [name, spec] of Object.entries(yml.outputs)) expect(spec.description, name).toBeTruthy();
    });

    it('has README tables generated from it, and notices when they are stale', () => {
      const readme = readFileSync(path.join(actionDir, 'README.md'), 'utf8');
      expect(updateReadme(readme, renderTables(ymlText))).toBe(readme);
      const firstInput = Object.keys(yml.inputs)[0] as string;
      const stale = readme.replace(`| \`${firstInput}\` |`, `| \`${firstInput}-old\` |`);
      expect(updateReadme(stale, renderTables(ymlText))).not.toBe(stale);
      expect(() => updateReadme('no markers', renderTables(ymlText))).toThrow('no <!-- action-docs:inputs -->');
    });
  });
}
