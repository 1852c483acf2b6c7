// The dashboard benchmark's data, written straight into the database with set-based SQL and
// consistent with the stock engine (every level is the sum of its moves in minus its moves out):
// a ledger of receipts and deliveries over the last year on (product, location) "slots", a batch
// per slot of a batch-tracked product with expiry dates around today, reorder rules on some
// pairs, and a few drafts.

/** A stable, well-spread number in [0, 2^32) of `expr` and `salt`. */
const hash = (expr, salt) =>
  `(hashint8((${expr})::bigint + ${salt * 1_000_003})::bigint + 2147483648)`;

/**
 * `slotsPerProduct` slots per product; ten consecutive slots share a warehouse, so the ten lines
 * of one seeded operation do too. `bins[w]` lists the internal locations of warehouse `w`.
 */
export async function seedSlots(client, { warehouses, slotsPerProduct }) {
  await client.query('BEGIN');
  await client.query(
    `CREATE TABLE bench_slots AS
     WITH p AS (SELECT id, tracking, row_number() OVER (ORDER BY id) - 1 AS n FROM products),
          w AS (SELECT $1::uuid[] AS ids, $2::text[] AS bins)
     SELECT p.n * $3 + s AS slot, p.id AS product_id, p.tracking,
            w.ids[1 + ((p.n * $3 + s) / 10) % cardinality(w.ids)] AS warehouse_id,
            (string_to_array(w.bins[1 + ((p.n * $3 + s) / 10) % cardinality(w.ids)], ','))[1 + ${hash('p.n * 7 + s', 1)} % 4]::uuid AS location_id,
            NULL::uuid AS batch_id
       FROM p, w, generate_series(0, $3 - 1) AS s`,
    [warehouses.map((w) => w.id), warehouses.map((w) => w.bins.join(',')), slotsPerProduct],
  );
  // A batch per slot of a batch-tracked product: 3 % expired, the rest within the next 120 days.
  await client.query(
    `WITH made AS (
       INSERT INTO batches (product_id, code, received_at, expires_at, public_token)
       SELECT product_id, 'B' || slot, current_date - 5,
              current_date + CASE WHEN ${hash('slot', 2)} % 100 < 3 THEN -(${hash('slot', 3)} % 20)::int
                                  ELSE 1 + (${hash('slot', 4)} % 120)::int END,
              replace(gen_random_uuid()::text, '-', '')
         FROM bench_slots WHERE tracking = 'batch'
       RETURNING id, product_id, code)
     UPDATE bench_slots s SET batch_id = made.id FROM made
      WHERE made.product_id = s.product_id AND made.code = 'B' || s.slot`,
  );
  await client.query(
    `UPDATE products SET expiry_warning_days = 1 + ${hash('hashtext(id::text)', 5)} % 5`,
  );
  await client.query('CREATE INDEX ON bench_slots (slot)');
  await client.query('COMMIT');
  const { rows } = await client.query('SELECT count(*)::int AS n FROM bench_slots');
  return rows[0].n;
}

/**
 * `count` moves: move g is on slot g mod S, round k = g div S; even rounds receive 10, odd ones
 * deliver 7, so a level never goes negative. Rounds split the last 365 days evenly; operations
 * of ten lines, dated at a stable random instant of their round, so the last days have moves.
 */
