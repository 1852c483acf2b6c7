import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { BatchStatus } from '@stockmaster/contracts';
import { conditionAdder, escapeLike, selectRows } from '../../common/sql';
import { timeOrderedId } from '../../common/time-ordered-id';
import { FRESHNESS_CONDITION, FRESHNESS_SQL } from './freshness-sql';

export interface BatchRow {
  id: string;
  product_id: string;
  sku: string;
  product_name: string;
  unit: string;
  expiry_warning_days: number;
  code: string;
  produced_at: string | null;
  received_at: string | null;
  expires_at: string | null;
  public_token: string;
  notes: string | null;
  status: BatchStatus;
  recall_notice: string | null;
  recalled_at: Date | null;
  on_hand: string;
  created_at: Date;
  updated_at: Date;
}

/** A batch to create (see `BatchesRepository.insert`). */
export interface NewBatchRow {
  productId: string;
  code: string;
  producedAt: string | null;
  receivedAt: string | null;
  expiresAt: string | null;
  token: string;
  notes: string | null;
}

export interface ProductRules {
  tracking: 'none' | 'batch';
  shelf_life_days: number | null;
}

export interface BatchStockRow {
  location_id: string;
  full_name: string;
  warehouse_id: string;
  quantity: string;
}

export interface BatchFilter {
  productId?: string;
  warehouseId?: string;
  status?: string;
  expiringWithinDays?: number;
  /** Freshness states a batch on hand must be in (`expired=true`, `expiring=true`), all of them. */
  alerts?: readonly ('expired' | 'caution')[];
  /** Quarantined or recalled, with stock on hand. */
  blocked?: boolean;
  search?: string;
  today: string;
  visibleWarehouses: string[] | null;
  sort: string;
  direction: 'ASC' | 'DESC';
  page: number;
  limit: number;
}

const SORT: Record<string, string> = {
  expiresAt: 'b.expires_at',
  code: 'lower(b.code)',
  receivedAt: 'b.received_at',
  createdAt: 'b.created_at',
};

@Injectable()
export class BatchesRepository {
  /** A batch with its product and what is on hand in `visible` warehouses (null: all). */
  private select(visibleParam: string | null): string {
    return `
      SELECT b.*, p.sku, p.name AS product_name, p.unit, p.expiry_warning_days,
             coalesce((SELECT trim_scale(sum(s.quantity))::text FROM stock_levels s
                        WHERE s.batch_id = b.id ${visibleParam ? `AND s.warehouse_id = ANY(${visibleParam}::uuid[])` : ''}), '0') AS on_hand
        FROM batches b JOIN products p ON p.id = b.product_id`;
  }

