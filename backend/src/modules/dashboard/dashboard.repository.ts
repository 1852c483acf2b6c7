import { Injectable } from '@nestjs/common';
import {
  AttentionBatch,
  AttentionCard,
  AttentionDraft,
  DashboardToday,
  EXPIRY_BUCKETS,
  ExpiryBucketRow,
  MovesPerDay,
  OPERATION_TYPES,
  OperationType,
} from '@stockmaster/contracts';
import { EntityManager } from 'typeorm';
import { WarehouseSet } from '../../common/auth/warehouse-scope';
import { LEVEL_FRESHNESS_CONDITION } from '../batches/freshness-sql';
import { WriteMark } from './dashboard-answers';

/** Appends the warehouses as a parameter and returns the condition on `column` (TRUE for all). */
function inWarehouses(warehouses: WarehouseSet, column: string, params: unknown[]): string {
  if (warehouses === null) return 'TRUE';
  params.push(warehouses);
  return `${column} = ANY($${params.length}::uuid[])`;
}

/**
 * The past expiry dates some level still holds stock of, from the running totals per
 * (warehouse, expiry date). No index of the levels names their quantity (so that postings
 * update them in place), and a range of past dates would visit every emptied level of every
 * batch that ever expired: the dates narrow it to those that hold stock.
 */
function expiredDatesHeld(warehouses: WarehouseSet, params: unknown[]): string {
  const scope = inWarehouses(warehouses, 't.warehouse_id', params);
  return `ARRAY(SELECT t.expires_at FROM stock_expiry_totals t
                 WHERE t.expires_at <= $1::date AND ${scope}
                 GROUP BY t.expires_at HAVING sum(t.quantity) > 0)`;
}

/**
 * What a batch card is about: a freshness state, `expired` or `caution` (in its warning
 * window), or `blocked` (quarantined or recalled, whatever its freshness).
 */
export type BatchAlert = 'expired' | 'caution' | 'blocked';

interface BatchItemRow {
  total: number;
  batch_id: string | null;
  code: string;
  expires_at: string | null;
  product_id: string;
  sku: string;
  name: string;
  unit: string;
  warehouse_id: string;
  warehouse_code: string;
  warehouse_name: string;
  on_hand: string;
  days_to_expiry: number | null;
}

interface DraftRow {
  total: string;
  id: string;
  reference: string;
  type: OperationType;
  warehouse_id: string;
  warehouse_code: string;
  warehouse_name: string;
  created_at: Date;
  scheduled_at: Date | null;
  line_count: number;
}

/** The reads behind the dashboard and the alert digest: counts and the first rows of each. */
@Injectable()
export class DashboardRepository {
  /**
   * Batches with stock on hand that are `alert` (see BatchAlert). `count` is of batches, as
   * `GET /batches?expired=true` (or `expiring=true`, `blocked=true`) counts them; items are
   * (batch, warehouse) pairs with what that warehouse holds, soonest expiry first.
   *
   * Expired and expiring stock is read from the levels, which carry their batch's expiry date
   * and warning window (kept by triggers): a range of a partial index each. Blocked batches are
   * few, and each looks up its own levels.
   */
  async batches(
    manager: EntityManager,
    options: { warehouses: WarehouseSet; today: string; alert: BatchAlert; limit: number | null },
  ): Promise<AttentionCard<AttentionBatch>> {
    const params: unknown[] = [options.today];
    const scope = inWarehouses(options.warehouses, 's.warehouse_id', params);
    const held =
      options.alert === 'blocked'
        ? `SELECT b.id AS batch_id, b.expires_at, s.warehouse_id, s.on_hand
             FROM batches b CROSS JOIN LATERAL (
               SELECT s.warehouse_id, sum(s.quantity) AS on_hand FROM stock_levels s
                WHERE s.batch_id = b.id AND s.quantity > 0 AND ${scope}
                GROUP BY s.warehouse_id) s
            WHERE b.status <> 'available'`
        : `SELECT s.batch_id, s.expires_at, s.warehouse_id, sum(s.quantity) AS on_hand
             FROM stock_levels s
            WHERE s.quantity > 0 AND ${scope} AND ${LEVEL_FRESHNESS_CONDITION[options.alert]('$1')}
              ${options.alert === 'expired' ? `AND s.expires_at = ANY(${expiredDatesHeld(options.warehouses, params)})` : ''}
            GROUP BY s.batch_id, s.expires_at, s.warehouse_id`;
    let limit = '';
    let cutoff = `'infinity'::date`;
    if (options.limit !== null) {
      params.push(options.limit);
      limit = `LIMIT $${params.length}`;
      // Only rows up to the limit-th soonest expiry can be listed: the others are not joined.
      cutoff = `coalesce((SELECT expires_at FROM held ORDER BY expires_at OFFSET $${params.length}::int - 1 LIMIT 1), 'infinity')`;
    }
    const rows: BatchItemRow[] = await manager.query(
      `WITH held AS MATERIALIZED (${held})
       SELECT c.total, i.* FROM (SELECT count(DISTINCT batch_id)::int AS total FROM held) c
       LEFT JOIN LATERAL (
         SELECT h.batch_id, b.code, b.expires_at, p.id AS product_id, p.sku, p.name, p.unit,
                w.id AS warehouse_id, w.code AS warehouse_code, w.name AS warehouse_name,
                trim_scale(h.on_hand)::text AS on_hand, (b.expires_at - $1::date) AS days_to_expiry
           FROM held h
           JOIN batches b ON b.id = h.batch_id
           JOIN products p ON p.id = b.product_id
           JOIN warehouses w ON w.id = h.warehouse_id
          WHERE h.expires_at <= ${cutoff} OR h.expires_at IS NULL
          ORDER BY b.expires_at, lower(b.code), w.code ${limit}) i ON TRUE`,
      params,
    );
    return {
      count: rows[0]?.total ?? 0,
      items: rows
        .filter((row) => row.batch_id !== null)
        .map((row) => ({
          batch: { id: row.batch_id!, code: row.code, expiresAt: row.expires_at },
          product: { id: row.product_id, sku: row.sku, name: row.name, unit: row.unit },
          warehouse: { id: row.warehouse_id, code: row.warehouse_code, name: row.warehouse_name },
          onHand: row.on_hand,
          daysToExpiry: row.days_to_expiry,
        })),
    };
  }

