import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  AttentionBatch,
  AttentionCard,
  AttentionDraft,
  AttentionLowStock,
  Dashboard,
  DASHBOARD_ITEMS_PER_CARD,
  todayIn,
} from '@stockmaster/contracts';
import { DataSource } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { WarehouseScope, WarehouseSet } from '../../common/auth/warehouse-scope';
import { NotFoundError } from '../../common/errors/domain-error';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { StockQueriesService } from '../stock-moves/stock-queries.service';
import { AnswersUntilWrite } from './dashboard-answers';
import { BatchAlert, DashboardRepository } from './dashboard.repository';

/** The movement chart's length: the last 30 local days, today included. */
export const MOVES_PER_DAY_DAYS = 30;

/**
 * Summary rows read past which they are merged per key after the answer: every posting appends
 * one or two, and the charts read them all (a folded install has a few per warehouse and date).
 */
export const FOLD_SUMMARIES_ABOVE = 2_000;

/** The dashboard's answer, and the per-scope facts the alert digest reuses. */
@Injectable()
export class DashboardService {
  private readonly logger = new Logger(DashboardService.name);
  private folding: Promise<void> | null = null;

  /** The overview is the console's home page: asked again and again while nothing changes. */
  private readonly answers = new AnswersUntilWrite<Dashboard>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: DashboardRepository,
    private readonly stock: StockQueriesService,
    private readonly scope: WarehouseScope,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Today's date in the business's time zone, as batch freshness reads it everywhere. */
  today(): string {
    return todayIn(this.config.timeZone);
  }

  /**
   * The whole overview in one answer. A warehouse the caller may not see, or that does not
   * exist, is a 404 like any other warehouse the caller asks for by id.
   */
  async dashboard(user: AuthenticatedUser, warehouseId?: string): Promise<Dashboard> {
    if (warehouseId) {
      this.scope.assertVisible(user, warehouseId, 'Warehouse');
      if (!(await this.repository.warehouseExists(this.dataSource.manager, warehouseId)))
        throw new NotFoundError('Warehouse');
    }
    const warehouses: WarehouseSet = warehouseId
      ? [warehouseId]
      : this.scope.visibleWarehouseIds(user);
    const manager = this.dataSource.manager;
    const today = this.today();
    // Read before the queries: an answer computed after a quiet mark is exact until the next write.
    const mark = await this.repository.writeMark(manager);
    const key = JSON.stringify([warehouseId ?? null, warehouses, today]);
    const kept = this.answers.get(key, mark);
    // Nothing has changed since it was computed: its figures are those of now.
    if (kept) return { ...kept, generatedAt: new Date().toISOString() };
    const answer = await this.compute(warehouses, warehouseId ?? null, today);
    this.answers.keep(key, mark, answer);
    return answer;
  }

  private async compute(
    warehouses: WarehouseSet,
    warehouseId: string | null,
    today: string,
  ): Promise<Dashboard> {
    const manager = this.dataSource.manager;
    const limit = DASHBOARD_ITEMS_PER_CARD;
    const timeZone = this.config.timeZone;
    // Independent reads, each on its own pooled connection: the answer takes as long as the slowest.
    const [
      expiredBatches,
      expiringBatches,
      belowMinimum,
      draftOperations,
      blockedBatches,
      activity,
      flows,
      expiry,
      gettingStarted,
    ] = await Promise.all([
      this.repository.batches(manager, { warehouses, today, alert: 'expired', limit }),
      this.repository.batches(manager, { warehouses, today, alert: 'caution', limit }),
      this.belowMinimum(warehouses, limit),
      this.repository.drafts(manager, { warehouses, limit }),
      this.repository.batches(manager, { warehouses, today, alert: 'blocked', limit }),
      this.repository.today(manager, { warehouses, timeZone }),
      this.repository.movesPerDay(manager, { warehouses, timeZone, days: MOVES_PER_DAY_DAYS }),
      this.repository.expiryBuckets(manager, { warehouses, today }),
      this.repository.gettingStarted(manager),
    ]);
    if (flows.rowsRead + expiry.rowsRead > FOLD_SUMMARIES_ABOVE) this.foldSummaries();
    return {
      warehouseId,
      attention: {
        expiredBatches,
        expiringBatches,
        belowMinimum,
        draftOperations,
        quarantinedBatches: blockedBatches,
      },
      today: activity,
      series: { movesPerDay: flows.days, expiryBuckets: expiry.buckets },
      gettingStarted,
      generatedAt: new Date().toISOString(),
    };
  }

  /** Merges the summary rows in the background; one fold at a time per instance. */
  private foldSummaries(): void {
    this.folding ??= this.repository
      .foldSummaries(this.dataSource.manager)
      .catch((error: unknown) =>
        this.logger.warn(`folding the stock summaries: ${(error as Error).message}`),
      )
      .finally(() => (this.folding = null));
  }

  /**
   * (product, warehouse) pairs under their reorder minimum: the stock summary's own query with
   * `belowMinimum`, so the card and `GET /stock-levels/summary?belowMinimum=true` cannot disagree.
   */
  async belowMinimum(
    warehouses: WarehouseSet,
    limit: number,
  ): Promise<AttentionCard<AttentionLowStock>> {
    const { rows, total } = await this.stock.belowMinimum(warehouses, limit);
    return {
      count: total,
      items: rows.map((row) => ({
        product: row.product,
        warehouse: row.warehouse,
        onHand: row.onHand,
        minQuantity: row.minQuantity!,
      })),
    };
  }

  /** Batches with stock on hand in `warehouses` that are `alert`; every row when `limit` is null. */
  batches(
    warehouses: WarehouseSet,
    alert: BatchAlert,
    limit: number | null,
  ): Promise<AttentionCard<AttentionBatch>> {
    return this.repository.batches(this.dataSource.manager, {
      warehouses,
      today: this.today(),
      alert,
      limit,
    });
  }

  /** Draft operations in `warehouses`; `olderThanDay` keeps those created over a day ago. */
  drafts(
    warehouses: WarehouseSet,
    options: { limit: number | null; olderThanDay?: boolean },
  ): Promise<AttentionCard<AttentionDraft>> {
    return this.repository.drafts(this.dataSource.manager, { warehouses, ...options });
  }
}
