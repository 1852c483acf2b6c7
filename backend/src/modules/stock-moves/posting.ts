import { Injectable } from '@nestjs/common';
import { ErrorDetail, fromMilli, StockErrorCode, toMilli } from '@stockmaster/contracts';
import { EntityManager } from 'typeorm';
import { SqlPart } from '../../common/sql';
import { WarehouseStockHistory } from '../warehouse/warehouse-stock-history';
import { lineProblems, LocationInfo } from './operation-rules';
import { LevelKey, levelKey } from './allocation';
import { LevelDelta, levelDeltas, PlannedMove } from './planned-move';
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

  /**
   * Locks the levels of `keys`. Throws MissingLevels when some rows do not exist yet: the
   * caller rolls back, creates them outside the transaction and posts again (see
   * StockRepository.ensureLevels).
   */
  async lock(manager: EntityManager, keys: LevelKey[]): Promise<Map<string, LockedLevel>> {
    return this.byKey(await this.stock.lockLevels(manager, keys), keys);
  }

  /**
   * Locks the levels the moves touch and tells which lines they would overdraw, without writing:
   * every line that takes from a short level is named.
   */
  async check(
    manager: EntityManager,
    moves: PlannedMove[],
    locations: Map<string, LocationInfo>,
  ): Promise<{ shortages: ErrorDetail[] }> {
    const deltas = levelDeltas(moves, locations);
    const levels = await this.lock(
      manager,
      [...deltas.values()].map((delta) => delta.key),
    );
    return { shortages: shortagesOf(deltas, levels, locations) };
  }

  /**
   * Writes the moves and applies their level deltas in one statement, which first locks the
   * levels (in id order) and writes nothing when one is missing or would go short. Answers the
   * moves written; 422 INSUFFICIENT_STOCK naming every line that takes from a short level, or
   * MissingLevels, when it wrote nothing. `applied`: levels (`levelKey`) this transaction created
   * already holding their delta (PostingTransaction.ensureInlineBatchLevels); they are locked and
   * checked like the others, not changed again. `along`: written by the same statement, only
   * when the moves are (StockRepository.postMoves).
   */
  async post(
    manager: EntityManager,
    operationId: string,
    moves: PlannedMove[],
    locations: Map<string, LocationInfo>,
    applied: ReadonlySet<string> = new Set(),
    along?: SqlPart,
  ): Promise<MoveRow[]> {
    const deltas = levelDeltas(moves, locations);
    for (const id of applied) {
      const entry = deltas.get(id);
      if (entry) entry.delta = 0n;
    }
    const { moves: written, refused } = await this.stock.postMoves(
      manager,
      [...deltas.values()].map(({ key, delta }) => ({ key, delta: fromMilli(delta) })),
      operationId,
      moves,
      along,
    );
    if (refused) {
      const levels = this.byKey(
        refused,
        [...deltas.values()].map((delta) => delta.key),
      );
      const shortages = shortagesOf(deltas, levels, locations);
      if (shortages.length) throw lineProblems(shortages);
      // byKey threw for a missing level; postMoves refuses for nothing else.
      throw new Error('postMoves refused a posting whose levels all exist and none runs short');
    }
    await this.stockHistory.mark(manager, [
      ...new Set([...deltas.values()].map((delta) => delta.key.warehouseId)),
    ]);
    return written;
  }

  /** The levels by key; MissingLevels when some of `keys` have no row yet. */
  private byKey(locked: LockedLevel[], keys: LevelKey[]): Map<string, LockedLevel> {
    const levels = new Map(
      locked.map((level) => [levelKey(level.product_id, level.location_id, level.batch_id), level]),
    );
    const missing = keys.filter(
      (key) => !levels.has(levelKey(key.productId, key.locationId, key.batchId)),
    );
    if (missing.length) throw new MissingLevels(missing);
    return levels;
  }
}

/** The lines that take from a level the deltas would take below zero, each named. */
function shortagesOf(
  deltas: Map<string, LevelDelta>,
  levels: Map<string, LockedLevel>,
  locations: Map<string, LocationInfo>,
): ErrorDetail[] {
  const shortages: ErrorDetail[] = [];
  for (const [id, { key, delta, takers }] of deltas) {
    const available = toMilli(levels.get(id)!.quantity);
    if (available + delta >= 0n) continue;
    const where = locations.get(key.locationId)!.full_name;
    for (const line of takers)
      shortages.push({
        line,
        error: StockErrorCode.InsufficientStock,
        message: `Only ${fromMilli(available)} on hand at ${where}; this operation needs ${fromMilli(-delta)}`,
      });
  }
  return shortages;
}
