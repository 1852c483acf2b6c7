import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Dashboard, HealthStatus } from '@stockmaster/contracts';
import { Observable, catchError, of, throwError } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class DashboardApi {
  private readonly http = inject(HttpClient);

  /** `GET /api/v1/dashboard`: the whole overview in one answer, for one warehouse or all mine. */
  dashboard(warehouseId: string): Observable<Dashboard> {
    return this.http.get<Dashboard>('/api/v1/dashboard', {
      params: warehouseId ? { warehouseId } : {},
    });
  }

  /**
   * `GET /api/v1/health`. A 503 whose body is a health report (database down) is an answer,
   * not a failure: the API is up and telling us so.
   */
  health(): Observable<HealthStatus> {
    return this.http
      .get<HealthStatus>('/api/v1/health')
      .pipe(
        catchError((error: unknown) =>
          error instanceof HttpErrorResponse && error.status === 503 && isHealthStatus(error.error)
            ? of(error.error)
            : throwError(() => error),
        ),
      );
  }
}

function isHealthStatus(value: unknown): value is HealthStatus {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (v['status'] === 'ok' || v['status'] === 'error') && typeof v['database'] === 'string';
}