  /**
   * Draft operations, newest first as `GET /operations?status=draft` lists them; `olderThanDay`
   * keeps those created more than a day ago (the digest's stale drafts).
   */
  async drafts(
    manager: EntityManager,
    options: { warehouses: WarehouseSet; limit: number | null; olderThanDay?: boolean },
  ): Promise<AttentionCard<AttentionDraft>> {
    const params: unknown[] = [];
    const where = [
      `o.status = 'draft'`,
      inWarehouses(options.warehouses, 'o.warehouse_id', params),
    ];
    if (options.olderThanDay) where.push(`o.created_at < now() - interval '1 day'`);
    let limit = '';
    if (options.limit !== null) {
      params.push(options.limit);
      limit = `LIMIT $${params.length}`;
    }
    const rows: DraftRow[] = await manager.query(
      `SELECT o.id, o.reference, o.type, o.created_at, o.scheduled_at, w.id AS warehouse_id,
              w.code AS warehouse_code, w.name AS warehouse_name,
              (SELECT count(*)::int FROM operation_lines l WHERE l.operation_id = o.id) AS line_count,
              count(*) OVER () AS total
         FROM operations o JOIN warehouses w ON w.id = o.warehouse_id
        WHERE ${where.join(' AND ')}
        ORDER BY o.created_at DESC, o.id DESC ${limit}`,
      params,
    );
    return {
      count: rows.length ? Number(rows[0].total) : 0,
      items: rows.map((row) => ({
        id: row.id,
        reference: row.reference,
        type: row.type,
        warehouse: { id: row.warehouse_id, code: row.warehouse_code, name: row.warehouse_name },
        createdAt: row.created_at.toISOString(),
        scheduledAt: row.scheduled_at?.toISOString() ?? null,
        lineCount: row.line_count,
      })),
    };
  }

  /** Operations validated since midnight in `timeZone`, per type, with their lines. */
  async today(
    manager: EntityManager,
    options: { warehouses: WarehouseSet; timeZone: string },
  ): Promise<DashboardToday> {
    const params: unknown[] = [options.timeZone];
    const scope = inWarehouses(options.warehouses, 'o.warehouse_id', params);
    const rows: { type: OperationType; operations: number; lines: number }[] = await manager.query(
      `SELECT o.type, count(*)::int AS operations,
                coalesce(sum((SELECT count(*) FROM operation_lines l WHERE l.operation_id = o.id)), 0)::int AS lines
           FROM operations o
          WHERE o.status = 'done' AND ${scope}
            AND o.done_at >= date_trunc('day', now() AT TIME ZONE $1) AT TIME ZONE $1
          GROUP BY o.type`,
      params,
    );
    const today = Object.fromEntries(
      OPERATION_TYPES.map((type) => [type, { operations: 0, lines: 0 }]),
    ) as DashboardToday;
    for (const row of rows) today[row.type] = { operations: row.operations, lines: row.lines };
    return today;
  }

