// Stock benchmark (`npm run bench:stock [-- --json | --postings-only | --growth-only |
// --big-operation-only | --as-of-only]`):
// seeds 2,000 products × 10 locations, then measures one-line postings per second through the HTTP
// API at 1, 8 and 32 clients against a baseline that sends exactly the API's statements from a
// plain `pg` client (the statements come from the API's compiled repositories; pg_stat_statements
// confirms both sides ran the same ones per posting) and, when `pgbench` is on the machine, the
// same transaction in pgbench (the physical reference). API and baseline alternate and repeat
// (BENCH_RUNS, 3 by default: median and range), with the API process's CPU time per posting. Then
// 10,000-line operations, three runs each: a transfer, a receipt creating batches inline and a
// FEFO delivery across those batches; posting throughput as the ledger grows to 1,000,000 moves;
// the stock-level and as-of queries over that ledger; as-of again once the ledger has grown to
// 10,000,000 moves (flat as the ledger grows?). It measures and reports; missing a target still
// exits 0.
//
// BENCH_QUICK=1: the same steps at a small size and short windows (a minute or two), to prove
// the benchmark works; its figures mean nothing.
//
// Runs on an embedded PostgreSQL in a temp folder (default settings, fsync on; pg_stat_statements
// loaded for the diagnosis), or on a fresh database of the server named by BENCH_DATABASE_URL
// (a superuser URL, e.g. postgres://postgres@127.0.0.1:5432/postgres).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { benchApi } from './lib/api.mjs';
import { runBenchmark } from './lib/harness.mjs';
import { closedLoop, cpuSample, formatCpu, jsonPoster, parentPid } from './lib/load.mjs';
import { distModule, pgbenchScript, rawPoster } from './lib/raw-posting.mjs';
import { int, seededRandom, spread, summarize, timed } from './lib/stats.mjs';
import {
  growLedger,
  seedStartingStock,
  seedStockProducts,
  seedTrackedProducts,
} from './lib/stock-seed.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const PRODUCTS = QUICK ? 200 : 2_000;
const TRACKED_PRODUCTS = QUICK ? 20 : 200;
const LOCATIONS = 10;
const STARTING_QUANTITY = '100000'; // per level: random transfers of 1 never run a level dry
const CONCURRENCY = [1, 8, 32];
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const WARMUP_MS = QUICK ? 500 : 2_000;
const WINDOW_MS = QUICK ? 2_000 : 10_000;
// Before the first measurement, API and baseline post untimed for this long (BENCH_PROCESS_WARMUP_S):
// a server answers for days, and V8 is still compiling its hot paths for the first 10-20 s.
const PROCESS_WARMUP_MS = QUICK ? 1_000 : Number(process.env.BENCH_PROCESS_WARMUP_S ?? 20) * 1000;
const BIG_OPERATION_LINES = QUICK ? 1_000 : 10_000; // the API's limit per operation
const BIG_RUNS = 3;
const LEDGER_TARGET = QUICK ? 50_000 : 1_000_000;
// As-of again on a ledger ten times larger: does its time stay flat as the ledger grows?
const LARGE_LEDGER_TARGET = QUICK ? 500_000 : 10_000_000;
const GROW_BATCH = QUICK ? 25_000 : 100_000;
const GROWN_LINES_PER_OPERATION = 5;
const QUERY_RUNS = QUICK ? 5 : 20;
const QUERY_BUDGET_MS = QUICK ? 5_000 : 30_000; // per query kind: fewer runs when a query is slow
const PAGE_SIZE = 50;
const DAY = 86_400_000;
/** As-of snapshots every day, the API's default: a year of ledger, 365 boundaries. */
const SNAPSHOT_PERIOD_DAYS = 1;
const SNAPSHOT_PERIOD = SNAPSHOT_PERIOD_DAYS === 1 ? 'day' : `${SNAPSHOT_PERIOD_DAYS} days`;
/** The targets of issue 17: ratios inside one run, latencies at the stated size. */
const TARGETS = {
  apiRawRatio: 0.8,
  apiPgbenchRatio: 0.2,
  cpuMsPerPosting: 0.7,
  growthRatio: 0.95,
  transferSeconds: 1,
  fefoSeconds: 2,
  receiptSeconds: 2,
  levelsFirstPageMs: 20,
  levelsDeepPageMs: 40,
  asOfMs: 50,
};

