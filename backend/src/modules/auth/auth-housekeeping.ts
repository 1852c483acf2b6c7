import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FAILURE_WINDOW_MINUTES } from './auth.service';
import { CredentialsRepository } from './credentials.repository';
import { RateLimitsRepository } from './rate-limits.repository';
import { SignInFailuresRepository } from './sign-in-failures.repository';

const EVERY_MS = 10 * 60 * 1000;

/**
 * Deletes what anonymous callers leave behind and no longer matters: ended rate-limit windows,
 * old sign-in failure counts, expired codes of addresses without an account. Every instance
 * runs it; deleting twice is harmless.
 */
@Injectable()
export class AuthHousekeeping implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuthHousekeeping.name);
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly rateLimits: RateLimitsRepository,
    private readonly signInFailures: SignInFailuresRepository,
    private readonly credentials: CredentialsRepository,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweep(), EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    try {
      const manager = this.dataSource.manager;
      await this.rateLimits.sweep();
      await this.signInFailures.sweep(manager, FAILURE_WINDOW_MINUTES);
      await this.credentials.deleteExpiredUnclaimedResets(manager);
    } catch (error) {
      // The database may be briefly away; the next round catches up.
      this.logger.warn(`auth housekeeping skipped: ${String(error)}`);
    }
  }
}
