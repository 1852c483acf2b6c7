import { Routes } from '@angular/router';

import { CategoryTreePage } from './category-tree/category-tree-page';

export default [{ path: '', title: 'Categories', component: CategoryTreePage }] satisfies Routes;
