import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { BatchesModule } from '../batches/batches.module';
import { StockMovesModule } from '../stock-moves/stock-moves.module';
import { StockImportController } from './stock-import.controller';
import { StockImportRepository } from './stock-import.repository';
import { StockImportService } from './stock-import.service';

@Module({
  imports: [AuthModule, StockMovesModule, BatchesModule],
  controllers: [StockImportController],
  providers: [StockImportService, StockImportRepository],
})
export class StockImportModule {}
