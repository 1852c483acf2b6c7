import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { AuditEntry, AuditQuery, Page } from '@stockmaster/contracts';
import { Observable } from 'rxjs';

import { toHttpParams } from '../../shared/ui/data-table';

@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  /** Newest first. */
  list(query: AuditQuery): Observable<Page<AuditEntry>> {
    return this.http.get<Page<AuditEntry>>('/api/v1/audit-log', { params: toHttpParams(query) });
  }
}
