import { Clipboard } from '@angular/cdk/clipboard';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { Batch, BatchDetail, Permission, UpdateBatchRequest } from '@stockmaster/contracts';
import { filter, finalize, switchMap } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { Session } from '../../../core/session/session';
import { confirmAction } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import {
  FieldError,
  FormErrorBanner,
  SubmitButton,
  applyServerErrors,
} from '../../../shared/ui/form';
import { FreshnessChip, dayCount } from '../../../shared/ui/freshness';
import { parseDay, toDay } from '../../../shared/util/date-range';
import { BatchesApi } from '../../../shared/api/batches-api';
import { LocalLinkWarning } from '../local-link-warning/local-link-warning';
import { BATCH_STATUS_LABELS, BatchStatusChip } from '../../../shared/ui/freshness';
import {
  BatchStatusAction,
  BatchStatusDialog,
  BatchStatusDialogData,
} from '../batch-status/batch-status-dialog';
import { traceSummary } from '../batch-status/batch-status-text';
import { saveFile } from '../../../shared/ui/download/save-file';
import { MoveColumn, MovesTable } from '../../../shared/ui/moves-table/moves-table';
import { QuantityPipe } from '../../../shared/ui/quantity/quantity.pipe';
import { TraceTable } from '../trace-table/trace-table';

type BatchForm = FormGroup<{
  producedAt: FormControl<Date | null>;
  receivedAt: FormControl<Date | null>;
  expiresAt: FormControl<Date | null>;
  notes: FormControl<string>;
}>;

/** The PATCH body for the form: every field sent, an empty one as null (which clears it). */
export function batchUpdate(form: BatchForm): UpdateBatchRequest {
  const value = form.getRawValue();
  return {
    producedAt: toDay(value.producedAt) || null,
    receivedAt: toDay(value.receivedAt) || null,
    expiresAt: toDay(value.expiresAt) || null,
    notes: value.notes.trim() || null,
  };
}

