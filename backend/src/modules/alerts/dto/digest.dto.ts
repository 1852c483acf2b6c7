import { ApiProperty } from '@nestjs/swagger';
import { DigestFacts, DigestRecipient, DigestRunResult } from '@stockmaster/contracts';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { toBoolean } from '../../../common/http/dto/transforms';
import {
  AttentionBatchDto,
  AttentionDraftDto,
  AttentionLowStockDto,
} from '../../dashboard/dto/dashboard.dto';

export class DigestQueryDto {
  /** `true`: say who would receive what, queue nothing. */
  @IsOptional() @Transform(toBoolean) @IsBoolean() dryRun?: boolean;
}

export class DigestFactsDto implements DigestFacts {
  @ApiProperty({ type: [AttentionBatchDto] }) expiredBatches!: AttentionBatchDto[];
  @ApiProperty({ type: [AttentionBatchDto] }) expiringBatches!: AttentionBatchDto[];
  @ApiProperty({ type: [AttentionLowStockDto] }) belowMinimum!: AttentionLowStockDto[];
  @ApiProperty({ type: [AttentionDraftDto], description: 'Drafts created more than a day ago' })
  staleDrafts!: AttentionDraftDto[];
}

export class DigestRecipientDto implements DigestRecipient {
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ description: 'Only the recipient’s warehouses (all, or an agent’s own)' })
  facts!: DigestFactsDto;
}

export class DigestRunResultDto implements DigestRunResult {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty({ format: 'date', description: 'The local date (TZ) the digest is for' })
  date!: string;
  @ApiProperty({ type: [DigestRecipientDto] }) recipients!: DigestRecipientDto[];
  @ApiProperty({ description: 'Users with the digest on and nothing to be told: no mail' })
  skipped!: number;
}
