import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { selectRows } from '../../common/sql';

/** Closing balances at day boundaries (see the StockSnapshots migration), and their claims. */
@Injectable()
export class StockSnapshotsRepository {
  /** The latest boundary taken, or null. */
  async latest(manager: EntityManager): Promise<Date | null> {
    const [row] = await selectRows<{ at: Date | null }>(
      manager,
      `SELECT max(at) AS at FROM stock_snapshot_days`,
    );
    return row.at;
  }

  /**
   * The first boundary worth taking after `after`: the first UTC midnight on a multiple of
   * `periodDays` (days since 1970-01-01) after the first move at or after `after` (the first
   * move of all when null). Periods without moves need no boundary: the previous one holds.
   * Null when no move comes after `after`.
   */
  async nextBoundary(
    manager: EntityManager,
    after: Date | null,
    periodDays: number,
  ): Promise<Date | null> {
    const [row] = await selectRows<{ at: Date | null }>(
      manager,
      `SELECT to_timestamp((floor(extract(epoch FROM min(done_at)) / 86400 / $2) + 1) * $2 * 86400) AS at
         FROM stock_moves WHERE done_at >= coalesce($1::timestamptz, '-infinity')`,
      [after, periodDays],
    );
    return row.at;
  }

  /**
   * Claims a boundary for this transaction: true when it is ours. Another instance's claim makes
   * this wait until that transaction ends, then answers false when it took the boundary.
   */
  async claim(manager: EntityManager, at: Date): Promise<boolean> {
    const rows = await selectRows<{ at: Date }>(
      manager,
      `INSERT INTO stock_snapshot_days (at) VALUES ($1) ON CONFLICT (at) DO NOTHING RETURNING at`,
      [at],
    );
    return rows.length === 1;
  }

  /**
   * Whether a transaction that began before `at` is still open in this database: its moves
   * (dated when their transaction began) would be missing from a balance taken now.
   */
  async olderTransactionsOpen(manager: EntityManager, at: Date): Promise<boolean> {
    const [row] = await selectRows<{ open: boolean }>(
      manager,
      `SELECT EXISTS (SELECT 1 FROM pg_stat_activity
                       WHERE datname = current_database() AND pid <> pg_backend_pid()
                         AND xact_start < $1) AS open`,
      [at],
    );
    return row.open;
  }

  /**
   * Writes the balances at `at` from those at `previous` (null: from the whole ledger) and the
   * moves in between, for internal locations, and answers how many.
   */
  async write(manager: EntityManager, at: Date, previous: Date | null): Promise<number> {
    const since = previous ? `AND done_at >= $2` : '';
    const carried = previous
      ? `SELECT product_id, location_id, batch_id, quantity FROM stock_snapshots WHERE at = $2 UNION ALL`
      : '';
    const [row] = await selectRows<{ levels: number }>(
      manager,
      `WITH written AS (
         INSERT INTO stock_snapshots (at, product_id, location_id, batch_id, quantity)
         SELECT $1, f.product_id, f.location_id, f.batch_id, sum(f.quantity)
           FROM (${carried}
                 SELECT product_id, destination_location_id, batch_id, quantity
                   FROM stock_moves WHERE done_at < $1 ${since}
                 UNION ALL
                 SELECT product_id, source_location_id, batch_id, -quantity
                   FROM stock_moves WHERE done_at < $1 ${since}) AS f(product_id, location_id, batch_id, quantity)
           JOIN locations l ON l.id = f.location_id AND l.type = 'internal'
          GROUP BY f.product_id, f.location_id, f.batch_id
         HAVING sum(f.quantity) <> 0
          ORDER BY f.product_id
         RETURNING 1),
       counted AS (SELECT count(*)::int AS levels FROM written)
       UPDATE stock_snapshot_days d SET levels = c.levels FROM counted c WHERE d.at = $1
       RETURNING d.levels`,
      previous ? [at, previous] : [at],
    );
    return row.levels;
  }
}
