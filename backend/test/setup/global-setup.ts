import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { EmbeddedDatabase, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { runMigrationsLocked } from '../../src/database/migrate';
import { TEST_ENV, withDatabase } from './test-env';

declare global {
  var __smEmbedded: EmbeddedDatabase | undefined;
}

/**
 * Once per run: a PostgreSQL server (the embedded one, or TEST_DATABASE_URL's) and a template
 * database built by the real migrations. Each test file clones the template (test-app.ts).
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env['TEST_DATABASE_URL'];
  if (!adminUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'sm-test-pg-'));
    chmodSync(dir, 0o755); // the server runs as the postgres user when we are root
    const embedded = await startEmbeddedPostgres({
      clusterDir: join(dir, 'pg'),
      passwordFile: join(dir, 'password'),
      database: 'postgres',
      // Throwaway cluster: durability buys nothing here and costs seconds.
      settings: {
        fsync: 'off',
        synchronous_commit: 'off',
        full_page_writes: 'off',
        max_connections: '300',
      },
    });
    globalThis.__smEmbedded = embedded;
    adminUrl = embedded.adminUrl;
    process.env[TEST_ENV.embeddedDir] = dir;
  }

  const prefix = `sm_${process.pid}_${Date.now().toString(36)}`;
  const template = `${prefix}_template`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${template}`);
  } finally {
    await admin.end();
  }
  const dataSource = await new DataSource(
    dataSourceOptions(withDatabase(adminUrl, template)),
  ).initialize();
  try {
    await runMigrationsLocked(dataSource);
  } finally {
    await dataSource.destroy();
  }

  // Workers are forked after this returns and inherit the environment.
  process.env[TEST_ENV.adminUrl] = adminUrl;
  process.env[TEST_ENV.template] = template;
  process.env[TEST_ENV.prefix] = prefix;
}
