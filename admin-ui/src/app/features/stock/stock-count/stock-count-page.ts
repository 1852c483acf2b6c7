import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { rxResource, takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, RouterLink } from '@angular/router';
import { OperationDetail, Permission, ProductRef, unitFor } from '@stockmaster/contracts';
import { Observable, catchError, filter, finalize, map, of, switchMap, tap } from 'rxjs';

import { ApiError, toApiError } from '../../../core/http/api-error';
import { Session } from '../../../core/session/session';
import { confirmAction } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import { FieldError, FormErrorBanner } from '../../../shared/ui/form';
import { BatchFreshness, BatchStatePipe } from '../../../shared/ui/freshness';
import { fetchAllPages } from '../../../shared/ui/paging/all-pages';
import { QuantityPipe } from '../../../shared/ui/quantity/quantity.pipe';
import { CatalogApi } from '../../../shared/api/catalog-api';
import { newIdempotencyKey } from '../../../shared/util/idempotency';
import { OperationsApi } from '../../../shared/api/operations-api';
import { ProductChoice, ProductPicker } from '../../../shared/ui/product-picker/product-picker';
import { QUANTITY_MESSAGES, quantityValidator } from '../../../shared/ui/quantity/quantity';
import { internalLocationOptions } from '../../../shared/util/location-tree';
import { WarehousesApi } from '../../../shared/api/warehouses-api';
import { StockApi } from '../stock-api';
import {
  CountDifference,
  CountEntry,
  adjustmentLines,
  countKey,
  differencesFromMoves,
  entriesFromLevels,
  expectedDifference,
} from './count-sheet';
import { StockImportDialog } from './stock-import-dialog';

/** A sheet row: what the system holds, and the counted quantity being typed. */
export interface CountRow {
  key: string;
  entry: Omit<CountEntry, 'counted'>;
  counted: FormControl<string>;
  /** Found during the count, not listed by the system. */
  added: boolean;
}

/**
 * A stock count: list what the system holds in a location, type what is really there (adding
 * products found but not listed), then post one adjustment with those counted quantities.
 */
