import { Injectable } from '@nestjs/common';
import { ErrorDetail, fromMilli, StockErrorCode, toMilli } from '@stockmaster/contracts';
import { EntityManager } from 'typeorm';
import { WarehouseStockHistory } from '../warehouse/warehouse-stock-history';
import { lineProblems, LocationInfo } from './operation-rules';
import { LevelKey, levelKey } from './allocation';
import { levelDeltas, PlannedMove } from './planned-move';
import { LockedLevel, MoveRow, StockRepository } from './stock.repository';

/**
 * A posting needs level rows that do not exist yet. Thrown inside its transaction, before it
 * wrote anything that stays: the caller rolls back, creates `keys` and runs it again.
 */
export class MissingLevels extends Error {
  constructor(readonly keys: LevelKey[]) {
    super(`${keys.length} stock level row(s) must be created before this posting`);
  }
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
      locked.map((level) => [levelKey(level.product_id, level.location_id, level.batch_id), level]),
    );
    const missing = keys.filter(
      (key) => !levels.has(levelKey(key.productId, key.locationId, key.batchId)),
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
    const written = await this.stock.writeMoves(manager, updates, operationId, moves);
    await this.stockHistory.mark(manager, warehouseIds);
    return written;
  }
}
