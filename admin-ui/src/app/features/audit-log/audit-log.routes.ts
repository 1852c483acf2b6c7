import { Routes } from '@angular/router';

import { AuditLogPage } from './audit-log-page/audit-log-page';

export default [{ path: '', title: 'Audit log', component: AuditLogPage }] satisfies Routes;
