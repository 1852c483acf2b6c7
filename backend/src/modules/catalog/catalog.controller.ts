import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import {
  Category,
  CategoryNode,
  IMPORT_MAX_BYTES,
  ImportResult,
  Page,
  Permission,
  Product,
  ProductListItem,
  ReorderRule,
} from '@stockmaster/contracts';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { RequirePermission } from '../../common/auth/require-permission.decorator';
import { ValidationError } from '../../common/errors/domain-error';
import { ApiErrors } from '../../common/swagger/api-errors.decorator';
import { PageMetaDto, PageOf } from '../../common/swagger/page-of';
import { CategoriesService } from './categories.service';
import {
  CategoryDto,
  CategoryListQueryDto,
  CategoryNodeDto,
  CreateCategoryDto,
  UpdateCategoryDto,
} from './dto/category.dto';
import {
  CreateProductDto,
  ImportFileDto,
  ImportQueryDto,
  ImportResultDto,
  ProductDto,
  ProductFilterDto,
  ProductListItemDto,
  ProductListQueryDto,
  UpdateProductDto,
} from './dto/product.dto';
import {
  CreateReorderRuleDto,
  ReorderRuleDto,
  ReorderRuleListQueryDto,
  UpdateReorderRuleDto,
} from './dto/reorder-rule.dto';
import { ProductExportService } from './product-export.service';
import { ProductImportService } from './product-import.service';
import { ProductsService } from './products.service';
import { ReorderRulesService } from './reorder-rules.service';

@ApiTags('categories')
@ApiBearerAuth()
@ApiExtraModels(CategoryNodeDto, PageMetaDto, PageOf(CategoryDto))
@Controller('categories')
export class CategoriesController {
  constructor(private readonly categories: CategoriesService) {}

  @Get()
  @RequirePermission(Permission.CatalogRead)
  @ApiOperation({
    summary: 'Categories: flat and paged by path, or `?tree=true` for the whole nested tree',
  })
  @ApiOkResponse({
    schema: {
      oneOf: [
        { $ref: getSchemaPath(PageOf(CategoryDto)) },
        {
          properties: { data: { type: 'array', items: { $ref: getSchemaPath(CategoryNodeDto) } } },
        },
      ],
    },
  })
  @ApiErrors(400, 401, 403)
  list(@Query() query: CategoryListQueryDto): Promise<Page<Category> | { data: CategoryNode[] }> {
    return query.tree ? this.categories.tree() : this.categories.list(query);
  }

  @Post()
  @RequirePermission(Permission.CatalogWrite)
  @ApiCreatedResponse({ type: CategoryDto })
  @ApiErrors(400, 401, 403, 404, 409)
  create(
    @Body() dto: CreateCategoryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Category> {
    return this.categories.create(dto, user);
  }

  @Get(':id')
  @RequirePermission(Permission.CatalogRead)
  @ApiOkResponse({ type: CategoryDto })
  @ApiErrors(400, 401, 403, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<Category> {
    return this.categories.get(id);
  }

  @Patch(':id')
  @RequirePermission(Permission.CatalogWrite)
  @ApiOperation({ summary: 'Rename and/or move (no cycles: 422 CATEGORY_CYCLE)' })
  @ApiOkResponse({ type: CategoryDto })
  @ApiErrors(400, 401, 403, 404, 409, 422)
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateCategoryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Category> {
    return this.categories.update(id, dto, user);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.CatalogWrite)
  @ApiOperation({
    summary: 'Delete an empty category (409 CATEGORY_IN_USE with products or subcategories)',
  })
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 404, 409)
  remove(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    return this.categories.remove(id, user);
  }
}

@ApiTags('products')
@ApiBearerAuth()
@Controller('products')
export class ProductsController {
  constructor(
    private readonly products: ProductsService,
    private readonly importer: ProductImportService,
    private readonly exporter: ProductExportService,
  ) {}

