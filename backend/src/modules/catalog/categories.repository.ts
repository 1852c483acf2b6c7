import { Injectable } from '@nestjs/common';
import { Category } from '@stockmaster/contracts';
import { EntityManager } from 'typeorm';

export interface CategoryRow {
  id: string;
  name: string;
  parent_id: string | null;
  path: string;
  created_at: Date;
  updated_at: Date;
}

/** Every category with its path from the root (`Meat/Poultry`); categories are few, products many. */
export const CATEGORY_PATHS = `
  WITH RECURSIVE category_paths AS (
    SELECT id, name, parent_id, name::text AS path, created_at, updated_at FROM categories WHERE parent_id IS NULL
    UNION ALL
    SELECT c.id, c.name, c.parent_id, p.path || '/' || c.name, c.created_at, c.updated_at
      FROM categories c JOIN category_paths p ON c.parent_id = p.id)`;

export function toCategory(row: CategoryRow): Category {
  return {
    id: row.id,
    name: row.name,
    parentId: row.parent_id,
    path: row.path,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

@Injectable()
export class CategoriesRepository {
  async all(manager: EntityManager): Promise<CategoryRow[]> {
    return manager.query(`${CATEGORY_PATHS} SELECT * FROM category_paths ORDER BY lower(path)`);
  }

  async page(
    manager: EntityManager,
    filter: {
      search?: string;
      page: number;
      limit: number;
      /** A whitelisted column expression of category_paths (see the service). */
      order?: { column: string; direction: 'ASC' | 'DESC' };
    },
  ): Promise<{ rows: CategoryRow[]; total: number }> {
    const { column, direction } = filter.order ?? { column: 'lower(path)', direction: 'ASC' };
    const rows: (CategoryRow & { total: string })[] = await manager.query(
      `${CATEGORY_PATHS}
       SELECT *, count(*) OVER () AS total FROM category_paths
        WHERE $1::text IS NULL OR path ILIKE $1
        ORDER BY ${column} ${direction}, id ${direction} LIMIT $2 OFFSET $3`,
      [filter.search ?? null, filter.limit, (filter.page - 1) * filter.limit],
    );
    return { rows, total: rows.length ? Number(rows[0].total) : 0 };
  }

  async find(manager: EntityManager, id: string): Promise<CategoryRow | null> {
    const rows: CategoryRow[] = await manager.query(
      `${CATEGORY_PATHS} SELECT * FROM category_paths WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async exists(manager: EntityManager, id: string): Promise<boolean> {
    const [{ exists }] = await manager.query(
      `SELECT EXISTS (SELECT 1 FROM categories WHERE id = $1) AS exists`,
      [id],
    );
    return exists;
  }

  async insert(manager: EntityManager, name: string, parentId: string | null): Promise<string> {
    const [{ id }] = await manager.query(
      `INSERT INTO categories (name, parent_id) VALUES ($1, $2) RETURNING id`,
      [name, parentId],
    );
    return id;
  }

  async update(
    manager: EntityManager,
    id: string,
    name: string,
    parentId: string | null,
  ): Promise<void> {
    await manager.query(
      `UPDATE categories SET name = $2, parent_id = $3, updated_at = now() WHERE id = $1`,
      [id, name, parentId],
    );
  }

  async isSelfOrDescendant(
    manager: EntityManager,
    id: string,
    candidateId: string,
  ): Promise<boolean> {
    const [{ inside }] = await manager.query(
      `WITH RECURSIVE sub AS (
         SELECT id FROM categories WHERE id = $1
         UNION ALL SELECT c.id FROM categories c JOIN sub ON c.parent_id = sub.id)
       SELECT EXISTS (SELECT 1 FROM sub WHERE id = $2) AS inside`,
      [id, candidateId],
    );
    return inside;
  }

  async usage(manager: EntityManager, id: string): Promise<{ children: number; products: number }> {
    const [row] = await manager.query(
      `SELECT (SELECT count(*)::int FROM categories WHERE parent_id = $1) AS children,
              (SELECT count(*)::int FROM products WHERE category_id = $1) AS products`,
      [id],
    );
    return row;
  }

  async delete(manager: EntityManager, id: string): Promise<void> {
    await manager.query(`DELETE FROM categories WHERE id = $1`, [id]);
  }

  /** Serialises edits of the category tree (moves must not race into a cycle). */
  async lockTree(manager: EntityManager): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('categories'))`);
  }
}
