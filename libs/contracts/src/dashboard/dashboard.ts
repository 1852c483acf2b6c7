import { BatchRef, OperationType, ProductRef, WarehouseRef } from '../stock/stock';

/** How many rows each attention card carries, enough to render its list without another call. */
export const DASHBOARD_ITEMS_PER_CARD = 5;

/** One card of "what needs attention": how many in all, and the first few. */
export interface AttentionCard<T> {
  count: number;
  items: T[];
}

/** A batch that still has stock on hand in the caller's warehouses (expired, expiring or blocked). */
export interface AttentionBatch {
  batch: BatchRef;
  product: ProductRef;
  warehouse: WarehouseRef;
  /** Decimal string: on hand in that warehouse. */
  onHand: string;
  /**
   * 0 or less once expired (expired on its expiry date); null for a batch without an expiry
   * date, which only the blocked card can list.
   */
  daysToExpiry: number | null;
}

/** A (product, warehouse) pair whose stock is below its reorder rule's minimum. */
export interface AttentionLowStock {
  product: ProductRef;
  warehouse: WarehouseRef;
  onHand: string;
  minQuantity: string;
}

export interface AttentionDraft {
  id: string;
  reference: string;
  type: OperationType;
  warehouse: WarehouseRef;
  createdAt: string;
  scheduledAt: string | null;
  lineCount: number;
}

export interface DashboardAttention {
  expiredBatches: AttentionCard<AttentionBatch>;
  expiringBatches: AttentionCard<AttentionBatch>;
  belowMinimum: AttentionCard<AttentionLowStock>;
  draftOperations: AttentionCard<AttentionDraft>;
  /**
   * Blocked batches: quarantined or recalled, with stock still on hand (a recalled batch on the
   * shelf needs scrapping or returning as much as a quarantined one needs a decision). The
   * count is `GET /batches?blocked=true`'s total.
   */
  quarantinedBatches: AttentionCard<AttentionBatch>;
}

/** Validated operations of one type since local midnight. */
export interface TodayActivity {
  operations: number;
  lines: number;
}

export type DashboardToday = Record<OperationType, TodayActivity>;

/** One day of the stock movement chart: quantities into and out of internal locations. */
export interface MovesPerDay {
  /** `YYYY-MM-DD`, in the server's time zone. */
  date: string;
  in: string;
  out: string;
}

export const EXPIRY_BUCKETS = [
  'expired',
  'days0to2',
  'days3to7',
  'days8to30',
  'over30',
  'noExpiry',
] as const;
export type ExpiryBucket = (typeof EXPIRY_BUCKETS)[number];

export interface ExpiryBucketRow {
  bucket: ExpiryBucket;
  /** Decimal string: quantity on hand (summed across products and units). */
  quantity: string;
}

/** `GET /api/v1/dashboard?warehouseId=`: everything the overview shows, in one answer. */
export interface Dashboard {
  /** The warehouse asked for, or null for all the caller's warehouses. */
  warehouseId: string | null;
  attention: DashboardAttention;
  today: DashboardToday;
  series: {
    /** The last 30 days, oldest first, today last. */
    movesPerDay: MovesPerDay[];
    /** Always the six buckets, in EXPIRY_BUCKETS order. */
    expiryBuckets: ExpiryBucketRow[];
  };
  /** Whether the install is still empty (drives the console's getting-started checklist). */
  gettingStarted: {
    hasWarehouse: boolean;
    hasProducts: boolean;
    hasStock: boolean;
    hasTeam: boolean;
  };
  generatedAt: string;
}

export const ALERT_DIGEST_CHOICES = ['daily', 'off'] as const;
export type AlertDigestChoice = (typeof ALERT_DIGEST_CHOICES)[number];

/** What one recipient's digest mail says (the dry run answers these). */
export interface DigestFacts {
  expiredBatches: AttentionBatch[];
  expiringBatches: AttentionBatch[];
  belowMinimum: AttentionLowStock[];
  /** Drafts created more than a day ago. */
  staleDrafts: AttentionDraft[];
}

export interface DigestRecipient {
  userId: string;
  email: string;
  fullName: string;
  facts: DigestFacts;
}

/** `POST /api/v1/alerts/digest?dryRun=`: who receives (or would receive) what. */
export interface DigestRunResult {
  dryRun: boolean;
  /** The local date the digest is for. */
  date: string;
  recipients: DigestRecipient[];
  /** Users with the digest on whose mail would have said nothing, so none is sent. */
  skipped: number;
}
