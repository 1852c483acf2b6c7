import { ExecutionContext, Injectable } from '@nestjs/common';
import {
  SkipThrottle,
  ThrottlerGuard,
  ThrottlerLimitDetail,
  ThrottlerModuleOptions,
  ThrottlerStorage,
} from '@nestjs/throttler';
import { ErrorCode } from '@stockmaster/contracts';
import { createHmac } from 'node:crypto';
import { TooManyRequestsError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { RateLimitsRepository } from './rate-limits.repository';

/** One window for both budgets: long enough to slow guessing, short enough to forgive. */
export const AUTH_WINDOW_MS = 15 * 60 * 1000;

/** The two budgets every guarded auth route spends from. */
const IP = 'ip';
const ACCOUNT = 'account';

/**
 * Routes whose secret cannot be guessed (a refresh cookie, an invitation token) or that guess
 * nothing (the first-run probe, sign-out, the own profile): they spend from no budget, so page
 * loads never use up the sign-in budget of an office behind one address.
 */
export const NoAuthBudget = () => SkipThrottle({ [IP]: true, [ACCOUNT]: true });

/** The email a request is about, as the account budget counts it (any address, known or not). */
function emailOf(request: { body?: unknown }): string | null {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' && email.trim() ? email.trim().toLowerCase() : null;
}

/**
 * The throttler's counters, in PostgreSQL (table `rate_limits`) so that limits hold across API
 * instances. @nestjs/throttler's own storage is per process memory.
 */
@Injectable()
export class PostgresThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly rateLimits: RateLimitsRepository) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): ReturnType<ThrottlerStorage['increment']> {
    const hit = await this.rateLimits.hit(key, ttl, limit, blockDuration);
    return {
      totalHits: hit.hits,
      timeToExpire: hit.expiresIn,
      isBlocked: hit.blockedFor > 0,
      timeToBlockExpire: hit.blockedFor,
    };
  }
}

/**
 * Per client address and per email address, over the same window. Keys are HMACs of what they
 * count (the address, the email), so the table holds neither; the budget's name stays readable
 * in front so that a 429 can say which one ran out.
 */
export function authThrottlerOptions(
  config: AppConfig,
  storage: ThrottlerStorage,
): ThrottlerModuleOptions {
  return {
    storage,
    setHeaders: false,
    generateKey: (_context, tracker, name) =>
      `${name}:${createHmac('sha256', config.jwtSecret).update(tracker).digest('base64url')}`,
    throttlers: [
      { name: IP, ttl: AUTH_WINDOW_MS, limit: config.authRateLimit.perIp },
      {
        name: ACCOUNT,
        ttl: AUTH_WINDOW_MS,
        limit: config.authRateLimit.perAccount,
        getTracker: (request) => emailOf(request) ?? '',
        skipIf: (context: ExecutionContext) => !emailOf(context.switchToHttp().getRequest()),
      },
    ],
  };
}

const minutes = (seconds: number) => {
  const n = Math.max(1, Math.ceil(seconds / 60));
  return `${n} minute${n === 1 ? '' : 's'}`;
};

/** The throttler guard, answering a spent budget in the error envelope with `Retry-After`. */
@Injectable()
export class AuthThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(
    _context: ExecutionContext,
    detail: ThrottlerLimitDetail,
  ): Promise<void> {
    const seconds = detail.timeToBlockExpire;
    const message = detail.key.startsWith(`${ACCOUNT}:`)
      ? `Too many attempts for this email address. Wait ${minutes(seconds)} and try again.`
      : `Too many attempts from your network. Wait ${minutes(seconds)} and try again.`;
    throw new TooManyRequestsError(ErrorCode.TooManyRequests, message, seconds);
  }
}
