// Where the API's CPU per request goes (`npm run bench:request-cost`): the API process's CPU time
// per request for a ladder of requests, each adding one layer of work to the one before:
//
//   GET /health                    public: the middleware, routing, the request log, one `SELECT 1`
//   GET /auth/me                   + a signed-in caller (JWT, the caller from memory, the guards)
//                                    and one query (the profile, read fresh)
//   POST /stock-moves, refused     + a posting's JSON body parsed and validated, and refused
//                                    (400; no SQL, so without the query of the rung above)
//   POST /stock-moves              + the posting itself: look-up, the one statement, the number
//                                    read after commit, the answer (201)
//
// The API runs as production does (as `npm run bench:stock` starts it); 8 keep-alive clients;
// each request kind is measured in turn, in ROUNDS alternating rounds after a warm-up, and the
// median of the rounds is printed. The differences between rungs say what each layer costs;
// `npm run bench:http-floor` gives the floor under all of them (Nest on Express, nothing else).
// Runs on an embedded PostgreSQL, or on a fresh database of BENCH_DATABASE_URL.
import pg from 'pg';
import { benchApi } from './lib/api.mjs';
import { runBenchmark } from './lib/harness.mjs';
import { closedLoop, cpuSample, jsonPoster, parentPid } from './lib/load.mjs';
import { spread } from './lib/stats.mjs';
import { seedStartingStock, seedStockProducts } from './lib/stock-seed.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const CLIENTS = 8;
const ROUNDS = QUICK ? 1 : 3;
const WARMUP_MS = QUICK ? 500 : 2_000;
const WINDOW_MS = QUICK ? 2_000 : 8_000;
// V8 compiles the hot paths over the first 10-20 s: every rung is measured warm.
const PROCESS_WARMUP_MS = QUICK ? 2_000 : 20_000;
const PRODUCTS = 50;
const LOCATIONS = 4;

const progress = (line) => console.error(`· ${line}`);

await runBenchmark(async (cleanup) => {
  const { database, server, api } = await benchApi(cleanup, progress, {
    prefix: 'sm_bench_request',
  });
  const warehouse = await api.post('/warehouses', { code: 'COST', name: 'Request cost' });
  const locationIds = [];
  for (let i = 1; i <= LOCATIONS; i++)
    locationIds.push(
      (await api.post('/locations', { parentId: warehouse.rootLocationId, name: `Bin ${i}` })).id,
    );

  const pool = new pg.Pool({ connectionString: database.url, max: 2 });
  cleanup.add('close the benchmark pool', () => pool.end());
  const client = await pool.connect();
  let productIds;
  try {
    const {
      rows: [user],
    } = await client.query(`SELECT id FROM users LIMIT 1`);
    productIds = await seedStockProducts(client, PRODUCTS);
    await seedStartingStock(client, {
      warehouse: { id: warehouse.id, code: warehouse.code },
      locationIds,
      productIds,
      quantity: '1000000',
      userId: user.id,
      doneAt: new Date(Date.now() - 30 * 86_400_000),
    });
  } finally {
    client.release();
  }
  const postmasterPid = parentPid((await pool.query('SELECT pg_backend_pid() AS pid')).rows[0].pid);

  const { send, close } = jsonPoster(server.url, api.token, CLIENTS);
  cleanup.add('close the HTTP agent', close);
  let next = 0;
  const transfer = () => {
    next++;
    const from = next % LOCATIONS;
    return {
      type: 'transfer',
      warehouseId: warehouse.id,
      productId: productIds[next % productIds.length],
      quantity: '1',
      sourceLocationId: locationIds[from],
      destinationLocationId: locationIds[(from + 1) % LOCATIONS],
    };
  };
  const rungs = [
    { label: 'GET /health', short: 'health', status: 200, request: () => send('GET', '/health') },
    { label: 'GET /auth/me', short: 'me', status: 200, request: () => send('GET', '/auth/me') },
    {
      label: 'POST /stock-moves, refused (400)',
      short: 'refused',
      status: 400,
      request: () => send('POST', '/stock-moves', { ...transfer(), quantity: 'one' }),
    },
    {
      label: 'POST /stock-moves (201)',
      short: 'posting',
      status: 201,
      request: () => send('POST', '/stock-moves', transfer()),
    },
  ];

  const measure = async (rung, warmupMs, durationMs) => {
    const cpu = cpuSample(server.pid, postmasterPid);
    const result = await closedLoop({
      concurrency: CLIENTS,
      warmupMs,
      durationMs,
      op: async () => {
        const res = await rung.request();
        return res.status === rung.status ? undefined : `${res.status} ${res.body.slice(0, 300)}`;
      },
    });
    const used = cpu.stop();
    if (result.errors)
      throw new Error(`${rung.label}: ${result.errors} failed, first: ${result.firstError}`);
    return {
      perSecond: result.opsPerSecond,
      apiMs: used.apiMs / result.completed,
      postgresMs: used.postgresMs === null ? null : used.postgresMs / result.completed,
    };
  };

  progress(`warm-up: every rung, ${PROCESS_WARMUP_MS / 1000} s in all (untimed)…`);
  for (const rung of rungs) await measure(rung, 0, PROCESS_WARMUP_MS / rungs.length);
  const runs = rungs.map(() => []);
  for (let round = 1; round <= ROUNDS; round++) {
    progress(`round ${round} of ${ROUNDS}: ${rungs.length} requests × ${WINDOW_MS / 1000} s…`);
    for (const [index, rung] of rungs.entries())
      runs[index].push(await measure(rung, WARMUP_MS, WINDOW_MS));
  }

  console.log(
    `\nCPU per request of the API process, ${CLIENTS} clients, median of ${ROUNDS} round(s) (ms):\n`,
  );
  console.log(
    `  ${'request'.padEnd(34)}${'requests/s'.padStart(11)}${'API CPU'.padStart(10)}${'more than the rung above'.padStart(27)}${'PostgreSQL CPU'.padStart(17)}`,
  );
  let previous = null;
  for (const [index, rung] of rungs.entries()) {
    const api = spread(runs[index].map((r) => r.apiMs)).median;
    const postgres =
      runs[index][0].postgresMs === null
        ? null
        : spread(runs[index].map((r) => r.postgresMs)).median;
    console.log(
      `  ${rung.label.padEnd(34)}${String(Math.round(spread(runs[index].map((r) => r.perSecond)).median)).padStart(11)}` +
        `${api.toFixed(3).padStart(10)}${(previous === null ? '' : `+${(api - previous).toFixed(3)}`).padStart(27)}` +
        `${(postgres === null ? 'n/a' : postgres.toFixed(3)).padStart(17)}`,
    );
    previous = api;
  }
  if (ROUNDS > 1)
    console.log(
      `\n  spread of the API CPU across rounds: ${rungs
        .map((rung, index) => {
          const values = spread(runs[index].map((r) => r.apiMs));
          return `${rung.short} ${values.min.toFixed(2)}–${values.max.toFixed(2)}`;
        })
        .join('; ')}`,
    );
});
