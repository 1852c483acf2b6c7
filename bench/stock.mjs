// Stock benchmark (`npm run bench:stock [-- --json | --postings-only | --big-operation-only]`): seeds 2,000 products × 10 locations, then
// measures one-line postings per second through the HTTP API at 1, 8 and 32 clients against the
// same transaction hand-written with `pg` (the ceiling), the validation of a 10,000-line
// operation, posting throughput as the ledger grows to 1,000,000 moves, and the stock-level and
// as-of queries over that ledger. It measures and reports; missing a target still exits 0.
//
// Runs on an embedded PostgreSQL in a temp folder (default settings, fsync on; pg_stat_statements
// loaded for the diagnosis), or on a fresh database of the server named by BENCH_DATABASE_URL
// (a superuser URL, e.g. postgres://postgres@127.0.0.1:5432/postgres).
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { buildIfNeeded } from '../scripts/lib/build.mjs';
import { apiClient, startApi } from './lib/api.mjs';
import { provisionDatabase } from './lib/database.mjs';
import { runBenchmark } from './lib/harness.mjs';
import { closedLoop, cpuSample, formatCpu, jsonPoster, parentPid } from './lib/load.mjs';
import { rawPoster } from './lib/raw-posting.mjs';
import { formatSummary, int, seededRandom, summarize, timed } from './lib/stats.mjs';
import { growLedger, seedStartingStock, seedStockProducts } from './lib/stock-seed.mjs';

