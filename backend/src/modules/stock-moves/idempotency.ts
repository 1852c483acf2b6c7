import { createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import { StockErrorCode } from '@stockmaster/contracts';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { BusinessRuleError, ValidationError } from '../../common/errors/domain-error';
import { PG_UNIQUE_VIOLATION, pgCode, pgConstraint } from '../../common/sql';
import { transaction } from '../../database/transaction';
import { IdempotencyRepository } from './idempotency.repository';

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
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: IdempotencyRepository,
  ) {}

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
        await this.keys.claim(manager, context, IDEMPOTENCY_TTL_HOURS);
        const result = await work(manager);
        await this.keys.storeAnswer(manager, context, status, result);
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
    const row = await this.keys.find<T>(this.dataSource.manager, context);
    if (!row) return undefined;
    if (row.request_hash !== context.fingerprint) {
      throw new BusinessRuleError(
        'This Idempotency-Key was already used for a different request',
        undefined,
        StockErrorCode.IdempotencyKeyReused,
      );
    }
    return { body: row.response_body, replayed: true };
  }

  /** Forgets keys past their 24 hours. */
  async purgeExpired(): Promise<void> {
    await this.keys.purgeExpired(this.dataSource.manager);
  }
}
