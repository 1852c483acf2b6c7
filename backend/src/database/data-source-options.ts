import { types } from 'pg';
import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

// Calendar dates stay 'YYYY-MM-DD' strings: parsing them as local-time Dates shifts them by the
// server's time zone, and batch dates are days in the business's zone, not instants.
types.setTypeParser(types.builtins.DATE, (value: string) => value);

/**
 * Options shared by the app, the test harness and the migration CLI. `timeZone` (the app's TZ)
 * is given to every connection as `stockmaster.time_zone`, so that the database's own checks of
 * "today" (an expired batch is never delivered) count days as the API does.
 */
export function dataSourceOptions(url: string, timeZone?: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    namingStrategy: new SnakeNamingStrategy(),
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    // The migrations create the extensions; TypeORM must not try at every start because an entity
    // has a uuid or citext column. gen_random_uuid() is built in since PostgreSQL 13.
    installExtensions: false,
    uuidExtension: 'pgcrypto',
    // Pool sized for a 2-core host: enough for concurrent validations, small enough that several
    // API instances fit under PostgreSQL's default max_connections (100).
    extra: {
      max: 20,
      connectionTimeoutMillis: 5_000,
      application_name: 'stockmaster',
      ...(timeZone ? { options: `-c stockmaster.time_zone=${timeZone}` } : {}),
    },
  };
}
