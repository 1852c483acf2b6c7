import { DOCUMENT } from '@angular/common';
import { HttpErrorResponse, HttpInterceptorFn, HttpResponse } from '@angular/common/http';
import { inject } from '@angular/core';
import { retry, tap, throwError, timer } from 'rxjs';

import { isSameOriginApi } from './auth.interceptor';
import { ServerStatus, isServerUnavailable, retryDelayMs } from './server-status';

/**
 * While the API cannot answer (no network, a proxy's 502/504, the API's 503 while its database
 * is away), reads are tried again with backoff until it answers, so screens simply wait; writes
 * are not repeated (the user decides) but their error reaches the screen. Either way the banner
 * says the server is unavailable, and nothing here ends the session.
 */
export const unavailableInterceptor: HttpInterceptorFn = (request, next) => {
  if (!isSameOriginApi(request.url, inject(DOCUMENT).location.origin)) return next(request);
  const status = inject(ServerStatus);
  const repeatable = request.method === 'GET' || request.method === 'HEAD';

  return next(request).pipe(
    tap({
      next: (event) => {
        if (event instanceof HttpResponse) status.markAvailable();
      },
      error: (error: unknown) => {
        if (isServerUnavailable(error)) status.markUnavailable(!repeatable);
        // Any other answer (401, 404, 422…) came from a server that is up.
        else if (error instanceof HttpErrorResponse) status.markAvailable();
      },
    }),
    retry({
      delay: (error: unknown, attempt) =>
        repeatable && isServerUnavailable(error)
          ? timer(retryDelayMs(attempt))
          : throwError(() => error),
    }),
  );
};
