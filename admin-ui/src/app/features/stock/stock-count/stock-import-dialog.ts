import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import {
  STOCK_IMPORT_COLUMNS,
  STOCK_IMPORT_MAX_BYTES,
  STOCK_IMPORT_MAX_ROWS,
  StockImportResult,
} from '@stockmaster/contracts';
import { Subscription, finalize } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { saveFile } from '../../../shared/ui/download/save-file';
import { FormErrorBanner } from '../../../shared/ui/form';
import { ImportFilePicker, ImportRowErrors } from '../../../shared/ui/import';
import { StockApi } from '../stock-api';

/** Where the dialog is: nothing picked, checking (dry run), checked, creating drafts, created. */
export type StockImportPhase = 'pick' | 'checking' | 'checked' | 'creating' | 'done';

const count = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** What a dry run found, as one sentence; rows with problems are in none of the counts. */
export function stockImportSummary(result: StockImportResult): string {
  const lines = result.warehouses.reduce((sum, warehouse) => sum + warehouse.lines, 0);
  const who = result.errors.length > 0 ? 'The rows without problems would' : 'Would';
  const batches =
    result.newBatches > 0
      ? `, creating ${count(result.newBatches, 'new batch', 'new batches')}`
      : '';
  return (
    `${who} make ${count(result.warehouses.length, 'draft adjustment')} ` +
    `(one per warehouse) with ${count(lines, 'counted line')}${batches}.`
  );
}

/**
 * Opening stock or a count from a CSV file, in two steps: a dry run that lists every row error
 * or, for a clean file, what each warehouse's draft would hold; then the drafts themselves,
 * linked so that they can be reviewed and validated like any count. Closes with true once
 * drafts were created.
 */
@Component({
  selector: 'sm-stock-import-dialog',
  imports: [
    MatDialogModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    MatTableModule,
    RouterLink,
    FormErrorBanner,
    ImportFilePicker,
    ImportRowErrors,
  ],
  templateUrl: './stock-import-dialog.html',
  styleUrls: [
    '../../../shared/ui/import/import-dialog.scss',
    '../../../shared/ui/import/import-table.scss',
    './stock-import-dialog.scss',
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StockImportDialog {
  private readonly api = inject(StockApi);
  private readonly dialogRef = inject<MatDialogRef<StockImportDialog, boolean>>(MatDialogRef);

  protected readonly columns = STOCK_IMPORT_COLUMNS.join(', ');
  protected readonly maxRows = STOCK_IMPORT_MAX_ROWS.toLocaleString('en');
  protected readonly warehouseColumns = ['warehouse', 'lines', 'newBatches'];

  readonly phase = signal<StockImportPhase>('pick');
  readonly file = signal<File | null>(null);
  /** The dry run's answer for the chosen file. */
  readonly check = signal<StockImportResult | null>(null);
  /** The real import's answer. */
  readonly result = signal<StockImportResult | null>(null);
  /** A failure of the request itself (not a CSV, too large, no network). */
  readonly failure = signal<string[]>([]);

  /** Errors of the last answer (the import's, if it found new ones, else the dry run's). */
  protected readonly rowErrors = computed(() => {
    const result = this.result();
    return result && result.errors.length > 0 ? result.errors : (this.check()?.errors ?? []);
  });
  protected readonly summary = computed(() => {
    const check = this.check();
    return check ? stockImportSummary(check) : '';
  });
  protected readonly drafts = computed(() =>
    (this.result()?.warehouses ?? []).flatMap((warehouse) =>
      warehouse.drafts.map((draft) => ({ ...draft, warehouseCode: warehouse.warehouseCode })),
    ),
  );
  protected readonly busy = computed(() => ['checking', 'creating'].includes(this.phase()));
  /** Create drafts only from a file a dry run found clean, and only once. */
  readonly canCreate = computed(() => {
    const check = this.check();
    return (
      this.phase() === 'checked' &&
      check !== null &&
      check.errors.length === 0 &&
      this.rowErrors().length === 0 &&
      check.warehouses.length > 0
    );
  });

  private request: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  protected downloadTemplate(): void {
    this.api.importTemplate().subscribe({
      next: ({ blob, fileName }) => saveFile(blob, fileName),
      error: (error: unknown) => this.failure.set([toApiError(error).message]),
    });
  }

  /** Takes a file and checks it at once (a dry run writes nothing). */
  choose(file: File): void {
    this.request?.unsubscribe();
    this.file.set(file);
    this.check.set(null);
    this.result.set(null);
    this.failure.set([]);
    if (file.size > STOCK_IMPORT_MAX_BYTES) {
      this.phase.set('pick');
      this.failure.set([
        `${file.name} is larger than 10 MB. Split it into smaller files and import them one by one.`,
      ]);
      return;
    }
    this.run(file, true);
  }

  /** Creates the drafts of the checked file. */
  create(): void {
    const file = this.file();
    if (!file || !this.canCreate()) return;
    this.run(file, false);
  }

  protected close(): void {
    this.dialogRef.close(this.phase() === 'done');
  }

  private run(file: File, dryRun: boolean): void {
    this.phase.set(dryRun ? 'checking' : 'creating');
    this.request = this.api
      .importCounts(file, dryRun)
      .pipe(finalize(() => (this.request = null)))
      .subscribe({
        next: (answer) => {
          if (dryRun) {
            this.check.set(answer);
            this.phase.set('checked');
          } else {
            // With new errors (the data changed since the dry run) nothing was written.
            this.result.set(answer);
            this.phase.set(answer.errors.length > 0 ? 'checked' : 'done');
          }
        },
        error: (error: unknown) => {
          const apiError = toApiError(error);
          this.failure.set([
            apiError.status === 413
              ? `The file is too large: at most 10 MB and ${this.maxRows} rows per import.`
              : apiError.message,
            ...apiError.details.map((detail) => detail.message),
          ]);
          this.phase.set(dryRun ? 'pick' : 'checked');
        },
      });
  }
}
