import { ApiProperty } from '@nestjs/swagger';
import {
  Category,
  CategoryNode,
  CreateCategoryRequest,
  UpdateCategoryRequest,
} from '@stockmaster/contracts';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
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
import { toBoolean, trim } from '../../../common/http/dto/transforms';

/** A PATCH field that may be absent but, when sent, must hold a value (null is refused). */
const present = (_: object, value: unknown) => value !== undefined;

export class CreateCategoryDto implements CreateCategoryRequest {
  /** One segment of a path, without `/`. @example Poultry */
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @Matches(/^[^/]+$/, { message: 'name must not contain /' })
  name!: string;

  /** Parent category; absent or null for a root category. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  parentId?: string | null;
}

export class UpdateCategoryDto implements UpdateCategoryRequest {
  @ValidateIf(present)
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  @Matches(/^[^/]+$/, { message: 'name must not contain /' })
  name?: string;

  /** Move below another category, or to the root with null. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  parentId?: string | null;
}

export const CATEGORY_SORTS = ['path', 'name', 'createdAt'] as const;
export type CategorySort = (typeof CATEGORY_SORTS)[number];

export class CategoryListQueryDto extends PageQueryDto {
  /** `true`: the whole tree, nested and unpaged. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean()
  tree?: boolean;

  /** Part of the path. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  /** The flat list's order (the tree is always by path). */
  @IsSort(CATEGORY_SORTS, 'path')
  sort?: string;
}

export class CategoryDto implements Category {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Poultry' }) name!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) parentId!: string | null;
  @ApiProperty({ example: 'Meat/Poultry' }) path!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class CategoryNodeDto extends CategoryDto implements CategoryNode {
  @ApiProperty({ type: () => [CategoryNodeDto] }) children!: CategoryNodeDto[];
}

/** `GET /categories?tree=true`: the whole tree, roots first. */
export class CategoryTreeDto {
  @ApiProperty({ type: [CategoryNodeDto] }) data!: CategoryNodeDto[];
}
