import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface RefreshTokenRow {
  id: string;
  user_id: string;
  family_id: string;
  token_version: number;
  expires_at: Date;
  used_at: Date | null;
  /** Used less than the grace period ago (by the database's clock). */
  used_recently: boolean;
  revoked_at: Date | null;
}

export interface PasswordResetRow {
  id: string;
  /** Null when the address had no active account: the code was never sent. */
  user_id: string | null;
  code_hash: string;
  attempts: number;
  expires_at: Date;
}

export interface InvitationRow {
  id: string;
  user_id: string;
  expires_at: Date;
  accepted_at: Date | null;
  revoked_at: Date | null;
  email: string;
  full_name: string;
  role: string;
  status: string;
}

/** Refresh tokens, reset codes and invitations: every secret stored only as a hash. */
@Injectable()
export class CredentialsRepository {
  async insertRefreshToken(
    manager: EntityManager,
    token: {
      userId: string;
      familyId: string;
      hash: string;
      tokenVersion: number;
      ttlSeconds: number;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO refresh_tokens (user_id, family_id, token_hash, token_version, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
      [token.userId, token.familyId, token.hash, token.tokenVersion, token.ttlSeconds],
    );
  }

  async findRefreshTokenForUpdate(
    manager: EntityManager,
    hash: string,
    graceSeconds = 0,
  ): Promise<RefreshTokenRow | null> {
    const rows: RefreshTokenRow[] = await manager.query(
      `SELECT id, user_id, family_id, token_version, expires_at, used_at, revoked_at,
              coalesce(used_at > clock_timestamp() - make_interval(secs => $2), false) AS used_recently
         FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE`,
      [hash, graceSeconds],
    );
    return rows[0] ?? null;
  }

  async markRefreshTokenUsed(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE refresh_tokens SET used_at = now() WHERE id = $1`, [id]);
  }

  async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`,
      [familyId],
    );
  }

  async revokeAllRefreshTokens(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(
      `UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    );
  }

  /**
   * A new code replaces any earlier one still open for the address. Serialised per address, so
   * that two requests at once leave exactly one open code.
   */
  async replaceResetCode(
    manager: EntityManager,
    reset: { emailKey: string; userId: string | null; codeHash: string; ttlMinutes: number },
  ): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [reset.emailKey]);
    await manager.query(
      `UPDATE password_resets SET used_at = now() WHERE email_key = $1 AND used_at IS NULL`,
      [reset.emailKey],
    );
    await manager.query(
      `INSERT INTO password_resets (email_key, user_id, code_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
      [reset.emailKey, reset.userId, reset.codeHash, reset.ttlMinutes],
    );
  }

  /** The open code of an address, locked so that concurrent tries are counted one after the other. */
  async findOpenResetForUpdate(
    manager: EntityManager,
    emailKey: string,
  ): Promise<PasswordResetRow | null> {
    const rows: PasswordResetRow[] = await manager.query(
      `SELECT id, user_id, code_hash, attempts, expires_at FROM password_resets
        WHERE email_key = $1 AND used_at IS NULL ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
      [emailKey],
    );
    return rows[0] ?? null;
  }

  /** Codes of addresses without an account are of no use once expired. */
  async deleteExpiredUnclaimedResets(manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM password_resets WHERE user_id IS NULL AND expires_at < now()`);
  }

  async countResetAttempt(manager: EntityManager, id: string): Promise<number> {
    const [[row]] = await manager.query(
      `UPDATE password_resets SET attempts = attempts + 1 WHERE id = $1 RETURNING attempts`,
      [id],
    );
    return row.attempts;
  }

  async closeReset(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE password_resets SET used_at = now() WHERE id = $1`, [id]);
  }

  async insertInvitation(
    manager: EntityManager,
    userId: string,
    hash: string,
    ttlHours: number,
  ): Promise<void> {
    await manager.query(
      `UPDATE invitations SET revoked_at = now() WHERE user_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL`,
      [userId],
    );
    await manager.query(
      `INSERT INTO invitations (user_id, token_hash, expires_at) VALUES ($1, $2, now() + make_interval(hours => $3))`,
      [userId, hash, ttlHours],
    );
  }

  async findInvitation(
    manager: EntityManager,
    hash: string,
    lock = false,
  ): Promise<InvitationRow | null> {
    const rows: InvitationRow[] = await manager.query(
      `SELECT i.id, i.user_id, i.expires_at, i.accepted_at, i.revoked_at, u.email, u.full_name, u.role, u.status
         FROM invitations i JOIN users u ON u.id = i.user_id
        WHERE i.token_hash = $1 ${lock ? 'FOR UPDATE OF i, u' : ''}`,
      [hash],
    );
    return rows[0] ?? null;
  }

  async acceptInvitation(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`UPDATE invitations SET accepted_at = now() WHERE id = $1`, [id]);
  }

  async revokeInvitations(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(
      `UPDATE invitations SET revoked_at = now() WHERE user_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL`,
      [userId],
    );
  }
}
