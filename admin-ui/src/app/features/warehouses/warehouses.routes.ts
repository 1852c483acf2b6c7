import { Routes } from '@angular/router';

import { WarehouseList } from './warehouse-list/warehouse-list';
import { WarehousePage } from './warehouse-page/warehouse-page';

export default [
  { path: '', title: 'Warehouses', component: WarehouseList },
  { path: ':id', title: 'Warehouse', component: WarehousePage },
] satisfies Routes;