const progress = (line) => console.error(`· ${line}`);
const round = (value, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;

// --- set-up --------------------------------------------------------------------------------

async function createWarehouse(api) {
  const warehouse = await api.post('/warehouses', { code: 'BENCH', name: 'Benchmark warehouse' });
  const locationIds = [];
  for (let i = 1; i <= LOCATIONS; i++) {
    const location = await api.post('/locations', {
      parentId: warehouse.rootLocationId,
      name: `Bin ${String(i).padStart(2, '0')}`,
    });
    locationIds.push(location.id);
  }
  return { warehouse: { id: warehouse.id, code: warehouse.code }, locationIds };
}

async function seed(pool, fixture) {
  const client = await pool.connect();
  try {
    progress(`seeding ${int(PRODUCTS)} products and their starting stock…`);
    const started = performance.now();
    const productIds = await seedStockProducts(client, PRODUCTS);
    const moves = await seedStartingStock(client, {
      ...fixture,
      productIds,
      quantity: STARTING_QUANTITY,
      userId: fixture.user.id,
      doneAt: new Date(Date.now() - 400 * DAY),
    });
    await client.query('VACUUM (ANALYZE) operations, operation_lines, stock_moves, stock_levels');
    return {
      productIds,
      summary: {
        products: productIds.length,
        locations: fixture.locationIds.length,
        levels: productIds.length * fixture.locationIds.length,
        startingMoves: moves,
        seconds: round((performance.now() - started) / 1000, 1),
      },
    };
  } finally {
    client.release();
  }
}

async function one(pool, sql, params) {
  const { rows } = await pool.query(sql, params);
  return rows[0];
}

const countMoves = async (pool) =>
  (await one(pool, 'SELECT count(*)::int AS n FROM stock_moves')).n;

/** pg_stat_statements in the benchmark database, when the server has it loaded. */
async function statementStats(pool) {
  try {
    await pool.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    await pool.query('SELECT pg_stat_statements_reset()');
  } catch {
    return null;
  }
  return {
    reset: () => pool.query('SELECT pg_stat_statements_reset()'),
    /** The statements that took the most time since the reset, in this database. */
    async top(limit) {
      const { rows } = await pool.query(
        `SELECT queryid::text, calls::int, round(total_exec_time::numeric, 1)::float8 AS total_ms,
                round(mean_exec_time::numeric, 3)::float8 AS mean_ms, query
           FROM pg_stat_statements
          WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            AND query NOT ILIKE '%pg_stat_statements%'
          ORDER BY total_exec_time DESC LIMIT $1`,
        [limit],
      );
      return rows.map((row) => ({ ...row, query: row.query.replace(/\s+/g, ' ').trim() }));
    },
  };
}

// --- postings ------------------------------------------------------------------------------

/** The workload: a random product moved by 1 between two different random locations. */
function transfers(productIds, locationIds, seed) {
  const random = seededRandom(seed);
  return () => {
    const productId = productIds[Math.floor(random() * productIds.length)];
    const from = Math.floor(random() * locationIds.length);
    const to = (from + 1 + Math.floor(random() * (locationIds.length - 1))) % locationIds.length;
    return { productId, from: locationIds[from], to: locationIds[to], quantity: '1' };
  };
}

async function measurePostings(options) {
  const { label, concurrency, post, workload, pool, apiPid, postmasterPid, seed, stats } = options;
  const { warmupMs = WARMUP_MS, durationMs = WINDOW_MS } = options;
  await pool.query('CHECKPOINT'); // every run starts from the same WAL state
  const movesBefore = await countMoves(pool);
  await stats?.reset();
  progress(`${label}: ${concurrency} client(s), ${warmupMs / 1000} s + ${durationMs / 1000} s…`);
  const next = Array.from({ length: concurrency }, (_, loop) =>
    transfers(workload.productIds, workload.locationIds, seed * 1000 + loop),
  );
  const walBefore = await walSample(pool);
  const cpu = cpuSample(apiPid, postmasterPid);
  const result = await closedLoop({
    concurrency,
    warmupMs,
    durationMs,
    op: (loop) => post(next[loop]()),
  });
  const cpuUse = cpu.stop();
  const walAfter = await walSample(pool);
  return {
    ...result,
    cpu: cpuUse,
    // WAL written per posting (warm-up included): full-page images grow with the pages touched.
    walPerPosting: result.completed
      ? {
          kilobytes: (walAfter.bytes - walBefore.bytes) / 1024 / result.completed,
          fullPages: (walAfter.fpi - walBefore.fpi) / result.completed,
        }
      : null,
    // The API process's CPU time over every posting it answered (warm-up included).
    cpuMsPerPosting: result.completed ? cpuUse.apiMs / result.completed : NaN,
    movesBefore,
    statements: (await stats?.top(40)) ?? null,
  };
}

/**
 * Untimed postings by the API, then by the baseline, at 8 clients, so that every measured run is
 * of a warm process. A cold start is not what the posting figures are about, but its cost is
 * printed: the API's CPU per posting while V8 compiles.
 */
async function warmUp({ apiCommon, api1, raw1 }) {
  if (PROCESS_WARMUP_MS <= 0) return;
  const run = async (label, post, seed) => {
    const result = await measurePostings({
      ...apiCommon,
      label: `warm-up, ${label} (untimed)`,
      concurrency: 8,
      post,
      seed,
      warmupMs: 0,
      durationMs: PROCESS_WARMUP_MS / 2,
    });
    if (result.errors)
      throw new Error(`warm-up: ${result.errors} failed, first: ${result.firstError}`);
    return result;
  };
  const api = await run('the API', api1, 900);
  await run('the baseline', raw1, 901);
  progress(
    `warm-up: the API made ${api.completed} postings, ${api.cpuMsPerPosting.toFixed(2)} ms of its CPU each while cold`,
  );
}

/** The server's WAL counters so far (pg_stat_wal, PostgreSQL 14 and later). */
async function walSample(pool) {
  const { bytes, fpi } = await one(
    pool,
    `SELECT wal_bytes::float8 AS bytes, wal_fpi::float8 AS fpi FROM pg_stat_wal`,
  );
  return { bytes, fpi };
}

/**
 * A statement's text with its constants and parameters as `?`: pg_stat_statements shows one
 * statement with its placeholders, or with the constants it was first run with when its entry
 * was made outside parse analysis (a statement prepared before the reset, a trigger's cached
 * plan), and which one a side gets is chance; PostgreSQL 18 can also file one text under several
 * queryids.
 */
const statementShape = (text) =>
  text
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/\$\d+/g, '?')
    .replace(/\b\d+(?:\.\d+)?\b/g, '?')
    .replace(/\b(?:true|false|null)\b/gi, '?') // constants too, as pg_stat_statements sees them
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The statements a side ran per posting (pg_stat_statements calls ÷ postings), those run at
 * least once per two postings: what both sides must share. One statement is one shape.
 */
function perPosting(run) {
  if (!run.statements || !run.completed) return null;
  const calls = new Map();
  for (const st of run.statements) {
    const shape = statementShape(st.query);
    const entry = calls.get(shape) ?? { query: st.query, calls: 0 };
    entry.calls += st.calls;
    calls.set(shape, entry);
  }
  return new Map(
    [...calls]
      .map(([shape, entry]) => [shape, { ...entry, calls: entry.calls / run.completed }])
      .filter(([, entry]) => entry.calls >= 0.5),
  );
}

/** Where the API and the baseline differ in the statements they ran per posting (empty: none). */
function statementDifferences(api, raw) {
  const a = perPosting(api);
  const b = perPosting(raw);
  if (!a || !b) return null;
  const differences = [];
  for (const id of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(id)?.calls ?? 0;
    const y = b.get(id)?.calls ?? 0;
    if (Math.abs(x - y) > 0.2)
      differences.push(
        `API ${x.toFixed(1)}, baseline ${y.toFixed(1)}: ${(a.get(id) ?? b.get(id)).query.slice(0, 100)}`,
      );
  }
  return { statements: a.size, differences };
}

// --- pgbench -------------------------------------------------------------------------------

/** pgbench: BENCH_PGBENCH, else on PATH, else PostgreSQL's own bin folders; null when none. */
function findPgbench() {
  const candidates = [process.env.BENCH_PGBENCH, 'pgbench'];
  try {
    for (const version of readdirSync('/usr/lib/postgresql').sort().reverse())
      candidates.push(`/usr/lib/postgresql/${version}/bin/pgbench`);
  } catch {
    // no such folder
  }
  for (const candidate of candidates.filter(Boolean)) {
    if (candidate.includes('/') && !existsSync(candidate)) continue;
    const probe = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (probe.status === 0) return { path: candidate, version: probe.stdout.trim() };
  }
  return null;
}

