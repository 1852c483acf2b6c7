// Stock fixtures written straight into the database with set-based SQL, always keeping the stock
// engine's invariant (every level equals the sum of its moves in minus its moves out), so
// `GET /stock/integrity` holds afterwards. The warehouse and its locations are made through the
// API beforehand (they carry names, full names and the virtual locations the API expects).
import { seedCatalog } from './catalog-seed.mjs';
import { timeOrderedIdSql } from './ids.mjs';

/**
 * `count` products from the catalog vocabulary, all active and untracked (a posting of a
 * batch-tracked product would need a batch). Resolves with their ids in SKU order.
 */
export async function seedStockProducts(client, count) {
  await seedCatalog(client, count);
  await client.query(
    `UPDATE products SET active = true, tracking = 'none', shelf_life_days = NULL`,
  );
  await client.query('VACUUM (ANALYZE) products');
  const { rows } = await client.query('SELECT id FROM products ORDER BY lower(sku)');
  return rows.map((row) => row.id);
}

/** Takes `count` numbers of the gap-free sequence of (warehouse, type); resolves with the last. */
async function takeReferences(client, warehouseId, type, count) {
  const { rows } = await client.query(
    `INSERT INTO operation_sequences (warehouse_id, type, last_value) VALUES ($1, $2, $3)
     ON CONFLICT (warehouse_id, type) DO UPDATE SET last_value = operation_sequences.last_value + $3
     RETURNING last_value`,
    [warehouseId, type, count],
  );
  return rows[0].last_value;
}

/**
 * One validated receipt of `quantity` per product × location, dated `doneAt`: an operation with
 * a line and a move per level, and the levels themselves. Resolves with the number of moves.
 */
