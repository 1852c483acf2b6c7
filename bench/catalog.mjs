// Catalog benchmark (`npm run bench:catalog [-- --json]`): seeds 100,000 products, then measures
// product search and listing latency through the HTTP API and the time to import 50,000 CSV rows.
// It measures and reports; it is not a test, so missing a target still exits 0.
//
// Runs on an embedded PostgreSQL in a temp folder, or on a fresh database of the server named by
// BENCH_DATABASE_URL (a superuser URL, e.g. postgres://postgres@127.0.0.1:5432/postgres).
import os from 'node:os';
import { benchApi } from './lib/api.mjs';
import { ADJECTIVES, BRANDS, categoryPaths, goods, seedCatalog } from './lib/catalog-seed.mjs';
import { withClient } from './lib/database.mjs';
import { runBenchmark } from './lib/harness.mjs';
import { formatSummary, int, seededRandom, summarize, timed } from './lib/stats.mjs';

const PRODUCTS = 100_000;
const IMPORT_ROWS = 50_000; // the import's limit per file
const SEARCH_REQUESTS = 320;
const PAGE_SIZE = 50;
const TARGETS = { searchP95Ms: 50, importSeconds: 15 };

const progress = (line) => console.error(`· ${line}`);

// --- seeding -------------------------------------------------------------------------------

async function seed(databaseUrl) {
  progress(`seeding ${int(PRODUCTS)} products…`);
  const { ms, value } = await timed(() =>
    withClient(databaseUrl, (client) => seedCatalog(client, PRODUCTS)),
  );
  if (value.products !== PRODUCTS) throw new Error(`seeded ${value.products} products`);
  return { ...value, seconds: ms / 1000 };
}

// --- search --------------------------------------------------------------------------------

/** What people type, by kind: whole words, fragments, SKUs, barcodes, and typos that match nothing. */
async function searchTerms(databaseUrl) {
  // SKUs and barcodes come from the seeded rows, so those searches look for things that exist.
  const sample = await withClient(databaseUrl, async (client) => {
    const { rows } = await client.query(
      `SELECT sku, barcode FROM products TABLESAMPLE BERNOULLI (1) REPEATABLE (42) LIMIT 200`,
    );
    return rows;
  });
  const skus = sample.map((row) => row.sku);
  const barcodes = sample.map((row) => row.barcode).filter(Boolean);
  return {
    word: [
      ...['milk', 'Cheddar', 'chocolate', 'organic', 'salmon', 'coffee', 'shampoo', 'bread'],
      ...['JUICE', 'tomato', 'premium', 'ice cream', 'olive oil', 'chicken', 'sourdough'],
      ...['dog food', 'smoked', 'vegan'],
      // Brands, alone and with a variant. Names start with the brand, so a brand's matches sit
      // together in the name order searches are sorted by (the default sort, as in the console).
      ...[0, 8, 16, 24].map((i) => BRANDS[i]),
      ...[4, 12, 20].map((i, n) => `${BRANDS[i]} ${ADJECTIVES[n * 8]}`),
    ],
    fragment: [
      ...['che', 'choc', 'mil', 'berr', 'sal', 'past', 'oliv', 'crea', 'ries', 'nut', 'tea'],
      ...['pork', 'soa', 'gree', 'ling', 'ush', 'tom', 'bisc', 'lem', 'ganic', 'rye', 'wat'],
    ],
    sku: skus.flatMap((sku) => [
      sku, // scanned or pasted: the whole SKU
      sku.toLowerCase(),
      sku.slice(4), // the digits only
      sku.slice(0, 7), // prefix and the first digits: a range of SKUs
    ]),
    barcode: barcodes.flatMap((code) => [code, code.slice(0, 8), code.slice(5, 11)]),
    none: [
      ...['xylophone', 'qwzx', 'unobtainium', 'zz-top-404', 'SKU-999999', 'purple carrot'],
      ...['0000000000000', 'mangosteen', 'krill oil', 'ABC-123456'],
    ],
  };
}