/** The id tables the pgbench script reads its random product and locations from. */
async function pgbenchTables(pool, { productIds, locationIds }) {
  await pool.query(`CREATE TABLE bench_products (n int PRIMARY KEY, id uuid NOT NULL)`);
  await pool.query(`CREATE TABLE bench_locations (n int PRIMARY KEY, id uuid NOT NULL)`);
  await pool.query(
    `INSERT INTO bench_products SELECT n, id FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [productIds],
  );
  await pool.query(
    `INSERT INTO bench_locations SELECT n, id FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, n)`,
    [locationIds],
  );
  await pool.query('ANALYZE bench_products, bench_locations');
}

async function runPgbench({ pgbench, url, scriptFile, concurrency, pool }) {
  await pool.query('CHECKPOINT');
  progress(`pgbench: ${concurrency} client(s), ${WINDOW_MS / 1000} s…`);
  const args = ['-n', '-M', 'prepared', '-c', String(concurrency), '-j', '2'];
  args.push('-T', String(Math.round(WINDOW_MS / 1000)), '-f', scriptFile, url);
  const output = await new Promise((resolve, reject) => {
    const child = spawn(pgbench.path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    child.stdout.on('data', (chunk) => (text += chunk));
    child.stderr.on('data', (chunk) => (text += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`pgbench exited ${code}:\n${text}`)),
    );
  });
  const tps = Number(/tps = ([\d.]+)/.exec(output)?.[1]);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(output)?.[1]);
  const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0);
  return { concurrency, opsPerSecond: tps, latencyMs: latency, failed };
}

function apiPost(poster, warehouseId) {
  return async ({ productId, from, to, quantity }) => {
    const res = await poster.post('/stock-moves', {
      type: 'transfer',
      productId,
      quantity,
      sourceLocationId: from,
      destinationLocationId: to,
      warehouseId,
    });
    return res.status === 201 ? undefined : `${res.status} ${res.body.slice(0, 300)}`;
  };
}

// --- the 10,000-line operations -----------------------------------------------------------

/** `request()` timed, with the CPU seconds the API process and PostgreSQL spent meanwhile. */
async function timedWithCpu(pids, request) {
  const cpu = cpuSample(pids.apiPid, pids.postmasterPid);
  const { value, ms } = await timed(request);
  const used = cpu.stop();
  return {
    value,
    seconds: ms / 1000,
    apiCpu: used.apiMs / 1000,
    postgresCpu: used.postgresMs === null ? null : used.postgresMs / 1000,
  };
}

/**
 * Creates a draft from `body` and validates it: the seconds of each, checked for every line, and
 * where they went (the API's CPU, PostgreSQL's CPU; the rest is waiting and the client).
 */
async function createAndValidate(api, pids, body, expectMoves) {
  const kilobytes = Math.round(Buffer.byteLength(JSON.stringify(body)) / 1024);
  const created = await timedWithCpu(pids, () => api.post('/operations', body));
  if (created.value.status !== 'draft' || created.value.lines.length !== body.lines.length)
    throw new Error(
      `the draft came back ${created.value.status} with ${created.value.lines.length} lines`,
    );
  const validated = await timedWithCpu(pids, () =>
    api.post(`/operations/${created.value.id}/validate`),
  );
  if (validated.value.status !== 'done' || !expectMoves(validated.value.moves.length))
    throw new Error(
      `validation answered ${validated.value.status} with ${validated.value.moves.length} moves`,
    );
  const { value: _created, ...create } = created;
  const { value: _validated, ...validate } = validated;
  return { kilobytes, moves: validated.value.moves.length, create, validate };
}

/**
 * The big operations, `BIG_RUNS` runs of each kind, kinds alternating: a transfer of untracked
 * stock (header locations, compact lines), a receipt of the tracked products creating a batch per
 * two lines inline with an expiry per line (over 1 MB), and a FEFO delivery of those products
 * (no batch named: each line takes the earliest expiry first, across batches and locations).
 */
async function bigOperations(api, pids, fixture, productIds, trackedIds, today) {
  const { warehouse, locationIds } = fixture;
  const runs = { transfer: [], receipt: [], fefo: [] };
  for (let run = 1; run <= BIG_RUNS; run++) {
    progress(`${int(BIG_OPERATION_LINES)}-line operations, run ${run} of ${BIG_RUNS}…`);
    runs.transfer.push(
      await createAndValidate(
        api,
        pids,
        {
          type: 'transfer',
          warehouseId: warehouse.id,
          sourceLocationId: locationIds[run % 2],
          destinationLocationId: locationIds[(run + 1) % 2],
          lines: Array.from({ length: BIG_OPERATION_LINES }, (_, i) => ({
            productId: productIds[i % productIds.length],
            quantity: '1',
          })),
        },
        (moves) => moves === BIG_OPERATION_LINES,
      ),
    );
    runs.receipt.push(
      await createAndValidate(
        api,
        pids,
        {
          type: 'receipt',
          warehouseId: warehouse.id,
          lines: Array.from({ length: BIG_OPERATION_LINES }, (_, i) => {
            const batch = Math.floor(i / 2);
            return {
              productId: trackedIds[batch % trackedIds.length],
              quantity: '2',
              destinationLocationId: locationIds[i % locationIds.length],
              batch: {
                code: `R${run}-${String(batch).padStart(5, '0')}`,
                expiresAt: new Date(Date.parse(today) + (10 + (batch % 90)) * DAY)
                  .toISOString()
                  .slice(0, 10),
              },
            };
          }),
        },
        (moves) => moves === BIG_OPERATION_LINES,
      ),
    );
    runs.fefo.push(
      await createAndValidate(
        api,
        pids,
        {
          type: 'delivery',
          warehouseId: warehouse.id,
          lines: Array.from({ length: BIG_OPERATION_LINES }, (_, i) => ({
            productId: trackedIds[i % trackedIds.length],
            quantity: '1.5',
          })),
        },
        (moves) => moves >= BIG_OPERATION_LINES,
      ),
    );
  }
  const step = (list) => ({
    ...spread(list.map((r) => r.seconds)),
    apiCpu: spread(list.map((r) => r.apiCpu)),
    postgresCpu: list[0].postgresCpu === null ? null : spread(list.map((r) => r.postgresCpu)),
  });
  const summary = (list) => ({
    kilobytes: list[0].kilobytes,
    moves: list.map((r) => r.moves),
    create: step(list.map((r) => r.create)),
    validate: step(list.map((r) => r.validate)),
  });
  return {
    lines: BIG_OPERATION_LINES,
    transfer: summary(runs.transfer),
    receipt: summary(runs.receipt),
    fefo: summary(runs.fefo),
  };
}

/** "API 0.41 / PostgreSQL 0.52" for one step of the big operations (medians, seconds). */
const cpuSplit = (step) =>
  `API ${step.apiCpu.median.toFixed(2)} / PostgreSQL ${step.postgresCpu?.median.toFixed(2) ?? 'n/a'}`;

// --- ledger growth -------------------------------------------------------------------------

async function grow(pool, fixture, productIds, target) {
  const current = await countMoves(pool);
  const count = Math.max(0, target - current);
  progress(`growing the ledger from ${int(current)} to ${int(target)} moves…`);
  const client = await pool.connect();
  try {
    const now = Date.now();
    const grown = await timed(() =>
      growLedger(client, {
        ...fixture,
        productIds,
        userId: fixture.user.id,
        count,
        from: new Date(now - 365 * DAY),
        to: new Date(now - DAY),
        linesPerOperation: GROWN_LINES_PER_OPERATION,
        batch: GROW_BATCH,
        onBatch: (done) => progress(`  ${int(current + done)} moves`),
      }),
    );
    progress('VACUUM ANALYZE…');
    const vacuum = await timed(() =>
      client.query(
        'VACUUM (ANALYZE) operations, operation_lines, stock_moves, stock_levels, operation_sequences, audit_log',
      ),
    );
    return {
      from: current,
      added: count,
      operationsAdded: Math.ceil(count / GROWN_LINES_PER_OPERATION),
      seconds: round(grown.ms / 1000, 1),
      vacuumSeconds: round(vacuum.ms / 1000, 1),
    };
  } finally {
    client.release();
  }
}

// --- as-of snapshots ----------------------------------------------------------------------

/** The job's boundary after the first move of `moves` (a FROM list with `done_at`), `$1` days apart. */
const boundaryAfterFirstMove = (moves, where = 'TRUE') =>
  `(SELECT to_timestamp((floor(extract(epoch FROM min(done_at)) / 86400 / $1) + 1) * $1 * 86400)
      FROM ${moves} WHERE ${where})`;

/**
 * Waits until the API's snapshot job has taken every boundary that is due (the same rule as the
 * job: the boundary after the first move since the latest one, once 10 minutes old), so no
 * catch-up runs during a measurement. Resolves with the boundaries and balances stored.
 */
async function snapshotsCaughtUp(pool) {
  const started = performance.now();
  for (;;) {
    const { pending } = await one(
      pool,
      `WITH last AS (SELECT max(at) AS at FROM stock_snapshot_days)
       SELECT coalesce(${boundaryAfterFirstMove('stock_moves, last', "done_at >= coalesce(last.at, '-infinity')")}
                       <= now() - interval '10 minutes', false) AS pending`,
      [SNAPSHOT_PERIOD_DAYS],
    );
    if (!pending) break;
    if (performance.now() - started > 30 * 60_000)
      throw new Error('the snapshots did not catch up');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  const row = await one(
    pool,
    `SELECT count(*)::int AS boundaries, coalesce(sum(levels), 0)::int AS balances FROM stock_snapshot_days`,
  );
  return { ...row, seconds: round((performance.now() - started) / 1000, 1) };
}

/**
 * The growth wrote moves into the past, behind the snapshots' back: they are all taken again.
 * The job runs every 2 s here, and a boundary it was writing while they were cleared survives
 * them (and the job then goes on from it, not from the first move): cleared again until the
 * first boundary is the first move's.
 */
async function retakeSnapshots(pool) {
  progress(`as-of snapshots of the grown ledger (every ${SNAPSHOT_PERIOD})…`);
  for (let attempt = 1; ; attempt++) {
    await pool.query('DELETE FROM stock_snapshot_days');
    const snapshots = await snapshotsCaughtUp(pool);
    const { complete } = await one(
      pool,
      `SELECT (SELECT min(at) FROM stock_snapshot_days) = ${boundaryAfterFirstMove('stock_moves')} AS complete`,
      [SNAPSHOT_PERIOD_DAYS],
    );
    if (complete) {
      // The catch-up wrote a year of balances at once (millions of rows, where production writes
      // one day's at a time): vacuumed here, as the grown ledger was, autovacuum does not work
      // through them during the measurement that follows.
      progress('VACUUM ANALYZE of the snapshots…');
      await pool.query('VACUUM (ANALYZE) stock_snapshots, stock_snapshot_days');
      return snapshots;
    }
    if (attempt === 5) throw new Error('the snapshots could not be retaken from the first move');
    progress('a boundary taken while the snapshots were cleared survived: clearing them again…');
  }
}

// --- queries -------------------------------------------------------------------------------

/** Checks that a page came back full. */
function full(page) {
  if (page.data.length !== PAGE_SIZE) throw new Error(`a page had ${page.data.length} rows`);
}

/** A timed query's figures, without the page it last answered. */
const timing = ({ last: _page, ...figures }) => figures;

async function timeQuery(api, path, check) {
  const samples = [];
  let last;
  await api.get(path); // warm-up
  const started = performance.now();
  while (samples.length < QUERY_RUNS && performance.now() - started < QUERY_BUDGET_MS) {
    const { ms, value } = await timed(() => api.get(path));
    samples.push(ms);
    last = value;
  }
  check?.(last);
  return { path, total: last.meta.total, rows: last.data.length, last, ...summarize(samples) };
}

async function benchQueries(api, warehouseId) {
  const levels = (page) =>
    `/stock-levels?${new URLSearchParams({ warehouseId, page, limit: PAGE_SIZE })}`;
  const first = await api.get(levels(1));
  const lastPage = Math.ceil(first.meta.total / PAGE_SIZE);
  progress(`stock-levels, page 1 and page ${lastPage} (by number, and by cursor)…`);
  const page1 = await timeQuery(api, levels(1), full);
  const deep = await timeQuery(api, levels(lastPage));
  // The cursor of the page before the last, reached as a client syncing every level would.
  let cursor = first.meta.nextCursor;
  for (let page = 2; page < lastPage; page++)
    cursor = (await api.get(`${levels(page - 1)}&${new URLSearchParams({ cursor })}`)).meta
      .nextCursor;
  const deepByCursor = await timeQuery(
    api,
    `${levels(1)}&${new URLSearchParams({ cursor })}`,
    (page) => {
      if (JSON.stringify(page.data) !== JSON.stringify(deep.last.data) || page.meta.nextCursor)
        throw new Error('the last page by cursor differs from the last page by number');
    },
  );
  return {
    levelsPage1: timing(page1),
    levelsDeepPage: { ...timing(deep), page: lastPage },
    levelsDeepByCursor: { ...timing(deepByCursor), page: lastPage },
    ...(await benchAsOf(api, warehouseId)),
  };
}

/**
 * The instant halfway through the snapshot period around `at` (noon UTC, for daily snapshots),
 * as an ISO string. As-of sums the moves from the nearer snapshot to the instant, so this is its
 * slowest instant of the period; "180 days ago, at the hour the bench runs" made the figure
 * depend on the time of day (after midnight or before it: few moves to sum; at noon, the most).
 */
function halfwayBetweenSnapshots(at) {
  const period = SNAPSHOT_PERIOD_DAYS * DAY;
  return new Date(Math.floor(at / period) * period + period / 2).toISOString();
}

/** As-of now (which must be the current levels, row for row) and 180 days ago, mid-period. */
async function benchAsOf(api, warehouseId) {
  const first = await api.get(
    `/stock-levels?${new URLSearchParams({ warehouseId, page: 1, limit: PAGE_SIZE })}`,
  );
  const asOf = (date) =>
    `/stock-levels/as-of?${new URLSearchParams({ warehouseId, date, page: 1, limit: PAGE_SIZE })}`;
  const now = new Date().toISOString();
  const earlier = halfwayBetweenSnapshots(Date.now() - 180 * DAY);
  progress('as-of now…');
  const asOfNow = await timeQuery(api, asOf(now), (page) => {
    // Nothing posts meanwhile: the ledger summed up to now must be the levels, row for row.
    if (
      page.meta.total !== first.meta.total ||
      JSON.stringify(page.data) !== JSON.stringify(first.data)
    )
      throw new Error('as-of now differs from the current levels');
  });
  progress(`as-of ${earlier} (mid-period)…`);
  const asOfEarlier = await timeQuery(api, asOf(earlier), full);
  return { asOfNow: timing(asOfNow), asOfEarlier: { ...timing(asOfEarlier), date: earlier } };
}

// --- plans -------------------------------------------------------------------------------

/**
 * EXPLAIN (ANALYZE, BUFFERS) of the main reads, on the very SQL the API sends: the compiled
 * repository builds each statement and a stand-in connection explains it, then runs it.
 */
async function explainReads(pool, warehouseId) {
  const { StockLevelsRepository } = distModule('modules/stock-moves/stock-levels.repository.js');
  const repository = new StockLevelsRepository();
  const total = Number(
    (
      await one(
        pool,
        `SELECT count(*)::int AS n FROM stock_levels WHERE warehouse_id = $1 AND quantity <> 0`,
        [warehouseId],
      )
    ).n,
  );
  const deepPage = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const common = { visibleWarehouses: null, warehouseId, limit: PAGE_SIZE };
  // The last row of the page before the last: where a cursor to the last page starts.
  const before = await repository.levels(
    { query: async (text, values) => (await pool.query(text, values)).rows },
    { ...common, page: Math.max(1, deepPage - 1) },
  );
  const row = before.rows[Math.min(before.rows.length, PAGE_SIZE) - 1];
  const lastKey = row && {
    sku: row.sku,
    fullName: row.full_name,
    locationId: row.location_id,
    batchId: row.batch_id,
  };
  const reads = [
    ['stock-levels page 1', (m) => repository.levels(m, { ...common, page: 1 })],
    [`stock-levels page ${deepPage}`, (m) => repository.levels(m, { ...common, page: deepPage })],
    [
      `stock-levels page ${deepPage} by cursor`,
      (m) => repository.levels(m, { ...common, page: 1, after: lastKey }),
    ],
    [
      'as-of now',
      (m) => repository.asOf(m, { ...common, page: 1, date: new Date().toISOString() }),
    ],
    [
      'as-of 180 days ago, halfway between two snapshots',
      (m) =>
        repository.asOf(m, {
          ...common,
          page: 1,
          date: halfwayBetweenSnapshots(Date.now() - 180 * DAY),
        }),
    ],
  ];
  const plans = [];
  for (const [name, read] of reads) {
    let plan = [];
    // Each statement of the read is explained, then run for the rows the next one needs.
    const manager = {
      query: async (text, values) => {
        const { rows } = await pool.query(`EXPLAIN (ANALYZE, BUFFERS) ${text}`, values);
        plan = [...plan, ...(plan.length ? ['--'] : []), ...rows.map((row) => row['QUERY PLAN'])];
        return (await pool.query(text, values)).rows;
      },
    };
    await read(manager);
    plans.push({ name, plan });
  }
  return plans;
}

// --- report --------------------------------------------------------------------------------

const round2 = (value) => round(value, 2);
/** `331 (318–340)`: a median and its range over the runs. */
const ranged = (r, digits = 0) =>
  `${r.median.toFixed(digits)} (${r.min.toFixed(digits)}–${r.max.toFixed(digits)})`;

/** One timed query of the report: its name, runs, p50 and p95, and how many rows match. */
function queryLine(name, q) {
  const ms = (value) => `${value.toFixed(1)} ms`;
  return (
    `          ${name.padEnd(26)} n ${String(q.n).padStart(2)}  p50 ${ms(q.p50).padStart(9)}  ` +
    `p95 ${ms(q.p95).padStart(9)}  (${int(q.total)} rows in all)`
  );
}

/** The as-of of an instant in the report: `as-of 2026-06-04 12:00Z`. */
const asOfName = (iso) => `as-of ${iso.slice(0, 16).replace('T', ' ')}Z`;

function report(results) {
  const {
    database,
    machine,
    seed: s,
    postings,
    big,
    ledger,
    queries,
    integrity,
    largeAsOf: large,
    targets,
  } = results;
  const pass = (ok) => (ok ? 'PASS' : 'FAIL');
  const ms = (value) => `${value.toFixed(1)} ms`;
  const spreadOf = (x, digits) =>
    `${x.median.toFixed(digits)} (${x.min.toFixed(digits)}–${x.max.toFixed(digits)})`;
  const lines = [
    '',
    `StockMaster stock benchmark${QUICK ? ' — QUICK MODE (small sizes, short windows: the figures mean nothing)' : ''}`,
    `  ${database.kind} PostgreSQL ${database.version}; ${machine.cpus} CPU ${machine.cpuModel}; Node ${machine.node}; ` +
      `pgbench: ${results.pgbench ?? 'not found'}`,
    `  The API, PostgreSQL and this load generator share the machine's ${machine.cpus} cores: ` +
      'every figure is of the whole box, not of the API alone. Compare ratios within one run.',
    `  seed      ${int(s.products)} products × ${s.locations} locations = ${int(s.levels)} levels, ` +
      `${int(s.startingMoves)} starting moves, in ${s.seconds} s; ${int(s.tracked)} batch-tracked products`,
    `  postings  one-line transfers of 1 (random product, two random locations), ` +
      `${WINDOW_MS / 1000} s after ${WARMUP_MS / 1000} s warm-up, ${RUNS} runs alternating API and ` +
      'baseline; median (range) of the runs',
    `  baseline  the API's own statements on a pg client (API pool 20, baseline pool 20); ` +
      `statements per posting: ${results.sameStatements}`,
    '   clients  API ops/s         baseline ops/s    API/baseline      API p99      API CPU ms/posting  pgbench tps         API/pgbench',
    ...postings.map((p) =>
      [
        String(p.concurrency).padStart(9),
        ranged(p.api.ops).padStart(18),
        ranged(p.raw.ops).padStart(18),
        ranged(p.ratio, 2).padStart(18),
        ms(p.api.p99.median).padStart(12),
        ranged(p.api.cpuMs, 2).padStart(20),
        (p.pgbench ? ranged(p.pgbench.ops) : '–').padStart(19),
        (p.pgbenchRatio ? ranged(p.pgbenchRatio, 3) : '–').padStart(22),
      ].join(''),
    ),
    ...postings.map(
      (p) =>
        `          ${String(p.concurrency).padStart(2)} clients, last run — API: ${formatCpu(p.lastApi.cpu)}; ` +
        `baseline: ${formatCpu(p.lastRaw.cpu)}`,
    ),
    ...results.errors.map((e) => `          first error: ${e}`),
    `  big ops   ${int(big.lines)} lines, ${BIG_RUNS} runs each; seconds, median (range)`,
    `          transfer (${big.transfer.kilobytes} KB)              create ${ranged(big.transfer.create, 2)}  validate ${ranged(big.transfer.validate, 2)}`,
    `          receipt, inline batches (${big.receipt.kilobytes} KB) create ${ranged(big.receipt.create, 2)}  validate ${ranged(big.receipt.validate, 2)}`,
    `          FEFO delivery (${big.fefo.kilobytes} KB; ${big.fefo.moves.join('/')} moves) create ${ranged(big.fefo.create, 2)}  validate ${ranged(big.fefo.validate, 2)}`,
    `          CPU seconds of each step, median — API process / PostgreSQL (the rest of a step's time is waiting):`,
    ...['transfer', 'receipt', 'fefo'].map(
      (kind) =>
        `            ${kind.padEnd(9)} create ${cpuSplit(big[kind].create)}  validate ${cpuSplit(big[kind].validate)}`,
    ),
    `  ledger    grown ${int(ledger.growth.from)} → ${int(ledger.growth.from + ledger.growth.added)} moves ` +
      `(${int(ledger.growth.operationsAdded)} operations) in ${ledger.growth.seconds} s, ` +
      `VACUUM ANALYZE ${ledger.growth.vacuumSeconds} s`,
    `          API at 32 clients, ${RUNS} runs each: ${spreadOf(ledger.small.ops, 0)} ops/s at ` +
      `${int(Math.min(...ledger.small.moves))}–${int(Math.max(...ledger.small.moves))} moves, ` +
      `${spreadOf(ledger.large.ops, 0)} ops/s at ${int(ledger.large.moves[0])} moves ` +
      `(${ledger.ratio.toFixed(2)}× of the medians; p99 ${ms(ledger.small.p99.median)} → ${ms(ledger.large.p99.median)})`,
    `          as-of snapshots every ${SNAPSHOT_PERIOD}: ${ledger.snapshots.boundaries} boundaries, ` +
      `${int(ledger.snapshots.balances)} balances, taken by the API's job in ${ledger.snapshots.seconds} s`,
    `  queries   over ${int(queries.moves)} moves, ${PAGE_SIZE} rows a page (client time)`,
    queryLine('stock-levels page 1', queries.levelsPage1),
    queryLine(`stock-levels page ${queries.levelsDeepPage.page}`, queries.levelsDeepPage),
    queryLine(`  the same by cursor`, queries.levelsDeepByCursor),
    queryLine('as-of now', queries.asOfNow),
    queryLine(asOfName(queries.asOfEarlier.date), queries.asOfEarlier),
    `  integrity ok: ${integrity.ok} (${int(integrity.checkedLevels)} levels, ` +
      `${integrity.mismatches} mismatches, ${integrity.negativeLevels} negative) in ${integrity.seconds} s`,
    `  as-of     over ${int(large.moves)} moves (grown in ${large.growth.seconds} s; snapshots: ` +
      `${large.snapshots.boundaries} boundaries, ${int(large.snapshots.balances)} balances, ${large.snapshots.seconds} s)`,
    queryLine('as-of now', large.asOfNow),
    queryLine(asOfName(large.asOfEarlier.date), large.asOfEarlier),
    `          p95 at ${int(large.moves)} / at ${int(queries.moves)} moves: ` +
      `now ${(large.asOfNow.p95 / queries.asOfNow.p95).toFixed(2)}×, ` +
      `180 days ago ${(large.asOfEarlier.p95 / queries.asOfEarlier.p95).toFixed(2)}×`,
  ];
  const statements = ledger.large.statements;
  if (statements) {
    lines.push(
      '  statements of the API at 32 clients on the grown ledger (pg_stat_statements; mean ms incl. lock waits):',
    );
    for (const st of statements.slice(0, 10))
      lines.push(
        `          ${String(Math.round(st.calls / ((WINDOW_MS + WARMUP_MS) / 1000))).padStart(7)}/s ` +
          `${st.mean_ms.toFixed(3).padStart(8)}  ${st.query.slice(0, 100)}`,
      );
  }
  for (const { name, plan } of results.plans) {
    lines.push(`  EXPLAIN (ANALYZE, BUFFERS) ${name}:`, ...plan.map((line) => `      ${line}`));
  }
  lines.push('', '  targets (issue 17)');
  for (const target of targets)
    lines.push(`    ${pass(target.pass)}  ${target.name}: ${target.value}`);
  console.log(lines.join('\n'));
}

