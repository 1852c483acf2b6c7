import { Inject, Injectable } from '@nestjs/common';
import {
  ErrorDetail,
  fromMilli,
  OperationType,
  StockErrorCode,
  toMilli,
  todayIn,
} from '@stockmaster/contracts';
import { EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import {
  allocate,
  AllocationRequest,
  levelKey,
  shortfallDetail,
  StockCandidate,
} from './allocation';
import { AllocationRepository, LocationScope, SourceScope } from './allocation.repository';
import { LineSpec } from './line-specs';
import {
  BatchInfo,
  checkLine,
  lineProblems,
  LocationInfo,
  ProductInfo,
  ResolvedLine,
  TAKING_TYPES,
} from './operation-rules';
import { OperationHeader } from './operations.repository';
import { PlannedMove, StockPosting } from './posting';
import { LevelKey, StockRepository } from './stock.repository';

/** Lines with their defaults applied and checked, and what the posting needs to know of them. */
export interface Prepared {
  type: OperationType;
  lines: ResolvedLine[];
  lineIds: string[];
  products: Map<string, ProductInfo>;
  locations: Map<string, LocationInfo>;
  batches: Map<string, BatchInfo>;
  /** The lines' problems that need no stock to be seen. */
  errors: ErrorDetail[];
}

/**
 * From an operation's lines to the moves it posts: defaults, the rules of each line, and where
 * stock is taken from. The arithmetic of allocation is the pure `allocate`; this class reads and
 * locks what it needs for it.
 */
@Injectable()
export class OperationPlanner {
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
    header: OperationHeader,
    lines: LineSpec[],
    usableWarehouses: string[] | null,
  ): Promise<Prepared> {
    const [from, to] = await this.defaults(manager, header);
    const taking = TAKING_TYPES.includes(header.type);
    const resolved: ResolvedLine[] = lines.map((line, index) => {
      const explicit = line.sourceLocationId ?? header.sourceLocationId;
      return {
        line: index,
        productId: line.productId,
        batchId: line.batchId,
        newBatch: line.newBatch,
        quantity: line.quantity,
        countedQuantity: line.countedQuantity,
        from: header.type === 'adjustment' ? line.sourceLocationId : (explicit ?? from),
        to: header.type === 'adjustment' ? null : (line.destinationLocationId ?? to),
        pool: taking && (!explicit || header.includeChildren),
        acceptExpired: line.acceptExpired,
      };
    });
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
    const context = {
      type: header.type,
      warehouseId: header.warehouseId,
      products,
      locations,
      batches,
      today: this.today(),
      usableWarehouses,
      batchesByCode,
    };
    const errors = resolved.flatMap((line) => checkLine(line, context));
    if (header.type === 'adjustment') {
      const counted = new Map<string, number>();
      for (const line of resolved) {
        const key = levelKey(line.productId, line.from ?? '', line.batchId);
        const first = counted.get(key);
        if (first !== undefined)
          errors.push({
            line: line.line,
            error: StockErrorCode.ValidationFailed,
            message: `Already counted on line ${first + 1}`,
          });
        else counted.set(key, line.line);
      }
    }
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
        : prepared.lines.map((line) => this.move(prepared, line, line.from!, line.batchId));
    }
    const failing = new Set(prepared.errors.map((error) => error.line));
    const { moves, shortfalls } = await this.planTakes(
      manager,
      prepared,
      prepared.lines.filter((line) => !failing.has(line.line)),
    );
    const problems = [...prepared.errors, ...shortfalls];
    if (problems.length) {
      // Name the exact lines that would overdraw too, before failing.
      const { shortages } = await this.posting.check(manager, moves, prepared.locations);
      throw lineProblems([...problems, ...shortages]);
    }
    return moves;
  }

  /**
   * Lines with an exact source and batch become one move each. The others — a source that is a
   * subtree (the warehouse default, or `includeChildren`), or a tracked product without a batch
   * (FEFO) — are allocated over the stock they may take.
   */
  private async planTakes(
    manager: EntityManager,
    prepared: Prepared,
    lines: ResolvedLine[],
  ): Promise<{ moves: PlannedMove[]; shortfalls: ErrorDetail[] }> {
    const fefo = (line: ResolvedLine) =>
      prepared.products.get(line.productId)!.tracking === 'batch' && !line.batchId;
    const exact = lines.filter((line) => !line.pool && !fefo(line));
    const direct = exact.map((line) => this.move(prepared, line, line.from!, line.batchId));
    const allocated = lines.filter((line) => line.pool || fefo(line));
    if (!allocated.length) return { moves: direct, shortfalls: [] };

    const internal = (id: string | null) => prepared.locations.get(id!)?.type === 'internal';
    // Many lines share a scope (one product, one source): each is locked once.
    const sources = new Map<string, SourceScope>();
    for (const line of allocated)
      sources.set(
        `${levelKey(line.productId, line.from!, line.batchId)}|${line.pool}|${fefo(line)}`,
        {
          productId: line.productId,
          locationId: line.from!,
          subtree: line.pool,
          batchId: line.batchId,
          anyBatch: fefo(line),
        },
      );
    const destinations: LevelKey[] = [];
    const wholeLocations: LocationScope[] = [];
    for (const line of allocated.filter((candidate) => internal(candidate.to))) {
      if (fefo(line)) wholeLocations.push({ productId: line.productId, locationId: line.to! });
      else
        destinations.push({
          productId: line.productId,
          locationId: line.to!,
          warehouseId: prepared.locations.get(line.to!)!.warehouse_id!,
          batchId: line.batchId,
        });
    }
    const locked = await this.allocation.lockStock(manager, {
      sources: [...sources.values()],
      exact: [...this.posting.keysOf(direct, prepared.locations), ...destinations],
      locations: wholeLocations,
    });

    const reserved = new Map<string, bigint>();
    for (const move of direct) {
      const key = levelKey(move.productId, move.from, move.batchId);
      reserved.set(key, (reserved.get(key) ?? 0n) + toMilli(move.quantity));
    }
    const requests: AllocationRequest[] = allocated.map((line) => ({
      line: line.line,
      productId: line.productId,
      quantity: toMilli(line.quantity!),
      batchId: line.batchId,
      fefo: fefo(line),
      source: { id: line.from!, path: prepared.locations.get(line.from!)!.full_name },
      subtree: line.pool,
      exclude: prepared.type === 'transfer' ? line.to : null,
    }));
    const { allocations, shortfalls } = allocate(requests, locked, this.today(), reserved);
    const byLine = new Map(lines.map((line) => [line.line, line]));
    const moves = [
      ...direct,
      ...allocations.map(({ line, candidate, quantity }) => {
        this.remember(prepared, candidate);
        return {
          ...this.move(prepared, byLine.get(line)!, candidate.locationId, candidate.batchId),
          quantity: fromMilli(quantity),
        };
      }),
    ].sort((a, b) => a.line - b.line);
    const requestOf = new Map(requests.map((request) => [request.line, request]));
    return {
      moves,
      shortfalls: shortfalls.map((shortfall) =>
        shortfallDetail(shortfall, requestOf.get(shortfall.line)!),
      ),
    };
  }

  /** Counts: the difference between counted and held, through the inventory location. */
  private async planCounts(manager: EntityManager, prepared: Prepared): Promise<PlannedMove[]> {
    const inventory = await this.stock.virtualLocation(manager, 'inventory');
    const inventoryInfo = (await this.stock.locations(manager, [inventory])).get(inventory)!;
    prepared.locations.set(inventory, inventoryInfo);
    const keys = prepared.lines.map((line) => ({
      productId: line.productId,
      locationId: line.from!,
      warehouseId: prepared.locations.get(line.from!)!.warehouse_id!,
      batchId: line.batchId,
    }));
    const levels = await this.posting.lock(manager, keys);
    const moves: PlannedMove[] = [];
    for (const line of prepared.lines) {
      const held = toMilli(
        levels.get(levelKey(line.productId, line.from!, line.batchId))?.quantity ?? '0',
      );
      const difference = toMilli(line.countedQuantity!) - held;
      if (difference === 0n) continue;
      const gain = difference > 0n;
      moves.push({
        ...this.move(prepared, line, gain ? inventory : line.from!, line.batchId),
        to: gain ? line.from! : inventory,
        quantity: fromMilli(gain ? difference : -difference),
      });
    }
    return moves;
  }

  /** Default source and destination per type, overridable by the header. */
  private async defaults(
    manager: EntityManager,
    header: OperationHeader,
  ): Promise<[string | null, string | null]> {
    const root = () => this.stock.warehouseRoot(manager, header.warehouseId);
    const virtual = (type: 'supplier' | 'customer' | 'scrap') =>
      this.stock.virtualLocation(manager, type);
    switch (header.type) {
      case 'receipt':
        return [
          header.sourceLocationId ?? (await virtual('supplier')),
          header.destinationLocationId ?? (await root()),
        ];
      case 'delivery':
        return [
          header.sourceLocationId ?? (await root()),
          header.destinationLocationId ?? (await virtual('customer')),
        ];
      case 'transfer':
        return [header.sourceLocationId ?? (await root()), header.destinationLocationId];
      case 'scrap':
        return [
          header.sourceLocationId ?? (await root()),
          header.destinationLocationId ?? (await virtual('scrap')),
        ];
      case 'adjustment':
        return [null, null];
    }
  }

  private move(
    prepared: Prepared,
    line: ResolvedLine,
    from: string,
    batchId: string | null,
  ): PlannedMove {
    return {
      line: line.line,
      lineId: prepared.lineIds[line.line],
      productId: line.productId,
      batchId,
      from,
      to: line.to!,
      quantity: line.quantity!,
    };
  }

  /** The posting and its answer name the locations and batches an allocation chose. */
  private remember(prepared: Prepared, candidate: StockCandidate): void {
    if (!prepared.locations.has(candidate.locationId))
      prepared.locations.set(candidate.locationId, {
        id: candidate.locationId,
        type: 'internal',
        warehouse_id: candidate.warehouseId,
        full_name: candidate.path,
      });
    if (candidate.batchId && !prepared.batches.has(candidate.batchId))
      prepared.batches.set(candidate.batchId, {
        id: candidate.batchId,
        product_id: candidate.productId,
        code: candidate.batchCode!,
        expires_at: candidate.expiresAt,
      });
  }
}
