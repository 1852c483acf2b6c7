import {
  Controller,
  Get,
  Header,
  HttpStatus,
  Post,
  Query,
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import {
  Permission,
  STOCK_IMPORT_COLUMNS,
  STOCK_IMPORT_MAX_BYTES,
  StockImportResult,
} from '@stockmaster/contracts';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { ValidationError } from '../../common/errors/domain-error';
import { Endpoint } from '../../common/http/endpoint.decorator';
import {
  StockImportFileDto,
  StockImportQueryDto,
  StockImportResultDto,
} from './dto/stock-import.dto';
import { stockImportTemplate } from './stock-import-csv';
import { StockImportService } from './stock-import.service';

@ApiTags('stock')
@Controller('stock/import')
export class StockImportController {
  constructor(private readonly importer: StockImportService) {}

  @Post()
  @Endpoint({
    access: Permission.OperationsAdjust,
    operationId: 'importStockCounts',
    summary: 'Opening stock and counts from CSV: one draft adjustment per warehouse',
    description:
      `Columns: ${STOCK_IMPORT_COLUMNS.join(', ')}. \`location\` is a full path such as MAIN/Stock/Cold room (its first ` +
      'segment is the warehouse); `quantity` is the quantity counted (0 or more, up to 3 decimals); batch-tracked products ' +
      'need `batch` (an existing code of the product is reused, a new one is created with `expiresAt` and `producedAt`, ' +
      'dates YYYY-MM-DD), untracked ones take none. Header required; UTF-8 with or without BOM; comma or semicolon. ' +
      'With any row error nothing is written and every error is listed (200, like the product import); `dryRun=true` ' +
      'never writes and says what would be created. The drafts are validated like any count. At most 50,000 rows and ' +
      '10 MB (413).',
    status: HttpStatus.OK,
    type: StockImportResultDto,
    errors: [400, 413],
  })
  @UseInterceptors(
    FileInterceptor('file', { limits: { fileSize: STOCK_IMPORT_MAX_BYTES, files: 1 } }),
  )
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: StockImportFileDto })
  import(
    @UploadedFile() file: { buffer: Buffer; originalname?: string } | undefined,
    @Query() query: StockImportQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<StockImportResult> {
    if (!file)
      throw new ValidationError([
        { field: 'file', message: 'Attach the CSV as the multipart field "file"' },
      ]);
    return this.importer.import(file.buffer, query.dryRun ?? false, user, file.originalname);
  }

  @Get('template')
  @Endpoint({
    access: Permission.OperationsAdjust,
    operationId: 'getStockImportTemplate',
    summary: 'A CSV template for the stock import: the header and two example rows',
    schema: { type: 'string' },
    produces: ['text/csv'],
  })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="stock-import-template.csv"')
  template(): string {
    return stockImportTemplate();
  }
}
