import { LoadChildren } from '@angular/router';
import { Permission } from '@stockmaster/contracts';

/**
 * One feature of the console behind the shell: where it lives, what it needs and how it shows
 * in the side navigation. Both the routes (`app.routes.ts`) and the navigation (`navigation.ts`)
 * are derived from {@link FEATURES}, so a menu entry and the guard of the page it opens can never
 * ask for different permissions.
 */
export interface Feature {
  /** Router path below the shell ('' for the dashboard). */
  path: string;
  /** The menu entry's label. The pages' own titles come from the feature's routes. */
  label: string;
  /** A Material Symbols ligature name. */
  icon: string;
  /**
   * The permission from the shared role→permission map needed to load the feature and to see
   * its entry; omitted when every signed-in user may.
   */
  permission?: Permission;
  /** The feature's own routes, loaded only once the permission is granted. */
  loadChildren: LoadChildren;
  /** Whether the feature has an entry in the side navigation (the profile opens from the toolbar). */
  nav: boolean;
}

/** The console's features, in menu order. A new feature adds one entry here. */
export const FEATURES: readonly Feature[] = [
  {
    path: '',
    label: 'Dashboard',
    icon: 'dashboard',
    nav: true,
    loadChildren: () => import('../features/dashboard/dashboard.routes'),
  },
  {
    path: 'profile',
    label: 'Profile',
    icon: 'account_circle',
    nav: false,
    loadChildren: () => import('../features/profile/profile.routes'),
  },
  {
    path: 'products',
    label: 'Products',
    icon: 'inventory_2',
    permission: Permission.CatalogRead,
    nav: true,
    loadChildren: () => import('../features/catalog/products.routes'),
  },
  {
    path: 'categories',
    label: 'Categories',
    icon: 'category',
    permission: Permission.CatalogRead,
    nav: true,
    loadChildren: () => import('../features/catalog/categories.routes'),
  },
  {
    path: 'warehouses',
    label: 'Warehouses',
    icon: 'warehouse',
    permission: Permission.WarehousesRead,
    nav: true,
    loadChildren: () => import('../features/warehouses/warehouses.routes'),
  },
  {
    path: 'stock',
    label: 'Stock levels',
    icon: 'stacks',
    permission: Permission.StockRead,
    nav: true,
    loadChildren: () => import('../features/stock/stock.routes'),
  },
  {
    path: 'operations',
    label: 'Operations',
    icon: 'swap_horiz',
    permission: Permission.StockRead,
    nav: true,
    loadChildren: () => import('../features/operations/operations.routes'),
  },
  {
    path: 'ledger',
    label: 'Ledger',
    icon: 'receipt_long',
    permission: Permission.StockRead,
    nav: true,
    loadChildren: () => import('../features/stock/ledger.routes'),
  },
  {
    // A count posts adjustments: the page is for those who may adjust stock.
    path: 'stock-count',
    label: 'Stock count',
    icon: 'fact_check',
    permission: Permission.OperationsAdjust,
    nav: true,
    loadChildren: () => import('../features/stock/stock-count.routes'),
  },
  {
    path: 'batches',
    label: 'Batches',
    icon: 'qr_code_2',
    permission: Permission.BatchesRead,
    nav: true,
    loadChildren: () => import('../features/batches/batches.routes'),
  },
  {
    path: 'users',
    label: 'Users',
    icon: 'group',
    permission: Permission.UsersManage,
    nav: true,
    loadChildren: () => import('../features/users/users.routes'),
  },
  {
    path: 'audit-log',
    label: 'Audit log',
    icon: 'history',
    permission: Permission.AuditRead,
    nav: true,
    loadChildren: () => import('../features/audit-log/audit-log.routes'),
  },
];
