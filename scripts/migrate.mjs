// `npm run migration:run|revert` (need DATABASE_URL; the API also migrates itself at every
// start, under an advisory lock).
// `npm run migration:generate -- <Name>`: TypeORM's diff between the entities and the database
// at DATABASE_URL, written as a new migration to review and complete by hand (triggers, and the
// indexes the entities declare with `synchronize: false`, are never in it).
// `npm run migration:create -- <Name>`: an empty migration to write by hand.
// Further arguments go to the TypeORM CLI (e.g. `--timestamp 1764040000000`).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildIfNeeded, ROOT } from './lib/build.mjs';

const DATA_SOURCE = 'dist/api/backend/src/database/data-source.js';
const MIGRATIONS_DIR = 'backend/src/database/migrations';

const [command, ...rest] = process.argv.slice(2);
const typeorm = (args) =>
  spawnSync('npx', ['typeorm', ...args], { cwd: ROOT, stdio: 'inherit' }).status ?? 1;
const fail = (message) => {
  console.error(message);
  process.exit(2);
};

function requireDatabaseUrl() {
  if (!process.env.DATABASE_URL) fail('Set DATABASE_URL to the database to work on.');
}

/** `AddBatchNotes` → `add-batch-notes`, the file name style of the migrations folder. */
function migrationPath(name) {
  if (!name || !/^[A-Za-z][A-Za-z0-9]*$/.test(name)) {
    fail(`usage: npm run migration:${command} -- <Name>   (letters and digits)`);
  }
  const kebab = name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
  return `${MIGRATIONS_DIR}/${kebab}`;
}

/** A diff taken before the last migrations ran would repeat them: refuse it. */
async function assertNoPendingMigration() {
  const module = await import(pathToFileURL(join(ROOT, DATA_SOURCE)).href);
  const dataSource = module.default.default;
  await dataSource.initialize();
  try {
    if (await dataSource.showMigrations()) {
      fail('The database has migrations to run first: npm run migration:run, then generate.');
    }
  } finally {
    await dataSource.destroy();
  }
}

const afterwards = `Then list the new class in ${MIGRATIONS_DIR}/index.ts and run npm run format.`;

if (command === 'generate') {
  const path = migrationPath(rest[0]);
  requireDatabaseUrl();
  buildIfNeeded(['API']);
  await assertNoPendingMigration();
  const status = typeorm([
    'migration:generate',
    path,
    '-d',
    DATA_SOURCE,
    '--pretty',
    ...rest.slice(1),
  ]);
  if (status === 0) {
    console.log(
      `Review it: TypeORM writes what the entities say; constraints it cannot express stay hand-written. ${afterwards}`,
    );
  } else {
    console.error('(For an empty migration to write by hand: npm run migration:create -- <Name>.)');
  }
  process.exit(status);
} else if (command === 'create') {
  const path = migrationPath(rest[0]);
  const status = typeorm(['migration:create', path, ...rest.slice(1)]);
  if (status === 0) console.log(afterwards);
  process.exit(status);
} else if (command === 'run' || command === 'revert') {
  requireDatabaseUrl();
  buildIfNeeded(['API']);
  process.exit(typeorm([`migration:${command}`, '-d', DATA_SOURCE, ...rest]));
} else {
  fail('usage: node scripts/migrate.mjs run|revert|generate <Name>|create <Name>');
}
