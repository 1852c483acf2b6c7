import { Routes } from '@angular/router';

import { Shell } from './core/shell/shell';

export const routes: Routes = [
  {
    // Pages inside the console's chrome. Login and the public freshness page will sit beside it.
    path: '',
    component: Shell,
    children: [
      {
        path: '',
        pathMatch: 'full',
        loadChildren: () => import('./features/dashboard/dashboard.routes'),
      },
      {
        path: '**',
        title: 'Page not found',
        loadComponent: () => import('./features/not-found/not-found'),
      },
    ],
  },
];
