import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The validated, typed configuration every part of the API reads. Built once at start. */
export interface AppConfig {
  nodeEnv: string;
  production: boolean;
  port: number;
  /** Unset → the caller starts the embedded PostgreSQL server in `DATA_DIR/pg`. */
  databaseUrl: string | undefined;
  dataDir: string;
  jwtSecret: string;
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  corsOrigins: string[];
  logLevel: LogLevel;
  /** bcrypt work factor. */
  bcryptCost: number;
  /**
   * Budgets per 15 minutes on sign-in, password reset, first-run setup and invitation
   * acceptance: per client address (an office behind one NAT shares it) and per email address.
   */
  authRateLimit: { perIp: number; perAccount: number };
  /** Express `trust proxy`: how many proxy hops set X-Forwarded-For (0: none). */
  trustProxy: number;
  mail: { pollIntervalMs: number; retryBaseMs: number };
  /**
   * As-of snapshots: how often an instance looks for boundaries to take (0: never), and how many
   * days apart the boundaries are (UTC midnights, counted from 1970-01-01).
   */
  stockSnapshots: { intervalMs: number; periodDays: number };
  /**
   * Keep signed-in users in memory between requests, dropped when the database announces a
   * change (LISTEN user_changed); off: every request re-reads its user.
   */
  userCache: boolean;
  /** The business's time zone: batch dates and freshness are calendar days there. */
  timeZone: string;
  /**
   * When the daily alert digest goes out, `HH:MM` in {@link timeZone}; null (`ALERT_DIGEST_AT=off`)
   * when this install sends none on its own (an admin can still run it by hand).
   */
  alertDigestAt: string | null;
}

/** A bad environment variable: start-up stops with a message naming it. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function port(env: Env): number {
  const raw = text(env, 'PORT') ?? '3000';
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1 || value > 65535) {
    throw new ConfigError('PORT', `must be a whole number from 1 to 65535 (got "${raw}")`);
  }
  return value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(name, `must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function onOff(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  if (raw !== 'on' && raw !== 'off')
    throw new ConfigError(name, `must be on or off (got "${raw}")`);
  return raw === 'on';
}

function url(env: Env, name: string, protocols: string[]): string | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be a URL (${protocols.join(', ')})`);
  }
  if (!protocols.includes(parsed.protocol.replace(/:$/, ''))) {
    throw new ConfigError(name, `must use one of: ${protocols.join(', ')}`);
  }
  return raw;
}

function origins(env: Env): string[] {
  const raw = text(env, 'CORS_ORIGINS');
  if (!raw) return [];
  return raw.split(',').map((entry) => {
    const origin = entry.trim();
    let parsed: URL;
    try {
      parsed = new URL(origin);
    } catch {
      throw new ConfigError('CORS_ORIGINS', `has an entry that is not an origin: "${origin}"`);
    }
    if (parsed.origin !== origin.replace(/\/$/, '')) {
      throw new ConfigError(
        'CORS_ORIGINS',
        `entries must be bare origins like https://shop.example ("${origin}")`,
      );
    }
    return parsed.origin;
  });
}

/**
 * Outside production a missing JWT_SECRET is generated once and kept in DATA_DIR, so tokens
 * survive restarts without the operator having to invent a secret on a laptop.
 */
function jwtSecret(env: Env, production: boolean, dataDir: string): string {
  const given = text(env, 'JWT_SECRET');
  if (given) {
    if (given.length < 32) throw new ConfigError('JWT_SECRET', 'must be at least 32 characters');
    return given;
  }
  if (production) throw new ConfigError('JWT_SECRET', 'is required when NODE_ENV=production');
  const file = join(dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** `HH:MM` on a 24-hour clock, or `off`. */
function digestTime(env: Env): string | null {
  const raw = text(env, 'ALERT_DIGEST_AT') ?? '07:00';
  if (raw.toLowerCase() === 'off') return null;
  const match = /^(\d{1,2}):(\d{2})$/.exec(raw);
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) {
    throw new ConfigError(
      'ALERT_DIGEST_AT',
      `must be a time of day as HH:MM (00:00 to 23:59) or "off" (got "${raw}")`,
    );
  }
  return `${match[1].padStart(2, '0')}:${match[2]}`;
}

/** Validates the environment and returns the typed configuration; throws {@link ConfigError}. */
export function loadAppConfig(env: Env = process.env): AppConfig {
  const nodeEnv = text(env, 'NODE_ENV') ?? 'development';
  const production = nodeEnv === 'production';
  const appPort = port(env);
  const dataDir = resolve(text(env, 'DATA_DIR') ?? 'data');
  const databaseUrl = url(env, 'DATABASE_URL', ['postgres', 'postgresql']);
  const publicUrl = (
    url(env, 'PUBLIC_URL', ['http', 'https']) ?? `http://localhost:${appPort}`
  ).replace(/\/+$/, '');
  const smtpUrl = url(env, 'SMTP_URL', ['smtp', 'smtps']);
  const logLevel = (text(env, 'LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`);
  }
  const mailFrom = text(env, 'MAIL_FROM') ?? 'StockMaster <no-reply@localhost>';
  if (!/@/.test(mailFrom)) throw new ConfigError('MAIL_FROM', 'must contain an email address');

  const timeZone = text(env, 'TZ') ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
  } catch {
    throw new ConfigError(
      'TZ',
      `must be an IANA time zone such as Europe/Paris (got "${timeZone}")`,
    );
  }

  return {
    nodeEnv,
    timeZone,
    alertDigestAt: digestTime(env),
    production,
    port: appPort,
    databaseUrl,
    dataDir,
    jwtSecret: jwtSecret(env, production, dataDir),
    publicUrl,
    smtpUrl,
    mailFrom,
    corsOrigins: origins(env),
    logLevel,
    bcryptCost: integer(env, 'BCRYPT_COST', 12, 4, 15),
    authRateLimit: {
      perIp: integer(env, 'AUTH_RATE_LIMIT_IP', 300, 1, 1_000_000),
      perAccount: integer(env, 'AUTH_RATE_LIMIT_ACCOUNT', 10, 1, 1_000_000),
    },
    trustProxy: integer(env, 'TRUST_PROXY', 0, 0, 10),
    mail: {
      pollIntervalMs: integer(env, 'MAIL_POLL_INTERVAL_MS', 1_000, 10, 600_000),
      retryBaseMs: integer(env, 'MAIL_RETRY_BASE_MS', 30_000, 10, 3_600_000),
    },
    stockSnapshots: {
      intervalMs: integer(env, 'STOCK_SNAPSHOT_INTERVAL_MS', 600_000, 0, 86_400_000),
      periodDays: integer(env, 'STOCK_SNAPSHOT_PERIOD_DAYS', 1, 1, 366),
    },
    userCache: onOff(env, 'USER_CACHE', true),
  };
}
