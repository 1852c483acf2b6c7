import { Routes } from '@angular/router';
import { Permission } from '@stockmaster/contracts';

import { Shell } from './core/shell/shell';
import { permission, setupDone, setupPending, signedIn, signedOut } from './core/session/guards';

export const routes: Routes = [
  // Public pages, outside the console's chrome.
  {
    path: 'login',
    title: 'Sign in',
    canMatch: [signedOut, setupDone],
    loadComponent: () => import('./features/auth/login/login'),
  },
  {
    path: 'forgot-password',
    title: 'Reset your password',
    canMatch: [signedOut],
    loadComponent: () => import('./features/auth/forgot-password/forgot-password'),
  },
  {
    path: 'setup',
    title: 'Create the first administrator',
    canMatch: [signedOut, setupPending],
    loadComponent: () => import('./features/auth/setup/setup'),
  },
  {
    path: 'invite/:token',
    title: 'Accept your invitation',
    loadComponent: () => import('./features/auth/invite/invite'),
  },
  {
    // What a customer sees after scanning a batch's QR code: no login, no console chrome.
    path: 'fresh/:token',
    title: 'Freshness report',
    loadComponent: () => import('./features/fresh/fresh-page/fresh-page'),
  },
  {
    // Pages inside the console's chrome, for signed-in users only.
    path: '',
    component: Shell,
    canMatch: [signedIn],
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadChildren: () => import('./features/dashboard/dashboard.routes'),
      },
      {
        path: 'profile',
        loadChildren: () => import('./features/profile/profile.routes'),
      },
      {
        path: 'products',
        canMatch: [permission(Permission.CatalogRead)],
        loadChildren: () => import('./features/catalog/products.routes'),
      },
      {
        path: 'categories',
        canMatch: [permission(Permission.CatalogRead)],
        loadChildren: () => import('./features/catalog/categories.routes'),
      },
      {
        path: 'warehouses',
        canMatch: [permission(Permission.WarehousesRead)],
        loadChildren: () => import('./features/warehouses/warehouses.routes'),
      },
      {
        path: 'stock',
        canMatch: [permission(Permission.StockRead)],
        loadChildren: () => import('./features/stock/stock.routes'),
      },
      {
        path: 'operations',
        canMatch: [permission(Permission.StockRead)],
        loadChildren: () => import('./features/operations/operations.routes'),
      },
      {
        path: 'ledger',
        canMatch: [permission(Permission.StockRead)],
        loadChildren: () => import('./features/stock/ledger.routes'),
      },
      {
        path: 'stock-count',
        canMatch: [permission(Permission.StockRead)],
        loadChildren: () => import('./features/stock/stock-count.routes'),
      },
      {
        path: 'batches',
        canMatch: [permission(Permission.BatchesRead)],
        loadChildren: () => import('./features/batches/batches.routes'),
      },
      {
        path: 'users',
        canMatch: [permission(Permission.UsersManage)],
        loadChildren: () => import('./features/users/users.routes'),
      },
      {
        path: 'audit-log',
        canMatch: [permission(Permission.AuditRead)],
        loadChildren: () => import('./features/audit-log/audit-log.routes'),
      },
      {
        path: '**',
        title: 'Page not found',
        loadComponent: () => import('./features/not-found/not-found'),
      },
    ],
  },
];
