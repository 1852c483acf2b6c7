import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { AuthErrorCode, ErrorCode } from '@stockmaster/contracts';
import { finalize } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { Session, safeReturnUrl } from '../../../core/session/session';
import { FieldError, FormErrorBanner, SubmitButton } from '../../../shared/ui/form';
import { AuthApi } from '../auth-api';
import { AuthCard } from '../auth-card/auth-card';

/** Messages another page leaves for the login page (`/login?notice=…`). */
export const LOGIN_NOTICES: Readonly<Record<string, string>> = {
  'password-reset': 'Your password has been reset. Sign in with the new one.',
  'password-changed': 'Your password has been changed and every session ended. Sign in again.',
};

/** Minutes to tell the user from a `Retry-After` header in seconds; null when absent. */
export function retryAfterMinutes(error: unknown): number | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  const seconds = Number(error.headers?.get('Retry-After'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

@Component({
  selector: 'sm-login',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    FieldError,
    FormErrorBanner,
    SubmitButton,
    AuthCard,
  ],
  templateUrl: './login.html',
  styleUrl: '../auth-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class Login {
  private readonly api = inject(AuthApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);

  /** Query parameters, bound by the router. */
  readonly returnUrl = input<string>();
  readonly notice = input<string>();

  protected readonly form = inject(FormBuilder).nonNullable.group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);
  protected readonly noticeText = computed(() => LOGIN_NOTICES[this.notice() ?? ''] ?? null);

  protected submit(): void {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.errors.set([]);
    const { email, password } = this.form.getRawValue();
    this.api
      .login({ email: email.trim(), password })
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (response) => {
          this.session.signIn(response);
          void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
        },
        error: (error: unknown) => this.errors.set([this.explain(error)]),
      });
  }

  private explain(error: unknown): string {
    const apiError = toApiError(error);
    const minutes = retryAfterMinutes(error);
    switch (apiError.code) {
      case AuthErrorCode.InvalidCredentials:
        return 'The email address or password is not correct.';
      case AuthErrorCode.AccountLocked:
        return minutes
          ? `Too many failed sign-ins: this account is locked. Try again in ${plural(minutes, 'minute')}, or reset your password.`
          : 'Too many failed sign-ins: this account is locked for a while. Try again later, or reset your password.';
      case AuthErrorCode.AccountDisabled:
        return 'This account is disabled. Ask an administrator to enable it.';
      case ErrorCode.TooManyRequests:
        // The API says which budget ran out (this network, this address) and for how long.
        return apiError.message;
      default:
        return apiError.message;
    }
  }
}
