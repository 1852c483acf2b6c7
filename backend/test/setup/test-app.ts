import { Type } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, Pool } from 'pg';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadAppConfig } from '../../src/config/app-config';
import { builtApi } from './built-api';
import { testEnv, withDatabase } from './test-env';

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

async function withAdmin<T>(work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: testEnv('adminUrl') });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}

/** A new database cloned from the migrated template: each test file starts from the same state. */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `${testEnv('prefix')}_${randomBytes(5).toString('hex')}`;
  const template = options.empty ? 'template0' : testEnv('template');
  await withAdmin(async (admin) => {
    // Two files cloning the template at the same instant can collide (55006); a retry settles it.
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
        await sleep(50 * attempt);
      }
    }
  });
  return {
    name,
    url: withDatabase(testEnv('adminUrl'), name),
    drop: () =>
      withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(
        () => undefined,
      ),
  };
}

/** Runs SQL as the server's superuser (to break the database on purpose, for instance). */
export function adminQuery(sql: string): Promise<unknown> {
  return withAdmin((admin) => admin.query(sql));
}

export interface TestApp {
  app: NestExpressApplication;
  /** supertest over the real HTTP server. */
  http: TestAgent;
  /** Direct access to the file's database, for assertions on what was (not) written. */
  db: Pool;
  database: TestDatabase;
  config: AppConfig;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  extraModules?: Type[];
  /** Run against another app's database (a second API instance) instead of a fresh one. */
  database?: TestDatabase;
  /** Run the compiled server of `dist` (Swagger plugin applied) instead of the sources. */
  built?: boolean;
}

/** Test defaults: cheap bcrypt, no rate limit in the way, a mail worker that polls often. */
const TEST_DEFAULTS: Record<string, string> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  JWT_SECRET: 'test-secret-that-is-long-enough-for-hs256-signing',
  PUBLIC_URL: 'http://localhost:3000',
  BCRYPT_COST: '4',
  AUTH_RATE_LIMIT_IP: '100000',
  AUTH_RATE_LIMIT_ACCOUNT: '100000',
  MAIL_POLL_INTERVAL_MS: '50',
  MAIL_RETRY_BASE_MS: '200',
  // The digest tests turn the daily schedule on; elsewhere it would mail at every start.
  ALERT_DIGEST_AT: 'off',
  // As-of snapshots are taken when a test asks for them (StockSnapshotJob.runOnce).
  STOCK_SNAPSHOT_INTERVAL_MS: '0',
  // Tests change users straight in the database and expect the next request to see it at once;
  // the user cache has its own test.
  USER_CACHE: 'off',
};

/**
 * The real application (same factory as production) on its own fresh database.
 *
 * One app at a time per test file: Passport keeps a process-wide strategy registry, so the
 * newest app's JWT strategy serves every app in the process, and closing it breaks the others.
 * (Production runs one app per process.) Two instances that live and close together are fine.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const ownDatabase = !options.database;
  const database = options.database ?? (await createTestDatabase());
  const dataDir = mkdtempSync(join(tmpdir(), 'sm-test-data-'));
  const factory = options.built ? await builtApi() : { createApp, loadAppConfig };
  const config = factory.loadAppConfig({
    ...TEST_DEFAULTS,
    DATABASE_URL: database.url,
    DATA_DIR: dataDir,
    ...options.env,
  });
  const app = await factory.createApp(config, { extraModules: options.extraModules });
  await app.init();
  const db = new Pool({ connectionString: database.url, max: 4 });
  // An idle helper connection closed by the server must not crash the file as an unhandled
  // 'error' event; a query on a broken connection still fails its test.
  db.on('error', () => undefined);
  return {
    app,
    http: request(app.getHttpServer()),
    db,
    database,
    config,
    async close() {
      await app.close();
      await db.end();
      if (ownDatabase) await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
