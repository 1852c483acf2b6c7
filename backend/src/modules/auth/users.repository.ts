import { Injectable } from '@nestjs/common';
import { AlertDigestChoice, Page, Role, UserStatus, UserSummary } from '@stockmaster/contracts';
import { EntityManager } from 'typeorm';
import { preparedQuery } from '../../database/prepared';
import { escapeLike, conditionAdder } from '../../common/sql';
import { alertDigestOf, alertDigestSql } from './alert-digest-default';

export interface UserRow {
  id: string;
  email: string;
  full_name: string;
  password_hash: string | null;
  role: Role;
  status: UserStatus;
  token_version: number;
  alert_digest: AlertDigestChoice | null;
  last_login_at: Date | null;
  created_at: Date;
  updated_at: Date;
  warehouse_ids: string[];
}

/** An active user whose daily digest is on, with the warehouses assigned to them. */
export interface DigestRecipientRow {
  id: string;
  email: string;
  full_name: string;
  role: Role;
  warehouse_ids: string[];
}

export interface UserListFilter {
  search?: string;
  role?: Role;
  status?: UserStatus;
  sort: { column: string; direction: 'ASC' | 'DESC' };
  page: number;
  limit: number;
}

const SELECT_USER = `
  SELECT u.*, COALESCE(
    (SELECT array_agg(uw.warehouse_id ORDER BY uw.warehouse_id) FROM user_warehouses uw WHERE uw.user_id = u.id),
    '{}') AS warehouse_ids
    FROM users u`;

export function toUserSummary(row: UserRow): UserSummary {
  return {
    id: row.id,
    email: row.email,
    fullName: row.full_name,
    role: row.role,
    status: row.status,
    warehouseIds: row.warehouse_ids,
    alertDigest: alertDigestOf(row),
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Queries on users and their warehouse assignments; the caller owns the transaction. */
/** Any constant: the advisory lock of the first-run setup. */
const SETUP_LOCK_KEY = '7300415001';

@Injectable()
export class UsersRepository {
  async findById(manager: EntityManager, id: string, lock = false): Promise<UserRow | null> {
    // Every authenticated request runs this (the token's user is re-read): prepared.
    const rows = await preparedQuery<UserRow>(
      manager,
      `${SELECT_USER} WHERE u.id = $1 ${lock ? 'FOR UPDATE OF u' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Active users whose digest (chosen, or their role's default) is daily, by email. */
  async digestRecipients(manager: EntityManager): Promise<DigestRecipientRow[]> {
    return manager.query(
      `SELECT u.id, u.email, u.full_name, u.role,
              coalesce(array_agg(uw.warehouse_id ORDER BY uw.warehouse_id) FILTER (WHERE uw.warehouse_id IS NOT NULL), '{}') AS warehouse_ids
         FROM users u LEFT JOIN user_warehouses uw ON uw.user_id = u.id
        WHERE u.status = 'active' AND ${alertDigestSql('u')} = 'daily'
        GROUP BY u.id ORDER BY lower(u.email::text)`,
    );
  }

  async findByEmail(manager: EntityManager, email: string): Promise<UserRow | null> {
    const rows: UserRow[] = await manager.query(`${SELECT_USER} WHERE u.email = $1`, [email]);
    return rows[0] ?? null;
  }

  /** Serialises concurrent first-run setups (until the transaction ends) so that exactly one creates the admin. */
  async lockSetup(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [SETUP_LOCK_KEY]);
  }

  async exists(manager: EntityManager): Promise<boolean> {
    const [{ exists }] = await manager.query(`SELECT EXISTS (SELECT 1 FROM users) AS exists`);
    return exists;
  }

  async insert(
    manager: EntityManager,
    user: {
      email: string;
      fullName: string;
      role: Role;
      status: UserStatus;
      passwordHash: string | null;
    },
  ): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO users (email, full_name, role, status, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [user.email, user.fullName, user.role, user.status, user.passwordHash],
    );
    return id;
  }

  async setWarehouses(
    manager: EntityManager,
    userId: string,
    warehouseIds: string[],
  ): Promise<void> {
    await manager.query(`DELETE FROM user_warehouses WHERE user_id = $1`, [userId]);
    if (warehouseIds.length) {
      await manager.query(
        `INSERT INTO user_warehouses (user_id, warehouse_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
        [userId, warehouseIds],
      );
    }
  }

  async update(
    manager: EntityManager,
    id: string,
    changes: {
      fullName?: string;
      role?: Role;
      status?: UserStatus;
      passwordHash?: string;
      alertDigest?: AlertDigestChoice;
      bumpTokenVersion?: boolean;
    },
  ): Promise<void> {
    const sets: string[] = ['updated_at = now()'];
    const params: unknown[] = [id];
    const set = (column: string, value: unknown) => {
      params.push(value);
      sets.push(`${column} = $${params.length}`);
    };
    if (changes.fullName !== undefined) set('full_name', changes.fullName);
    if (changes.role !== undefined) set('role', changes.role);
    if (changes.status !== undefined) set('status', changes.status);
    if (changes.alertDigest !== undefined) set('alert_digest', changes.alertDigest);
    if (changes.passwordHash !== undefined) {
      set('password_hash', changes.passwordHash);
    }
    if (changes.bumpTokenVersion) sets.push('token_version = token_version + 1');
    await manager.query(`UPDATE users SET ${sets.join(', ')} WHERE id = $1`, params);
  }

  /**
   * Locks every active admin, in id order (a fixed order, so two concurrent demotions cannot
   * deadlock), and returns their ids: the "last admin" rule is then decided on rows nobody else
   * can change until commit.
   */
  async lockActiveAdmins(manager: EntityManager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT id FROM users WHERE role = 'admin' AND status = 'active' ORDER BY id FOR UPDATE`,
    );
    return rows.map((row) => row.id);
  }

  /** The backend pids of the sessions named `application` on this database. */
  async listeningSessions(manager: EntityManager, application: string): Promise<number[]> {
    const rows: { pid: number }[] = await manager.query(
      `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()`,
      [application],
    );
    return rows.map((row) => row.pid);
  }

  /** Announces `marker` on `user_sync`, after every user change committed so far. */
  async announceSync(manager: EntityManager, marker: string): Promise<void> {
    await manager.query(`SELECT pg_notify('user_sync', $1)`, [marker]);
  }

  async registerLogin(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE users SET last_login_at = now() WHERE id = $1`, [id]);
  }

  async list(manager: EntityManager, filter: UserListFilter): Promise<Page<UserSummary>> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = conditionAdder(params, where);
    if (filter.search)
      add(`(u.email::text ILIKE ? OR u.full_name ILIKE ?)`, `%${escapeLike(filter.search)}%`);
    if (filter.role) add('u.role = ?', filter.role);
    if (filter.status) add('u.status = ?', filter.status);
    params.push(filter.limit, (filter.page - 1) * filter.limit);
    const rows: (UserRow & { total: string })[] = await manager.query(
      `SELECT u.*, count(*) OVER () AS total
         FROM (${SELECT_USER} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}) u
        ORDER BY u.${filter.sort.column} ${filter.sort.direction} NULLS LAST, u.id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    let total = rows.length ? Number(rows[0].total) : 0;
    if (!rows.length && filter.page > 1) {
      const [{ count }] = await manager.query(
        `SELECT count(*)::int AS count FROM users u ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
        params.slice(0, -2),
      );
      total = count;
    }
    return {
      data: rows.map(toUserSummary),
      meta: { page: filter.page, limit: filter.limit, total },
    };
  }
}
