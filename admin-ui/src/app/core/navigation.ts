/** One entry of the shell's side navigation. */
export interface NavItem {
  label: string;
  /** A Material Symbols ligature name. */
  icon: string;
  /** Absolute router path. */
  route: string;
  /** The permission needed to see the entry; omitted when everyone may. */
  permission?: string;
  /** Match the route exactly when marking the entry active (for `/`). */
  exact?: boolean;
}

/**
 * The console's features, in menu order. Each later feature adds its entry here together with
 * its lazy route and the permission from the shared role→permission map.
 */
export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'Dashboard', icon: 'dashboard', route: '/', exact: true },
  // { label: 'Products', icon: 'inventory_2', route: '/products', permission: 'catalog.read' },
  // { label: 'Categories', icon: 'category', route: '/categories', permission: 'catalog.read' },
  // { label: 'Warehouses', icon: 'warehouse', route: '/warehouses', permission: 'warehouse.read' },
  // { label: 'Stock levels', icon: 'stacks', route: '/stock', permission: 'stock.read' },
  // { label: 'Operations', icon: 'swap_horiz', route: '/operations', permission: 'operations.read' },
  // { label: 'Batches', icon: 'qr_code_2', route: '/batches', permission: 'batches.read' },
  // { label: 'Users', icon: 'group', route: '/users', permission: 'users.manage' },
  // { label: 'Audit log', icon: 'history', route: '/audit-log', permission: 'audit.read' },
];

/** The entries the user may see, given a permission check. */
export function visibleNavItems(
  items: readonly NavItem[],
  can: (permission: string) => boolean,
): NavItem[] {
  return items.filter((item) => !item.permission || can(item.permission));
}
