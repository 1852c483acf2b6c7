// `npm run migration:run|revert|generate [-- path]`: the TypeORM CLI on the compiled data source.
// Needs DATABASE_URL (the API also migrates itself at every start, under an advisory lock).
import { spawnSync } from 'node:child_process';
import { buildIfNeeded, ROOT } from './lib/build.mjs';

const [command, ...rest] = process.argv.slice(2);
if (!['run', 'revert', 'generate'].includes(command)) {
  console.error('usage: node scripts/migrate.mjs run|revert|generate [path]');
  process.exit(2);
}
if (!process.env.DATABASE_URL) {
  console.error('Set DATABASE_URL to the database to migrate.');
  process.exit(2);
}
buildIfNeeded(['API']);
const result = spawnSync(
  'npx',
  [
    'typeorm',
    `migration:${command}`,
    '-d',
    'dist/api/backend/src/database/data-source.js',
    ...rest,
  ],
  { cwd: ROOT, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