  @Get()
  @RequirePermission(Permission.CatalogRead)
  @ApiOperation({ summary: 'Products: search SKU/name/barcode, filter, sort, page' })
  @ApiOkResponse({ type: PageOf(ProductListItemDto) })
  @ApiErrors(400, 401, 403)
  list(
    @Query() query: ProductListQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Page<ProductListItem>> {
    return this.products.list(query, user);
  }

  @Post()
  @RequirePermission(Permission.CatalogWrite)
  @ApiCreatedResponse({ type: ProductDto })
  @ApiErrors(400, 401, 403, 409)
  create(@Body() dto: CreateProductDto, @CurrentUser() user: AuthenticatedUser): Promise<Product> {
    return this.products.create(dto, user);
  }

  @Get('export')
  @RequirePermission(Permission.CatalogRead)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="products.csv"')
  @ApiOperation({ summary: 'Stream the (filtered) products as CSV in the import’s columns' })
  @ApiProduces('text/csv')
  @ApiOkResponse({ schema: { type: 'string', format: 'binary' } })
  @ApiErrors(400, 401, 403)
  export(@Query() filter: ProductFilterDto): StreamableFile {
    return new StreamableFile(this.exporter.export(filter));
  }

  @Post('import')
  @HttpCode(HttpStatus.OK)
  @RequirePermission(Permission.CatalogWrite)
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } }))
  @ApiOperation({
    summary: 'Import products from CSV (upsert by SKU), all or nothing',
    description:
      'Columns: sku, name, description, category (a path like Meat/Poultry, created when missing), unit, barcode, tracking, ' +
      'shelfLifeDays, expiryWarningDays; header required; UTF-8 with or without BOM; comma or semicolon. With any row error ' +
      'nothing is written and every error is listed; `dryRun=true` never writes. At most 50,000 rows and 10 MB (413).',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportFileDto })
  @ApiOkResponse({ type: ImportResultDto })
  @ApiErrors(400, 401, 403, 413)
  import(
    @UploadedFile() file: { buffer: Buffer } | undefined,
    @Query() query: ImportQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ImportResult> {
    if (!file)
      throw new ValidationError([
        { field: 'file', message: 'Attach the CSV as the multipart field "file"' },
      ]);
    return this.importer.import(file.buffer, query.dryRun ?? false, user);
  }

  @Get(':id')
  @RequirePermission(Permission.CatalogRead)
  @ApiOkResponse({ type: ProductDto })
  @ApiErrors(400, 401, 403, 404)
  get(@Param('id', ParseUUIDPipe) id: string): Promise<Product> {
    return this.products.get(id);
  }

  @Patch(':id')
  @RequirePermission(Permission.CatalogWrite)
  @ApiOperation({
    summary: 'Change a product; `version` must be the one you read (409 STALE_VERSION otherwise)',
  })
  @ApiOkResponse({ type: ProductDto })
  @ApiErrors(400, 401, 403, 404, 409)
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateProductDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Product> {
    return this.products.update(id, dto, user);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.CatalogWrite)
  @ApiOperation({ summary: 'Archive a product (active=false); it stays in history' })
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 404, 409)
  archive(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    return this.products.archive(id, user);
  }
}

@ApiTags('reorder-rules')
@ApiBearerAuth()
@Controller('reorder-rules')
export class ReorderRulesController {
  constructor(private readonly rules: ReorderRulesService) {}

  @Get()
  @RequirePermission(Permission.CatalogRead)
  @ApiOkResponse({ type: PageOf(ReorderRuleDto) })
  @ApiErrors(400, 401, 403)
  list(
    @Query() query: ReorderRuleListQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Page<ReorderRule>> {
    return this.rules.list(user, query);
  }

  @Post()
  @RequirePermission(Permission.CatalogWrite)
  @ApiCreatedResponse({ type: ReorderRuleDto })
  @ApiErrors(400, 401, 403, 409)
  create(
    @Body() dto: CreateReorderRuleDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ReorderRule> {
    return this.rules.create(dto, user);
  }

  @Get(':id')
  @RequirePermission(Permission.CatalogRead)
  @ApiOkResponse({ type: ReorderRuleDto })
  @ApiErrors(400, 401, 403, 404)
  get(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ReorderRule> {
    return this.rules.get(user, id);
  }

  @Patch(':id')
  @RequirePermission(Permission.CatalogWrite)
  @ApiOkResponse({ type: ReorderRuleDto })
  @ApiErrors(400, 401, 403, 404)
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateReorderRuleDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<ReorderRule> {
    return this.rules.update(id, dto, user);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @RequirePermission(Permission.CatalogWrite)
  @ApiNoContentResponse()
  @ApiErrors(400, 401, 403, 404)
  remove(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<void> {
    return this.rules.remove(id, user);
  }
}