function shuffle(items, random) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/** `count` requests, the same number of each kind, in a stable shuffled order. */
function searchPlan(terms, count, random) {
  const kinds = Object.keys(terms);
  const plan = [];
  for (let i = 0; i < count; i++) {
    const kind = kinds[i % kinds.length];
    const pool = terms[kind];
    plan.push({ kind, term: pool[Math.floor(random() * pool.length)] });
  }
  return shuffle(plan, random);
}

async function timedList(api, query) {
  const { ms, value } = await timed(() => api.get(`/products?${new URLSearchParams(query)}`));
  return { ms, total: value.meta.total, rows: value.data.length };
}

async function benchSearch(api, databaseUrl) {
  const terms = await searchTerms(databaseUrl);
  const random = seededRandom(7);
  progress('warming up…');
  for (const { term } of searchPlan(terms, 40, random)) {
    await timedList(api, { search: term, limit: PAGE_SIZE });
  }
  progress(`searching (${SEARCH_REQUESTS} requests)…`);
  const samples = [];
  for (const { kind, term } of searchPlan(terms, SEARCH_REQUESTS, random)) {
    const { ms, total } = await timedList(api, { search: term, limit: PAGE_SIZE });
    if (kind === 'none' && total !== 0) throw new Error(`"${term}" was meant to match nothing`);
    samples.push({ kind, term, ms, total });
  }
  const byKind = Object.fromEntries(
    Object.keys(terms).map((kind) => {
      const mine = samples.filter((sample) => sample.kind === kind);
      const hits = mine.map((sample) => sample.total).sort((a, b) => a - b);
      return [
        kind,
        {
          ...summarize(mine.map((sample) => sample.ms)),
          medianHits: hits[Math.floor(hits.length / 2)],
        },
      ];
    }),
  );
  const slowest = [...samples]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5)
    .map(({ kind, term, ms, total }) => ({ kind, term, ms: Math.round(ms * 10) / 10, total }));
  return { ...summarize(samples.map((sample) => sample.ms)), byKind, slowest };
}

// --- listing -------------------------------------------------------------------------------

async function benchList(api) {
  const sorts = ['name', '-updatedAt'];
  const pages = [1, 10, 100, 1000, PRODUCTS / PAGE_SIZE];
  const repeats = 6;
  progress(`listing (${sorts.length * pages.length * repeats} requests)…`);
  for (const sort of sorts) await timedList(api, { sort, page: 1, limit: PAGE_SIZE }); // warm-up
  const samples = [];
  for (let round = 0; round < repeats; round++) {
    for (const sort of sorts) {
      for (const page of pages) {
        const { ms, rows } = await timedList(api, { sort, page, limit: PAGE_SIZE });
        if (rows !== PAGE_SIZE) throw new Error(`page ${page} by ${sort} had ${rows} rows`);
        samples.push({ sort, page, ms });
      }
    }
  }
  const byPage = {};
  for (const sort of sorts) {
    for (const page of pages) {
      const mine = samples.filter((s) => s.sort === sort && s.page === page).map((s) => s.ms);
      byPage[`${sort} p${page}`] = summarize(mine).p50;
    }
  }
  return { ...summarize(samples.map((sample) => sample.ms)), p50ByPage: byPage };
}

// --- import --------------------------------------------------------------------------------

const CSV_HEADER = [
  'sku',
  'name',
  'description',
  'category',
  'unit',
  'barcode',
  'tracking',
  'shelfLifeDays',
  'expiryWarningDays',
];

