import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { CategoriesController } from './categories.controller';
import { CategoriesRepository } from './categories.repository';
import { CategoriesService } from './categories.service';
import { ProductExportService } from './product-export.service';
import { ProductImportService } from './product-import.service';
import { ProductsRepository } from './products.repository';
import { ProductsController } from './products.controller';
import { ProductsService } from './products.service';
import { ReorderRulesController } from './reorder-rules.controller';
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
