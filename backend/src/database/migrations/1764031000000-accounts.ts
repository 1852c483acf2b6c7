import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users, their sessions and one-time credentials, the audit log and the mail outbox.
 * Secrets (passwords, refresh tokens, reset codes, invitation tokens) are stored only hashed.
 */
export class Accounts1764031000000 implements MigrationInterface {
  name = 'Accounts1764031000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email citext NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 254),
        full_name text NOT NULL CHECK (length(btrim(full_name)) BETWEEN 1 AND 200),
        password_hash text,
        role text NOT NULL CHECK (role IN ('admin', 'manager', 'agent', 'viewer')),
        status text NOT NULL CHECK (status IN ('invited', 'active', 'disabled')),
        token_version integer NOT NULL DEFAULT 0,
        failed_login_count integer NOT NULL DEFAULT 0 CHECK (failed_login_count >= 0),
        locked_until timestamptz,
        last_login_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_active_has_password CHECK (status <> 'active' OR password_hash IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX users_full_name_trgm ON users USING gin (full_name gin_trgm_ops)`);
    await q.query(`CREATE INDEX users_email_trgm ON users USING gin ((email::text) gin_trgm_ops)`);

    // Warehouse ids get their foreign key when the warehouses table exists (catalog migration).
    await q.query(`
      CREATE TABLE user_warehouses (
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        warehouse_id uuid NOT NULL,
        PRIMARY KEY (user_id, warehouse_id)
      )`);
    await q.query(`CREATE INDEX user_warehouses_warehouse ON user_warehouses (warehouse_id)`);

    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        family_id uuid NOT NULL,
        token_hash text NOT NULL UNIQUE,
        token_version integer NOT NULL,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id)`);

    await q.query(`
      CREATE TABLE password_resets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        code_hash text NOT NULL,
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX password_resets_user ON password_resets (user_id, created_at DESC)`,
    );

    await q.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        token_hash text NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX invitations_user ON invitations (user_id)`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid REFERENCES users (id) ON DELETE SET NULL,
        actor_email text,
        action text NOT NULL,
        entity_type text,
        entity_id text,
        summary jsonb NOT NULL DEFAULT '{}'::jsonb,
        ip text
      )`);
    await q.query(`CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_log_actor ON audit_log (actor_id, at DESC)`);
    await q.query(`CREATE INDEX audit_log_action ON audit_log (action, at DESC)`);

    await q.query(`
      CREATE TABLE mail_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        to_address text NOT NULL,
        template text NOT NULL,
        subject text NOT NULL,
        context jsonb NOT NULL DEFAULT '{}'::jsonb,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        locked_until timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    await q.query(
      `CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE status IN ('pending', 'sending')`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'mail_outbox',
      'audit_log',
      'invitations',
      'password_resets',
      'refresh_tokens',
      'user_warehouses',
      'users',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
