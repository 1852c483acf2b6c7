import { createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { StockErrorCode } from '@stockmaster/contracts';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { BusinessRuleError, ValidationError } from '../../common/errors/domain-error';
import { PG_UNIQUE_VIOLATION, pgCode, pgConstraint } from '../../common/sql';
import { transaction } from '../../database/transaction';

export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const IDEMPOTENCY_TTL_HOURS = 24;

export interface IdempotencyContext {
  userId: string;
  key: string;
  /** Hash of the method, path and body: the same key with another request is refused. */
  fingerprint: string;
}

/** Reads and checks `Idempotency-Key`; undefined when the request has none. */
export const Idempotency = createParamDecorator(
  (_: unknown, context: ExecutionContext): IdempotencyContext | undefined => {
    const request = context.switchToHttp().getRequest<Request & { user: AuthenticatedUser }>();
    const key = request.headers['idempotency-key'];
    if (key === undefined) return undefined;
    if (typeof key !== 'string' || key.length < 1 || key.length > 255) {
      throw new ValidationError([
        { field: IDEMPOTENCY_HEADER, message: 'Idempotency-Key must be 1 to 255 characters' },
      ]);
    }
    const fingerprint = createHash('sha256')
      .update(`${request.method} ${request.path} ${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    return { userId: request.user.id, key, fingerprint };
  },
);

export interface Outcome<T> {
  body: T;
  replayed: boolean;
}

/**
 * Runs a posting at most once per user and key. The key is claimed by the first statement of
 * the posting's own transaction, so it is stored exactly when the posting commits: a concurrent
 * twin waits on that row, then finds it and replays the answer; a failed posting leaves no key,
 * and its retry runs again (it wrote nothing). Keys live 24 hours.
 */
@Injectable()
export class IdempotencyService {
  constructor(private readonly dataSource: DataSource) {}

  async run<T>(
    context: IdempotencyContext | undefined,
    status: number,
    work: (manager: EntityManager) => Promise<T>,
  ): Promise<Outcome<T>> {
    if (!context) return { body: await transaction(this.dataSource, work), replayed: false };
    const stored = await this.stored<T>(context);
    if (stored) return stored;
    try {
      const body = await transaction(this.dataSource, async (manager) => {
        await manager.query(
          `DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND expires_at <= now()`,
          [context.userId, context.key],
        );
        await manager.query(
          `INSERT INTO idempotency_keys (user_id, key, request_hash, response_status, response_body, expires_at)
           VALUES ($1, $2, $3, 0, 'null', now() + make_interval(hours => $4))`,
          [context.userId, context.key, context.fingerprint, IDEMPOTENCY_TTL_HOURS],
        );
        const result = await work(manager);
        await manager.query(
          `UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE user_id = $1 AND key = $2`,
          [context.userId, context.key, status, JSON.stringify(result)],
        );
        return result;
      });
      return { body, replayed: false };
    } catch (error) {
      if (
        pgCode(error) === PG_UNIQUE_VIOLATION &&
        pgConstraint(error) === 'idempotency_keys_pkey'
      ) {
        const twin = await this.stored<T>(context);
        if (twin) return twin;
      }
      throw error;
    }
  }

  /** The stored answer for this key, if the same request already went through. */
  private async stored<T>(context: IdempotencyContext): Promise<Outcome<T> | undefined> {
    const rows: { request_hash: string; response_body: T }[] = await this.dataSource.query(
      `SELECT request_hash, response_body FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND expires_at > now()`,
      [context.userId, context.key],
    );
    if (!rows[0]) return undefined;
    if (rows[0].request_hash !== context.fingerprint) {
      throw new BusinessRuleError(
        'This Idempotency-Key was already used for a different request',
        undefined,
        StockErrorCode.IdempotencyKeyReused,
      );
    }
    return { body: rows[0].response_body, replayed: true };
  }

  /** Forgets keys past their 24 hours. */
  async purgeExpired(): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE expires_at <= now()`);
  }
}
