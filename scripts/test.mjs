// `npm test`: type-checks the workspace, then runs action-gates' committed
// bundle on this repository itself: Biome on every file, every test (unit and
// bundle tests) through Vitest, and the repository's coverage against 70%.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAction } from './run-gates.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
console.log('test: type-checking the workspace');
execFileSync(path.join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json', '--noEmit'], { cwd: root, stdio: 'inherit' });

console.log('test: action-gates (its committed bundle) on this repository');
const result = runAction({
  actionDir: path.join(root, 'action-gates'),
  cwd: root,
  inputs: { 'biome-args': '--error-on-warnings', 'coverage-threshold': '70', comment: 'false', name: 'shipgate' },
});
console.log(`\n${result.summary}`);
const { passed, 'tests-passed': ok = '0', 'tests-failed': bad = '0' } = result.outputs;
console.log(`${ok} passed, ${bad} failed`);
if (passed !== 'true' || result.status !== 0) {
  console.error('test: action-gates failed on this repository (see above)');
  process.exit(1);
}
