import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { selectRows, SqlPart } from '../../common/sql';
import { preparedQuery } from '../../database/prepared';
import { LevelKey, levelKey } from './allocation';
import { PlannedMove } from './planned-move';
import { BatchInfo, batchCodeKey, LocationInfo, ProductInfo } from './operation-rules';

export interface LockedLevel {
  id: string;
  product_id: string;
  location_id: string;
  batch_id: string | null;
  quantity: string;
}

/** A move as `writeMoves` wrote it. */
export interface MoveRow {
  id: string;
  line_id: string | null;
  product_id: string;
  batch_id: string | null;
  source_location_id: string;
  destination_location_id: string;
  quantity: string;
  done_at: Date;
}

/** What the posting engine needs of products, locations and batches, by the ids in parameter `ids`. */
const productsById = (ids: string) =>
  `SELECT id, sku, name, unit, active, tracking, shelf_life_days FROM products WHERE id = ANY(${ids}::uuid[])`;
const locationsById = (ids: string) =>
  `SELECT id, type, warehouse_id, full_name FROM locations WHERE id = ANY(${ids}::uuid[])`;
const batchesById = (ids: string) =>
  `SELECT id, product_id, code, expires_at, produced_at, received_at, status FROM batches WHERE id = ANY(${ids}::uuid[])`;

/**
 * Levels and moves: the queries of the posting engine. Those every posting runs are prepared
 * statements (parsed and planned once per connection).
 */
@Injectable()
export class StockRepository {
  /** Products, locations and batches by id, in one round trip (a posting's checks need all three). */
  async lookup(
    manager: EntityManager,
    ids: { productIds: string[]; locationIds: string[]; batchIds: string[] },
  ): Promise<{
    products: Map<string, ProductInfo>;
    locations: Map<string, LocationInfo>;
    batches: Map<string, BatchInfo>;
  }> {
    const [row] = await preparedQuery<{
      products: ProductInfo[];
      locations: LocationInfo[];
      batches: BatchInfo[];
    }>(
      manager,
      `SELECT (SELECT coalesce(json_agg(p), '[]') FROM (${productsById('$1')}) p) AS products,
                (SELECT coalesce(json_agg(l), '[]') FROM (${locationsById('$2')}) l) AS locations,
                (SELECT coalesce(json_agg(b), '[]') FROM (${batchesById('$3')}) b) AS batches`,
      [ids.productIds, ids.locationIds, ids.batchIds],
    );
    const byId = <T extends { id: string }>(rows: T[]) => new Map(rows.map((r) => [r.id, r]));
    return {
      products: byId(row.products),
      locations: byId(row.locations),
      batches: byId(row.batches),
    };
  }

  async locations(manager: EntityManager, ids: string[]): Promise<Map<string, LocationInfo>> {
    const rows = ids.length
      ? await selectRows<LocationInfo>(manager, locationsById('$1'), [ids])
      : [];
    return new Map(rows.map((row) => [row.id, row]));
  }

