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

interface RuleRow {
  id: string;
  product_id: string;
  warehouse_id: string;
  min_quantity: string;
  max_quantity: string;
  created_at: Date;
  updated_at: Date;
}

// trim_scale: "10.000" is shown as "10".
const SELECT_RULE = `SELECT id, product_id, warehouse_id, trim_scale(min_quantity)::text AS min_quantity,
                            trim_scale(max_quantity)::text AS max_quantity, created_at, updated_at FROM reorder_rules`;

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
  ) {}

  async list(user: AuthenticatedUser, query: ReorderRuleListQueryDto): Promise<Page<ReorderRule>> {
    const params: unknown[] = [];
    const where = [this.scope.sqlCondition(user, 'warehouse_id', params)];
    if (query.productId) {
      params.push(query.productId);
      where.push(`product_id = $${params.length}`);
    }
    if (query.warehouseId) {
      params.push(query.warehouseId);
      where.push(`warehouse_id = $${params.length}`);
    }
    params.push(query.limit, (query.page - 1) * query.limit);
    const rows: (RuleRow & { total: string })[] = await this.dataSource.query(
      `SELECT *, count(*) OVER () AS total FROM (${SELECT_RULE}) r WHERE ${where.join(' AND ')}
        ORDER BY ${reorderRuleOrder(query.sort)} LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return {
      data: rows.map(toRule),
      meta: {
        page: query.page,
        limit: query.limit,
        total: rows.length ? Number(rows[0].total) : 0,
      },
    };
  }

  async get(user: AuthenticatedUser, id: string): Promise<ReorderRule> {
    const row = await this.find(this.dataSource.manager, id);
    if (!row || !this.scope.canUse(user, row.warehouse_id)) throw new NotFoundError('Reorder rule');
    return toRule(row);
  }

  async create(dto: CreateReorderRuleDto, caller: AuthenticatedUser): Promise<ReorderRule> {
    this.assertMinNotAboveMax(dto.minQuantity, dto.maxQuantity);
    return this.write(async (manager) => {
      const [{ id }] = await manager.query(
        `INSERT INTO reorder_rules (product_id, warehouse_id, min_quantity, max_quantity) VALUES ($1, $2, $3, $4) RETURNING id`,
        [dto.productId, dto.warehouseId, dto.minQuantity, dto.maxQuantity],
      );
      await this.audit.record(manager, {
        actor: caller,
        action: 'reorder_rule.created',
        entityType: 'reorder_rule',
        entityId: id,
        summary: { ...dto },
      });
      return toRule((await this.find(manager, id))!);
    });
  }

  async update(
    id: string,
    dto: UpdateReorderRuleDto,
    caller: AuthenticatedUser,
  ): Promise<ReorderRule> {
    return this.write(async (manager) => {
      const row = await this.find(manager, id, true);
      if (!row) throw new NotFoundError('Reorder rule');
      const min = dto.minQuantity ?? row.min_quantity;
      const max = dto.maxQuantity ?? row.max_quantity;
      this.assertMinNotAboveMax(min, max);
      await manager.query(
        `UPDATE reorder_rules SET min_quantity = $2, max_quantity = $3, updated_at = now() WHERE id = $1`,
        [id, min, max],
      );
      await this.audit.record(manager, {
        actor: caller,
        action: 'reorder_rule.updated',
        entityType: 'reorder_rule',
        entityId: id,
        summary: { minQuantity: min, maxQuantity: max },
      });
      return toRule((await this.find(manager, id))!);
    });
  }

  async remove(id: string, caller: AuthenticatedUser): Promise<void> {
    await this.write(async (manager) => {
      const row = await this.find(manager, id, true);
      if (!row) throw new NotFoundError('Reorder rule');
      await manager.query(`DELETE FROM reorder_rules WHERE id = $1`, [id]);
      await this.audit.record(manager, {
        actor: caller,
        action: 'reorder_rule.deleted',
        entityType: 'reorder_rule',
        entityId: id,
        summary: { productId: row.product_id, warehouseId: row.warehouse_id },
      });
    });
  }

  private async find(manager: EntityManager, id: string, lock = false): Promise<RuleRow | null> {
    const rows: RuleRow[] = await manager.query(
      `${SELECT_RULE} WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
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
