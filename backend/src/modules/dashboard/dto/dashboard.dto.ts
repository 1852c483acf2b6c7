import { ApiProperty } from '@nestjs/swagger';
import {
  AttentionBatch,
  AttentionDraft,
  AttentionLowStock,
  Dashboard,
  DashboardAttention,
  DashboardToday,
  EXPIRY_BUCKETS,
  ExpiryBucket,
  ExpiryBucketRow,
  MovesPerDay,
  OPERATION_TYPES,
  OperationType,
  TodayActivity,
} from '@stockmaster/contracts';
import { IsOptional, IsUUID } from 'class-validator';
import { BatchRefDto } from '../../stock-moves/dto/stock-responses.dto';
import { ProductRefDto, WarehouseRefDto } from '../../stock-moves/dto/stock-summary.dto';

export class DashboardQueryDto {
  /** One warehouse (it must be one of the caller's); all of the caller's when absent. */
  @IsOptional() @IsUUID() warehouseId?: string;
}

export class AttentionBatchDto implements AttentionBatch {
  @ApiProperty({ type: BatchRefDto }) batch!: BatchRefDto;
  @ApiProperty() product!: ProductRefDto;
  @ApiProperty() warehouse!: WarehouseRefDto;
  @ApiProperty({ example: '12.5', description: 'On hand in that warehouse' }) onHand!: string;
  @ApiProperty({
    example: 2,
    nullable: true,
    type: Number,
    description:
      '0 or less once expired (expired on its expiry date); null when the batch has no expiry date (blocked card only)',
  })
  daysToExpiry!: number | null;
}

export class AttentionLowStockDto implements AttentionLowStock {
  @ApiProperty() product!: ProductRefDto;
  @ApiProperty() warehouse!: WarehouseRefDto;
  @ApiProperty({ example: '3' }) onHand!: string;
  @ApiProperty({ example: '10' }) minQuantity!: string;
}

export class AttentionDraftDto implements AttentionDraft {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'MAIN/IN/00042' }) reference!: string;
  @ApiProperty({ enum: OPERATION_TYPES }) type!: OperationType;
  @ApiProperty() warehouse!: WarehouseRefDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) scheduledAt!: string | null;
  @ApiProperty() lineCount!: number;
}

const ITEMS = 'the first 5 rows of that list';

export class ExpiredBatchesCardDto {
  @ApiProperty({
    description:
      'Batches with stock on hand whose expiry date is today or past: the total of `GET /batches?expired=true` (with the same warehouseId)',
  })
  count!: number;
  @ApiProperty({
    type: [AttentionBatchDto],
    description: `(batch, warehouse) pairs, soonest expiry first: ${ITEMS}, per warehouse holding them`,
  })
  items!: AttentionBatchDto[];
}

export class ExpiringBatchesCardDto {
  @ApiProperty({
    description:
      'Batches with stock on hand within their product’s expiry warning days, not yet expired: the total of `GET /batches?expiring=true`',
  })
  count!: number;
  @ApiProperty({ type: [AttentionBatchDto], description: `(batch, warehouse) pairs: ${ITEMS}` })
  items!: AttentionBatchDto[];
}

export class BelowMinimumCardDto {
  @ApiProperty({
    description:
      '(product, warehouse) pairs under that warehouse’s reorder minimum: the total of `GET /stock-levels/summary?belowMinimum=true`',
  })
  count!: number;
  @ApiProperty({ type: [AttentionLowStockDto], description: ITEMS })
  items!: AttentionLowStockDto[];
}

export class DraftOperationsCardDto {
  @ApiProperty({
    description: 'Draft operations: the total of `GET /operations?status=draft`',
  })
  count!: number;
  @ApiProperty({ type: [AttentionDraftDto], description: `${ITEMS}, newest first` })
  items!: AttentionDraftDto[];
}

export class QuarantinedBatchesCardDto {
  @ApiProperty({
    description:
      'Blocked batches (quarantined or recalled) with stock on hand: the total of `GET /batches?blocked=true`',
  })
  count!: number;
  @ApiProperty({ type: [AttentionBatchDto], description: `${ITEMS}, soonest expiry first` })
  items!: AttentionBatchDto[];
}

export class DashboardAttentionDto implements DashboardAttention {
  @ApiProperty() expiredBatches!: ExpiredBatchesCardDto;
  @ApiProperty() expiringBatches!: ExpiringBatchesCardDto;
  @ApiProperty() belowMinimum!: BelowMinimumCardDto;
  @ApiProperty() draftOperations!: DraftOperationsCardDto;
  @ApiProperty() quarantinedBatches!: QuarantinedBatchesCardDto;
}

export class TodayActivityDto implements TodayActivity {
  @ApiProperty({ example: 3 }) operations!: number;
  @ApiProperty({ example: 12 }) lines!: number;
}

export class DashboardTodayDto implements DashboardToday {
  @ApiProperty() receipt!: TodayActivityDto;
  @ApiProperty() delivery!: TodayActivityDto;
  @ApiProperty() transfer!: TodayActivityDto;
  @ApiProperty() adjustment!: TodayActivityDto;
  @ApiProperty() scrap!: TodayActivityDto;
}

export class MovesPerDayDto implements MovesPerDay {
  @ApiProperty({ example: '2026-11-30', description: 'A day in the server’s time zone (TZ)' })
  date!: string;
  @ApiProperty({ example: '40', description: 'Quantity moved into internal locations' })
  in!: string;
  @ApiProperty({ example: '25.5', description: 'Quantity moved out of internal locations' })
  out!: string;
}

export class ExpiryBucketRowDto implements ExpiryBucketRow {
  @ApiProperty({ enum: EXPIRY_BUCKETS }) bucket!: ExpiryBucket;
  @ApiProperty({
    example: '120.5',
    description: 'Quantity on hand, all products and units together',
  })
  quantity!: string;
}

export class DashboardSeriesDto {
  @ApiProperty({ type: [MovesPerDayDto], description: '30 entries, oldest first, today last' })
  movesPerDay!: MovesPerDayDto[];
  @ApiProperty({ type: [ExpiryBucketRowDto], description: 'The six buckets, always, in order' })
  expiryBuckets!: ExpiryBucketRowDto[];
}

export class GettingStartedDto {
  @ApiProperty() hasWarehouse!: boolean;
  @ApiProperty() hasProducts!: boolean;
  @ApiProperty({ description: 'Some stock is on hand somewhere' }) hasStock!: boolean;
  @ApiProperty({ description: 'More than one user (invited users count)' }) hasTeam!: boolean;
}

export class DashboardDto implements Dashboard {
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) warehouseId!: string | null;
  @ApiProperty() attention!: DashboardAttentionDto;
  @ApiProperty() today!: DashboardTodayDto;
  @ApiProperty() series!: DashboardSeriesDto;
  @ApiProperty() gettingStarted!: GettingStartedDto;
  @ApiProperty({
    format: 'date-time',
    description: 'The instant the figures are true of (this answer, or nothing written since)',
  })
  generatedAt!: string;
}