// --- main ----------------------------------------------------------------------------------

/**
 * `--postings-only [--clients=N]`: the API and baseline postings at 32 clients (or N) and nothing
 * else, with the statements pg_stat_statements saw: the quick loop for work on the posting path.
 */
async function postingsOnly({ apiCommon, api1, raw1, clients }) {
  const api = await measurePostings({
    ...apiCommon,
    label: 'API',
    concurrency: clients,
    post: api1,
    seed: 1,
  });
  const raw = await measurePostings({
    ...apiCommon,
    label: 'baseline',
    concurrency: clients,
    post: raw1,
    seed: 2,
  });
  const ms = (value) => `${value.toFixed(1)} ms`;
  const lines = [
    '',
    `  ${clients} clients  API ${api.opsPerSecond.toFixed(0)}/s (p50 ${ms(api.latency.p50)}, p99 ${ms(api.latency.p99)}, ${api.errors} errors)` +
      `  baseline ${raw.opsPerSecond.toFixed(0)}/s (p50 ${ms(raw.latency.p50)}, p99 ${ms(raw.latency.p99)}, ${raw.errors} errors)` +
      `  API/baseline ${(api.opsPerSecond / raw.opsPerSecond).toFixed(2)}`,
    `  API: ${formatCpu(api.cpu)}; ${api.cpuMsPerPosting.toFixed(2)} ms of API CPU per posting; ${serverCost(api)}`,
    `  baseline: ${formatCpu(raw.cpu)}; ${serverCost(raw)}`,
    ...[api, raw].filter((r) => r.firstError).map((r) => `  first error: ${r.firstError}`),
  ];
  const same = statementDifferences(api, raw);
  if (same)
    lines.push(
      `  statement differences: ${same.differences.length ? same.differences.join('; ') : 'none'}`,
    );
  if (api.statements) {
    const seconds = WINDOW_MS / 1000 + WARMUP_MS / 1000;
    lines.push('  statements of the API (pg_stat_statements): calls/s, mean ms, statement');
    for (const st of api.statements.slice(0, 20))
      lines.push(
        `  ${String(Math.round(st.calls / seconds)).padStart(7)} ${st.mean_ms.toFixed(3).padStart(8)}  ${st.query.slice(0, 110)}`,
      );
  }
  console.log(lines.join('\n'));
}

