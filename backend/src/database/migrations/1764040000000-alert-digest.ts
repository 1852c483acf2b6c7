import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The daily alert digest.
 * - `users.alert_digest`: the user's own choice; null means their role's default (daily for
 *   admins and managers, off for agents and viewers), so a role change moves the default along.
 * - `alert_digest_runs`: one row per local day the scheduled digest was claimed. Its primary key
 *   is the claim: however many API instances try, one INSERT wins, and the row outlives restarts.
 */
export class AlertDigest1764040000000 implements MigrationInterface {
  name = 'AlertDigest1764040000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE users ADD COLUMN alert_digest text CONSTRAINT users_alert_digest_check CHECK (alert_digest IN ('daily', 'off'))`,
    );
    await q.query(`
      CREATE TABLE alert_digest_runs (
        date date PRIMARY KEY,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        recipients integer,
        skipped integer
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS alert_digest_runs`);
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS alert_digest`);
  }
}
