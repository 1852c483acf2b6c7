import { Routes } from '@angular/router';

import { StockLevelsPage } from './stock-levels/stock-levels-page';

export default [{ path: '', title: 'Stock levels', component: StockLevelsPage }] satisfies Routes;
