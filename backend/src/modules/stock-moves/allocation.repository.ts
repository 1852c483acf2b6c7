import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { toMilli } from '@stockmaster/contracts';
import { preparedQuery } from '../../database/prepared';
import { LevelKey, LocationScope, SourceScope, StockCandidate } from './allocation';

interface LockedStock {
  id: string;
  product_id: string;
  location_id: string;
  warehouse_id: string;
  full_name: string;
  batch_id: string | null;
  batch_code: string | null;
  expires_at: string | null;
  quantity: string;
}

/**
 * Which stock of a scope a FEFO line may take, in SQL (`b` is the level's batch, `$13` today):
 * a batch, not expired, and neither quarantined nor recalled. The one place a further rule on
 * batches joins the candidates.
 */
const FEFO_BATCH_RULE = `s.batch_id IS NOT NULL AND (b.expires_at IS NULL OR b.expires_at > $13::date)
  AND b.status = 'available'`;

/**
 * Locks, in one statement and in level id order (the order every posting locks in), all that an
 * allocating posting may touch: the levels with stock in its sources, the levels of its exact
 * keys, and every level of its FEFO transfers' products at their destinations. The posting then
 * locks nothing it does not already hold, so two allocating postings cannot wait on each other in
 * a cycle, and what is allocated cannot be taken meanwhile.
 *
 * Of the locked stock it answers only what an allocation can reach: in each source scope, in the
 * allocation's order (earliest expiry first for FEFO, then most on hand), the levels that come
 * after the scope's `demand` — summed over the earlier ones, read under their locks — are left
 * out: the lines of that product cannot take more than `demand` in all, so they never get there.
 * Ties in that order stay together (the pure allocation breaks them by path and batch code), and
 * a level reachable from any scope is answered. The allocation over what is answered is then the
 * one over everything locked, at a fraction of the rows when the stock is deep.
 */
@Injectable()
export class AllocationRepository {
  async lockStock(
    manager: EntityManager,
    scope: { sources: SourceScope[]; exact: LevelKey[]; locations: LocationScope[] },
    today: string,
  ): Promise<StockCandidate[]> {
    const { sources, exact, locations } = scope;
    const rows = await preparedQuery<LockedStock>(
      manager,
      `WITH scopes AS (
         SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::boolean[], $4::uuid[], $5::boolean[],
                              $11::uuid[], $12::numeric[])
                  WITH ORDINALITY AS r(product_id, location_id, subtree, batch_id, fefo, exclude, demand, n)),
       members AS (
         SELECT r.n, r.demand, s.id, CASE WHEN r.fefo THEN coalesce(b.expires_at, '9999-12-31') END AS expiry
           FROM scopes r
           JOIN locations top ON top.id = r.location_id
           JOIN stock_levels s ON s.product_id = r.product_id AND s.quantity > 0
                AND (r.fefo OR s.batch_id IS NOT DISTINCT FROM r.batch_id)
                AND s.location_id IS DISTINCT FROM r.exclude
           JOIN locations l ON l.id = s.location_id
           LEFT JOIN batches b ON b.id = s.batch_id
          WHERE (l.id = top.id
                 OR (r.subtree AND left(lower(l.full_name), length(top.full_name) + 1) = lower(top.full_name) || '/'))
            AND (NOT r.fefo OR (${FEFO_BATCH_RULE}))),
       wanted AS (
         SELECT id FROM members
         UNION
         SELECT s.id FROM unnest($6::uuid[], $7::uuid[], $8::uuid[]) AS k(product_id, location_id, batch_id)
           JOIN stock_levels s ON s.product_id = k.product_id AND s.location_id = k.location_id
                AND s.batch_id IS NOT DISTINCT FROM k.batch_id
         UNION
         SELECT s.id FROM unnest($9::uuid[], $10::uuid[]) AS d(product_id, location_id)
           JOIN stock_levels s ON s.product_id = d.product_id AND s.location_id = d.location_id),
       locked AS MATERIALIZED (
         SELECT s.id, s.product_id, s.location_id, s.warehouse_id, s.batch_id, s.quantity
           FROM stock_levels s
          WHERE s.id IN (SELECT id FROM wanted)
          ORDER BY s.id
            FOR UPDATE OF s),
       placed AS (
         SELECT m.id, m.demand,
                sum(greatest(k.quantity, 0)) OVER (PARTITION BY m.n ORDER BY m.expiry, k.quantity DESC)
                  - sum(greatest(k.quantity, 0)) OVER (PARTITION BY m.n, m.expiry, k.quantity) AS before
           FROM members m JOIN locked k ON k.id = m.id),
       unreachable AS (
         SELECT id FROM placed GROUP BY id HAVING bool_and(before >= demand))
       SELECT k.id::text, k.product_id, k.location_id, k.warehouse_id, l.full_name, k.batch_id,
              b.code AS batch_code, b.expires_at, k.quantity::text AS quantity
         FROM locked k
         JOIN locations l ON l.id = k.location_id
         LEFT JOIN batches b ON b.id = k.batch_id
        WHERE k.id NOT IN (SELECT id FROM unreachable)
        ORDER BY k.id`,
      [
        sources.map((r) => r.productId),
        sources.map((r) => r.locationId),
        sources.map((r) => r.subtree),
        sources.map((r) => r.batchId),
        sources.map((r) => r.anyBatch),
        exact.map((k) => k.productId),
        exact.map((k) => k.locationId),
        exact.map((k) => k.batchId),
        locations.map((d) => d.productId),
        locations.map((d) => d.locationId),
        sources.map((r) => r.exclude),
        sources.map((r) => r.demand),
        today,
      ],
    );
    return rows.map((row) => ({
      levelId: row.id,
      productId: row.product_id,
      locationId: row.location_id,
      path: row.full_name,
      warehouseId: row.warehouse_id,
      batchId: row.batch_id,
      batchCode: row.batch_code,
      expiresAt: row.expires_at,
      quantity: toMilli(row.quantity),
    }));
  }
}
