import { ApiProperty, OmitType, PartialType } from '@nestjs/swagger';
import {
  CreateProductRequest,
  ImportResult,
  ImportRowError,
  Product,
  ProductListItem,
  PRODUCT_SORT_FIELDS,
  ProductListQuery,
  SKU_PATTERN,
  Tracking,
  TRACKING,
  Unit,
  UNITS,
  UpdateProductRequest,
} from '@stockmaster/contracts';
import { Transform } from 'class-transformer';
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
import { PageQueryDto } from '../../../common/http/dto/page-query.dto';
import { toBoolean, trim } from '../../../common/http/dto/transforms';

const nullable = (_: object, value: unknown) => value !== null;
/** A PATCH field that may be absent but, when sent, must hold a value (null is refused). */
const present = (_: object, value: unknown) => value !== undefined;
export const BARCODE_PATTERN = /^[!-~]{1,64}$/;

export class CreateProductDto implements CreateProductRequest {
  /** 1–64 of letters, digits, `.`, `_`, `-`; unique (case-insensitive). @example CHK-BREAST-1KG */
  @Transform(trim)
  @Matches(SKU_PATTERN, {
    message: 'sku must be 1 to 64 letters, digits, dots, underscores or dashes',
  })
  sku!: string;

  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @ValidateIf(nullable)
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @IsOptional()
  @ValidateIf(nullable)
  @IsUUID()
  categoryId?: string | null;

  @IsIn(UNITS)
  unit!: Unit;

  /** Unique when set; printable characters without spaces. */
  @IsOptional()
  @ValidateIf(nullable)
  @Transform(trim)
  @Matches(BARCODE_PATTERN, {
    message: 'barcode must be 1 to 64 printable characters without spaces',
  })
  barcode?: string | null;

  @IsOptional()
  @IsIn(TRACKING)
  tracking?: Tracking;

  /** Days a batch keeps from production or receipt; null when it does not expire. */
  @IsOptional()
  @ValidateIf(nullable)
  @IsInt()
  @Min(0)
  @Max(36500)
  shelfLifeDays?: number | null;

  /** Days before expiry from which a batch shows as `caution`. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(36500)
  expiryWarningDays?: number;
}

/**
 * Every field of a product, optional, plus the version read (optimistic locking). The fields a
 * product always has refuse null; the others take null to clear.
 */
export class UpdateProductDto
  extends PartialType(
    OmitType(CreateProductDto, ['sku', 'name', 'unit', 'tracking', 'expiryWarningDays'] as const),
  )
  implements UpdateProductRequest
{
  @ValidateIf(present)
  @Transform(trim)
  @Matches(SKU_PATTERN, {
    message: 'sku must be 1 to 64 letters, digits, dots, underscores or dashes',
  })
  sku?: string;

  @ValidateIf(present)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ValidateIf(present)
  @IsIn(UNITS)
  unit?: Unit;

  @ValidateIf(present)
  @IsIn(TRACKING)
  tracking?: Tracking;

  /** Days before expiry from which a batch shows as `caution`. */
  @ValidateIf(present)
  @IsInt()
  @Min(0)
  @Max(36500)
  expiryWarningDays?: number;

  /** The version you read; a stale one answers 409 STALE_VERSION. */
  @IsInt()
  @Min(1)
  version!: number;

  /** Re-activate an archived product (archiving is DELETE). */
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

export class ProductFilterDto {
  /** SKU, name or barcode contains this (case-insensitive). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  /** This category and its subcategories. */
  @IsOptional()
  @IsUUID()
  categoryId?: string;

  @IsOptional()
  @IsIn(TRACKING)
  tracking?: Tracking;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  active?: boolean;
}

export class ProductListQueryDto extends PageQueryDto implements ProductListQuery {
  @IsOptional() @IsString() @MaxLength(200) search?: string;
  @IsOptional() @IsUUID() categoryId?: string;
  @IsOptional() @IsIn(TRACKING) tracking?: Tracking;
  @IsOptional() @Transform(toBoolean) @IsBoolean() active?: boolean;

  /** name, sku, createdAt or updatedAt; `-` prefix for descending. */
  @IsOptional()
  @Matches(new RegExp(`^-?(${PRODUCT_SORT_FIELDS.join('|')})$`), {
    message: `sort must be one of ${PRODUCT_SORT_FIELDS.join(', ')}, optionally prefixed with -`,
  })
  sort?: string;
}

export class ImportQueryDto {
  /** `true`: validate and report, write nothing. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  dryRun?: boolean;
}

export class ProductDto implements Product {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'CHK-BREAST-1KG' }) sku!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) categoryId!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'Meat/Poultry' }) categoryPath!:
    string | null;
  @ApiProperty({ enum: UNITS }) unit!: Unit;
  @ApiProperty({ nullable: true, type: String }) barcode!: string | null;
  @ApiProperty({ enum: TRACKING }) tracking!: Tracking;
  @ApiProperty({ nullable: true, type: Number }) shelfLifeDays!: number | null;
  @ApiProperty() expiryWarningDays!: number;
  @ApiProperty() active!: boolean;
  @ApiProperty({ description: 'Send back with PATCH (optimistic locking)' }) version!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ProductListItemDto extends ProductDto implements ProductListItem {
  @ApiProperty({ example: '12.5', description: 'On hand in the caller’s warehouses' })
  onHand!: string;
}

export class ImportRowErrorDto implements ImportRowError {
  @ApiProperty({ description: '1-based line in the file (the header is line 1)' }) row!: number;
  @ApiProperty({ nullable: true, type: String }) column!: string | null;
  @ApiProperty() message!: string;
}

export class ImportResultDto implements ImportResult {
  @ApiProperty() dryRun!: boolean;
  @ApiProperty() created!: number;
  @ApiProperty() updated!: number;
  @ApiProperty() unchanged!: number;
  @ApiProperty() categoriesCreated!: number;
  @ApiProperty({ type: [ImportRowErrorDto], description: 'With any error nothing is written' })
  errors!: ImportRowErrorDto[];
}

export class ImportFileDto {
  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: 'CSV, UTF-8 (BOM optional), comma or semicolon',
  })
  file!: unknown;
}
