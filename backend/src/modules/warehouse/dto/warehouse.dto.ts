import { ApiProperty } from '@nestjs/swagger';
import {
  CreateLocationRequest,
  CreateWarehouseRequest,
  Location,
  LOCATION_TYPES,
  LocationListQuery,
  LocationType,
  UpdateLocationRequest,
  UpdateWarehouseRequest,
  Warehouse,
  WAREHOUSE_CODE_PATTERN,
} from '@stockmaster/contracts';
import { Transform } from 'class-transformer';
import {
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { IsSort } from '../../../common/http/dto/sort';
import { PageQueryDto } from '../../../common/http/dto/page-query.dto';
import { trim } from '../../../common/http/dto/transforms';

const upper = ({ value }: { value: unknown }) =>
  typeof value === 'string' ? value.trim().toUpperCase() : value;
const NO_SLASH = /^[^/]+$/;

/** A PATCH field that may be absent but, when sent, must hold a value (null is refused). */
const present = (_: object, value: unknown) => value !== undefined;

export class CreateWarehouseDto implements CreateWarehouseRequest {
  /** 2–10 upper-case letters or digits; lower case is upper-cased. @example MAIN */
  @Transform(upper)
  @Matches(WAREHOUSE_CODE_PATTERN, { message: 'code must be 2 to 10 upper-case letters or digits' })
  code!: string;

  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  address?: string | null;
}

export class UpdateWarehouseDto implements UpdateWarehouseRequest {
  /** Can change only while no stock has moved through the warehouse. */
  @ValidateIf(present)
  @Transform(upper)
  @Matches(WAREHOUSE_CODE_PATTERN, { message: 'code must be 2 to 10 upper-case letters or digits' })
  code?: string;

  @ValidateIf(present)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  address?: string | null;
}

export const WAREHOUSE_SORTS = ['code', 'name', 'createdAt'] as const;
export type WarehouseSort = (typeof WAREHOUSE_SORTS)[number];

export class WarehouseListQueryDto extends PageQueryDto {
  /** Part of the code or name. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  search?: string;

  @IsSort(WAREHOUSE_SORTS, 'code')
  sort?: string;
}

export class CreateLocationDto implements CreateLocationRequest {
  /** An internal location (e.g. the warehouse root `CODE/Stock`). */
  @IsUUID()
  parentId!: string;

  /** One path segment, without `/`. @example Cold-Room */
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @Matches(NO_SLASH, { message: 'name must not contain /' })
  name!: string;
}

export class UpdateLocationDto implements UpdateLocationRequest {
  @ValidateIf(present)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @Matches(NO_SLASH, { message: 'name must not contain /' })
  name?: string;

  /** Move below another internal location of the same warehouse. */
  @ValidateIf(present)
  @IsUUID()
  parentId?: string;
}

export const LOCATION_SORTS = ['fullName', 'name', 'type', 'createdAt'] as const;
export type LocationSort = (typeof LOCATION_SORTS)[number];

export class LocationListQueryDto extends PageQueryDto implements LocationListQuery {
  @IsOptional()
  @IsUUID()
  warehouseId?: string;

  @IsOptional()
  @IsIn(LOCATION_TYPES)
  type?: LocationType;

  /** Part of the full name. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  /** Default: internal locations first, then by full name. */
  @IsSort(LOCATION_SORTS, 'fullName')
  sort?: string;
}

export class WarehouseDto implements Warehouse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'MAIN' }) code!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) address!: string | null;
  @ApiProperty({ format: 'uuid', description: 'The root internal location CODE/Stock' })
  rootLocationId!: string;
  @ApiProperty({ description: 'Stock has moved through it: code frozen, cannot be deleted' })
  hasStockHistory!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class LocationDto implements Location {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) warehouseId!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty({ example: 'MAIN/Stock/Cold-Room/A-01' }) fullName!: string;
  @ApiProperty({ enum: LOCATION_TYPES }) type!: LocationType;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
