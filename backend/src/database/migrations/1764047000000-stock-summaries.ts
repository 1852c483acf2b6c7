import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Running totals the dashboard reads instead of summing every level and a month of the ledger
 * on each request, kept by the database itself as levels, moves, batch expiries and reorder
 * rules change, so that no writer can forget them:
 *
 * - Each batch-tracked level carries its batch's expiry date and the first day of its warning
 *   window (`expires_at`, `warn_from` = expiry − the product's warning days): the expired and
 *   expiring cards read the levels in those windows from two partial indexes, not every batch.
 * - `stock_totals`: on hand per (product, warehouse), with the pair's reorder minimum copied
 *   from its rule. A pair under its minimum is then one row of a partial index. Postings and
 *   rule changes meet on the pair's row, so a rule created while stock moves still sees it all.
 * - `stock_expiry_totals`: on hand per (warehouse, the levels' expiry date; NULL for untracked
 *   stock and batches without a date), and `stock_flows`: quantity moved per quarter-hour from
 *   one warehouse's internal locations to another's (NULL: outside any warehouse, a supplier
 *   or a customer). Every posting would update the same few rows here (all untracked stock of
 *   a warehouse is one date), so writers only append signed deltas and never wait on each
 *   other; readers sum the rows, and `stock_summaries_fold()` merges each key's rows into one.
 *   Quarter-hours add up to local days in every time zone in use (all offsets are multiples
 *   of 15 minutes).
 *
 * `stock_summaries_rebuild()` recomputes all of it from the batches, levels, ledger and rules:
 * the backfill below, and for data written with triggers off (bulk loads).
 */
/**
 * Appends the flows of the moves in `moves` (a table or transition table): per quarter-hour and
 * pair of warehouses, the internal side's warehouse or NULL; a move inside one warehouse is none.
 */
export const flowsOf = (moves: string) => `
        INSERT INTO stock_flows (period, from_warehouse_id, to_warehouse_id, quantity)
        SELECT date_bin('15 minutes', m.done_at, TIMESTAMPTZ '2000-01-01 00:00:00+00'),
               CASE WHEN sl.type = 'internal' THEN sl.warehouse_id END,
               CASE WHEN dl.type = 'internal' THEN dl.warehouse_id END, sum(m.quantity)
          FROM ${moves} m
          JOIN locations sl ON sl.id = m.source_location_id
          JOIN locations dl ON dl.id = m.destination_location_id
         WHERE (CASE WHEN sl.type = 'internal' THEN sl.warehouse_id END) IS DISTINCT FROM
               (CASE WHEN dl.type = 'internal' THEN dl.warehouse_id END)
         GROUP BY 1, 2, 3`;

export class StockSummaries1764047000000 implements MigrationInterface {
  name = 'StockSummaries1764047000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE stock_levels ADD COLUMN expires_at date, ADD COLUMN warn_from date`);
    await q.query(
      `CREATE INDEX stock_levels_expiring ON stock_levels (expires_at) INCLUDE (warehouse_id, batch_id, quantity)
        WHERE quantity > 0 AND expires_at IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX stock_levels_warning ON stock_levels (warn_from) INCLUDE (expires_at, warehouse_id, batch_id, quantity)
        WHERE quantity > 0 AND warn_from IS NOT NULL`,
    );
    // A new level takes its batch's dates. The batch is read under the lock its foreign key
    // takes anyway, so a date change in progress (which locks the batch) is waited for.
    await q.query(`
      CREATE FUNCTION stock_levels_dated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.expires_at := NULL;
        NEW.warn_from := NULL;
        IF NEW.batch_id IS NOT NULL THEN
          SELECT b.expires_at, b.expires_at - p.expiry_warning_days INTO NEW.expires_at, NEW.warn_from
            FROM batches b JOIN products p ON p.id = b.product_id
           WHERE b.id = NEW.batch_id
             FOR KEY SHARE OF b, p;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER stock_levels_dated BEFORE INSERT ON stock_levels FOR EACH ROW EXECUTE FUNCTION stock_levels_dated()`,
    );
    // A batch's or a product's dates change on its levels in two passes: the levels first (a
    // posting holding one finishes), then the batch or product is locked against postings adding
    // a level of it, then the levels added meanwhile. Levels before the batch: the order
    // postings lock them in.
    await q.query(`
      CREATE FUNCTION batches_dates_to_levels() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        warning integer := (SELECT expiry_warning_days FROM products WHERE id = NEW.product_id);
      BEGIN
        UPDATE stock_levels SET expires_at = NEW.expires_at, warn_from = NEW.expires_at - warning
         WHERE batch_id = NEW.id;
        PERFORM 1 FROM batches WHERE id = NEW.id FOR UPDATE;
        UPDATE stock_levels SET expires_at = NEW.expires_at, warn_from = NEW.expires_at - warning
         WHERE batch_id = NEW.id AND (expires_at, warn_from) IS DISTINCT FROM (NEW.expires_at, NEW.expires_at - warning);
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER batches_dates_to_levels AFTER UPDATE OF expires_at ON batches FOR EACH ROW
        WHEN (OLD.expires_at IS DISTINCT FROM NEW.expires_at) EXECUTE FUNCTION batches_dates_to_levels()`);
    await q.query(`
      CREATE FUNCTION products_warning_to_levels() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE stock_levels SET warn_from = expires_at - NEW.expiry_warning_days
         WHERE product_id = NEW.id AND batch_id IS NOT NULL;
        PERFORM 1 FROM products WHERE id = NEW.id FOR UPDATE;
        UPDATE stock_levels SET warn_from = expires_at - NEW.expiry_warning_days
         WHERE product_id = NEW.id AND batch_id IS NOT NULL
           AND warn_from IS DISTINCT FROM expires_at - NEW.expiry_warning_days;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER products_warning_to_levels AFTER UPDATE OF expiry_warning_days ON products FOR EACH ROW
        WHEN (OLD.expiry_warning_days IS DISTINCT FROM NEW.expiry_warning_days) EXECUTE FUNCTION products_warning_to_levels()`);

    await q.query(`
      CREATE TABLE stock_totals (
        product_id uuid NOT NULL REFERENCES products (id) ON DELETE CASCADE,
        warehouse_id uuid NOT NULL REFERENCES warehouses (id) ON DELETE CASCADE,
        quantity numeric(15, 3) NOT NULL DEFAULT 0,
        min_quantity numeric(15, 3),
        PRIMARY KEY (product_id, warehouse_id)
      )`);
    await q.query(
      `CREATE INDEX stock_totals_below_minimum ON stock_totals (warehouse_id, product_id) WHERE quantity < min_quantity`,
    );
    await q.query(`
      CREATE TABLE stock_expiry_totals (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        warehouse_id uuid NOT NULL,
        expires_at date,
        quantity numeric NOT NULL
      )`);
    await q.query(`
      CREATE TABLE stock_flows (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        period timestamptz NOT NULL,
        from_warehouse_id uuid,
        to_warehouse_id uuid,
        quantity numeric NOT NULL
      )`);
    await q.query(`CREATE INDEX stock_flows_period ON stock_flows (period)`);

    // Level deltas into the totals and expiry rows, one function per event (a trigger with
    // transition tables has exactly one), the statements in PL/pgSQL so their plans are kept.
    // A level whose date changes moves what it holds from one date's row to the other's.
    // Pairs are upserted in key order, the one order every posting locks them in.
    for (const [event, rows] of [
      ['insert', `SELECT product_id, warehouse_id, expires_at, quantity FROM new_levels`],
      [
        'update',
        `SELECT product_id, warehouse_id, expires_at, quantity FROM new_levels
         UNION ALL SELECT product_id, warehouse_id, expires_at, -quantity FROM old_levels`,
      ],
      [
        'delete',
        `SELECT product_id, warehouse_id, expires_at, -quantity AS quantity FROM old_levels`,
      ],
    ]) {
      await q.query(`
        CREATE FUNCTION stock_levels_summarise_${event}() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          INSERT INTO stock_totals AS t (product_id, warehouse_id, quantity)
          SELECT product_id, warehouse_id, sum(quantity) FROM (${rows}) AS c
           GROUP BY product_id, warehouse_id HAVING sum(quantity) <> 0
           ORDER BY product_id, warehouse_id
          ON CONFLICT (product_id, warehouse_id) DO UPDATE SET quantity = t.quantity + excluded.quantity;
          INSERT INTO stock_expiry_totals (warehouse_id, expires_at, quantity)
          SELECT warehouse_id, expires_at, sum(quantity) FROM (${rows}) AS c
           GROUP BY warehouse_id, expires_at HAVING sum(quantity) <> 0;
          RETURN NULL;
        END $$`);
    }
    await q.query(`
      CREATE TRIGGER stock_levels_summarise_insert AFTER INSERT ON stock_levels
        REFERENCING NEW TABLE AS new_levels FOR EACH STATEMENT EXECUTE FUNCTION stock_levels_summarise_insert()`);
    await q.query(`
      CREATE TRIGGER stock_levels_summarise_update AFTER UPDATE ON stock_levels
        REFERENCING OLD TABLE AS old_levels NEW TABLE AS new_levels FOR EACH STATEMENT EXECUTE FUNCTION stock_levels_summarise_update()`);
    await q.query(`
      CREATE TRIGGER stock_levels_summarise_delete AFTER DELETE ON stock_levels
        REFERENCING OLD TABLE AS old_levels FOR EACH STATEMENT EXECUTE FUNCTION stock_levels_summarise_delete()`);

    // Moves in and out of warehouses; a move inside one warehouse changes neither.
    await q.query(`
      CREATE FUNCTION stock_moves_summarise() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${flowsOf('new_moves')};
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER stock_moves_summarise AFTER INSERT ON stock_moves
        REFERENCING NEW TABLE AS new_moves FOR EACH STATEMENT EXECUTE FUNCTION stock_moves_summarise()`);

    // A rule's minimum is copied onto its pair's row (made if the pair never held stock).
    await q.query(`
      CREATE FUNCTION reorder_rules_summarise() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
          UPDATE stock_totals SET min_quantity = NULL
           WHERE product_id = OLD.product_id AND warehouse_id = OLD.warehouse_id;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
          INSERT INTO stock_totals AS t (product_id, warehouse_id, min_quantity)
          VALUES (NEW.product_id, NEW.warehouse_id, NEW.min_quantity)
          ON CONFLICT (product_id, warehouse_id) DO UPDATE SET min_quantity = excluded.min_quantity;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER reorder_rules_summarise AFTER INSERT OR UPDATE OR DELETE ON reorder_rules
        FOR EACH ROW EXECUTE FUNCTION reorder_rules_summarise()`);

    // Each key's rows into one; concurrent folds and appends lose nothing (a row is summed by
    // the statement that deletes it). One fold at a time: a second caller has nothing to do.
    await q.query(`
      CREATE FUNCTION stock_summaries_fold() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT pg_try_advisory_xact_lock(hashtext('stock_summaries_fold')) THEN RETURN; END IF;
        WITH gone AS (DELETE FROM stock_expiry_totals RETURNING warehouse_id, expires_at, quantity)
        INSERT INTO stock_expiry_totals (warehouse_id, expires_at, quantity)
        SELECT warehouse_id, expires_at, sum(quantity) FROM gone
         GROUP BY warehouse_id, expires_at HAVING sum(quantity) <> 0;
        WITH gone AS (DELETE FROM stock_flows RETURNING period, from_warehouse_id, to_warehouse_id, quantity)
        INSERT INTO stock_flows (period, from_warehouse_id, to_warehouse_id, quantity)
        SELECT period, from_warehouse_id, to_warehouse_id, sum(quantity) FROM gone
         GROUP BY period, from_warehouse_id, to_warehouse_id HAVING sum(quantity) <> 0;
      END $$`);

    await q.query(`
      CREATE FUNCTION stock_summaries_rebuild() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE stock_levels, stock_moves, reorder_rules, batches, products IN SHARE MODE;
        UPDATE stock_levels s SET expires_at = b.expires_at, warn_from = b.expires_at - p.expiry_warning_days
          FROM batches b JOIN products p ON p.id = b.product_id
         WHERE b.id = s.batch_id
           AND (s.expires_at, s.warn_from) IS DISTINCT FROM (b.expires_at, b.expires_at - p.expiry_warning_days);
        DELETE FROM stock_totals;
        DELETE FROM stock_expiry_totals;
        DELETE FROM stock_flows;
        INSERT INTO stock_totals (product_id, warehouse_id, quantity, min_quantity)
        SELECT coalesce(s.product_id, r.product_id), coalesce(s.warehouse_id, r.warehouse_id),
               coalesce(s.quantity, 0), r.min_quantity
          FROM (SELECT product_id, warehouse_id, sum(quantity) AS quantity FROM stock_levels
                 GROUP BY product_id, warehouse_id HAVING sum(quantity) <> 0) s
          FULL JOIN reorder_rules r ON r.product_id = s.product_id AND r.warehouse_id = s.warehouse_id;
        INSERT INTO stock_expiry_totals (warehouse_id, expires_at, quantity)
        SELECT warehouse_id, expires_at, sum(quantity) FROM stock_levels
         GROUP BY warehouse_id, expires_at HAVING sum(quantity) <> 0;
        ${flowsOf('stock_moves')};
      END $$`);
    await q.query(`SELECT stock_summaries_rebuild()`);

    // The expiry chart no longer merges every batch with the levels in id order.
    await q.query(`DROP INDEX batches_id_expiry`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX batches_id_expiry ON batches (id, expires_at)`);
    await q.query(`DROP TRIGGER reorder_rules_summarise ON reorder_rules`);
    await q.query(`DROP TRIGGER stock_moves_summarise ON stock_moves`);
    await q.query(`DROP TRIGGER products_warning_to_levels ON products`);
    await q.query(`DROP TRIGGER batches_dates_to_levels ON batches`);
    await q.query(`DROP TRIGGER stock_levels_dated ON stock_levels`);
    for (const event of ['insert', 'update', 'delete']) {
      await q.query(`DROP TRIGGER stock_levels_summarise_${event} ON stock_levels`);
      await q.query(`DROP FUNCTION stock_levels_summarise_${event}()`);
    }
    for (const fn of [
      'stock_summaries_rebuild()',
      'stock_summaries_fold()',
      'reorder_rules_summarise()',
      'stock_moves_summarise()',
      'products_warning_to_levels()',
      'batches_dates_to_levels()',
      'stock_levels_dated()',
    ]) {
      await q.query(`DROP FUNCTION ${fn}`);
    }
    await q.query(`DROP TABLE stock_flows`);
    await q.query(`DROP TABLE stock_expiry_totals`);
    await q.query(`DROP TABLE stock_totals`);
    await q.query(`ALTER TABLE stock_levels DROP COLUMN warn_from, DROP COLUMN expires_at`);
  }
}
