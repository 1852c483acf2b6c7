// Builds the API and the console only when their sources changed since the last build, so
// `npm start` and `npm test` are quick the second time and always right the first.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = new URL('../..', import.meta.url).pathname.replace(/\/$/, '');

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

const TARGETS = [
  {
    name: 'API',
    output: 'dist/api/backend/src/main.js',
    sources: [
      'backend/src',
      'libs',
      'nest-cli.json',
      'tsconfig.json',
      'backend/tsconfig.build.json',
      'package-lock.json',
    ],
    script: 'build:api',
  },
  {
    name: 'console',
    output: 'dist/admin-ui/browser/index.html',
    sources: [
      'admin-ui/src',
      'admin-ui/public',
      'libs',
      'angular.json',
      'tsconfig.json',
      'admin-ui/tsconfig.app.json',
      'package-lock.json',
    ],
    script: 'build:ui',
  },
];

/** @param {string[]} [only] names of the targets to consider (default: all) */
export function buildIfNeeded(only) {
  for (const target of TARGETS.filter((t) => !only || only.includes(t.name))) {
    const output = join(ROOT, target.output);
    const built = existsSync(output) ? statSync(output).mtimeMs : 0;
    const changed = Math.max(...target.sources.map((source) => newest(join(ROOT, source))));
    if (built && built >= changed) continue;
    console.log(`Building the ${target.name} (npm run ${target.script})…`);
    const result = spawnSync('npm', ['run', '--silent', target.script], {
      cwd: ROOT,
      stdio: 'inherit',
    });
    if (result.status !== 0) {
      console.error(`Building the ${target.name} failed.`);
      process.exit(result.status ?? 1);
    }
  }
}
