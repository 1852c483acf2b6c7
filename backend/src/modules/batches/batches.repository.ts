import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { conditionAdder, escapeLike } from '../../common/sql';

/** The freshness rule of libs/contracts `freshness()`, in SQL, for filtering ($today is a date). */
export const FRESHNESS_SQL = (today: string) => `
  CASE WHEN b.expires_at IS NULL THEN 'fresh'
       WHEN b.expires_at <= ${today}::date THEN 'expired'
       WHEN b.expires_at - ${today}::date <= p.expiry_warning_days THEN 'caution'
       ELSE 'fresh' END`;

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
  on_hand: string;
  created_at: Date;
  updated_at: Date;
}

export interface BatchFilter {
  productId?: string;
  warehouseId?: string;
  status?: string;
  expiringWithinDays?: number;
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
    if (filter.search)
      add(`(b.code || ' ' || p.sku || ' ' || p.name) ILIKE ?`, `%${escapeLike(filter.search)}%`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    params.push(filter.limit, (filter.page - 1) * filter.limit);
    const rows: (BatchRow & { total: string })[] = await manager.query(
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
    const rows: BatchRow[] = await manager.query(
      `${this.select(visibleWarehouses ? '$2' : null)} WHERE b.id = $1`,
      visibleWarehouses ? [id, visibleWarehouses] : [id],
    );
    return rows[0] ?? null;
  }

  async findByToken(manager: EntityManager, token: string): Promise<BatchRow | null> {
    const rows: BatchRow[] = await manager.query(`${this.select(null)} WHERE b.public_token = $1`, [
      token,
    ]);
    return rows[0] ?? null;
  }

  async stock(manager: EntityManager, id: string, visibleWarehouses: string[] | null) {
    return manager.query(
      `SELECT s.location_id, l.full_name, s.warehouse_id, trim_scale(s.quantity)::text AS quantity
         FROM stock_levels s JOIN locations l ON l.id = s.location_id
        WHERE s.batch_id = $1 AND s.quantity <> 0 ${visibleWarehouses ? 'AND s.warehouse_id = ANY($2::uuid[])' : ''}
        ORDER BY l.full_name`,
      visibleWarehouses ? [id, visibleWarehouses] : [id],
    ) as Promise<
      { location_id: string; full_name: string; warehouse_id: string; quantity: string }[]
    >;
  }

  async insert(
    manager: EntityManager,
    batch: {
      productId: string;
      code: string;
      producedAt: string | null;
      receivedAt: string | null;
      expiresAt: string | null;
      token: string;
      notes: string | null;
    },
  ): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO batches (product_id, code, produced_at, received_at, expires_at, public_token, notes)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [
        batch.productId,
        batch.code,
        batch.producedAt,
        batch.receivedAt,
        batch.expiresAt,
        batch.token,
        batch.notes,
      ],
    );
    return id;
  }

  /** Many batches in one statement; resolves with their ids in the order given. */
  async insertMany(
    manager: EntityManager,
    batches: {
      productId: string;
      code: string;
      producedAt: string | null;
      expiresAt: string | null;
      token: string;
      notes: string | null;
    }[],
  ): Promise<string[]> {
    if (!batches.length) return [];
    const rows: { id: string; product_id: string; code: string }[] = await manager.query(
      `INSERT INTO batches (product_id, code, produced_at, expires_at, public_token, notes)
       SELECT p, c, pr::date, ex::date, t, nt
         FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[])
              AS b(p, c, pr, ex, t, nt)
       RETURNING id, product_id, code`,
      [
        batches.map((batch) => batch.productId),
        batches.map((batch) => batch.code),
        batches.map((batch) => batch.producedAt),
        batches.map((batch) => batch.expiresAt),
        batches.map((batch) => batch.token),
        batches.map((batch) => batch.notes),
      ],
    );
    // RETURNING promises no order: match by (product, code), unique per product.
    const key = (productId: string, code: string) => `${productId}|${code.toLowerCase()}`;
    const ids = new Map(rows.map((row) => [key(row.product_id, row.code), row.id]));
    return batches.map((batch) => ids.get(key(batch.productId, batch.code))!);
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
