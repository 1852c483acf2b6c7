import { ApiPropertyOptional } from '@nestjs/swagger';
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
import { IsSort, orderClause } from '../../../common/http/dto/sort';
import { toBoolean } from '../../../common/http/dto/transforms';
import { NATURAL_LEVEL_ORDER } from '../stock-levels.repository';

export const LEVEL_SORTS = ['sku', 'name', 'location', 'quantity', 'expiresAt'] as const;

/** The `ORDER BY` of the levels query (stock_levels s, products p, locations l, batches b). */
export function levelOrder(sort: string | undefined): string {
  const natural = NATURAL_LEVEL_ORDER;
  return orderClause<(typeof LEVEL_SORTS)[number]>(
    sort,
    {
      sku: 'p.sku',
      name: 'lower(p.name)',
      location: 'lower(l.full_name)',
      quantity: 's.quantity',
      expiresAt: 'b.expires_at',
    },
    natural,
    natural,
  );
}

export const SUMMARY_SORTS = ['sku', 'name', 'warehouse', 'onHand', 'belowMinimum'] as const;

/** The `ORDER BY` of the summary query (pairs, products p, warehouses w). */
export function summaryOrder(sort: string | undefined): string {
  return orderClause<(typeof SUMMARY_SORTS)[number]>(
    sort,
    {
      sku: 'p.sku',
      name: 'lower(p.name)',
      warehouse: 'w.code',
      onHand: 'pairs.on_hand',
      belowMinimum: 'pairs.below_minimum',
    },
    'p.sku, w.code',
    'pairs.below_minimum DESC, p.sku, w.code',
  );
}

export class LevelQueryDto extends PageQueryDto {
  @IsOptional() @IsUUID() warehouseId?: string;
  @IsOptional() @IsUUID() locationId?: string;
  /** With locationId: include the locations below it. */
  @IsOptional() @Transform(toBoolean) @IsBoolean() includeChildren?: boolean;
  @IsOptional() @IsUUID() productId?: string;
  @IsOptional() @IsUUID() batchId?: string;
  /** Product SKU, name or barcode contains. */
  @IsOptional() @IsString() @MaxLength(200) search?: string;

  /** Default: by SKU, then location and batch. */
  @IsSort(LEVEL_SORTS, 'sku')
  sort?: string;

  /**
   * `meta.nextCursor` of the previous page: the page after it, read from there rather than
   * counted from the start (`page` is then not used). Only in the default order, by SKU.
   */
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  cursor?: string;
}

export class SummaryQueryDto extends PageQueryDto {
  @IsOptional() @IsUUID() warehouseId?: string;
  @IsOptional() @IsUUID() productId?: string;
  @IsOptional() @IsString() @MaxLength(200) search?: string;
  /** Only (product, warehouse) pairs under that warehouse's reorder minimum. */
  @IsOptional() @Transform(toBoolean) @IsBoolean() belowMinimum?: boolean;

  /** Default: below-minimum rows first, then by SKU and warehouse code. */
  @IsSort(SUMMARY_SORTS, '-belowMinimum')
  sort?: string;
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
  @ApiPropertyOptional({
    type: 'integer',
    description: 'Rows per page',
    default: 50,
    minimum: 1,
    maximum: 200,
  })
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
