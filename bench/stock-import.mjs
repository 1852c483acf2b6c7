// Stock import benchmark (`npm run bench:import [-- --json]`): seeds 25,000 products (one in ten
// batch-tracked, each of those with a batch already) and two warehouses of 25 bins, then times
// `POST /stock/import` on a 50,000-row count file — a dry run, then for real (drafts and new
// batches). It measures and reports; it is not a test, so missing the target still exits 0.
//
// Runs on an embedded PostgreSQL in a temp folder, or on a fresh database of the server named by
// BENCH_DATABASE_URL (a superuser URL, e.g. postgres://postgres@127.0.0.1:5432/postgres).
import os from 'node:os';
import { benchApi } from './lib/api.mjs';
import { withClient } from './lib/database.mjs';
import { runBenchmark } from './lib/harness.mjs';
import { int, timed } from './lib/stats.mjs';
import { seedStockProducts } from './lib/stock-seed.mjs';

const PRODUCTS = 25_000;
const TRACKED_EVERY = 10; // one product in ten is batch-tracked
const BINS = 25;
const ROWS = PRODUCTS * 2; // 50,000: the import's limit per file
const DRAFT_LINES = 10_000; // the most lines a draft holds
const TARGET_SECONDS = 15;

const progress = (line) => console.error(`· ${line}`);

async function createWarehouses(api) {
  const warehouses = [];
  for (const code of ['MAIN', 'EAST']) {
    const warehouse = await api.post('/warehouses', { code, name: `Benchmark ${code}` });
    const bins = [];
    for (let i = 1; i <= BINS; i++) {
      const location = await api.post('/locations', {
        parentId: warehouse.rootLocationId,
        name: `Bin ${String(i).padStart(2, '0')}`,
      });
      bins.push(location.fullName);
    }
    warehouses.push({ code, bins });
  }
  return warehouses;
}

/** Products, one in ten batch-tracked with one stored batch `OLD-<n>`. Resolves with the products. */
async function seed(databaseUrl) {
  return withClient(databaseUrl, async (client) => {
    await seedStockProducts(client, PRODUCTS);
    const { rows } = await client.query(
      `SELECT id, sku, row_number() OVER (ORDER BY lower(sku)) AS n FROM products ORDER BY lower(sku)`,
    );
    const tracked = rows.filter((row) => Number(row.n) % TRACKED_EVERY === 0);
    await client.query(
      `UPDATE products SET tracking = 'batch', shelf_life_days = 30 WHERE id = ANY($1::uuid[])`,
      [tracked.map((row) => row.id)],
    );
    await client.query(
      `INSERT INTO batches (product_id, code, expires_at, public_token)
       SELECT id, 'OLD-' || n, current_date + 20, md5(id::text) || md5(n::text)
         FROM unnest($1::uuid[], $2::int[]) AS t(id, n)`,
      [tracked.map((row) => row.id), tracked.map((row) => Number(row.n))],
    );
    await client.query('VACUUM (ANALYZE) products, batches');
    return rows.map((row) => ({
      sku: row.sku,
      n: Number(row.n),
      tracked: Number(row.n) % TRACKED_EVERY === 0,
    }));
  });
}

/**
 * Two rows per product: untracked ones counted in a MAIN bin and an EAST bin; tracked ones in
 * their stored batch in MAIN and a new batch (with dates) in EAST.
 */
function countFile(products, [main, east]) {
  const produced = new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10);
  const expires = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
  const lines = ['sku,location,quantity,batch,expiresAt,producedAt'];
  for (const { sku, n, tracked } of products) {
    const quantity = `${(n % 97) + 1}.${n % 1000}`;
    const mainBin = main.bins[n % BINS];
    const eastBin = east.bins[(n * 7) % BINS];
    if (tracked) {
      lines.push(`${sku},${mainBin},${quantity},OLD-${n},,`);
      lines.push(`${sku},${eastBin},${quantity},NEW-${n},${expires},${produced}`);
    } else {
      lines.push(`${sku},${mainBin},${quantity},,,`);
      lines.push(`${sku},${eastBin},${quantity},,,`);
    }
  }
  return `${lines.join('\n')}\n`;
}

async function timedImport(api, csv, dryRun) {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'bench-counts.csv');
  return timed(() => api.request('POST', `/stock/import${dryRun ? '?dryRun=true' : ''}`, { form }));
}

function check(result, what, newBatches) {
  const problems = [];
  if (result.errors.length) problems.push(`errors: ${JSON.stringify(result.errors.slice(0, 3))}`);
  if (result.rows !== ROWS) problems.push(`${result.rows} rows`);
  if (result.newBatches !== newBatches) problems.push(`${result.newBatches} new batches`);
  const lines = result.warehouses.reduce((sum, warehouse) => sum + warehouse.lines, 0);
  if (lines !== ROWS) problems.push(`${lines} lines`);
  if (problems.length) throw new Error(`${what} answered ${problems.join(', ')}`);
}

async function main(cleanup) {
  const wantJson = process.argv.includes('--json');
  const { database, api } = await benchApi(cleanup, progress);

  progress(`creating 2 warehouses of ${BINS} bins, seeding ${int(PRODUCTS)} products…`);
  const warehouses = await createWarehouses(api);
  const products = await seed(database.url);
  const newBatches = products.filter((product) => product.tracked).length;
  const csv = countFile(products, warehouses);
  const megabytes = Buffer.byteLength(csv) / 1024 / 1024;

  progress(`importing ${int(ROWS)} rows (${megabytes.toFixed(1)} MB): dry run…`);
  const dry = await timedImport(api, csv, true);
  check(dry.value, 'the dry run', newBatches);
  progress('importing for real…');
  const real = await timedImport(api, csv, false);
  check(real.value, 'the import', newBatches);
  const drafts = real.value.warehouses.flatMap((warehouse) => warehouse.drafts);
  const expectedDrafts = real.value.warehouses.reduce(
    (sum, warehouse) => sum + Math.ceil(warehouse.lines / DRAFT_LINES),
    0,
  );
  if (drafts.length !== expectedDrafts) throw new Error(`${drafts.length} drafts`);

  const results = {
    database: { kind: database.kind, version: database.version },
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version },
    rows: ROWS,
    megabytes: Math.round(megabytes * 10) / 10,
    newBatches,
    drafts: drafts.length,
    dryRunSeconds: Math.round(dry.ms) / 1000,
    seconds: Math.round(real.ms) / 1000,
    target: { limitSeconds: TARGET_SECONDS, pass: real.ms / 1000 < TARGET_SECONDS },
  };
  const pass = (ok) => (ok ? 'PASS' : 'FAIL');
  console.log(
    [
      '',
      `StockMaster stock import benchmark (${database.kind} PostgreSQL ${database.version}; ` +
        `${results.machine.cpus} CPU ${results.machine.cpuModel}; Node ${process.version})`,
      `  file    ${int(ROWS)} rows (${results.megabytes} MB), 2 warehouses, ` +
        `${int(newBatches)} new batches`,
      `  dry run ${results.dryRunSeconds.toFixed(1)} s`,
      `  import  ${results.seconds.toFixed(1)} s (${int(Math.round(ROWS / (real.ms / 1000)))} rows/s), ` +
        `${drafts.length} drafts`,
      '',
      `  import ${int(ROWS)} rows < ${TARGET_SECONDS} s: ${pass(results.target.pass)} ` +
        `(${results.seconds.toFixed(1)} s)`,
    ].join('\n'),
  );
  if (wantJson) console.log(JSON.stringify(results, null, 2));
}

await runBenchmark(main);
