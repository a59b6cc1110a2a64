import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type GitHubStandIn, pullRequestEvent, pushEvent, runBundle, startGitHubStandIn } from '@shipgate/kit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionDir, git, prepareFixture } from './fixtures.js';

let api: GitHubStandIn;
beforeEach(async () => {
  api = await startGitHubStandIn();
});
afterEach(async () => {
  await api.close();
});

const gates = (cwd: string, inputs: Record<string, string> = {}, event: { name: string; payload: unknown } = pushEvent()) =>
  runBundle({ actionDir, cwd, inputs, event, env: { GITHUB_API_URL: api.url } });

describe('action-gates bundle on real Biome and Vitest', () => {
  it('passes a clean project and reports every metric', async () => {
    const run = await gates(prepareFixture('good'));
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.outputs).toMatchObject({
      passed: 'true',
      'lint-errors': '0',
      'lint-warnings': '0',
      'tests-passed': '3',
      'tests-failed': '0',
      'coverage-lines': '100',
      'coverage-branches': '100',
      'patch-coverage': '',
    });
    expect(run.summary).toContain('### ✅ action-gates: passed');
    expect(run.summary).toContain('| Coverage: branches | 100% (5/5) | ≥ 70% | ✅ |');
    expect(run.log).toContain('Tests: 3 passed, 0 failed');
    const report = JSON.parse(readFileSync(run.outputs.report as string, 'utf8'));
    expect(report.passed).toBe(true);
    expect(report.tests.passed).toBe(3);
  });

  it('keeps the project coverage reporters: lcov still lands in its coverage folder', async () => {
    const dir = prepareFixture('good');
    const run = await gates(dir);
    expect(run.exitCode).toBe(0);
    expect(readFileSync(path.join(dir, 'coverage', 'lcov.info'), 'utf8')).toContain('SF:');
  });

  it('fails a broken project and tells lint, test and coverage failures apart', async () => {
    const run = await gates(prepareFixture('bad'));
    expect(run.exitCode).toBe(1);
    const failure = run.annotations.filter((a) => a.level === 'error' && !a.properties.title);
    expect(failure).toHaveLength(1);
    expect(failure[0]?.message).toContain('lint: Biome found 2 errors');
    expect(failure[0]?.message).toContain('tests: 1 test failed');
    expect(failure[0]?.message).toContain('coverage for branches 33.33% is below 70%');
    expect(failure[0]?.message).toContain('coverage for lines 41.66% is below 70%');
    // Biome ran beside Vitest; its command and report still stand whole in its own group.
    const biomeGroup = run.stdout.slice(run.stdout.indexOf('::group::Biome'));
    expect(run.stdout.indexOf('::group::Vitest')).toBeLessThan(run.stdout.indexOf('::group::Biome'));
    expect(biomeGroup.slice(0, biomeGroup.indexOf('::endgroup::'))).toMatch(/\[command\].*biome ci [\s\S]*noDoubleEquals/);
    expect(run.outputs).toMatchObject({
      passed: 'false',
      'lint-errors': '2',
      'lint-warnings': '1',
      'tests-passed': '1',
      'tests-failed': '1',
    });
    // Lint annotations carry file and line, relative to the workspace.
    const lint = run.annotations.filter((a) => a.properties.title?.startsWith('Biome'));
    expect(lint.map((a) => `${a.level} ${a.properties.file}:${a.properties.line}`).sort()).toEqual([
      'error src/cart.ts:15',
      'error src/debug.ts:2',
      'warning src/cart.ts:19',
    ]);
    expect(lint.find((a) => a.properties.line === '15')?.properties.title).toBe('Biome lint/suspicious/noDoubleEquals');
    expect(run.summary).toContain('`src/cart.test.ts:8` cart > computes tax');
    // No stack trace for a verdict.
    expect(run.stdout).not.toMatch(/\n\s+at .+\.js:\d+/);
  });

  it('runs every gate even when an earlier one fails', async () => {
    const dir = prepareFixture('bad');
    writeFileSync(path.join(dir, 'biome.json'), '{ "linter": { "bogus": true } }');
    const run = await gates(dir);
    expect(run.exitCode).toBe(1);
    expect(run.outputs['tests-failed']).toBe('1');
    expect(run.outputs['coverage-lines']).toBe('41.66');
    expect(run.summary).toContain('Biome could not check the project');
    expect(run.summary).toContain('Found an unknown key `bogus`');
  });

  it('applies per-metric thresholds with Vitest rule (pct < threshold fails)', async () => {
    const dir = prepareFixture('bad');
    const lenient = await gates(dir, {
      biome: 'false',
      'vitest-args': '--exclude=**/never',
      'coverage-threshold': '33.33',
      'coverage-functions': '50',
    });
    expect(lenient.annotations.at(-1)?.message).not.toContain('coverage');
    const strict = await gates(dir, { biome: 'false', 'coverage-threshold': '0', 'coverage-branches': '33.34' });
    const message = strict.annotations.at(-1)?.message ?? '';
    expect(message).toContain('coverage for branches 33.33% is below 33.34%');
    expect(message).not.toContain('coverage for lines');
  });

  it('warns when the project sets no coverage.include', async () => {
    const run = await gates(prepareFixture('no-include'));
    expect(run.exitCode).toBe(0);
    expect(run.annotations.some((a) => a.level === 'warning' && a.message.includes('coverage.include'))).toBe(true);
    expect(run.summary).toContain('sets no coverage.include');
  });

  it('says which package to install when the tools are missing, before running anything', async () => {
    const dir = prepareFixture('good', { withTools: false });
    const run = await gates(dir);
    expect(run.exitCode).toBe(1);
    expect(run.log).toContain('Biome is not installed');
    expect(run.log).toContain('npm install --save-dev @biomejs/biome');
    const vitestOnly = await gates(dir, { biome: 'false' });
    expect(vitestOnly.log).toContain('npm install --save-dev vitest @vitest/coverage-v8');
    expect(vitestOnly.summary).toContain('### ❌ action-gates: not run');
    expect(vitestOnly.summary).toContain('> Vitest is not installed');
    expect(vitestOnly.log).not.toContain('group: Vitest');
  });

  it('treats "no tests found" as a test failure, not a pass', async () => {
    const dir = prepareFixture('good');
    rmSync(path.join(dir, 'src', 'price.test.ts'));
    const run = await gates(dir, { biome: 'false' });
    expect(run.exitCode).toBe(1);
    expect(run.annotations.at(-1)?.message).toContain('tests: Vitest found no tests to run');
  });
});

