// Account-enumeration timing (`npm run bench:auth`): the same auth requests for an address that
// has an account and one that has none, interleaved, with their client-side latency side by side.
// Known and unknown must not be told apart by time. Then the same `forgot` with SMTP down: the
// answer must not wait for the mail server. It prints figures; it is not a test.
//
// Runs on an embedded PostgreSQL in a temp folder, or on a fresh database of the server named by
// BENCH_DATABASE_URL (a superuser URL). The API runs as in production (BCRYPT_COST 10 here).
import { buildIfNeeded } from '../scripts/lib/build.mjs';
import { apiClient, freePort, startApi } from './lib/api.mjs';
import { provisionDatabase } from './lib/database.mjs';
import { runBenchmark } from './lib/harness.mjs';
import { formatSummary, summarize, timed } from './lib/stats.mjs';

const ROUNDS = Number(process.env.BENCH_AUTH_ROUNDS ?? 60);
const progress = (line) => console.error(`· ${line}`);

async function send(url, path, body) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, error: text ? JSON.parse(text).error : undefined };
}

/**
 * Runs `request(email)` ROUNDS times for each address, alternating so that both see the same
 * machine load, and returns their latencies and the answers they got.
 */
async function compare(url, known, unknown, request) {
  const samples = { known: [], unknown: [] };
  const answers = { known: new Set(), unknown: new Set() };
  for (let i = 0; i < ROUNDS; i++) {
    for (const [kind, email] of i % 2
      ? [
          ['known', known],
          ['unknown', unknown],
        ]
      : [
          ['unknown', unknown],
          ['known', known],
        ]) {
      const { ms, value } = await timed(() => request(url, email, i));
      samples[kind].push(ms);
      answers[kind].add(`${value.status} ${value.error ?? ''}`.trim());
    }
  }
  return { known: summarize(samples.known), unknown: summarize(samples.unknown), answers };
}

await runBenchmark(async (cleanup) => {
  buildIfNeeded(['API']);
  const db = await provisionDatabase(cleanup, 'sm_bench_auth');
  progress(`PostgreSQL ${db.version} (${db.kind}); starting the API…`);
  const api = await startApi(cleanup, db.url);
  const known = 'known-admin@example.com';
  await apiClient(api.url).setupAdmin(known);
  // A different unknown address per scenario: each starts with clean counters, like the known one.
  const unknown = (scenario) => `nobody-${scenario}@example.com`;

  const askForCodes = async (url, emails) => {
    for (const email of emails) await send(url, '/auth/password/forgot', { email });
    // The code is issued after the answer: give the background work a moment.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  };

  // In this order: until `forgot` runs, neither address has a code open.
  const scenarios = {
    'POST /auth/password/reset (no code asked)': (url, email) =>
      send(url, '/auth/password/reset', {
        email,
        code: '000000',
        newPassword: 'a-long-new-password',
      }),
    'POST /auth/login (wrong password, until locked)': (url, email) =>
      send(url, '/auth/login', { email, password: 'not-the-password' }),
    'POST /auth/password/forgot': (url, email) => send(url, '/auth/password/forgot', { email }),
    'POST /auth/password/reset (wrong code after asking, until burned)': {
      before: askForCodes,
      request: (url, email) =>
        send(url, '/auth/password/reset', {
          email,
          code: '000000',
          newPassword: 'a-long-new-password',
        }),
    },
  };

  const rows = [];
  for (const [name, scenario] of Object.entries(scenarios)) {
    progress(`${name}: ${ROUNDS} rounds each…`);
    const { before, request } = typeof scenario === 'function' ? { request: scenario } : scenario;
    const other = unknown(rows.length);
    await before?.(api.url, [known, other]);
    const result = await compare(api.url, known, other, request);
    rows.push({ name, ...result });
  }

  console.log(`\nKnown vs unknown email, ${ROUNDS} requests each (client-side latency):\n`);
  for (const row of rows) {
    console.log(row.name);
    console.log(
      `  known    ${formatSummary(row.known)}  answers: ${[...row.answers.known].join(', ')}`,
    );
    console.log(
      `  unknown  ${formatSummary(row.unknown)}  answers: ${[...row.answers.unknown].join(', ')}`,
    );
  }

  // Nothing listens on this port: every delivery fails, and is retried from the outbox later.
  const deadSmtp = `smtp://127.0.0.1:${await freePort()}`;
  progress(`POST /auth/password/forgot with SMTP down (${deadSmtp}): ${ROUNDS} requests…`);
  const outage = await startApi(cleanup, db.url, { SMTP_URL: deadSmtp });
  const samples = [];
  for (let i = 0; i < ROUNDS; i++) {
    const { ms } = await timed(() => send(outage.url, '/auth/password/forgot', { email: known }));
    samples.push(ms);
  }
  console.log(`\nPOST /auth/password/forgot while SMTP is down, ${ROUNDS} requests:`);
  console.log(`  ${formatSummary(summarize(samples))}`);
});
