import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { escapeLike, conditionAdder } from '../../common/sql';
import { LocationRow, WarehouseRow } from './warehouse-rows';

const SELECT_WAREHOUSE = `
  SELECT w.*, l.id AS root_location_id
    FROM warehouses w
    JOIN locations l ON l.warehouse_id = w.id AND l.parent_id IS NULL AND l.type = 'internal'`;

/** Warehouses and locations; every query takes the caller's EntityManager. */
@Injectable()
export class WarehousesRepository {
  async findWarehouse(
    manager: EntityManager,
    id: string,
    lock = false,
  ): Promise<WarehouseRow | null> {
    const rows: WarehouseRow[] = await manager.query(
      `${SELECT_WAREHOUSE} WHERE w.id = $1 ${lock ? 'FOR UPDATE OF w' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async listWarehouses(
    manager: EntityManager,
    filter: { search?: string; visibleIds: string[] | null; page: number; limit: number },
  ): Promise<{ rows: WarehouseRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.search) {
      params.push(`%${escapeLike(filter.search)}%`);
      where.push(`(w.code ILIKE $${params.length} OR w.name ILIKE $${params.length})`);
    }
    if (filter.visibleIds) {
      params.push(filter.visibleIds);
      where.push(`w.id = ANY($${params.length}::uuid[])`);
    }
    params.push(filter.limit, (filter.page - 1) * filter.limit);
    const rows: (WarehouseRow & { total: string })[] = await manager.query(
      `SELECT *, count(*) OVER () AS total FROM (${SELECT_WAREHOUSE} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}) w
        ORDER BY w.code LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { rows, total: rows.length ? Number(rows[0].total) : 0 };
  }

