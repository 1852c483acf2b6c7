import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An expired batch is never delivered, held by the database too: a move of a batch to a
 * customer location is refused from the batch's expiry date on, "today" being the business's
 * day. The API sets `stockmaster.time_zone` on each connection (TZ); without it (psql, another
 * client) the session's own TimeZone decides. Scrap, counts, transfers and returns still move
 * expired stock: only selling it is refused.
 */
export class ExpiredBatchTrigger1764045000000 implements MigrationInterface {
  name = 'ExpiredBatchTrigger1764045000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION stock_moves_batch_not_expired() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        expired record;
        today date;
      BEGIN
        IF NEW.batch_id IS NULL THEN RETURN NEW; END IF;
        IF (SELECT type FROM locations WHERE id = NEW.destination_location_id) <> 'customer' THEN
          RETURN NEW;
        END IF;
        today := (now() AT TIME ZONE coalesce(nullif(current_setting('stockmaster.time_zone', true), ''),
                                              current_setting('TimeZone')))::date;
        SELECT code, expires_at INTO expired FROM batches WHERE id = NEW.batch_id AND expires_at <= today;
        IF FOUND THEN
          RAISE EXCEPTION 'batch % expired on %: it is never delivered', expired.code, expired.expires_at
            USING ERRCODE = 'check_violation', CONSTRAINT = 'stock_moves_batch_expired',
                  DETAIL = json_build_object('batchId', NEW.batch_id, 'code', expired.code,
                                             'expiresAt', expired.expires_at)::text;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(
      `CREATE TRIGGER stock_moves_batch_expired BEFORE INSERT ON stock_moves FOR EACH ROW EXECUTE FUNCTION stock_moves_batch_not_expired()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS stock_moves_batch_expired ON stock_moves`);
    await q.query(`DROP FUNCTION IF EXISTS stock_moves_batch_not_expired()`);
  }
}
