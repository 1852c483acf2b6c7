import { Inject, Injectable } from '@nestjs/common';
import { todayIn } from '@stockmaster/contracts';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { AllocationRepository } from './allocation.repository';
import { LineSpec } from './line-specs';
import {
  allocateTakes,
  countDifferences,
  countedKeys,
  DefaultPlace,
  defaultLocations,
  directMoves,
  lineErrors,
  placesNeeded,
  PlanHeader,
  Prepared,
  resolveLines,
  splitTakes,
} from './operation-planner';
import { lineProblems, TAKING_TYPES } from './operation-rules';
import { PlannedMove } from './planned-move';
import { StockPosting } from './posting';
import { StockRepository } from './stock.repository';

/**
 * Reads and locks what the pure move planner (operation-planner.ts) needs: the default
 * locations, the products, locations and batches the lines name, and the stock a line may take.
 */
@Injectable()
export class PlanningService {
  constructor(
    private readonly stock: StockRepository,
    private readonly allocation: AllocationRepository,
    private readonly posting: StockPosting,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  today(): string {
    return todayIn(this.config.timeZone);
  }

  /**
   * Applies the type's default locations and checks every line; loads what the posting needs.
   * `usableWarehouses`: the caller's (null for all).
   */
  async prepare(
    manager: EntityManager,
    header: PlanHeader,
    lines: LineSpec[],
    usableWarehouses: string[] | null,
  ): Promise<Prepared> {
    const places = new Map<DefaultPlace, string | null>();
    for (const place of placesNeeded(header))
      places.set(
        place,
        place === 'root'
          ? await this.stock.warehouseRoot(manager, header.warehouseId)
          : await this.stock.virtualLocation(manager, place),
      );
    const resolved = resolveLines(header, lines, defaultLocations(header, places));
    const ids = (values: (string | null)[]) => [
      ...new Set(values.filter((id): id is string => !!id)),
    ];
    const { products, locations, batches } = await this.stock.lookup(manager, {
      productIds: ids(resolved.map((line) => line.productId)),
      locationIds: ids(resolved.flatMap((line) => [line.from, line.to])),
      batchIds: ids(resolved.map((line) => line.batchId)),
    });
    const inline = resolved.filter((line) => line.newBatch);
    const batchesByCode = await this.stock.batchesByCode(
      manager,
      inline.map((line) => ({ productId: line.productId, code: line.newBatch!.code })),
    );
    const errors = lineErrors(resolved, {
      type: header.type,
      warehouseId: header.warehouseId,
      products,
      locations,
      batches,
      today: this.today(),
      usableWarehouses,
      batchesByCode,
    });
    return {
      type: header.type,
      lines: resolved,
      lineIds: lines.map((line) => line.id),
      products,
      locations,
      batches,
      errors,
    };
  }

  /**
   * Turns prepared lines into moves, inside the posting transaction. Stock is allocated under
   * the locks of the levels it comes from; a count becomes the difference between counted and
   * held, read under the level's lock. Throws 422 naming every failing line — the rules broken
   * and the stock missing alike — when any line fails.
   */
  async plan(manager: EntityManager, prepared: Prepared): Promise<PlannedMove[]> {
    if (!TAKING_TYPES.includes(prepared.type)) {
      if (prepared.errors.length) throw lineProblems(prepared.errors);
      return prepared.type === 'adjustment'
        ? this.planCounts(manager, prepared)
        : directMoves(prepared);
    }
    const failing = new Set(prepared.errors.map((error) => error.line));
    const lines = prepared.lines.filter((line) => !failing.has(line.line));
    const { direct, allocated, scopes } = splitTakes(prepared, lines);
    let moves = direct;
    let shortfalls: typeof prepared.errors = [];
    if (allocated.length) {
      const locked = await this.allocation.lockStock(manager, scopes, this.today());
      ({ moves, shortfalls } = allocateTakes(prepared, direct, allocated, locked, this.today()));
    }
    const problems = [...prepared.errors, ...shortfalls];
    if (problems.length) {
      // Name the exact lines that would overdraw too, before failing.
      const { shortages } = await this.posting.check(manager, moves, prepared.locations);
      throw lineProblems([...problems, ...shortages]);
    }
    return moves;
  }

  /**
   * The moves of prepared lines that `plan` would give without reading any stock — no count, no
   * allocation (FEFO or pooled), no failing line; null when it would read some.
   */
  planWithoutStock(prepared: Prepared): PlannedMove[] | null {
    if (prepared.errors.length || prepared.type === 'adjustment') return null;
    if (!TAKING_TYPES.includes(prepared.type)) return directMoves(prepared);
    const { direct, allocated } = splitTakes(prepared, prepared.lines);
    return allocated.length ? null : direct;
  }

  /** Counts: the levels are read under their locks, then the planner takes the differences. */
  private async planCounts(manager: EntityManager, prepared: Prepared): Promise<PlannedMove[]> {
    const inventory = await this.stock.virtualLocation(manager, 'inventory');
    const inventoryInfo = (await this.stock.locations(manager, [inventory])).get(inventory)!;
    prepared.locations.set(inventory, inventoryInfo);
    const levels = await this.posting.lock(manager, countedKeys(prepared));
    return countDifferences(prepared, levels, inventory);
  }
}
