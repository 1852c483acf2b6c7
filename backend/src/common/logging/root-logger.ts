import { Logger, pino } from 'pino';
import { LogLevel } from '../../config/app-config';

/**
 * Nest's start-up narration: one line per module initialised and per route mapped (about a
 * hundred). Useful when debugging a start, noise for someone who only wants to know that the
 * server runs, so it is logged at debug rather than info.
 */
const FRAMEWORK_START_CONTEXTS = new Set([
  'NestFactory',
  'InstanceLoader',
  'RoutesResolver',
  'RouterExplorer',
  'NestApplication',
]);

function isFrameworkStartLine(first: unknown): boolean {
  const context = (first as { context?: unknown } | null)?.context;
  return typeof context === 'string' && FRAMEWORK_START_CONTEXTS.has(context);
}

/**
 * The process's one logger: JSON lines on stdout. `main.ts` creates it before anything else
 * (the embedded PostgreSQL's output goes through it) and hands it to the Nest application, whose
 * request logs are children of it; the hook is inherited by every child.
 */
export function createRootLogger(level: LogLevel): Logger {
  return pino({
    level,
    hooks: {
      logMethod(args, method, levelValue) {
        if (levelValue === this.levels.values['info'] && isFrameworkStartLine(args[0])) {
          // Re-enters this hook at debug, where it passes through (or is dropped below the level).
          this.debug(...(args as Parameters<Logger['debug']>));
          return;
        }
        method.apply(this, args);
      },
    },
  });
}
