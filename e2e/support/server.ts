import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = join(__dirname, '..', '..');
export const MAIN = join(ROOT, 'dist', 'api', 'backend', 'src', 'main.js');

export interface RunningServer {
  url: string;
  child: ChildProcess;
  /** Everything the process printed, for assertions and for failure messages. */
  output(): string;
  /** Sends the signal and resolves with the exit code and how long the exit took. */
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; ms: number }>;
}

export function freePort(): Promise<number> {
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

/** One line the server printed: a pino JSON entry, or `raw` for anything that is not one. */
export interface LogLine {
  level?: number;
  context?: string;
  msg?: string;
  raw?: string;
}

export function logLines(output: string): LogLine[] {
  return output
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        const entry = JSON.parse(line) as LogLine;
        return typeof entry.level === 'number' ? entry : { raw: line };
      } catch {
        return { raw: line };
      }
    });
}

/** The line that ends a start: it says what to do next. */
const READY_LINE = /"msg":"StockMaster is ready/;

/**
 * Runs the built server exactly as `npm start` does (no DATABASE_URL: the embedded PostgreSQL in
 * `dataDir`), and waits until its health check answers and it has said it is ready.
 */
export async function startServer(
  dataDir: string,
  env: Record<string, string> = {},
): Promise<RunningServer> {
  // The port is free when chosen but not reserved: the server's own embedded PostgreSQL (or a
  // parallel test) can take it first. Only that race is retried, with a new port.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServerOnce(
        dataDir,
        env,
        env['PORT'] ? Number(env['PORT']) : await freePort(),
      );
    } catch (error) {
      const lost = error instanceof PortTakenError;
      if (!lost || attempt >= 3 || env['PORT']) throw lost ? new Error(error.message) : error;
    }
  }
}

class PortTakenError extends Error {}

async function startServerOnce(
  dataDir: string,
  env: Record<string, string>,
  port: number,
): Promise<RunningServer> {
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    ...env,
  };
  delete childEnv['DATABASE_URL'];
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) {
      const message = `server exited during start:\n${output}`;
      throw /EADDRINUSE/.test(output) ? new PortTakenError(message) : new Error(message);
    }
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.status === 200 && READY_LINE.test(output)) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not become healthy:\n${output}`);
    }
    await sleep(200);
  }

  return {
    url,
    child,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null) return { code: child.exitCode, ms: 0 };
      const started = Date.now();
      child.kill(signal);
      const code = await exited;
      return { code, ms: Date.now() - started };
    },
  };
}

/** The pid the embedded cluster in `dataDir` runs as, and its port (from postmaster.pid). */
export function embeddedPostmaster(dataDir: string): { pid: number; port: number } {
  const lines = readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n');
  return { pid: Number(lines[0]), port: Number(lines[3]) };
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