/** What a posting cost the server in a run: its CPU (when local) and the WAL it wrote. */
function serverCost(run) {
  const cpu =
    run.cpu.postgresMs === null
      ? ''
      : `${(run.cpu.postgresMs / run.completed).toFixed(2)} ms of PostgreSQL CPU, `;
  return `${cpu}${run.walPerPosting.kilobytes.toFixed(1)} kB of WAL (${run.walPerPosting.fullPages.toFixed(2)} full pages) per posting`;
}

/**
 * `--growth-only`: the API at 32 clients on the seeded ledger and again once it has grown to
 * LEDGER_TARGET moves, `RUNS` times each, with the WAL written and the statements' mean times
 * on both: the quick loop for work on the growth ratio.
 */
async function growthOnly({ apiCommon, api1, pool, fixture, productIds }) {
  const side = async (label, seedBase) => {
    const runs = [];
    for (let run = 1; run <= RUNS; run++)
      runs.push(
        await measurePostings({
          ...apiCommon,
          label: `API ${label} (run ${run} of ${RUNS})`,
          concurrency: 32,
          post: api1,
          seed: seedBase + run,
        }),
      );
    return runs;
  };
  const small = await side('on the seeded ledger', 0);
  await grow(pool, fixture, productIds, LEDGER_TARGET);
  await retakeSnapshots(pool);
  const large = await side('on the grown ledger', 100);
  const ops = (runs) => spread(runs.map((r) => r.opsPerSecond));
  const describe = (name, runs) => {
    const last = runs.at(-1);
    const o = ops(runs);
    return [
      `  ${name}: ${o.median.toFixed(0)}/s (${o.min.toFixed(0)}–${o.max.toFixed(0)}) at ${int(runs[0].movesBefore)} moves, ` +
        `p99 ${last.latency.p99.toFixed(1)} ms, API CPU ${last.cpuMsPerPosting.toFixed(2)} ms/posting, ${serverCost(last)}`,
      ...(last.statements ?? [])
        .slice(0, 8)
        .map(
          (st) =>
            `    ${(st.calls / last.completed).toFixed(2).padStart(5)}/posting ${st.mean_ms.toFixed(3).padStart(8)} ms  ${st.query.slice(0, 100)}`,
        ),
    ];
  };
  console.log(
    [
      '',
      ...describe('seeded', small),
      ...describe('grown', large),
      `  growth ratio ${(ops(large).median / ops(small).median).toFixed(2)}× (target ≥ ${TARGETS.growthRatio}×)`,
    ].join('\n'),
  );
}

