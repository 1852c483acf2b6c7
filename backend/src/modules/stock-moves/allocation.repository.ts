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
 * Locks, in one statement and in level id order (the order every posting locks in), all that an
 * allocating posting may touch: the levels with stock in its sources, the levels of its exact
 * keys, and every level of its FEFO transfers' products at their destinations. The posting then
 * locks nothing it does not already hold, so two allocating postings cannot wait on each other in
 * a cycle, and what is allocated cannot be taken meanwhile.
 */
@Injectable()
export class AllocationRepository {
  async lockStock(
    manager: EntityManager,
    scope: { sources: SourceScope[]; exact: LevelKey[]; locations: LocationScope[] },
  ): Promise<StockCandidate[]> {
    const { sources, exact, locations } = scope;
    const rows = await preparedQuery<LockedStock>(
      manager,
      `WITH wanted AS (
         SELECT s.id FROM unnest($1::uuid[], $2::uuid[], $3::boolean[], $4::uuid[], $5::boolean[])
                  AS r(product_id, location_id, subtree, batch_id, any_batch)
           JOIN locations top ON top.id = r.location_id
           JOIN stock_levels s ON s.product_id = r.product_id AND s.quantity > 0
                AND (r.any_batch OR s.batch_id IS NOT DISTINCT FROM r.batch_id)
                -- FEFO never picks a quarantined or recalled batch
                AND NOT (r.any_batch AND EXISTS (SELECT 1 FROM batches nb
                                                  WHERE nb.id = s.batch_id AND nb.status <> 'available'))
           JOIN locations l ON l.id = s.location_id
          WHERE l.id = top.id
             OR (r.subtree AND left(lower(l.full_name), length(top.full_name) + 1) = lower(top.full_name) || '/')
         UNION
         SELECT s.id FROM unnest($6::uuid[], $7::uuid[], $8::uuid[]) AS k(product_id, location_id, batch_id)
           JOIN stock_levels s ON s.product_id = k.product_id AND s.location_id = k.location_id
                AND s.batch_id IS NOT DISTINCT FROM k.batch_id
         UNION
         SELECT s.id FROM unnest($9::uuid[], $10::uuid[]) AS d(product_id, location_id)
           JOIN stock_levels s ON s.product_id = d.product_id AND s.location_id = d.location_id)
       SELECT s.id::text, s.product_id, s.location_id, s.warehouse_id, l.full_name, s.batch_id,
              b.code AS batch_code, b.expires_at, s.quantity::text AS quantity
         FROM stock_levels s
         JOIN locations l ON l.id = s.location_id
         LEFT JOIN batches b ON b.id = s.batch_id
        WHERE s.id IN (SELECT id FROM wanted)
        ORDER BY s.id
          FOR UPDATE OF s`,
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
