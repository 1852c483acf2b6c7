import { isLocalOnlyUrl } from '@stockmaster/contracts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { createApp } from './app.factory';
import { createRootLogger } from './common/logging/root-logger';
import { AppConfig, ConfigError, loadAppConfig } from './config/app-config';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { AuthService } from './modules/auth/auth.service';

/** SIGTERM must end the process within 10 s even if something hangs while closing. */
const SHUTDOWN_DEADLINE_MS = 9_000;

/**
 * QR codes and mail links built on a localhost `PUBLIC_URL` open on no phone. On a laptop that
 * is the default and a hint is enough; in production it is a misconfiguration.
 */
function checkPublicUrl(config: AppConfig, log: Logger): void {
  if (!isLocalOnlyUrl(config.publicUrl)) return;
  const message =
    `PUBLIC_URL is ${config.publicUrl}: QR codes and links in mail open only on this computer. ` +
    `Set PUBLIC_URL to the address phones and colleagues reach, e.g. http://192.168.1.20:${config.port}`;
  if (config.production) log.warn(message);
  else log.info(message);
}

async function bootstrap(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');

  let config: AppConfig;
  try {
    config = loadAppConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      createRootLogger('info').fatal({ context: 'Bootstrap' }, error.message);
      process.exit(1);
    }
    throw error;
  }
  const root = createRootLogger(config.logLevel);
  const log = root.child({ context: 'Bootstrap' });

  let embedded: EmbeddedDatabase | undefined;
  let app;
  try {
    if (!config.databaseUrl) {
      // initdb and the server narrate every step; a user needs none of it to start working.
      const pgLog = root.child({ context: 'EmbeddedPostgres' });
      embedded = await startEmbeddedPostgres({
        clusterDir: join(config.dataDir, 'pg'),
        passwordFile: join(config.dataDir, 'pg-password'),
        log: (line) => pgLog.debug(line),
      });
      config = { ...config, databaseUrl: embedded.url };
      log.info(`embedded PostgreSQL running, data in ${join(config.dataDir, 'pg')}`);
    }
    app = await createApp(config, { logger: root });
    await app.listen(config.port);
  } catch (error) {
    await embedded?.stop();
    log.fatal(
      `StockMaster failed to start: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  }

  checkPublicUrl(config, log);
  const { required } = await app.get(AuthService).setupStatus();
  log.info(
    required
      ? `StockMaster is ready: open ${config.publicUrl} to create the first administrator (API /api/v1, docs /docs)`
      : `StockMaster is ready: the console is at ${config.publicUrl} (API /api/v1, docs /docs)`,
  );

  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal} received, shutting down`);
    setTimeout(() => {
      log.error('shutdown took too long, exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    // HTTP and the connection pool first, then the database server they were using.
    void app
      .close()
      .catch((error: unknown) => log.error(`error while closing: ${String(error)}`))
      .then(() => embedded?.stop())
      .then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

bootstrap().catch((error: unknown) => {
  createRootLogger('info').fatal(
    { context: 'Bootstrap' },
    `StockMaster failed to start: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
