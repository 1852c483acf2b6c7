import { ApiProperty } from '@nestjs/swagger';
import {
  CreateReorderRuleRequest,
  ReorderRule,
  UpdateReorderRuleRequest,
} from '@stockmaster/contracts';
import { IsOptional, IsUUID, ValidateIf } from 'class-validator';
import { IsSort, orderClause } from '../../../common/http/dto/sort';
import { PageQueryDto } from '../../../common/http/dto/page-query.dto';
import { ApiQuantity, IsQuantity } from '../../../common/http/dto/quantity';

/** A PATCH field that may be absent but, when sent, must hold a value (null is refused). */
const present = (_: object, value: unknown) => value !== undefined;

export class CreateReorderRuleDto implements CreateReorderRuleRequest {
  @IsUUID()
  productId!: string;

  @IsUUID()
  warehouseId!: string;

  @ApiQuantity({ example: '10', description: 'Below this on hand, the product shows as low stock' })
  @IsQuantity()
  minQuantity!: string;

  @ApiQuantity({ example: '40', description: 'Order up to this level' })
  @IsQuantity()
  maxQuantity!: string;
}

export class UpdateReorderRuleDto implements UpdateReorderRuleRequest {
  @ApiQuantity({ required: false })
  @ValidateIf(present)
  @IsQuantity()
  minQuantity?: string;

  @ApiQuantity({ required: false })
  @ValidateIf(present)
  @IsQuantity()
  maxQuantity?: string;
}

export const REORDER_RULE_SORTS = ['createdAt', 'updatedAt', 'minQuantity', 'maxQuantity'] as const;

/** The `ORDER BY` of the rules list (over the rule select, quantities as text). */
export function reorderRuleOrder(sort: string | undefined): string {
  return orderClause<(typeof REORDER_RULE_SORTS)[number]>(
    sort,
    {
      createdAt: 'created_at',
      updatedAt: 'updated_at',
      minQuantity: 'min_quantity::numeric',
      maxQuantity: 'max_quantity::numeric',
    },
    'id',
    'created_at, id',
  );
}

export class ReorderRuleListQueryDto extends PageQueryDto {
  @IsOptional()
  @IsUUID()
  productId?: string;

  @IsOptional()
  @IsUUID()
  warehouseId?: string;

  /** Default: oldest first. */
  @IsSort(REORDER_RULE_SORTS, 'createdAt')
  sort?: string;
}

export class ReorderRuleDto implements ReorderRule {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) productId!: string;
  @ApiProperty({ format: 'uuid' }) warehouseId!: string;
  @ApiProperty({ example: '10' }) minQuantity!: string;
  @ApiProperty({ example: '40' }) maxQuantity!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
