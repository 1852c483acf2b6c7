import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the dashboard reads at every opening: operations validated since midnight (by date, done
 * ones only) and the drafts waiting (newest first, as the operations list shows them). Both are
 * partial, so they stay small next to the table. And the longest expiry warning of any product,
 * which bounds the expiry-date range of batches that can be in their warning window.
 */
export class DashboardIndexes1764040100000 implements MigrationInterface {
  name = 'DashboardIndexes1764040100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX operations_done ON operations (done_at) WHERE status = 'done'`);
    await q.query(
      `CREATE INDEX operations_drafts ON operations (created_at DESC, id DESC) WHERE status = 'draft'`,
    );
    await q.query(`CREATE INDEX products_expiry_warning ON products (expiry_warning_days)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS products_expiry_warning`);
    await q.query(`DROP INDEX IF EXISTS operations_drafts`);
    await q.query(`DROP INDEX IF EXISTS operations_done`);
  }
}
