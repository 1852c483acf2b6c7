import { StockMove } from '../stock/stock';
import { Freshness, FreshnessStatus } from './freshness';

/**
 * Whether a batch may leave: `quarantined` holds it while a doubt is checked, `recalled` is
 * final. A blocked batch is never delivered nor transferred; it can still be counted or scrapped.
 */
export const BATCH_STATUSES = ['available', 'quarantined', 'recalled'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export function isBatchBlocked(status: BatchStatus): boolean {
  return status !== 'available';
}

/** What the public page of a recalled batch shows first. */
export interface BatchRecall {
  notice: string;
  /** ISO instant. */
  recalledAt: string;
}

/** One change of a batch's status. */
export interface BatchStatusChange {
  from: BatchStatus;
  to: BatchStatus;
  reason: string | null;
  publicNotice: string | null;
  /** Null once the account is gone; `email` is kept. */
  user: { id: string | null; email: string | null };
  at: string;
}

export interface QuarantineBatchRequest {
  reason: string;
}

export interface ReleaseBatchRequest {
  reason?: string;
}

export interface RecallBatchRequest {
  reason: string;
  /** Shown first on the batch's public page, to whoever scans the pack. */
  publicNotice: string;
}

export interface Batch {
  id: string;
  productId: string;
  product: { id: string; sku: string; name: string; unit: string; expiryWarningDays: number };
  code: string;
  producedAt: string | null;
  receivedAt: string | null;
  expiresAt: string | null;
  notes: string | null;
  status: BatchStatus;
  /** Set once recalled. */
  recall: BatchRecall | null;
  freshness: Freshness;
  /** On hand in the caller's warehouses. */
  onHand: string;
  /** The address the batch's QR code encodes: `PUBLIC_URL/fresh/<token>`. */
  publicUrl: string;
  createdAt: string;
  updatedAt: string;
}

export interface BatchStockRow {
  location: { id: string; fullName: string };
  warehouseId: string;
  quantity: string;
}

export interface BatchDetail extends Batch {
  stock: BatchStockRow[];
  moves: StockMove[];
  /** Oldest first. */
  statusHistory: BatchStatusChange[];
}

export interface CreateBatchRequest {
  productId: string;
  code: string;
  producedAt?: string;
  receivedAt?: string;
  expiresAt?: string;
  notes?: string;
}

export interface UpdateBatchRequest {
  producedAt?: string | null;
  receivedAt?: string | null;
  expiresAt?: string | null;
  notes?: string | null;
}

/** A batch created inline by a receipt line. */
export interface InlineBatchInput {
  code: string;
  producedAt?: string;
  receivedAt?: string;
  expiresAt?: string;
}

export interface BatchListQuery {
  productId?: string;
  warehouseId?: string;
  status?: FreshnessStatus;
  expiringWithinDays?: number;
  /** Expired batches still on hand (in `warehouseId`, else the caller's warehouses). */
  expired?: boolean;
  /** Batches on hand within their product's warning days, not yet expired. */
  expiring?: boolean;
  /** Quarantined or recalled batches still on hand (the dashboard's blocked-batches card). */
  blocked?: boolean;
  search?: string;
  page?: number;
  limit?: number;
  sort?: string;
}

/** What anyone scanning the QR code sees: nothing else (no ids, quantities, places or prices). */
export interface PublicBatchReport {
  productName: string;
  unit: string;
  batchCode: string;
  producedAt: string | null;
  receivedAt: string | null;
  expiresAt: string | null;
  daysOnShelf: number | null;
  daysToExpiry: number | null;
  status: FreshnessStatus;
  /** `recalled`: do not eat; `recall` then says why, in the business's words. */
  batchStatus: BatchStatus;
  recall: BatchRecall | null;
}

export const BatchErrorCode = {
  CodeTaken: 'BATCH_CODE_TAKEN',
  /** A recall is final: a recalled batch changes status no more. */
  Recalled: 'BATCH_RECALLED',
  /** The change does not apply to the batch's status (release of a batch not quarantined…). */
  StatusConflict: 'BATCH_STATUS_CONFLICT',
} as const;

/**
 * One operation in a lot's trace: a receipt it came from, or a delivery or scrap it went to.
 * Reversals are netted into the operation they undo: `quantity` is what remains, `reversed`
 * what was taken back.
 */
export interface BatchTraceEntry {
  operationId: string;
  reference: string;
  type: 'receipt' | 'delivery' | 'scrap';
  /** When the operation was validated (ISO instant). */
  date: string;
  /** Supplier (receipts) or customer (deliveries); null when none was given. */
  partner: string | null;
  warehouseId: string;
  /** The batch moved (null for a product without batch tracking). */
  batch: { id: string; code: string } | null;
  quantity: string;
  reversed: string;
}

export interface TraceTotals {
  received: string;
  onHand: string;
  delivered: string;
  scrapped: string;
  /** Net gains (+) and losses (−) of counts. */
  adjusted: string;
  /** Distinct customers (by partner name) still holding a delivered quantity; deliveries without one count once each. */
  customers: number;
  /** Internal locations holding some now. */
  locations: number;
}

/** Where a lot came from, where it is, where it went: the recall question, answered. */
export interface BatchTrace {
  batch: {
    id: string;
    code: string;
    status: BatchStatus;
    product: { id: string; sku: string; name: string; unit: string };
  };
  origin: BatchTraceEntry[];
  onHand: BatchStockRow[];
  /** Deliveries and scrap, oldest first. */
  destinations: BatchTraceEntry[];
  totals: TraceTotals;
}

/** Stock of a product now, per location and batch. */
export interface ProductStockRow extends BatchStockRow {
  batch: { id: string; code: string; status: BatchStatus } | null;
}

/**
 * A product's trace over a range of days: the receipts, deliveries and scrap validated in it (each
 * naming its batch, reversals netted), and what is on hand now.
 */
export interface ProductTrace {
  product: { id: string; sku: string; name: string; unit: string };
  /** Calendar days in the business's time zone, inclusive; null: unbounded. */
  from: string | null;
  to: string | null;
  origin: BatchTraceEntry[];
  onHand: ProductStockRow[];
  destinations: BatchTraceEntry[];
  /** Flows within the range; on hand and locations now. */
  totals: TraceTotals;
}
