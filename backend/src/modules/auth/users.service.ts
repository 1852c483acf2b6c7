import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import {
  AuditAction,
  AuthErrorCode,
  isWarehouseScoped,
  Page,
  parseSort,
  Role,
  UserStatus,
  UserSummary,
} from '@stockmaster/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { WarehouseSet } from '../../common/auth/warehouse-scope';
import { PG_FOREIGN_KEY_VIOLATION, PG_UNIQUE_VIOLATION, pgCode } from '../../common/sql';
import {
  ConflictError,
  DomainError,
  NotFoundError,
  ValidationError,
} from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { transaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import { MailService } from '../mail/mail.service';
import { assertAcceptablePassword } from './account-rules';
import { CredentialsRepository, InvitationRow } from './credentials.repository';
import { AcceptInvitationDto } from './dto/auth-requests.dto';
import { InvitationPreviewDto } from './dto/auth-responses.dto';
import { InviteUserDto, UpdateUserDto, UserListQueryDto } from './dto/users-requests.dto';
import { PasswordHasher } from './password-hasher';
import { IssuedSession, Sessions } from './sessions';
import { TokenService } from './token.service';
import { toUserSummary, UserRow, UsersRepository } from './users.repository';
import { UserCache } from './user-cache';

export const INVITATION_TTL_HOURS = 72;

const SORT_COLUMNS: Record<string, string> = {
  email: 'email',
  fullName: 'full_name',
  role: 'role',
  status: 'status',
  createdAt: 'created_at',
  lastLoginAt: 'last_login_at',
};

const invitationInvalid = (status = HttpStatus.BAD_REQUEST) =>
  new DomainError(
    status,
    AuthErrorCode.InvitationInvalid,
    'This invitation link is invalid, used or expired. Ask an administrator for a new one.',
  );

/** Administration of accounts (admin only) and the invitation flow that activates them. */
@Injectable()
export class UsersService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly credentials: CredentialsRepository,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly sessions: Sessions,
    private readonly mail: MailService,
    private readonly audit: AuditService,
    private readonly userCache: UserCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Who receives the daily digest: active users with it on (chosen or by role), by email, each
   * with the warehouses their mail is about (null: all of them, for roles not limited to some).
   */
  async digestRecipients(): Promise<
    { id: string; email: string; fullName: string; warehouses: WarehouseSet }[]
  > {
    const rows = await this.users.digestRecipients(this.dataSource.manager);
    return rows.map((row) => ({
      id: row.id,
      email: row.email,
      fullName: row.full_name,
      warehouses: isWarehouseScoped(row.role) ? row.warehouse_ids : null,
    }));
  }

  list(query: UserListQueryDto): Promise<Page<UserSummary>> {
    const sort = parseSort(query.sort ?? 'email');
    return this.users.list(this.dataSource.manager, {
      search: query.search?.trim() || undefined,
      role: query.role,
      status: query.status,
      page: query.page,
      limit: query.limit,
      sort: {
        column: SORT_COLUMNS[sort.field],
        direction: sort.direction === 'desc' ? 'DESC' : 'ASC',
      },
    });
  }

  async get(id: string): Promise<UserSummary> {
    const user = await this.users.findById(this.dataSource.manager, id);
    if (!user) throw new NotFoundError('User');
    return toUserSummary(user);
  }

  /** Creates an invited account and mails it a single-use link, in one transaction. */
  async invite(
    dto: InviteUserDto,
    caller: AuthenticatedUser,
    ip: string | undefined,
  ): Promise<UserSummary> {
    const warehouseIds = [...new Set(dto.warehouseIds ?? [])];
    this.assertWarehousesFitRole(dto.role, warehouseIds);
    return this.write(async (manager) => {
      if (await this.users.findByEmail(manager, dto.email)) throw this.emailTaken();
      const id = await this.users.insert(manager, {
        email: dto.email,
        fullName: dto.fullName,
        role: dto.role,
        status: UserStatus.Invited,
        passwordHash: null,
      });
      await this.users.setWarehouses(manager, id, warehouseIds);
      const user = (await this.users.findById(manager, id))!;
      await this.sendInvitation(manager, user, caller);
      await this.audit.record(manager, {
        actor: caller,
        action: AuditAction.UserInvited,
        entityType: 'user',
        entityId: id,
        summary: { email: user.email, role: user.role, warehouseIds },
        ip,
      });
      return toUserSummary(user);
    });
  }

  async resendInvitation(
    id: string,
    caller: AuthenticatedUser,
    ip: string | undefined,
  ): Promise<void> {
    await this.write(async (manager) => {
      const user = await this.users.findById(manager, id, true);
      if (!user) throw new NotFoundError('User');
      if (user.status !== UserStatus.Invited) {
        throw new ConflictError(
          'Only a user who has not accepted the invitation yet can be invited again',
        );
      }
      await this.sendInvitation(manager, user, caller);
      await this.audit.record(manager, {
        actor: caller,
        action: AuditAction.UserInvited,
        entityType: 'user',
        entityId: id,
        summary: { email: user.email, resent: true },
        ip,
      });
    });
  }

  /**
   * Changes name, role, warehouses or status. A role change or a disable ends the user's
   * sessions at once. The last active admin can be neither demoted nor disabled, decided under
   * a lock on every active admin so that two admins demoting each other cannot both succeed.
   */
  async update(
    id: string,
    dto: UpdateUserDto,
    caller: AuthenticatedUser,
    ip: string | undefined,
  ): Promise<UserSummary> {
    const updated = await this.write(async (manager) => {
      const touchesAdmins = dto.role !== undefined || dto.status !== undefined;
      const activeAdmins = touchesAdmins ? await this.users.lockActiveAdmins(manager) : [];
      const user = await this.users.findById(manager, id, true);
      if (!user) throw new NotFoundError('User');

      const role = dto.role ?? user.role;
      const status = dto.status ?? user.status;
      const warehouseIds = dto.warehouseIds ? [...new Set(dto.warehouseIds)] : user.warehouse_ids;
      if (dto.role !== undefined || dto.warehouseIds !== undefined)
        this.assertWarehousesFitRole(role, warehouseIds);
      if (dto.status === UserStatus.Active && user.status === UserStatus.Invited) {
        throw new ConflictError(
          'This user has not accepted the invitation yet',
          AuthErrorCode.UserNotActivated,
        );
      }
      const wasActiveAdmin = user.role === 'admin' && user.status === UserStatus.Active;
      const staysActiveAdmin = role === 'admin' && status === UserStatus.Active;
      if (
        wasActiveAdmin &&
        !staysActiveAdmin &&
        activeAdmins.filter((adminId) => adminId !== id).length === 0
      ) {
        throw new ConflictError(
          'This is the last active administrator: appoint another one first',
          AuthErrorCode.LastAdmin,
        );
      }

      const endSessions = role !== user.role || status !== user.status;
      await this.users.update(manager, id, {
        fullName: dto.fullName,
        role: dto.role,
        status: dto.status,
        bumpTokenVersion: endSessions,
      });
      if (dto.warehouseIds) await this.users.setWarehouses(manager, id, warehouseIds);
      if (endSessions) await this.credentials.revokeAllRefreshTokens(manager, id);
      if (status === UserStatus.Disabled) await this.credentials.revokeInvitations(manager, id);

      const changes = Object.fromEntries(
        Object.entries(dto).filter(([, value]) => value !== undefined),
      );
      await this.audit.record(manager, {
        actor: caller,
        action:
          status === UserStatus.Disabled && user.status !== UserStatus.Disabled
            ? AuditAction.UserDisabled
            : AuditAction.UserUpdated,
        entityType: 'user',
        entityId: id,
        summary: { email: user.email, ...changes },
        ip,
      });
      return toUserSummary((await this.users.findById(manager, id))!);
    });
    // Answer only once no instance still holds the user as it was.
    await this.userCache.settled();
    return updated;
  }

  async disable(id: string, caller: AuthenticatedUser, ip: string | undefined): Promise<void> {
    await this.update(id, { status: UserStatus.Disabled }, caller, ip);
  }

  async previewInvitation(token: string): Promise<InvitationPreviewDto> {
    const invitation = await this.credentials.findInvitation(
      this.dataSource.manager,
      this.tokens.hashSecret(token),
    );
    if (!invitation || !this.isOpen(invitation)) throw invitationInvalid(HttpStatus.NOT_FOUND);
    return {
      email: invitation.email,
      fullName: invitation.full_name,
      role: invitation.role as Role,
    };
  }

  /** Sets the invited user's password, activates the account and signs them in. */
  async acceptInvitation(dto: AcceptInvitationDto, ip: string | undefined): Promise<IssuedSession> {
    const hash = this.tokens.hashSecret(dto.token);
    const preview = await this.credentials.findInvitation(this.dataSource.manager, hash);
    if (!preview || !this.isOpen(preview)) throw invitationInvalid();
    assertAcceptablePassword(dto.password, preview.email, 'password');
    const passwordHash = await this.hasher.hash(dto.password);

    return transaction(this.dataSource, async (manager) => {
      const invitation = await this.credentials.findInvitation(manager, hash, true);
      if (!invitation || !this.isOpen(invitation)) throw invitationInvalid();
      await this.users.update(manager, invitation.user_id, {
        passwordHash,
        status: UserStatus.Active,
      });
      await this.users.registerLogin(manager, invitation.user_id);
      await this.credentials.acceptInvitation(manager, invitation.id);
      const user = (await this.users.findById(manager, invitation.user_id))!;
      await this.audit.record(manager, {
        actor: { id: user.id, email: user.email },
        action: AuditAction.InvitationAccepted,
        entityType: 'user',
        entityId: user.id,
        ip,
      });
      return this.sessions.issue(manager, user);
    });
  }

  private isOpen(invitation: InvitationRow): boolean {
    return (
      !invitation.accepted_at &&
      !invitation.revoked_at &&
      invitation.expires_at > new Date() &&
      invitation.status === UserStatus.Invited
    );
  }

  private async sendInvitation(
    manager: EntityManager,
    user: UserRow,
    caller: AuthenticatedUser,
  ): Promise<void> {
    const secret = this.tokens.newSecret();
    await this.credentials.insertInvitation(manager, user.id, secret.hash, INVITATION_TTL_HOURS);
    await this.mail.enqueue(manager, {
      to: user.email,
      subject: 'You are invited to StockMaster',
      template: 'invitation',
      context: {
        fullName: user.full_name,
        invitedBy: caller.fullName,
        role: user.role,
        link: `${this.config.publicUrl}/invite/${secret.token}`,
        validHours: INVITATION_TTL_HOURS,
      },
    });
  }

  private assertWarehousesFitRole(role: Role, warehouseIds: string[]): void {
    if (role === 'agent' && warehouseIds.length === 0) {
      throw new ValidationError([
        { field: 'warehouseIds', message: 'An agent needs at least one warehouse' },
      ]);
    }
  }

  /** Runs a write, translating the constraint violations a client can cause into clear answers. */
  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await transaction(this.dataSource, work);
    } catch (error) {
      if (pgCode(error) === PG_UNIQUE_VIOLATION) throw this.emailTaken();
      if (pgCode(error) === PG_FOREIGN_KEY_VIOLATION) {
        throw new ValidationError([
          { field: 'warehouseIds', message: 'One of the warehouses does not exist' },
        ]);
      }
      throw error;
    }
  }

  private emailTaken(): ConflictError {
    return new ConflictError('A user with this email already exists', AuthErrorCode.EmailTaken);
  }
}
