import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { AuthErrorCode } from '@stockmaster/contracts';
import { finalize } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import {
  FieldError,
  FormErrorBanner,
  SubmitButton,
  applyServerErrors,
  linkConfirmation,
  matchesSibling,
  passwordRule,
} from '../../../shared/ui/form';
import { AuthApi } from '../auth-api';
import { AuthCard } from '../auth-card/auth-card';

type Step = 'email' | 'code';

/**
 * Password reset in two steps: ask for a code by mail, then give the code with a new password.
 * The first step never says whether the address has an account (the API answers 202 always).
 */
@Component({
  selector: 'sm-forgot-password',
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
  templateUrl: './forgot-password.html',
  styleUrl: '../auth-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class ForgotPassword {
  private readonly api = inject(AuthApi);
  private readonly router = inject(Router);
  private readonly fb = inject(FormBuilder).nonNullable;

  protected readonly step = signal<Step>('email');
  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);
  /** The code can no longer be used (5 wrong tries): only a new code helps. */
  protected readonly burned = signal(false);

  protected readonly emailForm = this.fb.group({
    email: ['', [Validators.required, Validators.email]],
  });
  protected readonly resetForm = this.fb.group({
    code: ['', [Validators.required, Validators.pattern(/^\d{6}$/)]],
    newPassword: [
      '',
      [Validators.required, passwordRule(() => this.emailForm.controls.email.value)],
    ],
    confirmPassword: ['', [Validators.required, matchesSibling('newPassword')]],
  });
  protected readonly codeMessages = { pattern: 'Enter the 6 digits from the email.' };

  constructor() {
    linkConfirmation(this.resetForm.controls.newPassword, this.resetForm.controls.confirmPassword);
  }

  protected requestCode(): void {
    if (this.busy()) return;
    if (this.emailForm.invalid) {
      this.emailForm.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.errors.set([]);
    const email = this.emailForm.controls.email.value.trim();
    this.api
      .forgotPassword({ email })
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: () => {
          this.burned.set(false);
          this.resetForm.reset();
          this.step.set('code');
        },
        error: (error: unknown) => this.errors.set([toApiError(error).message]),
      });
  }

  protected reset(): void {
    if (this.busy()) return;
    if (this.resetForm.invalid) {
      this.resetForm.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.errors.set([]);
    const { code, newPassword } = this.resetForm.getRawValue();
    this.api
      .resetPassword({ email: this.emailForm.controls.email.value.trim(), code, newPassword })
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: () =>
          void this.router.navigate(['/login'], { queryParams: { notice: 'password-reset' } }),
        error: (error: unknown) => this.failed(error),
      });
  }

  /** Back to the first step, keeping the address, to send a new code. */
  protected startOver(): void {
    this.errors.set([]);
    this.burned.set(false);
    this.step.set('email');
  }

  private failed(error: unknown): void {
    const apiError = toApiError(error);
    const code = this.resetForm.controls.code;
    switch (apiError.code) {
      case AuthErrorCode.InvalidResetCode:
        code.setErrors({ server: 'This code is wrong or has expired. Check the latest email.' });
        code.markAsTouched();
        return;
      case AuthErrorCode.ResetCodeBurned:
        this.burned.set(true);
        this.errors.set([
          'Too many wrong codes: this code no longer works. Ask for a new code to try again.',
        ]);
        return;
      default:
        this.errors.set(applyServerErrors(this.resetForm, apiError));
    }
  }
}
