import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { selectRows } from '../../common/sql';

export interface UndatedBatch {
  id: string;
  produced_at: string | null;
  received_at: string | null;
  expires_at: string | null;
  shelf_life_days: number | null;
}

/** The dates a receipt gives the batches it brings in. */
@Injectable()
export class BatchDatingRepository {
  /**
   * The batches among `ids` still missing a received date or an expiry, with their product's
   * shelf life, locked (in id order) until the receipt that dates them commits.
   */
  async lockUndated(manager: EntityManager, ids: string[]): Promise<UndatedBatch[]> {
    if (!ids.length) return [];
    return selectRows<UndatedBatch>(
      manager,
      `SELECT b.id, b.produced_at, b.received_at, b.expires_at, p.shelf_life_days
         FROM batches b JOIN products p ON p.id = b.product_id
        WHERE b.id = ANY($1::uuid[]) AND (b.received_at IS NULL OR b.expires_at IS NULL)
        ORDER BY b.id
          FOR UPDATE OF b`,
      [ids],
    );
  }

  /** Fills the received date and expiry of batches that have none yet (a date given stays). */
  async setReceived(
    manager: EntityManager,
    dates: { id: string; receivedAt: string; expiresAt: string | null }[],
  ): Promise<void> {
    if (!dates.length) return;
    await manager.query(
      `UPDATE batches b SET received_at = coalesce(b.received_at, d.received_at),
              expires_at = coalesce(b.expires_at, d.expires_at), updated_at = now()
         FROM unnest($1::uuid[], $2::date[], $3::date[]) AS d(id, received_at, expires_at)
        WHERE b.id = d.id`,
      [dates.map((d) => d.id), dates.map((d) => d.receivedAt), dates.map((d) => d.expiresAt)],
    );
  }
}
