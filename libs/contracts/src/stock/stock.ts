import type { BatchStatus } from '../batches/batches';
import type { Freshness } from '../batches/freshness';
import type { PageMeta } from '../http/paging';

export const OPERATION_TYPES = ['receipt', 'delivery', 'transfer', 'adjustment', 'scrap'] as const;
export type OperationType = (typeof OPERATION_TYPES)[number];

export const OPERATION_STATUSES = ['draft', 'done', 'cancelled'] as const;
export type OperationStatus = (typeof OPERATION_STATUSES)[number];

/** The reference's middle part: `MAIN/IN/00042`. */
export const OPERATION_PREFIX: Record<OperationType, string> = {
  receipt: 'IN',
  delivery: 'OUT',
  transfer: 'INT',
  adjustment: 'ADJ',
  scrap: 'SCR',
};

export interface LocationRef {
  id: string;
  fullName: string;
}

export interface ProductRef {
  id: string;
  sku: string;
  name: string;
  unit: string;
}

export interface BatchRef {
  id: string;
  code: string;
  expiresAt: string | null;
}

export interface OperationLine {
  id: string;
  /** 0-based position; per-line errors point at it. */
  line: number;
  product: ProductRef;
  batch: BatchRef | null;
  /** A receipt line's batch still to be created on validation (then `batch` is set instead). */
  newBatch: { code: string; producedAt?: string; receivedAt?: string; expiresAt?: string } | null;
  /** Decimal string; null on adjustment lines, which carry `countedQuantity`. */
  quantity: string | null;
  countedQuantity: string | null;
  sourceLocation: LocationRef | null;
  destinationLocation: LocationRef | null;
  /** Receipts: the line may receive a batch that has already expired. */
  acceptExpired: boolean;
}

export interface StockMove {
  id: string;
  operationId: string;
  reference: string;
  lineId: string | null;
  product: ProductRef;
  batch: BatchRef | null;
  sourceLocation: LocationRef;
  destinationLocation: LocationRef;
  quantity: string;
  doneAt: string;
}

