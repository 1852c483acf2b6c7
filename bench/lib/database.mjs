// A throwaway PostgreSQL database for one benchmark run: a fresh database on the server named by
// BENCH_DATABASE_URL, or (the default, for a bare machine) an embedded server in a temp folder.
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ROOT } from '../../scripts/lib/build.mjs';

const require = createRequire(import.meta.url);

/** Resolves with `promise`, or rejects after `ms` so a hung shutdown cannot hang the clean-up. */
function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** `url` with its database name replaced. */
export function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Runs `work(client)` on a short-lived connection. */
export async function withClient(url, work) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function onServer(serverUrl, database, cleanup) {
  await withClient(serverUrl, (client) =>
    client.query(`CREATE DATABASE ${client.escapeIdentifier(database)}`),
  );
  // BENCH_KEEP_DATABASE=1 leaves it behind, for EXPLAIN by hand on the grown ledger afterwards.
  if (process.env.BENCH_KEEP_DATABASE === '1')
    console.error(`· keeping the database: ${withDatabase(serverUrl, database)}`);
  else
    cleanup.add(`drop database ${database}`, () =>
      // FORCE: a connection the API left behind must not keep the database alive.
      withClient(serverUrl, (client) =>
        client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(database)} WITH (FORCE)`),
      ),
    );
  const host = new URL(serverUrl).host;
  return { kind: 'server', where: `${host}/${database}`, url: withDatabase(serverUrl, database) };
}

async function embedded(database, cleanup, settings) {
  // The compiled helper the API itself uses, so the benchmark runs the same PostgreSQL build.
  const { startEmbeddedPostgres } = require(
    join(ROOT, 'dist/api/backend/src/database/embedded-postgres.js'),
  );
  const dir = mkdtempSync(join(tmpdir(), 'sm-bench-pg-'));
  cleanup.add(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
  chmodSync(dir, 0o755); // as root, the server runs as the postgres user and must reach its folder
  const log = [];
  let server;
  try {
    // Default settings, fsync included: the figures should be those of a durable production setup.
    server = await startEmbeddedPostgres({
      clusterDir: join(dir, 'pg'),
      passwordFile: join(dir, 'password'),
      database,
      settings,
      log: (line) => log.push(line),
    });
  } catch (error) {
    throw new Error(`${error.message}\n${log.slice(-20).join('\n')}`);
  }
  cleanup.add('stop embedded PostgreSQL', async () => {
    // Ctrl-C in a terminal reaches the server too, and stop() would wait for an exit that has
    // already happened. Postgres removes its pid file when it is down.
    if (!existsSync(join(dir, 'pg', 'postmaster.pid'))) return;
    await withTimeout(server.stop(), 15_000, 'stopping embedded PostgreSQL');
  });
  return { kind: 'embedded', where: dir, url: server.url };
}

/**
 * Creates the database (`<prefix>_<timestamp>`) and registers its removal with `cleanup`.
 * `settings` (`-c name=value`) apply to the embedded server only; a server keeps its own.
 * Resolves with `{ kind: 'server' | 'embedded', where, url, version }`.
 */
export async function provisionDatabase(cleanup, prefix = 'sm_bench', { settings } = {}) {
  const database = `${prefix}_${Date.now()}`;
  const serverUrl = process.env.BENCH_DATABASE_URL?.trim();
  const db = serverUrl
    ? await onServer(serverUrl, database, cleanup)
    : await embedded(database, cleanup, settings);
  const version = await withClient(db.url, async (client) => {
    const { rows } = await client.query('SHOW server_version');
    return rows[0].server_version.split(' ')[0]; // 15.20, not the distributor's suffix
  });
  return { ...db, version };
}
