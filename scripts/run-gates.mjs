// Runs a built action bundle on a folder the way the GitHub runner does: inputs
// as INPUT_* variables with action.yml's defaults, file commands in a temporary
// folder. Used by `npm test` (action-gates on this repository), `npm run demo`
// (the four actions in a row) and the benchmarks.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

/**
 * @typedef {{ actionDir: string, cwd: string, inputs?: Record<string, string>, env?: Record<string, string>, quiet?: boolean }} RunOptions
 * @typedef {{ status: number, outputs: Record<string, string>, summary: string }} RunResult
 */

/** The runner's environment for one step: inputs with their defaults, and empty file-command files. */
function prepare({ actionDir, cwd, inputs = {}, env: extra = {} }) {
  const yml = parse(readFileSync(path.join(actionDir, 'action.yml'), 'utf8'));
  const temp = mkdtempSync(path.join(tmpdir(), 'shipgate-local-'));
  const files = {
    GITHUB_OUTPUT: 'output',
    GITHUB_STEP_SUMMARY: 'summary.md',
    GITHUB_ENV: 'env',
    GITHUB_PATH: 'path',
    GITHUB_STATE: 'state',
  };
  const env = {
    ...process.env,
    RUNNER_TEMP: temp,
    GITHUB_WORKSPACE: cwd,
    GITHUB_EVENT_NAME: process.env.GITHUB_EVENT_NAME ?? 'push',
    ...extra,
  };
  for (const [name, file] of Object.entries(files)) {
    env[name] = path.join(temp, file);
    writeFileSync(env[name], '');
  }
  for (const [name, spec] of Object.entries(yml.inputs ?? {})) {
    const value = inputs[name] ?? String(spec.default ?? '').replace(/\$\{\{\s*github\.token\s*\}\}/, process.env.GITHUB_TOKEN ?? '');
    env[`INPUT_${name.toUpperCase()}`] = value;
  }
  return { env, main: path.join(actionDir, yml.runs.main) };
}

/** The step's outputs (heredoc form, as @actions/core writes them) and its job summary. */
function collect(env, status) {
  const outputs = {};
  const lines = readFileSync(env.GITHUB_OUTPUT, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const heredoc = lines[i].match(/^([^<]+)<<(.+)$/);
    if (!heredoc) continue;
    const value = [];
    while (++i < lines.length && lines[i] !== heredoc[2]) value.push(lines[i]);
    outputs[heredoc[1]] = value.join('\n');
  }
  return { status: status ?? 1, outputs, summary: readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8') };
}

/**
 * Runs the step and waits for it, blocking this process.
 * @param {RunOptions} options
 * @returns {RunResult}
 */
export function runAction(options) {
  const { env, main } = prepare(options);
  const result = spawnSync(process.execPath, [main], { cwd: options.cwd, env, stdio: options.quiet ? 'ignore' : 'inherit' });
  return collect(env, result.status);
}

/**
 * Runs the step without blocking, so servers in this process (stand-ins) keep answering it.
 * @param {RunOptions} options
 * @returns {Promise<RunResult>}
 */
export async function runActionAsync(options) {
  const { env, main } = prepare(options);
  const child = spawn(process.execPath, [main], { cwd: options.cwd, env, stdio: options.quiet ? 'ignore' : 'inherit' });
  const status = await new Promise((resolve) => child.once('close', (code) => resolve(code)));
  return collect(env, status);
}
