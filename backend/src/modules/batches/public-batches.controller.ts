import { Controller, Get, Header, Param, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { PublicBatchReport } from '@stockmaster/contracts';
import type { Response } from 'express';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { BatchesService } from './batches.service';
import { PublicBatchReportDto } from './dto/batch.dto';

@ApiTags('public')
@UseGuards(ThrottlerGuard)
@Controller('public/batches')
export class PublicBatchesController {
  constructor(private readonly batches: BatchesService) {}

  @Get(':token')
  @Endpoint({
    access: 'public',
    operationId: 'getPublicBatchReport',
    summary: 'Freshness report for a scanned QR code (no login; rate-limited per IP)',
    type: PublicBatchReportDto,
    errors: [404, 429],
  })
  @Header('Cache-Control', 'no-store')
  @Throttle({ default: { limit: 60, ttl: 60_000 } })
  report(
    @Param('token') token: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PublicBatchReport> {
    // Also on errors: a scanned code's answer must never be cached by a shared proxy.
    res.setHeader('Cache-Control', 'no-store');
    return this.batches.publicReport(token);
  }
}
