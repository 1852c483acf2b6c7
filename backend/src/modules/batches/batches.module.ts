import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { StockMovesModule } from '../stock-moves/stock-moves.module';
import { BatchesController } from './batches.controller';
import { BatchSafetyController } from './batch-safety.controller';
import { BatchTraceController } from './batch-trace.controller';
import { ProductTraceController } from './product-trace.controller';
import { PublicBatchesController } from './public-batches.controller';
import { BatchRecordsModule } from './batch-records.module';
import { BatchStatusRepository } from './batch-status.repository';
import { BatchStatusService } from './batch-status.service';
import { BatchTraceRepository } from './batch-trace.repository';
import { BatchTraceService } from './batch-trace.service';
import { BatchesService } from './batches.service';

@Module({
  imports: [
    AuthModule,
    AuditModule,
    BatchRecordsModule,
    StockMovesModule,
    // Its own budget: scans from a shop's customers must not eat the sign-in budget.
    ThrottlerModule.forRoot({
      throttlers: [{ ttl: 60_000, limit: 60 }],
      generateKey: (_c, tracker, name) => `public:${name}:${tracker}`,
    }),
  ],
  controllers: [
    BatchesController,
    BatchSafetyController,
    BatchTraceController,
    ProductTraceController,
    PublicBatchesController,
  ],
  providers: [
    BatchesService,
    BatchStatusService,
    BatchTraceService,
    BatchStatusRepository,
    BatchTraceRepository,
  ],
  exports: [BatchesService],
})
export class BatchesModule {}