  async batches(manager: EntityManager, ids: string[]): Promise<Map<string, BatchInfo>> {
    const rows = ids.length ? await selectRows<BatchInfo>(manager, batchesById('$1'), [ids]) : [];
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** The existing batches of these (product, code) pairs, by `batchCodeKey`: inline batches reuse them. */
  async batchesByCode(
    manager: EntityManager,
    pairs: { productId: string; code: string }[],
  ): Promise<Map<string, BatchInfo>> {
    if (!pairs.length) return new Map();
    const rows = await selectRows<BatchInfo>(
      manager,
      `SELECT b.id, b.product_id, b.code, b.expires_at, b.produced_at, b.received_at
         FROM batches b JOIN unnest($1::uuid[], $2::text[]) AS k(product_id, code)
           ON b.product_id = k.product_id AND lower(b.code) = lower(k.code)`,
      [pairs.map((p) => p.productId), pairs.map((p) => p.code)],
    );
    return new Map(rows.map((row) => [batchCodeKey(row.product_id, row.code), row]));
  }

  /** The four virtual locations are created once by the migrations and never change: cached. */
  private readonly virtualIds = new Map<string, string>();

  async virtualLocation(
    manager: EntityManager,
    type: 'supplier' | 'customer' | 'inventory' | 'scrap',
  ): Promise<string> {
    let id = this.virtualIds.get(type);
    if (!id) {
      const [row] = await selectRows<{ id: string }>(
        manager,
        `SELECT id FROM locations WHERE type = $1`,
        [type],
      );
      id = row.id;
      this.virtualIds.set(type, id);
    }
    return id;
  }

  /** A warehouse's root location never changes while the warehouse exists: cached. */
  private readonly roots = new Map<string, string>();

  async warehouseRoot(manager: EntityManager, warehouseId: string): Promise<string | null> {
    const cached = this.roots.get(warehouseId);
    if (cached) return cached;
    const [row] = await selectRows<{ id: string }>(
      manager,
      `SELECT id FROM locations WHERE warehouse_id = $1 AND parent_id IS NULL AND type = 'internal'`,
      [warehouseId],
    );
    if (row) this.roots.set(warehouseId, row.id);
    return row?.id ?? null;
  }

  /**
   * Makes sure a level row exists for every key. Called outside any posting transaction (when a
   * posting stopped with MissingLevels), so postings only lock rows that exist, in one fixed
   * order, and cannot deadlock on each other's fresh inserts; the one exception is the levels of
   * a receipt's inline batches, created in its transaction before it locks any level. Inserted
   * in key order; empty rows are harmless (0 = Σ of no moves).
   */
  async ensureLevels(manager: EntityManager, keys: LevelKey[]): Promise<void> {
    await this.insertLevels(
      manager,
      keys.map((key) => ({ key, quantity: '0' })),
    );
  }

  /**
   * Inserts the levels of `levels` that do not exist yet, each holding `quantity`, in key order;
   * an existing level is left alone. Answers the keys (`levelKey`) of the rows inserted.
   */
  async insertLevels(
    manager: EntityManager,
    levels: { key: LevelKey; quantity: string }[],
  ): Promise<Set<string>> {
    if (!levels.length) return new Set();
    const rows = await selectRows<{
      product_id: string;
      location_id: string;
      batch_id: string | null;
    }>(
      manager,
      `INSERT INTO stock_levels (product_id, location_id, warehouse_id, batch_id, quantity)
       SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::uuid[], $5::numeric[]) AS k(p, l, w, b, q)
        ORDER BY p, l, b NULLS FIRST
       ON CONFLICT ON CONSTRAINT stock_levels_key DO NOTHING
       RETURNING product_id, location_id, batch_id`,
      [
        levels.map(({ key }) => key.productId),
        levels.map(({ key }) => key.locationId),
        levels.map(({ key }) => key.warehouseId),
        levels.map(({ key }) => key.batchId),
        levels.map(({ quantity }) => quantity),
      ],
    );
    return new Set(rows.map((row) => levelKey(row.product_id, row.location_id, row.batch_id)));
  }

  /** Locks the levels of these keys in id order (the one order every posting uses). */
  async lockLevels(manager: EntityManager, keys: LevelKey[]): Promise<LockedLevel[]> {
    if (!keys.length) return [];
    return preparedQuery(
      manager,
      `SELECT s.id, s.product_id, s.location_id, s.batch_id, s.quantity::text AS quantity
         FROM stock_levels s
         JOIN unnest($1::uuid[], $2::uuid[], $3::uuid[]) AS k(p, l, b)
           ON s.product_id = k.p AND s.location_id = k.l AND s.batch_id IS NOT DISTINCT FROM k.b
        ORDER BY s.id
          FOR UPDATE OF s`,
      [keys.map((k) => k.productId), keys.map((k) => k.locationId), keys.map((k) => k.batchId)],
    );
  }

  /**
   * A posting's one write: locks the levels of `levels` in id order (the one order every posting
   * uses) and — only when every one of them exists and none would go below zero — applies their
   * deltas and writes the moves, in one statement. Answers the moves as written (ids, quantities
   * as the ledger prints them, the transaction's time); or, when it wrote nothing, the levels it
   * found and locked, for the caller to name what was missing or short. The database's own check
   * (`stock_levels_not_negative`) still holds underneath. `along` rides in the same statement and
   * writes only when the moves are written (its gate: the part `posted`): with the posting's
   * operation in it, a one-line posting is this one statement, which needs no transaction around it.
   */
  async postMoves(
    manager: EntityManager,
    levels: { key: LevelKey; delta: string }[],
    operationId: string,
    moves: Omit<PlannedMove, 'line'>[],
    along?: SqlPart,
  ): Promise<{ moves: MoveRow[]; refused: LockedLevel[] | null }> {
    if (!levels.length && !moves.length && !along) return { moves: [], refused: null };
    const rows = await preparedQuery<MoveRow & { refused: LockedLevel[] | null }>(
      manager,
      `WITH wanted AS (
         SELECT * FROM unnest($8::uuid[], $9::uuid[], $10::uuid[], $11::numeric[]) AS k(p, l, b, delta)),
       locked AS MATERIALIZED (
         SELECT s.id, s.product_id, s.location_id, s.batch_id, s.quantity, k.delta
           FROM stock_levels s
           JOIN wanted k ON s.product_id = k.p AND s.location_id = k.l AND s.batch_id IS NOT DISTINCT FROM k.b
          ORDER BY s.id
            FOR UPDATE OF s),
       verdict AS (
         SELECT count(*) = cardinality($8::uuid[]) AND coalesce(bool_and(quantity + delta >= 0), true) AS ok
           FROM locked),
       levels AS (
         UPDATE stock_levels s SET quantity = s.quantity + l.delta, updated_at = now()
           FROM locked l, verdict v WHERE v.ok AND s.id = l.id AND l.delta <> 0),
       moves AS (
         INSERT INTO stock_moves (operation_id, line_id, product_id, batch_id, source_location_id, destination_location_id, quantity)
         SELECT $1::uuid, m.* FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::numeric[]) AS m,
                verdict v
          WHERE v.ok
         RETURNING id::text, line_id, product_id, batch_id, source_location_id, destination_location_id,
                   trim_scale(quantity)::text AS quantity, done_at)${
                     along
                       ? `,
       posted AS (SELECT FROM verdict WHERE ok),
       ${along.sql(12, 'posted')}`
                       : ''
                   }
       SELECT m.*, NULL::json AS refused FROM moves m
       UNION ALL
       SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
              (SELECT coalesce(json_agg(json_build_object('id', l.id::text, 'product_id', l.product_id,
                                                          'location_id', l.location_id, 'batch_id', l.batch_id,
                                                          'quantity', l.quantity::text)), '[]')
                 FROM locked l)
         FROM verdict WHERE NOT ok`,
      [
        operationId,
        moves.map((m) => m.lineId),
        moves.map((m) => m.productId),
        moves.map((m) => m.batchId),
        moves.map((m) => m.from),
        moves.map((m) => m.to),
        moves.map((m) => m.quantity),
        levels.map((l) => l.key.productId),
        levels.map((l) => l.key.locationId),
        levels.map((l) => l.key.batchId),
        levels.map((l) => l.delta),
        ...(along?.values ?? []),
      ],
    );
    if (rows.length === 1 && rows[0].refused) return { moves: [], refused: rows[0].refused };
    return { moves: rows.map(({ refused: _, ...move }) => move), refused: null };
  }
}
