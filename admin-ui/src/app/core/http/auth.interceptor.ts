import { DOCUMENT } from '@angular/common';
import { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';

import { Session } from '../session/session';

/**
 * Adds `Authorization: Bearer <token>` to calls to this origin's `/api/` when signed in.
 * Other origins never see the token, whatever URL a screen is given.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const token = inject(Session).accessToken();
  if (!token || request.headers.has('Authorization')) return next(request);

  const origin = inject(DOCUMENT).location.origin;
  if (!isSameOriginApi(request.url, origin)) return next(request);

  return next(request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }));
};

export function isSameOriginApi(url: string, origin: string): boolean {
  try {
    const target = new URL(url, origin);
    return target.origin === origin && target.pathname.startsWith('/api/');
  } catch {
    return false;
  }
}
