import { Controller, Get, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BatchTrace, Permission } from '@stockmaster/contracts';
import type { Response } from 'express';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { IdParam } from '../../common/http/parse-id.pipe';
import { BatchTraceService } from './batch-trace.service';
import { TraceQueryDto } from './dto/batch.dto';
import { BatchTraceDto } from './dto/trace-responses.dto';

/** A lot's traceability: the recall question, answered. */
@ApiTags('batches')
@Controller('batches')
export class BatchTraceController {
  constructor(private readonly batches: BatchTraceService) {}

  @Get(':id/trace')
  @Endpoint({
    access: Permission.BatchesRead,
    operationId: 'traceBatch',
    summary:
      'Where a lot came from (receipts), where it is (on hand) and where it went (deliveries, scrap), reversals netted; `?format=csv` for a spreadsheet',
    description: 'Agents see the operations and stock of their own warehouses only.',
    type: BatchTraceDto,
    alternatives: { 'text/csv': { type: 'string', format: 'binary' } },
    errors: [400, 404],
  })
  async trace(
    @IdParam() id: string,
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
}
