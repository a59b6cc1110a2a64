import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

/**
 * Runs an action's committed bundle in a child process the way the GitHub
 * runner does: inputs as INPUT_* variables with action.yml's defaults filled
 * in, file commands in temporary files, the event payload in a file.
 */
export interface RunBundleOptions {
  /** The action's folder (holds action.yml and dist/index.js). */
  actionDir: string;
  /** Input values as a user would write them under `with:`. */
  inputs?: Record<string, string>;
  /** Event name and payload (GITHUB_EVENT_NAME, GITHUB_EVENT_PATH). */
  event?: { name: string; payload: unknown };
  /** Extra or overriding environment variables. */
  env?: Record<string, string | undefined>;
  /** Working directory of the process (the runner uses GITHUB_WORKSPACE). */
  cwd?: string;
  /** Value `${{ github.token }}` expands to. */
  token?: string;
  /** Kill the process after this many ms. */
  timeoutMs?: number;
}

export interface BundleRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** Outputs the action set through GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** What the action appended to GITHUB_STEP_SUMMARY. */
  summary: string;
  /** stdout as a person sees it in the log: masks applied, commands hidden. */
  log: string;
  /** Workflow commands that became annotations. */
  annotations: Annotation[];
  /** The temporary folder used as RUNNER_TEMP. */
  runnerTemp: string;
}

export interface Annotation {
  level: 'error' | 'warning' | 'notice';
  message: string;
  properties: Record<string, string>;
}

interface ActionYml {
  inputs?: Record<string, { default?: unknown }>;
  runs?: { using?: string; main?: string };
}

/** Reads action.yml and returns each input's default, expanding `${{ github.token }}`. */
export async function actionDefaults(actionDir: string, token: string): Promise<Record<string, string>> {
  const yml = parseYaml(await readFile(path.join(actionDir, 'action.yml'), 'utf8')) as ActionYml;
  const defaults: Record<string, string> = {};
  for (const [name, spec] of Object.entries(yml.inputs ?? {})) {
    if (spec?.default === undefined || spec.default === null) continue;
    defaults[name] = String(spec.default).replace(/\$\{\{\s*github\.token\s*\}\}/g, token);
  }
  return defaults;
}

