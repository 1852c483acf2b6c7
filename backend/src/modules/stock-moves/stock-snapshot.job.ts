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
import { StockSnapshotsRepository } from './stock-snapshots.repository';

/** A boundary is taken this long after it passed: postings that began before it have ended. */
const SETTLE_MS = 10 * 60_000;
/** Boundaries one run takes at most (a long history is caught up over a few runs). */
const MAX_PER_RUN = 400;

/** The boundary could not be taken yet: its claim is rolled back. */
class NotYet extends Error {}

/**
 * Takes the closing balances as-of queries start from (daily by default, every
 * `stockSnapshots.periodDays`): at start and every `stockSnapshots.intervalMs`, on every instance; each boundary is taken once across instances
 * (its row in `stock_snapshot_days` is claimed by the transaction that writes it).
 */
@Injectable()
export class StockSnapshotJob implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(StockSnapshotJob.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly snapshots: StockSnapshotsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const every = this.config.stockSnapshots.intervalMs;
    if (!every) return;
    const run = () =>
      void this.runOnce().catch((error: unknown) =>
        this.logger.warn(`stock snapshots: ${(error as Error).message}`),
      );
    run();
    this.timer = setInterval(run, every);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /**
   * Takes every boundary that is due, oldest first; answers how many this instance took. Runs
   * of one instance do not overlap (a second call joins the first).
   */
  runOnce(): Promise<number> {
    this.running ??= this.takeDue().finally(() => (this.running = null));
    return this.running;
  }

  private async takeDue(): Promise<number> {
    let taken = 0;
    for (let attempt = 0; attempt < MAX_PER_RUN; attempt++) {
      const until = new Date(Date.now() - SETTLE_MS);
      let outcome: 'taken' | 'other' | 'none';
      try {
        outcome = await this.dataSource.transaction(async (manager) => {
          const previous = await this.snapshots.latest(manager);
          const next = await this.snapshots.nextBoundary(
            manager,
            previous,
            this.config.stockSnapshots.periodDays,
          );
          if (!next || next > until) return 'none';
          if (!(await this.snapshots.claim(manager, next))) return 'other';
          if (await this.snapshots.olderTransactionsOpen(manager, next)) throw new NotYet();
          await this.snapshots.write(manager, next, previous);
          return 'taken';
        });
      } catch (error) {
        if (error instanceof NotYet) break;
        throw error;
      }
      if (outcome === 'none') break;
      if (outcome === 'taken') taken++;
    }
    return taken;
  }
}
