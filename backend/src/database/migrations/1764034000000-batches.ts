import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batches (lots). A batch belongs to one product, and the database says so: moves, levels and
 * lines refer to (batch, product) pairs, so a batch can never move as another product's. A
 * batch-tracked product never moves without a batch (trigger on the ledger).
 */
export class Batches1764034000000 implements MigrationInterface {
  name = 'Batches1764034000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE batches (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        product_id uuid NOT NULL REFERENCES products (id),
        code text NOT NULL CHECK (length(code) BETWEEN 1 AND 64 AND code = btrim(code)),
        produced_at date,
        received_at date,
        expires_at date,
        public_token text NOT NULL UNIQUE CHECK (length(public_token) >= 22),
        notes text CHECK (length(notes) <= 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT batches_id_product UNIQUE (id, product_id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX batches_code_per_product ON batches (product_id, lower(code))`,
    );
    await q.query(`CREATE INDEX batches_expiry ON batches (expires_at, code)`);
    await q.query(`CREATE INDEX batches_code_trgm ON batches USING gin (code gin_trgm_ops)`);

    for (const table of ['stock_moves', 'stock_levels', 'operation_lines']) {
      await q.query(
        `ALTER TABLE ${table} ADD CONSTRAINT ${table}_batch_of_product FOREIGN KEY (batch_id, product_id) REFERENCES batches (id, product_id)`,
      );
    }
    // Inline batches of receipt lines are created when the receipt is validated.
    await q.query(`ALTER TABLE operation_lines ADD COLUMN new_batch jsonb`);

    await q.query(`
      CREATE FUNCTION stock_moves_batch_required() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.batch_id IS NULL AND EXISTS (SELECT 1 FROM products WHERE id = NEW.product_id AND tracking = 'batch') THEN
          RAISE EXCEPTION 'product % is batch-tracked: a move needs a batch', NEW.product_id USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.batch_id IS NOT NULL AND EXISTS (SELECT 1 FROM products WHERE id = NEW.product_id AND tracking = 'none') THEN
          RAISE EXCEPTION 'product % is not batch-tracked: a move takes no batch', NEW.product_id USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER stock_moves_batch_rule BEFORE INSERT ON stock_moves FOR EACH ROW EXECUTE FUNCTION stock_moves_batch_required()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS stock_moves_batch_rule ON stock_moves`);
    await q.query(`DROP FUNCTION IF EXISTS stock_moves_batch_required()`);
    await q.query(`ALTER TABLE operation_lines DROP COLUMN IF EXISTS new_batch`);
    for (const table of ['stock_moves', 'stock_levels', 'operation_lines']) {
      await q.query(`ALTER TABLE ${table} DROP CONSTRAINT IF EXISTS ${table}_batch_of_product`);
    }
    await q.query(`DROP TABLE IF EXISTS batches`);
  }
}
