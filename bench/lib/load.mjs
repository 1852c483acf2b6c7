// Closed-loop load: N concurrent async loops, each sending its next request as soon as the last
// one answered, for a warm-up and then a measured window. Also a lean keep-alive JSON poster
// (node:http costs the load generator less CPU than fetch) and a CPU sampler for Linux, so a
// result says who used the cores while it was measured.
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { summarize } from './stats.mjs';

/**
 * A keep-alive JSON client for `${baseUrl}/api/v1` with a bearer token. `send(method, path,
 * body?)` and `post(path, body)` resolve with `{ status, body }` (body as text) and never reject
 * on an HTTP status.
 */
export function jsonPoster(baseUrl, token, maxSockets = 64) {
  const { hostname, port } = new URL(baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const send = (method, path, json) =>
    new Promise((resolve, reject) => {
      const payload = json === undefined ? null : Buffer.from(JSON.stringify(json));
      const headers = { authorization: `Bearer ${token}` };
      if (payload) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = payload.length;
      }
      const req = http.request(
        { agent, hostname, port, method, path: `/api/v1${path}`, headers },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode, body: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload ?? undefined);
    });
  return { send, post: (path, json) => send('POST', path, json), close: () => agent.destroy() };
}

/**
 * Runs `op(loop)` in `concurrency` loops for `warmupMs + durationMs`. `op` resolves with nothing
 * on success, or with a string saying what failed (a throw counts as a failure too). Successes
 * count when they finish inside the measured window; failures count whenever they happen, the
 * warm-up included. Resolves with `{ concurrency, seconds, ok, completed, opsPerSecond, latency,
 * errors, firstError }` (latency of the counted successes, in ms).
 */
export async function closedLoop({ concurrency, warmupMs, durationMs, op }) {
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const end = measureFrom + durationMs;
  const latencies = [];
  let completed = 0; // every success, the warm-up's too: what the CPU samples are divided by
  let errors = 0;
  let firstError;
  const loop = async (index) => {
    while (performance.now() < end) {
      const t0 = performance.now();
      let failure;
      try {
        failure = await op(index);
      } catch (error) {
        failure = error?.message ?? String(error);
      }
      const t1 = performance.now();
      if (failure) {
        errors++;
        firstError ??= failure;
      } else {
        completed++;
        if (t1 >= measureFrom && t1 <= end) latencies.push(t1 - t0);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, index) => loop(index)));
  const seconds = durationMs / 1000;
  return {
    concurrency,
    seconds,
    ok: latencies.length,
    completed,
    opsPerSecond: Math.round((latencies.length / seconds) * 10) / 10,
    latency: summarize(latencies),
    errors,
    firstError,
  };
}

// --- CPU --------------------------------------------------------------------------------------

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** utime + stime of `pid`, plus those of its children that have exited (cutime + cstime). */
function processTicks(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0);
  } catch {
    return 0; // gone, or not Linux
  }
}

function statFields(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

/** The parent of `pid` (a backend's parent is its postmaster), or null when it is not visible. */
export function parentPid(pid) {
  try {
    return Number(statFields(pid)[1]);
  } catch {
    return null;
  }
}

/**
 * Ticks of the server of `postmasterPid`: itself and its live children, plus its exited
 * children (cutime), so the sum only grows when backends come and go. Other PostgreSQL servers
 * on the machine (tests running beside the benchmark) are not counted.
 */
function serverTicks(postmasterPid) {
  let total = processTicks(postmasterPid);
  let entries = [];
  try {
    entries = readdirSync('/proc');
  } catch {
    return 0;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (Number(statFields(entry)[1]) === postmasterPid) total += processTicks(entry);
    } catch {
      // exited meanwhile
    }
  }
  return total;
}

function machineTicks() {
  try {
    const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
    const values = cpu.trim().split(/\s+/).slice(1).map(Number);
    const idle = values[3] + (values[4] ?? 0); // idle + iowait
    return { busy: values.reduce((sum, v) => sum + v, 0) - idle };
  } catch {
    return { busy: 0 };
  }
}

/**
 * Starts a CPU sample; `stop()` returns the share of one core (100 = one full core) used since
 * by the API process, the PostgreSQL server of `postmasterPid` (null when it is not on this
 * machine's /proc), this process (the load generator) and the rest of the machine.
 */
export function cpuSample(apiPid, postmasterPid) {
  const t0 = performance.now();
  const pgTicks = () => (postmasterPid ? serverTicks(postmasterPid) : 0);
  const before = {
    api: processTicks(apiPid),
    postgres: pgTicks(),
    self: process.cpuUsage(),
    machine: machineTicks().busy,
  };
  return {
    stop() {
      const seconds = (performance.now() - t0) / 1000;
      const self = process.cpuUsage(before.self);
      const pct = (ticks) => Math.round((ticks / CLOCK_TICKS / seconds) * 100);
      const apiTicks = processTicks(apiPid) - before.api;
      const api = pct(apiTicks);
      const postgres = postmasterPid ? pct(pgTicks() - before.postgres) : null;
      const bench = Math.round(((self.user + self.system) / 1e6 / seconds) * 100);
      const machine = pct(machineTicks().busy - before.machine);
      return {
        api,
        postgres,
        bench,
        other: Math.max(0, machine - api - (postgres ?? 0) - bench),
        /** CPU time of the API process (user + system, from /proc/<pid>/stat), in ms. */
        apiMs: (apiTicks / CLOCK_TICKS) * 1000,
        /** CPU time of the server's processes in the same window, in ms (null when not local). */
        postgresMs: postmasterPid ? ((pgTicks() - before.postgres) / CLOCK_TICKS) * 1000 : null,
      };
    },
  };
}

export const formatCpu = (cpu) =>
  `CPU % of a core: API ${cpu.api}, postgres ${cpu.postgres ?? 'n/a'}, load generator ${cpu.bench}, ` +
  `rest of the machine ${cpu.other}`;
