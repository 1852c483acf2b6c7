import {
  BatchStatus,
  defaultExpiry,
  ErrorDetail,
  InlineBatchInput,
  isExpired,
  LocationType,
  OperationType,
  StockErrorCode,
} from '@stockmaster/contracts';
import { BusinessRuleError } from '../../common/errors/domain-error';

export interface LocationInfo {
  id: string;
  type: LocationType;
  warehouse_id: string | null;
  full_name: string;
}

export interface ProductInfo {
  id: string;
  sku: string;
  name: string;
  unit: string;
  active: boolean;
  tracking: 'none' | 'batch';
  shelf_life_days: number | null;
}

export interface BatchInfo {
  id: string;
  product_id: string;
  code: string;
  expires_at: string | null;
  /** Known when read from the batches table; receipts need them to tell the coming expiry. */
  produced_at?: string | null;
  received_at?: string | null;
  /** Known when read from the batches table: a blocked batch is never delivered nor transferred. */
  status?: BatchStatus;
}

export type NewBatchSpec = InlineBatchInput;

/** A line after defaults: where it moves from and to. */
export interface ResolvedLine {
  line: number;
  productId: string;
  batchId: string | null;
  newBatch: NewBatchSpec | null;
  quantity: string | null;
  countedQuantity: string | null;
  from: string | null;
  to: string | null;
  /**
   * The source is `from` and every location below it: the warehouse default (no source given),
   * or an explicit source with `includeChildren`. Otherwise exactly `from`.
   */
  pool: boolean;
  acceptExpired: boolean;
}

/** The operation types that take stock out of internal locations, and allocate it. */
export const TAKING_TYPES: readonly OperationType[] = ['delivery', 'transfer', 'scrap'];

/** Types whose batch-tracked lines without a batch are allocated FEFO. */
const FEFO_TYPES: readonly OperationType[] = ['delivery', 'transfer'];

/** What a quarantined or recalled batch never does; counts and scrap still take it. */
const BLOCKED_TYPES: readonly OperationType[] = ['delivery', 'transfer'];

export const batchCodeKey = (productId: string, code: string) =>
  `${productId}|${code.toLowerCase()}`;

/** Which kind of location each side of a line must be, per operation type. */
const SIDES: Record<
  Exclude<OperationType, 'adjustment'>,
  { from: LocationType; to: LocationType }
> = {
  receipt: { from: 'supplier', to: 'internal' },
  delivery: { from: 'internal', to: 'customer' },
  transfer: { from: 'internal', to: 'internal' },
  scrap: { from: 'internal', to: 'scrap' },
};

export interface LineContext {
  type: OperationType;
  warehouseId: string;
  products: Map<string, ProductInfo>;
  locations: Map<string, LocationInfo>;
  batches: Map<string, BatchInfo>;
  /** Today in the business time zone (`YYYY-MM-DD`): a batch is expired from its expiry date on. */
  today: string;
  /** Warehouses the caller may use; null for every warehouse. */
  usableWarehouses: string[] | null;
  /** Existing batches the receipt lines name inline by code (`batchCodeKey`). */
  batchesByCode: Map<string, BatchInfo>;
}

/**
 * The batch rules: a tracked product moves only with a batch of its own (a delivery or transfer
 * without one is allocated FEFO later), an untracked one never with a batch, an expired batch is
 * never delivered, and one is received only when the line accepts it.
 */
export function checkBatch(line: ResolvedLine, context: LineContext): ErrorDetail[] {
  const product = context.products.get(line.productId);
  if (!product) return [];
  if (product.tracking === 'none') {
    return line.batchId || line.newBatch
      ? [
          error(
            line.line,
            StockErrorCode.BatchNotAllowed,
            'This product is not batch-tracked: give no batch',
          ),
        ]
      : [];
  }
  if (line.newBatch) return receivedExpiry(line, product, context);
  if (!line.batchId) {
    return FEFO_TYPES.includes(context.type)
      ? []
      : [
          error(
            line.line,
            StockErrorCode.BatchRequired,
            context.type === 'receipt'
              ? 'This product is batch-tracked: give batchId or a new batch'
              : 'This product is batch-tracked: give batchId',
          ),
        ];
  }
  const batch = context.batches.get(line.batchId);
  if (!batch || batch.product_id !== line.productId) {
    return [
      error(
        line.line,
        StockErrorCode.BatchProductMismatch,
        'This batch is not one of this product’s',
      ),
    ];
  }
  if (BLOCKED_TYPES.includes(context.type) && batch.status && batch.status !== 'available') {
    return [
      error(
        line.line,
        StockErrorCode.BatchBlocked,
        `Batch ${batch.code} is ${batch.status}: it cannot be ${context.type === 'delivery' ? 'delivered' : 'transferred'} (only counted or scrapped)`,
      ),
    ];
  }
  if (context.type === 'delivery' && isExpired(batch.expires_at, context.today)) {
    return [
      error(
        line.line,
        StockErrorCode.BatchExpired,
        `Batch expired on ${batch.expires_at}: it cannot be delivered`,
      ),
    ];
  }
  return receivedExpiry(line, product, context);
}

