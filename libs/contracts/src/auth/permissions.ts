import type { OperationType } from '../stock/stock';
import { Role } from './roles';

/**
 * What a caller may do. The API checks every route against {@link ROLE_PERMISSIONS}; the console
 * asks the same map to decide what to show. Warehouse limits for agents come on top of these
 * (the server's warehouse scope), never instead of them.
 */
export const Permission = {
  UsersManage: 'users.manage',
  AuditRead: 'audit.read',
  IntegrityRead: 'integrity.read',
  CatalogRead: 'catalog.read',
  CatalogWrite: 'catalog.write',
  WarehousesRead: 'warehouses.read',
  WarehousesWrite: 'warehouses.write',
  /** Read stock levels, the ledger and operations (agents: their warehouses only). */
  StockRead: 'stock.read',
  /** Create, validate and cancel receipts, deliveries and transfers (agents: their warehouses). */
  OperationsWrite: 'operations.write',
  /** Adjustments, scrap and reversals. */
  OperationsAdjust: 'operations.adjust',
  BatchesRead: 'batches.read',
  BatchesWrite: 'batches.write',
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

const READ_ALL: Permission[] = [
  Permission.CatalogRead,
  Permission.WarehousesRead,
  Permission.StockRead,
  Permission.BatchesRead,
];

const MANAGE: Permission[] = [
  ...READ_ALL,
  Permission.CatalogWrite,
  Permission.WarehousesWrite,
  Permission.OperationsWrite,
  Permission.OperationsAdjust,
  Permission.BatchesWrite,
];

/** The role matrix: what each role may do (warehouse limits come on top, see `WAREHOUSE_SCOPE`). */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  admin: [...MANAGE, Permission.UsersManage, Permission.AuditRead, Permission.IntegrityRead],
  manager: MANAGE,
  agent: [...READ_ALL, Permission.OperationsWrite],
  viewer: READ_ALL,
};

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return role ? ROLE_PERMISSIONS[role].includes(permission) : false;
}

/**
 * What creating, changing, validating or cancelling an operation of each type needs. Moving
 * stock in, out and between locations is everyday work; counts and scrap change what the books
 * say was there, so they need the stronger permission.
 */
export const OPERATION_PERMISSION: Readonly<Record<OperationType, Permission>> = {
  receipt: Permission.OperationsWrite,
  delivery: Permission.OperationsWrite,
  transfer: Permission.OperationsWrite,
  adjustment: Permission.OperationsAdjust,
  scrap: Permission.OperationsAdjust,
};

/** Reversing a validated operation, whatever its type, undoes posted history. */
export const REVERSAL_PERMISSION: Permission = Permission.OperationsAdjust;

export function canOperate(role: Role | null | undefined, type: OperationType): boolean {
  return can(role, OPERATION_PERMISSION[type]);
}

/**
 * Which warehouses each role's permissions apply to: `assigned` roles see and move stock only in
 * the warehouses assigned to them, `all` roles everywhere.
 */
export const WAREHOUSE_SCOPE: Readonly<Record<Role, 'all' | 'assigned'>> = {
  admin: 'all',
  manager: 'all',
  agent: 'assigned',
  viewer: 'all',
};

export function isWarehouseScoped(role: Role): boolean {
  return WAREHOUSE_SCOPE[role] === 'assigned';
}
