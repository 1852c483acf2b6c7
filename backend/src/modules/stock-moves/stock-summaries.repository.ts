import { Injectable } from '@nestjs/common';
import { SummaryMismatch } from '@stockmaster/contracts';
import { EntityManager } from 'typeorm';
import { selectRows } from '../../common/sql';

/** A numeric as the API prints it, or NULL. */
const printed = (value: string) => `trim_scale(${value})::text`;
/** A key part: `none` (no date) or `outside` (no warehouse) where it is NULL. */
const part = (value: string, absent: string) => `coalesce((${value})::text, '${absent}')`;

/**
 * The running totals the database keeps with triggers (see the stock summaries migration),
 * each compared with a sum recomputed from what it stands for: on hand per (product, warehouse)
 * from the levels, the rules' minimums, on hand per (warehouse, expiry date) from the levels,
 * the quarter-hour flows from the ledger, and each level's copy of its batch's dates.
 */
@Injectable()
export class StockSummariesRepository {
  /** Every disagreement (1000 at most). It reads everything: not for hot paths. */
  async mismatches(manager: EntityManager): Promise<SummaryMismatch[]> {
    return selectRows<SummaryMismatch>(
      manager,
      `WITH levels AS (
         SELECT product_id, warehouse_id, sum(quantity) AS quantity FROM stock_levels GROUP BY 1, 2),
       on_hand AS (
         SELECT 'onHand' AS summary,
                concat_ws('/', coalesce(t.product_id, l.product_id), coalesce(t.warehouse_id, l.warehouse_id)) AS key,
                ${printed('coalesce(t.quantity, 0)')} AS kept, ${printed('coalesce(l.quantity, 0)')} AS computed
           FROM stock_totals t
           FULL JOIN levels l ON l.product_id = t.product_id AND l.warehouse_id = t.warehouse_id
          WHERE coalesce(t.quantity, 0) <> coalesce(l.quantity, 0)),
       minimum AS (
         SELECT 'minimum', concat_ws('/', coalesce(t.product_id, r.product_id), coalesce(t.warehouse_id, r.warehouse_id)),
                ${printed('t.min_quantity')}, ${printed('r.min_quantity')}
           FROM (SELECT * FROM stock_totals WHERE min_quantity IS NOT NULL) t
           FULL JOIN reorder_rules r ON r.product_id = t.product_id AND r.warehouse_id = t.warehouse_id
          WHERE t.min_quantity IS DISTINCT FROM r.min_quantity),
       expiry AS (
         SELECT 'expiry', concat_ws('/', coalesce(k.warehouse_id, l.warehouse_id), ${part('coalesce(k.expires_at, l.expires_at)', 'none')}),
                ${printed('coalesce(k.quantity, 0)')}, ${printed('coalesce(l.quantity, 0)')}
           FROM (SELECT warehouse_id, expires_at, sum(quantity) AS quantity FROM stock_expiry_totals GROUP BY 1, 2) k
           FULL JOIN (SELECT warehouse_id, expires_at, sum(quantity) AS quantity FROM stock_levels GROUP BY 1, 2) l
             ON l.warehouse_id = k.warehouse_id AND l.expires_at IS NOT DISTINCT FROM k.expires_at
          WHERE coalesce(k.quantity, 0) <> coalesce(l.quantity, 0)),
       ledger_flows AS (
         SELECT date_bin('15 minutes', m.done_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS period,
                CASE WHEN sl.type = 'internal' THEN sl.warehouse_id END AS from_w,
                CASE WHEN dl.type = 'internal' THEN dl.warehouse_id END AS to_w, sum(m.quantity) AS quantity
           FROM stock_moves m
           JOIN locations sl ON sl.id = m.source_location_id
           JOIN locations dl ON dl.id = m.destination_location_id
          GROUP BY 1, 2, 3),
       flows AS (
         SELECT 'flows', concat_ws('/', to_char(coalesce(k.period, l.period) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"'),
                                   ${part('coalesce(k.from_w, l.from_w)', 'outside')}, ${part('coalesce(k.to_w, l.to_w)', 'outside')}),
                ${printed('coalesce(k.quantity, 0)')}, ${printed('coalesce(l.quantity, 0)')}
           FROM (SELECT period, from_warehouse_id AS from_w, to_warehouse_id AS to_w, sum(quantity) AS quantity
                   FROM stock_flows GROUP BY 1, 2, 3) k
           FULL JOIN (SELECT * FROM ledger_flows WHERE from_w IS DISTINCT FROM to_w) l
             ON l.period = k.period AND l.from_w IS NOT DISTINCT FROM k.from_w AND l.to_w IS NOT DISTINCT FROM k.to_w
          WHERE coalesce(k.quantity, 0) <> coalesce(l.quantity, 0)),
       level_dates AS (
         SELECT 'levelDates', concat_ws('/', s.id, ${part('s.batch_id', 'none')}),
                concat_ws('/', ${part('s.expires_at', 'none')}, ${part('s.warn_from', 'none')}),
                concat_ws('/', ${part('b.expires_at', 'none')}, ${part('b.expires_at - p.expiry_warning_days', 'none')})
           FROM stock_levels s
           LEFT JOIN batches b ON b.id = s.batch_id
           LEFT JOIN products p ON p.id = b.product_id
          WHERE (s.expires_at, s.warn_from) IS DISTINCT FROM (b.expires_at, b.expires_at - p.expiry_warning_days))
       SELECT * FROM on_hand UNION ALL SELECT * FROM minimum UNION ALL SELECT * FROM expiry
       UNION ALL SELECT * FROM flows UNION ALL SELECT * FROM level_dates
       LIMIT 1000`,
    );
  }
}
