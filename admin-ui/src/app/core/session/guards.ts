import { HttpClient } from '@angular/common/http';
import { inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { CanMatchFn, Router, UrlSegment } from '@angular/router';
import { Permission, SetupStatus } from '@stockmaster/contracts';
import { catchError, map, of } from 'rxjs';

import { AUTH_API, Session, safeReturnUrl } from './session';

/**
 * The URL being navigated to, query included. `canMatch` only sees the remaining path
 * segments, so prefer the navigation's own URL when there is one.
 */
function targetUrl(router: Router, segments: UrlSegment[]): string {
  const navigation = router.currentNavigation();
  const url = navigation?.finalUrl ?? navigation?.extractedUrl;
  return url ? router.serializeUrl(url) : '/' + segments.map((s) => s.path).join('/');
}

/** `decide` now, or once a reload's session check that waits for the server has settled. */
function afterRestore<T>(session: Session, decide: () => T): T | Promise<T> {
  return session.restorePending() ? session.settled().then(decide) : decide();
}

/**
 * Pages inside the console: signed-out users go to the login page and come back afterwards.
 * While a reload's session check waits for an unavailable server, the page waits too.
 */
export const signedIn: CanMatchFn = (_route, segments) => {
  const session = inject(Session);
  const router = inject(Router);
  return afterRestore(session, () => {
    if (session.isAuthenticated()) return true;
    const returnUrl = safeReturnUrl(targetUrl(router, segments));
    return router.createUrlTree(['/login'], {
      queryParams: returnUrl !== '/' ? { returnUrl } : {},
    });
  });
};

/** Login and first-run pages: a signed-in user has nothing to do there. */
export const signedOut: CanMatchFn = () => {
  const session = inject(Session);
  const router = inject(Router);
  return afterRestore(session, () => {
    if (!session.isAuthenticated()) return true;
    const returnUrl = router.currentNavigation()?.extractedUrl.queryParamMap.get('returnUrl');
    return router.parseUrl(safeReturnUrl(returnUrl));
  });
};

/**
 * A feature only for roles with `permission`. Matching fails before the lazy chunk loads,
 * so a forbidden feature's code never reaches the browser; the user lands on the dashboard
 * with a message saying why.
 */
export function permission(required: Permission): CanMatchFn {
  return () => {
    const session = inject(Session);
    if (session.can(required)) return true;
    inject(MatSnackBar).open('You do not have access to that page.', 'Dismiss', {
      duration: 6000,
    });
    return inject(Router).parseUrl('/');
  };
}

function setupRequired$() {
  return inject(HttpClient)
    .get<SetupStatus>(`${AUTH_API}/setup`)
    .pipe(
      map((status) => status.required),
      // Unknown: let the page render; its own call will explain what is wrong.
      catchError(() => of(null)),
    );
}

/** `/login`: while no user exists, the first administrator must be created instead. */
export const setupDone: CanMatchFn = () => {
  const router = inject(Router);
  return setupRequired$().pipe(map((required) => (required ? router.parseUrl('/setup') : true)));
};

/** `/setup`: only on first run; afterwards it is the login page. */
export const setupPending: CanMatchFn = () => {
  const router = inject(Router);
  return setupRequired$().pipe(
    map((required) => (required === false ? router.parseUrl('/login') : true)),
  );
};