  /**
   * Quantity into and out of the warehouses' internal locations per local day, the last `days`
   * days with today last, days without moves included, from the ledger's quarter-hour flows
   * between warehouses. A move between two warehouses of the set is neither (it stays inside).
   */
  async movesPerDay(
    manager: EntityManager,
    options: { warehouses: WarehouseSet; timeZone: string; days: number },
  ): Promise<{ days: MovesPerDay[]; rowsRead: number }> {
    const params: unknown[] = [options.timeZone, options.days];
    const inSet = (column: string) =>
      `(${column} IS NOT NULL AND ${inWarehouses(options.warehouses, column, params)})`;
    const [toInside, fromInside] = [inSet('f.to_warehouse_id'), inSet('f.from_warehouse_id')];
    const rows: (MovesPerDay & { rows_read: number })[] = await manager.query(
      `WITH today AS (SELECT (now() AT TIME ZONE $1)::date AS day),
       days AS (SELECT (SELECT day FROM today) - n AS day FROM generate_series($2::int - 1, 0, -1) AS n),
       flows AS (
         SELECT (f.period AT TIME ZONE $1)::date AS day,
                coalesce(sum(f.quantity) FILTER (WHERE ${toInside} AND NOT ${fromInside}), 0) AS qty_in,
                coalesce(sum(f.quantity) FILTER (WHERE ${fromInside} AND NOT ${toInside}), 0) AS qty_out,
                count(*) AS rows_read
           FROM stock_flows f
          WHERE f.period >= ((SELECT day FROM today) - ($2::int - 1))::timestamp AT TIME ZONE $1
          GROUP BY 1)
       SELECT to_char(d.day, 'YYYY-MM-DD') AS date, trim_scale(coalesce(f.qty_in, 0))::text AS "in",
              trim_scale(coalesce(f.qty_out, 0))::text AS "out",
              (sum(coalesce(f.rows_read, 0)) OVER ())::int AS rows_read
         FROM days d LEFT JOIN flows f ON f.day = d.day
        ORDER BY d.day`,
      params,
    );
    return {
      days: rows.map((row) => ({ date: row.date, in: row.in, out: row.out })),
      rowsRead: rows[0]?.rows_read ?? 0,
    };
  }

  /**
   * Quantity on hand by days to expiry, from the per-(warehouse, expiry date) totals. A batch is
   * expired from its expiry date on (the freshness rule), so `days0to2` holds what expires in
   * the next two days.
   */
  async expiryBuckets(
    manager: EntityManager,
    options: { warehouses: WarehouseSet; today: string },
  ): Promise<{ buckets: ExpiryBucketRow[]; rowsRead: number }> {
    const params: unknown[] = [options.today];
    const scope = inWarehouses(options.warehouses, 't.warehouse_id', params);
    const bucket = `CASE WHEN t.expires_at IS NULL THEN 'noExpiry'
                         WHEN t.expires_at <= $1::date THEN 'expired'
                         WHEN t.expires_at - $1::date <= 2 THEN 'days0to2'
                         WHEN t.expires_at - $1::date <= 7 THEN 'days3to7'
                         WHEN t.expires_at - $1::date <= 30 THEN 'days8to30'
                         ELSE 'over30' END`;
    const rows: { bucket: string; quantity: string; rows_read: number }[] = await manager.query(
      `SELECT ${bucket} AS bucket, trim_scale(sum(t.quantity))::text AS quantity,
              (sum(count(*)) OVER ())::int AS rows_read
         FROM stock_expiry_totals t
        WHERE ${scope}
        GROUP BY 1`,
      params,
    );
    return {
      buckets: EXPIRY_BUCKETS.map((bucket) => ({
        bucket,
        quantity: rows.find((r) => r.bucket === bucket)?.quantity ?? '0',
      })),
      rowsRead: rows[0]?.rows_read ?? 0,
    };
  }

  /** Merges the summary tables' appended rows per key (see the stock summaries migration). */
  async foldSummaries(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT stock_summaries_fold()`);
  }

  /** Install-wide facts behind the getting-started checklist. */
  async gettingStarted(manager: EntityManager) {
    const [row] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM warehouses) AS "hasWarehouse",
              EXISTS (SELECT 1 FROM products) AS "hasProducts",
              EXISTS (SELECT 1 FROM stock_levels WHERE quantity > 0) AS "hasStock",
              (SELECT count(*) FROM (SELECT 1 FROM users LIMIT 2) u) > 1 AS "hasTeam"`,
    );
    return row as {
      hasWarehouse: boolean;
      hasProducts: boolean;
      hasStock: boolean;
      hasTeam: boolean;
    };
  }

  /** Where the server's transactions stand now (see WriteMark). */
  async writeMark(manager: EntityManager): Promise<WriteMark> {
    const [row] = await manager.query(
      `SELECT pg_snapshot_xmax(s)::text AS xmax, NOT EXISTS (SELECT pg_snapshot_xip(s)) AS quiet
         FROM pg_current_snapshot() AS s`,
    );
    return row as WriteMark;
  }

  async warehouseExists(manager: EntityManager, id: string): Promise<boolean> {
    const [{ exists }] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM warehouses WHERE id = $1) AS exists`,
      [id],
    );
    return exists;
  }
}
