/**
 * The script action-gates runs with `node` inside the user's project. It loads
 * the project's own Vitest through its Node API, so that the project's
 * reporters (test and coverage) stay as configured and ours are added beside
 * them: Vitest's command line would replace those arrays instead.
 *
 * It is shipped as text and written to RUNNER_TEMP at run time, because it
 * must resolve `vitest` from the user's project, not from the bundle.
 *
 * Settings arrive as JSON in SHIPGATE_VITEST: { args, resultFile, summaryFile, finalFile }.
 * It always writes resultFile and exits 0; the verdict is the action's.
 */
export const VITEST_RUNNER_SOURCE = String.raw`
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const settings = JSON.parse(process.env.SHIPGATE_VITEST || '{}');
const root = process.cwd();
const require = createRequire(path.join(root, 'package.json'));
const finish = (result) => {
  writeFileSync(settings.resultFile, JSON.stringify(result));
  process.exit(0);
};

let vitestPackage;
try {
  vitestPackage = require.resolve('vitest/package.json');
} catch {
  finish({ error: 'missing-vitest' });
}
const manifest = JSON.parse(readFileSync(vitestPackage, 'utf8'));
const major = Number(String(manifest.version).split('.')[0]);
if (!(major >= 3)) finish({ error: 'unsupported-vitest', version: manifest.version });
const nodeExport = manifest.exports && manifest.exports['./node'];
const relative =
  typeof nodeExport === 'string' ? nodeExport : (nodeExport?.import?.default ?? nodeExport?.import ?? nodeExport?.default);
const api = await import(pathToFileURL(path.join(path.dirname(vitestPackage), relative)).href);

const parsed = api.parseCLI(['vitest', 'run', ...(settings.args || [])]);
const options = parsed.options || {};
const started = Date.now();
let vitest;
try {
  vitest = await api.createVitest('test', {
    ...options,
    watch: false,
    run: true,
    includeTaskLocation: true,
    coverage: { ...(options.coverage || {}), enabled: true, reportOnFailure: true },
  });
} catch (error) {
  finish({ error: 'config', message: String(error && error.message ? error.message : error), version: manifest.version });
}

const coverage = vitest.config.coverage;
const provider = coverage.provider || 'v8';
if (provider === 'v8' || provider === 'istanbul') {
  try {
    require.resolve('@vitest/coverage-' + provider + '/package.json');
  } catch {
    await vitest.close();
    finish({ error: 'missing-coverage', provider, version: manifest.version });
  }
}
const reportsDirectory = path.resolve(vitest.config.root, coverage.reportsDirectory || 'coverage');
const into = (file) => path.relative(reportsDirectory, file);
coverage.reporter = [
  ...(coverage.reporter || []),
  ['json-summary', { file: into(settings.summaryFile) }],
  ['json', { file: into(settings.finalFile) }],
];

let crash;
try {
  await vitest.start(parsed.filter);
} catch (error) {
  crash = String(error && error.message ? error.message : error);
}

const counts = { passed: 0, failed: 0, skipped: 0, todo: 0 };
const failures = [];
const fileErrors = [];
const names = (task) => {
  const parts = [task.name];
  for (let suite = task.suite; suite && !suite.filepath; suite = suite.suite) {
    if (suite.name) parts.unshift(suite.name);
  }
  return parts.join(' > ');
};
const relativePath = (file) => path.relative(root, file).split(path.sep).join('/');
const walk = (task, file) => {
  if (task.type === 'test') {
    const state = task.result?.state;
    if (state === 'pass') counts.passed++;
    else if (state === 'fail') {
      counts.failed++;
      const error = task.result?.errors?.[0];
      failures.push({
        name: names(task),
        file: relativePath(file.filepath),
        line: task.location?.line,
        message: String(error?.message ?? 'failed').split('\n')[0].slice(0, 500),
      });
    } else if (task.mode === 'todo') counts.todo++;
    else counts.skipped++;
  }
  for (const child of task.tasks || []) walk(child, file);
};
for (const file of vitest.state.getFiles()) {
  walk(file, file);
  const errors = file.result?.errors || [];
  if (file.result?.state === 'fail' && errors.length > 0) {
    fileErrors.push({ file: relativePath(file.filepath), message: String(errors[0]?.message ?? 'failed').split('\n')[0].slice(0, 500) });
  }
}
const unhandled = vitest.state.getUnhandledErrors().map((e) => String(e && e.message ? e.message : e).split('\n')[0].slice(0, 500));
const result = {
  version: manifest.version,
  provider,
  includeSet: Array.isArray(coverage.include) ? coverage.include.length > 0 : Boolean(coverage.include),
  passWithNoTests: Boolean(vitest.config.passWithNoTests),
  files: vitest.state.getFiles().length,
  counts,
  failures,
  fileErrors,
  unhandled,
  crash,
  durationMs: Date.now() - started,
};
writeFileSync(settings.resultFile, JSON.stringify(result));
const closing = vitest.close().catch(() => {});
await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 10000))]);
process.exit(0);
`;
