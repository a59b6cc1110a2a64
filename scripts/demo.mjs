// `npm run demo`: the main job on the embedded default. Runs action-gates'
// committed bundle on examples/app exactly as a workflow step would, and
// prints the job summary and outputs it produced.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runAction } from './run-gates.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const app = path.join(root, 'examples', 'app');
console.log(`demo: action-gates on ${path.relative(root, app)}\n`);
const result = runAction({ actionDir: path.join(root, 'action-gates'), cwd: app, inputs: { comment: 'false' } });
console.log('\n──────── job summary ────────\n');
console.log(result.summary);
console.log('──────── outputs ────────');
for (const [name, value] of Object.entries(result.outputs)) console.log(`${name}=${value}`);
process.exit(result.status);
