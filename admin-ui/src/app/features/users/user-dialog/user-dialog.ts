import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import {
  AuthErrorCode,
  ROLES,
  Role,
  UpdateUserRequest,
  UserSummary,
  isWarehouseScoped,
} from '@stockmaster/contracts';
import { Observable, finalize, map, of } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { ROLE_LABELS, STATUS_LABELS } from '../../../core/session/role-labels';
import {
  FieldError,
  FormErrorBanner,
  SubmitButton,
  applyServerErrors,
} from '../../../shared/ui/form';
import { UsersApi } from '../users-api';

export type UserDialogData = { mode: 'invite' } | { mode: 'edit'; user: UserSummary };

/** Agents work only in the warehouses assigned to them, so they need at least one. */
function warehouseForAgent(control: AbstractControl<string[]>): ValidationErrors | null {
  const role = control.parent?.get('role')?.value as Role | undefined;
  return role && isWarehouseScoped(role) && (control.value ?? []).length === 0
    ? { warehouseRequired: true }
    : null;
}

/** Invite a user, or edit one (name, role, warehouses, active or disabled). */
@Component({
  selector: 'sm-user-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatIconModule,
    FieldError,
    FormErrorBanner,
    SubmitButton,
  ],
  templateUrl: './user-dialog.html',
  styleUrl: './user-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserDialog {
  private readonly api = inject(UsersApi);
  private readonly dialogRef = inject<MatDialogRef<UserDialog, UserSummary>>(MatDialogRef);
  protected readonly data = inject<UserDialogData>(MAT_DIALOG_DATA);

  protected readonly editing = this.data.mode === 'edit' ? this.data.user : null;
  protected readonly roles = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));
  protected readonly statusLabels = STATUS_LABELS;
  protected readonly warehouseMessages = {
    warehouseRequired: 'Choose at least one warehouse for a warehouse agent.',
  };

  private readonly fb = inject(FormBuilder).nonNullable;
  protected readonly form = this.fb.group({
    email: [
      this.editing?.email ?? '',
      this.editing ? [] : [Validators.required, Validators.email, Validators.maxLength(254)],
    ],
    fullName: [this.editing?.fullName ?? '', [Validators.required, Validators.maxLength(200)]],
    role: [this.editing?.role ?? ('' as Role | ''), Validators.required],
    warehouseIds: this.fb.control<string[]>(this.editing?.warehouseIds ?? [], warehouseForAgent),
    status: [this.editing?.status === 'disabled' ? ('disabled' as const) : ('active' as const)],
  });

  private readonly role = signal<Role | ''>(this.form.controls.role.value);
  protected readonly needsWarehouses = computed(() => {
    const role = this.role();
    return role !== '' && isWarehouseScoped(role);
  });
  /** Invited users become active by accepting, not by an admin's choice. */
  protected readonly canChangeStatus = this.editing !== null && this.editing.status !== 'invited';

  protected readonly warehouses = rxResource({
    stream: () =>
      this.api
        .warehouses()
        .pipe(map((page) => [...page.data].sort((a, b) => a.code.localeCompare(b.code)))),
  });
  protected readonly warehouseError = computed(() => {
    const error = this.warehouses.error();
    return error
      ? `The warehouses could not be loaded: ${toApiError(error.cause ?? error).message}`
      : null;
  });

  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);

  constructor() {
    this.form.controls.role.valueChanges.pipe(takeUntilDestroyed()).subscribe((role) => {
      this.role.set(role);
      this.form.controls.warehouseIds.updateValueAndValidity();
    });
  }

  protected submit(): void {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.errors.set([]);
    this.save()
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (user) => this.dialogRef.close(user),
        error: (error: unknown) => this.failed(error),
      });
  }

  private save(): Observable<UserSummary> {
    const { email, fullName, role, warehouseIds, status } = this.form.getRawValue();
    const chosenRole = role as Role;
    const scoped = isWarehouseScoped(chosenRole);
    if (!this.editing) {
      return this.api.invite({
        email: email.trim(),
        fullName: fullName.trim(),
        role: chosenRole,
        ...(scoped ? { warehouseIds } : {}),
      });
    }
    // Only what changed: the audit log then records exactly the admin's edit.
    const before = this.editing;
    const nextWarehouses = scoped ? [...warehouseIds].sort() : [];
    const body: UpdateUserRequest = {};
    if (fullName.trim() !== before.fullName) body.fullName = fullName.trim();
    if (chosenRole !== before.role) body.role = chosenRole;
    if (nextWarehouses.join() !== [...before.warehouseIds].sort().join()) {
      body.warehouseIds = nextWarehouses;
    }
    if (this.canChangeStatus && status !== before.status) body.status = status;
    if (Object.keys(body).length === 0) return of(before);
    return this.api.update(this.editing.id, body);
  }

  private failed(error: unknown): void {
    const apiError = toApiError(error);
    if (apiError.code === AuthErrorCode.EmailTaken && !this.editing) {
      const email = this.form.controls.email;
      email.setErrors({ server: 'A user with this email address already exists.' });
      email.markAsTouched();
      return;
    }
    if (apiError.code === AuthErrorCode.LastAdmin) {
      this.errors.set([
        'This is the last active administrator: keep at least one active administrator.',
      ]);
      return;
    }
    this.errors.set(applyServerErrors(this.form, apiError));
  }
}
