import { rmSync } from 'node:fs';
import { Client } from 'pg';
import { TEST_ENV } from './test-env';

/** Drops every database this run created (template and any a crashed file left), then the server. */
export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env[TEST_ENV.adminUrl];
  const prefix = process.env[TEST_ENV.prefix];
  if (adminUrl && prefix) {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1`,
        [`${prefix}%`],
      );
      for (const { datname } of rows) {
        await admin.query(
          `DROP DATABASE IF EXISTS ${admin.escapeIdentifier(datname)} WITH (FORCE)`,
        );
      }
    } finally {
      await admin.end();
    }
  }
  await globalThis.__smEmbedded?.stop();
  const dir = process.env[TEST_ENV.embeddedDir];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
