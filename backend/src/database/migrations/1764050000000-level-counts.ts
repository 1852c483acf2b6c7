import { MigrationInterface, QueryRunner } from 'typeorm';
import { flowsOf } from './1764047000000-stock-summaries';

/**
 * `stock_totals.levels`: how many levels of the (product, warehouse) pair hold stock, kept by the
 * same statement triggers as its quantity. A page of levels filtered by warehouse or product
 * then counts its matches from one row per pair instead of every level (50,000 levels: a
 * sequential scan of 13–19 ms, most of the page's time).
 *
 * A level holds stock when its quantity is not zero; the count changes when a quantity crosses
 * zero, so the triggers sum `(new <> 0) - (old <> 0)` per pair beside the quantity, and a pair's
 * row is written when either sum is not zero.
 */

/** The level rows of one trigger event, each with the pair, expiry, quantity and count delta. */
const EVENT_ROWS: Record<'insert' | 'update' | 'delete', (counted: boolean) => string> = {
  insert: (counted) =>
    `SELECT product_id, warehouse_id, expires_at, quantity${counted ? ', (quantity <> 0)::int AS levels' : ''} FROM new_levels`,
  update: (counted) =>
    `SELECT product_id, warehouse_id, expires_at, quantity${counted ? ', (quantity <> 0)::int AS levels' : ''} FROM new_levels
     UNION ALL SELECT product_id, warehouse_id, expires_at, -quantity${counted ? ', -(quantity <> 0)::int' : ''} FROM old_levels`,
  delete: (counted) =>
    `SELECT product_id, warehouse_id, expires_at, -quantity AS quantity${counted ? ', -(quantity <> 0)::int AS levels' : ''} FROM old_levels`,
};

/** The summarise function of one event, with or without the level count. */
function summarise(event: keyof typeof EVENT_ROWS, counted: boolean): string {
  const rows = EVENT_ROWS[event](counted);
  const totals = counted
    ? `INSERT INTO stock_totals AS t (product_id, warehouse_id, quantity, levels)
          SELECT product_id, warehouse_id, sum(quantity), sum(levels) FROM (${rows}) AS c
           GROUP BY product_id, warehouse_id HAVING sum(quantity) <> 0 OR sum(levels) <> 0
           ORDER BY product_id, warehouse_id
          ON CONFLICT (product_id, warehouse_id)
          DO UPDATE SET quantity = t.quantity + excluded.quantity, levels = t.levels + excluded.levels`
    : `INSERT INTO stock_totals AS t (product_id, warehouse_id, quantity)
          SELECT product_id, warehouse_id, sum(quantity) FROM (${rows}) AS c
           GROUP BY product_id, warehouse_id HAVING sum(quantity) <> 0
           ORDER BY product_id, warehouse_id
          ON CONFLICT (product_id, warehouse_id) DO UPDATE SET quantity = t.quantity + excluded.quantity`;
  return `
        CREATE OR REPLACE FUNCTION stock_levels_summarise_${event}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          ${totals};
          INSERT INTO stock_expiry_totals (warehouse_id, expires_at, quantity)
          SELECT warehouse_id, expires_at, sum(quantity) FROM (${rows}) AS c
           GROUP BY warehouse_id, expires_at HAVING sum(quantity) <> 0;
          RETURN NULL;
        END $$`;
}

/** `stock_summaries_rebuild()` (see the stock summaries migration), with or without the count. */
function rebuild(counted: boolean): string {
  return `
      CREATE OR REPLACE FUNCTION stock_summaries_rebuild() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE stock_levels, stock_moves, reorder_rules, batches, products IN SHARE MODE;
        UPDATE stock_levels s SET expires_at = b.expires_at, warn_from = b.expires_at - p.expiry_warning_days
          FROM batches b JOIN products p ON p.id = b.product_id
         WHERE b.id = s.batch_id
           AND (s.expires_at, s.warn_from) IS DISTINCT FROM (b.expires_at, b.expires_at - p.expiry_warning_days);
        DELETE FROM stock_totals;
        DELETE FROM stock_expiry_totals;
        DELETE FROM stock_flows;
        INSERT INTO stock_totals (product_id, warehouse_id, quantity, ${counted ? 'levels, ' : ''}min_quantity)
        SELECT coalesce(s.product_id, r.product_id), coalesce(s.warehouse_id, r.warehouse_id),
               coalesce(s.quantity, 0), ${counted ? 'coalesce(s.levels, 0), ' : ''}r.min_quantity
          FROM (SELECT product_id, warehouse_id, sum(quantity) AS quantity${counted ? ', count(*) FILTER (WHERE quantity <> 0) AS levels' : ''}
                  FROM stock_levels
                 GROUP BY product_id, warehouse_id HAVING sum(quantity) <> 0) s
          FULL JOIN reorder_rules r ON r.product_id = s.product_id AND r.warehouse_id = s.warehouse_id;
        INSERT INTO stock_expiry_totals (warehouse_id, expires_at, quantity)
        SELECT warehouse_id, expires_at, sum(quantity) FROM stock_levels
         GROUP BY warehouse_id, expires_at HAVING sum(quantity) <> 0;
        ${flowsOf('stock_moves')};
      END $$`;
}

export class LevelCounts1764050000000 implements MigrationInterface {
  name = 'LevelCounts1764050000000';

  async up(q: QueryRunner): Promise<void> {
    // Postings wait while the count is backfilled and the triggers change, so none is missed.
    await q.query(`LOCK TABLE stock_levels IN SHARE MODE`);
    await q.query(`ALTER TABLE stock_totals ADD COLUMN levels integer NOT NULL DEFAULT 0`);
    for (const event of ['insert', 'update', 'delete'] as const)
      await q.query(summarise(event, true));
    await q.query(`
      UPDATE stock_totals t SET levels = c.levels
        FROM (SELECT product_id, warehouse_id, count(*) AS levels FROM stock_levels
               WHERE quantity <> 0 GROUP BY product_id, warehouse_id) c
       WHERE c.product_id = t.product_id AND c.warehouse_id = t.warehouse_id`);
    await q.query(rebuild(true));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`LOCK TABLE stock_levels IN SHARE MODE`);
    await q.query(rebuild(false));
    for (const event of ['insert', 'update', 'delete'] as const)
      await q.query(summarise(event, false));
    await q.query(`ALTER TABLE stock_totals DROP COLUMN levels`);
  }
}
