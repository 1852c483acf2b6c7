import { Routes } from '@angular/router';

import { LedgerPage } from './ledger/ledger-page';

export default [{ path: '', title: 'Stock ledger', component: LedgerPage }] satisfies Routes;
