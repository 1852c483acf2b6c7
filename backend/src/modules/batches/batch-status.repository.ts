import { Injectable } from '@nestjs/common';
import type { BatchStatus } from '@stockmaster/contracts';
import { EntityManager } from 'typeorm';

export interface BatchStatusChangeRow {
  from_status: BatchStatus;
  to_status: BatchStatus;
  reason: string | null;
  public_notice: string | null;
  user_id: string | null;
  user_email: string | null;
  at: Date;
}

@Injectable()
export class BatchStatusRepository {
  /**
   * Locks a batch for a status change, then every level of it in id order (the order postings
   * lock in): a posting that could move the batch has either committed or waits, and then its
   * ledger trigger reads the new status.
   */
  async lockForStatusChange(
    manager: EntityManager,
    id: string,
  ): Promise<{ code: string; status: BatchStatus } | null> {
    const [row] = await manager.query(
      `SELECT code, status FROM batches WHERE id = $1 FOR NO KEY UPDATE`,
      [id],
    );
    if (!row) return null;
    await manager.query(
      `SELECT id FROM stock_levels WHERE batch_id = $1 ORDER BY id FOR NO KEY UPDATE`,
      [id],
    );
    return row;
  }

  async setStatus(
    manager: EntityManager,
    id: string,
    change: {
      from: BatchStatus;
      to: BatchStatus;
      reason: string | null;
      publicNotice: string | null;
      user: { id: string; email: string };
    },
  ): Promise<void> {
    const recalled = change.to === 'recalled';
    await manager.query(
      `UPDATE batches SET status = $2,
              recall_notice = CASE WHEN $3 THEN $4 ELSE recall_notice END,
              recalled_at = CASE WHEN $3 THEN now() ELSE recalled_at END,
              updated_at = now()
        WHERE id = $1`,
      [id, change.to, recalled, change.publicNotice],
    );
    await manager.query(
      `INSERT INTO batch_status_changes (batch_id, from_status, to_status, reason, public_notice, user_id, user_email)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        id,
        change.from,
        change.to,
        change.reason,
        change.publicNotice,
        change.user.id,
        change.user.email,
      ],
    );
  }

  history(manager: EntityManager, id: string): Promise<BatchStatusChangeRow[]> {
    return manager.query(
      `SELECT from_status, to_status, reason, public_notice, user_id, user_email, at
         FROM batch_status_changes WHERE batch_id = $1 ORDER BY at, id`,
      [id],
    );
  }
}
