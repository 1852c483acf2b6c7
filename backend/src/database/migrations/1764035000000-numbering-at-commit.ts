import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Operations are numbered by the database as their transaction commits. The gap-free sequence
 * row of a warehouse and type serialises every posting there; taken by a statement of the
 * posting, its lock was held until the application's COMMIT arrived, a round trip later (and
 * later still when the API was busy). A deferred constraint trigger takes the number inside the
 * commit itself, so the lock lives only as long as the commit. A rolled-back transaction never
 * reaches it: still no gaps.
 *
 * Rows are inserted with a `pending/<id>` reference; the trigger replaces it. The one change a
 * validated operation may still receive is that numbering. A posting writes its operation
 * already done, with its lines in the same statement: lines may be added to a done operation by
 * the transaction that created it, and only by it.
 */
export class NumberingAtCommit1764035000000 implements MigrationInterface {
  name = 'NumberingAtCommit1764035000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION operations_number() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        next_value integer;
      BEGIN
        INSERT INTO operation_sequences AS s (warehouse_id, type, last_value)
        VALUES (NEW.warehouse_id, NEW.type, 1)
        ON CONFLICT (warehouse_id, type) DO UPDATE SET last_value = s.last_value + 1
        RETURNING s.last_value INTO next_value;
        UPDATE operations o
           SET reference = w.code || '/' ||
                 CASE o.type WHEN 'receipt' THEN 'IN' WHEN 'delivery' THEN 'OUT' WHEN 'transfer' THEN 'INT'
                             WHEN 'adjustment' THEN 'ADJ' WHEN 'scrap' THEN 'SCR' END || '/' ||
                 lpad(next_value::text, greatest(5, length(next_value::text)), '0')
          FROM warehouses w
         WHERE o.id = NEW.id AND w.id = o.warehouse_id;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE CONSTRAINT TRIGGER operations_numbered AFTER INSERT ON operations
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
        WHEN (NEW.reference LIKE 'pending/%')
        EXECUTE FUNCTION operations_number()`);

    await q.query(`
      CREATE OR REPLACE FUNCTION operations_frozen_when_done() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'done' AND NOT (
             TG_OP = 'UPDATE' AND OLD.reference LIKE 'pending/%' AND NEW.reference NOT LIKE 'pending/%'
             AND to_jsonb(NEW) - 'reference' = to_jsonb(OLD) - 'reference') THEN
          RAISE EXCEPTION 'operation % is validated and can no longer change', OLD.reference USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);

    await q.query(`
      CREATE OR REPLACE FUNCTION operation_lines_frozen_when_done() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        parent_status text;
        parent_is_new boolean;
      BEGIN
        SELECT status, xmin = xid(pg_current_xact_id()) INTO parent_status, parent_is_new FROM operations
         WHERE id = CASE WHEN TG_OP = 'INSERT' THEN NEW.operation_id ELSE OLD.operation_id END;
        IF parent_status = 'done' AND NOT (TG_OP = 'INSERT' AND parent_is_new) THEN
          RAISE EXCEPTION 'lines of a validated operation can no longer change' USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION operation_lines_frozen_when_done() RETURNS trigger LANGUAGE plpgsql AS $$
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
    await q.query(`
      CREATE OR REPLACE FUNCTION operations_frozen_when_done() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'done' THEN
          RAISE EXCEPTION 'operation % is validated and can no longer change', OLD.reference USING ERRCODE = 'restrict_violation';
        END IF;
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
      END $$`);
    await q.query(`DROP TRIGGER IF EXISTS operations_numbered ON operations`);
    await q.query(`DROP FUNCTION IF EXISTS operations_number()`);
  }
}
