import { Routes } from '@angular/router';

import { ProfilePage } from './profile-page/profile-page';

export default [{ path: '', title: 'Profile', component: ProfilePage }] satisfies Routes;
