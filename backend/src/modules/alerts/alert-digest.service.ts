import { Inject, Injectable, Logger } from '@nestjs/common';
import { DigestFacts, DigestRecipient, DigestRunResult } from '@stockmaster/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { WarehouseSet } from '../../common/auth/warehouse-scope';
import { transaction } from '../../database/transaction';
import { UsersService } from '../auth/users.service';
import { DashboardService } from '../dashboard/dashboard.service';
import { MailService } from '../mail/mail.service';
import { digestMail, hasNews } from './digest-mail';

/** Below-minimum pairs a digest looks at; beyond that the mail says "and N more" anyway. */
const BELOW_MINIMUM_MAX = 1_000;

/**
 * The daily digest: for every active user whose digest is on, the facts of their warehouses
 * (all of them, or an agent's own), one mail each, none when there is nothing to say.
 */
@Injectable()
export class AlertDigestService {
  private readonly logger = new Logger(AlertDigestService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly dashboard: DashboardService,
    private readonly users: UsersService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Who receives (or, dry, would receive) what today; queues the mails unless `dryRun`. */
  async run(options: { dryRun: boolean; date?: string }): Promise<DigestRunResult> {
    if (options.dryRun) return this.compose(options.date ?? this.dashboard.today());
    return transaction(this.dataSource, (manager) =>
      this.send(manager, options.date ?? this.dashboard.today()),
    );
  }

  /** Queues the digest mails in the caller's transaction (they leave only if it commits). */
  async send(manager: EntityManager, date: string): Promise<DigestRunResult> {
    const result = await this.compose(date);
    const link = `${this.config.publicUrl}/`;
    for (const recipient of result.recipients) {
      const { subject, context } = digestMail(recipient.facts, recipient, date, link);
      await this.mail.enqueue(manager, {
        to: recipient.email,
        subject,
        template: 'alert-digest',
        context,
      });
    }
    // Info only when mail leaves: a run with nothing to say (every fresh install's first start
    // after ALERT_DIGEST_AT) is nothing an operator acts on.
    const queued = result.recipients.length;
    const figures = { date, recipients: queued, skipped: result.skipped };
    if (queued > 0)
      this.logger.log(
        figures,
        `alert digest for ${date}: ${queued} mail${queued === 1 ? '' : 's'} queued`,
      );
    else this.logger.debug(figures, `alert digest for ${date}: nothing to send`);
    return { ...result, dryRun: false };
  }

  private async compose(date: string): Promise<DigestRunResult> {
    const users = await this.users.digestRecipients();
    // Users seeing the same warehouses get the same facts: each set is read once.
    const byScope = new Map<string, Promise<DigestFacts>>();
    const recipients: DigestRecipient[] = [];
    let skipped = 0;
    for (const user of users) {
      const { warehouses } = user;
      const key = warehouses ? warehouses.join(',') : '*';
      if (!byScope.has(key)) byScope.set(key, this.facts(warehouses));
      const facts = await byScope.get(key)!;
      if (!hasNews(facts)) {
        skipped++;
        continue;
      }
      recipients.push({ userId: user.id, email: user.email, fullName: user.fullName, facts });
    }
    return { dryRun: true, date, recipients, skipped };
  }

  /** What a digest says about these warehouses: every row, not the dashboard's first few. */
  async facts(warehouses: WarehouseSet): Promise<DigestFacts> {
    const [expired, expiring, below, stale] = await Promise.all([
      this.dashboard.batches(warehouses, 'expired', null),
      this.dashboard.batches(warehouses, 'caution', null),
      this.dashboard.belowMinimum(warehouses, BELOW_MINIMUM_MAX),
      this.dashboard.drafts(warehouses, { limit: null, olderThanDay: true }),
    ]);
    return {
      expiredBatches: expired.items,
      expiringBatches: expiring.items,
      belowMinimum: below.items,
      staleDrafts: stale.items,
    };
  }
}
