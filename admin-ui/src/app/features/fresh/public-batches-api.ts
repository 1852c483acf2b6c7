import { HttpBackend, HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { PublicBatchReport } from '@stockmaster/contracts';
import { Observable } from 'rxjs';

/**
 * The public freshness report of a scanned QR code. It goes straight to the HTTP backend,
 * past the interceptors: a customer's phone has no session, so there is no token to add, no
 * refresh to try and no sign-in page to be sent to when the answer is a 404.
 */
@Injectable({ providedIn: 'root' })
export class PublicBatchesApi {
  private readonly http = new HttpClient(inject(HttpBackend));

  report(token: string): Observable<PublicBatchReport> {
    return this.http.get<PublicBatchReport>(`/api/v1/public/batches/${encodeURIComponent(token)}`);
  }
}
