import { Batch, BatchRecall, freshness } from '@stockmaster/contracts';
import type { BatchRow } from './batches.repository';

/** The page a batch's QR code opens, under the console's public address. */
export function batchPublicUrl(publicBase: string, token: string): string {
  return `${publicBase}/fresh/${token}`;
}

export function batchRecall(row: BatchRow): BatchRecall | null {
  return row.status === 'recalled' && row.recall_notice && row.recalled_at
    ? { notice: row.recall_notice, recalledAt: row.recalled_at.toISOString() }
    : null;
}

/** A batch row as the API answers it, fresh as of `today`. */
export function toBatch(row: BatchRow, today: string, publicBase: string): Batch {
  return {
    id: row.id,
    productId: row.product_id,
    product: {
      id: row.product_id,
      sku: row.sku,
      name: row.product_name,
      unit: row.unit,
      expiryWarningDays: row.expiry_warning_days,
    },
    code: row.code,
    producedAt: row.produced_at,
    receivedAt: row.received_at,
    expiresAt: row.expires_at,
    notes: row.notes,
    status: row.status,
    recall: batchRecall(row),
    freshness: freshness(
      { receivedAt: row.received_at, expiresAt: row.expires_at },
      row.expiry_warning_days,
      today,
    ),
    onHand: row.on_hand,
    publicUrl: batchPublicUrl(publicBase, row.public_token),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
