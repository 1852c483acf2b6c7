import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatSelectModule } from '@angular/material/select';
import { Observable, finalize } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { FieldError, FormErrorBanner, SubmitButton, applyServerErrors } from '../form';
import { ParentOption } from './tree-options';

export interface MoveDialogData<T> {
  title: string;
  /** One sentence on what moves along, e.g. "Its subcategories move with it." */
  intro?: string;
  /** Where it may go; the item itself and its descendants are already left out. */
  options: readonly ParentOption[];
  /** The current parent's option id. */
  currentParentId: string;
  save: (parentId: string) => Observable<T>;
  /** Messages for the API's conflict codes (shown under the parent field). */
  parentConflicts?: Record<string, string>;
}

/** Moves one item of a tree under another parent, chosen from an indented list. */
@Component({
  selector: 'sm-move-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatSelectModule,
    FieldError,
    FormErrorBanner,
    SubmitButton,
  ],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content>
        <sm-form-error-banner [title]="'It was not moved.'" [messages]="errors()" />
        @if (data.intro) {
          <p class="intro">{{ data.intro }}</p>
        }
        <mat-form-field>
          <mat-label>New parent</mat-label>
          <mat-select formControlName="parentId">
            @for (option of data.options; track option.id) {
              <mat-option [value]="option.id" [disabled]="option.disabled">
                <span [style.padding-inline-start.px]="option.depth * 16">{{ option.label }}</span>
              </mat-option>
            }
          </mat-select>
          <mat-error><sm-field-error [control]="form.controls.parentId" /></mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <sm-submit-button [busy]="busy()" [disabled]="unchanged()" busyLabel="Moving…">
          Move
        </sm-submit-button>
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
    .intro {
      margin: 0 0 12px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MoveDialog<T> {
  protected readonly data = inject<MoveDialogData<T>>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<MoveDialog<T>, T>>(MatDialogRef);

  protected readonly form = new FormGroup({
    parentId: new FormControl(this.data.currentParentId, {
      nonNullable: true,
      validators: Validators.required,
    }),
  });
  private readonly chosen = toSignal(this.form.controls.parentId.valueChanges, {
    initialValue: this.data.currentParentId,
  });
  protected readonly unchanged = computed(() => this.chosen() === this.data.currentParentId);
  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);

  protected submit(): void {
    if (this.busy() || this.unchanged()) return;
    this.busy.set(true);
    this.errors.set([]);
    this.data
      .save(this.form.controls.parentId.value)
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (saved) => this.dialogRef.close(saved),
        error: (error: unknown) => {
          const apiError = toApiError(error);
          const conflict = this.data.parentConflicts?.[apiError.code];
          if (conflict) {
            this.form.controls.parentId.setErrors({ server: conflict });
            this.form.controls.parentId.markAsTouched();
            return;
          }
          this.errors.set(applyServerErrors(this.form, apiError));
        },
      });
  }
}
