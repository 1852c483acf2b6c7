import { ErrorDetail, fromMilli, isExpired, StockErrorCode } from '@stockmaster/contracts';

/** Stock that a line may be allocated from: one level, as read under its lock. */
export interface StockCandidate {
  levelId: string;
  productId: string;
  locationId: string;
  /** The location's full name, `MAIN/Stock/Dry store`. */
  path: string;
  warehouseId: string;
  batchId: string | null;
  batchCode: string | null;
  expiresAt: string | null;
  /** Thousandths. */
  quantity: bigint;
}

/** The key of one level row: a product at a location (in a warehouse), of a batch or none. */
export interface LevelKey {
  productId: string;
  locationId: string;
  warehouseId: string;
  batchId: string | null;
}

/** Stock a line may be allocated from: a location (and its subtree), one batch or any. */
export interface SourceScope {
  productId: string;
  locationId: string;
  subtree: boolean;
  /** With `anyBatch` false: exactly this batch (null = untracked stock). */
  batchId: string | null;
  /** FEFO: any unexpired batch, earliest expiry first. */
  anyBatch: boolean;
  /** Never taken from (a transfer's destination). */
  exclude: string | null;
  /**
   * All that the operation's lines of this product take (a decimal): stock that comes after this
   * much in the allocation order of the scope can never be reached, and need not be read.
   */
  demand: string;
}

/** Every level of a product at one location (a FEFO transfer's destination, batch not yet known). */
export interface LocationScope {
  productId: string;
  locationId: string;
}

/** A line that takes stock without naming one exact level to take it from. */
export interface AllocationRequest {
  line: number;
  productId: string;
  /** Thousandths, > 0. */
  quantity: bigint;
  /** The one batch to take, or null: untracked stock, or any unexpired batch when `fefo`. */
  batchId: string | null;
  fefo: boolean;
  /** This location, and with `subtree` every location below it. */
  source: { id: string; path: string };
  subtree: boolean;
  /** Never taken from (a transfer's destination). */
  exclude: string | null;
}

export interface Allocation {
  line: number;
  candidate: StockCandidate;
  quantity: bigint;
}

export interface Shortfall {
  line: number;
  available: bigint;
  needed: bigint;
}

export const levelKey = (productId: string, locationId: string, batchId: string | null) =>
  `${productId}|${locationId}|${batchId ?? ''}`;

/** Whether `path` is `root` or below it (paths compare case-insensitively, as in SQL). */
export function isWithin(path: string, root: string): boolean {
  const lower = path.toLowerCase();
  const top = root.toLowerCase();
  return lower === top || lower.startsWith(`${top}/`);
}

const NO_EXPIRY = '9999-12-31';
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const mostFirst = (a: bigint, b: bigint) => (a > b ? -1 : a < b ? 1 : 0);

/**
 * Allocates lines over the stock they may take, in line order, so that no unit is counted twice
 * and the result depends only on the input: FEFO lines take the earliest expiry first and never
 * an expired batch; then, for every line, the level holding the most (on hand as read, so the
 * lines of one product gather where it is kept), then the location path, then the batch code. A
 * line takes what is left there and, when that is not enough, is reported short (the operation
 * then fails whole).
 *
 * `reserved`: what lines with an exact source already take, by `levelKey`.
 */
export function allocate(
  requests: readonly AllocationRequest[],
  candidates: readonly StockCandidate[],
  today: string,
  reserved: ReadonlyMap<string, bigint> = new Map(),
): { allocations: Allocation[]; shortfalls: Shortfall[] } {
  const left = new Map<string, bigint>();
  const byProduct = new Map<string, StockCandidate[]>();
  for (const candidate of candidates) {
    const taken =
      reserved.get(levelKey(candidate.productId, candidate.locationId, candidate.batchId)) ?? 0n;
    left.set(candidate.levelId, candidate.quantity - taken);
    const same = byProduct.get(candidate.productId);
    if (same) same.push(candidate);
    else byProduct.set(candidate.productId, [candidate]);
  }
  // The order depends on the stock alone: sorted once per product (and FEFO or not).
  const ordered = new Map<string, StockCandidate[]>();
  const inOrder = (productId: string, fefo: boolean) => {
    const key = `${productId}|${fefo}`;
    let list = ordered.get(key);
    if (!list) {
      list = [...(byProduct.get(productId) ?? [])].sort(
        (a, b) =>
          (fefo ? compareText(a.expiresAt ?? NO_EXPIRY, b.expiresAt ?? NO_EXPIRY) : 0) ||
          mostFirst(a.quantity, b.quantity) ||
          compareText(a.path.toLowerCase(), b.path.toLowerCase()) ||
          compareText(a.batchCode ?? '', b.batchCode ?? ''),
      );
      ordered.set(key, list);
    }
    return list;
  };

  // What is left of a level only shrinks: the levels used up at the head of an order are
  // skipped for good, so 10,000 lines of one product do not walk its emptied levels each time.
  const heads = new Map<StockCandidate[], number>();
  const allocations: Allocation[] = [];
  const shortfalls: Shortfall[] = [];
  for (const request of [...requests].sort((a, b) => a.line - b.line)) {
    let needed = request.quantity;
    const order = inOrder(request.productId, request.fefo);
    let head = heads.get(order) ?? 0;
    while (head < order.length && left.get(order[head].levelId)! <= 0n) head++;
    heads.set(order, head);
    for (let index = head; index < order.length; index++) {
      const candidate = order[index];
      if (needed === 0n) break;
      const available = left.get(candidate.levelId)!;
      if (available <= 0n || !mayTake(request, candidate, today)) continue;
      const take = available < needed ? available : needed;
      left.set(candidate.levelId, available - take);
      needed -= take;
      allocations.push({ line: request.line, candidate, quantity: take });
    }
    if (needed > 0n)
      shortfalls.push({
        line: request.line,
        available: request.quantity - needed,
        needed: request.quantity,
      });
  }
  return { allocations, shortfalls };
}

/** Whether a line may take from this level: its batch rule, its source, not its destination. */
function mayTake(request: AllocationRequest, candidate: StockCandidate, today: string): boolean {
  return (
    candidate.locationId !== request.exclude &&
    (request.fefo
      ? candidate.batchId !== null && !isExpired(candidate.expiresAt, today)
      : candidate.batchId === request.batchId) &&
    (candidate.locationId === request.source.id ||
      (request.subtree && isWithin(candidate.path, request.source.path)))
  );
}

/** How a short line is named in a 422: where it looked, what it found and what it needed. */
export function shortfallDetail(shortfall: Shortfall, request: AllocationRequest): ErrorDetail {
  const where = request.subtree ? `${request.source.path} and below` : request.source.path;
  const available = fromMilli(shortfall.available);
  const needed = fromMilli(shortfall.needed);
  return {
    line: shortfall.line,
    error: StockErrorCode.InsufficientStock,
    message: request.fefo
      ? `Not enough unexpired stock at ${where}: ${available} available, ${needed} needed`
      : `Only ${available} on hand at ${where}; this line needs ${needed}`,
  };
}
