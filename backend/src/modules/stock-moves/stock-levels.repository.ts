import { Injectable } from '@nestjs/common';
import type { BatchStatus } from '@stockmaster/contracts';
import { EntityManager } from 'typeorm';
import { conditionAdder, escapeLike, selectRows } from '../../common/sql';

/** A level with its product, location and batch, as the stock pages show it. */
export interface LevelRow {
  product_id: string;
  sku: string;
  name: string;
  unit: string;
  location_id: string;
  full_name: string;
  batch_id: string | null;
  batch_code: string | null;
  batch_expires_at: string | null;
  batch_received_at: string | null;
  batch_status: BatchStatus | null;
  expiry_warning_days: number;
  quantity: string;
}

export interface LevelFilter {
  /** The caller's warehouses; null for all. */
  visibleWarehouses: string[] | null;
  warehouseId?: string;
  productId?: string;
  batchId?: string;
  /** This location, and with `includeChildren` every location below it. */
  locationId?: string;
  includeChildren?: boolean;
  search?: string;
  /** A whitelisted ORDER BY list (levelOrder); default: SKU, location, batch. */
  order?: string;
  page: number;
  limit: number;
}

export interface AsOfFilter {
  visibleWarehouses: string[] | null;
  /** The instant (ISO 8601) the levels are summed up to. */
  date: string;
  warehouseId?: string;
  productId?: string;
  page: number;
  limit: number;
}

type Counted<T> = T & { total: string };

const page = <T>(rows: Counted<T>[]): { rows: T[]; total: number } => ({
  rows: rows.map(({ total: _total, ...row }) => row as T),
  total: rows.length ? Number(rows[0].total) : 0,
});

/** Stock levels as they are (the level rows) and as they stood (summed from the ledger). */
@Injectable()
export class StockLevelsRepository {
  async levels(
    manager: EntityManager,
    filter: LevelFilter,
  ): Promise<{ rows: LevelRow[]; total: number }> {
    const params: unknown[] = [];
    const where = [`s.quantity <> 0`];
    const add = conditionAdder(params, where);
    if (filter.visibleWarehouses) add('s.warehouse_id = ANY(?::uuid[])', filter.visibleWarehouses);
    if (filter.warehouseId) add('s.warehouse_id = ?', filter.warehouseId);
    if (filter.productId) add('s.product_id = ?', filter.productId);
    if (filter.batchId) add('s.batch_id = ?', filter.batchId);
    if (filter.locationId) {
      add(
        filter.includeChildren
          ? `l.id IN (SELECT c.id FROM locations c JOIN locations top ON top.id = ?
                       WHERE c.id = top.id OR left(lower(c.full_name), length(top.full_name) + 1) = lower(top.full_name) || '/')`
          : 'l.id = ?',
        filter.locationId,
      );
    }
    if (filter.search)
      add(
        `(p.sku || ' ' || p.name || ' ' || coalesce(p.barcode, '')) ILIKE ?`,
        `%${escapeLike(filter.search)}%`,
      );
    params.push(filter.limit, (filter.page - 1) * filter.limit);
    const rows = await selectRows<Counted<LevelRow>>(
      manager,
      `SELECT s.product_id, p.sku, p.name, p.unit, s.location_id, l.full_name, s.batch_id, b.code AS batch_code,
              b.expires_at AS batch_expires_at, b.received_at AS batch_received_at,
              b.status AS batch_status, p.expiry_warning_days, trim_scale(s.quantity)::text AS quantity, count(*) OVER () AS total
         FROM stock_levels s JOIN products p ON p.id = s.product_id JOIN locations l ON l.id = s.location_id
         LEFT JOIN batches b ON b.id = s.batch_id
        WHERE ${where.join(' AND ')}
        ORDER BY ${filter.order ?? 'p.sku, l.full_name, s.batch_id NULLS FIRST'}
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return page(rows);
  }

  /**
   * Levels as they stood at an instant: the closing balances of the latest day boundary at or
   * before it (see StockSnapshotJob), plus the moves from that boundary up to the instant — or,
   * before the first boundary, the whole ledger up to it. Either way the sum of every move up to
   * the instant (moves in minus moves out), from a bounded number of rows.
   */
  async asOf(
    manager: EntityManager,
    filter: AsOfFilter,
  ): Promise<{ rows: LevelRow[]; total: number }> {
    const params: unknown[] = [filter.date];
    const where = [`l.type = 'internal'`];
    const add = conditionAdder(params, where);
    if (filter.visibleWarehouses) add('l.warehouse_id = ANY(?::uuid[])', filter.visibleWarehouses);
    if (filter.warehouseId) add('l.warehouse_id = ?', filter.warehouseId);
    let product = (_alias: string) => '';
    if (filter.productId) {
      params.push(filter.productId);
      const param = `$${params.length}`;
      product = (alias) => `AND ${alias}.product_id = ${param}`;
    }
    params.push(filter.limit, (filter.page - 1) * filter.limit);
    const rows = await selectRows<Counted<LevelRow>>(
      manager,
      `WITH snapshot AS (SELECT max(at) AS at FROM stock_snapshot_days WHERE at <= $1),
       flows AS (
         SELECT n.product_id, n.location_id, n.batch_id, n.quantity
           FROM stock_snapshots n WHERE n.at = (SELECT at FROM snapshot) ${product('n')}
         UNION ALL
         SELECT m.product_id, m.destination_location_id AS location_id, m.batch_id, m.quantity
           FROM stock_moves m
          WHERE m.done_at <= $1 AND m.done_at >= coalesce((SELECT at FROM snapshot), '-infinity') ${product('m')}
         UNION ALL
         SELECT m.product_id, m.source_location_id, m.batch_id, -m.quantity
           FROM stock_moves m
          WHERE m.done_at <= $1 AND m.done_at >= coalesce((SELECT at FROM snapshot), '-infinity') ${product('m')}),
       sums AS (SELECT product_id, location_id, batch_id, sum(quantity) AS quantity FROM flows GROUP BY 1, 2, 3)
       SELECT s.product_id, p.sku, p.name, p.unit, s.location_id, l.full_name, s.batch_id, b.code AS batch_code,
              b.expires_at AS batch_expires_at, b.received_at AS batch_received_at,
              b.status AS batch_status, p.expiry_warning_days, trim_scale(s.quantity)::text AS quantity, count(*) OVER () AS total
         FROM sums s JOIN locations l ON l.id = s.location_id JOIN products p ON p.id = s.product_id
         LEFT JOIN batches b ON b.id = s.batch_id
        WHERE s.quantity <> 0 AND ${where.join(' AND ')}
        ORDER BY p.sku, l.full_name, s.batch_id NULLS FIRST
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return page(rows);
  }
}
