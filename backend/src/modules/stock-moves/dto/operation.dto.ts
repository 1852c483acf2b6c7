import { ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import {
  CreateOperationRequest,
  OPERATION_STATUSES,
  OPERATION_TYPES,
  OperationLineInput,
  OperationListQuery,
  OperationStatus,
  OperationType,
  QuickMoveRequest,
  UpdateOperationRequest,
} from '@stockmaster/contracts';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQueryDto } from '../../../common/http/dto/page-query.dto';
import { InlineBatchDto } from '../../batches/dto/batch.dto';
import { ApiQuantity, IsQuantity } from '../../../common/http/dto/quantity';
import { trim } from '../../../common/http/dto/transforms';

export const MAX_OPERATION_LINES = 10_000;
/** Moves carry a positive quantity: zero is refused as firmly as a negative one. */
const POSITIVE = /[1-9]/;
/** A PATCH field that may be absent but, when sent, must hold a value (null is refused). */
const present = (_: object, value: unknown) => value !== undefined;

/** The line as sent; the answer's line is the OperationLineDto schema. */
@ApiSchema({ name: 'OperationLineInputDto' })
export class OperationLineDto implements OperationLineInput {
  @IsUUID()
  productId!: string;

  @ApiQuantity({
    required: false,
    example: '2.5',
    description: 'Decimal, > 0, at most 3 decimals (receipts, deliveries, transfers, scrap)',
  })
  @IsOptional()
  @IsQuantity()
  @Matches(POSITIVE, { message: 'quantity must be greater than 0' })
  quantity?: string;

  @ApiQuantity({
    required: false,
    example: '12',
    description: 'Adjustments: the quantity counted at `locationId` (0 allowed)',
  })
  @IsOptional()
  @IsQuantity()
  countedQuantity?: string;

  /** Adjustments: where the count was made. */
  @IsOptional()
  @IsUUID()
  locationId?: string;

  @IsOptional()
  @IsUUID()
  batchId?: string;

  /** Receipts: create (or reuse, by code) this line's batch; it is received on validation. */
  @IsOptional()
  @ValidateNested()
  @Type(() => InlineBatchDto)
  batch?: InlineBatchDto;

  /** Overrides the operation's source for this line. */
  @IsOptional()
  @IsUUID()
  sourceLocationId?: string;

  /** Overrides the operation's destination for this line. */
  @IsOptional()
  @IsUUID()
  destinationLocationId?: string;

  /** Receipts: receive this line's batch although it has already expired (else 422 BATCH_EXPIRED). */
  @IsOptional()
  @IsBoolean()
  acceptExpired?: boolean;
}

export class CreateOperationDto implements CreateOperationRequest {
  @IsIn(OPERATION_TYPES)
  type!: OperationType;

  @IsUUID()
  warehouseId!: string;

  /** Default source of the lines (see the type's defaults). */
  @IsOptional()
  @IsUUID()
  sourceLocationId?: string;

  /** Default destination of the lines; required for transfers. */
  @IsOptional()
  @IsUUID()
  destinationLocationId?: string;

  /**
   * Explicit sources are taken with every location below them. Without a source, deliveries,
   * transfers and scrap take from anywhere in the warehouse.
   */
  @IsOptional()
  @IsBoolean()
  includeChildren?: boolean;

  /** Supplier or customer name. */
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  partner?: string;

  @IsOptional()
  @IsISO8601()
  scheduledAt?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_OPERATION_LINES)
  @ValidateNested({ each: true })
  @Type(() => OperationLineDto)
  lines!: OperationLineDto[];
}

/**
 * PATCH changes what it names: an absent field stays, `null` clears an optional one, `lines`
 * replaces every line. `type` and `warehouseId` may only be repeated.
 */
export class UpdateOperationDto implements UpdateOperationRequest {
  /** Must stay the draft's type (409 OPERATION_TYPE_FIXED). */
  @ValidateIf(present)
  @IsIn(OPERATION_TYPES)
  type?: OperationType;

  /** Must stay the draft's warehouse (409 OPERATION_WAREHOUSE_FIXED). */
  @ValidateIf(present)
  @IsUUID()
  warehouseId?: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsUUID()
  sourceLocationId?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsUUID()
  destinationLocationId?: string | null;

  @ValidateIf(present)
  @IsBoolean()
  includeChildren?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(200)
  partner?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsISO8601()
  scheduledAt?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string | null;

  /** When present, replaces every line of the draft. */
  @ValidateIf(present)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_OPERATION_LINES)
  @ValidateNested({ each: true })
  @Type(() => OperationLineDto)
  lines?: OperationLineDto[];
}

export class QuickMoveDto implements QuickMoveRequest {
  @IsIn(OPERATION_TYPES.filter((type) => type !== 'adjustment'))
  type!: Exclude<OperationType, 'adjustment'>;

  @IsUUID()
  productId!: string;

  @ApiQuantity({ example: '1', description: 'Decimal, > 0, at most 3 decimals' })
  @IsQuantity()
  @Matches(POSITIVE, { message: 'quantity must be greater than 0' })
  quantity!: string;

  @IsOptional()
  @IsUUID()
  batchId?: string;

  /** Receipts: create (or reuse, by code) the batch received. */
  @IsOptional()
  @ValidateNested()
  @Type(() => InlineBatchDto)
  batch?: InlineBatchDto;

  @IsOptional()
  @IsUUID()
  sourceLocationId?: string;

  @IsOptional()
  @IsUUID()
  destinationLocationId?: string;

  /**
   * Take from the source location and every location below it. Without a source, deliveries,
   * transfers and scrap take from anywhere in the warehouse.
   */
  @IsOptional()
  @IsBoolean()
  includeChildren?: boolean;

  /** Receipts: receive the batch although it has already expired (else 422 BATCH_EXPIRED). */
  @IsOptional()
  @IsBoolean()
  acceptExpired?: boolean;

  /** Needed unless a given internal location tells the warehouse. */
  @IsOptional()
  @IsUUID()
  warehouseId?: string;
}

export const OPERATION_SORTS = ['createdAt', 'doneAt', 'reference', 'scheduledAt'] as const;

export class OperationListQueryDto extends PageQueryDto implements OperationListQuery {
  @IsOptional() @IsIn(OPERATION_TYPES) type?: OperationType;
  @IsOptional() @IsIn(OPERATION_STATUSES) status?: OperationStatus;
  @IsOptional() @IsUUID() warehouseId?: string;
  /** Operations with a line of this product. */
  @IsOptional() @IsUUID() productId?: string;
  /** Created at or after (ISO 8601). */
  @IsOptional() @IsISO8601() from?: string;
  /** Created before (ISO 8601). */
  @IsOptional() @IsISO8601() to?: string;
  /** Reference or partner contains. */
  @IsOptional() @IsString() @MaxLength(200) search?: string;

  /** createdAt, doneAt, reference or scheduledAt; `-` prefix for descending. Default -createdAt. */
  @IsOptional()
  @Matches(new RegExp(`^-?(${OPERATION_SORTS.join('|')})$`), {
    message: `sort must be one of ${OPERATION_SORTS.join(', ')}, optionally prefixed with -`,
  })
  sort?: string;
}
