import { Route, Routes } from '@angular/router';

import { FEATURES, Feature } from './core/features';
import { Shell } from './core/shell/shell';
import { permission, setupDone, setupPending, signedIn, signedOut } from './core/session/guards';

/**
 * A feature's route inside the shell, guarded by the permission its menu entry asks for. The
 * guard runs before the lazy chunk loads, so a forbidden feature's code never reaches the browser.
 */
export function featureRoute(feature: Feature): Route {
  return {
    path: feature.path,
    ...(feature.path === '' ? { pathMatch: 'full' as const } : {}),
    ...(feature.permission ? { canMatch: [permission(feature.permission)] } : {}),
    loadChildren: feature.loadChildren,
  };
}

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
      ...FEATURES.map(featureRoute),
      {
        path: '**',
        title: 'Page not found',
        loadComponent: () => import('./features/not-found/not-found'),
      },
    ],
  },
];
