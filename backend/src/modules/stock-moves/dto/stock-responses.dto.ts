import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import {
  BATCH_STATUSES,
  BatchRef,
  BatchStatus,
  CursorPage,
  IntegrityMismatch,
  IntegrityReport,
  SUMMARY_KINDS,
  SummaryKind,
  SummaryMismatch,
  LocationRef,
  OPERATION_STATUSES,
  OPERATION_TYPES,
  Operation,
  OperationDetail,
  OperationLine,
  OperationStatus,
  OperationType,
  QuickMoveResponse,
  StockLevel,
  StockLevelBatch,
  StockLevelPage,
  StockMove,
} from '@stockmaster/contracts';
import { PageMetaDto } from '../../../common/swagger/page-of';
import { FreshnessDto } from '../../batches/dto/freshness.dto';
import { ProductRefDto } from './stock-summary.dto';

const date = { type: String, format: 'date', nullable: true } as const;
const instant = { type: String, format: 'date-time' } as const;

export class LocationRefDto implements LocationRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'MAIN/Stock/Shelf A' }) fullName!: string;
}

export class BatchRefDto implements BatchRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'L-2611-07' }) code!: string;
  @ApiProperty(date) expiresAt!: string | null;
}

/** A level's batch: its block and its freshness today. */
export class StockLevelBatchDto extends BatchRefDto implements StockLevelBatch {
  @ApiProperty({ enum: BATCH_STATUSES, enumName: 'BatchStatus' }) status!: BatchStatus;
  @ApiProperty({ type: FreshnessDto }) freshness!: FreshnessDto;
}

export class UserRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() fullName!: string;
}

/** A receipt line's batch still to be created on validation. */
export class NewBatchDto {
  @ApiProperty({ example: 'L-2611-07' }) code!: string;
  @ApiProperty({ required: false, type: String, format: 'date' }) producedAt?: string;
  @ApiProperty({ required: false, type: String, format: 'date' }) receivedAt?: string;
  @ApiProperty({ required: false, type: String, format: 'date' }) expiresAt?: string;
}

@ApiSchema({ name: 'OperationLineDto' })
export class OperationLineViewDto implements OperationLine {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: '0-based position; per-line errors point at it', example: 0 })
  line!: number;
  @ApiProperty({ type: ProductRefDto }) product!: ProductRefDto;
  @ApiProperty({ type: BatchRefDto, nullable: true }) batch!: BatchRefDto | null;
  @ApiProperty({
    type: NewBatchDto,
    nullable: true,
    description: 'A receipt line’s batch still to be created on validation',
  })
  newBatch!: NewBatchDto | null;
  @ApiProperty({ type: String, nullable: true, example: '2.5', description: 'Null on adjustments' })
  quantity!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '12', description: 'Adjustments only' })
  countedQuantity!: string | null;
  @ApiProperty({ type: LocationRefDto, nullable: true }) sourceLocation!: LocationRefDto | null;
  @ApiProperty({ type: LocationRefDto, nullable: true })
  destinationLocation!: LocationRefDto | null;
  @ApiProperty() acceptExpired!: boolean;
}

export class StockMoveDto implements StockMove {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) operationId!: string;
  @ApiProperty({ example: 'MAIN/OUT/00007' }) reference!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) lineId!: string | null;
  @ApiProperty({ type: ProductRefDto }) product!: ProductRefDto;
  @ApiProperty({ type: BatchRefDto, nullable: true }) batch!: BatchRefDto | null;
  @ApiProperty({ type: LocationRefDto }) sourceLocation!: LocationRefDto;
  @ApiProperty({ type: LocationRefDto }) destinationLocation!: LocationRefDto;
  @ApiProperty({ example: '3' }) quantity!: string;
  @ApiProperty(instant) doneAt!: string;
}

