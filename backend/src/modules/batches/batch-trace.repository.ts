import { Injectable } from '@nestjs/common';
import type { BatchStatus } from '@stockmaster/contracts';
import { EntityManager } from 'typeorm';
import { selectRows } from '../../common/sql';

/** A batch's whole story, or a product's operations validated within a range of days. */
export type TraceScope =
  | { batchId: string }
  | { productId: string; from: string | null; to: string | null; timeZone: string };

export interface ProductStockRow {
  location_id: string;
  full_name: string;
  warehouse_id: string;
  batch_id: string | null;
  batch_code: string | null;
  batch_status: BatchStatus | null;
  quantity: string;
}

export interface TraceOperationRow {
  operation_id: string;
  batch_id: string | null;
  batch_code: string | null;
  reference: string;
  type: 'receipt' | 'delivery' | 'scrap';
  partner: string | null;
  done_at: Date;
  warehouse_id: string;
  quantity: string;
  reversed: string;
}

@Injectable()
export class BatchTraceRepository {
  /** A product as a trace names it; null when there is no such product. */
  async productRef(
    manager: EntityManager,
    productId: string,
  ): Promise<{ id: string; sku: string; name: string; unit: string } | null> {
    const [row] = await selectRows<{ id: string; sku: string; name: string; unit: string }>(
      manager,
      `SELECT id, sku, name, unit FROM products WHERE id = $1`,
      [productId],
    );
    return row ?? null;
  }

  /**
   * The receipts, deliveries and scrap that moved a batch (or a product, validated within a
   * range of days), one row per operation and batch, each with its reversal netted in (a
   * reversal's moves count against the operation it undoes), oldest first. `visible`: only
   * operations of these warehouses (null: all).
   */
  traceOperations(
    manager: EntityManager,
    scope: TraceScope,
    visibleWarehouses: string[] | null,
  ): Promise<TraceOperationRow[]> {
    const params: unknown[] = [];
    const where = [
      `orig.type IN ('receipt', 'delivery', 'scrap')`,
      ...traceWhere(scope, params, 'orig'),
    ];
    if (visibleWarehouses) {
      params.push(visibleWarehouses);
      where.push(`orig.warehouse_id = ANY($${params.length}::uuid[])`);
    }
    return manager.query(
      `SELECT orig.id AS operation_id, orig.reference, orig.type, orig.partner, orig.done_at,
              orig.warehouse_id, m.batch_id, b.code AS batch_code,
              trim_scale(coalesce(sum(m.quantity) FILTER (WHERE o.reversal_of_id IS NULL), 0))::text AS quantity,
              trim_scale(coalesce(sum(m.quantity) FILTER (WHERE o.reversal_of_id IS NOT NULL), 0))::text AS reversed
         FROM stock_moves m
         JOIN operations o ON o.id = m.operation_id
         JOIN operations orig ON orig.id = coalesce(o.reversal_of_id, o.id)
         LEFT JOIN batches b ON b.id = m.batch_id
        WHERE ${where.join(' AND ')}
        GROUP BY orig.id, m.batch_id, b.code
        ORDER BY orig.done_at, orig.reference, b.code`,
      params,
    );
  }

  /** Net gains (+) and losses (−) of counts in the scope (in `visible` warehouses; null: all). */
  async traceAdjusted(
    manager: EntityManager,
    scope: TraceScope,
    visibleWarehouses: string[] | null,
  ): Promise<string> {
    const params: unknown[] = [];
    const where = [
      `(src.type = 'inventory' OR dst.type = 'inventory')`,
      ...traceWhere(scope, params, 'o'),
    ];
    if (visibleWarehouses) {
      params.push(visibleWarehouses);
      where.push(`o.warehouse_id = ANY($${params.length}::uuid[])`);
    }
    const [{ adjusted }] = await manager.query(
      `SELECT trim_scale(coalesce(sum(CASE WHEN src.type = 'inventory' THEN m.quantity ELSE -m.quantity END), 0))::text AS adjusted
         FROM stock_moves m
         JOIN operations o ON o.id = m.operation_id
         JOIN locations src ON src.id = m.source_location_id
         JOIN locations dst ON dst.id = m.destination_location_id
        WHERE ${where.join(' AND ')}`,
      params,
    );
    return adjusted;
  }

  /** What a product holds now, by location and batch (in `visible` warehouses; null: all). */
  productStock(
    manager: EntityManager,
    productId: string,
    visibleWarehouses: string[] | null,
  ): Promise<ProductStockRow[]> {
    return manager.query(
      `SELECT s.location_id, l.full_name, s.warehouse_id, s.batch_id, b.code AS batch_code,
              b.status AS batch_status, trim_scale(s.quantity)::text AS quantity
         FROM stock_levels s
         JOIN locations l ON l.id = s.location_id
         LEFT JOIN batches b ON b.id = s.batch_id
        WHERE s.product_id = $1 AND s.quantity <> 0 ${visibleWarehouses ? 'AND s.warehouse_id = ANY($2::uuid[])' : ''}
        ORDER BY l.full_name, b.code NULLS FIRST`,
      visibleWarehouses ? [productId, visibleWarehouses] : [productId],
    );
  }
}

/** The conditions of a trace scope on moves `m` and the operation alias whose date counts. */
function traceWhere(scope: TraceScope, params: unknown[], operation: string): string[] {
  if ('batchId' in scope) {
    params.push(scope.batchId);
    return [`m.batch_id = $${params.length}`];
  }
  params.push(scope.productId);
  const where = [`m.product_id = $${params.length}`];
  if (!scope.from && !scope.to) return where;
  params.push(scope.timeZone);
  const day = `(${operation}.done_at AT TIME ZONE $${params.length}::text)::date`;
  if (scope.from) {
    params.push(scope.from);
    where.push(`${day} >= $${params.length}::date`);
  }
  if (scope.to) {
    params.push(scope.to);
    where.push(`${day} <= $${params.length}::date`);
  }
  return where;
}
