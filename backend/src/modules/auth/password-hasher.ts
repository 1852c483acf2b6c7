import { Inject, Injectable } from '@nestjs/common';
import * as bcrypt from 'bcrypt';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';

/** bcrypt through its async API (libuv thread pool), so hashing never blocks the event loop. */
@Injectable()
export class PasswordHasher {
  private dummy: Promise<string> | undefined;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  hash(password: string): Promise<string> {
    return bcrypt.hash(password, this.config.bcryptCost);
  }

  /**
   * Compares against the stored hash, or against a dummy hash of the same cost when there is
   * none (unknown email, invited user), so every login failure takes about the same time.
   */
  async verify(password: string, hash: string | null): Promise<boolean> {
    this.dummy ??= bcrypt.hash('timing-equaliser-not-a-password', this.config.bcryptCost);
    const matches = await bcrypt.compare(password, hash ?? (await this.dummy));
    return hash !== null && matches;
  }
}
