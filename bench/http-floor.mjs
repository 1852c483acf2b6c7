// What the HTTP layer alone costs per request on this machine (`npm run bench:http-floor`): the
// CPU per request of the server process, for a GET answering a small object and a POST echoing a
// posting-sized JSON body, on bare node:http, on Nest with Express (the API's adapter) and — when
// `@nestjs/platform-fastify` is installed (`npm install --no-save @nestjs/platform-fastify@11`) —
// on Nest with Fastify. No database, no auth, no validation: the floor under any route of the API.
// 8 keep-alive clients, 2 s warm-up, 6 s measured, twice each in alternation; medians printed.
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT } from '../scripts/lib/build.mjs';
import { freePort } from './lib/api.mjs';

const CLIENTS = 8;
const WARMUP_MS = 2_000;
const WINDOW_MS = 6_000;
const ROUNDS = 2;
const TICK_MS = 1000 / 100; // /proc/<pid>/stat counts CPU in clock ticks of 10 ms

const require = createRequire(join(ROOT, 'package.json'));
const hasFastify = (() => {
  try {
    require.resolve('@nestjs/platform-fastify');
    return true;
  } catch {
    return false;
  }
})();

/** utime + stime of a process, in ms. */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

const BODY = JSON.stringify({
  type: 'transfer',
  productId: '8d5c1f8e-2b2a-4a55-9a4e-6d1e1f0c9b11',
  sourceLocationId: '8d5c1f8e-2b2a-4a55-9a4e-6d1e1f0c9b12',
  destinationLocationId: '8d5c1f8e-2b2a-4a55-9a4e-6d1e1f0c9b13',
  quantity: '1',
});

async function measure(kind, route) {
  const port = await freePort();
  const child = fork(join(ROOT, 'bench/lib/floor-app.cjs'), [kind, String(port)], { cwd: ROOT });
  try {
    await new Promise((resolve, reject) => {
      child.once('message', resolve);
      child.once('exit', (code) => reject(new Error(`${kind} server exited (${code})`)));
    });
    const post = route === 'POST';
    const url = `http://127.0.0.1:${port}/api/${post ? 'echo' : 'health'}`;
    const init = post
      ? { method: 'POST', body: BODY, headers: { 'content-type': 'application/json' } }
      : {};
    const loop = async (until) => {
      let count = 0;
      while (performance.now() < until) {
        const res = await fetch(url, init);
        await res.arrayBuffer();
        if (res.status !== (post ? 201 : 200)) throw new Error(`${kind} ${route}: ${res.status}`);
        count++;
      }
      return count;
    };
    const clients = (ms) => {
      const until = performance.now() + ms;
      return Promise.all(Array.from({ length: CLIENTS }, () => loop(until)));
    };
    await clients(WARMUP_MS);
    const before = cpuMs(child.pid);
    const counts = await clients(WINDOW_MS);
    const requests = counts.reduce((a, b) => a + b, 0);
    return {
      perSecond: requests / (WINDOW_MS / 1000),
      cpuMs: (cpuMs(child.pid) - before) / requests,
    };
  } finally {
    child.kill();
  }
}

const kinds = ['node', 'express', ...(hasFastify ? ['fastify'] : [])];
const results = new Map();
for (let round = 1; round <= ROUNDS; round++)
  for (const kind of kinds)
    for (const route of ['GET', 'POST']) {
      const key = `${kind} ${route}`;
      console.error(`· ${key}, round ${round} of ${ROUNDS}…`);
      results.set(key, [...(results.get(key) ?? []), await measure(kind, route)]);
    }
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const names = { node: 'bare node:http', express: 'Nest on Express', fastify: 'Nest on Fastify' };
console.log('server            route  requests/s  server CPU per request');
for (const [key, runs] of results) {
  const [kind, route] = key.split(' ');
  console.log(
    `${names[kind].padEnd(17)} ${route.padEnd(6)} ${String(Math.round(median(runs.map((r) => r.perSecond)))).padStart(10)}  ${median(runs.map((r) => r.cpuMs)).toFixed(3)} ms`,
  );
}
if (!hasFastify)
  console.log(
    '(Nest on Fastify: npm install --no-save @nestjs/platform-fastify@11, then run again)',
  );
