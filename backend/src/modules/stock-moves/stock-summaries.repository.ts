import { Injectable } from '@nestjs/common';
import { SummaryKind, SummaryMismatch } from '@stockmaster/contracts';
import { EntityManager } from 'typeorm';
import { selectRows } from '../../common/sql';

/** A numeric as the API prints it, or NULL. */
const printed = (value: string) => `trim_scale(${value})::text`;
/** A key part: `none` (no date) or `outside` (no warehouse) where it is NULL. */
const part = (value: string, absent: string) => `coalesce((${value})::text, '${absent}')`;

/** A key column: `absent` names its NULL (a column without one is never NULL); `text` prints it. */
interface KeyColumn {
  column: string;
  absent?: string;
  text?: (value: string) => string;
}

/**
 * Kept rows `k` and recomputed rows `l` (each the key columns and a `quantity`), summed per
 * key: the keys where the two differ, a missing row counting as zero.
 */
function quantityDifferences(
  summary: SummaryKind,
  keys: KeyColumn[],
  kept: string,
  computed: string,
): string {
  const both = (c: KeyColumn) => `coalesce(k.${c.column}, l.${c.column})`;
  const printedKey = keys.map((c) => {
    const value = c.text ? c.text(both(c)) : both(c);
    return c.absent ? part(value, c.absent) : value;
  });
  const joined = keys.map((c) =>
    c.absent ? `l.${c.column} IS NOT DISTINCT FROM k.${c.column}` : `l.${c.column} = k.${c.column}`,
  );
  return `SELECT '${summary}' AS summary, concat_ws('/', ${printedKey.join(', ')}) AS key,
                 ${printed('coalesce(k.quantity, 0)')} AS kept, ${printed('coalesce(l.quantity, 0)')} AS computed
            FROM (${kept}) k FULL JOIN (${computed}) l ON ${joined.join(' AND ')}
           WHERE coalesce(k.quantity, 0) <> coalesce(l.quantity, 0)`;
}

/**
 * The running totals the database keeps with triggers (see the stock summaries migration),
 * each compared with a sum recomputed from what it stands for: on hand per (product, warehouse)
 * from the levels and how many of them hold stock, the rules' minimums, on hand per (warehouse,
 * expiry date) from the levels, the quarter-hour flows from the ledger, and each level's copy of
 * its batch's dates.
 */
@Injectable()
export class StockSummariesRepository {
  /** Every disagreement (1000 at most). It reads everything: not for hot paths. */
  async mismatches(manager: EntityManager): Promise<SummaryMismatch[]> {
    return selectRows<SummaryMismatch>(
      manager,
      `WITH on_hand AS (${quantityDifferences(
        'onHand',
        [{ column: 'product_id' }, { column: 'warehouse_id' }],
        `SELECT product_id, warehouse_id, quantity FROM stock_totals`,
        `SELECT product_id, warehouse_id, sum(quantity) AS quantity FROM stock_levels GROUP BY 1, 2`,
      )}),
       level_count AS (${quantityDifferences(
         'levelCount',
         [{ column: 'product_id' }, { column: 'warehouse_id' }],
         `SELECT product_id, warehouse_id, levels AS quantity FROM stock_totals`,
         `SELECT product_id, warehouse_id, count(*) FILTER (WHERE quantity <> 0) AS quantity
            FROM stock_levels GROUP BY 1, 2`,
       )}),
       minimum AS (
         SELECT 'minimum', concat_ws('/', coalesce(t.product_id, r.product_id), coalesce(t.warehouse_id, r.warehouse_id)),
                ${printed('t.min_quantity')}, ${printed('r.min_quantity')}
           FROM (SELECT * FROM stock_totals WHERE min_quantity IS NOT NULL) t
           FULL JOIN reorder_rules r ON r.product_id = t.product_id AND r.warehouse_id = t.warehouse_id
          WHERE t.min_quantity IS DISTINCT FROM r.min_quantity),
       expiry AS (${quantityDifferences(
         'expiry',
         [{ column: 'warehouse_id' }, { column: 'expires_at', absent: 'none' }],
         `SELECT warehouse_id, expires_at, sum(quantity) AS quantity FROM stock_expiry_totals GROUP BY 1, 2`,
         `SELECT warehouse_id, expires_at, sum(quantity) AS quantity FROM stock_levels GROUP BY 1, 2`,
       )}),
       ledger_flows AS (
         SELECT date_bin('15 minutes', m.done_at, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS period,
                CASE WHEN sl.type = 'internal' THEN sl.warehouse_id END AS from_w,
                CASE WHEN dl.type = 'internal' THEN dl.warehouse_id END AS to_w, sum(m.quantity) AS quantity
           FROM stock_moves m
           JOIN locations sl ON sl.id = m.source_location_id
           JOIN locations dl ON dl.id = m.destination_location_id
          GROUP BY 1, 2, 3),
       flows AS (${quantityDifferences(
         'flows',
         [
           {
             column: 'period',
             text: (v) => `to_char(${v} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI"Z"')`,
           },
           { column: 'from_w', absent: 'outside' },
           { column: 'to_w', absent: 'outside' },
         ],
         `SELECT period, from_warehouse_id AS from_w, to_warehouse_id AS to_w, sum(quantity) AS quantity
            FROM stock_flows GROUP BY 1, 2, 3`,
         `SELECT * FROM ledger_flows WHERE from_w IS DISTINCT FROM to_w`,
       )}),
       level_dates AS (
         SELECT 'levelDates', concat_ws('/', s.id, ${part('s.batch_id', 'none')}),
                concat_ws('/', ${part('s.expires_at', 'none')}, ${part('s.warn_from', 'none')}),
                concat_ws('/', ${part('b.expires_at', 'none')}, ${part('b.expires_at - p.expiry_warning_days', 'none')})
           FROM stock_levels s
           LEFT JOIN batches b ON b.id = s.batch_id
           LEFT JOIN products p ON p.id = b.product_id
          WHERE (s.expires_at, s.warn_from) IS DISTINCT FROM (b.expires_at, b.expires_at - p.expiry_warning_days))
       SELECT * FROM on_hand UNION ALL SELECT * FROM level_count UNION ALL SELECT * FROM minimum UNION ALL SELECT * FROM expiry
       UNION ALL SELECT * FROM flows UNION ALL SELECT * FROM level_dates
       LIMIT 1000`,
    );
  }
}