describe('bad input', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['a non-numeric threshold', { 'coverage-threshold': 'abc' }, /coverage-threshold must be a number from 0 to 100, got "abc"/],
    ['an out-of-range metric', { 'coverage-branches': '101' }, /coverage-branches must be a number from 0 to 100, got "101"/],
    ['a missing folder', { 'working-directory': 'nope' }, /working-directory must be an existing folder, got "nope"/],
    ['both gates off', { biome: 'false', vitest: 'false' }, /biome and vitest are both false/],
    ['a boolean that is not one', { comment: 'yes' }, /comment must be true or false, got "yes"/],
    ['an unclosed quote', { 'vitest-args': '--project "api' }, /vitest-args has an unclosed " quote/],
  ];
  it.each(cases)('rejects %s with a message naming the input', async (_, inputs, message) => {
    const run = await gates(prepareFixture('good'), inputs);
    expect(run.exitCode).toBe(1);
    expect(run.annotations).toHaveLength(1);
    expect(run.annotations[0]?.message).toMatch(message);
    expect(run.stdout).not.toMatch(/\s+at .+:\d+:\d+/);
    // Nothing ran, and the summary says why.
    expect(run.stdout).not.toContain('::group::');
    expect(run.summary).toMatch(message);
  });

  it('rejects a folder without package.json', async () => {
    const dir = prepareFixture('good');
    const run = await gates(dir, { 'working-directory': 'src' });
    expect(run.annotations[0]?.message).toMatch(/working-directory must hold the project's package.json, got "src"/);
  });
});

