import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
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
import { AuthApi } from '../auth-api';
import { AuthCard } from '../auth-card/auth-card';

export const INVALID_INVITATION_MESSAGE =
  'This invitation link is not valid: it may have expired (links last 72 hours), been used ' +
  'already, or been withdrawn. Ask an administrator to send you a new invitation.';

/** `/invite/:token`: the invited person sets a password and is signed in at once. */
@Component({
  selector: 'sm-invite',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    MatIconModule,
    MatProgressBarModule,
    FieldError,
    FormErrorBanner,
    SubmitButton,
    AuthCard,
  ],
  templateUrl: './invite.html',
  styleUrl: '../auth-form.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class Invite {
  private readonly api = inject(AuthApi);
  private readonly session = inject(Session);
  private readonly router = inject(Router);

  /** The route's `:token`, bound by the router. */
  readonly token = input.required<string>();

  protected readonly invitation = rxResource({
    params: () => this.token(),
    stream: ({ params }) => this.api.invitation(params),
  });
  /** Set when accepting finds the link no longer valid (used or revoked meanwhile). */
  private readonly acceptRejected = signal(false);

  protected readonly loadError = computed(() => {
    if (this.acceptRejected()) return INVALID_INVITATION_MESSAGE;
    const error = this.invitation.error();
    if (!error) return null;
    const apiError = toApiError(error.cause ?? error);
    return apiError.code === AuthErrorCode.InvitationInvalid || apiError.status === 404
      ? INVALID_INVITATION_MESSAGE
      : apiError.message;
  });
  protected readonly roleLabel = computed(() =>
    this.invitation.hasValue() ? ROLE_LABELS[this.invitation.value().role] : '',
  );
  private readonly invitedEmail = computed(() =>
    this.invitation.hasValue() ? this.invitation.value().email : null,
  );

  protected readonly form = inject(FormBuilder).nonNullable.group({
    password: ['', [Validators.required, passwordRule(() => this.invitedEmail())]],
    confirmPassword: ['', [Validators.required, matchesSibling('password')]],
  });
  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);

  constructor() {
    linkConfirmation(this.form.controls.password, this.form.controls.confirmPassword);
  }

  protected submit(): void {
    if (this.busy()) return;
    this.form.controls.password.updateValueAndValidity();
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.errors.set([]);
    this.api
      .acceptInvitation({ token: this.token(), password: this.form.controls.password.value })
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (response) => {
          this.session.signIn(response);
          void this.router.navigateByUrl('/');
        },
        error: (error: unknown) => {
          const apiError = toApiError(error);
          if (apiError.code === AuthErrorCode.InvitationInvalid) this.acceptRejected.set(true);
          else this.errors.set(applyServerErrors(this.form, apiError));
        },
      });
  }
}
