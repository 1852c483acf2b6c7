import { Injectable, computed, signal } from '@angular/core';

/**
 * The signed-in user's session, as signals.
 *
 * The access token lives in memory only: it is short-lived (30 minutes) and the refresh token
 * sits in an httpOnly cookie the browser sends by itself, so nothing readable by scripts is
 * persisted. Login, refresh and the role→permission map arrive with the auth issue.
 */
@Injectable({ providedIn: 'root' })
export class Session {
  private readonly token = signal<string | null>(null);

  readonly accessToken = this.token.asReadonly();
  readonly isAuthenticated = computed(() => this.token() !== null);

  setAccessToken(token: string | null): void {
    this.token.set(token === '' ? null : token);
  }

  clear(): void {
    this.token.set(null);
  }

  /**
   * Whether the current user may use something guarded by `permission`.
   * Until the role arrives with login nothing is hidden; the server enforces roles anyway.
   */
  can(_permission: string): boolean {
    return true;
  }
}
