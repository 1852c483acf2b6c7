import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { selectRows } from '../../common/sql';

export interface StoredAnswer<T> {
  request_hash: string;
  response_body: T;
}

/** The idempotency_keys table: a user's key, the request it was used for and its answer. */
@Injectable()
export class IdempotencyRepository {
  /** Takes the key for this request (after dropping an expired one of the same name). */
  async claim(
    manager: EntityManager,
    key: { userId: string; key: string; fingerprint: string },
    ttlHours: number,
  ): Promise<void> {
    await manager.query(
      `DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND expires_at <= now()`,
      [key.userId, key.key],
    );
    await manager.query(
      `INSERT INTO idempotency_keys (user_id, key, request_hash, response_status, response_body, expires_at)
       VALUES ($1, $2, $3, 0, 'null', now() + make_interval(hours => $4))`,
      [key.userId, key.key, key.fingerprint, ttlHours],
    );
  }

  async storeAnswer(
    manager: EntityManager,
    key: { userId: string; key: string },
    status: number,
    body: unknown,
  ): Promise<void> {
    await manager.query(
      `UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE user_id = $1 AND key = $2`,
      [key.userId, key.key, status, JSON.stringify(body)],
    );
  }

  /** The live (unexpired) key of this user and name, if any. */
  async find<T>(
    manager: EntityManager,
    key: { userId: string; key: string },
  ): Promise<StoredAnswer<T> | null> {
    const [row] = await selectRows<StoredAnswer<T>>(
      manager,
      `SELECT request_hash, response_body FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND expires_at > now()`,
      [key.userId, key.key],
    );
    return row ?? null;
  }

  async purgeExpired(manager: EntityManager): Promise<void> {
    await manager.query(`DELETE FROM idempotency_keys WHERE expires_at <= now()`);
  }
}