/** `/batches/:id`: dates, freshness, QR code and public link, stock by location, history. */
@Component({
  selector: 'sm-batch-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatTableModule,
    MovesTable,
    MatTooltipModule,
    FieldError,
    FormErrorBanner,
    SubmitButton,
    FreshnessChip,
    BatchStatusChip,
    LocalLinkWarning,
    QuantityPipe,
    TraceTable,
  ],
  providers: [provideNativeDateAdapter()],
  templateUrl: './batch-page.html',
  styleUrl: './batch-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BatchPage {
  private readonly api = inject(BatchesApi);
  private readonly session = inject(Session);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly clipboard = inject(Clipboard);

  /** The batch's id, from the route. */
  readonly id = input.required<string>();

  protected readonly canWrite = computed(() => this.session.can(Permission.BatchesWrite));

  protected readonly detail = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.api.get(params),
  });
  protected readonly batch = computed<BatchDetail | null>(() =>
    this.detail.hasValue() ? this.detail.value() : null,
  );
  protected readonly loadError = computed(() => {
    const error = this.detail.error();
    return error ? toApiError(error) : null;
  });

  /** Where the lot came from, where it is and where it went; reloaded with the batch. */
  protected readonly trace = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.api.trace(params),
  });
  protected readonly traceSummary = computed(() =>
    this.trace.hasValue() ? traceSummary(this.trace.value()) : null,
  );

  /** Reloaded when the public URL changes (token rotated). */
  protected readonly qr = rxResource({
    params: () => {
      const batch = this.batch();
      return batch ? { id: batch.id, url: batch.publicUrl } : undefined;
    },
    stream: ({ params }) => this.api.qrDataUrl(params.id),
  });

  readonly form: BatchForm = new FormGroup({
    producedAt: new FormControl<Date | null>(null),
    receivedAt: new FormControl<Date | null>(null),
    expiresAt: new FormControl<Date | null>(null),
    notes: new FormControl('', { nonNullable: true, validators: Validators.maxLength(2000) }),
  });
  protected readonly editing = signal(false);
  protected readonly saving = signal(false);
  protected readonly rotating = signal(false);
  protected readonly errors = signal<string[]>([]);

  protected readonly stockColumns = ['location', 'quantity'];
  protected readonly moveColumns: MoveColumn[] = ['doneAt', 'reference', 'from', 'to', 'quantity'];
  protected readonly dayCount = dayCount;
  protected readonly statusLabels = BATCH_STATUS_LABELS;

  protected edit(): void {
    const batch = this.batch();
    if (!batch) return;
    this.form.reset({
      producedAt: parseDay(batch.producedAt),
      receivedAt: parseDay(batch.receivedAt),
      expiresAt: parseDay(batch.expiresAt),
      notes: batch.notes ?? '',
    });
    this.errors.set([]);
    this.editing.set(true);
  }

  protected cancelEdit(): void {
    this.editing.set(false);
    this.errors.set([]);
  }

  save(): void {
    const batch = this.batch();
    if (!batch || this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.errors.set([]);
    this.api
      .update(batch.id, batchUpdate(this.form))
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (saved) => {
          this.merge(saved);
          this.editing.set(false);
          this.snackBar.open(`Batch ${saved.code} has been saved.`, undefined, { duration: 5000 });
        },
        error: (error: unknown) => this.errors.set(applyServerErrors(this.form, toApiError(error))),
      });
  }

  protected copyUrl(): void {
    const batch = this.batch();
    if (!batch) return;
    const copied = this.clipboard.copy(batch.publicUrl);
    this.snackBar.open(
      copied ? 'The public link has been copied.' : 'The link could not be copied: select it.',
      undefined,
      { duration: 4000 },
    );
  }

  protected rotate(): void {
    const batch = this.batch();
    if (!batch || this.rotating()) return;
    confirmAction(this.dialog, {
      title: `Replace the QR code of ${batch.code}?`,
      message:
        'A new public link and QR code will be made. Labels already printed with the old code will stop working: scanning them will say the code is not valid any more.',
      confirmLabel: 'Replace QR code',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.rotating.set(true);
          return this.api.rotateToken(batch.id);
        }),
        finalize(() => this.rotating.set(false)),
      )
      .subscribe({
        next: (rotated) => {
          this.merge(rotated);
          this.snackBar.open('A new QR code has been made. Print new labels.', undefined, {
            duration: 6000,
          });
        },
        error: (error: unknown) =>
          this.snackBar.open(toApiError(error).message, 'Dismiss', { duration: 8000 }),
      });
  }

  protected reload(): void {
    this.detail.reload();
    this.trace.reload();
  }

  /** Quarantine, release or recall, through a dialog; the page then shows the new status. */
  protected changeStatus(action: BatchStatusAction): void {
    const batch = this.batch();
    if (!batch) return;
    this.dialog
      .open<BatchStatusDialog, BatchStatusDialogData, BatchDetail>(BatchStatusDialog, {
        data: { batch: { id: batch.id, code: batch.code }, action },
        width: '520px',
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .pipe(filter((changed): changed is BatchDetail => !!changed))
      .subscribe((changed) => {
        this.detail.set(changed);
        this.trace.reload();
        const done = { quarantine: 'quarantined', release: 'released', recall: 'recalled' };
        this.snackBar.open(`Batch ${changed.code} has been ${done[action]}.`, undefined, {
          duration: 5000,
        });
      });
  }

  protected downloadTrace(): void {
    const batch = this.batch();
    if (!batch) return;
    this.api.traceCsv(batch.id).subscribe({
      next: (blob) => saveFile(blob, `trace-${batch.code}.csv`),
      error: (error: unknown) =>
        this.snackBar.open(toApiError(error).message, 'Dismiss', { duration: 8000 }),
    });
  }

  /** Keeps the stock and history already shown; the rest comes from the answer. */
  private merge(batch: Batch): void {
    this.detail.update((current) => (current ? { ...current, ...batch } : current));
  }
}
