import { Injectable } from '@nestjs/common';
import { CatalogErrorCode, compareQuantities, Page, ReorderRule } from '@stockmaster/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { WarehouseScope } from '../../common/auth/warehouse-scope';
import { ConflictError, NotFoundError, ValidationError } from '../../common/errors/domain-error';
import {
  PG_FOREIGN_KEY_VIOLATION,
  PG_UNIQUE_VIOLATION,
  pgCode,
  pgConstraint,
} from '../../common/sql';
import { transaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import {
  CreateReorderRuleDto,
  ReorderRuleListQueryDto,
  reorderRuleOrder,
  UpdateReorderRuleDto,
} from './dto/reorder-rule.dto';
import { ReorderRulesRepository, RuleRow } from './reorder-rules.repository';

function toRule(row: RuleRow): ReorderRule {
  return {
    id: row.id,
    productId: row.product_id,
    warehouseId: row.warehouse_id,
    minQuantity: row.min_quantity,
    maxQuantity: row.max_quantity,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Product × warehouse minimum and maximum; agents see their warehouses' rules only. */
@Injectable()
export class ReorderRulesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scope: WarehouseScope,
    private readonly audit: AuditService,
    private readonly rules: ReorderRulesRepository,
  ) {}

  async list(user: AuthenticatedUser, query: ReorderRuleListQueryDto): Promise<Page<ReorderRule>> {
    const { rows, total } = await this.rules.list(this.dataSource.manager, {
      visibleWarehouses: this.scope.visibleWarehouseIds(user),
      productId: query.productId,
      warehouseId: query.warehouseId,
      page: query.page,
      limit: query.limit,
      order: reorderRuleOrder(query.sort),
    });
    return { data: rows.map(toRule), meta: { page: query.page, limit: query.limit, total } };
  }

  async get(user: AuthenticatedUser, id: string): Promise<ReorderRule> {
    const row = await this.rules.find(this.dataSource.manager, id);
    if (!row || !this.scope.canUse(user, row.warehouse_id)) throw new NotFoundError('Reorder rule');
    return toRule(row);
  }

  async create(dto: CreateReorderRuleDto, caller: AuthenticatedUser): Promise<ReorderRule> {
    this.assertMinNotAboveMax(dto.minQuantity, dto.maxQuantity);
    return this.write(async (manager) => {
      const id = await this.rules.insert(manager, dto);
      await this.audit.record(manager, {
        actor: caller,
        action: 'reorder_rule.created',
        entityType: 'reorder_rule',
        entityId: id,
        summary: { ...dto },
      });
      return toRule((await this.rules.find(manager, id))!);
    });
  }

  async update(
    id: string,
    dto: UpdateReorderRuleDto,
    caller: AuthenticatedUser,
  ): Promise<ReorderRule> {
    return this.write(async (manager) => {
      const row = await this.rules.find(manager, id, true);
      if (!row) throw new NotFoundError('Reorder rule');
      const min = dto.minQuantity ?? row.min_quantity;
      const max = dto.maxQuantity ?? row.max_quantity;
      this.assertMinNotAboveMax(min, max);
      await this.rules.update(manager, id, min, max);
      await this.audit.record(manager, {
        actor: caller,
        action: 'reorder_rule.updated',
        entityType: 'reorder_rule',
        entityId: id,
        summary: { minQuantity: min, maxQuantity: max },
      });
      return toRule((await this.rules.find(manager, id))!);
    });
  }

  async remove(id: string, caller: AuthenticatedUser): Promise<void> {
    await this.write(async (manager) => {
      const row = await this.rules.find(manager, id, true);
      if (!row) throw new NotFoundError('Reorder rule');
      await this.rules.remove(manager, id);
      await this.audit.record(manager, {
        actor: caller,
        action: 'reorder_rule.deleted',
        entityType: 'reorder_rule',
        entityId: id,
        summary: { productId: row.product_id, warehouseId: row.warehouse_id },
      });
    });
  }

  private assertMinNotAboveMax(min: string, max: string): void {
    if (compareQuantities(min, max) > 0) {
      throw new ValidationError([
        { field: 'minQuantity', message: 'minQuantity must not be above maxQuantity' },
      ]);
    }
  }

  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await transaction(this.dataSource, work);
    } catch (error) {
      if (pgCode(error) === PG_UNIQUE_VIOLATION) {
        throw new ConflictError(
          'This product already has a reorder rule in this warehouse',
          CatalogErrorCode.ReorderRuleExists,
        );
      }
      if (pgCode(error) === PG_FOREIGN_KEY_VIOLATION) {
        const field = pgConstraint(error)?.includes('warehouse') ? 'warehouseId' : 'productId';
        throw new ValidationError([
          {
            field,
            message: `This ${field === 'warehouseId' ? 'warehouse' : 'product'} does not exist`,
          },
        ]);
      }
      throw error;
    }
  }
}
