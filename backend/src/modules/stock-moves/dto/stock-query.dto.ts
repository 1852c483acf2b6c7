import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { PageQueryDto } from '../../../common/http/dto/page-query.dto';
import { toBoolean } from '../../../common/http/dto/transforms';

export class LevelQueryDto extends PageQueryDto {
  @IsOptional() @IsUUID() warehouseId?: string;
  @IsOptional() @IsUUID() locationId?: string;
  /** With locationId: include the locations below it. */
  @IsOptional() @Transform(toBoolean) @IsBoolean() includeChildren?: boolean;
  @IsOptional() @IsUUID() productId?: string;
  @IsOptional() @IsUUID() batchId?: string;
  /** Product SKU, name or barcode contains. */
  @IsOptional() @IsString() @MaxLength(200) search?: string;
}

export class SummaryQueryDto extends PageQueryDto {
  @IsOptional() @IsUUID() warehouseId?: string;
  @IsOptional() @IsUUID() productId?: string;
  @IsOptional() @IsString() @MaxLength(200) search?: string;
  /** Only (product, warehouse) pairs under that warehouse's reorder minimum. */
  @IsOptional() @Transform(toBoolean) @IsBoolean() belowMinimum?: boolean;
}

export class AsOfQueryDto extends PageQueryDto {
  /** The instant (ISO 8601 date or date-time); a date means its start (UTC). */
  @IsISO8601()
  date!: string;

  @IsOptional() @IsUUID() warehouseId?: string;
  @IsOptional() @IsUUID() productId?: string;
}

export class LedgerFilterDto {
  @IsOptional() @IsUUID() productId?: string;
  @IsOptional() @IsUUID() locationId?: string;
  @IsOptional() @IsUUID() warehouseId?: string;
  @IsOptional() @IsUUID() batchId?: string;
  @IsOptional() @IsUUID() operationId?: string;
  /** Done at or after (ISO 8601). */
  @IsOptional() @IsISO8601() from?: string;
  /** Done before (ISO 8601). */
  @IsOptional() @IsISO8601() to?: string;
}

export class LedgerQueryDto extends LedgerFilterDto {
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit: number = 50;

  /** `meta.nextCursor` of the previous page. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}
