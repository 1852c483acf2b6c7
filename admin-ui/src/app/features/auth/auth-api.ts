import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  AcceptInvitationRequest,
  ForgotPasswordRequest,
  LoginRequest,
  LoginResponse,
  ResetPasswordRequest,
  Role,
  SetupRequest,
} from '@stockmaster/contracts';
import { Observable } from 'rxjs';

import { AUTH_API } from '../../core/session/session';

/** What `GET /auth/invitation/:token` tells the invited person about their account. */
export interface InvitationPreview {
  email: string;
  fullName: string;
  role: Role;
}

/** The public auth routes: the pages people use before they have a session. */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);

  login(body: LoginRequest): Observable<LoginResponse> {
    return this.http.post<LoginResponse>(`${AUTH_API}/login`, body);
  }

  setup(body: SetupRequest): Observable<LoginResponse> {
    return this.http.post<LoginResponse>(`${AUTH_API}/setup`, body);
  }

  /** Always 202, whether or not the address has an account. */
  forgotPassword(body: ForgotPasswordRequest): Observable<void> {
    return this.http.post<void>(`${AUTH_API}/password/forgot`, body);
  }

  resetPassword(body: ResetPasswordRequest): Observable<void> {
    return this.http.post<void>(`${AUTH_API}/password/reset`, body);
  }

  invitation(token: string): Observable<InvitationPreview> {
    return this.http.get<InvitationPreview>(`${AUTH_API}/invitation/${encodeURIComponent(token)}`);
  }

  acceptInvitation(body: AcceptInvitationRequest): Observable<LoginResponse> {
    return this.http.post<LoginResponse>(`${AUTH_API}/invitation/accept`, body);
  }
}
