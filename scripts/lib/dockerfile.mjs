// Reading a Dockerfile and a .dockerignore the way the Docker builder does, for the instructions
// this project uses. scripts/docker-replay.mjs replays what these return.
import { readFileSync } from 'node:fs';

const KNOWN = new Set([
  'FROM',
  'ARG',
  'ENV',
  'WORKDIR',
  'COPY',
  'RUN',
  'USER',
  'EXPOSE',
  'HEALTHCHECK',
  'CMD',
]);
const SKIP_MARKER = /^#\s*replay:\s*skip\b/i;

/** `${NAME}`, `${NAME:-default}` and `$NAME` from `vars`; unknown names become empty, as in Docker. */
export function substitute(text, vars) {
  return text.replace(
    /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (_, braced, fallback, bare) => {
      const value = vars[braced ?? bare];
      return value !== undefined && value !== '' ? value : (fallback ?? '');
    },
  );
}

/** `--name=value` options at the start of `args`, and the rest. */
function options(args) {
  const flags = {};
  let rest = args;
  for (;;) {
    const match = /^--([a-z-]+)=(\S+)\s*/.exec(rest);
    if (!match) return { flags, rest };
    flags[match[1]] = match[2];
    rest = rest.slice(match[0].length);
  }
}

/** `KEY=value KEY2="two words"` pairs (ENV, ARG). */
function pairs(text) {
  const result = [];
  const re = /([A-Za-z_][A-Za-z0-9_]*)(?:=("(?:[^"\\]|\\.)*"|'[^']*'|\S*))?/g;
  for (let match; (match = re.exec(text));) {
    let value = match[2];
    if (value?.startsWith('"')) value = JSON.parse(value);
    else if (value?.startsWith("'")) value = value.slice(1, -1);
    result.push([match[1], value]);
  }
  return result;
}

/** An exec-form (`["a", "b"]`) or shell-form command as an argv. */
function command(text) {
  const trimmed = text.trim();
  return trimmed.startsWith('[') ? JSON.parse(trimmed) : ['/bin/sh', '-c', trimmed];
}

/**
 * The stages of a Dockerfile, each with its instructions in order. Throws on an instruction the
 * replay does not know, so that the Dockerfile cannot drift away from what the replay proves.
 */
export function parseDockerfile(path) {
  const lines = readFileSync(path, 'utf8').split('\n');
  const globalArgs = {};
  const stages = [];
  let skipNext = false;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i].trim();
    if (line === '' || line.startsWith('#')) {
      if (SKIP_MARKER.test(line)) skipNext = true;
      continue;
    }
    // Continuation lines; comment lines inside a continued instruction are dropped, as Docker does.
    while (line.endsWith('\\')) {
      line = line.slice(0, -1);
      let next = lines[++i] ?? '';
      while (next.trim().startsWith('#')) next = lines[++i] ?? '';
      line += ' ' + next.trim();
    }
    const [, keyword, rawArgs = ''] = /^(\S+)\s*(.*)$/.exec(line);
    const name = keyword.toUpperCase();
    if (!KNOWN.has(name)) throw new Error(`Dockerfile line ${i + 1}: ${name} is not replayed`);
    const stage = stages.at(-1);
    if (name === 'ARG') {
      for (const [key, value] of pairs(rawArgs)) {
        if (stage) stage.args[key] = stage.buildArgs[key] = value ?? globalArgs[key] ?? '';
        else globalArgs[key] = value ?? '';
      }
      continue;
    }
    if (name === 'FROM') {
      const [image, as, stageName] = substitute(rawArgs, globalArgs).split(/\s+/);
      if (as && as.toUpperCase() !== 'AS')
        throw new Error(`Dockerfile line ${i + 1}: FROM ${rawArgs}`);
      stages.push({
        name: stageName ?? String(stages.length),
        image,
        // `args`: what the builder expands (ARG and ENV so far); `buildArgs`: the ARGs a RUN sees.
        args: {},
        buildArgs: {},
        steps: [],
      });
      continue;
    }
    if (!stage) throw new Error(`Dockerfile line ${i + 1}: ${name} before FROM`);
    const step = { instruction: name, text: line, skip: skipNext };
    skipNext = false;
    // The builder expands variables in these instructions; RUN, CMD and HEALTHCHECK go to the
    // shell (or exec) as written, with the stage's ARG and ENV values in the environment.
    const args = ['ENV', 'WORKDIR', 'USER', 'EXPOSE', 'COPY'].includes(name)
      ? substitute(rawArgs, stage.args)
      : rawArgs;
    if (name === 'ENV') {
      step.env = pairs(args);
      for (const [key, value] of step.env) stage.args[key] = value ?? '';
    } else if (name === 'WORKDIR' || name === 'USER' || name === 'EXPOSE') step.value = args.trim();
    else if (name === 'RUN') step.command = args;
    else if (name === 'CMD') step.argv = command(args);
    else if (name === 'COPY') {
      const { flags, rest } = options(args);
      const paths = rest.trim().startsWith('[') ? JSON.parse(rest) : rest.trim().split(/\s+/);
      Object.assign(step, { from: flags.from, sources: paths.slice(0, -1), dest: paths.at(-1) });
    } else if (name === 'HEALTHCHECK') {
      const { flags, rest } = options(args);
      const cmd = /^CMD\s+([\s\S]*)$/i.exec(rest.trim());
      if (!cmd) throw new Error(`Dockerfile line ${i + 1}: HEALTHCHECK without CMD`);
      Object.assign(step, { flags, argv: command(cmd[1]) });
    }
    stage.steps.push(step);
  }
  return { args: globalArgs, stages };
}

/** Docker's pattern syntax (`*`, `?`, `**`) as a regular expression on a context-relative path. */
function patternRegExp(pattern) {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i += pattern[i + 2] === '/' ? 2 : 1;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * A predicate telling whether a context-relative path is left out of the build context. Patterns
 * are anchored at the context's root; one that matches a folder leaves out all it holds; a later
 * `!pattern` brings a path back.
 */
export function dockerignore(path) {
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return () => false;
  }
  const rules = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const negate = line.startsWith('!');
      const pattern = (negate ? line.slice(1) : line).replace(/^\/+|\/+$/g, '');
      return { negate, re: patternRegExp(pattern) };
    });
  return (relative) => {
    const parts = relative.split('/');
    let ignored = false;
    for (const rule of rules) {
      for (let n = 1; n <= parts.length; n++) {
        if (rule.re.test(parts.slice(0, n).join('/'))) {
          ignored = !rule.negate;
          break;
        }
      }
    }
    return ignored;
  };
}
