import { Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { BatchRecordsModule } from '../batches/batch-records.module';
import { WarehouseModule } from '../warehouse/warehouse.module';
import { AllocationRepository } from './allocation.repository';
import { IdempotencyService } from './idempotency';
import { IdempotencyRepository } from './idempotency.repository';
import { OperationAccess } from './operation-access';
import { OperationDraftsService } from './operation-drafts.service';
import { OperationPostingService } from './operation-posting.service';
import { OperationsRepository } from './operations.repository';
import { OperationsService } from './operations.service';
import { PlanningService } from './planning.service';
import { StockPosting } from './posting';
import { PostingTransaction } from './posting-transaction';
import { ReceiptBatches } from './receipt-batches';
import { OperationsController } from './operations.controller';
import { StockController } from './stock.controller';
import { StockQueriesService } from './stock-queries.service';
import { LedgerRepository } from './ledger.repository';
import { StockLevelsRepository } from './stock-levels.repository';
import { StockQueriesRepository } from './stock-queries.repository';
import { StockRepository } from './stock.repository';
import { StockSnapshotJob } from './stock-snapshot.job';
import { StockSummariesRepository } from './stock-summaries.repository';
import { StockSnapshotsRepository } from './stock-snapshots.repository';

const PURGE_INTERVAL_MS = 60 * 60 * 1000;

@Module({
  imports: [AuthModule, AuditModule, BatchRecordsModule, WarehouseModule],
  controllers: [OperationsController, StockController],
  providers: [
    OperationsService,
    OperationDraftsService,
    OperationPostingService,
    OperationAccess,
    OperationsRepository,
    PlanningService,
    PostingTransaction,
    ReceiptBatches,
    AllocationRepository,
    StockRepository,
    StockPosting,
    StockQueriesService,
    StockQueriesRepository,
    StockLevelsRepository,
    LedgerRepository,
    StockSummariesRepository,
    IdempotencyService,
    IdempotencyRepository,
    StockSnapshotsRepository,
    StockSnapshotJob,
  ],
  exports: [OperationsService, StockQueriesService],
})
export class StockMovesModule implements OnApplicationBootstrap, OnApplicationShutdown {
  private purge: NodeJS.Timeout | undefined;

  constructor(private readonly idempotency: IdempotencyService) {}

  /** Idempotency keys expire after 24 hours; an hourly sweep keeps the table small. */
  onApplicationBootstrap(): void {
    this.purge = setInterval(
      () => void this.idempotency.purgeExpired().catch(() => undefined),
      PURGE_INTERVAL_MS,
    );
    this.purge.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.purge);
  }
}