/** An operation as listed: the detail without lines and moves. */
export class OperationDto implements Operation {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'MAIN/IN/00042' }) reference!: string;
  @ApiProperty({ enum: OPERATION_TYPES, enumName: 'OperationType' }) type!: OperationType;
  @ApiProperty({ enum: OPERATION_STATUSES, enumName: 'OperationStatus' })
  status!: OperationStatus;
  @ApiProperty({ format: 'uuid' }) warehouseId!: string;
  @ApiProperty({ type: LocationRefDto, nullable: true }) sourceLocation!: LocationRefDto | null;
  @ApiProperty({ type: LocationRefDto, nullable: true })
  destinationLocation!: LocationRefDto | null;
  @ApiProperty({ type: String, nullable: true }) partner!: string | null;
  @ApiProperty({ ...instant, nullable: true }) scheduledAt!: string | null;
  @ApiProperty({ ...instant, nullable: true }) doneAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) notes!: string | null;
  @ApiProperty() includeChildren!: boolean;
  @ApiProperty({ type: UserRefDto, nullable: true }) createdBy!: UserRefDto | null;
  @ApiProperty({ type: UserRefDto, nullable: true }) validatedBy!: UserRefDto | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reversalOfId!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) reversedById!: string | null;
  @ApiProperty() lineCount!: number;
  @ApiProperty(instant) createdAt!: string;
  @ApiProperty(instant) updatedAt!: string;
}

/** An operation with its lines and, once done, the moves it wrote. */
export class OperationDetailDto extends OperationDto implements OperationDetail {
  @ApiProperty({ type: [OperationLineViewDto] }) lines!: OperationLineViewDto[];
  @ApiProperty({ type: [StockMoveDto], description: 'The moves it wrote, once done' })
  moves!: StockMoveDto[];
}

export class QuickMoveResponseDto implements QuickMoveResponse {
  @ApiProperty({ type: OperationDetailDto }) operation!: OperationDetailDto;
  @ApiProperty({
    type: StockMoveDto,
    description: 'The first move (a FEFO delivery may write several: see operation.moves)',
  })
  move!: StockMoveDto;
}

export class StockLevelDto implements StockLevel {
  @ApiProperty({ type: ProductRefDto }) product!: ProductRefDto;
  @ApiProperty({ type: LocationRefDto }) location!: LocationRefDto;
  @ApiProperty({ type: StockLevelBatchDto, nullable: true }) batch!: StockLevelBatchDto | null;
  @ApiProperty({ example: '12.5' }) quantity!: string;
}

export class CursorMetaDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor!: string | null;
}

export class StockLevelPageMetaDto extends PageMetaDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'In the default order: pass as `cursor` for the next page, read from there instead of ' +
      'counted from the start; null on the last page and in any other order',
  })
  nextCursor!: string | null;
}

export class StockLevelCursorPageDto implements StockLevelPage {
  @ApiProperty({ type: [StockLevelDto] }) data!: StockLevelDto[];
  @ApiProperty({ type: StockLevelPageMetaDto }) meta!: StockLevelPageMetaDto;
}

export class StockMovePageDto implements CursorPage<StockMove> {
  @ApiProperty({ type: [StockMoveDto] }) data!: StockMoveDto[];
  @ApiProperty({ type: CursorMetaDto }) meta!: CursorMetaDto;
}

export class IntegrityMismatchDto implements IntegrityMismatch {
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ format: 'uuid' }) locationId!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) batchId!: string | null;
  @ApiProperty({ description: 'The stored level' }) level!: string;
  @ApiProperty({ description: 'The sum of the ledger' }) ledger!: string;
}

export class SummaryMismatchDto implements SummaryMismatch {
  @ApiProperty({
    enum: SUMMARY_KINDS,
    enumName: 'SummaryKind',
    description:
      'onHand: per product and warehouse; levelCount: how many of the pair’s levels hold stock; minimum: the reorder rule’s; expiry: per warehouse and expiry date; ' +
      'flows: per quarter-hour and pair of warehouses; levelDates: a level’s copy of its batch’s dates',
  })
  summary!: SummaryKind;
  @ApiProperty({
    example: '0b8e…/5d1f…',
    description: 'What it is about: ids and dates joined by /',
  })
  key!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The kept value' })
  kept!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The value recomputed from its sources',
  })
  computed!: string | null;
}

export class IntegrityReportDto implements IntegrityReport {
  @ApiProperty({ description: 'No mismatch, no negative level, no summary mismatch' }) ok!: boolean;
  @ApiProperty() checkedLevels!: number;
  @ApiProperty({ type: [IntegrityMismatchDto] }) mismatches!: IntegrityMismatchDto[];
  @ApiProperty({ type: [IntegrityMismatchDto] }) negativeLevels!: IntegrityMismatchDto[];
  @ApiProperty({
    type: [SummaryMismatchDto],
    description:
      'The running totals the dashboard reads that differ from what they stand for (1000 at most)',
  })
  summaryMismatches!: SummaryMismatchDto[];
}
