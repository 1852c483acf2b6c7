// `npm run migration:run|revert` (needs DATABASE_URL; the API also migrates itself at every
// start, under an advisory lock) and `npm run migration:generate -- <Name>`.
//
// The schema is written as SQL by hand (constraints, triggers, indexes TypeORM cannot express),
// and there are no entities to diff against: "generate" therefore creates an empty, timestamped
// migration to fill in, rather than TypeORM's diff, which would propose dropping every table.
import { spawnSync } from 'node:child_process';
import { buildIfNeeded, ROOT } from './lib/build.mjs';

const [command, ...rest] = process.argv.slice(2);
const run = (args) => {
  const result = spawnSync('npx', ['typeorm', ...args], { cwd: ROOT, stdio: 'inherit' });
  process.exit(result.status ?? 1);
};

if (command === 'generate') {
  const name = rest[0];
  if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
    console.error('usage: npm run migration:generate -- <Name>   (letters and digits)');
    process.exit(2);
  }
  console.log('Then list the new class in backend/src/database/migrations/index.ts.');
  run(['migration:create', `backend/src/database/migrations/${name}`]);
} else if (command === 'run' || command === 'revert') {
  if (!process.env.DATABASE_URL) {
    console.error('Set DATABASE_URL to the database to migrate.');
    process.exit(2);
  }
  buildIfNeeded(['API']);
  run([`migration:${command}`, '-d', 'dist/api/backend/src/database/data-source.js', ...rest]);
} else {
  console.error('usage: node scripts/migrate.mjs run|revert|generate <Name>');
  process.exit(2);
}
