import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type * as AppFactory from '../../src/app.factory';
import type * as AppConfigModule from '../../src/config/app-config';

const ROOT = join(__dirname, '../../..');
// Outside dist: `nest build` empties dist first, which would release a lock kept there.
const LOCK = join(ROOT, 'node_modules', '.cache', 'stockmaster-api-build.lock');
/** A lock older than this was left by a killed run. */
const STALE_MS = 10 * 60_000;

export interface BuiltApi {
  createApp: typeof AppFactory.createApp;
  loadAppConfig: typeof AppConfigModule.loadAppConfig;
}

/**
 * The API as `nest build` compiled it — with the Swagger CLI plugin, which ts-jest does not run —
 * so tests of the OpenAPI document see what production serves. Built first when the sources
 * are newer than `dist` (under a lock: test files run in parallel workers).
 */
export async function builtApi(): Promise<BuiltApi> {
  mkdirSync(join(LOCK, '..'), { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      let age = 0;
      try {
        age = Date.now() - statSync(LOCK).mtimeMs;
      } catch {
        continue; // released meanwhile
      }
      if (age > STALE_MS) rmSync(LOCK, { recursive: true, force: true });
      else await sleep(200);
    }
  }
  try {
    const build = spawnSync(
      process.execPath,
      ['-e', "import('./scripts/lib/build.mjs').then((m) => m.buildIfNeeded(['API']))"],
      { cwd: ROOT, encoding: 'utf8' },
    );
    if (build.status !== 0)
      throw new Error(`building the API failed:\n${build.stdout}${build.stderr}`);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
  const dist = join(ROOT, 'dist/api/backend/src');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require(join(dist, 'app.factory.js')) as typeof AppFactory;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(join(dist, 'config/app-config.js')) as typeof AppConfigModule;
  return { createApp: factory.createApp, loadAppConfig: config.loadAppConfig };
}
