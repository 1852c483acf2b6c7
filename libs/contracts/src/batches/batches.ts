import { StockMove } from '../stock/stock';
import { Freshness, FreshnessStatus } from './freshness';

export interface Batch {
  id: string;
  productId: string;
  product: { id: string; sku: string; name: string; unit: string; expiryWarningDays: number };
  code: string;
  producedAt: string | null;
  receivedAt: string | null;
  expiresAt: string | null;
  notes: string | null;
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
}

export const BatchErrorCode = {
  CodeTaken: 'BATCH_CODE_TAKEN',
} as const;
