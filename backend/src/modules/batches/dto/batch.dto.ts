import { ApiProperty } from '@nestjs/swagger';
import {
  BATCH_STATUSES,
  BatchListQuery,
  BatchRecall,
  BatchStatus,
  CreateBatchRequest,
  FRESHNESS_STATUSES,
  FreshnessStatus,
  InlineBatchInput,
  PublicBatchReport,
  QuarantineBatchRequest,
  RecallBatchRequest,
  ReleaseBatchRequest,
  UpdateBatchRequest,
} from '@stockmaster/contracts';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { IsCalendarDate } from '../../../common/http/dto/calendar-date';
import { PageQueryDto } from '../../../common/http/dto/page-query.dto';
import { toBoolean, trim } from '../../../common/http/dto/transforms';

const nullable = (_: object, value: unknown) => value !== null;

export class InlineBatchDto implements InlineBatchInput {
  /** The lot code printed on the goods; an existing code of the product is reused. @example L-2611-07 */
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  code!: string;

  @IsOptional() @IsCalendarDate() producedAt?: string;
  /** Defaults to the receipt's validation date. */
  @IsOptional() @IsCalendarDate() receivedAt?: string;
  /** Defaults to produced (or received) date + the product's shelf life. */
  @IsOptional() @IsCalendarDate() expiresAt?: string;
}

export class CreateBatchDto extends InlineBatchDto implements CreateBatchRequest {
  @IsUUID()
  productId!: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

export class UpdateBatchDto implements UpdateBatchRequest {
  @IsOptional() @ValidateIf(nullable) @IsCalendarDate() producedAt?: string | null;
  @IsOptional() @ValidateIf(nullable) @IsCalendarDate() receivedAt?: string | null;
  @IsOptional() @ValidateIf(nullable) @IsCalendarDate() expiresAt?: string | null;
  @IsOptional() @ValidateIf(nullable) @IsString() @MaxLength(2000) notes?: string | null;
}

export const BATCH_SORTS = ['expiresAt', 'code', 'receivedAt', 'createdAt'] as const;

export class BatchListQueryDto extends PageQueryDto implements BatchListQuery {
  @IsOptional() @IsUUID() productId?: string;
  /** Batches with stock in this warehouse. */
  @IsOptional() @IsUUID() warehouseId?: string;
  @IsOptional() @IsIn(FRESHNESS_STATUSES) status?: FreshnessStatus;
  /** Not yet expired, but expiring within this many days. */
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(3650) expiringWithinDays?: number;
  /** Expired batches still on hand (the dashboard's expired card lists these). */
  @IsOptional() @Transform(toBoolean) @IsBoolean() expired?: boolean;
  /** Batches on hand within their product's expiry warning days, not yet expired (the dashboard's expiring card). */
  @IsOptional() @Transform(toBoolean) @IsBoolean() expiring?: boolean;
  /** Quarantined or recalled batches still on hand (the dashboard's blocked card lists these). */
  @IsOptional() @Transform(toBoolean) @IsBoolean() blocked?: boolean;
  /** Batch code, product SKU or name contains. */
  @IsOptional() @IsString() @MaxLength(200) search?: string;

  /** expiresAt (default), code, receivedAt or createdAt; `-` prefix for descending. */
  @IsOptional()
  @Matches(new RegExp(`^-?(${BATCH_SORTS.join('|')})$`), {
    message: `sort must be one of ${BATCH_SORTS.join(', ')}, optionally prefixed with -`,
  })
  sort?: string;
}

export class QrQueryDto {
  @IsOptional()
  @IsIn(['svg', 'png'])
  format?: 'svg' | 'png';
}

export class TraceQueryDto {
  /** `csv` for a spreadsheet (the same figures); JSON otherwise. */
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class ProductTraceQueryDto extends TraceQueryDto {
  /** First day (business time zone), inclusive; open when absent. */
  @IsOptional() @IsCalendarDate() from?: string;
  /** Last day, inclusive; open when absent. */
  @IsOptional() @IsCalendarDate() to?: string;
}

export class QuarantineBatchDto implements QuarantineBatchRequest {
  /** Why the batch is held (kept in its history and the audit log). */
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;
}

export class ReleaseBatchDto implements ReleaseBatchRequest {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class RecallBatchDto implements RecallBatchRequest {
  /** Why the batch is recalled: internal, kept in its history and the audit log. */
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  reason!: string;

  /** Shown first on the batch's public page to whoever scans the pack. @example Do not eat: possible Listeria contamination. Return it to the shop for a refund. */
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(2000)
  publicNotice!: string;
}

export class BatchRecallDto implements BatchRecall {
  @ApiProperty() notice!: string;
  @ApiProperty({ format: 'date-time' }) recalledAt!: string;
}

export class PublicBatchReportDto implements PublicBatchReport {
  @ApiProperty() productName!: string;
  @ApiProperty({ example: 'kg' }) unit!: string;
  @ApiProperty() batchCode!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) producedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) receivedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date' }) expiresAt!: string | null;
  @ApiProperty({ nullable: true, type: Number }) daysOnShelf!: number | null;
  @ApiProperty({ nullable: true, type: Number }) daysToExpiry!: number | null;
  @ApiProperty({ enum: FRESHNESS_STATUSES }) status!: FreshnessStatus;
  @ApiProperty({ enum: BATCH_STATUSES }) batchStatus!: BatchStatus;
  @ApiProperty({ nullable: true, type: BatchRecallDto }) recall!: BatchRecall | null;
}
