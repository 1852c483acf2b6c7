import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/**
 * Data source for the TypeORM CLI (`npm run migration:*`). It needs DATABASE_URL: the embedded
 * server is started by the API itself, which also applies migrations at every start.
 */
const url = process.env['DATABASE_URL'];
if (!url) {
  throw new Error(
    'DATABASE_URL must be set for migration commands (the API migrates itself at start).',
  );
}

export default new DataSource(dataSourceOptions(url));
