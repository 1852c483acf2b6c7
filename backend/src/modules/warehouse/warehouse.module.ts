import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { LocationsController } from './locations.controller';
import { WarehousesController } from './warehouses.controller';
import { WarehouseStockHistory } from './warehouse-stock-history';
import { WarehousesRepository } from './warehouses.repository';
import { WarehousesService } from './warehouses.service';

@Module({
  imports: [AuthModule, AuditModule],
  controllers: [WarehousesController, LocationsController],
  providers: [WarehousesService, WarehousesRepository, WarehouseStockHistory],
  exports: [WarehousesService, WarehouseStockHistory],
})
export class WarehouseModule {}
