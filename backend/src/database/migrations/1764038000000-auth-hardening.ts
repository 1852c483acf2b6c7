import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate limits shared by every API instance, and sign-in lock-outs and reset codes keyed by the
 * email address as typed (an HMAC of it, never the address) rather than by account, so that an
 * unknown address is counted, locked and burned exactly like a known one: the answers cannot
 * tell which addresses have accounts.
 *
 * Open reset codes were keyed by account and cannot be re-keyed here (the key needs the server
 * secret): they are closed, and a user in the middle of a reset asks for a new code. Running
 * sign-in failure counts are dropped with their columns; a lock in force ends early.
 */
export class AuthHardening1764038000000 implements MigrationInterface {
  name = 'AuthHardening1764038000000';

  async up(q: QueryRunner): Promise<void> {
    // Counters only: losing them in a crash merely restarts the windows, so no WAL is written.
    await q.query(`
      CREATE UNLOGGED TABLE rate_limits (
        key text PRIMARY KEY,
        hits integer NOT NULL CHECK (hits >= 0),
        expires_at timestamptz NOT NULL,
        blocked_until timestamptz
      )`);
    await q.query(`CREATE INDEX rate_limits_expires ON rate_limits (expires_at)`);

    await q.query(`
      CREATE TABLE sign_in_failures (
        email_key text PRIMARY KEY,
        failures integer NOT NULL CHECK (failures >= 0),
        locked_until timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sign_in_failures_updated ON sign_in_failures (updated_at)`);
    await q.query(`ALTER TABLE users DROP COLUMN failed_login_count, DROP COLUMN locked_until`);

    await q.query(`UPDATE password_resets SET used_at = now() WHERE used_at IS NULL`);
    await q.query(`ALTER TABLE password_resets ADD COLUMN email_key text`);
    await q.query(`UPDATE password_resets SET email_key = 'account:' || user_id`);
    await q.query(`
      ALTER TABLE password_resets
        ALTER COLUMN email_key SET NOT NULL,
        ALTER COLUMN user_id DROP NOT NULL`);
    await q.query(`DROP INDEX password_resets_user`);
    await q.query(
      `CREATE INDEX password_resets_email ON password_resets (email_key, created_at DESC)`,
    );
    await q.query(`CREATE INDEX password_resets_user ON password_resets (user_id)`);
    await q.query(
      `CREATE INDEX password_resets_unclaimed ON password_resets (expires_at) WHERE user_id IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX password_resets_unclaimed`);
    await q.query(`DROP INDEX password_resets_user`);
    await q.query(`DROP INDEX password_resets_email`);
    await q.query(`DELETE FROM password_resets WHERE user_id IS NULL`);
    await q.query(`
      ALTER TABLE password_resets
        ALTER COLUMN user_id SET NOT NULL,
        DROP COLUMN email_key`);
    await q.query(
      `CREATE INDEX password_resets_user ON password_resets (user_id, created_at DESC)`,
    );
    await q.query(`
      ALTER TABLE users
        ADD COLUMN failed_login_count integer NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
        ADD COLUMN locked_until timestamptz`);
    await q.query(`DROP TABLE sign_in_failures`);
    await q.query(`DROP TABLE rate_limits`);
  }
}
