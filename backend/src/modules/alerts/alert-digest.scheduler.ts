import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { transaction } from '../../database/transaction';
import { AlertDigestRunsRepository } from './alert-digest-runs.repository';
import { AlertDigestService } from './alert-digest.service';

const CHECK_EVERY_MS = 60_000;

/**
 * Sends the scheduled digest once per local day across every API instance. At start and every
 * minute each instance tries to claim today's row in `alert_digest_runs` once the database's
 * clock, read in TZ, has passed ALERT_DIGEST_AT; the primary key lets one INSERT win. The claim,
 * the queued mails and the run's figures commit together, so an instance dying half-way leaves
 * no claim and the next tick (here or elsewhere) sends it. A day missed because every instance
 * was down is sent when one comes back, the same day, once.
 */
@Injectable()
export class AlertDigestScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AlertDigestScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<string | null> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly digest: AlertDigestService,
    private readonly runs: AlertDigestRunsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.alertDigestAt === null) return;
    void this.tick();
    this.timer = setInterval(() => void this.tick(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /**
   * One check; overlapping calls share the check in progress. Resolves to the date whose digest
   * this instance sent, or null when it is not time yet, another instance has it, or it is off.
   */
  tick(): Promise<string | null> {
    this.running ??= this.check().finally(() => (this.running = undefined));
    return this.running;
  }

  private async check(): Promise<string | null> {
    const at = this.config.alertDigestAt;
    if (at === null) return null;
    try {
      return await transaction(this.dataSource, async (manager) => {
        const date = await this.runs.claimToday(manager, this.config.timeZone, at);
        if (!date) return null;
        const result = await this.digest.send(manager, date);
        await this.runs.finish(manager, date, {
          recipients: result.recipients.length,
          skipped: result.skipped,
        });
        return date;
      });
    } catch (error) {
      // The database may be briefly away; the next tick tries again.
      this.logger.warn(`alert digest check failed: ${String(error)}`);
      return null;
    }
  }
}
