import { Routes } from '@angular/router';

import { DashboardPage } from './dashboard-page/dashboard-page';

export default [{ path: '', title: 'Dashboard', component: DashboardPage }] satisfies Routes;
