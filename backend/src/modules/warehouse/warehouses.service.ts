import { Injectable } from '@nestjs/common';
import { Location, Page, Warehouse, WarehouseErrorCode } from '@stockmaster/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '../../common/auth/authenticated-user';
import { WarehouseScope } from '../../common/auth/warehouse-scope';
import { BusinessRuleError, ConflictError, NotFoundError } from '../../common/errors/domain-error';
import {
  PG_FOREIGN_KEY_VIOLATION,
  PG_UNIQUE_VIOLATION,
  pgCode,
  pgConstraint,
} from '../../common/sql';
import { transaction } from '../../database/transaction';
import { AuditService } from '../audit/audit.service';
import {
  CreateLocationDto,
  CreateWarehouseDto,
  LocationListQueryDto,
  UpdateLocationDto,
  UpdateWarehouseDto,
  WarehouseListQueryDto,
} from './dto/warehouse.dto';
import { LocationEntity } from './location.entity';
import { toLocation, toWarehouse } from './warehouse-mappers';
import { WarehousesRepository } from './warehouses.repository';
import { orderBy } from '../../common/http/dto/sort';
import { LocationSort, WarehouseSort } from './dto/warehouse.dto';

const WAREHOUSE_SORT_COLUMNS: Record<WarehouseSort, string> = {
  code: 'w.code',
  name: 'lower(w.name)',
  createdAt: 'w.createdAt',
};

const LOCATION_SORT_COLUMNS: Record<LocationSort, string> = {
  fullName: 'lower(l.fullName)',
  name: 'lower(l.name)',
  type: 'l.type',
  createdAt: 'l.createdAt',
};

const readOnly = () =>
  new ConflictError(
    'This location cannot be changed: it is a virtual location or the root of its warehouse',
    WarehouseErrorCode.LocationReadOnly,
  );

