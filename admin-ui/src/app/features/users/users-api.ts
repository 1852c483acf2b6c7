import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  DigestRunResult,
  InviteUserRequest,
  Page,
  UpdateUserRequest,
  UserListQuery,
  UserSummary,
} from '@stockmaster/contracts';
import { Observable } from 'rxjs';

import { toHttpParams } from '../../shared/ui/data-table';

/** A warehouse as the users screen needs it (the warehouse module owns the full shape). */
export interface WarehouseOption {
  id: string;
  code: string;
  name: string;
}

const USERS = '/api/v1/users';

@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  list(query: UserListQuery): Observable<Page<UserSummary>> {
    return this.http.get<Page<UserSummary>>(USERS, { params: toHttpParams(query) });
  }

  /** Creates the user as `invited` and mails them an invitation link (valid 72 hours). */
  invite(body: InviteUserRequest): Observable<UserSummary> {
    return this.http.post<UserSummary>(USERS, body);
  }

  update(id: string, body: UpdateUserRequest): Observable<UserSummary> {
    return this.http.patch<UserSummary>(`${USERS}/${encodeURIComponent(id)}`, body);
  }

  /** Disables the account (the API keeps the user for the audit trail). */
  disable(id: string): Observable<void> {
    return this.http.delete<void>(`${USERS}/${encodeURIComponent(id)}`);
  }

  resendInvitation(id: string): Observable<void> {
    return this.http.post<void>(`${USERS}/${encodeURIComponent(id)}/invitation`, null);
  }

  /**
   * The daily alert digest: with `dryRun`, who would receive what today; without, the mails are
   * queued now (the scheduled run still goes out).
   */
  alertDigest(dryRun: boolean): Observable<DigestRunResult> {
    return this.http.post<DigestRunResult>('/api/v1/alerts/digest', null, {
      params: { dryRun },
    });
  }

  /** Every warehouse, for the agents' warehouse choice (200 is the API's page limit). */
  warehouses(): Observable<Page<WarehouseOption>> {
    return this.http.get<Page<WarehouseOption>>('/api/v1/warehouses', {
      params: { limit: 200 },
    });
  }
}
