import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a draft remembers of the caller's choices, and batch dates that agree with each other.
 *
 * - `operations.include_children`: an explicit source location is taken with its subtree.
 * - `operation_lines.accept_expired`: a receipt line may receive a batch that has already expired.
 * - A batch is not produced after it was received or after it expires. The API refuses such dates
 *   with a named field; these checks keep them out whatever writes. They are added NOT VALID so
 *   that rows written before them do not stop the migration; every new or changed row is checked.
 */
export class DraftFlagsBatchDates1764036000000 implements MigrationInterface {
  name = 'DraftFlagsBatchDates1764036000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE operations ADD COLUMN include_children boolean NOT NULL DEFAULT false`,
    );
    await q.query(
      `ALTER TABLE operation_lines ADD COLUMN accept_expired boolean NOT NULL DEFAULT false`,
    );
    await q.query(
      `ALTER TABLE batches ADD CONSTRAINT batches_produced_before_received CHECK (produced_at <= received_at) NOT VALID`,
    );
    await q.query(
      `ALTER TABLE batches ADD CONSTRAINT batches_produced_before_expiry CHECK (produced_at <= expires_at) NOT VALID`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE batches DROP CONSTRAINT IF EXISTS batches_produced_before_expiry`);
    await q.query(`ALTER TABLE batches DROP CONSTRAINT IF EXISTS batches_produced_before_received`);
    await q.query(`ALTER TABLE operation_lines DROP COLUMN IF EXISTS accept_expired`);
    await q.query(`ALTER TABLE operations DROP COLUMN IF EXISTS include_children`);
  }
}
