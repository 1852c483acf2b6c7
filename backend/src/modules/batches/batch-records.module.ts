import { Module } from '@nestjs/common';
import { BatchDatingRepository } from './batch-dating.repository';
import { BatchReceiving } from './batch-receiving';
import { BatchesRepository } from './batches.repository';

/**
 * The batches table and its writers, without routes: the stock module imports it to receive
 * batches, and BatchesModule (which reads the stock ledger) builds on it.
 */
@Module({
  providers: [BatchesRepository, BatchDatingRepository, BatchReceiving],
  exports: [BatchesRepository, BatchReceiving],
})
export class BatchRecordsModule {}
