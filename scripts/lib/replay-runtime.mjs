// The runtime half of scripts/docker-replay.mjs: runs the runtime stage's CMD as `docker run`
// would (with -e PORT, DATABASE_URL, JWT_SECRET, PUBLIC_URL) and checks what an operator relies
// on. Throws with the server's output on the first thing that is wrong.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const ADMIN_URL = process.env.REPLAY_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts the CMD; `output()` is everything it printed, `exited` its exit code. */
function run(image, env) {
  const [command, ...args] = image.cmd;
  const child = spawn(command, args, {
    cwd: join(image.root, image.workdir),
    env: { ...image.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

/** Checks passed so far, for the closing `N passed, N failed` line. */
export const passed = { count: 0 };

function check(condition, message, server) {
  if (!condition)
    throw new Error(`${message}${server ? `\n--- server output ---\n${server.output()}` : ''}`);
  passed.count += 1;
  console.log(`   ok: ${message}`);
}

/** Every line a JSON object with a pino level, as log collectors expect. */
function logLines(output) {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        const entry = JSON.parse(line);
        return typeof entry.level === 'number' ? entry : { raw: line };
      } catch {
        return { raw: line };
      }
    });
}

async function withDatabase(body) {
  const name = `sm_replay_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    return await body(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

export async function checkRuntime(image) {
  const secret = randomBytes(36).toString('base64url');
  console.log(`\n== runtime: ${image.cmd.join(' ')}`);

  // Without DATABASE_URL the image has no database to fall back on: it must say what to set.
  const bare = run(image, { PORT: String(await freePort()), JWT_SECRET: secret });
  const bareCode = await Promise.race([bare.exited, sleep(30_000, 'timeout')]);
  if (bareCode === 'timeout') bare.child.kill('SIGKILL');
  check(bareCode === 1, 'without DATABASE_URL it exits with status 1', bare);
  const bareLines = logLines(bare.output());
  check(
    bareLines.some((line) => line.level === 60 && /set DATABASE_URL=/.test(line.msg)),
    'and one fatal log line says to set DATABASE_URL',
    bare,
  );

  await withDatabase(async (databaseUrl) => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const server = run(image, {
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      JWT_SECRET: secret,
      PUBLIC_URL: 'https://stockmaster.example',
    });
    try {
      // The engine's view: the image's own HEALTHCHECK command, run inside the "container".
      const deadline = Date.now() + 90_000;
      for (;;) {
        if (server.child.exitCode !== null) check(false, 'the server keeps running', server);
        const [command, ...args] = image.healthcheck;
        const probe = spawnSync(command, args, {
          cwd: join(image.root, image.workdir),
          env: { ...image.env, PORT: String(port) },
          timeout: 5_000,
        });
        if (probe.status === 0) break;
        if (Date.now() > deadline) check(false, 'the HEALTHCHECK passes within 90 s', server);
        await sleep(500);
      }
      check(true, 'the image HEALTHCHECK passes');

      const health = await fetch(`${base}/api/v1/health`);
      const healthBody = await health.json();
      check(
        health.status === 200 && healthBody.database === 'up',
        `GET /api/v1/health answers 200 with the database up (${health.status} ${JSON.stringify(healthBody)})`,
        server,
      );

      const email = 'replay@example.com';
      const setup = await fetch(`${base}/api/v1/auth/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'replay-password-1234', fullName: 'Replay' }),
      });
      const session = await setup.json();
      check(
        setup.status === 201,
        `POST /api/v1/auth/setup creates the first administrator (${setup.status})`,
        server,
      );
      const me = await fetch(`${base}/api/v1/auth/me`, {
        headers: { authorization: `Bearer ${session.accessToken}` },
      });
      const meBody = await me.json();
      check(
        me.status === 200 && meBody.email === email,
        `GET /api/v1/auth/me with its token answers 200 for that user (${me.status})`,
        server,
      );
    } finally {
      if (server.child.exitCode === null) server.child.kill('SIGTERM');
    }
    const code = await Promise.race([server.exited, sleep(10_000, 'timeout')]);
    if (code === 'timeout') server.child.kill('SIGKILL');
    check(code === 0, 'SIGTERM ends it with status 0 within 10 s', server);

    const lines = logLines(server.output());
    check(
      lines.every((line) => !line.raw),
      'every line it printed is a JSON log line',
      server,
    );
    check(
      lines.every((line) => line.level < 40),
      'no warning or error was logged',
      server,
    );
  });
}
