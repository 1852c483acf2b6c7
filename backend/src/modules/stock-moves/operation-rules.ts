import { ErrorDetail, LocationType, OperationType, StockErrorCode } from '@stockmaster/contracts';

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
}

export interface BatchInfo {
  id: string;
  product_id: string;
  code: string;
  expires_at: string | null;
}

export interface NewBatchSpec {
  code: string;
  producedAt?: string;
  receivedAt?: string;
  expiresAt?: string;
}

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
}

/** Which kind of location each side of a line must be, per operation type (DESIGN.md §4). */
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
}

/**
 * The batch rules (DESIGN.md §3 invariant 5): a tracked product moves only with a batch of its
 * own (a delivery without one is allocated FEFO later), an untracked one never with a batch, and
 * an expired batch is never delivered.
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
  if (line.newBatch) return [];
  if (!line.batchId) {
    return context.type === 'delivery'
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
  if (context.type === 'delivery' && batch.expires_at && batch.expires_at <= context.today) {
    return [
      error(
        line.line,
        StockErrorCode.BatchExpired,
        `Batch expired on ${batch.expires_at}: it cannot be delivered`,
      ),
    ];
  }
  return [];
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
