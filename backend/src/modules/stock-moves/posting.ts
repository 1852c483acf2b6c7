import { Injectable } from '@nestjs/common';
import { ErrorDetail, fromMilli, StockErrorCode, toMilli } from '@stockmaster/contracts';
import { EntityManager } from 'typeorm';
import { WarehouseStockHistory } from '../warehouse/warehouse-stock-history';
import { lineProblems, LocationInfo } from './operation-rules';
import { LevelKey, LockedLevel, MoveRow, StockRepository } from './stock.repository';

/** One move to write: a positive quantity of a product (and batch) from one location to another. */
export interface PlannedMove {
  line: number;
  lineId: string | null;
  productId: string;
  batchId: string | null;
  from: string;
  to: string;
  quantity: string;
}

/**
 * A posting needs level rows that do not exist yet. Thrown inside its transaction, before it
 * wrote anything that stays: the caller rolls back, creates `keys` and runs it again.
 */
export class MissingLevels extends Error {
  constructor(readonly keys: LevelKey[]) {
    super(`${keys.length} stock level row(s) must be created before this posting`);
  }
}

const keyOf = (productId: string, locationId: string, batchId: string | null) =>
  `${productId}|${locationId}|${batchId ?? ''}`;

interface Delta {
  key: LevelKey;
  delta: bigint;
  /** Lines that take stock out of this level: the ones to blame if it runs short. */
  takers: Set<number>;
}

/** The internal levels a set of moves touches, with their net change. */
export function levelDeltas(
  moves: PlannedMove[],
  locations: Map<string, LocationInfo>,
): Map<string, Delta> {
  const deltas = new Map<string, Delta>();
  const add = (move: PlannedMove, locationId: string, delta: bigint) => {
    const location = locations.get(locationId);
    if (!location || location.type !== 'internal') return; // the outside world holds no levels
    const id = keyOf(move.productId, locationId, move.batchId);
    const entry = deltas.get(id) ?? {
      key: {
        productId: move.productId,
        locationId,
        warehouseId: location.warehouse_id!,
        batchId: move.batchId,
      },
      delta: 0n,
      takers: new Set<number>(),
    };
    entry.delta += delta;
    if (delta < 0n) entry.takers.add(move.line);
    deltas.set(id, entry);
  };
  for (const move of moves) {
    const quantity = toMilli(move.quantity);
    add(move, move.from, -quantity);
    add(move, move.to, quantity);
  }
  return deltas;
}

/**
 * Writes moves and updates their levels in the caller's transaction. Levels are locked in one
 * fixed order (by id) before anything is checked, so concurrent postings serialise per level and
 * never deadlock; availability is computed exactly (thousandths as BigInt); a shortage names
 * every line that takes from a short level, and nothing is written.
 */
@Injectable()
export class StockPosting {
  constructor(
    private readonly stock: StockRepository,
    private readonly stockHistory: WarehouseStockHistory,
  ) {}

  keysOf(moves: PlannedMove[], locations: Map<string, LocationInfo>): LevelKey[] {
    return [...levelDeltas(moves, locations).values()].map((delta) => delta.key);
  }

  /**
   * Locks the levels of `keys`. Throws MissingLevels when some rows do not exist yet: the
   * caller rolls back, creates them outside the transaction and posts again (see
   * StockRepository.ensureLevels).
   */
  async lock(manager: EntityManager, keys: LevelKey[]): Promise<Map<string, LockedLevel>> {
    const locked = await this.stock.lockLevels(manager, keys);
    const levels = new Map(
      locked.map((level) => [keyOf(level.product_id, level.location_id, level.batch_id), level]),
    );
    const missing = keys.filter(
      (key) => !levels.has(keyOf(key.productId, key.locationId, key.batchId)),
    );
    if (missing.length) throw new MissingLevels(missing);
    return levels;
  }

  /**
   * Locks the levels the moves touch and tells which lines they would overdraw, without writing:
   * every line that takes from a short level is named.
   */
  async check(
    manager: EntityManager,
    moves: PlannedMove[],
    locations: Map<string, LocationInfo>,
  ): Promise<{
    shortages: ErrorDetail[];
    updates: { id: string; delta: string }[];
    warehouseIds: string[];
  }> {
    const deltas = levelDeltas(moves, locations);
    const levels = await this.lock(
      manager,
      [...deltas.values()].map((delta) => delta.key),
    );
    const shortages: ErrorDetail[] = [];
    const updates: { id: string; delta: string }[] = [];
    for (const [id, { key, delta, takers }] of deltas) {
      const level = levels.get(id)!;
      const available = toMilli(level.quantity);
      if (available + delta < 0n) {
        const where = locations.get(key.locationId)!.full_name;
        for (const line of takers) {
          shortages.push({
            line,
            error: StockErrorCode.InsufficientStock,
            message: `Only ${fromMilli(available)} on hand at ${where}; this operation needs ${fromMilli(-delta)}`,
          });
        }
      } else if (delta !== 0n) {
        updates.push({ id: level.id, delta: fromMilli(delta) });
      }
    }
    const warehouseIds = [...new Set([...deltas.values()].map((delta) => delta.key.warehouseId))];
    return { shortages, updates, warehouseIds };
  }

  /** Answers the moves written; 422 INSUFFICIENT_STOCK, writing nothing, when a level would go short. */
  async post(
    manager: EntityManager,
    operationId: string,
    moves: PlannedMove[],
    locations: Map<string, LocationInfo>,
  ): Promise<MoveRow[]> {
    const { shortages, updates, warehouseIds } = await this.check(manager, moves, locations);
    if (shortages.length) throw lineProblems(shortages);
    const written = await this.stock.writeMoves(
      manager,
      updates,
      moves.map((move) => ({
        operationId,
        lineId: move.lineId,
        productId: move.productId,
        batchId: move.batchId,
        from: move.from,
        to: move.to,
        quantity: move.quantity,
      })),
    );
    await this.stockHistory.mark(manager, warehouseIds);
    return written;
  }
}
