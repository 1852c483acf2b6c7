import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { StockMovesModule } from '../stock-moves/stock-moves.module';
import { DashboardController } from './dashboard.controller';
import { DashboardRepository } from './dashboard.repository';
import { DashboardService } from './dashboard.service';

@Module({
  imports: [AuthModule, StockMovesModule],
  controllers: [DashboardController],
  providers: [DashboardService, DashboardRepository],
  exports: [DashboardService],
})
export class DashboardModule {}
