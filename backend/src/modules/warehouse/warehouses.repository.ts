import { Injectable } from '@nestjs/common';
import type { LocationType } from '@stockmaster/contracts';
import { EntityManager, FindOptionsWhere, Like, Not } from 'typeorm';
import { escapeLike } from '../../common/sql';
import { StockLevelEntity } from '../stock-moves/stock-level.entity';
import { LocationEntity } from './location.entity';
import { WarehouseEntity } from './warehouse.entity';

export interface PageRows<T> {
  rows: T[];
  total: number;
}

/**
 * A location and everything below it, by full name: `W/A` and `W/A/…`, never `W/A2`. Full
 * names are kept in step with the tree by this module, so the prefix is the subtree.
 */
function subtree(warehouseId: string, fullName: string): FindOptionsWhere<LocationEntity>[] {
  return [
    { warehouseId, fullName },
    { warehouseId, fullName: Like(`${escapeLike(fullName)}/%`) },
  ];
}

/** Warehouses and locations; every query takes the caller's EntityManager. */
@Injectable()
export class WarehousesRepository {
  findWarehouse(manager: EntityManager, id: string, lock = false): Promise<WarehouseEntity | null> {
    return manager.findOne(WarehouseEntity, {
      where: { id },
      lock: lock ? { mode: 'pessimistic_write' } : undefined,
    });
  }

  async listWarehouses(
    manager: EntityManager,
    filter: {
      search?: string;
      visibleIds: string[] | null;
      page: number;
      limit: number;
      order?: { column: string; direction: 'ASC' | 'DESC' };
    },
  ): Promise<PageRows<WarehouseEntity>> {
    const order = filter.order ?? { column: 'w.code', direction: 'ASC' };
    const query = manager
      .createQueryBuilder(WarehouseEntity, 'w')
      .orderBy(order.column, order.direction)
      .addOrderBy('w.id', order.direction)
      .skip((filter.page - 1) * filter.limit)
      .take(filter.limit);
    if (filter.search) {
      query.andWhere('(w.code ILIKE :pattern OR w.name ILIKE :pattern)', {
        pattern: `%${escapeLike(filter.search)}%`,
      });
    }
    if (filter.visibleIds) {
      query.andWhere('w.id = ANY(:visibleIds)', { visibleIds: filter.visibleIds });
    }
    const [rows, total] = await query.getManyAndCount();
    return { rows, total };
  }

  /** Inserts the warehouse and its root internal location `CODE/Stock`; returns its id. */
  async insertWarehouse(
    manager: EntityManager,
    w: { code: string; name: string; address: string | null },
  ): Promise<string> {
    const { id } = await manager.save(manager.create(WarehouseEntity, w));
    await manager.insert(LocationEntity, {
      warehouseId: id,
      name: 'Stock',
      fullName: `${w.code}/Stock`,
      type: 'internal',
    });
    return id;
  }

  /** Writes the fields given (undefined: unchanged); `updated_at` moves in any case. */
  async updateWarehouse(
    manager: EntityManager,
    id: string,
    changes: { name?: string; address?: string | null },
  ): Promise<void> {
    await manager.update(WarehouseEntity, id, changes);
  }

  /** A new code renames every location of the warehouse (`OLD/…` → `NEW/…`) in one statement. */
  async changeCode(
    manager: EntityManager,
    id: string,
    oldCode: string,
    newCode: string,
  ): Promise<void> {
    await manager.update(WarehouseEntity, id, { code: newCode });
    await this.renameSubtree(manager, id, oldCode, newCode);
  }

  async deleteWarehouse(manager: EntityManager, id: string): Promise<void> {
    // One statement for the whole tree: parent links are checked at its end, not row by row.
    await manager.delete(LocationEntity, { warehouseId: id });
    await manager.delete(WarehouseEntity, id);
  }

  /** Sets `has_stock_history` on those of `ids` without it; answers the ones it changed. */
  async flagStockHistory(manager: EntityManager, ids: string[]): Promise<string[]> {
    // TypeORM answers an UPDATE as [rows, row count].
    const [flagged] = (await manager.query(
      `UPDATE warehouses SET has_stock_history = true
        WHERE id = ANY($1::uuid[]) AND NOT has_stock_history RETURNING id`,
      [ids],
    )) as [{ id: string }[], number];
    return flagged.map((row) => row.id);
  }

  findLocation(manager: EntityManager, id: string, lock = false): Promise<LocationEntity | null> {
    return manager.findOne(LocationEntity, {
      where: { id },
      lock: lock ? { mode: 'pessimistic_write' } : undefined,
    });
  }

