import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatCardModule } from '@angular/material/card';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { AuthErrorCode } from '@stockmaster/contracts';
import { finalize } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { ROLE_LABELS } from '../../../core/session/role-labels';
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
import { DigestPreference } from '../digest-preference/digest-preference';
import { ProfileApi } from '../profile-api';

@Component({
  selector: 'sm-profile-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatCardModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    DigestPreference,
    FieldError,
    FormErrorBanner,
    SubmitButton,
  ],
  templateUrl: './profile-page.html',
  styleUrl: './profile-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfilePage {
  private readonly api = inject(ProfileApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly fb = inject(FormBuilder).nonNullable;

  protected readonly me = rxResource({ stream: () => this.api.me() });
  protected readonly meError = computed(() => {
    const error = this.me.error();
    return error ? toApiError(error.cause ?? error).message : null;
  });
  protected readonly roleLabel = computed(() =>
    this.me.hasValue() ? ROLE_LABELS[this.me.value().role] : '',
  );

  protected readonly nameForm = this.fb.group({
    fullName: ['', [Validators.required, Validators.maxLength(200)]],
  });
  protected readonly savingName = signal(false);
  protected readonly nameErrors = signal<string[]>([]);

  protected readonly passwordForm = this.fb.group({
    currentPassword: ['', Validators.required],
    newPassword: ['', [Validators.required, passwordRule(() => this.session.user()?.email)]],
    confirmPassword: ['', [Validators.required, matchesSibling('newPassword')]],
  });
  protected readonly changingPassword = signal(false);
  protected readonly passwordErrors = signal<string[]>([]);

  constructor() {
    linkConfirmation(
      this.passwordForm.controls.newPassword,
      this.passwordForm.controls.confirmPassword,
    );
    effect(() => {
      if (this.me.hasValue()) this.nameForm.reset({ fullName: this.me.value().fullName });
    });
  }

  protected saveName(): void {
    if (this.savingName()) return;
    if (this.nameForm.invalid) {
      this.nameForm.markAllAsTouched();
      return;
    }
    this.savingName.set(true);
    this.nameErrors.set([]);
    this.api
      .update({ fullName: this.nameForm.controls.fullName.value.trim() })
      .pipe(finalize(() => this.savingName.set(false)))
      .subscribe({
        next: (me) => {
          this.me.set(me);
          this.session.updateUser({ fullName: me.fullName });
          this.snackBar.open('Your name has been saved.', undefined, { duration: 4000 });
        },
        error: (error: unknown) =>
          this.nameErrors.set(applyServerErrors(this.nameForm, toApiError(error))),
      });
  }

  protected changePassword(): void {
    if (this.changingPassword()) return;
    if (this.passwordForm.invalid) {
      this.passwordForm.markAllAsTouched();
      return;
    }
    this.changingPassword.set(true);
    this.passwordErrors.set([]);
    const { currentPassword, newPassword } = this.passwordForm.getRawValue();
    this.api
      .changePassword({ currentPassword, newPassword })
      .pipe(finalize(() => this.changingPassword.set(false)))
      .subscribe({
        next: () => {
          // The server has ended every session, this one included.
          this.session.clear();
          void this.router.navigate(['/login'], { queryParams: { notice: 'password-changed' } });
        },
        error: (error: unknown) => {
          const apiError = toApiError(error);
          if (apiError.code === AuthErrorCode.WrongPassword) {
            const current = this.passwordForm.controls.currentPassword;
            current.setErrors({ server: 'This is not your current password.' });
            current.markAsTouched();
          } else {
            this.passwordErrors.set(applyServerErrors(this.passwordForm, apiError));
          }
        },
      });
  }
}
