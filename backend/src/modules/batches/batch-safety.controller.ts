import { Body, Controller, HttpStatus, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BatchDetail, Permission } from '@stockmaster/contracts';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { CurrentUser } from '../../common/auth/current-user.decorator';
import { Endpoint } from '../../common/http/endpoint.decorator';
import { IdParam } from '../../common/http/parse-id.pipe';
import { BatchStatusService } from './batch-status.service';
import { BatchDetailDto } from './dto/batch-responses.dto';
import { QuarantineBatchDto, RecallBatchDto, ReleaseBatchDto } from './dto/batch.dto';

/** Food safety: holding, releasing and recalling a batch. */
@ApiTags('batches')
@Controller('batches')
export class BatchSafetyController {
  constructor(private readonly batches: BatchStatusService) {}

  @Post(':id/quarantine')
  @Endpoint({
    access: Permission.BatchesWrite,
    status: HttpStatus.OK,
    operationId: 'quarantineBatch',
    summary:
      'Hold a batch: never delivered nor transferred until released (counts and scrap still work)',
    type: BatchDetailDto,
    errors: [400, 404, 409],
  })
  quarantine(
    @IdParam() id: string,
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
    type: BatchDetailDto,
    errors: [400, 404, 409],
  })
  release(
    @IdParam() id: string,
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
    type: BatchDetailDto,
    errors: [400, 404, 409],
  })
  recall(
    @IdParam() id: string,
    @Body() dto: RecallBatchDto,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<BatchDetail> {
    return this.batches.recall(id, dto.reason, dto.publicNotice, user);
  }
}
