import { Routes } from '@angular/router';

import { UserList } from './user-list/user-list';

export default [{ path: '', title: 'Users', component: UserList }] satisfies Routes;
