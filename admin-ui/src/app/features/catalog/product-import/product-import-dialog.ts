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
import {
  IMPORT_MAX_BYTES,
  IMPORT_MAX_ROWS,
  ImportResult,
  PRODUCT_CSV_COLUMNS,
} from '@stockmaster/contracts';
import { Subscription, finalize } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { FormErrorBanner } from '../../../shared/ui/form';
import { ImportFilePicker, ImportRowErrors } from '../../../shared/ui/import';
import { CatalogApi } from '../../../shared/api/catalog-api';

/** Where the dialog is: nothing picked, checking (dry run), checked, importing, imported. */
export type ImportPhase = 'pick' | 'checking' | 'checked' | 'importing' | 'done';

/** What an import would write: products created or updated, categories created. */
export function changes(result: ImportResult): number {
  return result.created + result.updated + result.categoriesCreated;
}

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * What a dry run found, as one sentence: "Would create 2 products and update 1 product
 * (4 unchanged), and add 1 category." Rows with problems are in none of the counts.
 */
export function dryRunSummary(result: ImportResult): string {
  const unchanged = result.unchanged > 0 ? ` (${result.unchanged} unchanged)` : '';
  const categories =
    result.categoriesCreated > 0
      ? `, and add ${count(result.categoriesCreated, 'category', 'categories')}`
      : '';
  const rows = result.errors.length > 0 ? 'The rows without problems would' : 'Would';
  return (
    `${rows} create ${count(result.created, 'product')} and update ` +
    `${count(result.updated, 'product')}${unchanged}${categories}.`
  );
}

/**
 * Imports products from a CSV file in two steps: a dry run that reports every row error and
 * what the import would do, then the import itself, offered only for a file without errors.
 * Closes with true once something was imported.
 */
@Component({
  selector: 'sm-product-import-dialog',
  imports: [
    MatDialogModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    FormErrorBanner,
    ImportFilePicker,
    ImportRowErrors,
  ],
  templateUrl: './product-import-dialog.html',
  styleUrls: ['../../../shared/ui/import/import-dialog.scss', './product-import-dialog.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProductImportDialog {
  private readonly api = inject(CatalogApi);
  private readonly dialogRef = inject<MatDialogRef<ProductImportDialog, boolean>>(MatDialogRef);

  protected readonly columns = PRODUCT_CSV_COLUMNS.join(',');
  protected readonly maxRows = IMPORT_MAX_ROWS.toLocaleString('en');

  readonly phase = signal<ImportPhase>('pick');
  readonly file = signal<File | null>(null);
  /** The dry run's answer for the chosen file. */
  readonly check = signal<ImportResult | null>(null);
  /** The import's answer. */
  readonly result = signal<ImportResult | null>(null);
  /** A failure of the request itself (not a CSV, too large, no network). */
  readonly failure = signal<string[]>([]);

  /** Errors of the last answer (the import's, if it found new ones, else the dry run's). */
  protected readonly rowErrors = computed(() => {
    const result = this.result();
    return result && result.errors.length > 0 ? result.errors : (this.check()?.errors ?? []);
  });
  /** The errors in the shared table's shape: the file line is `row` in the products contract. */
  protected readonly problems = computed(() =>
    this.rowErrors().map(({ row, column, message }) => ({ line: row, column, message })),
  );
  protected readonly changes = changes;
  protected readonly summary = computed(() => {
    const check = this.check();
    return check ? dryRunSummary(check) : '';
  });
  protected readonly busy = computed(() => ['checking', 'importing'].includes(this.phase()));
  /** Import only what a dry run found clean, and only once. */
  readonly canImport = computed(() => {
    const check = this.check();
    return (
      this.phase() === 'checked' &&
      check !== null &&
      check.errors.length === 0 &&
      this.rowErrors().length === 0 &&
      changes(check) > 0
    );
  });

  private request: Subscription | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  /** Takes a file and checks it at once (a dry run writes nothing). */
  choose(file: File): void {
    this.request?.unsubscribe();
    this.file.set(file);
    this.check.set(null);
    this.result.set(null);
    this.failure.set([]);
    if (file.size > IMPORT_MAX_BYTES) {
      this.phase.set('pick');
      this.failure.set([
        `${file.name} is larger than 10 MB. Split it into smaller files and import them one by one.`,
      ]);
      return;
    }
    this.run(file, true);
  }

  /** Imports the checked file for real. */
  import(): void {
    const file = this.file();
    if (!file || !this.canImport()) return;
    this.run(file, false);
  }

  protected close(): void {
    this.dialogRef.close(this.phase() === 'done');
  }

  private run(file: File, dryRun: boolean): void {
    this.phase.set(dryRun ? 'checking' : 'importing');
    this.request = this.api
      .importProducts(file, dryRun)
      .pipe(finalize(() => (this.request = null)))
      .subscribe({
        next: (answer) => {
          if (dryRun) {
            this.check.set(answer);
            this.phase.set('checked');
          } else if (answer.errors.length > 0) {
            // The data changed since the dry run; nothing was written.
            this.result.set(answer);
            this.phase.set('checked');
          } else {
            this.result.set(answer);
            this.phase.set('done');
          }
        },
        error: (error: unknown) => {
          const apiError = toApiError(error);
          this.failure.set([
            apiError.status === 413
              ? `The file is too large: at most 10 MB and ${this.maxRows} rows per import.`
              : apiError.message,
          ]);
          this.phase.set(dryRun ? 'pick' : 'checked');
        },
      });
  }
}
