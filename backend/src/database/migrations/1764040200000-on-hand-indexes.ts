import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Covering indexes for the dashboard's sums over the levels on hand, so they read the index
 * alone (an index-only scan) instead of the table:
 * - per batch, in batch order: the expiry chart sums every level on hand once per batch, and a
 *   scan in batch order groups without hashing or sorting;
 * - per (warehouse, product), now with the quantity: the below-minimum card sums each reorder
 *   rule's levels through it. It replaces the index of the same keys without the quantity.
 */
export class OnHandIndexes1764040200000 implements MigrationInterface {
  name = 'OnHandIndexes1764040200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX stock_levels_on_hand_by_batch ON stock_levels (batch_id, warehouse_id, quantity) WHERE quantity > 0`,
    );
    await q.query(`DROP INDEX stock_levels_warehouse`);
    await q.query(
      `CREATE INDEX stock_levels_warehouse ON stock_levels (warehouse_id, product_id, quantity) WHERE quantity <> 0`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX stock_levels_warehouse`);
    await q.query(
      `CREATE INDEX stock_levels_warehouse ON stock_levels (warehouse_id, product_id) WHERE quantity <> 0`,
    );
    await q.query(`DROP INDEX IF EXISTS stock_levels_on_hand_by_batch`);
  }
}
