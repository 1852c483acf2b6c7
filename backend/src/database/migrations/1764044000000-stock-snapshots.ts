import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Closing balances for as-of queries. Summing the whole ledger up to an instant grows with the
 * ledger; a snapshot of every internal balance at a day boundary (UTC midnight) plus the moves
 * since gives the same answer from a bounded number of rows.
 *
 * - `stock_snapshot_days`: one row per boundary taken. Its primary key is also the claim: the
 *   job inserts it first, in the transaction that writes the balances, so only one instance
 *   takes a boundary and a boundary is visible exactly when its balances are.
 * - `stock_snapshots`: the non-zero balances per (product, location, batch) of all moves before
 *   `at` (done_at < at).
 * - `stock_moves_as_of`: the ledger by time with what a balance needs, so the moves since a
 *   snapshot are read from the index alone.
 */
export class StockSnapshots1764044000000 implements MigrationInterface {
  name = 'StockSnapshots1764044000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE stock_snapshot_days (
        at timestamptz PRIMARY KEY,
        levels integer NOT NULL DEFAULT 0,
        taken_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE stock_snapshots (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL REFERENCES stock_snapshot_days (at) ON DELETE CASCADE,
        product_id uuid NOT NULL,
        location_id uuid NOT NULL,
        batch_id uuid,
        quantity numeric(15, 3) NOT NULL
      )`);
    await q.query(`CREATE INDEX stock_snapshots_at ON stock_snapshots (at, product_id)`);
    await q.query(
      `CREATE INDEX stock_moves_as_of ON stock_moves (done_at)
         INCLUDE (product_id, batch_id, source_location_id, destination_location_id, quantity)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS stock_moves_as_of`);
    await q.query(`DROP TABLE IF EXISTS stock_snapshots`);
    await q.query(`DROP TABLE IF EXISTS stock_snapshot_days`);
  }
}