export interface Operation {
  id: string;
  reference: string;
  type: OperationType;
  status: OperationStatus;
  warehouseId: string;
  sourceLocation: LocationRef | null;
  destinationLocation: LocationRef | null;
  partner: string | null;
  scheduledAt: string | null;
  doneAt: string | null;
  notes: string | null;
  /** An explicit source is taken with the locations below it (see CreateOperationRequest). */
  includeChildren: boolean;
  createdBy: { id: string; fullName: string } | null;
  validatedBy: { id: string; fullName: string } | null;
  reversalOfId: string | null;
  /** Set once the operation has been reversed. */
  reversedById: string | null;
  lineCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface OperationDetail extends Operation {
  lines: OperationLine[];
  /** The moves it wrote, once done. */
  moves: StockMove[];
}

export interface OperationLineInput {
  productId: string;
  /** Receipts: create (or reuse, same code) a batch with this line; received on validation. */
  batch?: { code: string; producedAt?: string; receivedAt?: string; expiresAt?: string };
  /** Receipts, deliveries, transfers and scrap. */
  quantity?: string | number;
  /** Adjustments: the quantity counted at `locationId`. */
  countedQuantity?: string | number;
  locationId?: string;
  batchId?: string;
  sourceLocationId?: string;
  destinationLocationId?: string;
  /** Receipts: receive this line's batch although it has already expired (else 422 BATCH_EXPIRED). */
  acceptExpired?: boolean;
}

/**
 * Where stock is taken from (deliveries, transfers, scrap): with no source on the line or the
 * header, anywhere in the warehouse — FEFO for batch-tracked products without a batch, then the
 * location holding the most, then by path, a line split over as many locations and batches as it
 * takes. An explicit source is exactly that location, or its subtree with `includeChildren`.
 */
export interface CreateOperationRequest {
  type: OperationType;
  warehouseId: string;
  sourceLocationId?: string;
  destinationLocationId?: string;
  /** Take from the explicit sources and every location below them. */
  includeChildren?: boolean;
  partner?: string;
  scheduledAt?: string;
  notes?: string;
  lines: OperationLineInput[];
}

/**
 * `PATCH /operations/:id`: an absent field is unchanged, `null` clears an optional one, and
 * `lines`, when present, replaces every line. `type` and `warehouseId` may only be repeated
 * (409 OPERATION_TYPE_FIXED / OPERATION_WAREHOUSE_FIXED otherwise).
 */
export interface UpdateOperationRequest {
  type?: OperationType;
  warehouseId?: string;
  sourceLocationId?: string | null;
  destinationLocationId?: string | null;
  includeChildren?: boolean;
  partner?: string | null;
  scheduledAt?: string | null;
  notes?: string | null;
  lines?: OperationLineInput[];
}

export interface OperationListQuery {
  type?: OperationType;
  status?: OperationStatus;
  warehouseId?: string;
  /** Operations with a line of this product. */
  productId?: string;
  from?: string;
  to?: string;
  /** Reference or partner. */
  search?: string;
  page?: number;
  limit?: number;
  sort?: string;
}

/** `POST /stock-moves`: create and validate a one-line operation. */
export interface QuickMoveRequest {
  type: OperationType;
  productId: string;
  quantity: string | number;
  batchId?: string;
  /** Receipts: create (or reuse, by code) the batch received. */
  batch?: { code: string; producedAt?: string; receivedAt?: string; expiresAt?: string };
  sourceLocationId?: string;
  destinationLocationId?: string;
  /** Take from the source location and every location below it. */
  includeChildren?: boolean;
  /** Receipts: receive the batch although it has already expired. */
  acceptExpired?: boolean;
  warehouseId?: string;
}

export interface QuickMoveResponse {
  operation: OperationDetail;
  /** The first move (a FEFO delivery may write several: see `operation.moves`). */
  move: StockMove;
}

/** A level's batch as stock pages show it: its freshness today and whether it is blocked. */
export interface StockLevelBatch extends BatchRef {
  status: BatchStatus;
  freshness: Freshness;
}

export interface StockLevel {
  product: ProductRef;
  location: LocationRef;
  batch: StockLevelBatch | null;
  quantity: string;
}

export interface StockLevelQuery {
  warehouseId?: string;
  locationId?: string;
  includeChildren?: boolean;
  productId?: string;
  batchId?: string;
  search?: string;
  page?: number;
  limit?: number;
  /** `meta.nextCursor` of the previous page (default order only); `page` is then not used. */
  cursor?: string;
}

/**
 * A page of levels. Paged by number (`page`), or by keyset: in the default order `nextCursor`
 * names where the next page starts (null on the last page, and in any other order).
 */
export interface StockLevelPage {
  data: StockLevel[];
  meta: PageMeta & { nextCursor: string | null };
}

export interface WarehouseRef {
  id: string;
  code: string;
  name: string;
}

/** On hand of a product in one warehouse, judged against that warehouse's reorder rule. */
export interface StockSummaryRow {
  product: ProductRef;
  warehouse: WarehouseRef;
  onHand: string;
  /** On hand that may be delivered: neither expired nor in a quarantined or recalled batch. */
  available: string;
  /** In batches past their expiry date (and not blocked). */
  expired: string;
  /** In quarantined or recalled batches. */
  blocked: string;
  minQuantity: string | null;
  maxQuantity: string | null;
  belowMinimum: boolean;
}

export interface IntegrityMismatch {
  productId: string;
  locationId: string;
  batchId: string | null;
  level: string;
  ledger: string;
}

/** The running totals the database keeps (for the dashboard), each with what it stands for. */
export const SUMMARY_KINDS = [
  'onHand',
  'levelCount',
  'minimum',
  'expiry',
  'flows',
  'levelDates',
] as const;
export type SummaryKind = (typeof SUMMARY_KINDS)[number];

/** A running total that is not the sum it stands for (or a level's dates not its batch's). */
export interface SummaryMismatch {
  summary: SummaryKind;
  /** What it is about, ids and dates joined by `/` (e.g. product/warehouse). */
  key: string;
  /** The kept value; null when none is kept. */
  kept: string | null;
  /** The value recomputed from the levels, the ledger, the batches and the rules. */
  computed: string | null;
}

export interface IntegrityReport {
  ok: boolean;
  checkedLevels: number;
  mismatches: IntegrityMismatch[];
  negativeLevels: IntegrityMismatch[];
  summaryMismatches: SummaryMismatch[];
}

export const StockErrorCode = {
  OperationNotDraft: 'OPERATION_NOT_DRAFT',
  /** A draft's type cannot change: its reference is numbered for it. */
  OperationTypeFixed: 'OPERATION_TYPE_FIXED',
  /** A draft's warehouse cannot change: its reference is numbered there. */
  OperationWarehouseFixed: 'OPERATION_WAREHOUSE_FIXED',
  AlreadyReversed: 'ALREADY_REVERSED',
  InsufficientStock: 'INSUFFICIENT_STOCK',
  LocationNotAllowed: 'LOCATION_NOT_ALLOWED',
  ProductInactive: 'PRODUCT_INACTIVE',
  ProductNotFound: 'PRODUCT_NOT_FOUND',
  SameLocation: 'SAME_LOCATION',
  QuantityRequired: 'QUANTITY_REQUIRED',
  BatchRequired: 'BATCH_REQUIRED',
  BatchExpired: 'BATCH_EXPIRED',
  /** A quarantined or recalled batch is never delivered nor transferred (scrap and counts are fine). */
  BatchBlocked: 'BATCH_BLOCKED',
  BatchProductMismatch: 'BATCH_PRODUCT_MISMATCH',
  BatchNotAllowed: 'BATCH_NOT_ALLOWED',
  ValidationFailed: 'OPERATION_INVALID',
  IdempotencyKeyReused: 'IDEMPOTENCY_KEY_REUSED',
} as const;
