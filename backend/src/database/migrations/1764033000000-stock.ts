import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stock engine. The invariants of DESIGN.md §3 are held by the database too:
 * - done moves can be neither updated nor deleted (trigger), and their quantity is positive;
 * - a level is never negative (CHECK) and unique per product × location × batch (NULLS NOT DISTINCT);
 * - a validated operation, and its lines, never change again (triggers);
 * - an operation is reversed at most once (unique reversal_of_id).
 * `batch_id` is part of moves and levels from the start; the batches migration adds its foreign keys.
 */
export class Stock1764033000000 implements MigrationInterface {
  name = 'Stock1764033000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE operation_sequences (
        warehouse_id uuid NOT NULL REFERENCES warehouses (id) ON DELETE CASCADE,
        type text NOT NULL,
        last_value integer NOT NULL,
        PRIMARY KEY (warehouse_id, type)
      )`);

    await q.query(`
      CREATE TABLE operations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reference text NOT NULL UNIQUE,
        type text NOT NULL CHECK (type IN ('receipt', 'delivery', 'transfer', 'adjustment', 'scrap')),
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'done', 'cancelled')),
        warehouse_id uuid NOT NULL REFERENCES warehouses (id),
        source_location_id uuid REFERENCES locations (id),
        destination_location_id uuid REFERENCES locations (id),
        partner text CHECK (length(partner) <= 200),
        scheduled_at timestamptz,
        done_at timestamptz,
        notes text CHECK (length(notes) <= 2000),
        created_by uuid REFERENCES users (id),
        validated_by uuid REFERENCES users (id),
        reversal_of_id uuid UNIQUE REFERENCES operations (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT operations_done_has_date CHECK ((status = 'done') = (done_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX operations_list ON operations (warehouse_id, created_at DESC)`);
    await q.query(`CREATE INDEX operations_created ON operations (created_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX operations_search ON operations USING gin ((reference || ' ' || coalesce(partner, '')) gin_trgm_ops)`,
    );

    await q.query(`
      CREATE TABLE operation_lines (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        operation_id uuid NOT NULL REFERENCES operations (id) ON DELETE CASCADE,
        line_no integer NOT NULL,
        product_id uuid NOT NULL REFERENCES products (id),
        batch_id uuid,
        quantity numeric(15, 3) CHECK (quantity > 0),
        counted_quantity numeric(15, 3) CHECK (counted_quantity >= 0),
        source_location_id uuid REFERENCES locations (id),
        destination_location_id uuid REFERENCES locations (id),
        UNIQUE (operation_id, line_no),
        CONSTRAINT operation_lines_one_quantity CHECK ((quantity IS NULL) <> (counted_quantity IS NULL))
      )`);

    await q.query(`
      CREATE TABLE stock_moves (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        operation_id uuid NOT NULL REFERENCES operations (id) DEFERRABLE INITIALLY DEFERRED,
        line_id uuid REFERENCES operation_lines (id) DEFERRABLE INITIALLY DEFERRED,
        product_id uuid NOT NULL REFERENCES products (id),
        batch_id uuid,
        source_location_id uuid NOT NULL REFERENCES locations (id),
        destination_location_id uuid NOT NULL REFERENCES locations (id),
        quantity numeric(15, 3) NOT NULL CHECK (quantity > 0),
        done_at timestamptz NOT NULL DEFAULT now(),
        CHECK (source_location_id <> destination_location_id)
      )`);
    await q.query(`CREATE INDEX stock_moves_recent ON stock_moves (done_at DESC, id DESC)`);
    await q.query(
      `CREATE INDEX stock_moves_product ON stock_moves (product_id, done_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX stock_moves_source ON stock_moves (source_location_id, done_at)`);
    await q.query(
      `CREATE INDEX stock_moves_destination ON stock_moves (destination_location_id, done_at)`,
    );
    await q.query(`CREATE INDEX stock_moves_operation ON stock_moves (operation_id)`);
    await q.query(
      `CREATE INDEX stock_moves_batch ON stock_moves (batch_id) WHERE batch_id IS NOT NULL`,
    );

    await q.query(`
      CREATE FUNCTION stock_moves_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'stock moves are immutable: % refused (reverse the operation instead)', TG_OP
          USING ERRCODE = 'restrict_violation';
      END $$`);
    await q.query(
      `CREATE TRIGGER stock_moves_no_update BEFORE UPDATE OR DELETE ON stock_moves FOR EACH ROW EXECUTE FUNCTION stock_moves_immutable()`,
    );
    await q.query(
      `CREATE TRIGGER stock_moves_no_truncate BEFORE TRUNCATE ON stock_moves FOR EACH STATEMENT EXECUTE FUNCTION stock_moves_immutable()`,
    );

    await q.query(`
      CREATE FUNCTION operations_frozen_when_done() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'done' THEN
          RAISE EXCEPTION 'operation % is validated and can no longer change', OLD.reference USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(
      `CREATE TRIGGER operations_frozen BEFORE UPDATE OR DELETE ON operations FOR EACH ROW EXECUTE FUNCTION operations_frozen_when_done()`,
    );
    await q.query(`
      CREATE FUNCTION operation_lines_frozen_when_done() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        parent_status text;
      BEGIN
        SELECT status INTO parent_status FROM operations
         WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.operation_id ELSE OLD.operation_id END;
        IF parent_status = 'done' THEN
          RAISE EXCEPTION 'lines of a validated operation can no longer change' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(
      `CREATE TRIGGER operation_lines_frozen BEFORE INSERT OR UPDATE OR DELETE ON operation_lines FOR EACH ROW EXECUTE FUNCTION operation_lines_frozen_when_done()`,
    );

    // The ledger's cache: one row per product × internal location × batch.
    await q.query(`
      CREATE TABLE stock_levels (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        product_id uuid NOT NULL REFERENCES products (id),
        location_id uuid NOT NULL REFERENCES locations (id),
        warehouse_id uuid NOT NULL REFERENCES warehouses (id),
        batch_id uuid,
        quantity numeric(15, 3) NOT NULL DEFAULT 0,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT stock_levels_not_negative CHECK (quantity >= 0),
        CONSTRAINT stock_levels_key UNIQUE NULLS NOT DISTINCT (product_id, location_id, batch_id)
      )`);
    await q.query(
      `CREATE INDEX stock_levels_location ON stock_levels (location_id) WHERE quantity <> 0`,
    );
    await q.query(
      `CREATE INDEX stock_levels_warehouse ON stock_levels (warehouse_id, product_id) WHERE quantity <> 0`,
    );
    await q.query(
      `CREATE INDEX stock_levels_batch ON stock_levels (batch_id) WHERE batch_id IS NOT NULL`,
    );

    // Internal locations only hold stock (virtual ones are the outside world).
    await q.query(`
      CREATE FUNCTION stock_levels_internal_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM locations WHERE id = NEW.location_id AND type = 'internal' AND warehouse_id = NEW.warehouse_id) THEN
          RAISE EXCEPTION 'stock levels exist only for internal locations of their warehouse' USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER stock_levels_internal BEFORE INSERT OR UPDATE OF location_id, warehouse_id ON stock_levels FOR EACH ROW EXECUTE FUNCTION stock_levels_internal_only()`,
    );

    await q.query(`
      CREATE TABLE idempotency_keys (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        request_hash text NOT NULL,
        response_status integer NOT NULL,
        response_body jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (user_id, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'idempotency_keys',
      'stock_levels',
      'stock_moves',
      'operation_lines',
      'operations',
      'operation_sequences',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    for (const fn of [
      'stock_levels_internal_only',
      'operation_lines_frozen_when_done',
      'operations_frozen_when_done',
      'stock_moves_immutable',
    ]) {
      await q.query(`DROP FUNCTION IF EXISTS ${fn}()`);
    }
  }
}