  async listLocations(
    manager: EntityManager,
    filter: {
      warehouseId?: string;
      type?: LocationType;
      search?: string;
      visibleIds: string[] | null;
      page: number;
      limit: number;
      /** Without one: internal locations first, then by full name. */
      order?: { column: string; direction: 'ASC' | 'DESC' };
    },
  ): Promise<PageRows<LocationEntity>> {
    const query = manager.createQueryBuilder(LocationEntity, 'l');
    if (filter.order) {
      query.orderBy(filter.order.column, filter.order.direction);
    } else {
      query.orderBy(`l.type <> 'internal'`).addOrderBy('lower(l.fullName)');
    }
    query
      .addOrderBy('l.id', filter.order?.direction ?? 'ASC')
      .skip((filter.page - 1) * filter.limit)
      .take(filter.limit);
    if (filter.warehouseId) {
      query.andWhere('l.warehouseId = :warehouseId', { warehouseId: filter.warehouseId });
    }
    if (filter.type) query.andWhere('l.type = :type', { type: filter.type });
    if (filter.search) {
      query.andWhere('l.fullName ILIKE :pattern', { pattern: `%${escapeLike(filter.search)}%` });
    }
    // Virtual locations belong to no warehouse and are visible to everyone.
    if (filter.visibleIds) {
      query.andWhere('(l.warehouseId IS NULL OR l.warehouseId = ANY(:visibleIds))', {
        visibleIds: filter.visibleIds,
      });
    }
    const [rows, total] = await query.getManyAndCount();
    return { rows, total };
  }

  /** Inserts an internal location below `parent`; returns its id. */
  async insertLocation(
    manager: EntityManager,
    parent: LocationEntity,
    name: string,
  ): Promise<string> {
    const { id } = await manager.save(
      manager.create(LocationEntity, {
        warehouseId: parent.warehouseId,
        parentId: parent.id,
        name,
        fullName: `${parent.fullName}/${name}`,
        type: 'internal',
      }),
    );
    return id;
  }

  /** Renames and/or moves a location; the full names of its whole subtree follow in one statement. */
  async relocate(
    manager: EntityManager,
    location: LocationEntity,
    name: string,
    parent: LocationEntity,
  ): Promise<void> {
    await manager.update(LocationEntity, location.id, { name, parentId: parent.id });
    await this.renameSubtree(
      manager,
      location.warehouseId!,
      location.fullName,
      `${parent.fullName}/${name}`,
    );
  }

  /** True when `candidate` is `location` itself or lies below it, following the parent links. */
  async isSelfOrDescendant(
    manager: EntityManager,
    location: LocationEntity,
    candidateId: string,
  ): Promise<boolean> {
    const [{ inside }]: { inside: boolean }[] = await manager.query(
      `WITH RECURSIVE sub AS (
         SELECT id FROM locations WHERE id = $1
         UNION ALL SELECT l.id FROM locations l JOIN sub ON l.parent_id = sub.id)
       SELECT EXISTS (SELECT 1 FROM sub WHERE id = $2) AS inside`,
      [location.id, candidateId],
    );
    return inside;
  }

  /** True while any location of the subtree holds a non-zero quantity. */
  subtreeHoldsStock(manager: EntityManager, location: LocationEntity): Promise<boolean> {
    return manager.exists(StockLevelEntity, {
      where: subtree(location.warehouseId!, location.fullName).map((inSubtree) => ({
        quantity: Not('0'),
        location: inSubtree,
      })),
    });
  }

  /** Deletes a location with everything below it, in one statement. Returns how many went. */
  async deleteSubtree(manager: EntityManager, location: LocationEntity): Promise<number> {
    const locations = subtree(location.warehouseId!, location.fullName);
    // Empty level rows (created for postings that never happened) go with their locations.
    const ids = manager.createQueryBuilder(LocationEntity, 'l').select('l.id').where(locations);
    await manager
      .createQueryBuilder()
      .delete()
      .from(StockLevelEntity)
      .where('quantity = 0')
      .andWhere(`location_id IN (${ids.getQuery()})`)
      .setParameters(ids.getParameters())
      .execute();
    const { affected } = await manager.delete(LocationEntity, locations);
    return affected ?? 0;
  }

  /** Serialises the tree edits of one warehouse until the transaction ends. */
  async lockTree(manager: EntityManager, warehouseId: string): Promise<void> {
    await manager.query(`SELECT pg_advisory_xact_lock(hashtext('locations:' || $1))`, [
      warehouseId,
    ]);
  }

  /** Rewrites the full names of a subtree from the `from` path to the `to` path. */
  private async renameSubtree(
    manager: EntityManager,
    warehouseId: string,
    from: string,
    to: string,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(LocationEntity)
      .set({ fullName: () => `:to || substr(full_name, length(:from) + 1)` })
      .where(subtree(warehouseId, from))
      .setParameters({ from, to })
      .execute();
  }
}
