import {
  Body,
  Controller,
  Get,
  HttpStatus,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  Batch,
  BatchDetail,
  BatchTrace,
  Page,
  Permission,
  ProductTrace,
} from '@stockmaster/contracts';
import type { Response } from 'express';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { PageOf } from '../../common/swagger/page-of';
import { BatchesService } from './batches.service';
import { BatchDetailDto, BatchDto } from './dto/batch-responses.dto';
import {
  BatchListQueryDto,
  CreateBatchDto,
  ProductTraceQueryDto,
  QrQueryDto,
  QuarantineBatchDto,
  RecallBatchDto,
  ReleaseBatchDto,
  TraceQueryDto,
  UpdateBatchDto,
} from './dto/batch.dto';
import { IdParam } from '../../common/http/parse-id.pipe';

@ApiTags('batches')
@Controller('batches')
export class BatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Get()
  @Endpoint({
    access: Permission.BatchesRead,
    operationId: 'listBatches',
    summary:
      'Batches with freshness and on-hand (agents: in their warehouses); status filter runs in SQL',
    type: PageOf(BatchDto),
    errors: [400],
  })
  list(
    @Query() query: BatchListQueryDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Page<Batch>> {
    return this.batches.list(user, query);
  }

  @Post()
  @Endpoint({
    access: Permission.BatchesWrite,
    operationId: 'createBatch',
    summary: 'Create a batch (receipts can also create them inline)',
    status: HttpStatus.CREATED,
    type: BatchDto,
    errors: [400, 404, 409, 422],
  })
  create(@Body() dto: CreateBatchDto, @CurrentUser() user: AuthenticatedUser): Promise<Batch> {
    return this.batches.create(dto, user);
  }

  @Get(':id')
  @Endpoint({
    access: Permission.BatchesRead,
    operationId: 'getBatch',
    summary: 'A batch with its stock by location and its moves',
    type: BatchDetailDto,
    errors: [400, 404],
  })
  get(@IdParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<BatchDetail> {
    return this.batches.get(user, id);
  }

  @Patch(':id')
  @Endpoint({
    access: Permission.BatchesWrite,
    operationId: 'updateBatch',
    summary: 'Change a batch’s dates or notes: absent fields stay, null clears',
    type: BatchDto,
    errors: [400, 404],
  })
  update(
    @IdParam() id: string,
    @Body() dto: UpdateBatchDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<Batch> {
    return this.batches.update(id, dto, user);
  }

  @Get(':id/qr')
  @Endpoint({
    access: Permission.BatchesRead,
    operationId: 'getBatchQrCode',
    summary: 'The QR code of the batch’s public freshness page (SVG or PNG)',
    schema: { type: 'string', format: 'binary' },
    produces: ['image/svg+xml', 'image/png'],
    errors: [400, 404],
  })
  async qr(
    @IdParam() id: string,
    @Query() query: QrQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { body, type } = await this.batches.qr(user, id, query.format ?? 'svg');
    res.setHeader('Content-Type', type);
    return new StreamableFile(typeof body === 'string' ? Buffer.from(body) : body);
  }

  @Post(':id/rotate-token')
  @Endpoint({
    access: Permission.BatchesWrite,
    operationId: 'rotateBatchToken',
    location: '/batches/{id}',
    summary: 'Replace the public token: old QR codes stop working',
    status: HttpStatus.CREATED,
    type: BatchDto,
    errors: [400, 404],
  })
  rotate(@IdParam() id: string, @CurrentUser() user: AuthenticatedUser): Promise<Batch> {
    return this.batches.rotateToken(id, user);
  }
}

/**
 * Food safety: holding, releasing and recalling a batch. Every route declares its access with
 * `@Endpoint`, which documents the bearer scheme itself.
 */
@ApiTags('batches')
@Controller('batches')
export class BatchSafetyController {
  constructor(private readonly batches: BatchesService) {}

  @Get(':id/trace')
  @Endpoint({
    access: Permission.BatchesRead,
    operationId: 'traceBatch',
    summary:
      'Where a lot came from (receipts), where it is (on hand) and where it went (deliveries, scrap), reversals netted; `?format=csv` for a spreadsheet',
    description: 'Agents see the operations and stock of their own warehouses only.',
    produces: ['application/json', 'text/csv'],
    errors: [400, 404],
  })
  async trace(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: TraceQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BatchTrace | StreamableFile> {
    if (query.format !== 'csv') return this.batches.trace(user, id);
    const csv = await this.batches.traceCsv(user, id);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="trace-${id}.csv"`);
    return new StreamableFile(csv);
  }

  @Post(':id/quarantine')
  @Endpoint({
    access: Permission.BatchesWrite,
    status: HttpStatus.OK,
    operationId: 'quarantineBatch',
    summary:
      'Hold a batch: never delivered nor transferred until released (counts and scrap still work)',
    errors: [400, 404, 409],
  })
  quarantine(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: QuarantineBatchDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<BatchDetail> {
    return this.batches.quarantine(id, dto.reason, user);
  }

  @Post(':id/release')
  @Endpoint({
    access: Permission.BatchesWrite,
    status: HttpStatus.OK,
    operationId: 'releaseBatch',
    summary: 'Release a quarantined batch (409 for any other status)',
    errors: [400, 404, 409],
  })
  release(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ReleaseBatchDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<BatchDetail> {
    return this.batches.release(id, dto.reason || null, user);
  }

  @Post(':id/recall')
  @Endpoint({
    access: Permission.BatchesWrite,
    status: HttpStatus.OK,
    operationId: 'recallBatch',
    summary:
      'Recall a batch, for good: blocked like a quarantine, and its public page shows the notice first',
    errors: [400, 404, 409],
  })
  recall(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RecallBatchDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<BatchDetail> {
    return this.batches.recall(id, dto.reason, dto.publicNotice, user);
  }
}

/** A product's lots over a range of days: the recall question when the lot is not known yet. */
@ApiTags('batches')
@Controller('products')
export class ProductTraceController {
  constructor(private readonly batches: BatchesService) {}

  @Get(':id/trace')
  @Endpoint({
    access: Permission.StockRead,
    operationId: 'traceProduct',
    summary:
      'A product’s receipts, deliveries and scrap validated between two days (each naming its batch, reversals netted) and its stock now; `?format=csv` for a spreadsheet',
    description: 'Agents see the operations and stock of their own warehouses only.',
    produces: ['application/json', 'text/csv'],
    errors: [400, 404],
  })
  async trace(
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: ProductTraceQueryDto,
    @CurrentUser() user: AuthenticatedUser,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ProductTrace | StreamableFile> {
    const from = query.from ?? null;
    const to = query.to ?? null;
    if (query.format !== 'csv') return this.batches.productTrace(user, id, from, to);
    const csv = await this.batches.productTraceCsv(user, id, from, to);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="trace-product-${id}.csv"`);
    return new StreamableFile(csv);
  }
}
