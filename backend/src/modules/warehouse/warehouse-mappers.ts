import { Location, Warehouse } from '@stockmaster/contracts';
import { LocationEntity } from './location.entity';
import { WarehouseEntity } from './warehouse.entity';

export function toWarehouse(warehouse: WarehouseEntity): Warehouse {
  return {
    id: warehouse.id,
    code: warehouse.code,
    name: warehouse.name,
    address: warehouse.address,
    rootLocationId: warehouse.rootLocationId,
    hasStockHistory: warehouse.hasStockHistory,
    createdAt: warehouse.createdAt.toISOString(),
    updatedAt: warehouse.updatedAt.toISOString(),
  };
}

export function toLocation(location: LocationEntity): Location {
  return {
    id: location.id,
    warehouseId: location.warehouseId,
    parentId: location.parentId,
    name: location.name,
    fullName: location.fullName,
    type: location.type,
    createdAt: location.createdAt.toISOString(),
    updatedAt: location.updatedAt.toISOString(),
  };
}
