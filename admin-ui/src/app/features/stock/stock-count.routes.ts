import { Routes } from '@angular/router';

import { StockCountPage } from './stock-count/stock-count-page';

export default [{ path: '', title: 'Stock count', component: StockCountPage }] satisfies Routes;
