import { Routes } from '@angular/router';

import { provideDashboardCharts } from './charts/chart-setup';
import { DashboardPage } from './dashboard-page/dashboard-page';

export default [
  {
    path: '',
    title: 'Dashboard',
    component: DashboardPage,
    providers: [provideDashboardCharts()],
  },
] satisfies Routes;
