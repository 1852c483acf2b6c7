import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Batches in id order with their expiry, read from the index alone: the expiry chart merges it
 * with the levels on hand, which `stock_levels_on_hand_by_batch` yields in the same order, instead
 * of hashing every batch (164 → 90 ms at 98,000 batches, medians of alternating runs on PostgreSQL 15).
 */
export class BatchesIdExpiry1764046000000 implements MigrationInterface {
  name = 'BatchesIdExpiry1764046000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX batches_id_expiry ON batches (id, expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX batches_id_expiry`);
  }
}
