import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  Headers,
  HttpStatus,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  IMPORT_MAX_BYTES,
  ImportResult,
  Page,
  Permission,
  Product,
  ProductListItem,
} from '@stockmaster/contracts';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { ValidationError } from '../../common/errors/domain-error';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { assertIfMatch, etagOf, IfMatchHeader } from '../../common/http/etag';
import { PageOf } from '../../common/swagger/page-of';
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
import { ProductExportService } from './product-export.service';
import { ProductImportService } from './product-import.service';
import { ProductsService } from './products.service';
import { IdParam } from '../../common/http/parse-id.pipe';

@ApiTags('products')
@Controller('products')
export class ProductsController {
  constructor(
    private readonly products: ProductsService,
    private readonly importer: ProductImportService,
    private readonly exporter: ProductExportService,
  ) {}

  @Get()
  @Endpoint({
    access: Permission.CatalogRead,
    operationId: 'listProducts',
    summary: 'Products: search SKU/name/barcode, filter, sort, page',
    type: PageOf(ProductListItemDto),
    errors: [400],
  })
  list(
    @Query() query: ProductListQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Page<ProductListItem>> {
    return this.products.list(query, user);
  }

  @Post()
  @Endpoint({
    access: Permission.CatalogWrite,
    operationId: 'createProduct',
    summary: 'Create a product (SKU unique: 409 SKU_TAKEN)',
    status: HttpStatus.CREATED,
    type: ProductDto,
    errors: [400, 409],
  })
  create(@Body() dto: CreateProductDto, @CurrentUser() user: AuthenticatedUser): Promise<Product> {
    return this.products.create(dto, user);
  }

  @Get('export')
  @Endpoint({
    access: Permission.CatalogRead,
    operationId: 'exportProducts',
    summary: 'Stream the (filtered) products as CSV in the import’s columns',
    schema: { type: 'string', format: 'binary' },
    produces: ['text/csv'],
    errors: [400],
  })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="products.csv"')
  export(@Query() filter: ProductFilterDto): StreamableFile {
    return new StreamableFile(this.exporter.export(filter));
  }

  @Post('import')
  @Endpoint({
    access: Permission.CatalogWrite,
    operationId: 'importProducts',
    summary: 'Import products from CSV (upsert by SKU), all or nothing',
    description:
      'Columns: sku, name, description, category (a path like Meat/Poultry, created when missing), unit, barcode, tracking, ' +
      'shelfLifeDays, expiryWarningDays; header required; UTF-8 with or without BOM; comma or semicolon. With any row error ' +
      'nothing is written and every error is listed; `dryRun=true` never writes. At most 50,000 rows and 10 MB (413).',
    status: HttpStatus.OK,
    type: ImportResultDto,
    errors: [400, 413],
  })
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: IMPORT_MAX_BYTES, files: 1 } }))
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: ImportFileDto })
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
  @Endpoint({
    access: Permission.CatalogRead,
    operationId: 'getProduct',
    summary: 'A product; its ETag is its version',
    type: ProductDto,
    etag: true,
    errors: [400, 404],
  })
  async get(@IdParam() id: string, @Res({ passthrough: true }) res: Response): Promise<Product> {
    const product = await this.products.get(id);
    res.setHeader('ETag', etagOf(product.version));
    return product;
  }

  @Patch(':id')
  @Endpoint({
    access: Permission.CatalogWrite,
    operationId: 'updateProduct',
    summary: 'Change a product; `version` must be the one you read (409 STALE_VERSION otherwise)',
    type: ProductDto,
    etag: true,
    errors: [400, 404, 409, 412],
  })
  @IfMatchHeader()
  async update(
    @IdParam() id: string,
    @Body() dto: UpdateProductDto,
    @CurrentUser() user: AuthenticatedUser,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Product> {
    if (ifMatch !== undefined) assertIfMatch(ifMatch, (await this.products.get(id)).version);
    const product = await this.products.update(id, dto, user);
    res.setHeader('ETag', etagOf(product.version));
    return product;
  }

  @Delete(':id')
  @Endpoint({
    access: Permission.CatalogWrite,
    operationId: 'archiveProduct',
    summary: 'Archive a product (active=false); it stays in history',
    status: HttpStatus.NO_CONTENT,
    errors: [400, 404, 409],
  })
  archive(@IdParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    return this.products.archive(id, user);
  }
}
