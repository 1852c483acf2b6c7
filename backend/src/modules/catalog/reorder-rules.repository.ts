import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { conditionAdder, selectRows } from '../../common/sql';

export interface RuleRow {
  id: string;
  product_id: string;
  warehouse_id: string;
  min_quantity: string;
  max_quantity: string;
  created_at: Date;
  updated_at: Date;
}

export interface RuleFilter {
  /** The caller's warehouses; null for all. */
  visibleWarehouses: string[] | null;
  productId?: string;
  warehouseId?: string;
  /** A whitelisted ORDER BY list (reorderRuleOrder); default: oldest first. */
  order?: string;
  page: number;
  limit: number;
}

// trim_scale: "10.000" is shown as "10".
const SELECT_RULE = `SELECT id, product_id, warehouse_id, trim_scale(min_quantity)::text AS min_quantity,
                            trim_scale(max_quantity)::text AS max_quantity, created_at, updated_at FROM reorder_rules`;

/** Reorder rules: one row per product and warehouse. */
@Injectable()
export class ReorderRulesRepository {
  async list(
    manager: EntityManager,
    filter: RuleFilter,
  ): Promise<{ rows: RuleRow[]; total: number }> {
    const params: unknown[] = [];
    const where = ['TRUE'];
    const add = conditionAdder(params, where);
    if (filter.visibleWarehouses) add('warehouse_id = ANY(?::uuid[])', filter.visibleWarehouses);
    if (filter.productId) add('product_id = ?', filter.productId);
    if (filter.warehouseId) add('warehouse_id = ?', filter.warehouseId);
    params.push(filter.limit, (filter.page - 1) * filter.limit);
    const rows = await selectRows<RuleRow & { total: string }>(
      manager,
      `SELECT *, count(*) OVER () AS total FROM (${SELECT_RULE}) r WHERE ${where.join(' AND ')}
        ORDER BY ${filter.order ?? 'created_at, id'} LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { rows, total: rows.length ? Number(rows[0].total) : 0 };
  }

  async find(manager: EntityManager, id: string, lock = false): Promise<RuleRow | null> {
    const rows = await selectRows<RuleRow>(
      manager,
      `${SELECT_RULE} WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async insert(
    manager: EntityManager,
    rule: { productId: string; warehouseId: string; minQuantity: string; maxQuantity: string },
  ): Promise<string> {
    const [{ id }] = await selectRows<{ id: string }>(
      manager,
      `INSERT INTO reorder_rules (product_id, warehouse_id, min_quantity, max_quantity) VALUES ($1, $2, $3, $4) RETURNING id`,
      [rule.productId, rule.warehouseId, rule.minQuantity, rule.maxQuantity],
    );
    return id;
  }

  async update(manager: EntityManager, id: string, min: string, max: string): Promise<void> {
    await manager.query(
      `UPDATE reorder_rules SET min_quantity = $2, max_quantity = $3, updated_at = now() WHERE id = $1`,
      [id, min, max],
    );
  }

  async remove(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM reorder_rules WHERE id = $1`, [id]);
  }
}
