import {
  ErrorDetail,
  fromMilli,
  OperationType,
  StockErrorCode,
  toMilli,
} from '@stockmaster/contracts';
import {
  allocate,
  AllocationRequest,
  LevelKey,
  levelKey,
  LocationScope,
  SourceScope,
  shortfallDetail,
  StockCandidate,
} from './allocation';
import { LineSpec } from './line-specs';
import {
  BatchInfo,
  checkLine,
  LineContext,
  LocationInfo,
  ProductInfo,
  ResolvedLine,
  TAKING_TYPES,
} from './operation-rules';
import { levelDeltas, PlannedMove } from './planned-move';

/**
 * The move planner: from an operation's lines to the moves it posts. Pure — it reads nothing and
 * locks nothing; PlanningService loads and locks what it needs and hands it over.
 */

/** What the planner needs of an operation's header. */
export interface PlanHeader {
  type: OperationType;
  warehouseId: string;
  sourceLocationId: string | null;
  destinationLocationId: string | null;
  /** Explicit sources are taken with the locations below them. */
  includeChildren: boolean;
}

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

/** A location a type defaults to: the warehouse's root, or one of the virtual locations. */
export type DefaultPlace = 'root' | 'supplier' | 'customer' | 'scrap';

/** Default source and destination per type; a side the header gives is not defaulted. */
const DEFAULTS: Record<OperationType, { from: DefaultPlace | null; to: DefaultPlace | null }> = {
  receipt: { from: 'supplier', to: 'root' },
  delivery: { from: 'root', to: 'customer' },
  transfer: { from: 'root', to: null },
  scrap: { from: 'root', to: 'scrap' },
  adjustment: { from: null, to: null },
};

/** The default places this header leaves to be looked up. */
export function placesNeeded(header: PlanHeader): DefaultPlace[] {
  const { from, to } = DEFAULTS[header.type];
  const needed: DefaultPlace[] = [];
  if (from && !header.sourceLocationId) needed.push(from);
  if (to && !header.destinationLocationId) needed.push(to);
  return needed;
}

/**
 * The operation's source and destination: the header's, else the type's default (`places` gives
 * the ids of the places `placesNeeded` named). A count has neither: each line names its location.
 */
export function defaultLocations(
  header: PlanHeader,
  places: ReadonlyMap<DefaultPlace, string | null>,
): [string | null, string | null] {
  if (header.type === 'adjustment') return [null, null];
  const { from, to } = DEFAULTS[header.type];
  const place = (which: DefaultPlace | null) => (which ? (places.get(which) ?? null) : null);
  return [header.sourceLocationId ?? place(from), header.destinationLocationId ?? place(to)];
}