/** The variable the runner sets for an input: upper case, spaces to `_`, hyphens kept. */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export async function runBundle(options: RunBundleOptions): Promise<BundleRun> {
  const token = options.token ?? 'ghs_standInToken0123456789';
  const temp = await mkdtemp(path.join(tmpdir(), 'shipgate-runner-'));
  const files = {
    output: path.join(temp, 'output.txt'),
    summary: path.join(temp, 'summary.md'),
    event: path.join(temp, 'event.json'),
    env: path.join(temp, 'env.txt'),
    path: path.join(temp, 'path.txt'),
    state: path.join(temp, 'state.txt'),
  };
  await Promise.all([files.output, files.summary, files.env, files.path, files.state].map((file) => writeFile(file, '')));
  const event = options.event ?? { name: 'push', payload: {} };
  await writeFile(files.event, JSON.stringify(event.payload));

  const inputs = { ...(await actionDefaults(options.actionDir, token)), ...options.inputs };
  const env: Record<string, string> = {};
  // Start from a clean slate: no INPUT_* or GITHUB_* leaking from the test process.
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(INPUT_|GITHUB_|RUNNER_|ACTIONS_)/.test(key)) env[key] = value;
  }
  // What the test process's own tooling set (pnpm's bin shims set NODE_PATH, Vitest
  // its VITEST_* and NODE_ENV) is not there on a runner.
  for (const key of Object.keys(env)) {
    if (/^(VITEST|NODE_PATH$|NODE_ENV$|NODE_V8_COVERAGE$|NODE_OPTIONS$|npm_)/i.test(key)) delete env[key];
  }
  Object.assign(env, {
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_ENV: files.env,
    GITHUB_PATH: files.path,
    GITHUB_STATE: files.state,
    GITHUB_EVENT_NAME: event.name,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: 'octo/app',
    GITHUB_SHA: 'a'.repeat(40),
    GITHUB_REF: pullNumber(event.payload) ? `refs/pull/${pullNumber(event.payload)}/merge` : 'refs/heads/main',
    GITHUB_SERVER_URL: 'https://github.test',
    GITHUB_RUN_ID: '4242',
    GITHUB_WORKSPACE: options.cwd ?? process.cwd(),
    RUNNER_TEMP: temp,
  });
  for (const [name, value] of Object.entries(inputs)) env[inputVariable(name)] = value;
  for (const [key, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }

  const yml = parseYaml(await readFile(path.join(options.actionDir, 'action.yml'), 'utf8')) as ActionYml;
  const main = path.join(options.actionDir, yml.runs?.main ?? 'dist/index.js');
  const child = spawn(process.execPath, [main], { cwd: options.cwd ?? process.cwd(), env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  clearTimeout(timer);

  return {
    exitCode,
    stdout,
    stderr,
    outputs: parseFileCommand(await readFile(files.output, 'utf8')),
    summary: await readFile(files.summary, 'utf8'),
    log: visibleLog(stdout),
    annotations: parseAnnotations(stdout),
    runnerTemp: temp,
  };
}

function pullNumber(payload: unknown): number | undefined {
  const number = (payload as { pull_request?: { number?: unknown } } | null)?.pull_request?.number;
  return typeof number === 'number' ? number : undefined;
}

/** Parses GITHUB_OUTPUT-style `name<<DELIM … DELIM` and `name=value` lines. */
export function parseFileCommand(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const heredoc = line.match(/^([^=<]+)<<(.+)$/);
    if (heredoc) {
      const [, name, delimiter] = heredoc as [string, string, string];
      const value: string[] = [];
      while (++i < lines.length && lines[i] !== delimiter) value.push(lines[i] as string);
      result[name] = value.join('\n');
    } else if (line.includes('=')) {
      const at = line.indexOf('=');
      result[line.slice(0, at)] = line.slice(at + 1);
    }
  }
  return result;
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string): string {
  return unescapeData(text).replace(/%3A/g, ':').replace(/%2C/g, ',');
}

/**
 * The log as the runner shows it: `::add-mask::` registers a value that is
 * replaced by `***` in every later line, and other workflow commands are not
 * shown as text.
 */
export function visibleLog(stdout: string): string {
  const masks: string[] = [];
  const shown: string[] = [];
  for (const raw of stdout.split('\n')) {
    const mask = raw.match(/^::add-mask::(.*)$/);
    if (mask) {
      const value = unescapeData(mask[1] as string);
      if (value) masks.push(value);
      continue;
    }
    let line = raw;
    for (const value of masks) line = line.split(value).join('***');
    const command = line.match(/^::(error|warning|notice|group|endgroup|debug)[^:]*::(.*)$/);
    if (command) {
      shown.push(command[1] === 'endgroup' ? '' : `${command[1]}: ${command[2]}`);
      continue;
    }
    shown.push(line);
  }
  return shown.join('\n');
}

/** The error, warning and notice workflow commands in a log. */
export function parseAnnotations(stdout: string): Annotation[] {
  const found: Annotation[] = [];
  for (const line of stdout.split('\n')) {
    const m = line.match(/^::(error|warning|notice)( [^:]*)?::(.*)$/);
    if (!m) continue;
    const properties: Record<string, string> = {};
    for (const pair of (m[2] ?? '').trim().split(',')) {
      const at = pair.indexOf('=');
      if (at > 0) properties[pair.slice(0, at)] = unescapeProperty(pair.slice(at + 1));
    }
    found.push({ level: m[1] as Annotation['level'], message: unescapeData(m[3] as string), properties });
  }
  return found;
}

/** A pull_request event payload. */
export function pullRequestEvent(pr: { number: number; baseSha?: string; headSha?: string; baseRef?: string }) {
  return {
    name: 'pull_request',
    payload: {
      action: 'synchronize',
      number: pr.number,
      pull_request: {
        number: pr.number,
        base: { sha: pr.baseSha ?? 'b'.repeat(40), ref: pr.baseRef ?? 'main' },
        head: { sha: pr.headSha ?? 'c'.repeat(40), ref: 'feature' },
      },
      repository: { default_branch: 'main', full_name: 'octo/app' },
    },
  };
}

/** A push event payload. */
export function pushEvent(ref = 'refs/heads/main') {
  return { name: 'push', payload: { ref, repository: { default_branch: 'main', full_name: 'octo/app' } } };
}