/**
 * A receipt line whose batch has already expired — as stored, or as the receipt will date it
 * (given expiry, else produced or received date + shelf life) — needs `acceptExpired`. An inline
 * batch whose code the product already has is that batch.
 */
function receivedExpiry(
  line: ResolvedLine,
  product: ProductInfo,
  context: LineContext,
): ErrorDetail[] {
  if (context.type !== 'receipt' || line.acceptExpired) return [];
  const stored = line.newBatch
    ? context.batchesByCode.get(batchCodeKey(line.productId, line.newBatch.code))
    : context.batches.get(line.batchId!);
  const dates = stored
    ? {
        code: stored.code,
        expiresAt: stored.expires_at,
        producedAt: stored.produced_at ?? null,
        receivedAt: stored.received_at ?? null,
      }
    : {
        code: line.newBatch!.code,
        expiresAt: line.newBatch!.expiresAt ?? null,
        producedAt: line.newBatch!.producedAt ?? null,
        receivedAt: line.newBatch!.receivedAt ?? null,
      };
  const expiresAt =
    dates.expiresAt ??
    defaultExpiry(dates.producedAt, dates.receivedAt ?? context.today, product.shelf_life_days);
  if (!isExpired(expiresAt, context.today)) return [];
  return [
    error(
      line.line,
      StockErrorCode.BatchExpired,
      `Batch ${dates.code} expired on ${expiresAt}: set acceptExpired on this line to receive it anyway`,
    ),
  ];
}

function error(line: number, code: string, message: string): ErrorDetail {
  return { line, error: code, message };
}

/**
 * Checks a line against the rules that need no stock: the product exists and is active, each
 * side is the right kind of location, internal locations are in warehouses the caller may use,
 * and the line's own warehouse side is the operation's warehouse.
 */
export function checkLine(line: ResolvedLine, context: LineContext): ErrorDetail[] {
  const errors: ErrorDetail[] = [];
  const product = context.products.get(line.productId);
  if (!product)
    errors.push(error(line.line, StockErrorCode.ProductNotFound, 'This product does not exist'));
  else if (!product.active)
    errors.push(error(line.line, StockErrorCode.ProductInactive, 'This product is archived'));
  errors.push(...checkBatch(line, context));

  const usable = (location: LocationInfo) =>
    location.type !== 'internal' ||
    context.usableWarehouses === null ||
    context.usableWarehouses.includes(location.warehouse_id!);

  if (context.type === 'adjustment') {
    const location = line.from ? context.locations.get(line.from) : undefined;
    if (
      !location ||
      location.type !== 'internal' ||
      location.warehouse_id !== context.warehouseId ||
      !usable(location)
    ) {
      errors.push(
        error(
          line.line,
          StockErrorCode.LocationNotAllowed,
          'A count needs an internal location of the operation’s warehouse',
        ),
      );
    }
    return errors;
  }

  const sides = SIDES[context.type];
  const from = line.from ? context.locations.get(line.from) : undefined;
  const to = line.to ? context.locations.get(line.to) : undefined;
  if (
    !from ||
    from.type !== sides.from ||
    !usable(from) ||
    (sides.from === 'internal' && from.warehouse_id !== context.warehouseId)
  ) {
    errors.push(
      error(
        line.line,
        StockErrorCode.LocationNotAllowed,
        `The source must be ${describe(sides.from)}${sides.from === 'internal' ? ' of the operation’s warehouse' : ''}`,
      ),
    );
  }
  if (
    !to ||
    to.type !== sides.to ||
    !usable(to) ||
    (context.type === 'receipt' && to.warehouse_id !== context.warehouseId)
  ) {
    errors.push(
      error(
        line.line,
        StockErrorCode.LocationNotAllowed,
        `The destination must be ${describe(sides.to)}${context.type === 'receipt' ? ' of the operation’s warehouse' : ''}`,
      ),
    );
  }
  if (from && to && from.id === to.id)
    errors.push(
      error(line.line, StockErrorCode.SameLocation, 'Source and destination are the same location'),
    );
  return errors;
}

function describe(type: LocationType): string {
  return type === 'internal' ? 'an internal location you may use' : `the ${type} location`;
}

/**
 * The 422 for problems found in lines, in line order: INSUFFICIENT_STOCK when stock is all that
 * is missing, else OPERATION_INVALID, naming every failing line either way.
 */
export function lineProblems(details: ErrorDetail[]): BusinessRuleError {
  const sorted = [...details].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  if (sorted.every((detail) => detail.error === StockErrorCode.BatchBlocked)) {
    return new BusinessRuleError(
      `${sorted.length} line(s) name a blocked batch: nothing was saved`,
      sorted,
      StockErrorCode.BatchBlocked,
    );
  }
  if (sorted.every((detail) => detail.error === StockErrorCode.InsufficientStock)) {
    const lines = new Set(sorted.map((detail) => detail.line)).size;
    return new BusinessRuleError(
      `Not enough stock for ${lines} line(s): nothing was posted`,
      sorted,
      StockErrorCode.InsufficientStock,
    );
  }
  return new BusinessRuleError(
    `${sorted.length} problem(s) in the lines: nothing was saved`,
    sorted,
    StockErrorCode.ValidationFailed,
  );
}
