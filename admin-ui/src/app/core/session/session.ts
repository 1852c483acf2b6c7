import { DOCUMENT } from '@angular/common';
import { HttpClient } from '@angular/common/http';
import { Injectable, computed, inject, signal } from '@angular/core';
import { Router } from '@angular/router';
import {
  AuthUser,
  LoginResponse,
  Permission,
  SESSION_HINT_COOKIE,
  can,
} from '@stockmaster/contracts';
import { Observable, catchError, finalize, firstValueFrom, map, of, shareReplay, tap } from 'rxjs';

import { isServerUnavailable, retryDelayMs } from '../http/server-status';

export const AUTH_API = '/api/v1/auth';

/**
 * The signed-in user's session, as signals.
 *
 * The access token lives in memory only: it is short-lived (30 minutes) and the refresh token
 * sits in an httpOnly cookie the browser sends by itself (path `/api/v1/auth`), so nothing
 * readable by scripts is persisted. A reload therefore starts signed out until {@link restore}
 * trades the cookie for a new access token. Beside it the server keeps a readable hint
 * (`SESSION_HINT_COOKIE`, no secret) that the browser holds such a cookie at all.
 */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly document = inject(DOCUMENT);

  private readonly token = signal<string | null>(null);
  private readonly currentUser = signal<AuthUser | null>(null);
  /** The refresh in flight, shared by every caller until it settles (single flight). */
  private refreshing: Observable<LoginResponse> | null = null;
  /** A start-up restore still waiting for an unavailable server. */
  private restoring: Promise<boolean> | null = null;

  readonly accessToken = this.token.asReadonly();
  readonly user = this.currentUser.asReadonly();
  readonly role = computed(() => this.currentUser()?.role ?? null);
  readonly isAuthenticated = computed(() => this.token() !== null);

  setAccessToken(token: string | null): void {
    this.token.set(token === '' ? null : token);
  }

  /** Starts a session from a login, setup, invitation or refresh answer. */
  signIn(response: LoginResponse): void {
    this.setAccessToken(response.accessToken);
    this.currentUser.set(response.user);
  }

  /** Keeps the toolbar in step after the user edits their own profile. */
  updateUser(changes: Partial<AuthUser>): void {
    this.currentUser.update((user) => (user ? { ...user, ...changes } : user));
  }

  /** Forgets the session locally (no API call). */
  clear(): void {
    this.token.set(null);
    this.currentUser.set(null);
  }

  /**
   * Whether the current user may use something guarded by `permission`, from the same
   * role→permission map the API enforces. Signed out, nothing is allowed.
   */
  can(permission: Permission | string): boolean {
    return can(this.role(), permission as Permission);
  }

  /**
   * Trades the refresh cookie for a new access token. Concurrent callers share one request,
   * because the server rotates the cookie on every refresh and treats a reused one as theft.
   * On a refusal the session is cleared; either way the error is passed on.
   */
  refresh(): Observable<LoginResponse> {
    this.refreshing ??= this.http.post<LoginResponse>(`${AUTH_API}/refresh`, null).pipe(
      tap({
        next: (response) => this.signIn(response),
        // Only a refusal ends the session; an unavailable server decides nothing.
        error: (error: unknown) => {
          if (!isServerUnavailable(error)) this.clear();
        },
      }),
      finalize(() => (this.refreshing = null)),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.refreshing;
  }

  /**
   * Called once at start (an app initializer), so that guards see the outcome: a reload keeps
   * the user signed in through the httpOnly cookie. Never fails; false means signed out.
   *
   * When the server is unavailable the cookie cannot be checked, but it may well be good: the
   * answer is false for now, the check goes on in the background with backoff, and the route
   * guards wait for it ({@link settled}) rather than sending the user to sign in.
   */
  async restore(): Promise<boolean> {
    if (this.isAuthenticated()) return true;
    // Without the hint there is no refresh cookie to trade: asking could only be refused (a 401
    // the browser logs as an error on every signed-out visit).
    if (!this.holdsSession()) return false;
    const outcome = await this.tryRefresh();
    if (outcome !== 'unavailable') return outcome === 'signed-in';
    this.restoring = this.keepRestoring().finally(() => (this.restoring = null));
    return false;
  }

  /** Whether the server's hint says this browser holds a refresh cookie. */
  private holdsSession(): boolean {
    return this.document.cookie
      .split(';')
      .some((cookie) => cookie.trim() === `${SESSION_HINT_COOKIE}=1`);
  }

  /** Whether a start-up restore is still waiting for an unavailable server. */
  restorePending(): boolean {
    return this.restoring !== null;
  }

  /** Resolves once a restore still waiting for the server has settled (at once if none is). */
  async settled(): Promise<void> {
    await this.restoring;
  }

  private async keepRestoring(): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt)));
      const outcome = await this.tryRefresh();
      if (outcome !== 'unavailable') return outcome === 'signed-in';
    }
  }

  private tryRefresh(): Promise<'signed-in' | 'signed-out' | 'unavailable'> {
    return firstValueFrom(
      this.refresh().pipe(
        map(() => 'signed-in' as const),
        catchError((error: unknown) =>
          of(isServerUnavailable(error) ? ('unavailable' as const) : ('signed-out' as const)),
        ),
      ),
    );
  }

  /** Ends the session on the server (best effort), forgets it here and goes to the login page. */
  async signOut(): Promise<void> {
    await firstValueFrom(
      this.http.post<void>(`${AUTH_API}/logout`, null).pipe(catchError(() => of(undefined))),
    );
    this.clear();
    await this.router.navigateByUrl('/login');
  }

  /**
   * The session is gone on the server (refresh refused): forget it and send the user to the
   * login page, coming back to `returnUrl` afterwards.
   */
  expire(returnUrl = this.router.url): void {
    this.clear();
    const target = safeReturnUrl(returnUrl);
    void this.router.navigate(['/login'], {
      queryParams: target !== '/' ? { returnUrl: target } : {},
    });
  }
}

/**
 * A place inside the console to go back to after signing in. Anything else (another origin,
 * `//host`, a public page) falls back to `/`.
 */
export function safeReturnUrl(url: string | null | undefined): string {
  if (!url || !url.startsWith('/') || url.startsWith('//') || url.startsWith('/\\')) return '/';
  if (/^\/(login|setup|forgot-password|invite)(\/|\?|$)/.test(url)) return '/';
  return url;
}
