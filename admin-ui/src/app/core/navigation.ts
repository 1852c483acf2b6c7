import { Permission } from '@stockmaster/contracts';

/** One entry of the shell's side navigation. */
export interface NavItem {
  label: string;
  /** A Material Symbols ligature name. */
  icon: string;
  /** Absolute router path. */
  route: string;
  /** The permission needed to see the entry; omitted when everyone may. */
  permission?: Permission;
  /** Match the route exactly when marking the entry active (for `/`). */
  exact?: boolean;
}

/**
 * The console's features, in menu order. Each later feature adds its entry here together with
 * its lazy route and the permission from the shared role→permission map.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'Dashboard', icon: 'dashboard', route: '/', exact: true },
  {
    label: 'Products',
    icon: 'inventory_2',
    route: '/products',
    permission: Permission.CatalogRead,
  },
  {
    label: 'Categories',
    icon: 'category',
    route: '/categories',
    permission: Permission.CatalogRead,
  },
  {
    label: 'Warehouses',
    icon: 'warehouse',
    route: '/warehouses',
    permission: Permission.WarehousesRead,
  },
  { label: 'Stock levels', icon: 'stacks', route: '/stock', permission: Permission.StockRead },
  {
    label: 'Operations',
    icon: 'swap_horiz',
    route: '/operations',
    permission: Permission.StockRead,
  },
  { label: 'Ledger', icon: 'receipt_long', route: '/ledger', permission: Permission.StockRead },
  {
    label: 'Stock count',
    icon: 'fact_check',
    route: '/stock-count',
    permission: Permission.OperationsAdjust,
  },
  { label: 'Batches', icon: 'qr_code_2', route: '/batches', permission: Permission.BatchesRead },
  { label: 'Users', icon: 'group', route: '/users', permission: Permission.UsersManage },
  { label: 'Audit log', icon: 'history', route: '/audit-log', permission: Permission.AuditRead },
];

/** The entries the user may see, given a permission check. */
export function visibleNavItems(
  items: readonly NavItem[],
  can: (permission: Permission) => boolean,
): NavItem[] {
  return items.filter((item) => !item.permission || can(item.permission));
}
