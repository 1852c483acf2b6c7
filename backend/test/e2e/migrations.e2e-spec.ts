import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { runMigrationsLocked } from '../../src/database/migrate';
import { MIGRATIONS } from '../../src/database/migrations';
import { createTestDatabase, TestDatabase } from '../setup/test-app';

describe('migrations at start', () => {
  let database: TestDatabase;
  const sources: DataSource[] = [];

  beforeAll(async () => {
    database = await createTestDatabase({ empty: true });
  });
  afterAll(async () => {
    await Promise.all(sources.map((source) => source.destroy()));
    await database.drop();
  });

  it('applies each migration exactly once when several instances start together', async () => {
    for (let i = 0; i < 4; i++)
      sources.push(await new DataSource(dataSourceOptions(database.url)).initialize());

    const applied = await Promise.all(sources.map((source) => runMigrationsLocked(source)));

    expect(applied.flat()).toHaveLength(MIGRATIONS.length);
    const rows = await sources[0].query('SELECT name FROM migrations ORDER BY id');
    expect(rows.map((row: { name: string }) => row.name)).toEqual(
      MIGRATIONS.map((migration) => migration.name),
    );
    const extensions = await sources[0].query(
      `SELECT extname FROM pg_extension WHERE extname IN ('citext', 'pg_trgm')`,
    );
    expect(extensions).toHaveLength(2);
  });

  it('finds nothing to do on a second start', async () => {
    await expect(runMigrationsLocked(sources[0])).resolves.toEqual([]);
  });
});
