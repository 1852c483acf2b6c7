import { HttpStatus, Injectable } from '@nestjs/common';
import { AuditAction, AuthErrorCode, Me, SetupStatus, UserStatus } from '@stockmaster/contracts';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import {
  ConflictError,
  DomainError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
} from '../../common/errors/domain-error';
import { transaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { assertAcceptablePassword, toAuthUser } from './account-rules';
import { CredentialsRepository } from './credentials.repository';
import { alertDigestOf } from './alert-digest-default';
import { ChangePasswordDto, LoginDto, SetupDto, UpdateMeDto } from './dto/auth-requests.dto';
import { PasswordHasher } from './password-hasher';
import { IssuedSession, Sessions } from './sessions';
import { SignInFailuresRepository } from './sign-in-failures.repository';
import { TokenService } from './token.service';
import { UserRow, UsersRepository } from './users.repository';
import { UserCache } from './user-cache';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
/** Failures further apart than this do not add up to a lock-out. */
export const FAILURE_WINDOW_MINUTES = 15;

function lockedFor(seconds: number): TooManyRequestsError {
  return new TooManyRequestsError(
    AuthErrorCode.AccountLocked,
    `Too many failed sign-ins: the account is locked for ${Math.ceil(seconds / 60)} more minute(s)`,
    seconds,
  );
}

const invalidCredentials = () =>
  new UnauthorizedError(AuthErrorCode.InvalidCredentials, 'Wrong email or password');

/**
 * A refresh token used this recently is accepted once more, in the same session family: tabs
 * opened together (or a restored browser window) each trade the same cookie at once, and only
 * the first can win the rotation. Later, a used token coming back is taken as theft.
 */
export const REFRESH_REUSE_GRACE_SECONDS = 10;

@Injectable()
export class AuthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly credentials: CredentialsRepository,
    private readonly signInFailures: SignInFailuresRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly sessions: Sessions,
    private readonly audit: AuditService,
    private readonly userCache: UserCache,
  ) {}

  async setupStatus(): Promise<SetupStatus> {
    return { required: !(await this.users.exists(this.dataSource.manager)) };
  }

  /** Creates the first administrator; answers 409 once any user exists, even to concurrent calls. */
  async setup(dto: SetupDto, ip: string | undefined): Promise<IssuedSession> {
    assertAcceptablePassword(dto.password, dto.email, 'password');
    if (await this.users.exists(this.dataSource.manager)) throw this.setupDone();
    const passwordHash = await this.hasher.hash(dto.password);
    return transaction(this.dataSource, async (manager) => {
      await this.users.lockSetup(manager);
      if (await this.users.exists(manager)) throw this.setupDone();
      const id = await this.users.insert(manager, {
        email: dto.email,
        fullName: dto.fullName,
        role: 'admin',
        status: UserStatus.Active,
        passwordHash,
      });
      await this.users.registerLogin(manager, id);
      const user = (await this.users.findById(manager, id))!;
      await this.audit.record(manager, {
        actor: { id, email: user.email },
        action: AuditAction.SetupCompleted,
        entityType: 'user',
        entityId: id,
        summary: { email: user.email },
        ip,
      });
      return this.sessions.issue(manager, user);
    });
  }

  /**
   * Checks the password (against a dummy hash when there is no account) and counts failures per
   * email address as typed, known or not, in the database: the lock-out holds across API
   * instances and an unknown address is answered, timed and locked exactly like a known one.
   */
  async login(dto: LoginDto, ip: string | undefined): Promise<IssuedSession> {
    const manager = this.dataSource.manager;
    const user = await this.users.findByEmail(manager, dto.email);
    const passwordOk = await this.hasher.verify(dto.password, user?.password_hash ?? null);
    const emailKey = this.tokens.emailKey(dto.email);
    // An invited user has no password yet: as far as signing in goes, there is no account.
    const account = user && user.status !== UserStatus.Invited ? user : null;

    const locked = await this.signInFailures.lockedFor(manager, emailKey);
    if (locked !== null) {
      await this.recordFailure(account, dto.email, ip, 'locked');
      throw lockedFor(locked);
    }
    if (!account || !passwordOk) {
      const nowLocked = await this.signInFailures.register(manager, emailKey, {
        maxFailures: MAX_FAILED_LOGINS,
        windowMinutes: FAILURE_WINDOW_MINUTES,
        lockMinutes: LOCK_MINUTES,
      });
      await this.recordFailure(
        account,
        dto.email,
        ip,
        account ? 'wrong password' : 'unknown account',
      );
      if (nowLocked !== null) throw lockedFor(nowLocked);
      throw invalidCredentials();
    }
    if (account.status === UserStatus.Disabled) {
      await this.recordFailure(account, dto.email, ip, 'disabled');
      throw new DomainError(
        HttpStatus.FORBIDDEN,
        AuthErrorCode.AccountDisabled,
        'This account is disabled',
      );
    }

    return transaction(this.dataSource, async (manager) => {
      await this.users.registerLogin(manager, account.id);
      await this.signInFailures.clear(manager, emailKey);
      await this.audit.record(manager, {
        actor: { id: account.id, email: account.email },
        action: AuditAction.LoginSucceeded,
        entityType: 'user',
        entityId: account.id,
        ip,
      });
      return this.sessions.issue(manager, account);
    });
  }

  /**
   * Rotates a refresh token. Presenting one that was already used, after the grace period for
   * tabs refreshing together, means it was copied: the whole family is revoked (the thief's and
   * the owner's sessions end) and the answer is 401.
   */
  async refresh(refreshToken: string | undefined): Promise<IssuedSession> {
    if (!refreshToken)
      throw new UnauthorizedError(AuthErrorCode.TokenInvalid, 'No session: sign in again');
    const hash = this.tokens.hashSecret(refreshToken);
    const outcome = await transaction(this.dataSource, async (manager) => {
      const row = await this.credentials.findRefreshTokenForUpdate(
        manager,
        hash,
        REFRESH_REUSE_GRACE_SECONDS,
      );
      if (!row || row.revoked_at) return { error: 'invalid' as const };
      if (row.used_at && !row.used_recently) {
        await this.credentials.revokeFamily(manager, row.family_id);
        return { error: 'reused' as const };
      }
      const user = await this.users.findById(manager, row.user_id);
      if (
        row.expires_at <= new Date() ||
        !user ||
        user.status !== UserStatus.Active ||
        user.token_version !== row.token_version
      ) {
        return { error: 'invalid' as const };
      }
      if (!row.used_at) await this.credentials.markRefreshTokenUsed(manager, row.id);
      return { session: await this.sessions.issue(manager, user, row.family_id) };
    });
    if (outcome.error === 'reused') {
      throw new UnauthorizedError(
        AuthErrorCode.RefreshTokenReused,
        'This session was ended for safety: sign in again',
      );
    }
    if (outcome.error)
      throw new UnauthorizedError(
        AuthErrorCode.TokenInvalid,
        'Your session has ended: sign in again',
      );
    return outcome.session;
  }

  /** Ends the session family of the presented refresh token (idempotent). */
  async logout(refreshToken: string | undefined, ip: string | undefined): Promise<void> {
    if (!refreshToken) return;
    const hash = this.tokens.hashSecret(refreshToken);
    await transaction(this.dataSource, async (manager) => {
      const row = await this.credentials.findRefreshTokenForUpdate(manager, hash);
      if (!row) return;
      await this.credentials.revokeFamily(manager, row.family_id);
      const user = await this.users.findById(manager, row.user_id);
      await this.audit.record(manager, {
        actor: user ? { id: user.id, email: user.email } : null,
        action: AuditAction.Logout,
        entityType: 'user',
        entityId: row.user_id,
        ip,
      });
    });
  }

  async me(caller: AuthenticatedUser): Promise<Me> {
    const user = await this.users.findById(this.dataSource.manager, caller.id);
    if (!user) throw new NotFoundError('User');
    return this.toMe(user);
  }

  async updateMe(caller: AuthenticatedUser, dto: UpdateMeDto, ip: string | undefined): Promise<Me> {
    return transaction(this.dataSource, async (manager) => {
      await this.users.update(manager, caller.id, {
        fullName: dto.fullName,
        alertDigest: dto.alertDigest,
      });
      await this.audit.record(manager, {
        actor: caller,
        action: AuditAction.ProfileUpdated,
        entityType: 'user',
        entityId: caller.id,
        summary: { fullName: dto.fullName, alertDigest: dto.alertDigest },
        ip,
      });
      return this.toMe((await this.users.findById(manager, caller.id))!);
    });
  }

  /** A new password ends every session of the user, this one included. */
  async changePassword(
    caller: AuthenticatedUser,
    dto: ChangePasswordDto,
    ip: string | undefined,
  ): Promise<void> {
    const user = await this.users.findById(this.dataSource.manager, caller.id);
    if (!user || !(await this.hasher.verify(dto.currentPassword, user.password_hash))) {
      throw new DomainError(
        HttpStatus.BAD_REQUEST,
        AuthErrorCode.WrongPassword,
        'The current password is wrong',
        [{ field: 'currentPassword', message: 'The current password is wrong' }],
      );
    }
    assertAcceptablePassword(dto.newPassword, user.email, 'newPassword');
    const passwordHash = await this.hasher.hash(dto.newPassword);
    await transaction(this.dataSource, async (manager) => {
      await this.users.update(manager, user.id, { passwordHash, bumpTokenVersion: true });
      await this.credentials.revokeAllRefreshTokens(manager, user.id);
      await this.audit.record(manager, {
        actor: caller,
        action: AuditAction.PasswordChanged,
        entityType: 'user',
        entityId: user.id,
        ip,
      });
    });
    await this.userCache.settled();
  }

  private async recordFailure(
    user: UserRow | null,
    email: string,
    ip: string | undefined,
    reason: string,
  ): Promise<void> {
    await this.audit.recordNow({
      actor: user ? { id: user.id, email: user.email } : null,
      action: AuditAction.LoginFailed,
      entityType: 'user',
      entityId: user?.id,
      summary: { email, reason },
      ip,
    });
  }

  private setupDone(): ConflictError {
    return new ConflictError(
      'StockMaster is already set up: sign in instead',
      AuthErrorCode.SetupDone,
    );
  }

  private toMe(user: UserRow): Me {
    return {
      ...toAuthUser(user),
      status: user.status,
      alertDigest: alertDigestOf(user),
      lastLoginAt: user.last_login_at?.toISOString() ?? null,
      createdAt: user.created_at.toISOString(),
    };
  }
}