/** Warehouses and their location trees. Reads go through the caller's warehouse scope. */
@Injectable()
export class WarehousesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: WarehousesRepository,
    private readonly scope: WarehouseScope,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthenticatedUser, query: WarehouseListQueryDto): Promise<Page<Warehouse>> {
    const { rows, total } = await this.repository.listWarehouses(this.dataSource.manager, {
      search: query.search?.trim() || undefined,
      visibleIds: this.scope.visibleWarehouseIds(user),
      page: query.page,
      limit: query.limit,
      order: query.sort ? orderBy(query.sort, 'code', WAREHOUSE_SORT_COLUMNS) : undefined,
    });
    return { data: rows.map(toWarehouse), meta: { page: query.page, limit: query.limit, total } };
  }

  async get(user: AuthenticatedUser, id: string): Promise<Warehouse> {
    this.scope.assertVisible(user, id, 'Warehouse');
    const row = await this.repository.findWarehouse(this.dataSource.manager, id);
    if (!row) throw new NotFoundError('Warehouse');
    return toWarehouse(row);
  }

  /** Creates the warehouse and its root internal location `CODE/Stock`. */
  async create(dto: CreateWarehouseDto, caller: AuthenticatedUser): Promise<Warehouse> {
    return this.write(async (manager) => {
      const id = await this.repository.insertWarehouse(manager, {
        code: dto.code,
        name: dto.name,
        address: dto.address ?? null,
      });
      await this.audit.record(manager, {
        actor: caller,
        action: 'warehouse.created',
        entityType: 'warehouse',
        entityId: id,
        summary: { code: dto.code, name: dto.name },
      });
      return toWarehouse((await this.repository.findWarehouse(manager, id))!);
    });
  }

  async update(id: string, dto: UpdateWarehouseDto, caller: AuthenticatedUser): Promise<Warehouse> {
    return this.write(async (manager) => {
      const row = await this.repository.findWarehouse(manager, id, true);
      if (!row) throw new NotFoundError('Warehouse');
      // null, like undefined, leaves the code as it is (as it does the name).
      if (dto.code != null && dto.code !== row.code) {
        if (row.hasStockHistory) {
          throw new ConflictError(
            'Stock has moved through this warehouse: its code can no longer change',
            WarehouseErrorCode.CodeFrozen,
          );
        }
        await this.repository.changeCode(manager, id, row.code, dto.code);
      }
      await this.repository.updateWarehouse(manager, id, {
        name: dto.name ?? undefined,
        address: dto.address,
      });
      await this.audit.record(manager, {
        actor: caller,
        action: 'warehouse.updated',
        entityType: 'warehouse',
        entityId: id,
        summary: { ...dto },
      });
      return toWarehouse((await this.repository.findWarehouse(manager, id))!);
    });
  }

  async remove(id: string, caller: AuthenticatedUser): Promise<void> {
    await this.write(async (manager) => {
      const row = await this.repository.findWarehouse(manager, id, true);
      if (!row) throw new NotFoundError('Warehouse');
      if (row.hasStockHistory) {
        throw new ConflictError(
          'This warehouse has held stock: it cannot be deleted',
          WarehouseErrorCode.HasStockHistory,
        );
      }
      await this.repository.deleteWarehouse(manager, id);
      await this.audit.record(manager, {
        actor: caller,
        action: 'warehouse.deleted',
        entityType: 'warehouse',
        entityId: id,
        summary: { code: row.code },
      });
    });
  }

  async listLocations(
    user: AuthenticatedUser,
    query: LocationListQueryDto,
  ): Promise<Page<Location>> {
    if (query.warehouseId && !this.scope.canUse(user, query.warehouseId)) {
      return { data: [], meta: { page: query.page, limit: query.limit, total: 0 } };
    }
    const { rows, total } = await this.repository.listLocations(this.dataSource.manager, {
      warehouseId: query.warehouseId,
      type: query.type,
      search: query.search?.trim() || undefined,
      visibleIds: this.scope.visibleWarehouseIds(user),
      page: query.page,
      limit: query.limit,
      order: query.sort ? orderBy(query.sort, 'fullName', LOCATION_SORT_COLUMNS) : undefined,
    });
    return { data: rows.map(toLocation), meta: { page: query.page, limit: query.limit, total } };
  }

  async getLocation(user: AuthenticatedUser, id: string): Promise<Location> {
    const row = await this.repository.findLocation(this.dataSource.manager, id);
    if (!row || (row.warehouseId !== null && !this.scope.canUse(user, row.warehouseId)))
      throw new NotFoundError('Location');
    return toLocation(row);
  }

  async createLocation(dto: CreateLocationDto, caller: AuthenticatedUser): Promise<Location> {
    return this.write(async (manager) => {
      const parent = await this.repository.findLocation(manager, dto.parentId);
      if (!parent) throw new NotFoundError('Parent location');
      if (parent.type !== 'internal') {
        throw new BusinessRuleError(
          'Locations can only be created inside a warehouse’s internal locations',
          [{ field: 'parentId', message: 'The parent must be an internal location' }],
        );
      }
      await this.repository.lockTree(manager, parent.warehouseId!);
      const id = await this.repository.insertLocation(manager, parent, dto.name);
      const row = (await this.repository.findLocation(manager, id))!;
      await this.audit.record(manager, {
        actor: caller,
        action: 'location.created',
        entityType: 'location',
        entityId: id,
        summary: { fullName: row.fullName },
      });
      return toLocation(row);
    });
  }

  /**
   * Renames and/or moves an internal location with its subtree. Tree edits of one warehouse are
   * serialised, so two concurrent moves cannot build a cycle between them.
   */
  async updateLocation(
    id: string,
    dto: UpdateLocationDto,
    caller: AuthenticatedUser,
  ): Promise<Location> {
    return this.write(async (manager) => {
      const current = await this.repository.findLocation(manager, id);
      if (!current) throw new NotFoundError('Location');
      if (!this.isEditable(current)) throw readOnly();
      await this.repository.lockTree(manager, current.warehouseId!);
      const location = (await this.repository.findLocation(manager, id, true))!;
      const parentId = dto.parentId ?? location.parentId!;
      const parent = await this.repository.findLocation(manager, parentId);
      if (!parent) throw new NotFoundError('Parent location');
      if (parent.type !== 'internal' || parent.warehouseId !== location.warehouseId) {
        throw new BusinessRuleError('A location can only move inside its own warehouse', [
          {
            field: 'parentId',
            message: 'The new parent must be an internal location of the same warehouse',
          },
        ]);
      }
      if (await this.repository.isSelfOrDescendant(manager, location, parent.id)) {
        throw new BusinessRuleError(
          'A location cannot move below itself',
          [
            {
              field: 'parentId',
              error: WarehouseErrorCode.LocationCycle,
              message: 'The new parent lies inside this location',
            },
          ],
          WarehouseErrorCode.LocationCycle,
        );
      }
      await this.repository.relocate(manager, location, dto.name ?? location.name, parent);
      const row = (await this.repository.findLocation(manager, id))!;
      await this.audit.record(manager, {
        actor: caller,
        action: 'location.updated',
        entityType: 'location',
        entityId: id,
        summary: { from: location.fullName, to: row.fullName },
      });
      return toLocation(row);
    });
  }

  /** Deletes a location and everything below it. */
  async removeLocation(id: string, caller: AuthenticatedUser): Promise<void> {
    await this.write(async (manager) => {
      const location = await this.repository.findLocation(manager, id);
      if (!location) throw new NotFoundError('Location');
      if (!this.isEditable(location)) throw readOnly();
      await this.repository.lockTree(manager, location.warehouseId!);
      if (await this.repository.subtreeHoldsStock(manager, location)) {
        throw new ConflictError(
          'This location, or one below it, holds stock: move it out first',
          WarehouseErrorCode.LocationHasStock,
        );
      }
      const removed = await this.repository.deleteSubtree(manager, location);
      await this.audit.record(manager, {
        actor: caller,
        action: 'location.deleted',
        entityType: 'location',
        entityId: id,
        summary: { fullName: location.fullName, locationsRemoved: removed },
      });
    });
  }

  private isEditable(location: LocationEntity): boolean {
    return location.type === 'internal' && location.parentId !== null;
  }

  private async write<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await transaction(this.dataSource, work);
    } catch (error) {
      if (pgCode(error) === PG_FOREIGN_KEY_VIOLATION) {
        // Moves keep referring to the locations they went through: history is never deleted.
        throw new ConflictError(
          'Stock has moved through this location: it stays for the record',
          WarehouseErrorCode.LocationHasStock,
        );
      }
      if (pgCode(error) === PG_UNIQUE_VIOLATION) {
        if (pgConstraint(error) === 'warehouses_code_key') {
          throw new ConflictError(
            'A warehouse with this code already exists',
            WarehouseErrorCode.CodeTaken,
          );
        }
        if (pgConstraint(error) === 'locations_full_name_key') {
          throw new ConflictError(
            'A location with this name already exists there',
            WarehouseErrorCode.LocationNameTaken,
          );
        }
      }
      throw error;
    }
  }
}