@Component({
  selector: 'sm-stock-count-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    MatSelectModule,
    FieldError,
    FormErrorBanner,
    ProductPicker,
    QuantityPipe,
    BatchFreshness,
    BatchStatePipe,
  ],
  templateUrl: './stock-count-page.html',
  styleUrl: './stock-count-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StockCountPage {
  private readonly stock = inject(StockApi);
  private readonly operations = inject(OperationsApi);
  private readonly catalog = inject(CatalogApi);
  private readonly warehousesApi = inject(WarehousesApi);
  private readonly session = inject(Session);
  private readonly dialog = inject(MatDialog);
  private readonly route = inject(ActivatedRoute);

  protected readonly canAdjust = computed(() => this.session.can(Permission.OperationsAdjust));
  protected readonly quantityMessages = QUANTITY_MESSAGES;
  protected readonly unitFor = unitFor;

  protected readonly warehouse = new FormControl('', { nonNullable: true });
  protected readonly location = new FormControl('', { nonNullable: true });
  protected readonly includeChildren = new FormControl(false, { nonNullable: true });
  protected readonly newProduct = new FormControl<ProductChoice>(null);

  protected readonly warehouseId = toSignal(this.warehouse.valueChanges, { initialValue: '' });
  protected readonly locationId = toSignal(this.location.valueChanges, { initialValue: '' });
  private readonly children = toSignal(this.includeChildren.valueChanges, {
    initialValue: false,
  });

  protected readonly warehouses = rxResource({
    stream: () => this.catalog.warehouses().pipe(catchError(() => of([]))),
  });
  protected readonly locations = rxResource({
    params: () => this.warehouseId() || undefined,
    stream: ({ params }) =>
      this.warehousesApi.allLocations(params).pipe(map(internalLocationOptions)),
  });
  protected readonly chosenLocation = computed(() =>
    (this.locations.hasValue() ? this.locations.value() : []).find(
      (l) => l.id === this.locationId(),
    ),
  );

  /** What the system holds at the chosen location (every page of it). */
  protected readonly levels = rxResource({
    params: () => {
      const locationId = this.locationId();
      const warehouseId = this.warehouseId();
      return locationId && warehouseId
        ? { warehouseId, locationId, includeChildren: this.children() }
        : undefined;
    },
    stream: ({ params }) =>
      fetchAllPages((page, limit) => this.stock.levels({ ...params, page, limit })),
  });
  protected readonly levelsError = computed(() => {
    const error = this.levels.error();
    return error ? toApiError(error) : null;
  });

  readonly rows = signal<CountRow[]>([]);
  protected readonly busy = signal(false);
  protected readonly errors = signal<string[]>([]);
  readonly failing = signal<Map<string, string[]>>(new Map());
  protected readonly addMessage = signal<string | null>(null);
  readonly result = signal<{ operation: OperationDetail; differences: CountDifference[] } | null>(
    null,
  );
  /** The adjustment created by a validation that failed, so that a retry does not make another. */
  private draft: OperationDetail | null = null;

  constructor() {
    this.warehouse.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.location.setValue('');
    });
    this.location.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      this.result.set(null);
      this.errors.set([]);
      this.addMessage.set(null);
    });
    effect(() => {
      const hasWarehouse = !!this.warehouseId();
      untracked(() =>
        hasWarehouse
          ? this.location.enable({ emitEvent: false })
          : this.location.disable({ emitEvent: false }),
      );
    });
    // `?import=1`: other pages link straight to the file import.
    if (this.route.snapshot.queryParamMap.has('import') && this.canAdjust())
      queueMicrotask(() => this.openImport());
    // A new sheet for each location listed.
    effect(() => {
      const levels = this.levels.hasValue() ? this.levels.value() : [];
      untracked(() => {
        this.rows.set(entriesFromLevels(levels).map((entry) => this.row(entry, false)));
        this.failing.set(new Map());
        this.draft = null;
      });
    });
  }

  /** Opening stock or a whole count from a CSV file: drafts to review, one per warehouse. */
  openImport(): void {
    this.dialog.open<StockImportDialog, void, boolean>(StockImportDialog, {
      width: '760px',
      maxWidth: '95vw',
      autoFocus: 'first-tabbable',
    });
  }

  protected difference(row: CountRow): string {
    if (row.counted.invalid) return '';
    return expectedDifference({ ...row.entry, counted: row.counted.value });
  }

  /** Adds a product found at the location but not listed (system quantity 0). */
  addProduct(product: ProductRef | null = this.pickedProduct()): void {
    const location = this.chosenLocation();
    if (!product || !location) return;
    const key = countKey(product.id, location.id, null);
    const existing = this.rows().find((row) => row.key === key);
    if (existing) {
      this.addMessage.set(`${product.sku} — ${product.name} is already on the sheet.`);
    } else {
      const row = this.row(
        {
          product,
          location: { id: location.id, fullName: location.fullName },
          batch: null,
          systemQuantity: '0',
        },
        true,
      );
      this.rows.update((rows) => [...rows, row]);
      this.addMessage.set(`${product.sku} — ${product.name} added to the sheet.`);
    }
    this.newProduct.setValue(null);
  }

  protected removeRow(row: CountRow): void {
    this.rows.update((rows) => rows.filter((r) => r !== row));
  }

  /** Creates the adjustment with the counted lines and validates it, after a confirmation. */
  apply(): void {
    if (this.busy() || !this.canAdjust()) return;
    const rows = this.rows();
    for (const row of rows) row.counted.markAsTouched();
    if (rows.some((row) => row.counted.invalid)) {
      this.errors.set(['Some counted quantities are not valid: see the messages in red.']);
      return;
    }
    const { lines, rows: lineRows } = adjustmentLines(
      rows.map((row) => ({ ...row.entry, counted: row.counted.value })),
    );
    if (lines.length === 0) {
      this.errors.set(['Enter at least one counted quantity.']);
      return;
    }
    const location = this.chosenLocation();
    const body = {
      type: 'adjustment' as const,
      warehouseId: this.warehouseId(),
      notes: `Stock count of ${location?.fullName ?? 'a location'}`,
      lines,
    };
    const saveKey = newIdempotencyKey();
    const validateKey = newIdempotencyKey();
    confirmAction(this.dialog, {
      title: 'Apply this count?',
      message: `An inventory adjustment of ${lines.length} ${lines.length === 1 ? 'line' : 'lines'} will set the stock to the counted quantities. Rows left empty are not changed.`,
      confirmLabel: 'Create and validate',
    })
      .pipe(
        filter(Boolean),
        tap(() => {
          this.busy.set(true);
          this.errors.set([]);
          this.failing.set(new Map());
        }),
        switchMap(() => {
          const created$: Observable<OperationDetail> = this.draft
            ? this.operations.update(this.draft.id, body, saveKey)
            : this.operations.create(body, saveKey);
          return created$.pipe(
            tap((draft) => (this.draft = draft)),
            switchMap((draft) => this.operations.validate(draft.id, validateKey)),
          );
        }),
        finalize(() => this.busy.set(false)),
      )
      .subscribe({
        next: (done) => {
          const countedLocations = new Set(rows.map((row) => row.entry.location.id));
          this.result.set({
            operation: done,
            differences: differencesFromMoves(done.moves, countedLocations),
          });
          this.draft = null;
          this.levels.reload();
        },
        error: (error: unknown) => this.failed(toApiError(error), lineRows),
      });
  }

  private failed(error: ApiError, lineRows: number[]): void {
    const rows = this.rows();
    const byRow = new Map<string, string[]>();
    const other: string[] = [];
    for (const detail of error.details) {
      const row = detail.line !== undefined ? rows[lineRows[detail.line]] : undefined;
      if (row) byRow.set(row.key, [...(byRow.get(row.key) ?? []), detail.message]);
      else
        other.push(
          detail.line !== undefined ? `Line ${detail.line + 1}: ${detail.message}` : detail.message,
        );
    }
    this.failing.set(byRow);
    const draftNote = this.draft
      ? [`The adjustment ${this.draft.reference} was saved as a draft; applying again updates it.`]
      : [];
    this.errors.set([error.message, ...other, ...draftNote]);
  }

  private pickedProduct(): ProductRef | null {
    const value = this.newProduct.value;
    return value && typeof value === 'object' ? value : null;
  }

  private row(entry: Omit<CountEntry, 'counted'>, added: boolean): CountRow {
    return {
      key: countKey(entry.product.id, entry.location.id, entry.batch?.id ?? null),
      entry,
      counted: new FormControl('', {
        nonNullable: true,
        validators: quantityValidator(),
      }),
      added,
    };
  }
}
