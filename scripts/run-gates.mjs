// Runs a built action bundle on a folder the way the GitHub runner does: inputs
// as INPUT_* variables with action.yml's defaults, file commands in a temporary
// folder. Used by `npm test` (action-gates on this repository) and `npm run demo`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * @param {{ actionDir: string, cwd: string, inputs?: Record<string, string>, quiet?: boolean }} options
 * @returns {{ status: number, outputs: Record<string, string>, summary: string }}
 */
export function runAction({ actionDir, cwd, inputs = {}, quiet = false }) {
  const yml = parse(readFileSync(path.join(actionDir, 'action.yml'), 'utf8'));
  const temp = mkdtempSync(path.join(tmpdir(), 'shipgate-local-'));
  const files = {
    GITHUB_OUTPUT: 'output',
    GITHUB_STEP_SUMMARY: 'summary.md',
    GITHUB_ENV: 'env',
    GITHUB_PATH: 'path',
    GITHUB_STATE: 'state',
  };
  const env = { ...process.env, RUNNER_TEMP: temp, GITHUB_WORKSPACE: cwd, GITHUB_EVENT_NAME: process.env.GITHUB_EVENT_NAME ?? 'push' };
  for (const [name, file] of Object.entries(files)) {
    env[name] = path.join(temp, file);
    writeFileSync(env[name], '');
  }
  for (const [name, spec] of Object.entries(yml.inputs ?? {})) {
    const value = inputs[name] ?? String(spec.default ?? '').replace(/\$\{\{\s*github\.token\s*\}\}/, process.env.GITHUB_TOKEN ?? '');
    env[`INPUT_${name.toUpperCase()}`] = value;
  }
  const result = spawnSync(process.execPath, [path.join(actionDir, yml.runs.main)], { cwd, env, stdio: quiet ? 'ignore' : 'inherit' });
  const outputs = {};
  const lines = readFileSync(env.GITHUB_OUTPUT, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = lines[i].match(/^([^<]+)<<(.+)$/);
    if (!heredoc) continue;
    const value = [];
    while (++i < lines.length && lines[i] !== heredoc[2]) value.push(lines[i]);
    outputs[heredoc[1]] = value.join('\n');
  }
  return { status: result.status ?? 1, outputs, summary: readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8') };
}