function csvCell(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Categories a path would create: its prefixes that exist neither in `known` nor before. */
function countNewCategories(paths, known) {
  const seen = new Set([...known].map((path) => path.toLowerCase()));
  let created = 0;
  for (const path of paths) {
    const segments = path.split('/');
    for (let depth = 1; depth <= segments.length; depth++) {
      const prefix = segments.slice(0, depth).join('/').toLowerCase();
      if (!seen.has(prefix)) {
        seen.add(prefix);
        created++;
      }
    }
  }
  return created;
}

/**
 * A spreadsheet-sized file: half updates of seeded products (new name and category, barcode
 * kept), half new products, about one row in ten filed under a category that does not exist yet.
 * Resolves with `{ csv, expected }`.
 */
async function importFile(databaseUrl) {
  const half = IMPORT_ROWS / 2;
  // Every fourth product in SKU order: updates spread over the whole table.
  const existing = await withClient(databaseUrl, async (client) => {
    const { rows } = await client.query(
      `SELECT sku, barcode, unit FROM (
         SELECT sku, barcode, unit, row_number() OVER (ORDER BY lower(sku)) AS n FROM products) s
        WHERE n % 4 = 0 ORDER BY n LIMIT $1`,
      [half],
    );
    return rows;
  });
  if (existing.length !== half) throw new Error(`only ${existing.length} products to update`);

  const random = seededRandom(11);
  const choose = (items) => items[Math.floor(random() * items.length)];
  const kinds = goods();
  const newPaths = [
    ...['Seasonal/Christmas', 'Seasonal/Easter', 'World Foods/Asian', 'World Foods/Mexican'],
    ...['Dairy/Plant-based', 'Snacks/Protein bars'],
  ];
  const row = (sku, barcode, unit) => {
    const kind = choose(kinds);
    const category = random() < 0.1 ? choose(newPaths) : kind.categoryPath;
    const perishable = kind.root.traits.shelfLife !== null;
    return [
      sku,
      `${choose(BRANDS)} ${kind.noun} ${choose(kind.root.sizes)}`,
      random() < 0.3 ? `${kind.noun}, imported ${new Date().toISOString().slice(0, 10)}` : '',
      category,
      unit ?? choose(kind.root.traits.units),
      barcode ?? '',
      perishable ? 'batch' : 'none',
      perishable ? kind.root.traits.shelfLife : '',
      // Never the stored default (2): every update really changes its product.
      perishable ? 3 : 7,
    ];
  };

  const lines = [CSV_HEADER.join(',')];
  for (const product of existing) lines.push(row(product.sku, product.barcode, product.unit));
  for (let i = 0; i < half; i++) {
    const prefix = choose(kinds).root.traits.sku;
    const sku = `${prefix}-${String(PRODUCTS + 1 + i).padStart(6, '0')}`;
    // Prefix 99 is not used by the seed, so new barcodes cannot collide with seeded ones.
    const barcode = i % 2 ? `99${String(i).padStart(11, '0')}` : null;
    lines.push(row(sku, barcode, null));
  }
  const usedPaths = new Set(lines.slice(1).map((cells) => cells[3]));
  const csv = lines.map((cells) => (Array.isArray(cells) ? cells.map(csvCell).join(',') : cells));
  return {
    csv: `${csv.join('\n')}\n`,
    expected: {
      created: half,
      updated: half,
      unchanged: 0,
      categoriesCreated: countNewCategories(
        newPaths.filter((path) => usedPaths.has(path)),
        categoryPaths().map((category) => category.path),
      ),
    },
  };
}

function checkImport(result, expected, what) {
  const problems = Object.entries(expected)
    .filter(([key, value]) => result[key] !== value)
    .map(([key, value]) => `${key} ${result[key]} (expected ${value})`);
  if (result.errors.length) problems.push(`errors: ${JSON.stringify(result.errors.slice(0, 3))}`);
  if (problems.length) throw new Error(`${what} answered ${problems.join(', ')}`);
}

async function timedImport(api, csv, dryRun) {
  const form = new FormData();
  form.append('file', new Blob([csv], { type: 'text/csv' }), 'bench-import.csv');
  const path = `/products/import${dryRun ? '?dryRun=true' : ''}`;
  return timed(() => api.request('POST', path, { form }));
}

async function benchImport(api, databaseUrl) {
  const { csv, expected } = await importFile(databaseUrl);
  const megabytes = Buffer.byteLength(csv) / 1024 / 1024;
  progress(`importing ${int(IMPORT_ROWS)} rows (${megabytes.toFixed(1)} MB): dry run…`);
  const dry = await timedImport(api, csv, true);
  checkImport(dry.value, expected, 'the dry run');
  progress('importing for real…');
  const real = await timedImport(api, csv, false);
  checkImport(real.value, expected, 'the import');
  const total = await withClient(databaseUrl, async (client) => {
    const { rows } = await client.query('SELECT count(*)::int AS n FROM products');
    return rows[0].n;
  });
  if (total !== PRODUCTS + expected.created) throw new Error(`${total} products after import`);
  const seconds = real.ms / 1000;
  return {
    rows: IMPORT_ROWS,
    megabytes: Math.round(megabytes * 10) / 10,
    dryRunSeconds: Math.round(dry.ms) / 1000,
    seconds: Math.round(real.ms) / 1000,
    rowsPerSecond: Math.round(IMPORT_ROWS / seconds),
    ...expected,
  };
}

// --- report --------------------------------------------------------------------------------

function report(results) {
  const { database, machine, seed: s, search, list, import: imp, targets } = results;
  const pass = (ok) => (ok ? 'PASS' : 'FAIL');
  const lines = [
    '',
    `StockMaster catalog benchmark (${database.kind} PostgreSQL ${database.version}; ` +
      `${machine.cpus} CPU ${machine.cpuModel}; Node ${machine.node})`,
    `  seed    ${int(s.products)} products, ${s.categories} categories in ${s.seconds.toFixed(1)} s`,
    `  search  ${search.n} requests  ${formatSummary(search)}`,
    ...Object.entries(search.byKind).map(
      ([kind, k]) =>
        `          ${kind.padEnd(9)} p50 ${k.p50.toFixed(1)} ms  p95 ${k.p95.toFixed(1)} ms  ` +
        `(median ${int(k.medianHits)} hits)`,
    ),
    `          slowest: ${search.slowest.map((x) => `"${x.term}" ${x.ms} ms`).join(', ')}`,
    `  list    ${list.n} requests  ${formatSummary(list)}`,
    `          p50 by page: ${Object.entries(list.p50ByPage)
      .map(([page, ms]) => `${page} ${ms.toFixed(1)}`)
      .join(', ')} ms`,
    `  import  ${int(imp.rows)} rows (${imp.megabytes} MB): dry run ${imp.dryRunSeconds.toFixed(1)} s, ` +
      `import ${imp.seconds.toFixed(1)} s (${int(imp.rowsPerSecond)} rows/s); ` +
      `${int(imp.created)} created, ${int(imp.updated)} updated, ${imp.categoriesCreated} categories`,
    '',
    `  search p95 < ${TARGETS.searchP95Ms} ms: ${pass(targets.searchP95.pass)} (${search.p95.toFixed(1)} ms)`,
    `  import ${int(IMPORT_ROWS)} rows < ${TARGETS.importSeconds} s: ${pass(targets.import.pass)} ` +
      `(${imp.seconds.toFixed(1)} s)`,
  ];
  console.log(lines.join('\n'));
}

// --- main ----------------------------------------------------------------------------------

async function main(cleanup) {
  const wantJson = process.argv.includes('--json');
  const { database, api } = await benchApi(cleanup, progress);

  const seeded = await seed(database.url);
  const search = await benchSearch(api, database.url);
  const list = await benchList(api);
  const imported = await benchImport(api, database.url);

  const results = {
    database: { kind: database.kind, version: database.version },
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version },
    seed: seeded,
    search,
    list,
    import: imported,
    targets: {
      searchP95: { limitMs: TARGETS.searchP95Ms, pass: search.p95 < TARGETS.searchP95Ms },
      import: {
        limitSeconds: TARGETS.importSeconds,
        pass: imported.seconds < TARGETS.importSeconds,
      },
    },
  };
  report(results);
  if (wantJson) console.log(JSON.stringify(results, null, 2));
}

await runBenchmark(main);
