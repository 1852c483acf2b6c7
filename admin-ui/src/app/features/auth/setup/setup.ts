import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Router, RouterLink } from '@angular/router';
import { AuthErrorCode } from '@stockmaster/contracts';
import { finalize } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { Session } from '../../../core/session/session';
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

/** First run: create the first administrator, who is signed in at once. */
@Component({
  selector: 'sm-setup',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    FieldError,
    FormErrorBanner,
    SubmitButton,
    AuthCard,
  ],
  templateUrl: './setup.html',
  styleUrl: '../auth-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class Setup {
  private readonly api = inject(AuthApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);

  protected readonly form = inject(FormBuilder).nonNullable.group({
    fullName: ['', [Validators.required, Validators.maxLength(200)]],
    email: ['', [Validators.required, Validators.email]],
    password: [
      '',
      [Validators.required, passwordRule((): string => this.form.controls.email.value)],
    ],
    confirmPassword: ['', [Validators.required, matchesSibling('password')]],
  });
  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);
  /** Someone else finished the setup meanwhile. */
  protected readonly alreadyDone = signal(false);

  constructor() {
    linkConfirmation(this.form.controls.password, this.form.controls.confirmPassword);
  }

  protected submit(): void {
    if (this.busy()) return;
    this.form.controls.password.updateValueAndValidity(); // the email may have changed
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.errors.set([]);
    const { fullName, email, password } = this.form.getRawValue();
    this.api
      .setup({ fullName: fullName.trim(), email: email.trim(), password })
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (response) => {
          this.session.signIn(response);
          void this.router.navigateByUrl('/');
        },
        error: (error: unknown) => {
          const apiError = toApiError(error);
          if (apiError.code === AuthErrorCode.SetupDone) {
            this.alreadyDone.set(true);
            this.errors.set(['The first administrator already exists. Sign in instead.']);
          } else {
            this.errors.set(applyServerErrors(this.form, apiError));
          }
        },
      });
  }
}
