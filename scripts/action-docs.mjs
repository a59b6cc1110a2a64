// Keeps each action README's input and output tables equal to its action.yml.
// `node scripts/action-docs.mjs --write` rewrites them; `--check` fails when stale.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { actionFolders, root } from './build.mjs';

const cellText = (text) => String(text).replace(/\|/g, '\\|').replace(/\n+/g, ' ').trim();

/** The markdown tables for one action.yml text. */
export function renderTables(actionYmlText) {
  const yml = parse(actionYmlText);
  const inputs = Object.entries(yml.inputs ?? {}).map(
    ([name, spec]) =>
      `| \`${name}\` | ${spec.default === undefined || spec.default === '' ? '' : `\`${cellText(spec.default)}\``} | ${cellText(spec.description ?? '')} |`,
  );
  const outputs = Object.entries(yml.outputs ?? {}).map(([name, spec]) => `| \`${name}\` | ${cellText(spec.description ?? '')} |`);
  return {
    inputs: ['| Input | Default | Description |', '| --- | --- | --- |', ...inputs].join('\n'),
    outputs: ['| Output | Description |', '| --- | --- |', ...outputs].join('\n'),
  };
}

/** The README with the text between each pair of markers replaced by its table. */
export function updateReadme(readme, tables) {
  let text = readme;
  for (const [kind, table] of Object.entries(tables)) {
    const pattern = new RegExp(`(<!-- action-docs:${kind} -->)[\\s\\S]*?(<!-- /action-docs:${kind} -->)`);
    if (!pattern.test(text)) throw new Error(`README has no <!-- action-docs:${kind} --> … <!-- /action-docs:${kind} --> markers`);
    text = text.replace(pattern, `$1\n${table}\n$2`);
  }
  return text;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const write = process.argv.includes('--write');
  let stale = 0;
  for (const action of actionFolders()) {
    const readmePath = path.join(root, action, 'README.md');
    const readme = readFileSync(readmePath, 'utf8');
    const updated = updateReadme(readme, renderTables(readFileSync(path.join(root, action, 'action.yml'), 'utf8')));
    if (updated === readme) continue;
    if (write) writeFileSync(readmePath, updated);
    else stale++;
    console.log(`${write ? 'updated' : 'stale'}: ${action}/README.md`);
  }
  if (stale) {
    console.error('Run `npm run docs` to regenerate the tables from action.yml.');
    process.exit(1);
  }
}
