import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { DigestRecipient, DigestRunResult } from '@stockmaster/contracts';
import { finalize } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { FormErrorBanner } from '../../../shared/ui/form';
import { UsersApi } from '../users-api';

/** One recipient's mail in numbers, as the preview table shows it. */
export interface DigestPreviewRow {
  recipient: DigestRecipient;
  expired: number;
  expiring: number;
  belowMinimum: number;
  staleDrafts: number;
}

export function digestPreviewRows(result: DigestRunResult): DigestPreviewRow[] {
  return result.recipients.map((recipient) => ({
    recipient,
    expired: recipient.facts.expiredBatches.length,
    expiring: recipient.facts.expiringBatches.length,
    belowMinimum: recipient.facts.belowMinimum.length,
    staleDrafts: recipient.facts.staleDrafts.length,
  }));
}

/**
 * Today's alert digest before it goes out: who would receive a mail and what it would list (a
 * dry run, nothing sent), then "Send now" to queue those mails at once. Closes with the result of
 * a real run, or nothing.
 */
@Component({
  selector: 'sm-digest-dialog',
  imports: [DatePipe, MatButtonModule, MatDialogModule, MatIconModule, FormErrorBanner],
  templateUrl: './digest-dialog.html',
  styleUrl: './digest-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DigestDialog {
  private readonly api = inject(UsersApi);
  private readonly dialogRef = inject<MatDialogRef<DigestDialog, DigestRunResult>>(MatDialogRef);

  protected readonly preview = rxResource({ stream: () => this.api.alertDigest(true) });
  protected readonly rows = (result: DigestRunResult) => digestPreviewRows(result);
  protected readonly sending = signal(false);
  protected readonly errors = signal<string[]>([]);

  protected send(): void {
    if (this.sending()) return;
    this.sending.set(true);
    this.errors.set([]);
    this.api
      .alertDigest(false)
      .pipe(finalize(() => this.sending.set(false)))
      .subscribe({
        next: (result) => this.dialogRef.close(result),
        error: (error: unknown) => this.errors.set([toApiError(error).message]),
      });
  }

  protected loadError(): string {
    const error = this.preview.error();
    return error ? toApiError(error.cause ?? error).message : '';
  }
}
