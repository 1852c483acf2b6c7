import {
  Body,
  Controller,
  Get,
  HttpStatus,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Batch, BatchDetail, Page, Permission } from '@stockmaster/contracts';
import type { Response } from 'express';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { PageOf } from '../../common/swagger/page-of';
import { BatchesService } from './batches.service';
import { BatchDetailDto, BatchDto } from './dto/batch-responses.dto';
import { BatchListQueryDto, CreateBatchDto, QrQueryDto, UpdateBatchDto } from './dto/batch.dto';
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