/**
 * `--as-of-only`: the ledger grown to LEDGER_TARGET and then LARGE_LEDGER_TARGET moves, with its
 * snapshots retaken each time, and as-of now and mid-period measured on both (no postings): the
 * quick loop for work on as-of. With BENCH_KEEP_DATABASE=1 the 10M-move database stays behind.
 */
async function asOfOnly({ api, pool, fixture, productIds, warehouseId }) {
  const lines = [''];
  for (const target of [LEDGER_TARGET, LARGE_LEDGER_TARGET]) {
    const growth = await grow(pool, fixture, productIds, target);
    const snapshots = await retakeSnapshots(pool);
    const moves = await countMoves(pool);
    const { asOfNow, asOfEarlier } = await benchAsOf(api, warehouseId);
    lines.push(
      `  ${int(moves)} moves (grown in ${growth.seconds} s, snapshots retaken in ${snapshots.seconds} s)`,
      queryLine('as-of now', asOfNow),
      queryLine(asOfName(asOfEarlier.date), asOfEarlier),
    );
  }
  console.log(lines.join('\n'));
}

/** Postings at every concurrency, `RUNS` times, API and baseline alternating (and pgbench). */
async function postingRuns({ apiCommon, api1, raw1, pgbenchRun }) {
  const byConcurrency = new Map(CONCURRENCY.map((c) => [c, { api: [], raw: [], pgbench: [] }]));
  const checks = [];
  for (let run = 1; run <= RUNS; run++) {
    // Odd runs measure the API first, even runs the baseline first: neither always gets the
    // fresher machine.
    const order = run % 2 ? ['api', 'raw'] : ['raw', 'api'];
    for (const concurrency of CONCURRENCY) {
      const slot = byConcurrency.get(concurrency);
      for (const side of order) {
        const label = `${side === 'api' ? 'API' : 'baseline'} (run ${run} of ${RUNS})`;
        const post = side === 'api' ? api1 : raw1;
        slot[side].push(
          await measurePostings({
            ...apiCommon,
            label,
            concurrency,
            post,
            seed: run * 10 + (side === 'api' ? 1 : 2),
          }),
        );
      }
      checks.push(statementDifferences(slot.api.at(-1), slot.raw.at(-1)));
      if (pgbenchRun) slot.pgbench.push(await pgbenchRun(concurrency));
    }
  }
  const postings = CONCURRENCY.map((concurrency) => {
    const { api, raw, pgbench } = byConcurrency.get(concurrency);
    return {
      concurrency,
      api: {
        ops: spread(api.map((r) => r.opsPerSecond)),
        p99: spread(api.map((r) => r.latency.p99)),
        cpuMs: spread(api.map((r) => r.cpuMsPerPosting)),
        movesBefore: api.map((r) => r.movesBefore),
        errors: api.reduce((sum, r) => sum + r.errors, 0),
      },
      raw: {
        ops: spread(raw.map((r) => r.opsPerSecond)),
        p99: spread(raw.map((r) => r.latency.p99)),
        errors: raw.reduce((sum, r) => sum + r.errors, 0),
      },
      // The ratio of each run's pair, then their median: pairs ran back to back.
      ratio: spread(api.map((r, i) => r.opsPerSecond / raw[i].opsPerSecond)),
      pgbench: pgbench.length ? { ops: spread(pgbench.map((r) => r.opsPerSecond)) } : null,
      pgbenchRatio: pgbench.length
        ? spread(api.map((r, i) => r.opsPerSecond / pgbench[i].opsPerSecond))
        : null,
      lastApi: api.at(-1),
      lastRaw: raw.at(-1),
    };
  });
  const known = checks.filter(Boolean);
  const differences = [...new Set(known.flatMap((c) => c.differences))];
  const sameStatements = !known.length
    ? 'not checked (pg_stat_statements not loaded)'
    : differences.length
      ? `DIFFERENT — ${differences.join('; ')}`
      : `identical (${known[0].statements} statements, checked on every pair)`;
  const errors = [...byConcurrency.values()]
    .flatMap((slot) => [...slot.api, ...slot.raw])
    .filter((r) => r.firstError)
    .map((r) => `${r.concurrency} clients: ${r.firstError}`)
    .slice(0, 4);
  return { postings, sameStatements, errors };
}

