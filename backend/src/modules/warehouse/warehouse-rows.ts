import { Location, LocationType, Warehouse } from '@stockmaster/contracts';

export interface WarehouseRow {
  id: string;
  code: string;
  name: string;
  address: string | null;
  has_stock_history: boolean;
  root_location_id: string;
  created_at: Date;
  updated_at: Date;
}

export interface LocationRow {
  id: string;
  warehouse_id: string | null;
  parent_id: string | null;
  name: string;
  full_name: string;
  type: LocationType;
  created_at: Date;
  updated_at: Date;
}

export function toWarehouse(row: WarehouseRow): Warehouse {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    address: row.address,
    rootLocationId: row.root_location_id,
    hasStockHistory: row.has_stock_history,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

export function toLocation(row: LocationRow): Location {
  return {
    id: row.id,
    warehouseId: row.warehouse_id,
    parentId: row.parent_id,
    name: row.name,
    fullName: row.full_name,
    type: row.type,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
