import { StockLevel } from '@stockmaster/contracts';
import type { LevelRow } from './stock-levels.repository';

/** A level row (as it is or as it stood) in the contract's shape. */
export function toLevel(row: LevelRow): StockLevel {
  return {
    product: { id: row.product_id, sku: row.sku, name: row.name, unit: row.unit },
    location: { id: row.location_id, fullName: row.full_name },
    batch: row.batch_id
      ? { id: row.batch_id, code: row.batch_code!, expiresAt: row.batch_expires_at }
      : null,
    quantity: row.quantity,
  };
}
