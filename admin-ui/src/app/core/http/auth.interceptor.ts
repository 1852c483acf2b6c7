import { DOCUMENT } from '@angular/common';
import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, switchMap, throwError } from 'rxjs';

import { Session } from '../session/session';
import { isServerUnavailable } from './server-status';

/**
 * Adds `Authorization: Bearer <token>` to calls to this origin's `/api/` when signed in.
 * Other origins never see the token, whatever URL a screen is given.
 *
 * A 401 from an API call means the access token expired (or was revoked): the interceptor
 * refreshes once, through {@link Session.refresh} (concurrent 401s share that one refresh),
 * and retries the request once with the new token. If the refresh is refused the session has
 * ended: it is cleared and the user sent to the login page with a return URL. A refresh the
 * server could not answer (unavailable) ends nothing. The auth routes
 * that issue or end sessions are never retried: their 401 is an answer (wrong password, no
 * cookie), not an expired token.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const session = inject(Session);
  const origin = inject(DOCUMENT).location.origin;
  if (!isSameOriginApi(request.url, origin)) return next(request);
  if (request.headers.has('Authorization')) return next(request);

  const sentToken = session.accessToken();
  return next(withToken(request, sentToken)).pipe(
    catchError((error: unknown) => {
      if (
        !(error instanceof HttpErrorResponse) ||
        error.status !== 401 ||
        isSessionRoute(request.url, origin)
      ) {
        return throwError(() => error);
      }
      // Another call may have refreshed while this one was in flight: reuse its token.
      const current = session.accessToken();
      if (current && current !== sentToken) return next(withToken(request, current));

      return session.refresh().pipe(
        catchError((refreshError: unknown) => {
          // The server could not say (unavailable): the session may well be fine, keep it; the
          // unavailable interceptor tries reads again, and this call's retry refreshes again.
          if (isServerUnavailable(refreshError)) return throwError(() => refreshError);
          session.expire();
          return throwError(() => error);
        }),
        switchMap((response) => next(withToken(request, response.accessToken))),
      );
    }),
  );
};

function withToken<T>(request: HttpRequest<T>, token: string | null): HttpRequest<T> {
  return token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
}

export function isSameOriginApi(url: string, origin: string): boolean {
  try {
    const target = new URL(url, origin);
    return target.origin === origin && target.pathname.startsWith('/api/');
  } catch {
    return false;
  }
}

/**
 * The public auth routes (login, refresh, logout, setup, password reset, invitations): a 401
 * there is the answer itself. `/auth/me` is not among them: it expires like any other call.
 */
const SESSION_ROUTE =
  /^\/api\/v1\/auth\/(login|refresh|logout|setup|password\/forgot|password\/reset|invitation)(\/|$)/;

export function isSessionRoute(url: string, origin: string): boolean {
  try {
    return SESSION_ROUTE.test(new URL(url, origin).pathname);
  } catch {
    return false;
  }
}
