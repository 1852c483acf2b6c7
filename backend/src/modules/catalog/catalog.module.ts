import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import {
  CategoriesController,
  ProductsController,
  ReorderRulesController,
} from './catalog.controller';
import { CategoriesRepository } from './categories.repository';
import { CategoriesService } from './categories.service';
import { ProductExportService } from './product-export.service';
import { ProductImportService } from './product-import.service';
import { ProductsRepository } from './products.repository';
import { ProductsService } from './products.service';
import { ReorderRulesRepository } from './reorder-rules.repository';
import { ReorderRulesService } from './reorder-rules.service';

@Module({
  imports: [AuthModule, AuditModule],
  controllers: [CategoriesController, ProductsController, ReorderRulesController],
  providers: [
    CategoriesService,
    CategoriesRepository,
    ProductsService,
    ProductsRepository,
    ProductImportService,
    ProductExportService,
    ReorderRulesService,
    ReorderRulesRepository,
  ],
  exports: [ProductsService],
})
export class CatalogModule {}
