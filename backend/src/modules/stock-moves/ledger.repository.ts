import { Injectable } from '@nestjs/common';
import { IntegrityMismatch } from '@stockmaster/contracts';
import { EntityManager } from 'typeorm';
import { conditionAdder, selectRows } from '../../common/sql';
import { MoveView } from './operation-rows';
import { MOVE_SELECT } from './operations.repository';

export interface LedgerFilter {
  /** The caller's warehouses (a move belongs to those of the locations it touches); null for all. */
  visibleWarehouses: string[] | null;
  warehouseId?: string;
  locationId?: string;
  productId?: string;
  batchId?: string;
  operationId?: string;
  from?: string;
  to?: string;
}

/** The ledger (stock_moves): pages of moves, and its agreement with the levels. */
@Injectable()
export class LedgerRepository {
  /** Moves newest first, the ones before `before` (keyset: done_at, id), at most `limit`. */
  async moves(
    manager: EntityManager,
    filter: LedgerFilter,
    before: { doneAt: string; id: string } | null,
    limit: number,
  ): Promise<MoveView[]> {
    const params: unknown[] = [];
    const where: string[] = ['TRUE'];
    const add = conditionAdder(params, where);
    const scope = filter.visibleWarehouses;
    if (scope) add('(sl.warehouse_id = ANY(?::uuid[]) OR dl.warehouse_id = ANY(?::uuid[]))', scope);
    if (filter.warehouseId) add('(sl.warehouse_id = ? OR dl.warehouse_id = ?)', filter.warehouseId);
    if (filter.locationId)
      add('(m.source_location_id = ? OR m.destination_location_id = ?)', filter.locationId);
    if (filter.productId) add('m.product_id = ?', filter.productId);
    if (filter.batchId) add('m.batch_id = ?', filter.batchId);
    if (filter.operationId) add('m.operation_id = ?', filter.operationId);
    if (filter.from) add('m.done_at >= ?', filter.from);
    if (filter.to) add('m.done_at < ?', filter.to);
    if (before) {
      params.push(before.doneAt, before.id);
      where.push(
        `(m.done_at, m.id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`,
      );
    }
    params.push(limit);
    return selectRows<MoveView>(
      manager,
      `${MOVE_SELECT} WHERE ${where.join(' AND ')} ORDER BY m.done_at DESC, m.id DESC LIMIT $${params.length}`,
      params,
    );
  }

  /**
   * Every level compared with the sum of its moves, and the negative levels (1000 of each at
   * most). It reads everything: not for hot paths.
   */
  async integrity(manager: EntityManager): Promise<{
    checked: number;
    mismatches: IntegrityMismatch[];
    negative: IntegrityMismatch[];
  }> {
    const [{ checked }] = await selectRows<{ checked: number }>(
      manager,
      `SELECT count(*)::int AS checked FROM stock_levels`,
    );
    const mismatches = await selectRows<IntegrityMismatch>(
      manager,
      `WITH ledger AS (
         SELECT product_id, location_id, batch_id, sum(quantity) AS quantity FROM (
           SELECT m.product_id, m.destination_location_id AS location_id, m.batch_id, m.quantity FROM stock_moves m
           UNION ALL SELECT m.product_id, m.source_location_id, m.batch_id, -m.quantity FROM stock_moves m) f
          JOIN locations l ON l.id = f.location_id AND l.type = 'internal'
          GROUP BY 1, 2, 3)
       SELECT coalesce(s.product_id, g.product_id) AS "productId", coalesce(s.location_id, g.location_id) AS "locationId",
              coalesce(s.batch_id, g.batch_id) AS "batchId",
              trim_scale(coalesce(s.quantity, 0))::text AS level, trim_scale(coalesce(g.quantity, 0))::text AS ledger
         FROM stock_levels s
         FULL JOIN ledger g ON g.product_id = s.product_id AND g.location_id = s.location_id AND g.batch_id IS NOT DISTINCT FROM s.batch_id
        WHERE coalesce(s.quantity, 0) <> coalesce(g.quantity, 0)
        LIMIT 1000`,
    );
    const negative = await selectRows<IntegrityMismatch>(
      manager,
      `SELECT product_id AS "productId", location_id AS "locationId", batch_id AS "batchId", trim_scale(quantity)::text AS level, NULL AS ledger
         FROM stock_levels WHERE quantity < 0 LIMIT 1000`,
    );
    return { checked, mismatches, negative };
  }
}
