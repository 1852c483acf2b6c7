import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { Observable, finalize } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { FieldError, FormErrorBanner, SubmitButton, applyServerErrors } from '../form';

export interface NameDialogData<T> {
  title: string;
  /** Label of the one field, e.g. "Category name". */
  label: string;
  /** Verb of the submit button, e.g. "Add" or "Rename". */
  submitLabel: string;
  initialName?: string;
  maxLength: number;
  /** A rule of the API's on names, checked before sending. */
  rule?: { pattern: RegExp; message: string };
  /** Shown under the field, e.g. where the new item goes. */
  hint?: string;
  /** Saves the trimmed name; the dialog closes with its answer. */
  save: (name: string) => Observable<T>;
  /** Messages for the API's conflict codes that concern the name (shown under the field). */
  nameConflicts?: Record<string, string>;
}

/** Spaces only would be trimmed to nothing. */
function notBlank(control: AbstractControl<string>): ValidationErrors | null {
  return control.value && control.value.trim() === '' ? { blank: true } : null;
}

/**
 * Adds or renames one item of a tree (a category, a location): one name field, the API's
 * messages under it or in a banner, progress while saving. Closes with what `save` answered.
 */
@Component({
  selector: 'sm-name-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    FieldError,
    FormErrorBanner,
    SubmitButton,
  ],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <sm-form-error-banner [messages]="errors()" />
        <mat-form-field>
          <mat-label>{{ data.label }}</mat-label>
          <input matInput formControlName="name" autocomplete="off" cdkFocusInitial />
          @if (data.hint) {
            <mat-hint>{{ data.hint }}</mat-hint>
          }
          <mat-error><sm-field-error [control]="name" [messages]="messages" /></mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <sm-submit-button [busy]="busy()">{{ data.submitLabel }}</sm-submit-button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    mat-dialog-content {
      min-width: min(400px, 80vw);
    }
    mat-form-field {
      width: 100%;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NameDialog<T> {
  protected readonly data = inject<NameDialogData<T>>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<NameDialog<T>, T>>(MatDialogRef);

  protected readonly form = new FormGroup({
    name: new FormControl(this.data.initialName ?? '', {
      nonNullable: true,
      validators: [
        Validators.required,
        Validators.maxLength(this.data.maxLength),
        notBlank,
        ...(this.data.rule ? [Validators.pattern(this.data.rule.pattern)] : []),
      ],
    }),
  });
  protected readonly name = this.form.controls.name;
  protected readonly messages = {
    blank: 'This field is required.',
    ...(this.data.rule ? { pattern: this.data.rule.message } : {}),
  };
  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);

  protected submit(): void {
    if (this.busy()) return;
    if (this.name.invalid) {
      this.name.markAsTouched();
      return;
    }
    this.busy.set(true);
    this.errors.set([]);
    this.data
      .save(this.name.value.trim())
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (saved) => this.dialogRef.close(saved),
        error: (error: unknown) => {
          const apiError = toApiError(error);
          const conflict = this.data.nameConflicts?.[apiError.code];
          if (conflict) {
            this.name.setErrors({ server: conflict });
            this.name.markAsTouched();
            return;
          }
          this.errors.set(applyServerErrors(this.form, apiError));
        },
      });
  }
}
