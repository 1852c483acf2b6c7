import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

export interface ClaimedMail {
  id: string;
  to_address: string;
  subject: string;
  template: string;
  context: Record<string, unknown>;
  attempts: number;
}

/** A message claimed but not finished within this time (a crashed worker) is claimed again. */
const CLAIM_LEASE = '2 minutes';

@Injectable()
export class MailOutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Queues a message in the caller's transaction. */
  async enqueue(
    manager: EntityManager,
    mail: { to: string; subject: string; template: string; context: unknown },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO mail_outbox (to_address, subject, template, context) VALUES ($1, $2, $3, $4)`,
      [mail.to, mail.subject, mail.template, JSON.stringify(mail.context)],
    );
  }

  /**
   * Claims due messages. SKIP LOCKED lets every API instance run a worker: each message goes
   * to exactly one of them.
   */
  async claim(limit: number): Promise<ClaimedMail[]> {
    const [rows] = await this.dataSource.query(
      `UPDATE mail_outbox
          SET status = 'sending', attempts = attempts + 1, locked_until = now() + interval '${CLAIM_LEASE}'
        WHERE id IN (
          SELECT id FROM mail_outbox
           WHERE (status = 'pending' AND next_attempt_at <= now())
              OR (status = 'sending' AND locked_until < now())
           ORDER BY next_attempt_at
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
        RETURNING id, to_address, subject, template, context, attempts`,
      [limit],
    );
    return rows as ClaimedMail[];
  }

  /** Marks a message sent and erases its secret context fields (see MAIL_SECRET_FIELDS). */
  async markSent(id: string, secretFields: string[]): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_outbox
          SET status = 'sent', sent_at = now(), locked_until = NULL, last_error = NULL,
              context = context - $2::text[]
        WHERE id = $1`,
      [id, secretFields],
    );
  }

  /**
   * Reschedules a failed message, or gives it up (`retryInMs` null): then its secret fields are
   * erased too, since nobody will read them any more.
   */
  async markFailed(
    id: string,
    error: string,
    retryInMs: number | null,
    secretFields: string[],
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE mail_outbox
          SET status = CASE WHEN $3::bigint IS NULL THEN 'failed' ELSE 'pending' END,
              next_attempt_at = now() + make_interval(secs => COALESCE($3::bigint, 0) / 1000.0),
              locked_until = NULL,
              last_error = left($2, 500),
              context = CASE WHEN $3::bigint IS NULL THEN context - $4::text[] ELSE context END
        WHERE id = $1`,
      [id, error, retryInMs, secretFields],
    );
  }
}
