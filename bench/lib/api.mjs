// The built API as a child process on a free port, and a small authenticated HTTP client for it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildIfNeeded, ROOT } from '../../scripts/lib/build.mjs';
import { provisionDatabase } from './database.mjs';

const MAIN = join(ROOT, 'dist/api/backend/src/main.js');

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url, child, output, deadlineMs = 90_000) {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the API exited during start:\n${output()}`);
    try {
      if ((await fetch(`${url}/api/v1/health`)).status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the API did not become healthy:\n${output()}`);
    await sleep(200);
  }
}

/**
 * How a benchmark starts: the API built if its sources changed, a fresh database
 * (`provisionDatabase` with `prefix` and `settings`), the API started on it (`env`, see
 * `startApi`) and its first administrator signed in. `progress` gets a line naming the server.
 * Resolves with `{ database, server, api }` (`api`: the admin's `apiClient`).
 */
export async function benchApi(cleanup, progress, { prefix, settings, env } = {}) {
  buildIfNeeded(['API']);
  const database = await provisionDatabase(cleanup, prefix, { settings });
  progress(`PostgreSQL ${database.version} (${database.kind}: ${database.where})`);
  const server = await startApi(cleanup, database.url, env);
  const api = apiClient(server.url);
  await api.setupAdmin();
  return { database, server, api };
}

/**
 * Starts `node dist/api/backend/src/main.js` on `databaseUrl` as production runs it (migrations
 * apply at start) and waits for the health check. The stop is registered with `cleanup`.
 * `env`: more settings for this API (SMTP_URL, …). Resolves with `{ url, pid, output() }`.
 */
export async function startApi(cleanup, databaseUrl, env = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sm-bench-data-'));
  cleanup.add(`remove ${dataDir}`, () => rmSync(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  // BENCH_API_NODE_ARGS: extra node flags for the API, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, MAIN], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      // Production's default: a line per request (about 0.1 ms of the API's CPU per posting).
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
      // Signing up and logging in must not be what the benchmark measures or trips over.
      AUTH_RATE_LIMIT_IP: '100000',
      AUTH_RATE_LIMIT_ACCOUNT: '100000',
      BCRYPT_COST: '10',
      JWT_SECRET: randomBytes(32).toString('base64url'),
      ...env,
    },
    // Its own process group: Ctrl-C in the terminal reaches only us, and we stop it in order.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  cleanup.add('stop the API', async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    // The API gives itself 9 s to shut down; after that it is stuck, not slow.
    const timer = setTimeout(() => child.kill('SIGKILL'), 12_000);
    await exited;
    clearTimeout(timer);
  });

  const url = `http://127.0.0.1:${port}`;
  await waitHealthy(url, child, () => output);
  return { url, pid: child.pid, output: () => output };
}

/** An error carrying the HTTP status and the start of the body. */
export class HttpError extends Error {
  constructor(method, path, status, body) {
    super(`${method} ${path} answered ${status}: ${body.slice(0, 500)}`);
    this.status = status;
  }
}

/** A JSON client for `${baseUrl}/api/v1` that sends the bearer token once it has one. */
export function apiClient(baseUrl) {
  let token;
  async function request(method, path, { json, form } = {}) {
    const headers = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (json !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers,
      body: json !== undefined ? JSON.stringify(json) : form,
    });
    const text = await res.text();
    if (!res.ok) throw new HttpError(method, path, res.status, text);
    return text ? JSON.parse(text) : undefined;
  }
  return {
    request,
    /** The bearer token once signed up (for load generators that send their own requests). */
    get token() {
      return token;
    },
    get: (path) => request('GET', path),
    post: (path, json) => request('POST', path, { json }),
    /** Signs up the first administrator of an empty database and keeps its token. */
    async setupAdmin(email = 'bench@example.com') {
      const password = randomBytes(18).toString('base64url');
      const session = await request('POST', '/auth/setup', {
        json: { email, password, fullName: 'Benchmark Admin' },
      });
      token = session.accessToken;
      return session;
    },
  };
}
