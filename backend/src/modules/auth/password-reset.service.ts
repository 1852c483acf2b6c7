import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditAction, AuthErrorCode, UserStatus } from '@stockmaster/contracts';
import { DataSource } from 'typeorm';
import { DomainError, TooManyRequestsError } from '../../common/errors/domain-error';
import { transaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { MailService } from '../mail/mail.service';
import { assertAcceptablePassword } from './account-rules';
import { CredentialsRepository } from './credentials.repository';
import { ForgotPasswordDto, ResetPasswordDto } from './dto/auth-requests.dto';
import { PasswordHasher } from './password-hasher';
import { TokenService } from './token.service';
import { UsersRepository } from './users.repository';

export const RESET_CODE_TTL_MINUTES = 10;
export const RESET_CODE_MAX_TRIES = 5;

const invalidCode = () =>
  new DomainError(
    HttpStatus.BAD_REQUEST,
    AuthErrorCode.InvalidResetCode,
    'This code is wrong or has expired. Check the mail, or ask for a new code.',
  );

@Injectable()
export class PasswordResetService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly credentials: CredentialsRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly mail: MailService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Sends a code to an active account. The caller always gets the same answer, so the route
   * cannot be used to find out which emails have accounts.
   */
  async forgot(dto: ForgotPasswordDto, ip: string | undefined): Promise<void> {
    const user = await this.users.findByEmail(this.dataSource.manager, dto.email);
    if (!user || user.status !== UserStatus.Active) return;
    const code = this.tokens.newResetCode();
    await transaction(this.dataSource, async (manager) => {
      await this.credentials.replaceResetCode(
        manager,
        user.id,
        this.tokens.hashResetCode(user.id, code),
        RESET_CODE_TTL_MINUTES,
      );
      await this.mail.enqueue(manager, {
        to: user.email,
        subject: `Your StockMaster password reset code: ${code}`,
        template: 'reset-code',
        context: { fullName: user.full_name, code, validMinutes: RESET_CODE_TTL_MINUTES },
      });
      await this.audit.record(manager, {
        actor: { id: user.id, email: user.email },
        action: AuditAction.PasswordResetRequested,
        entityType: 'user',
        entityId: user.id,
        ip,
      });
    });
  }

  /**
   * Sets a new password with a valid code: single use, 10 minutes, at most 5 wrong tries (then
   * 429 until a new code is asked for). Success ends every session of the account.
   */
  async reset(dto: ResetPasswordDto, ip: string | undefined): Promise<void> {
    const user = await this.users.findByEmail(this.dataSource.manager, dto.email);
    if (!user || user.status !== UserStatus.Active) throw invalidCode();
    assertAcceptablePassword(dto.newPassword, user.email, 'newPassword');
    const passwordHash = await this.hasher.hash(dto.newPassword);

    // Wrong tries must be counted even though the answer is an error, so the transaction
    // returns the outcome and the error is thrown after it commits.
    const outcome = await transaction(this.dataSource, async (manager) => {
      const reset = await this.credentials.findOpenResetForUpdate(manager, user.id);
      if (!reset || reset.expires_at <= new Date()) return 'invalid' as const;
      if (reset.attempts >= RESET_CODE_MAX_TRIES) return 'burned' as const;
      if (!this.tokens.resetCodeMatches(user.id, dto.code, reset.code_hash)) {
        await this.credentials.countResetAttempt(manager, reset.id);
        return 'invalid' as const;
      }
      await this.credentials.closeReset(manager, reset.id);
      await this.users.update(manager, user.id, { passwordHash, bumpTokenVersion: true });
      await this.credentials.revokeAllRefreshTokens(manager, user.id);
      await this.audit.record(manager, {
        actor: { id: user.id, email: user.email },
        action: AuditAction.PasswordReset,
        entityType: 'user',
        entityId: user.id,
        ip,
      });
      return 'done' as const;
    });
    if (outcome === 'burned') {
      throw new TooManyRequestsError(
        AuthErrorCode.ResetCodeBurned,
        'Too many wrong codes: ask for a new code',
      );
    }
    if (outcome === 'invalid') throw invalidCode();
  }
}
