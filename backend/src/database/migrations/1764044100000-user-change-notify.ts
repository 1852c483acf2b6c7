import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every committed change to a user (status, role, token version, password, warehouses) is
 * announced on the `user_changed` channel with the user's id, whoever wrote it: API instances
 * that keep users in memory drop them at once. NOTIFY is transactional: a rolled-back change
 * announces nothing, a committed one is announced as it commits.
 */
export class UserChangeNotify1764044100000 implements MigrationInterface {
  name = 'UserChangeNotify1764044100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION users_announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- Each table's own fields only: a record has no field of the other table.
        IF TG_TABLE_NAME = 'users' THEN
          PERFORM pg_notify('user_changed', OLD.id::text);
        ELSE
          IF TG_OP <> 'INSERT' THEN
            PERFORM pg_notify('user_changed', OLD.user_id::text);
          END IF;
          IF TG_OP <> 'DELETE' THEN
            PERFORM pg_notify('user_changed', NEW.user_id::text);
          END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER users_changed AFTER UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION users_announce_change()`,
    );
    await q.query(
      `CREATE TRIGGER user_warehouses_changed AFTER INSERT OR UPDATE OR DELETE ON user_warehouses FOR EACH ROW EXECUTE FUNCTION users_announce_change()`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS user_warehouses_changed ON user_warehouses`);
    await q.query(`DROP TRIGGER IF EXISTS users_changed ON users`);
    await q.query(`DROP FUNCTION IF EXISTS users_announce_change()`);
  }
}
