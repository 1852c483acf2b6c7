import { CanMatchFn, Routes } from '@angular/router';
import { Permission } from '@stockmaster/contracts';

import { permission } from '../../core/session/guards';
import { OperationEditor } from './operation-editor/operation-editor';
import { OperationList } from './operation-list/operation-list';

/** `/operations/new` needs the right to write; any other id is read with `stock.read`. */
const newNeedsWrite: CanMatchFn = (route, segments) =>
  segments[0]?.path === 'new' ? permission(Permission.OperationsWrite)(route, segments) : true;

export default [
  { path: '', title: 'Operations', component: OperationList },
  // One route for new and existing operations, so that saving a new one (which moves the URL
  // to its id) keeps the same editor and its request in flight.
  { path: ':id', title: 'Operation', canMatch: [newNeedsWrite], component: OperationEditor },
] satisfies Routes;
