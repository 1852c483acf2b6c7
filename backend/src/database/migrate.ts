import { DataSource } from 'typeorm';

/** Any constant shared by all instances; the value spells "STKMSTR1". */
const MIGRATION_LOCK_KEY = '6004209009856869425';

/**
 * Applies pending migrations under a PostgreSQL advisory lock, so several API instances
 * starting together apply each migration exactly once: the others wait, then find nothing to do.
 */
export async function runMigrationsLocked(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner
      .query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY])
      .catch(() => undefined);
    await runner.release();
  }
}