const PRODUCTS = 2_000;
const LOCATIONS = 10;
const STARTING_QUANTITY = '100000'; // per level: random transfers of 1 never run a level dry
const CONCURRENCY = [1, 8, 32];
const WARMUP_MS = 2_000;
const WINDOW_MS = 10_000;
const BIG_OPERATION_LINES = 10_000; // the API's limit per operation
const LEDGER_TARGET = 1_000_000;
const GROW_BATCH = 100_000;
const GROWN_LINES_PER_OPERATION = 5;
const QUERY_RUNS = 20;
const QUERY_BUDGET_MS = 30_000; // per query kind: fewer runs when a query is slow
const PAGE_SIZE = 50;
const DAY = 86_400_000;
const TARGETS = { apiRawRatio: 0.5, validateSeconds: 2, growthRatio: 0.9 };

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
        `SELECT calls::int, round(total_exec_time::numeric, 1)::float8 AS total_ms,
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
  await pool.query('CHECKPOINT'); // every run starts from the same WAL state
  const movesBefore = await countMoves(pool);
  await stats?.reset();
  progress(`${label}: ${concurrency} client(s), ${WARMUP_MS / 1000} s + ${WINDOW_MS / 1000} s…`);
  const next = Array.from({ length: concurrency }, (_, loop) =>
    transfers(workload.productIds, workload.locationIds, seed * 1000 + loop),
  );
  const cpu = cpuSample(apiPid, postmasterPid);
  const result = await closedLoop({
    concurrency,
    warmupMs: WARMUP_MS,
    durationMs: WINDOW_MS,
    op: (loop) => post(next[loop]()),
  });
  const cpuUse = cpu.stop();
  return { ...result, cpu: cpuUse, movesBefore, statements: (await stats?.top(25)) ?? null };
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

// --- the 10,000-line operation -------------------------------------------------------------

async function bigOperation(api, { warehouse, locationIds }, productIds) {
  // Header locations and compact lines keep the body under the 1 MB limit (about 0.6 MB).
  const lines = Array.from({ length: BIG_OPERATION_LINES }, (_, i) => ({
    productId: productIds[i % productIds.length],
    quantity: '1',
  }));
  const body = {
    type: 'transfer',
    warehouseId: warehouse.id,
    sourceLocationId: locationIds[0],
    destinationLocationId: locationIds[1],
    lines,
  };
  const kilobytes = Math.round(Buffer.byteLength(JSON.stringify(body)) / 1024);
  progress(`creating a ${int(BIG_OPERATION_LINES)}-line transfer (${kilobytes} KB)…`);
  const created = await timed(() => api.post('/operations', body));
  if (created.value.status !== 'draft' || created.value.lines.length !== BIG_OPERATION_LINES)
    throw new Error(
      `the draft came back ${created.value.status} with ${created.value.lines.length} lines`,
    );
  progress('validating it…');
  const validated = await timed(() => api.post(`/operations/${created.value.id}/validate`));
  if (validated.value.status !== 'done' || validated.value.moves.length !== BIG_OPERATION_LINES)
    throw new Error(
      `validation answered ${validated.value.status} with ${validated.value.moves.length} moves`,
    );
  return {
    lines: BIG_OPERATION_LINES,
    distinctLevels: Math.min(BIG_OPERATION_LINES, productIds.length) * 2,
    requestKilobytes: kilobytes,
    createSeconds: round(created.ms / 1000),
    validateSeconds: round(validated.ms / 1000),
  };
}

// --- ledger growth -------------------------------------------------------------------------

async function grow(pool, fixture, productIds) {
  const current = await countMoves(pool);
  const count = Math.max(0, LEDGER_TARGET - current);
  progress(`growing the ledger from ${int(current)} to ${int(LEDGER_TARGET)} moves…`);
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

// --- queries -------------------------------------------------------------------------------

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
  return { path, total: last.meta.total, rows: last.data.length, ...summarize(samples) };
}

async function benchQueries(api, warehouseId) {
  const levels = (page) =>
    `/stock-levels?${new URLSearchParams({ warehouseId, page, limit: PAGE_SIZE })}`;
  const asOf = (date) =>
    `/stock-levels/as-of?${new URLSearchParams({ warehouseId, date, page: 1, limit: PAGE_SIZE })}`;
  const first = await api.get(levels(1));
  const lastPage = Math.ceil(first.meta.total / PAGE_SIZE);
  const full = (page) => {
    if (page.data.length !== PAGE_SIZE) throw new Error(`a page had ${page.data.length} rows`);
  };
  progress(`stock-levels, page 1 and page ${lastPage}…`);
  const page1 = await timeQuery(api, levels(1), full);
  const deep = await timeQuery(api, levels(lastPage));
  const now = new Date().toISOString();
  const earlier = new Date(Date.now() - 180 * DAY).toISOString();
  progress('as-of now…');
  const asOfNow = await timeQuery(api, asOf(now), (page) => {
    // Nothing posts meanwhile: the ledger summed up to now must be the levels, row for row.
    if (
      page.meta.total !== first.meta.total ||
      JSON.stringify(page.data) !== JSON.stringify(first.data)
    )
      throw new Error('as-of now differs from the current levels');
  });
  progress(`as-of ${earlier.slice(0, 10)}…`);
  const asOfEarlier = await timeQuery(api, asOf(earlier), full);
  return {
    levelsPage1: page1,
    levelsDeepPage: { ...deep, page: lastPage },
    asOfNow,
    asOfEarlier: { ...asOfEarlier, date: earlier },
  };
}

// --- report --------------------------------------------------------------------------------

function report(results) {
  const { database, machine, seed: s, postings, bigOperation: big, ledger, queries } = results;
  const { integrity, targets } = results;
  const pass = (ok) => (ok ? 'PASS' : 'FAIL');
  const ms = (value) => `${value.toFixed(1)} ms`;
  const row = (cells, widths) => cells.map((cell, i) => String(cell).padStart(widths[i])).join('');
  const widths = [9, 11, 10, 10, 8, 11, 10, 10, 8, 9];
  const query = (name, q) =>
    `          ${name.padEnd(26)} n ${String(q.n).padStart(2)}  p50 ${ms(q.p50).padStart(9)}  ` +
    `p95 ${ms(q.p95).padStart(9)}  (${int(q.total)} rows in all)`;
  const lines = [
    '',
    `StockMaster stock benchmark (${database.kind} PostgreSQL ${database.version}; ` +
      `${machine.cpus} CPU ${machine.cpuModel}; Node ${machine.node})`,
    `  The API, PostgreSQL and this load generator share the machine's ${machine.cpus} cores: ` +
      'every figure is of the whole box, not of the API alone.',
    `  seed      ${int(s.products)} products × ${s.locations} locations = ${int(s.levels)} levels, ` +
      `${int(s.startingMoves)} starting moves, in ${s.seconds} s`,
    `  postings  one-line transfers of 1 (random product, two random locations), ` +
      `${WINDOW_MS / 1000} s after ${WARMUP_MS / 1000} s warm-up; API pool 20, raw pool 20`,
    row(
      [
        'clients',
        'API ops/s',
        'p50',
        'p99',
        'errors',
        'raw ops/s',
        'p50',
        'p99',
        'errors',
        'API/raw',
      ],
      widths,
    ),
    ...postings.map((p) =>
      row(
        [
          p.concurrency,
          p.api.opsPerSecond.toFixed(0),
          ms(p.api.latency.p50),
          ms(p.api.latency.p99),
          p.api.errors,
          p.raw.opsPerSecond.toFixed(0),
          ms(p.raw.latency.p50),
          ms(p.raw.latency.p99),
          p.raw.errors,
          p.ratio.toFixed(2),
        ],
        widths,
      ),
    ),
    ...postings.flatMap((p) => [
      `          ${String(p.concurrency).padStart(2)} clients, API: ${formatCpu(p.api.cpu)}`,
      `          ${String(p.concurrency).padStart(2)} clients, raw: ${formatCpu(p.raw.cpu)}`,
    ]),
    ...postings
      .flatMap((p) => [p.api, p.raw])
      .filter((r) => r.firstError)
      .map((r) => `          first error (${r.concurrency} clients): ${r.firstError}`),
    `  big op    ${int(big.lines)}-line transfer (${int(big.distinctLevels)} levels, ${big.requestKilobytes} KB): ` +
      `create ${big.createSeconds.toFixed(2)} s, validate ${big.validateSeconds.toFixed(2)} s`,
    `  ledger    grown ${int(ledger.growth.from)} → ${int(ledger.growth.from + ledger.growth.added)} moves ` +
      `(${int(ledger.growth.operationsAdded)} operations) in ${ledger.growth.seconds} s, ` +
      `VACUUM ANALYZE ${ledger.growth.vacuumSeconds} s`,
    `          API at 32 clients: ${ledger.small.opsPerSecond.toFixed(0)} ops/s at ${int(ledger.small.movesBefore)} moves, ` +
      `${ledger.large.opsPerSecond.toFixed(0)} ops/s at ${int(ledger.large.movesBefore)} moves ` +
      `(${ledger.ratio.toFixed(2)}×; p99 ${ms(ledger.small.latency.p99)} → ${ms(ledger.large.latency.p99)})`,
    `          ${formatCpu(ledger.large.cpu)}`,
    `  queries   over ${int(queries.moves)} moves, ${PAGE_SIZE} rows a page (client time)`,
    query('stock-levels page 1', queries.levelsPage1),
    query(`stock-levels page ${queries.levelsDeepPage.page}`, queries.levelsDeepPage),
    query('as-of now', queries.asOfNow),
    query(`as-of ${queries.asOfEarlier.date.slice(0, 10)}`, queries.asOfEarlier),
    `  integrity ok: ${integrity.ok} (${int(integrity.checkedLevels)} levels, ` +
      `${integrity.mismatches} mismatches, ${integrity.negativeLevels} negative) in ${integrity.seconds} s`,
  ];
  if (ledger.small.statements && ledger.large.statements) {
    // Mean execution time (lock waits included) per statement of the API's postings at 32
    // clients, on the small and the grown ledger: where the time of a posting goes.
    const before = new Map(ledger.small.statements.map((st) => [st.query, st]));
    lines.push(
      '  statements of the API at 32 clients (pg_stat_statements; mean ms incl. lock waits):',
      '          calls/s  mean ~10^4   mean 1M  statement',
    );
    for (const st of ledger.large.statements.slice(0, 10)) {
      const small = before.get(st.query);
      lines.push(
        `          ${String(Math.round(st.calls / (WINDOW_MS / 1000 + WARMUP_MS / 1000))).padStart(7)}` +
          `${(small ? small.mean_ms.toFixed(2) : '–').padStart(12)}${st.mean_ms.toFixed(2).padStart(10)}  ` +
          st.query.slice(0, 80),
      );
    }
  }
  lines.push(
    '',
    `  API ≥ ${TARGETS.apiRawRatio * 100}% of raw SQL at 32 clients: ${pass(targets.apiRawRatio.pass)} ` +
      `(${targets.apiRawRatio.value.toFixed(2)})`,
    `  ${int(BIG_OPERATION_LINES)}-line validate < ${TARGETS.validateSeconds} s: ${pass(targets.validate.pass)} ` +
      `(${targets.validate.value.toFixed(2)} s)`,
    `  throughput at 1M moves ≥ at ~10^4 (within ${Math.round((1 - TARGETS.growthRatio) * 100)}% run-to-run noise): ` +
      `${pass(targets.growth.pass)} (${targets.growth.value.toFixed(2)}×)`,
    `  integrity: ${integrity.ok ? 'ok' : 'BROKEN'}`,
  );
  console.log(lines.join('\n'));
}

