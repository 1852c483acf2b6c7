import { Injectable } from '@nestjs/common';
import { fromMilli, StockSummaryRow, toMilli } from '@stockmaster/contracts';
import { EntityManager } from 'typeorm';
import { conditionAdder, escapeLike, selectRows } from '../../common/sql';

export interface SummaryFilter {
  /** The caller's warehouses; null for all. */
  visibleWarehouses: string[] | null;
  warehouseId?: string;
  productId?: string;
  search?: string;
  belowMinimum?: boolean;
  /** Today in the business's time zone: a batch is expired from its expiry date on. */
  today: string;
  /** A whitelisted ORDER BY list (summaryOrder); default: below minimum first, SKU, warehouse. */
  order?: string;
  page: number;
  limit: number;
}

interface SummaryRow {
  product_id: string;
  sku: string;
  name: string;
  unit: string;
  warehouse_id: string;
  warehouse_code: string;
  warehouse_name: string;
  on_hand: string;
  expired: string;
  blocked: string;
  min_quantity: string | null;
  max_quantity: string | null;
  below_minimum: boolean;
  total: string;
}

/** The read queries of stock that answer in pages of contract rows. */
@Injectable()
export class StockQueriesRepository {
  /**
   * On hand per (product, warehouse) with that warehouse's reorder rule: a rule is per product
   * and warehouse, so it is judged against that warehouse's stock only. A pair appears when the
   * warehouse holds the product or has a rule for it (a rule with nothing on hand is the most
   * urgent row). Below-minimum rows first, then by SKU and warehouse code.
   */
  async summary(
    manager: EntityManager,
    filter: SummaryFilter,
  ): Promise<{ rows: StockSummaryRow[]; total: number }> {
    // The fast path reads from the rules in its own order; a client's sort takes the general query.
    if (filter.belowMinimum && !filter.order) return this.belowMinimum(manager, filter);
    const params: unknown[] = [];
    const levels: string[] = ['TRUE'];
    const rules: string[] = ['TRUE'];
    const inLevels = conditionAdder(params, levels);
    const inRules = conditionAdder(params, rules);
    if (filter.visibleWarehouses) {
      inLevels('s.warehouse_id = ANY(?::uuid[])', filter.visibleWarehouses);
      inRules('r.warehouse_id = ANY(?::uuid[])', filter.visibleWarehouses);
    }
    if (filter.warehouseId) {
      inLevels('s.warehouse_id = ?', filter.warehouseId);
      inRules('r.warehouse_id = ?', filter.warehouseId);
    }
    if (filter.productId) {
      inLevels('s.product_id = ?', filter.productId);
      inRules('r.product_id = ?', filter.productId);
    }
    const where: string[] = ['TRUE'];
    const add = conditionAdder(params, where);
    if (filter.search) add(`(p.sku || ' ' || p.name) ILIKE ?`, `%${escapeLike(filter.search)}%`);
    if (filter.belowMinimum) where.push('pairs.below_minimum');
    params.push(filter.today);
    const today = `$${params.length}::date`;
    params.push(filter.limit, (filter.page - 1) * filter.limit);
    const rows = await selectRows<SummaryRow>(
      manager,
      `WITH stock AS (
         SELECT s.product_id, s.warehouse_id, sum(s.quantity) AS on_hand,
                -- blocked first: an expired batch under quarantine counts once, as blocked
                coalesce(sum(s.quantity) FILTER (WHERE b.status <> 'available'), 0) AS blocked,
                coalesce(sum(s.quantity) FILTER (WHERE b.status = 'available' AND b.expires_at <= ${today}), 0) AS expired
           FROM stock_levels s LEFT JOIN batches b ON b.id = s.batch_id
          WHERE ${levels.join(' AND ')} GROUP BY s.product_id, s.warehouse_id),
       rules AS (
         SELECT r.product_id, r.warehouse_id, r.min_quantity, r.max_quantity
           FROM reorder_rules r WHERE ${rules.join(' AND ')}),
       pairs AS (
         SELECT coalesce(stock.product_id, rules.product_id) AS product_id,
                coalesce(stock.warehouse_id, rules.warehouse_id) AS warehouse_id,
                coalesce(stock.on_hand, 0) AS on_hand, coalesce(stock.expired, 0) AS expired,
                coalesce(stock.blocked, 0) AS blocked, rules.min_quantity, rules.max_quantity,
                coalesce(coalesce(stock.on_hand, 0) < rules.min_quantity, false) AS below_minimum
           FROM stock FULL JOIN rules ON rules.product_id = stock.product_id AND rules.warehouse_id = stock.warehouse_id
          WHERE stock.on_hand <> 0 OR rules.product_id IS NOT NULL)
       SELECT p.id AS product_id, p.sku, p.name, p.unit, w.id AS warehouse_id, w.code AS warehouse_code,
              w.name AS warehouse_name, trim_scale(pairs.on_hand)::text AS on_hand,
              trim_scale(pairs.expired)::text AS expired, trim_scale(pairs.blocked)::text AS blocked,
              trim_scale(pairs.min_quantity)::text AS min_quantity, trim_scale(pairs.max_quantity)::text AS max_quantity,
              pairs.below_minimum, count(*) OVER () AS total
         FROM pairs JOIN products p ON p.id = pairs.product_id JOIN warehouses w ON w.id = pairs.warehouse_id
        WHERE ${where.join(' AND ')}
        ORDER BY ${filter.order ?? 'pairs.below_minimum DESC, p.sku, w.code'}
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return toPage(rows);
  }

  /**
   * The summary's below-minimum rows, read from the running totals (`stock_totals`, kept by the
   * database with each pair's minimum): the pairs under their minimum are one partial index,
   * so no level is summed. Expired and blocked quantities, which need the batches, and the
   * rules' maximum are read for the page's rows only. `below` is MATERIALIZED so that only those
   * pairs are joined to their products (by key). Same rows, order and total as the general query
   * with `below_minimum` (the API tests hold both to the same answers).
   */
  private async belowMinimum(
    manager: EntityManager,
    filter: SummaryFilter,
  ): Promise<{ rows: StockSummaryRow[]; total: number }> {
    const params: unknown[] = [];
    const pairs: string[] = ['TRUE'];
    const inPairs = conditionAdder(params, pairs);
    if (filter.visibleWarehouses)
      inPairs('t.warehouse_id = ANY(?::uuid[])', filter.visibleWarehouses);
    if (filter.warehouseId) inPairs('t.warehouse_id = ?', filter.warehouseId);
    if (filter.productId) inPairs('t.product_id = ?', filter.productId);
    const where: string[] = ['TRUE'];
    const add = conditionAdder(params, where);
    if (filter.search) add(`(p.sku || ' ' || p.name) ILIKE ?`, `%${escapeLike(filter.search)}%`);
    params.push(filter.today);
    const today = `$${params.length}::date`;
    params.push(filter.limit, (filter.page - 1) * filter.limit);
    const rows = await selectRows<SummaryRow>(
      manager,
      `WITH below AS MATERIALIZED (
         SELECT t.product_id, t.warehouse_id, t.min_quantity, t.quantity AS on_hand
           FROM stock_totals t
          WHERE ${pairs.join(' AND ')} AND t.quantity < t.min_quantity),
       page AS (
         SELECT p.id AS product_id, p.sku, p.name, p.unit, w.id AS warehouse_id, w.code AS warehouse_code,
                w.name AS warehouse_name, below.on_hand, below.min_quantity,
                count(*) OVER () AS total
           FROM below JOIN products p ON p.id = below.product_id JOIN warehouses w ON w.id = below.warehouse_id
          WHERE ${where.join(' AND ')}
          ORDER BY p.sku, w.code
          LIMIT $${params.length - 1} OFFSET $${params.length})
       SELECT page.product_id, page.sku, page.name, page.unit, page.warehouse_id, page.warehouse_code,
              page.warehouse_name, trim_scale(page.on_hand)::text AS on_hand,
              trim_scale(held.expired)::text AS expired, trim_scale(held.blocked)::text AS blocked,
              trim_scale(page.min_quantity)::text AS min_quantity, trim_scale(r.max_quantity)::text AS max_quantity,
              true AS below_minimum, page.total
         FROM page
         JOIN reorder_rules r ON r.product_id = page.product_id AND r.warehouse_id = page.warehouse_id
         CROSS JOIN LATERAL (
           -- blocked first: an expired batch under quarantine counts once, as blocked
           SELECT coalesce(sum(s.quantity) FILTER (WHERE b.status <> 'available'), 0) AS blocked,
                  coalesce(sum(s.quantity) FILTER (WHERE b.status = 'available' AND b.expires_at <= ${today}), 0) AS expired
             FROM stock_levels s JOIN batches b ON b.id = s.batch_id
            WHERE s.warehouse_id = page.warehouse_id AND s.product_id = page.product_id AND s.quantity <> 0) held
        ORDER BY page.sku, page.warehouse_code`,
      params,
    );
    return toPage(rows);
  }
}

function toPage(rows: SummaryRow[]): { rows: StockSummaryRow[]; total: number } {
  return {
    rows: rows.map((row) => ({
      product: { id: row.product_id, sku: row.sku, name: row.name, unit: row.unit },
      warehouse: { id: row.warehouse_id, code: row.warehouse_code, name: row.warehouse_name },
      onHand: row.on_hand,
      available: fromMilli(toMilli(row.on_hand) - toMilli(row.expired) - toMilli(row.blocked)),
      expired: row.expired,
      blocked: row.blocked,
      minQuantity: row.min_quantity,
      maxQuantity: row.max_quantity,
      belowMinimum: row.below_minimum,
    })),
    total: rows.length ? Number(rows[0].total) : 0,
  };
}
