import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batch status for food safety: `available`, `quarantined` (held while a doubt is checked) or
 * `recalled` (final). A recalled batch keeps the notice shown on its public page. Every change is
 * kept in `batch_status_changes`.
 *
 * The database holds the rule on its own: a blocked batch never moves to a customer nor from one
 * internal location to another (counts, scrap and returns still do), and a recall is never undone.
 */
export class BatchStatus1764042000000 implements MigrationInterface {
  name = 'BatchStatus1764042000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE batches
        ADD COLUMN status text NOT NULL DEFAULT 'available'
          CONSTRAINT batches_status_check CHECK (status IN ('available', 'quarantined', 'recalled')),
        ADD COLUMN recall_notice text CONSTRAINT batches_recall_notice_check CHECK (length(recall_notice) <= 2000),
        ADD COLUMN recalled_at timestamptz,
        ADD CONSTRAINT batches_recall_complete
          CHECK ((status = 'recalled') = (recall_notice IS NOT NULL AND recalled_at IS NOT NULL))`);
    await q.query(`CREATE INDEX batches_blocked ON batches (status) WHERE status <> 'available'`);

    await q.query(`
      CREATE TABLE batch_status_changes (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        batch_id uuid NOT NULL REFERENCES batches (id),
        from_status text NOT NULL,
        to_status text NOT NULL,
        reason text CHECK (length(reason) <= 2000),
        public_notice text CHECK (length(public_notice) <= 2000),
        user_id uuid REFERENCES users (id) ON DELETE SET NULL,
        user_email text,
        at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT batch_status_changes_statuses CHECK (
          from_status IN ('available', 'quarantined', 'recalled')
          AND to_status IN ('available', 'quarantined', 'recalled')
          AND from_status <> to_status)
      )`);
    await q.query(
      `CREATE INDEX batch_status_changes_batch ON batch_status_changes (batch_id, at, id)`,
    );

    await q.query(`
      CREATE FUNCTION batches_recall_final() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'recalled' AND NEW.status <> 'recalled' THEN
          RAISE EXCEPTION 'batch % is recalled: a recall is final', OLD.code
            USING ERRCODE = 'check_violation', CONSTRAINT = 'batches_recall_final';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER batches_recall_final BEFORE UPDATE OF status ON batches FOR EACH ROW EXECUTE FUNCTION batches_recall_final()`,
    );

    // A plain read is enough: a status change locks the batch's levels first, so a posting that
    // could take this batch either committed before it or reads the new status here.
    await q.query(`
      CREATE FUNCTION stock_moves_batch_not_blocked() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        blocked record;
        from_type text;
        to_type text;
      BEGIN
        IF NEW.batch_id IS NULL THEN RETURN NEW; END IF;
        SELECT code, status INTO blocked FROM batches WHERE id = NEW.batch_id AND status <> 'available';
        IF NOT FOUND THEN RETURN NEW; END IF;
        SELECT type INTO from_type FROM locations WHERE id = NEW.source_location_id;
        SELECT type INTO to_type FROM locations WHERE id = NEW.destination_location_id;
        IF to_type = 'customer' OR (from_type = 'internal' AND to_type = 'internal') THEN
          RAISE EXCEPTION 'batch % is %: it is never delivered nor transferred', blocked.code, blocked.status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'stock_moves_batch_blocked',
                  DETAIL = json_build_object('batchId', NEW.batch_id, 'code', blocked.code, 'status', blocked.status)::text;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER stock_moves_batch_blocked BEFORE INSERT ON stock_moves FOR EACH ROW EXECUTE FUNCTION stock_moves_batch_not_blocked()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS stock_moves_batch_blocked ON stock_moves`);
    await q.query(`DROP FUNCTION IF EXISTS stock_moves_batch_not_blocked()`);
    await q.query(`DROP TRIGGER IF EXISTS batches_recall_final ON batches`);
    await q.query(`DROP FUNCTION IF EXISTS batches_recall_final()`);
    await q.query(`DROP TABLE IF EXISTS batch_status_changes`);
    await q.query(`DROP INDEX IF EXISTS batches_blocked`);
    await q.query(`
      ALTER TABLE batches
        DROP CONSTRAINT IF EXISTS batches_recall_complete,
        DROP COLUMN IF EXISTS recalled_at,
        DROP COLUMN IF EXISTS recall_notice,
        DROP COLUMN IF EXISTS status`);
  }
}
