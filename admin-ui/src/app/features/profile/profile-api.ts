import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { ChangePasswordRequest, Me, UpdateMeRequest } from '@stockmaster/contracts';
import { Observable } from 'rxjs';

import { AUTH_API } from '../../core/session/session';

@Injectable({ providedIn: 'root' })
export class ProfileApi {
  private readonly http = inject(HttpClient);

  me(): Observable<Me> {
    return this.http.get<Me>(`${AUTH_API}/me`);
  }

  update(body: UpdateMeRequest): Observable<Me> {
    return this.http.patch<Me>(`${AUTH_API}/me`, body);
  }

  /** 204, and every session of the user ends, this one included. */
  changePassword(body: ChangePasswordRequest): Observable<void> {
    return this.http.post<void>(`${AUTH_API}/me/password`, body);
  }
}
