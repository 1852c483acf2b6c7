import { Logger } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createApp } from './app.factory';
import { ConfigError, loadAppConfig } from './config/app-config';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';

/** SIGTERM must end the process within 10 s even if something hangs while closing. */
const SHUTDOWN_DEADLINE_MS = 9_000;

async function bootstrap(): Promise<void> {
  const logger = new Logger('Bootstrap');
  if (existsSync('.env')) process.loadEnvFile('.env');

  let config;
  try {
    config = loadAppConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      // eslint-disable-next-line no-console
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  let embedded: EmbeddedDatabase | undefined;
  if (!config.databaseUrl) {
    const pgLogger = new Logger('EmbeddedPostgres');
    embedded = await startEmbeddedPostgres({
      clusterDir: join(config.dataDir, 'pg'),
      passwordFile: join(config.dataDir, 'pg-password'),
      log: (line) => pgLogger.debug(line),
    });
    config = { ...config, databaseUrl: embedded.url };
    logger.log(`embedded PostgreSQL running, data in ${join(config.dataDir, 'pg')}`);
  }

  let app;
  try {
    app = await createApp(config);
    await app.listen(config.port);
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
  logger.log(`StockMaster listening on http://localhost:${config.port} (API /api/v1, docs /docs)`);

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal} received, shutting down`);
    setTimeout(() => {
      logger.error('shutdown took too long, exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    // HTTP and the connection pool first, then the database server they were using.
    void app
      .close()
      .catch((error: unknown) => logger.error(`error while closing: ${String(error)}`))
      .then(() => embedded?.stop())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

bootstrap().catch((error: unknown) => {
  // eslint-disable-next-line no-console
  console.error('StockMaster failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
