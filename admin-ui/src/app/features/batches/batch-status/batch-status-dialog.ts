import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { BatchDetail } from '@stockmaster/contracts';
import { Observable, finalize } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import {
  FieldError,
  FormErrorBanner,
  SubmitButton,
  applyServerErrors,
} from '../../../shared/ui/form';
import { BatchesApi } from '../../../shared/api/batches-api';
import { traceSummary } from './batch-status-text';

export type BatchStatusAction = 'quarantine' | 'release' | 'recall';

export interface BatchStatusDialogData {
  batch: { id: string; code: string };
  action: BatchStatusAction;
}

const TITLES: Record<BatchStatusAction, string> = {
  quarantine: 'Quarantine',
  release: 'Release',
  recall: 'Recall',
};

/**
 * Quarantine, release or recall a batch. A recall is final and reaches the public: the dialog
 * first says where the lot went and where it is (its trace), and asks for the reason (kept
 * internal) and the notice shown to whoever scans a pack. Closes with the updated batch.
 */
@Component({
  selector: 'sm-batch-status-dialog',
  imports: [
    ReactiveFormsModule,
    MatDialogModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    FieldError,
    FormErrorBanner,
    SubmitButton,
  ],
  templateUrl: './batch-status-dialog.html',
  styles: `
    mat-dialog-content {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: min(460px, 80vw);
    }
    mat-form-field {
      width: 100%;
    }
    .trace {
      display: flex;
      gap: 12px;
      align-items: flex-start;
      padding: 12px 16px;
      margin-bottom: 12px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-high);
      p {
        margin: 0;
        font: var(--mat-sys-title-small);
      }
    }
    .final {
      color: var(--mat-sys-error);
      font: var(--mat-sys-label-large);
      margin: 0 0 12px;
    }
    .destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BatchStatusDialog {
  private readonly api = inject(BatchesApi);
  private readonly dialogRef = inject<MatDialogRef<BatchStatusDialog, BatchDetail>>(MatDialogRef);
  protected readonly data = inject<BatchStatusDialogData>(MAT_DIALOG_DATA);
  protected readonly action = this.data.action;
  protected readonly title = `${TITLES[this.action]} batch ${this.data.batch.code}`;

  /** Loaded for a recall only: what the user must see before confirming. */
  protected readonly trace = rxResource({
    params: () => (this.action === 'recall' ? this.data.batch.id : undefined),
    stream: ({ params }) => this.api.trace(params),
  });
  protected readonly summary = computed(() =>
    this.trace.hasValue() ? traceSummary(this.trace.value()) : null,
  );
  protected readonly traceError = computed(() => {
    const error = this.trace.error();
    return error ? toApiError(error).message : null;
  });

  readonly form = new FormGroup({
    reason: new FormControl('', {
      nonNullable: true,
      validators:
        this.action === 'release'
          ? [Validators.maxLength(2000)]
          : [Validators.required, Validators.maxLength(2000)],
    }),
    publicNotice: new FormControl('', {
      nonNullable: true,
      validators: this.action === 'recall' ? [Validators.required, Validators.maxLength(2000)] : [],
    }),
  });

  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);

  submit(): void {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.errors.set([]);
    this.send()
      .pipe(finalize(() => this.busy.set(false)))
      .subscribe({
        next: (batch) => this.dialogRef.close(batch),
        error: (error: unknown) => this.errors.set(applyServerErrors(this.form, toApiError(error))),
      });
  }

  private send(): Observable<BatchDetail> {
    const reason = this.form.controls.reason.value.trim();
    const id = this.data.batch.id;
    switch (this.action) {
      case 'quarantine':
        return this.api.quarantine(id, { reason });
      case 'release':
        return this.api.release(id, reason ? { reason } : {});
      case 'recall':
        return this.api.recall(id, {
          reason,
          publicNotice: this.form.controls.publicNotice.value.trim(),
        });
    }
  }
}
