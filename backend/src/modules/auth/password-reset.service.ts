import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditAction, AuthErrorCode, UserStatus } from '@stockmaster/contracts';
import { DataSource } from 'typeorm';
import { BackgroundTasks } from '../../common/background-tasks';
import { DomainError, TooManyRequestsError } from '../../common/errors/domain-error';
import { transaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { MailService } from '../mail/mail.service';
import { assertAcceptablePassword } from './account-rules';
import { CredentialsRepository } from './credentials.repository';
import { ForgotPasswordDto, ResetPasswordDto } from './dto/auth-requests.dto';
import { PasswordHasher } from './password-hasher';
import { SignInFailuresRepository } from './sign-in-failures.repository';
import { TokenService } from './token.service';
import { UsersRepository } from './users.repository';
import { UserCache } from './user-cache';

export const RESET_CODE_TTL_MINUTES = 10;
export const RESET_CODE_MAX_TRIES = 5;

const invalidCode = () =>
  new DomainError(
    HttpStatus.BAD_REQUEST,
    AuthErrorCode.InvalidResetCode,
    'This code is wrong or has expired. Check the mail, or ask for a new code.',
  );

/**
 * Password reset by a mailed 6-digit code. Nothing in the answers or their timing may tell
 * whether an address has an account: codes are kept per address typed (an HMAC of it), an
 * address without an account gets a code too (never sent), and its wrong tries burn it alike.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly credentials: CredentialsRepository,
    private readonly signInFailures: SignInFailuresRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly background: BackgroundTasks,
    private readonly userCache: UserCache,
  ) {}

  /**
   * Answers at once; the lookup and the mail happen after the answer, so its content and timing
   * are the same whatever the address.
   */
  forgot(dto: ForgotPasswordDto, ip: string | undefined): void {
    this.background.run('password reset code', () => this.issueCode(dto.email, ip));
  }

  private async issueCode(email: string, ip: string | undefined): Promise<void> {
    const user = await this.users.findByEmail(this.dataSource.manager, email);
    const account = user?.status === UserStatus.Active ? user : null;
    const emailKey = this.tokens.emailKey(email);
    const code = this.tokens.newResetCode();
    await transaction(this.dataSource, async (manager) => {
      await this.credentials.replaceResetCode(manager, {
        emailKey,
        userId: account?.id ?? null,
        codeHash: this.tokens.hashResetCode(emailKey, code),
        ttlMinutes: RESET_CODE_TTL_MINUTES,
      });
      if (!account) return;
      await this.mail.enqueue(manager, {
        to: account.email,
        subject: 'Your StockMaster password reset code',
        template: 'reset-code',
        context: { fullName: account.full_name, code, validMinutes: RESET_CODE_TTL_MINUTES },
      });
      await this.audit.record(manager, {
        actor: { id: account.id, email: account.email },
        action: AuditAction.PasswordResetRequested,
        entityType: 'user',
        entityId: account.id,
        ip,
      });
    });
  }

  /**
   * Sets a new password with a valid code: single use, 10 minutes, at most 5 wrong tries (then
   * 429 until a new code is asked for). Success ends every session of the account and lifts a
   * sign-in lock-out. Every request hashes the new password, known address or not.
   */
  async reset(dto: ResetPasswordDto, ip: string | undefined): Promise<void> {
    assertAcceptablePassword(dto.newPassword, dto.email, 'newPassword');
    const passwordHash = await this.hasher.hash(dto.newPassword);
    const emailKey = this.tokens.emailKey(dto.email);

    // Wrong tries must be counted even though the answer is an error, so the transaction
    // returns the outcome and the error is thrown after it commits.
    const outcome = await transaction(this.dataSource, async (manager) => {
      const reset = await this.credentials.findOpenResetForUpdate(manager, emailKey);
      if (!reset || reset.expires_at <= new Date()) return 'invalid' as const;
      if (reset.attempts >= RESET_CODE_MAX_TRIES) return 'burned' as const;
      const matches = this.tokens.resetCodeMatches(emailKey, dto.code, reset.code_hash);
      // Only the right code reaches the account: until then both kinds of address do the same.
      const user =
        matches && reset.user_id ? await this.users.findById(manager, reset.user_id, true) : null;
      if (!user || user.status !== UserStatus.Active) {
        await this.credentials.countResetAttempt(manager, reset.id);
        return 'invalid' as const;
      }
      await this.credentials.closeReset(manager, reset.id);
      await this.users.update(manager, user.id, { passwordHash, bumpTokenVersion: true });
      await this.credentials.revokeAllRefreshTokens(manager, user.id);
      await this.signInFailures.clear(manager, emailKey);
      await this.audit.record(manager, {
        actor: { id: user.id, email: user.email },
        action: AuditAction.PasswordReset,
        entityType: 'user',
        entityId: user.id,
        ip,
      });
      return 'done' as const;
    });
    if (outcome === 'done') await this.userCache.settled();
    if (outcome === 'burned') {
      throw new TooManyRequestsError(
        AuthErrorCode.ResetCodeBurned,
        'Too many wrong codes: ask for a new code',
      );
    }
    if (outcome === 'invalid') throw invalidCode();
  }
}
