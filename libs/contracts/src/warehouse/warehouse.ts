export const WAREHOUSE_CODE_PATTERN = /^[A-Z0-9]{2,10}$/;

export interface Warehouse {
  id: string;
  code: string;
  name: string;
  address: string | null;
  /** The root internal location `CODE/Stock`. */
  rootLocationId: string;
  /** True once stock has moved through it: the code is then frozen and it cannot be deleted. */
  hasStockHistory: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface CreateWarehouseRequest {
  code: string;
  name: string;
  address?: string | null;
}

export interface UpdateWarehouseRequest {
  code?: string;
  name?: string;
  address?: string | null;
}

export const LOCATION_TYPES = ['internal', 'supplier', 'customer', 'inventory', 'scrap'] as const;
export type LocationType = (typeof LOCATION_TYPES)[number];
/** The virtual, warehouse-less locations the migrations create. */
export const VIRTUAL_LOCATION_TYPES = ['supplier', 'customer', 'inventory', 'scrap'] as const;

export interface Location {
  id: string;
  /** Null for the virtual locations. */
  warehouseId: string | null;
  parentId: string | null;
  name: string;
  /** `MAIN/Stock/Cold-Room/A-01`, unique. */
  fullName: string;
  type: LocationType;
  createdAt: string;
  updatedAt: string;
}

export interface CreateLocationRequest {
  /** An internal location of the same warehouse (e.g. its root `CODE/Stock`). */
  parentId: string;
  name: string;
}

export interface UpdateLocationRequest {
  name?: string;
  /** Move under another internal location of the same warehouse. */
  parentId?: string;
}

export interface LocationListQuery {
  warehouseId?: string;
  type?: LocationType;
  search?: string;
  page?: number;
  limit?: number;
}

export const WarehouseErrorCode = {
  CodeTaken: 'WAREHOUSE_CODE_TAKEN',
  CodeFrozen: 'WAREHOUSE_CODE_FROZEN',
  HasStockHistory: 'WAREHOUSE_HAS_STOCK_HISTORY',
  LocationNameTaken: 'LOCATION_NAME_TAKEN',
  LocationCycle: 'LOCATION_CYCLE',
  LocationHasStock: 'LOCATION_HAS_STOCK',
  LocationReadOnly: 'LOCATION_READ_ONLY',
} as const;
