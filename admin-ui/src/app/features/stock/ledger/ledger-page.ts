import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { rxResource, takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { StockMove } from '@stockmaster/contracts';
import { Subject, catchError, finalize, map, merge, of, startWith, switchMap, tap } from 'rxjs';

import { ApiError, toApiError } from '../../../core/http/api-error';
import { saveFile } from '../../../shared/ui/download/save-file';
import { CatalogApi } from '../../../shared/api/catalog-api';
import { dayEnd, dayStart, toDay } from '../../../shared/util/date-range';
import {
  ProductChoice,
  ProductPicker,
  productRef,
} from '../../../shared/ui/product-picker/product-picker';
import { WarehousesApi } from '../../../shared/api/warehouses-api';
import { LedgerFilters, StockApi } from '../stock-api';
import { MoveColumn, MovesTable } from '../../../shared/ui/moves-table/moves-table';

/** Moves per request; the ledger pages by cursor, newest first. */
export const LEDGER_PAGE_SIZE = 50;

type LedgerResult =
  | { rows: StockMove[]; nextCursor: string | null; append: boolean }
  | { error: ApiError; append: boolean };

/** The ledger: every stock move, newest first, filtered, paged by cursor, exportable as CSV. */
@Component({
  selector: 'sm-ledger-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatProgressBarModule,
    MatProgressSpinnerModule,
    MatSelectModule,
    MovesTable,
    ProductPicker,
  ],
  providers: [provideNativeDateAdapter()],
  templateUrl: './ledger-page.html',
  styleUrl: './ledger-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LedgerPage {
  private readonly stock = inject(StockApi);
  private readonly catalog = inject(CatalogApi);
  private readonly warehousesApi = inject(WarehousesApi);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);

  /** `?operationId=`: the moves of one operation (from its page). */
  readonly operationId = input<string>();
  /** `?productId=`: the moves of one product (from its page), until another one is picked. */
  readonly productId = input<string>();

  protected readonly product = new FormControl<ProductChoice>(null);
  protected readonly warehouse = new FormControl('', { nonNullable: true });
  protected readonly location = new FormControl('', { nonNullable: true });
  protected readonly range = new FormGroup({
    start: new FormControl<Date | null>(null),
    end: new FormControl<Date | null>(null),
  });

  private readonly productValue = toSignal(this.product.valueChanges, { initialValue: null });
  /** The picker was used: the URL's product no longer applies. */
  private readonly productPicked = toSignal(this.product.valueChanges.pipe(map(() => true)), {
    initialValue: false,
  });
  protected readonly warehouseId = toSignal(this.warehouse.valueChanges, { initialValue: '' });
  private readonly locationId = toSignal(this.location.valueChanges, { initialValue: '' });
  private readonly rangeValue = toSignal(
    this.range.valueChanges.pipe(startWith(this.range.value)),
    { requireSync: true },
  );

  readonly filters = computed<LedgerFilters>(
    () => {
      const product = this.productValue();
      const { start, end } = this.rangeValue();
      const picking = !!start && !end && this.range.controls.end.pristine;
      return {
        productId:
          product && typeof product === 'object'
            ? product.id
            : !this.productPicked()
              ? this.productId() || undefined
              : undefined,
        warehouseId: this.warehouseId() || undefined,
        locationId: this.locationId() || undefined,
        operationId: this.operationId() || undefined,
        from: dayStart(toDay(start)),
        to: picking ? undefined : dayEnd(toDay(end)),
      };
    },
    { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );

  protected readonly warehouses = rxResource({
    stream: () => this.catalog.warehouses().pipe(catchError(() => of([]))),
  });
  protected readonly locations = rxResource({
    params: () => this.warehouseId() || undefined,
    stream: ({ params }) =>
      this.warehousesApi.allLocations(params).pipe(
        map((list) =>
          list
            .filter((l) => l.type === 'internal')
            .sort((a, b) => a.fullName.localeCompare(b.fullName, undefined, { numeric: true })),
        ),
        catchError(() => of([])),
      ),
  });

  readonly rows = signal<StockMove[]>([]);
  readonly nextCursor = signal<string | null>(null);
  readonly loading = signal(true);
  readonly error = signal<ApiError | null>(null);
  protected readonly exporting = signal(false);
  protected readonly empty = computed(
    () => !this.loading() && !this.error() && this.rows().length === 0,
  );

  protected readonly columns: MoveColumn[] = [
    'doneAt',
    'reference',
    'product',
    'batch',
    'from',
    'to',
    'quantity',
  ];

  private readonly more$ = new Subject<void>();
  private readonly retry$ = new Subject<void>();

  constructor() {
    // The URL's product is shown in the picker (without counting as picked by hand).
    effect(() => {
      const id = this.productId();
      if (!id) return;
      untracked(() =>
        this.catalog
          .product(id)
          .pipe(catchError(() => of(null)))
          .subscribe((product) => {
            if (product && !this.productPicked())
              this.product.setValue(productRef(product), { emitEvent: false });
          }),
      );
    });
    this.warehouse.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.location.setValue(''));
    effect(() => {
      const hasWarehouse = !!this.warehouseId();
      untracked(() =>
        hasWarehouse
          ? this.location.enable({ emitEvent: false })
          : this.location.disable({ emitEvent: false }),
      );
    });

    // New filters start over from the newest move; "Load more" follows the last cursor.
    const first$ = merge(toObservable(this.filters), this.retry$.pipe(map(() => this.filters())));
    merge(
      first$.pipe(map(() => ({ cursor: undefined as string | undefined }))),
      this.more$.pipe(map(() => ({ cursor: this.nextCursor() ?? undefined }))),
    )
      .pipe(
        tap(() => {
          this.loading.set(true);
          this.error.set(null);
        }),
        switchMap(({ cursor }) =>
          this.stock.moves({ ...this.filters(), limit: LEDGER_PAGE_SIZE, cursor }).pipe(
            map((page): LedgerResult => ({
              rows: page.data,
              nextCursor: page.meta.nextCursor,
              append: cursor !== undefined,
            })),
            catchError((error: unknown) =>
              of<LedgerResult>({ error: toApiError(error), append: cursor !== undefined }),
            ),
          ),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((result) => {
        this.loading.set(false);
        if ('error' in result) {
          this.error.set(result.error);
          if (!result.append) this.rows.set([]);
          return;
        }
        this.rows.update((rows) => (result.append ? [...rows, ...result.rows] : result.rows));
        this.nextCursor.set(result.nextCursor);
      });
  }

  loadMore(): void {
    if (this.loading() || !this.nextCursor()) return;
    this.more$.next();
  }

  protected retry(): void {
    if (this.rows().length > 0 && this.nextCursor()) this.more$.next();
    else this.retry$.next();
  }

  protected clearFilters(): void {
    this.product.setValue(null);
    this.warehouse.setValue('');
    this.range.reset({ start: null, end: null });
    if (this.operationId() || this.productId()) {
      void this.router.navigate([], {
        queryParams: { operationId: null, productId: null },
        queryParamsHandling: 'merge',
      });
    }
  }

  protected exportCsv(): void {
    if (this.exporting()) return;
    this.exporting.set(true);
    this.stock
      .exportMoves(this.filters())
      .pipe(finalize(() => this.exporting.set(false)))
      .subscribe({
        next: ({ blob, fileName }) => saveFile(blob, fileName),
        error: (error: unknown) =>
          this.snackBar.open(toApiError(error).message, 'Dismiss', { duration: 8000 }),
      });
  }
}
