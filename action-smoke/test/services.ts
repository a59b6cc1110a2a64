import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * The real monitoring stack, from Debian's packages, started on free loopback
 * ports for the bundle tests: Netdata, Glances (web server mode), Prometheus,
 * Redis and PostgreSQL. scripts/bootstrap.mjs installs the packages.
 */
export interface RealServices {
  netdata: number;
  glances: number;
  prometheus: number;
  redis: number;
  postgres: number;
}

const PACKAGES = 'netdata glances python3-bottle prometheus redis-server postgresql';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function binary(name: string, candidates: string[] = []): string {
  for (const candidate of [...candidates, `/usr/sbin/${name}`, `/usr/bin/${name}`]) if (existsSync(candidate)) return candidate;
  throw new Error(
    `${name} is not installed: run \`apt-get install -y --no-install-recommends ${PACKAGES}\` (npm test does it when run as root)`,
  );
}

function postgresBin(tool: string): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort() : [];
  return binary(
    tool,
    versions.reverse().map((v) => path.join(root, v, 'bin', tool)),
  );
}

async function waitFor(
  what: string,
  child: ChildProcess,
  check: () => Promise<boolean>,
  timeoutMs: number,
  log: () => string,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode}:\n${log()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not become ready within ${timeoutMs} ms:\n${log()}`);
}

const httpOk = (port: number, path: string) => async () =>
  (await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(1000) })).ok;
const tcpOk = (port: number) => () =>
  new Promise<boolean>((resolve) => {
    const client = connect(port, '127.0.0.1', () => {
      client.destroy();
      resolve(true);
    });
    client.on('error', () => resolve(false));
  });

function stopAll(children: ChildProcess[]): Promise<unknown> {
  return Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 5000).unref();
        }),
    ),
  );
}

export async function startRealServices(): Promise<{ ports: RealServices; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'smoke-services-'));
  chmodSync(dir, 0o755);
  const children: ChildProcess[] = [];
  const logs = new Map<string, string>();
  const start = (name: string, command: string, args: string[], options: { uid?: number; gid?: number; cwd?: string } = {}) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
    logs.set(name, '');
    const append = (chunk: Buffer) => logs.set(name, ((logs.get(name) ?? '') + chunk.toString()).slice(-4000));
    child.stdout?.on('data', append);
    child.stderr?.on('data', append);
    children.push(child);
    return child;
  };
  const ports: RealServices = {
    netdata: await freePort(),
    glances: await freePort(),
    prometheus: await freePort(),
    redis: await freePort(),
    postgres: await freePort(),
  };

  try {
    return await startAll();
  } catch (error) {
    // Never leave half a stack running: when a second Netdata starts, the first one shuts
    // down a few seconds later (seen with Debian's 1.37), so a leftover breaks the next run.
    await stopAll(children);
    throw error;
  }

  async function startAll() {
    const netdata = start('netdata', binary('netdata'), ['-D', '-p', String(ports.netdata), '-i', '127.0.0.1']);
    const glances = start('glances', binary('glances'), ['-w', '--disable-webui', '-B', '127.0.0.1', '-p', String(ports.glances)]);
    const promConfig = path.join(dir, 'prometheus.yml');
    writeFileSync(promConfig, 'global:\n  scrape_interval: 15s\nscrape_configs: []\n');
    const prometheus = start('prometheus', binary('prometheus'), [
      `--config.file=${promConfig}`,
      `--web.listen-address=127.0.0.1:${ports.prometheus}`,
      `--storage.tsdb.path=${path.join(dir, 'prometheus-data')}`,
    ]);
    const redis = start('redis', binary('redis-server'), [
      '--port',
      String(ports.redis),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ]);

    // PostgreSQL refuses to run as root: initdb and the server run as the postgres user.
    const pgData = path.join(dir, 'pgdata');
    const id = (flag: '-u' | '-g') => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
    const asPostgres: { uid?: number; gid?: number } = process.getuid?.() === 0 ? { uid: id('-u'), gid: id('-g') } : {};
    mkdirSync(pgData, { mode: 0o700 });
    if (asPostgres.uid !== undefined && asPostgres.gid !== undefined) chownSync(pgData, asPostgres.uid, asPostgres.gid);
    // cwd: the postgres user may not be allowed into the test's working directory.
    execFileSync(postgresBin('initdb'), ['-D', pgData, '-A', 'trust', '-U', 'postgres'], { stdio: 'pipe', cwd: dir, ...asPostgres });
    const postgres = start(
      'postgres',
      postgresBin('postgres'),
      ['-D', pgData, '-p', String(ports.postgres), '-k', pgData, '-c', 'listen_addresses=127.0.0.1'],
      {
        cwd: dir,
        ...asPostgres,
      },
    );

    const log = (name: string) => () => logs.get(name) ?? '';
    await Promise.all([
      waitFor('Netdata', netdata, httpOk(ports.netdata, '/api/v1/info'), 60_000, log('netdata')),
      waitFor('Glances', glances, httpOk(ports.glances, '/api/3/pluginslist'), 60_000, log('glances')),
      waitFor('Prometheus', prometheus, httpOk(ports.prometheus, '/-/ready'), 60_000, log('prometheus')),
      waitFor('Redis', redis, tcpOk(ports.redis), 30_000, log('redis')),
      waitFor('PostgreSQL', postgres, tcpOk(ports.postgres), 30_000, log('postgres')),
    ]);

    return {
      ports,
      async stop() {
        await stopAll(children);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
}