  async list(
    manager: EntityManager,
    filter: BatchFilter,
  ): Promise<{ rows: BatchRow[]; total: number }> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = conditionAdder(params, where);
    let visible: string | null = null;
    if (filter.visibleWarehouses) {
      params.push(filter.visibleWarehouses);
      visible = `$${params.length}`;
      where.push(
        `EXISTS (SELECT 1 FROM stock_levels s WHERE s.batch_id = b.id AND s.warehouse_id = ANY(${visible}::uuid[]) AND s.quantity > 0)`,
      );
    }
    let today: string | null = null;
    const todayParam = () => {
      if (!today) {
        params.push(filter.today);
        today = `$${params.length}`;
      }
      return today;
    };
    if (filter.productId) add('b.product_id = ?', filter.productId);
    if (filter.warehouseId)
      add(
        'EXISTS (SELECT 1 FROM stock_levels s WHERE s.batch_id = b.id AND s.warehouse_id = ? AND s.quantity > 0)',
        filter.warehouseId,
      );
    if (filter.status) {
      const day = todayParam();
      add(`(${FRESHNESS_SQL(day)}) = ?`, filter.status);
    }
    if (filter.expiringWithinDays !== undefined) {
      const day = todayParam();
      add(
        `(b.expires_at > ${day}::date AND b.expires_at <= ${day}::date + ?::int)`,
        filter.expiringWithinDays,
      );
    }
    for (const alert of filter.alerts ?? [])
      where.push(`(${FRESHNESS_CONDITION[alert](todayParam())})`);
    if (filter.blocked) where.push(`b.status <> 'available'`);
    if (filter.alerts?.length || filter.blocked)
      where.push(
        'EXISTS (SELECT 1 FROM stock_levels s WHERE s.batch_id = b.id AND s.quantity > 0)',
      );
    if (filter.search)
      add(`(b.code || ' ' || p.sku || ' ' || p.name) ILIKE ?`, `%${escapeLike(filter.search)}%`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    params.push(filter.limit, (filter.page - 1) * filter.limit);
    const rows = await selectRows<BatchRow & { total: string }>(
      manager,
      `SELECT *, count(*) OVER () AS total FROM (${this.select(visible)} ${clause}
        ORDER BY ${SORT[filter.sort]} ${filter.direction} NULLS LAST, lower(b.code), b.id) b
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { rows, total: rows.length ? Number(rows[0].total) : 0 };
  }

  async find(
    manager: EntityManager,
    id: string,
    visibleWarehouses: string[] | null,
  ): Promise<BatchRow | null> {
    const rows = await selectRows<BatchRow>(
      manager,
      `${this.select(visibleWarehouses ? '$2' : null)} WHERE b.id = $1`,
      visibleWarehouses ? [id, visibleWarehouses] : [id],
    );
    return rows[0] ?? null;
  }

  async findByToken(manager: EntityManager, token: string): Promise<BatchRow | null> {
    const rows = await selectRows<BatchRow>(
      manager,
      `${this.select(null)} WHERE b.public_token = $1`,
      [token],
    );
    return rows[0] ?? null;
  }

  async stock(
    manager: EntityManager,
    id: string,
    visibleWarehouses: string[] | null,
  ): Promise<BatchStockRow[]> {
    return selectRows<BatchStockRow>(
      manager,
      `SELECT s.location_id, l.full_name, s.warehouse_id, trim_scale(s.quantity)::text AS quantity
         FROM stock_levels s JOIN locations l ON l.id = s.location_id
        WHERE s.batch_id = $1 AND s.quantity <> 0 ${visibleWarehouses ? 'AND s.warehouse_id = ANY($2::uuid[])' : ''}
        ORDER BY l.full_name`,
      visibleWarehouses ? [id, visibleWarehouses] : [id],
    );
  }

  /**
   * A batch created on its own (a receipt's inline batches go through `insertOrReuse`): a second
   * batch of one code fails on `batches_code_per_product`.
   */
  async insert(manager: EntityManager, batch: NewBatchRow): Promise<string> {
    const [inserted] = await selectRows<{ id: string }>(
      manager,
      `INSERT INTO batches (id, product_id, code, produced_at, received_at, expires_at, public_token, notes)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        timeOrderedId(),
        batch.productId,
        batch.code,
        batch.producedAt,
        batch.receivedAt,
        batch.expiresAt,
        batch.token,
        batch.notes,
      ],
    );
    return inserted.id;
  }

  /**
   * Many batches in one statement (a receipt's inline batches, an import's new ones): for each row, the product's batch of that
   * code, created as the row describes it when there is none (the first row of a code wins, as
   * when created one by one). Answers the batch id of each row, in order.
   */
  async insertOrReuse(manager: EntityManager, batches: NewBatchRow[]): Promise<string[]> {
    if (!batches.length) return [];
    const rows = await selectRows<{ n: string; id: string | null }>(
      manager,
      `WITH input AS (
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::date[], $5::date[], $6::text[], $7::text[], $8::uuid[])
                  WITH ORDINALITY AS i(product_id, code, produced_at, received_at, expires_at, token, notes, id, n)),
       firsts AS (
         SELECT DISTINCT ON (product_id, lower(code)) * FROM input ORDER BY product_id, lower(code), n),
       created AS (
         INSERT INTO batches (id, product_id, code, produced_at, received_at, expires_at, public_token, notes)
         SELECT id, product_id, code, produced_at, received_at, expires_at, token, notes FROM firsts
          ORDER BY product_id, lower(code)
         ON CONFLICT (product_id, lower(code)) DO NOTHING
         RETURNING id, product_id, code)
       SELECT i.n::text, coalesce(c.id, b.id) AS id
         FROM input i
         LEFT JOIN created c ON c.product_id = i.product_id AND lower(c.code) = lower(i.code)
         LEFT JOIN batches b ON b.product_id = i.product_id AND lower(b.code) = lower(i.code)
        ORDER BY i.n`,
      [
        batches.map((b) => b.productId),
        batches.map((b) => b.code),
        batches.map((b) => b.producedAt),
        batches.map((b) => b.receivedAt),
        batches.map((b) => b.expiresAt),
        batches.map((b) => b.token),
        batches.map((b) => b.notes),
        // Time-ordered ids, as operations and lines have: a receipt's new batches land together
        // at the end of the indexes that key on a batch (its levels', its moves').
        batches.map(() => timeOrderedId()),
      ],
    );
    const ids = rows.map((row) => row.id);
    // A batch another receipt created after this statement's snapshot was skipped by the
    // conflict and is not in that snapshot: a second read sees it.
    const late = batches.filter((_, index) => !ids[index]);
    if (late.length) {
      const found = await selectRows<{ product_id: string; code: string; id: string }>(
        manager,
        `SELECT b.id, b.product_id, lower(b.code) AS code FROM batches b
           JOIN unnest($1::uuid[], $2::text[]) AS k(product_id, code)
             ON b.product_id = k.product_id AND lower(b.code) = lower(k.code)`,
        [late.map((b) => b.productId), late.map((b) => b.code)],
      );
      const byKey = new Map(found.map((row) => [`${row.product_id}|${row.code}`, row.id]));
      batches.forEach((batch, index) => {
        ids[index] ??= byKey.get(`${batch.productId}|${batch.code.toLowerCase()}`) ?? null;
      });
    }
    return ids.map((id) => id!);
  }

  /** What creating a batch needs to know of its product; null when there is no such product. */
  async productRules(manager: EntityManager, productId: string): Promise<ProductRules | null> {
    const [row] = await selectRows<ProductRules>(
      manager,
      `SELECT tracking, shelf_life_days FROM products WHERE id = $1`,
      [productId],
    );
    return row ?? null;
  }

  /** `productRules` for several products at once, by id (absent: no such product). */
  async productsRules(
    manager: EntityManager,
    productIds: string[],
  ): Promise<Map<string, ProductRules>> {
    const rows = await selectRows<ProductRules & { id: string }>(
      manager,
      `SELECT id, tracking, shelf_life_days FROM products WHERE id = ANY($1::uuid[])`,
      [productIds],
    );
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** Whether the batch has (or had) a level in one of these warehouses. */
  async touchesWarehouses(
    manager: EntityManager,
    id: string,
    warehouses: string[],
  ): Promise<boolean> {
    const [{ touches }] = await selectRows<{ touches: boolean }>(
      manager,
      `SELECT EXISTS (SELECT 1 FROM stock_levels WHERE batch_id = $1 AND warehouse_id = ANY($2::uuid[])) AS touches`,
      [id, warehouses],
    );
    return touches;
  }

  async update(
    manager: EntityManager,
    id: string,
    changes: Record<'produced_at' | 'received_at' | 'expires_at' | 'notes', unknown>,
  ): Promise<void> {
    const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
    if (!entries.length) return;
    await manager.query(
      `UPDATE batches SET ${entries.map(([column], index) => `${column} = $${index + 2}`).join(', ')}, updated_at = now() WHERE id = $1`,
      [id, ...entries.map(([, value]) => value)],
    );
  }

  async setToken(manager: EntityManager, id: string, token: string): Promise<void> {
    await manager.query(`UPDATE batches SET public_token = $2, updated_at = now() WHERE id = $1`, [
      id,
      token,
    ]);
  }
}
