import { Routes } from '@angular/router';
import { Permission } from '@stockmaster/contracts';

import { permission } from '../../core/session/guards';
import { ProductList } from './product-list/product-list';
import { ProductPage } from './product-page/product-page';

export default [
  { path: '', title: 'Products', component: ProductList },
  {
    path: 'new',
    title: 'New product',
    canMatch: [permission(Permission.CatalogWrite)],
    component: ProductPage,
  },
  { path: ':id', title: 'Product', component: ProductPage },
] satisfies Routes;