export async function seedLedger(client, { count, slots, userId, onStep }) {
  const rounds = Math.ceil(count / slots);
  const span = 365 / rounds;
  await client.query('BEGIN');
  await client.query(`SET LOCAL session_replication_role = replica`);
  const { rows: virtual } = await client.query(
    `SELECT type, id FROM locations WHERE type IN ('supplier', 'customer')`,
  );
  const at = Object.fromEntries(virtual.map((row) => [row.type, row.id]));
  await client.query(
    `CREATE TEMP TABLE bench_moves ON COMMIT DROP AS
     SELECT g, g / 10 AS op, g % 10 AS line_no, (g / $2) % 2 = 0 AS receipt, s.*
       FROM generate_series(0, $1 - 1) AS g JOIN bench_slots s ON s.slot = g % $2`,
    [count, slots],
  );
  onStep?.('moves planned');
  await client.query(
    `CREATE TEMP TABLE bench_ops ON COMMIT DROP AS
     SELECT op, gen_random_uuid() AS id, min(warehouse_id::text)::uuid AS warehouse_id, bool_and(receipt) AS receipt,
            now() - interval '365 days'
              + ((op * 10 / $1)::float8 + ${hash('op', 6)} % 1000 / 1000.0) * $2 * interval '1 day' AS done_at
       FROM bench_moves GROUP BY op`,
    [slots, span],
  );
  await client.query(`UPDATE bench_ops SET done_at = least(done_at, now() - interval '1 minute')`);
  await client.query(
    `INSERT INTO operations (id, reference, type, status, warehouse_id, source_location_id,
                             destination_location_id, created_by, validated_by, done_at, created_at, updated_at)
     SELECT id, 'BENCH/' || CASE WHEN receipt THEN 'IN' ELSE 'OUT' END || '/' || op,
            CASE WHEN receipt THEN 'receipt' ELSE 'delivery' END, 'done', warehouse_id,
            CASE WHEN receipt THEN $1::uuid END, CASE WHEN receipt THEN NULL ELSE $2::uuid END,
            $3, $3, done_at, done_at, done_at
       FROM bench_ops ORDER BY op`,
    [at.supplier, at.customer, userId],
  );
  onStep?.('operations written');
  await client.query(
    `CREATE TEMP TABLE bench_lines ON COMMIT DROP AS
     SELECT m.g, gen_random_uuid() AS line_id, o.id AS operation_id, m.line_no, m.product_id, m.batch_id,
            CASE WHEN m.receipt THEN 10 ELSE 7 END AS quantity,
            CASE WHEN m.receipt THEN $1::uuid ELSE m.location_id END AS source_id,
            CASE WHEN m.receipt THEN m.location_id ELSE $2::uuid END AS destination_id, o.done_at
       FROM bench_moves m JOIN bench_ops o ON o.op = m.op`,
    [at.supplier, at.customer],
  );
  await client.query(
    `INSERT INTO operation_lines (id, operation_id, line_no, product_id, batch_id, quantity,
                                  source_location_id, destination_location_id)
     SELECT line_id, operation_id, line_no, product_id, batch_id, quantity, source_id, destination_id
       FROM bench_lines ORDER BY g`,
  );
  onStep?.('lines written');
  await client.query(
    `INSERT INTO stock_moves (operation_id, line_id, product_id, batch_id, source_location_id,
                              destination_location_id, quantity, done_at)
     SELECT operation_id, line_id, product_id, batch_id, source_id, destination_id, quantity, done_at
       FROM bench_lines ORDER BY done_at, g`,
  );
  onStep?.('moves written');
  await client.query(
    `INSERT INTO stock_levels (product_id, location_id, warehouse_id, batch_id, quantity)
     SELECT product_id, location_id, warehouse_id, batch_id,
            sum(CASE WHEN receipt THEN 10 ELSE -7 END)
       FROM bench_moves GROUP BY product_id, location_id, warehouse_id, batch_id`,
  );
  await client.query(`UPDATE warehouses SET has_stock_history = true`);
  await client.query('COMMIT');
}

/** Reorder rules on about 10 % of the pairs (some under their minimum), and `drafts` drafts. */
export async function seedRulesAndDrafts(client, { drafts, userId }) {
  await client.query(
    `INSERT INTO reorder_rules (product_id, warehouse_id, min_quantity, max_quantity)
     SELECT DISTINCT ON (product_id, warehouse_id) product_id, warehouse_id,
            ${hash('slot', 7)} % 40, 100
       FROM bench_slots WHERE ${hash('slot', 8)} % 10 = 0`,
  );
  await client.query(
    `WITH made AS (
       INSERT INTO operations (reference, type, warehouse_id, created_by, created_at, updated_at)
       SELECT 'BENCH/DRAFT/' || n, 'receipt', (SELECT id FROM warehouses ORDER BY code LIMIT 1), $2,
              now() - n * interval '3 hours', now() - n * interval '3 hours'
         FROM generate_series(1, $1) AS n RETURNING id)
     INSERT INTO operation_lines (operation_id, line_no, product_id, quantity)
     SELECT made.id, l, (SELECT id FROM products WHERE tracking = 'none' ORDER BY id LIMIT 1 OFFSET l), 1
       FROM made, generate_series(0, 1) AS l`,
    [drafts, userId],
  );
}