export async function seedStartingStock(
  client,
  { warehouse, locationIds, productIds, quantity, userId, doneAt },
) {
  await client.query('BEGIN');
  try {
    const last = await takeReferences(client, warehouse.id, 'receipt', 1);
    const {
      rows: [{ id: supplier }],
    } = await client.query(`SELECT id FROM locations WHERE type = 'supplier'`);
    const {
      rows: [{ id: operationId }],
    } = await client.query(
      `INSERT INTO operations (reference, type, warehouse_id, source_location_id, notes, created_by,
                               created_at, updated_at)
       VALUES ($1, 'receipt', $2, $3, 'Benchmark starting stock', $4, $5, $5) RETURNING id`,
      [
        `${warehouse.code}/IN/${String(last).padStart(5, '0')}`,
        warehouse.id,
        supplier,
        userId,
        doneAt,
      ],
    );
    // Lines while the operation is a draft (a done operation's lines are frozen by trigger).
    await client.query(
      `INSERT INTO operation_lines (operation_id, line_no, product_id, quantity, source_location_id,
                                    destination_location_id)
       SELECT $1, row_number() OVER (ORDER BY p.n, l.n) - 1, p.id, $4, $5, l.id
         FROM unnest($2::uuid[]) WITH ORDINALITY AS p(id, n),
              unnest($3::uuid[]) WITH ORDINALITY AS l(id, n)`,
      [operationId, productIds, locationIds, quantity, supplier],
    );
    const { rowCount } = await client.query(
      `INSERT INTO stock_moves (operation_id, line_id, product_id, source_location_id,
                                destination_location_id, quantity, done_at)
       SELECT operation_id, id, product_id, source_location_id, destination_location_id, quantity, $2
         FROM operation_lines WHERE operation_id = $1 ORDER BY line_no`,
      [operationId, doneAt],
    );
    await client.query(
      `INSERT INTO stock_levels (product_id, location_id, warehouse_id, quantity, updated_at)
       SELECT product_id, destination_location_id, $2, quantity, $3
         FROM operation_lines WHERE operation_id = $1 ORDER BY product_id, destination_location_id`,
      [operationId, warehouse.id, doneAt],
    );
    await client.query(
      `UPDATE operations SET status = 'done', done_at = $2, validated_by = $3 WHERE id = $1`,
      [operationId, doneAt, userId],
    );
    await client.query('UPDATE warehouses SET has_stock_history = true WHERE id = $1', [
      warehouse.id,
    ]);
    await client.query('COMMIT');
    return rowCount;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/**
 * Appends `count` moves to the ledger as validated transfers of `linesPerOperation` lines: for
 * each line a random product (of `productIds`), quantity 1, between two different random
 * locations (of `locationIds`); levels change by each batch's net. Operations are numbered from
 * the transfer sequence and dated evenly from `from` to `to` in insertion order. Runs in
 * transactions of `batch` moves as the session_replication_role `replica` (a superuser's bulk
 * load: no per-row foreign-key or frozen-line triggers; the rows are right by construction, and
 * the integrity check at the end verifies them). `onBatch(done)` reports progress.
 */
export async function growLedger(
  client,
  {
    warehouse,
    locationIds,
    productIds,
    userId,
    count,
    from,
    to,
    linesPerOperation,
    batch,
    onBatch,
  },
) {
  const operations = Math.ceil(count / linesPerOperation);
  const span = to.getTime() - from.getTime();
  for (let done = 0; done < count; done += batch) {
    const moves = Math.min(batch, count - done);
    const firstOp = done / linesPerOperation; // batch is a multiple of linesPerOperation
    const opCount = Math.ceil(moves / linesPerOperation);
    await client.query('BEGIN');
    try {
      await client.query(`SET LOCAL session_replication_role = replica`);
      const last = await takeReferences(client, warehouse.id, 'transfer', opCount);
      const firstNumber = last - opCount + 1;
      await client.query(
        `CREATE TEMP TABLE grow_ops ON COMMIT DROP AS
         SELECT k, ${timeOrderedIdSql('done_at')} AS id,
                $1 || '/INT/' || lpad(($2 + k)::text, greatest(5, length(($2 + k)::text)), '0')
                  AS reference,
                done_at
           FROM (SELECT k, $3::timestamptz + ($4 + k) * ($5::float8 / $6) * interval '1 millisecond' AS done_at
                   FROM generate_series(0, $7 - 1) AS k) t`,
        [warehouse.code, firstNumber, from.toISOString(), firstOp, span, operations, opCount],
      );
      // Stable, well-spread choices per global move number g.
      const h = (salt) => `(hashint4((g + ${salt})::int)::bigint + 2147483648)`;
      await client.query(
        `CREATE TEMP TABLE grow_moves ON COMMIT DROP AS
         SELECT g, o.id AS operation_id, (g - $1) % $2 AS line_no, ${timeOrderedIdSql('o.done_at')} AS line_id,
                ($3::uuid[])[1 + ${h(17)} % cardinality($3::uuid[])] AS product_id,
                ($4::uuid[])[1 + s] AS source_id,
                ($4::uuid[])[1 + (s + 1 + ${h(53)} % (cardinality($4::uuid[]) - 1))
                             % cardinality($4::uuid[])] AS destination_id,
                o.done_at
           FROM (SELECT g, ${h(31)} % cardinality($4::uuid[]) AS s
                   FROM generate_series($1::bigint, $1::bigint + $5 - 1) AS g) m
           JOIN grow_ops o ON o.k = (g - $1) / $2`,
        [done, linesPerOperation, productIds, locationIds, moves],
      );
      await client.query(
        `INSERT INTO operations (id, reference, type, status, warehouse_id, notes, created_by,
                                 validated_by, done_at, created_at, updated_at)
         SELECT id, reference, 'transfer', 'done', $1, 'Benchmark ledger growth', $2, $2,
                done_at, done_at, done_at
           FROM grow_ops ORDER BY k`,
        [warehouse.id, userId],
      );
      await client.query(
        `INSERT INTO operation_lines (id, operation_id, line_no, product_id, quantity,
                                      source_location_id, destination_location_id)
         SELECT line_id, operation_id, line_no, product_id, 1, source_id, destination_id
           FROM grow_moves ORDER BY g`,
      );
      await client.query(
        `INSERT INTO stock_moves (operation_id, line_id, product_id, source_location_id,
                                  destination_location_id, quantity, done_at)
         SELECT operation_id, line_id, product_id, source_id, destination_id, 1, done_at
           FROM grow_moves ORDER BY g`,
      );
      await client.query(
        `UPDATE stock_levels s SET quantity = s.quantity + d.delta, updated_at = now()
           FROM (SELECT product_id, location_id, sum(delta) AS delta FROM (
                   SELECT product_id, destination_id AS location_id, 1 AS delta FROM grow_moves
                   UNION ALL SELECT product_id, source_id, -1 FROM grow_moves) f
                  GROUP BY 1, 2) d
          WHERE s.product_id = d.product_id AND s.location_id = d.location_id
            AND s.batch_id IS NULL AND d.delta <> 0`,
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
    onBatch?.(done + moves);
  }
}

/**
 * `count` batch-tracked products (SKU `BT-00001`…) with a 60-day shelf life and no stock: the
 * receipts of the benchmark bring their batches in. Resolves with their ids in SKU order.
 */
export async function seedTrackedProducts(client, count) {
  const { rows } = await client.query(
    `INSERT INTO products (sku, name, unit, tracking, shelf_life_days, active)
     SELECT 'BT-' || lpad(n::text, 5, '0'), 'Benchmark tracked product ' || n, 'unit', 'batch', 60, true
       FROM generate_series(1, $1) AS n
     RETURNING id, sku`,
    [count],
  );
  return rows.sort((a, b) => (a.sku < b.sku ? -1 : 1)).map((row) => row.id);
}
