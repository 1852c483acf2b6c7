// `npm test`: the whole suite. Builds first (the browser tests run the built app), then one jest
// run over every project. Without Chromium the browser project is left out with one clear line,
// unless REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { buildIfNeeded, ROOT } from './lib/build.mjs';

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const projects = ['unit', 'api', 'console'];
if (existsSync(chromium)) {
  projects.push('browser');
} else if (process.env.REQUIRE_BROWSER === '1') {
  console.error(
    `REQUIRE_BROWSER=1 but no Chromium at ${chromium} (apt-get install -y chromium, or set CHROMIUM_PATH).`,
  );
  process.exit(1);
} else {
  console.log(
    `No Chromium at ${chromium}: browser tests not run (apt-get install -y chromium, or set CHROMIUM_PATH).`,
  );
}

buildIfNeeded();
const jest = spawnSync('npx', ['jest', '--selectProjects', ...projects, ...process.argv.slice(2)], {
  cwd: ROOT,
  stdio: 'inherit',
});
process.exit(jest.status ?? 1);
