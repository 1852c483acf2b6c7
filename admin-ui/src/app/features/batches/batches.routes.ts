import { Routes } from '@angular/router';

import { BatchList } from './batch-list/batch-list';
import { BatchPage } from './batch-page/batch-page';
import { LabelSheet } from './label-sheet/label-sheet';

export default [
  { path: '', title: 'Batches', component: BatchList },
  { path: 'labels', title: 'Print labels', component: LabelSheet },
  { path: ':id', title: 'Batch', component: BatchPage },
] satisfies Routes;