// --- main ----------------------------------------------------------------------------------

/**
 * `--postings-only`: the API and raw-SQL postings at 32 clients and nothing else, with the
 * statements pg_stat_statements saw: the quick loop for work on the posting path.
 */
async function postingsOnly({ apiCommon, common, api1, raw1 }) {
  const api = await measurePostings({
    ...apiCommon,
    label: 'API',
    concurrency: 32,
    post: api1,
    seed: 1,
  });
  const raw = await measurePostings({
    ...common,
    label: 'raw SQL',
    concurrency: 32,
    post: raw1,
    seed: 2,
  });
  const ms = (value) => `${value.toFixed(1)} ms`;
  const lines = [
    '',
    `  32 clients  API ${api.opsPerSecond.toFixed(0)}/s (p50 ${ms(api.latency.p50)}, p99 ${ms(api.latency.p99)}, ${api.errors} errors)` +
      `  raw ${raw.opsPerSecond.toFixed(0)}/s (p50 ${ms(raw.latency.p50)}, p99 ${ms(raw.latency.p99)}, ${raw.errors} errors)` +
      `  API/raw ${(api.opsPerSecond / raw.opsPerSecond).toFixed(2)}`,
    `  API: ${formatCpu(api.cpu)}`,
    `  raw: ${formatCpu(raw.cpu)}`,
    ...[api, raw].filter((r) => r.firstError).map((r) => `  first error: ${r.firstError}`),
  ];
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

async function main(cleanup) {
  const wantJson = process.argv.includes('--json');
  buildIfNeeded(['API']);
  const database = await provisionDatabase(cleanup, 'sm_bench_stock', {
    settings: { shared_preload_libraries: 'pg_stat_statements' },
  });
  progress(`PostgreSQL ${database.version} (${database.kind}: ${database.where})`);
  const server = await startApi(cleanup, database.url);
  const api = apiClient(server.url);
  await api.setupAdmin();
  const poster = jsonPoster(server.url, api.token);
  cleanup.add('close the HTTP agent', () => poster.close());
  // The raw-SQL side gets the API's pool size.
  const pool = new pg.Pool({ connectionString: database.url, max: 20, application_name: 'bench' });
  cleanup.add('close the benchmark pool', () => pool.end());
  const stats = await statementStats(pool);
  if (!stats) progress('pg_stat_statements is not loaded on this server: no statement figures');

  const { warehouse, locationIds } = await createWarehouse(api);
  const user = await one(pool, `SELECT id, email FROM users ORDER BY created_at LIMIT 1`);
  const fixture = { warehouse, locationIds, user };
  const { productIds, summary: seeded } = await seed(pool, fixture);
  const workload = { productIds, locationIds };
  // The server's postmaster (a backend's parent), for the CPU split; null when not local.
  const postmasterPid = parentPid((await one(pool, 'SELECT pg_backend_pid() AS pid')).pid);
  const common = { workload, pool, apiPid: server.pid, postmasterPid };
  const apiCommon = { ...common, stats };

  const api1 = apiPost(poster, warehouse.id);
  const raw1 = rawPoster(pool, { warehouse, user });
  if (process.argv.includes('--postings-only'))
    return postingsOnly({ apiCommon, common, api1, raw1 });
  if (process.argv.includes('--big-operation-only')) {
    // The 10,000-line operation alone, with the statements it ran.
    await stats?.reset();
    console.log(await bigOperation(api, fixture, productIds));
    for (const st of (await stats?.top(12)) ?? [])
      console.log(
        `${String(st.calls).padStart(7)} ${st.total_ms.toFixed(0).padStart(7)} ms  ${st.query.slice(0, 110)}`,
      );
    return;
  }
  const apiRuns = [];
  for (const concurrency of CONCURRENCY) {
    apiRuns.push(
      await measurePostings({ ...apiCommon, label: 'API', concurrency, post: api1, seed: 1 }),
    );
  }
  const rawRuns = [];
  for (const concurrency of CONCURRENCY) {
    rawRuns.push(
      await measurePostings({ ...common, label: 'raw SQL', concurrency, post: raw1, seed: 2 }),
    );
  }
  const postings = CONCURRENCY.map((concurrency, i) => ({
    concurrency,
    api: apiRuns[i],
    raw: rawRuns[i],
    ratio: round(apiRuns[i].opsPerSecond / rawRuns[i].opsPerSecond),
  }));

  const big = await bigOperation(api, fixture, productIds);

  const growth = await grow(pool, fixture, productIds);
  const large = await measurePostings({
    ...apiCommon,
    label: 'API on the grown ledger',
    concurrency: 32,
    post: api1,
    seed: 3,
  });
  const small = apiRuns[CONCURRENCY.indexOf(32)];
  const ledger = { small, large, growth, ratio: round(large.opsPerSecond / small.opsPerSecond) };

  const queries = { moves: await countMoves(pool), ...(await benchQueries(api, warehouse.id)) };
  progress('integrity check…');
  const checked = await timed(() => api.get('/stock/integrity'));
  const integrity = {
    ok: checked.value.ok,
    checkedLevels: checked.value.checkedLevels,
    mismatches: checked.value.mismatches.length,
    negativeLevels: checked.value.negativeLevels.length,
    seconds: round(checked.ms / 1000, 1),
  };

  const at32 = postings.find((p) => p.concurrency === 32);
  const results = {
    database: { kind: database.kind, version: database.version },
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version },
    seed: seeded,
    postings,
    bigOperation: big,
    ledger,
    queries,
    integrity,
    targets: {
      apiRawRatio: {
        min: TARGETS.apiRawRatio,
        value: at32.ratio,
        pass: at32.ratio >= TARGETS.apiRawRatio,
      },
      validate: {
        limitSeconds: TARGETS.validateSeconds,
        value: big.validateSeconds,
        pass: big.validateSeconds < TARGETS.validateSeconds,
      },
      growth: {
        min: TARGETS.growthRatio,
        value: ledger.ratio,
        pass: ledger.ratio >= TARGETS.growthRatio,
      },
    },
  };
  report(results);
  if (wantJson) console.log(JSON.stringify(results, null, 2));
  if (!integrity.ok) throw new Error('the integrity check failed: levels and ledger disagree');
}

await runBenchmark(main);