describe('pull requests', () => {
  const patch = [
    '@@ -1,4 +1,9 @@',
    ' export function shipping(weight: number, express: boolean): number {',
    '   if (express) {',
    '+    if (weight > 10) {',
    '+      return 30;',
    '+    }',
    '+    return 20;',
    '+  }',
    '   if (weight > 10) {',
  ].join('\n');

  it('posts one sticky comment and updates it in place, paging past other comments', async () => {
    const dir = prepareFixture('bad');
    api.seedComments(
      7,
      Array.from({ length: 130 }, (_, i) => `comment ${i}`),
    );
    api.pullFiles.set(7, [{ filename: 'src/cart.ts', status: 'modified', patch }]);
    const first = await gates(dir, {}, pullRequestEvent({ number: 7 }));
    expect(first.exitCode).toBe(1);
    const ours = () => (api.comments.get(7) ?? []).filter((c) => c.body.includes('<!-- shipgate:action-gates -->'));
    expect(ours()).toHaveLength(1);
    expect(ours()[0]?.body).toContain('| Coverage: branches | 33.33% (2/6) | ≥ 70% | ❌ |');
    expect(ours()[0]?.body).toContain('| Patch coverage | 0% (0/3) | report only | ➖ |');
    expect(ours()[0]?.body).toContain('`src/cart.ts`: 3-4, 6');
    expect(first.outputs['patch-coverage']).toBe('0');

    const second = await gates(dir, { 'patch-coverage-threshold': '80' }, pullRequestEvent({ number: 7 }));
    expect(ours()).toHaveLength(1);
    expect(api.comments.get(7)).toHaveLength(131);
    expect(ours()[0]?.body).toContain('| Patch coverage | 0% (0/3) | ≥ 80% | ❌ |');
    expect(second.annotations.at(-1)?.message).toContain('patch coverage 0% of changed lines is below 80%');
    // Pages were read with per_page=100 and followed to page 2.
    expect(api.requests.some((r) => r.path.includes('/issues/7/comments') && r.path.includes('page=2'))).toBe(true);
  });

  it('keeps separate comments for gates with different names', async () => {
    const dir = prepareFixture('good');
    api.pullFiles.set(3, []);
    await gates(dir, { name: 'api' }, pullRequestEvent({ number: 3 }));
    await gates(dir, { name: 'web' }, pullRequestEvent({ number: 3 }));
    await gates(dir, { name: 'api' }, pullRequestEvent({ number: 3 }));
    const bodies = (api.comments.get(3) ?? []).map((c) => c.body.split('\n')[0]);
    expect(bodies).toEqual(['<!-- shipgate:action-gates:api -->', '<!-- shipgate:action-gates:web -->']);
    expect(api.comments.get(3)?.[1]?.body).toContain('action-gates · web: passed');
  });

  it('warns and keeps the verdict when the token is read-only (a fork)', async () => {
    api.readOnly = true;
    api.pullFiles.set(9, []);
    const run = await gates(prepareFixture('good'), {}, pullRequestEvent({ number: 9 }));
    expect(run.exitCode).toBe(0);
    expect(run.outputs.passed).toBe('true');
    const warning = run.annotations.find((a) => a.level === 'warning' && a.message.includes('read-only'));
    expect(warning?.message).toContain('Resource not accessible by integration');
    expect(run.summary).toContain('action-gates: passed');
  });

  it('never prints the token', async () => {
    api.readOnly = true;
    api.pullFiles.set(9, []);
    const token = 'ghs_secretTokenValue42secretTokenValue42';
    const run = await runBundle({
      actionDir,
      cwd: prepareFixture('good'),
      event: pullRequestEvent({ number: 9 }),
      env: { GITHUB_API_URL: api.url },
      token,
    });
    expect(run.stdout).toContain('::add-mask::');
    expect(run.log).not.toContain(token);
    expect(api.requests.every((r) => r.authorization?.endsWith(token))).toBe(true);
  });

  it('puts annotations of the changed files first and keeps the verdict within GitHub 10 errors', async () => {
    const dir = prepareFixture('good');
    const lines = Array.from({ length: 14 }, (_, i) => `export const v${i} = (a: unknown) => a == ${i};`).join('\n');
    writeFileSync(path.join(dir, 'src', 'a-old.ts'), `${lines}\n`);
    writeFileSync(path.join(dir, 'src', 'z-new.ts'), 'export const fresh = (a: unknown) => a == 1;\n');
    api.pullFiles.set(4, [
      { filename: 'src/z-new.ts', status: 'added', patch: '@@ -0,0 +1 @@\n+export const fresh = (a: unknown) => a == 1;' },
    ]);
    const run = await gates(dir, { vitest: 'false' }, pullRequestEvent({ number: 4 }));
    const lint = run.annotations.filter((a) => a.properties.title?.startsWith('Biome'));
    // Nine lint errors: the tenth error GitHub shows is kept for the verdict, which comes last.
    expect(lint).toHaveLength(9);
    expect(run.annotations.filter((a) => a.level === 'error')).toHaveLength(10);
    expect(run.annotations.at(-1)?.message).toContain('lint: Biome found 15 errors');
    expect(lint[0]?.properties.file).toBe('src/z-new.ts');
    expect(run.outputs['lint-errors']).toBe('15');
    expect(run.summary).toContain('6 of 15 problems are not annotations');
    // The summary lists the changed file's problem first, as the annotations do.
    expect(run.summary.indexOf('src/z-new.ts:1')).toBeLessThan(run.summary.indexOf('src/a-old.ts:1'));
  });

  it('reads changed lines from git when the API cannot list them', async () => {
    const dir = prepareFixture('bad', { git: true });
    const base = git(dir, 'rev-parse', 'HEAD');
    const cart = path.join(dir, 'src', 'cart.ts');
    writeFileSync(cart, `${readFileSync(cart, 'utf8')}\nexport function free(weight: number): boolean {\n  return weight === 0;\n}\n`);
    git(dir, 'commit', '-qam', 'add free');
    const head = git(dir, 'rev-parse', 'HEAD');
    // No pull files registered: the stand-in answers 404, as for a token without pull-request read access.
    const run = await gates(dir, { biome: 'false', comment: 'false' }, pullRequestEvent({ number: 5, baseSha: base, headSha: head }));
    expect(run.outputs['patch-coverage']).toBe('0');
    expect(run.summary).toContain('`src/cart.ts`: 24');
  });
});
