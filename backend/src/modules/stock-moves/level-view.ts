import { freshness, StockLevel } from '@stockmaster/contracts';
import type { LevelRow } from './stock-levels.repository';

/** A level row (as it is or as it stood) in the contract's shape; `today` judges freshness. */
export function toLevel(row: LevelRow, today: string): StockLevel {
  return {
    product: { id: row.product_id, sku: row.sku, name: row.name, unit: row.unit },
    location: { id: row.location_id, fullName: row.full_name },
    batch: row.batch_id
      ? {
          id: row.batch_id,
          code: row.batch_code!,
          expiresAt: row.batch_expires_at,
          status: row.batch_status!,
          freshness: freshness(
            { receivedAt: row.batch_received_at, expiresAt: row.batch_expires_at },
            row.expiry_warning_days,
            today,
          ),
        }
      : null,
    quantity: row.quantity,
  };
}
