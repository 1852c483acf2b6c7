import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface RateLimitHit {
  hits: number;
  /** Seconds until the window ends. */
  expiresIn: number;
  /** Seconds until a block ends; 0 when not blocked. */
  blockedFor: number;
}

/**
 * Fixed-window counters in PostgreSQL, one row per key, so that every API instance counts
 * against the same budget. Times come from the database clock, the one all instances share.
 */
@Injectable()
export class RateLimitsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Counts one hit, atomically (one statement: concurrent hits are counted one after the other
   * on the row lock). A window that has ended starts again at 1, unless a block is still running;
   * the hit that goes over `limit` starts a block of `blockMs`.
   */
  async hit(key: string, ttlMs: number, limit: number, blockMs: number): Promise<RateLimitHit> {
    const fresh = `(r.expires_at <= now() AND (r.blocked_until IS NULL OR r.blocked_until <= now()))`;
    const hits = `CASE WHEN ${fresh} THEN 1 ELSE r.hits + 1 END`;
    const [row] = await this.dataSource.query(
      `INSERT INTO rate_limits AS r (key, hits, expires_at)
       VALUES ($1, 1, now() + make_interval(secs => $2::bigint / 1000.0))
       ON CONFLICT (key) DO UPDATE SET
         hits = ${hits},
         expires_at = CASE WHEN ${fresh} THEN now() + make_interval(secs => $2::bigint / 1000.0)
                           ELSE r.expires_at END,
         blocked_until = CASE WHEN r.blocked_until > now() THEN r.blocked_until
                              WHEN ${hits} > $3 THEN now() + make_interval(secs => $4::bigint / 1000.0)
                         END
       RETURNING hits,
                 greatest(0, ceil(extract(epoch FROM expires_at - now())))::int AS "expiresIn",
                 greatest(0, ceil(extract(epoch FROM blocked_until - now())))::int AS "blockedFor"`,
      [key, ttlMs, limit, blockMs],
    );
    return { hits: row.hits, expiresIn: row.expiresIn, blockedFor: row.blockedFor ?? 0 };
  }

  /** Forgets windows and blocks that have ended. */
  async sweep(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM rate_limits
        WHERE expires_at < now() AND (blocked_until IS NULL OR blocked_until < now())`,
    );
  }
}
