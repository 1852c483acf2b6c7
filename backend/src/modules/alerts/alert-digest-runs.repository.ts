import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { selectRows } from '../../common/sql';

/** The once-a-day claims of the scheduled digest (`alert_digest_runs`). */
@Injectable()
export class AlertDigestRunsRepository {
  /**
   * Claims today's run (today read from the database's clock in `timeZone`) once that clock has
   * passed `at`; the date claimed, or null when it is not time yet or the day is already claimed.
   * The claim holds only if the caller's transaction commits.
   */
  async claimToday(manager: EntityManager, timeZone: string, at: string): Promise<string | null> {
    const [claim] = await selectRows<{ date: string }>(
      manager,
      `INSERT INTO alert_digest_runs (date)
       SELECT (now() AT TIME ZONE $1)::date WHERE (now() AT TIME ZONE $1)::time >= $2::time
       ON CONFLICT (date) DO NOTHING
       RETURNING to_char(date, 'YYYY-MM-DD') AS date`,
      [timeZone, at],
    );
    return claim?.date ?? null;
  }

  /** Records how the claimed run ended: mails queued and users with nothing to say. */
  async finish(
    manager: EntityManager,
    date: string,
    result: { recipients: number; skipped: number },
  ): Promise<void> {
    await manager.query(
      `UPDATE alert_digest_runs SET finished_at = clock_timestamp(), recipients = $2, skipped = $3 WHERE date = $1`,
      [date, result.recipients, result.skipped],
    );
  }
}
