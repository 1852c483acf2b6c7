import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Permission, ProductTrace } from '@stockmaster/contracts';
import type { Response } from 'express';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { IdParam } from '../../common/http/parse-id.pipe';
import { BatchTraceService } from './batch-trace.service';
import { ProductTraceQueryDto } from './dto/batch.dto';
import { ProductTraceDto } from './dto/trace-responses.dto';

/** A product's lots over a range of days: the recall question when the lot is not known yet. */
@ApiTags('batches')
@Controller('products')
export class ProductTraceController {
  constructor(private readonly batches: BatchTraceService) {}

  @Get(':id/trace')
  @Endpoint({
    access: Permission.StockRead,
    operationId: 'traceProduct',
    summary:
      'A product’s receipts, deliveries and scrap validated between two days (each naming its batch, reversals netted) and its stock now; `?format=csv` for a spreadsheet',
    description: 'Agents see the operations and stock of their own warehouses only.',
    type: ProductTraceDto,
    alternatives: { 'text/csv': { type: 'string', format: 'binary' } },
    errors: [400, 404],
  })
  async trace(
    @IdParam() id: string,
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
