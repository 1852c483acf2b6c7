import { Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { AllocationRepository } from './allocation.repository';
import { IdempotencyService } from './idempotency';
import { OperationPlanner } from './operation-planner';
import { OperationsRepository } from './operations.repository';
import { OperationsService } from './operations.service';
import { StockPosting } from './posting';
import { OperationsController } from './operations.controller';
import { StockController } from './stock.controller';
import { StockQueriesService } from './stock-queries.service';
import { StockQueriesRepository } from './stock-queries.repository';
import { StockRepository } from './stock.repository';

const PURGE_INTERVAL_MS = 60 * 60 * 1000;

@Module({
  imports: [AuthModule, AuditModule],
  controllers: [OperationsController, StockController],
  providers: [
    OperationsService,
    OperationsRepository,
    OperationPlanner,
    AllocationRepository,
    StockRepository,
    StockPosting,
    StockQueriesService,
    StockQueriesRepository,
    IdempotencyService,
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