  async insertWarehouse(
    manager: EntityManager,
    w: { code: string; name: string; address: string | null },
  ): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO warehouses (code, name, address) VALUES ($1, $2, $3) RETURNING id`,
      [w.code, w.name, w.address],
    );
    await manager.query(
      `INSERT INTO locations (warehouse_id, name, full_name, type) VALUES ($1, 'Stock', $2 || '/Stock', 'internal')`,
      [id, w.code],
    );
    return id;
  }

  async updateWarehouse(
    manager: EntityManager,
    id: string,
    changes: { name?: string; address?: string | null },
  ): Promise<void> {
    await manager.query(
      `UPDATE warehouses SET name = COALESCE($2, name), address = CASE WHEN $3 THEN $4 ELSE address END, updated_at = now() WHERE id = $1`,
      [id, changes.name ?? null, changes.address !== undefined, changes.address ?? null],
    );
  }

  /** A new code renames every location of the warehouse (`OLD/…` → `NEW/…`) in one statement. */
  async changeCode(
    manager: EntityManager,
    id: string,
    oldCode: string,
    newCode: string,
  ): Promise<void> {
    await manager.query(`UPDATE warehouses SET code = $2, updated_at = now() WHERE id = $1`, [
      id,
      newCode,
    ]);
    await manager.query(
      `UPDATE locations SET full_name = $3 || substr(full_name, length($2) + 1), updated_at = now()
        WHERE warehouse_id = $1 AND left(full_name, length($2) + 1) = $2 || '/'`,
      [id, oldCode, newCode],
    );
  }

  async deleteWarehouse(manager: EntityManager, id: string): Promise<void> {
    // One statement for the whole tree: parent links are checked at its end, not row by row.
    await manager.query(`DELETE FROM locations WHERE warehouse_id = $1`, [id]);
    await manager.query(`DELETE FROM warehouses WHERE id = $1`, [id]);
  }

  async findLocation(
    manager: EntityManager,
    id: string,
    lock = false,
  ): Promise<LocationRow | null> {
    const rows: LocationRow[] = await manager.query(
      `SELECT * FROM locations WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async listLocations(
    manager: EntityManager,
    filter: {
      warehouseId?: string;
      type?: string;
      search?: string;
      visibleIds: string[] | null;
      page: number;
      limit: number;
    },
  ): Promise<{ rows: LocationRow[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = conditionAdder(params, where);
    if (filter.warehouseId) add('warehouse_id = ?', filter.warehouseId);
    if (filter.type) add('type = ?', filter.type);
    if (filter.search) add('full_name ILIKE ?', `%${escapeLike(filter.search)}%`);
    // Virtual locations belong to no warehouse and are visible to everyone.
    if (filter.visibleIds)
      add('(warehouse_id IS NULL OR warehouse_id = ANY(?::uuid[]))', filter.visibleIds);
    params.push(filter.limit, (filter.page - 1) * filter.limit);
    const rows: (LocationRow & { total: string })[] = await manager.query(
      `SELECT *, count(*) OVER () AS total FROM locations ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY type <> 'internal', lower(full_name) LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { rows, total: rows.length ? Number(rows[0].total) : 0 };
  }

  async insertLocation(manager: EntityManager, parent: LocationRow, name: string): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO locations (warehouse_id, parent_id, name, full_name, type) VALUES ($1, $2, $3, $4, 'internal') RETURNING id`,
      [parent.warehouse_id, parent.id, name, `${parent.full_name}/${name}`],
    );
    return id;
  }

  /** Renames and/or moves a location; the full names of its whole subtree follow in one statement. */
  async relocate(
    manager: EntityManager,
    location: LocationRow,
    name: string,
    parent: LocationRow,
  ): Promise<void> {
    const newFullName = `${parent.full_name}/${name}`;
    await manager.query(
      `UPDATE locations SET name = $2, parent_id = $3, updated_at = now() WHERE id = $1`,
      [location.id, name, parent.id],
    );
    await manager.query(
      `UPDATE locations SET full_name = $3 || substr(full_name, length($2) + 1), updated_at = now()
        WHERE warehouse_id = $1 AND (full_name = $2 OR left(full_name, length($2) + 1) = $2 || '/')`,
      [location.warehouse_id, location.full_name, newFullName],
    );
  }

  /** True when `candidate` is `location` itself or lies below it. */
  async isSelfOrDescendant(
    manager: EntityManager,
    location: LocationRow,
    candidateId: string,
  ): Promise<boolean> {
    const [{ inside }] = await manager.query(
      `WITH RECURSIVE sub AS (
         SELECT id FROM locations WHERE id = $1
         UNION ALL SELECT l.id FROM locations l JOIN sub ON l.parent_id = sub.id)
       SELECT EXISTS (SELECT 1 FROM sub WHERE id = $2) AS inside`,
      [location.id, candidateId],
    );
    return inside;
  }

  /** True while any location of the subtree holds a non-zero quantity. */
  async subtreeHoldsStock(manager: EntityManager, location: LocationRow): Promise<boolean> {
    const [{ holds }] = await manager.query(
      `SELECT EXISTS (
         SELECT 1 FROM stock_levels s JOIN locations l ON l.id = s.location_id
          WHERE s.quantity <> 0 AND l.warehouse_id = $1 AND (l.full_name = $2 OR left(l.full_name, length($2) + 1) = $2 || '/')) AS holds`,
      [location.warehouse_id, location.full_name],
    );
    return holds;
  }

  /** Deletes a location with everything below it, in one statement. Returns how many went. */
  async deleteSubtree(manager: EntityManager, location: LocationRow): Promise<number> {
    // Empty level rows (created for postings that never happened) go with their locations.
    await manager.query(
      `DELETE FROM stock_levels s USING locations l
        WHERE l.id = s.location_id AND s.quantity = 0 AND l.warehouse_id = $1
          AND (l.full_name = $2 OR left(l.full_name, length($2) + 1) = $2 || '/')`,
      [location.warehouse_id, location.full_name],
    );
    const [, count] = await manager.query(
      `DELETE FROM locations WHERE warehouse_id = $1 AND (full_name = $2 OR left(full_name, length($2) + 1) = $2 || '/')`,
      [location.warehouse_id, location.full_name],
    );
    return count;
  }
}
