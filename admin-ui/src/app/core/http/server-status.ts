import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';

/** Statuses that mean "the server is not answering right now", not "your request is wrong". */
const UNAVAILABLE = new Set([0, 502, 503, 504]);

/** Longest wait between two tries while the server is unavailable. */
export const MAX_RETRY_DELAY_MS = 10_000;

/** True for a failure that says nothing about the request or the session: try again later. */
export function isServerUnavailable(error: unknown): boolean {
  return error instanceof HttpErrorResponse && UNAVAILABLE.has(error.status);
}

/** Backoff before try number `attempt` (1-based): 1 s, 2 s, 4 s, 8 s, then every 10 s. */
export function retryDelayMs(attempt: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, 1_000 * 2 ** Math.max(0, attempt - 1));
}

const HEALTH = '/api/v1/health';

/**
 * Whether the API is answering, as the last calls found it. The unavailable interceptor keeps it
 * up to date; the banner shows it. While unavailable, a health probe (retried with backoff like
 * every GET) notices the server's return even when no screen is asking for anything.
 */
@Injectable({ providedIn: 'root' })
export class ServerStatus {
  private readonly http = inject(HttpClient);
  private readonly down = signal(false);
  private probing = false;

  readonly unavailable = this.down.asReadonly();

  /** `probe`: false when the failed call is itself being tried again (it will notice). */
  markUnavailable(probe = true): void {
    this.down.set(true);
    if (!probe || this.probing) return;
    this.probing = true;
    this.http.get(HEALTH).subscribe({
      complete: () => (this.probing = false),
      error: () => (this.probing = false),
    });
  }

  markAvailable(): void {
    this.down.set(false);
  }
}