/** `--clients=N` of `--postings-only`: 32 unless given. */
function postingClients() {
  const clients = Number(
    process.argv.find((arg) => arg.startsWith('--clients='))?.slice('--clients='.length) ?? 32,
  );
  if (!Number.isInteger(clients) || clients < 1)
    throw new Error('--clients= takes a whole number of clients, 1 or more');
  return clients;
}

async function main(cleanup) {
  const wantJson = process.argv.includes('--json');
  const clients = postingClients();
  const { database, server, api } = await benchApi(cleanup, progress, {
    prefix: 'sm_bench_stock',
    settings: { shared_preload_libraries: 'pg_stat_statements' },
    env: {
      STOCK_SNAPSHOT_INTERVAL_MS: '2000',
      STOCK_SNAPSHOT_PERIOD_DAYS: String(SNAPSHOT_PERIOD_DAYS),
    },
  });
  const poster = jsonPoster(server.url, api.token);
  cleanup.add('close the HTTP agent', () => poster.close());
  // The baseline gets the API's pool size.
  const pool = new pg.Pool({ connectionString: database.url, max: 20, application_name: 'bench' });
  cleanup.add('close the benchmark pool', () => pool.end());
  const stats = await statementStats(pool);
  if (!stats) progress('pg_stat_statements is not loaded on this server: no statement figures');
  if ((await one(pool, `SELECT current_setting('autovacuum') AS on`)).on !== 'on')
    progress('autovacuum is off on this server: nothing vacuums what the runs leave behind');

  const { warehouse, locationIds } = await createWarehouse(api);
  const user = await one(pool, `SELECT id, email FROM users ORDER BY created_at LIMIT 1`);
  const fixture = { warehouse, locationIds, user };
  const { productIds, summary: seeded } = await seed(pool, fixture);
  const trackedIds = await seedTrackedProducts(pool, TRACKED_PRODUCTS);
  seeded.tracked = trackedIds.length;
  progress('waiting for the as-of snapshots of the seed…');
  await snapshotsCaughtUp(pool);
  const workload = { productIds, locationIds };
  // The server's postmaster (a backend's parent), for the CPU split; null when not local.
  const postmasterPid = parentPid((await one(pool, 'SELECT pg_backend_pid() AS pid')).pid);
  const common = { workload, pool, apiPid: server.pid, postmasterPid };
  const apiCommon = { ...common, stats };

  const api1 = apiPost(poster, warehouse.id);
  const raw1 = rawPoster(pool, { warehouse, user });
  if (process.argv.includes('--as-of-only'))
    return asOfOnly({ api, pool, fixture, productIds, warehouseId: warehouse.id });
  if (!process.argv.includes('--big-operation-only')) await warmUp({ apiCommon, api1, raw1 });
  if (process.argv.includes('--postings-only'))
    return postingsOnly({ apiCommon, api1, raw1, clients });
  if (process.argv.includes('--growth-only'))
    return growthOnly({ apiCommon, api1, pool, fixture, productIds });
  const today = (await one(pool, `SELECT current_date::text AS today`)).today;
  if (process.argv.includes('--big-operation-only')) {
    // The 10,000-line operations alone, with the statements they ran.
    await stats?.reset();
    const big = await bigOperations(api, common, fixture, productIds, trackedIds, today);
    if (process.argv.includes('--json')) console.log(JSON.stringify(big, null, 2));
    for (const kind of ['transfer', 'receipt', 'fefo'])
      for (const step of ['create', 'validate'])
        console.log(
          `${kind.padEnd(9)} ${step.padEnd(9)} ${ranged(big[kind][step], 2)} s; CPU ${cpuSplit(big[kind][step])}`,
        );
    for (const st of (await stats?.top(15)) ?? [])
      console.log(
        `${String(st.calls).padStart(7)} ${st.total_ms.toFixed(0).padStart(7)} ms  ${st.query.slice(0, 110)}`,
      );
    return;
  }

  const pgbench = findPgbench();
  let pgbenchRun = null;
  if (pgbench) {
    await pgbenchTables(pool, workload);
    const dir = mkdtempSync(join(os.tmpdir(), 'sm-bench-pgbench-'));
    cleanup.add(`remove ${dir}`, () => rmSync(dir, { recursive: true, force: true }));
    const scriptFile = join(dir, 'posting.sql');
    writeFileSync(
      scriptFile,
      pgbenchScript({
        warehouse,
        user,
        products: productIds.length,
        locations: locationIds.length,
      }),
    );
    pgbenchRun = (concurrency) =>
      runPgbench({ pgbench, url: database.url, scriptFile, concurrency, pool });
  } else progress('pgbench not found: no physical reference');

  const { postings, sameStatements, errors } = await postingRuns({
    apiCommon,
    api1,
    raw1,
    pgbenchRun,
  });
  const big = await bigOperations(api, common, fixture, productIds, trackedIds, today);

  const growth = await grow(pool, fixture, productIds, LEDGER_TARGET);
  const snapshots = await retakeSnapshots(pool);
  // As many runs as the 32-client API runs of the posting runs it is compared with.
  const largeRuns = [];
  for (let run = 1; run <= RUNS; run++)
    largeRuns.push(
      await measurePostings({
        ...apiCommon,
        label: `API on the grown ledger (run ${run} of ${RUNS})`,
        concurrency: 32,
        post: api1,
        seed: 100 + run,
      }),
    );
  const at32 = postings.find((p) => p.concurrency === 32);
  const ledger = {
    small: { ops: at32.api.ops, p99: at32.api.p99, moves: at32.api.movesBefore },
    large: {
      ops: spread(largeRuns.map((r) => r.opsPerSecond)),
      p99: spread(largeRuns.map((r) => r.latency.p99)),
      moves: largeRuns.map((r) => r.movesBefore),
      statements: largeRuns.at(-1).statements,
    },
    growth,
    snapshots,
  };
  ledger.ratio = round(ledger.large.ops.median / ledger.small.ops.median);

  const queries = { moves: await countMoves(pool), ...(await benchQueries(api, warehouse.id)) };
  progress('EXPLAIN of the main reads…');
  const plans = await explainReads(pool, warehouse.id);
  progress('integrity check…');
  const checked = await timed(() => api.get('/stock/integrity'));
  const integrity = {
    ok: checked.value.ok,
    checkedLevels: checked.value.checkedLevels,
    mismatches: checked.value.mismatches.length,
    negativeLevels: checked.value.negativeLevels.length,
    seconds: round(checked.ms / 1000, 1),
  };

  const largeGrowth = await grow(pool, fixture, productIds, LARGE_LEDGER_TARGET);
  const largeSnapshots = await retakeSnapshots(pool);
  const largeAsOf = {
    moves: await countMoves(pool),
    growth: largeGrowth,
    snapshots: largeSnapshots,
    ...(await benchAsOf(api, warehouse.id)),
  };

  const at = (c) => postings.find((p) => p.concurrency === c);
  const targets = [
    ...CONCURRENCY.map((c) => ({
      name: `API/baseline at ${c} clients ≥ ${TARGETS.apiRawRatio}`,
      value: round2(at(c).ratio.median),
      pass: at(c).ratio.median >= TARGETS.apiRawRatio,
    })),
    ...(at(32).pgbenchRatio
      ? [
          {
            name: `API/pgbench at 32 clients ≥ ${TARGETS.apiPgbenchRatio}`,
            value: round(at(32).pgbenchRatio.median, 3),
            pass: at(32).pgbenchRatio.median >= TARGETS.apiPgbenchRatio,
          },
        ]
      : []),
    {
      name: `API CPU per posting at 32 clients ≤ ${TARGETS.cpuMsPerPosting} ms`,
      value: `${round2(at(32).api.cpuMs.median)} ms`,
      pass: at(32).api.cpuMs.median <= TARGETS.cpuMsPerPosting,
    },
    {
      name: `API at 32 clients on the grown ledger ≥ ${TARGETS.growthRatio}× (medians of ${RUNS} runs)`,
      value: `${ledger.ratio}×`,
      pass: ledger.ratio >= TARGETS.growthRatio,
    },
    {
      name: `${int(BIG_OPERATION_LINES)}-line transfer validate < ${TARGETS.transferSeconds} s`,
      value: `${round2(big.transfer.validate.median)} s`,
      pass: big.transfer.validate.median < TARGETS.transferSeconds,
    },
    {
      name: `${int(BIG_OPERATION_LINES)}-line FEFO delivery validate < ${TARGETS.fefoSeconds} s`,
      value: `${round2(big.fefo.validate.median)} s`,
      pass: big.fefo.validate.median < TARGETS.fefoSeconds,
    },
    {
      name: `${int(BIG_OPERATION_LINES)}-line receipt with inline batches validate < ${TARGETS.receiptSeconds} s`,
      value: `${round2(big.receipt.validate.median)} s`,
      pass: big.receipt.validate.median < TARGETS.receiptSeconds,
    },
    {
      name: `stock-levels page 1 p95 < ${TARGETS.levelsFirstPageMs} ms`,
      value: `${round(queries.levelsPage1.p95, 1)} ms`,
      pass: queries.levelsPage1.p95 < TARGETS.levelsFirstPageMs,
    },
    {
      name: `stock-levels page ${queries.levelsDeepByCursor.page} by cursor p95 < ${TARGETS.levelsDeepPageMs} ms`,
      value: `${round(queries.levelsDeepByCursor.p95, 1)} ms`,
      pass: queries.levelsDeepByCursor.p95 < TARGETS.levelsDeepPageMs,
    },
    ...[
      ['now', queries.asOfNow, queries.moves],
      ['180 days ago (mid-period)', queries.asOfEarlier, queries.moves],
      ['now', largeAsOf.asOfNow, largeAsOf.moves],
      ['180 days ago (mid-period)', largeAsOf.asOfEarlier, largeAsOf.moves],
    ].map(([when, q, moves]) => ({
      name: `as-of ${when} at ${int(moves)} moves p95 < ${TARGETS.asOfMs} ms`,
      value: `${round(q.p95, 1)} ms`,
      pass: q.p95 < TARGETS.asOfMs,
    })),
    { name: 'integrity', value: integrity.ok ? 'ok' : 'BROKEN', pass: integrity.ok },
  ];
  const results = {
    quick: QUICK,
    database: { kind: database.kind, version: database.version },
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version },
    pgbench: pgbench?.version ?? null,
    seed: seeded,
    postings,
    sameStatements,
    errors,
    big,
    ledger,
    queries,
    integrity,
    largeAsOf,
    plans,
    targets,
  };
  report(results);
  if (wantJson) {
    console.log(
      JSON.stringify(
        { ...results, postings: postings.map(({ lastApi: _api, lastRaw: _raw, ...p }) => p) },
        null,
        2,
      ),
    );
  }
  if (!integrity.ok) throw new Error('the integrity check failed: levels and ledger disagree');
}

await runBenchmark(main);
