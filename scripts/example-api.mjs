// The example API: GET /api/health and /api/auth/health, answered by
// examples/app's own health module (its dependencies reported up). The demo
// serves it in-process; CI's dogfood job runs it on a port:
//   node scripts/example-api.mjs 3001
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
let scratch;

/** Imports a TypeScript module that imports only Node's built-ins (Node 20 cannot strip types itself). */
export async function importTs(relative) {
  const source = readFileSync(path.join(root, relative), 'utf8');
  if (/from '\.\.?\//.test(source)) throw new Error(`${relative} has relative imports; importTs handles only self-contained modules`);
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  scratch ??= mkdtempSync(path.join(tmpdir(), 'shipgate-ts-'));
  const out = path.join(scratch, `${path.basename(relative, '.ts')}.mjs`);
  writeFileSync(out, outputText);
  return import(pathToFileURL(out).href);
}

/** Listens on 127.0.0.1 (port 0: any free one); close() ends open connections too. */
export function listen(server, port = 0) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () =>
      resolve({
        port: server.address().port,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections?.();
            server.close(() => done());
          }),
      }),
    );
  });
}

/** Starts the example API on 127.0.0.1. */
export async function startExampleApi(port = 0) {
  const health = await importTs('examples/app/src/health.ts');
  const server = createServer((req, res) => {
    if (req.url !== '/api/health' && req.url !== '/api/auth/health') {
      res.writeHead(404, { 'content-type': 'application/json' });
      return res.end('{"message":"Cannot GET"}');
    }
    const report = health.summarize([health.classify('postgres', true, 2), health.classify('redis', true, 1)]);
    res.writeHead(health.httpStatus(report), { 'content-type': 'application/json' });
    res.end(JSON.stringify(report));
  });
  return listen(server, port);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 3001);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`example-api: the port must be a whole number from 1 to 65535, got "${process.argv[2]}"`);
    process.exit(2);
  }
  const api = await startExampleApi(port);
  console.log(`example-api: http://127.0.0.1:${api.port}/api/health and /api/auth/health`);
}