/** Applies the operation's locations to its lines (a line's own location wins). */
export function resolveLines(
  header: PlanHeader,
  lines: LineSpec[],
  [from, to]: [string | null, string | null],
): ResolvedLine[] {
  const taking = TAKING_TYPES.includes(header.type);
  return lines.map((line, index) => {
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
}

/** Every line's problems that need no stock, and a count's lines that count one level twice. */
export function lineErrors(lines: ResolvedLine[], context: LineContext): ErrorDetail[] {
  const errors = lines.flatMap((line) => checkLine(line, context));
  if (context.type === 'adjustment') {
    const counted = new Map<string, number>();
    for (const line of lines) {
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
  return errors;
}

/** One line's move from `from`, of its batch or of `batchId`. */
export function moveOf(
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

/** A receipt's lines (a type that takes no stock): one move per line, as given. */
export function directMoves(prepared: Prepared): PlannedMove[] {
  return prepared.lines.map((line) => moveOf(prepared, line, line.from!, line.batchId));
}

/** What an allocating posting must lock before it allocates (see AllocationRepository.lockStock). */
export interface TakeScopes {
  sources: SourceScope[];
  exact: LevelKey[];
  locations: LocationScope[];
}

const isFefo = (prepared: Prepared, line: ResolvedLine) =>
  prepared.products.get(line.productId)!.tracking === 'batch' && !line.batchId;

/** A transfer never takes from its own destination. */
const excluded = (prepared: Prepared, line: ResolvedLine) =>
  prepared.type === 'transfer' ? line.to : null;

/**
 * Lines with an exact source and batch become one move each (`direct`). The others — a source
 * that is a subtree (the warehouse default, or `includeChildren`), or a tracked product without a
 * batch (FEFO) — are allocated over the stock they may take (`allocated`), which `scopes` names.
 */
export function splitTakes(
  prepared: Prepared,
  lines: ResolvedLine[],
): { direct: PlannedMove[]; allocated: ResolvedLine[]; scopes: TakeScopes } {
  const fefo = (line: ResolvedLine) => isFefo(prepared, line);
  const direct = lines
    .filter((line) => !line.pool && !fefo(line))
    .map((line) => moveOf(prepared, line, line.from!, line.batchId));
  const allocated = lines.filter((line) => line.pool || fefo(line));
  const internal = (id: string | null) => prepared.locations.get(id!)?.type === 'internal';
  const demand = new Map<string, bigint>();
  for (const line of lines)
    demand.set(line.productId, (demand.get(line.productId) ?? 0n) + toMilli(line.quantity!));
  // Many lines share a scope (one product, one source): each is locked once.
  const sources = new Map<string, SourceScope>();
  for (const line of allocated) {
    const exclude = excluded(prepared, line);
    sources.set(
      `${levelKey(line.productId, line.from!, line.batchId)}|${line.pool}|${fefo(line)}|${exclude}`,
      {
        productId: line.productId,
        locationId: line.from!,
        subtree: line.pool,
        batchId: line.batchId,
        anyBatch: fefo(line),
        exclude,
        demand: fromMilli(demand.get(line.productId)!),
      },
    );
  }
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
  const directKeys = [...levelDeltas(direct, prepared.locations).values()].map(
    (delta) => delta.key,
  );
  return {
    direct,
    allocated,
    scopes: {
      sources: [...sources.values()],
      exact: [...directKeys, ...destinations],
      locations: wholeLocations,
    },
  };
}

/**
 * Allocates the `allocated` lines over `locked` (the stock of their scopes, as read under its
 * locks), after what the `direct` moves already take, and answers every move in line order with
 * the lines left short. The locations and batches an allocation chose join `prepared`: the
 * posting and its answer name them.
 */
export function allocateTakes(
  prepared: Prepared,
  direct: PlannedMove[],
  allocated: ResolvedLine[],
  locked: readonly StockCandidate[],
  today: string,
): { moves: PlannedMove[]; shortfalls: ErrorDetail[] } {
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
    fefo: isFefo(prepared, line),
    source: { id: line.from!, path: prepared.locations.get(line.from!)!.full_name },
    subtree: line.pool,
    exclude: excluded(prepared, line),
  }));
  const { allocations, shortfalls } = allocate(requests, locked, today, reserved);
  const byLine = new Map(allocated.map((line) => [line.line, line]));
  const moves = [
    ...direct,
    ...allocations.map(({ line, candidate, quantity }) => {
      remember(prepared, candidate);
      return {
        ...moveOf(prepared, byLine.get(line)!, candidate.locationId, candidate.batchId),
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

/** The levels a count reads: each line's product, location and batch. */
export function countedKeys(prepared: Prepared): LevelKey[] {
  return prepared.lines.map((line) => ({
    productId: line.productId,
    locationId: line.from!,
    warehouseId: prepared.locations.get(line.from!)!.warehouse_id!,
    batchId: line.batchId,
  }));
}

/**
 * Counts: the difference between counted and held (`held` by `levelKey`, as read under the
 * level's lock), through the inventory location. A gain moves in from it, a loss out to it, and
 * a count that matches moves nothing.
 */
export function countDifferences(
  prepared: Prepared,
  held: ReadonlyMap<string, { quantity: string }>,
  inventory: string,
): PlannedMove[] {
  const moves: PlannedMove[] = [];
  for (const line of prepared.lines) {
    const before = toMilli(
      held.get(levelKey(line.productId, line.from!, line.batchId))?.quantity ?? '0',
    );
    const difference = toMilli(line.countedQuantity!) - before;
    if (difference === 0n) continue;
    const gain = difference > 0n;
    moves.push({
      ...moveOf(prepared, line, gain ? inventory : line.from!, line.batchId),
      to: gain ? line.from! : inventory,
      quantity: fromMilli(gain ? difference : -difference),
    });
  }
  return moves;
}

/** The posting and its answer name the locations and batches an allocation chose. */
function remember(prepared: Prepared, candidate: StockCandidate): void {
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
