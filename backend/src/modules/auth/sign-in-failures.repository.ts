import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/**
 * Failed sign-ins per email address as typed (its HMAC key), whether or not an account has that
 * address: unknown addresses are counted and locked exactly like known ones.
 */
@Injectable()
export class SignInFailuresRepository {
  /** Seconds left of the lock on an address (by the database clock); null when not locked. */
  async lockedFor(manager: EntityManager, emailKey: string): Promise<number | null> {
    const rows: { seconds: number }[] = await manager.query(
      `SELECT ceil(extract(epoch FROM locked_until - now()))::int AS seconds
         FROM sign_in_failures WHERE email_key = $1 AND locked_until > now()`,
      [emailKey],
    );
    return rows[0]?.seconds ?? null;
  }

  /**
   * Counts a failure; the `maxFailures`-th within `windowMinutes` locks the address for
   * `lockMinutes` and starts a new count. Returns the seconds left of a lock now in force.
   */
  async register(
    manager: EntityManager,
    emailKey: string,
    rule: { maxFailures: number; windowMinutes: number; lockMinutes: number },
  ): Promise<number | null> {
    const count = `CASE WHEN f.updated_at < now() - make_interval(mins => $3) THEN 1 ELSE f.failures + 1 END`;
    const [row] = await manager.query(
      `INSERT INTO sign_in_failures AS f (email_key, failures, locked_until)
       VALUES ($1, CASE WHEN $2 <= 1 THEN 0 ELSE 1 END,
               CASE WHEN $2 <= 1 THEN now() + make_interval(mins => $4) END)
       ON CONFLICT (email_key) DO UPDATE SET
         failures = CASE WHEN ${count} >= $2 THEN 0 ELSE ${count} END,
         locked_until = CASE WHEN ${count} >= $2 THEN now() + make_interval(mins => $4)
                             ELSE f.locked_until END,
         updated_at = now()
       RETURNING CASE WHEN locked_until > now()
                      THEN ceil(extract(epoch FROM locked_until - now()))::int END AS seconds`,
      [emailKey, rule.maxFailures, rule.windowMinutes, rule.lockMinutes],
    );
    return (row?.seconds as number | null) ?? null;
  }

  /** A successful sign-in or password reset proves the address's owner: the count starts over. */
  async clear(manager: EntityManager, emailKey: string): Promise<void> {
    await manager.query(`DELETE FROM sign_in_failures WHERE email_key = $1`, [emailKey]);
  }

  /** Forgets counts older than the window and locks that have ended. */
  async sweep(manager: EntityManager, windowMinutes: number): Promise<void> {
    await manager.query(
      `DELETE FROM sign_in_failures
        WHERE updated_at < now() - make_interval(mins => $1)
          AND (locked_until IS NULL OR locked_until < now())`,
      [windowMinutes],
    );
  }
}
