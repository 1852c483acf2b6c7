import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatChipsModule } from '@angular/material/chips';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Batch, FRESHNESS_STATUSES } from '@stockmaster/contracts';
import { catchError, debounceTime, distinctUntilChanged, map, of, startWith } from 'rxjs';

import {
  DataTable,
  DataTableCell,
  DataTableColumn,
  PageLoader,
  TableQuery,
} from '../../../shared/ui/data-table';
import { FRESHNESS_LABELS, FreshnessChip } from '../../../shared/ui/freshness';
import { BatchStatusChip } from '../../../shared/ui/freshness';
import { QuantityPipe } from '../../../shared/ui/quantity/quantity.pipe';
import { CatalogApi } from '../../../shared/api/catalog-api';
import {
  ProductChoice,
  ProductPicker,
  productRef,
} from '../../../shared/ui/product-picker/product-picker';
import { BatchesApi } from '../../../shared/api/batches-api';
import {
  BatchFilters,
  STOCK_ALERT_LABELS,
  batchFilters,
  batchListParams,
  readBatchListState,
} from '../batch-query';

/** `/batches`: every batch with its freshness, earliest expiry first; pick some to print labels. */
@Component({
  selector: 'sm-batch-list',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatCheckboxModule,
    MatChipsModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    DataTable,
    DataTableCell,
    FreshnessChip,
    BatchStatusChip,
    ProductPicker,
    QuantityPipe,
  ],
  templateUrl: './batch-list.html',
  styleUrl: './batch-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BatchList {
  private readonly api = inject(BatchesApi);
  private readonly catalog = inject(CatalogApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  /** Where the list starts: the URL, so that a reload or a shared link shows the same list. */
  private readonly start = readBatchListState(this.route.snapshot.queryParams);
  /** Earliest expiry first unless the URL says otherwise (the API's default order too). */
  protected readonly initialQuery = {
    ...this.start.table,
    sort: this.start.table.sort ?? 'expiresAt',
  };

  protected readonly statusOptions = FRESHNESS_STATUSES.map((value) => ({
    value,
    label: FRESHNESS_LABELS[value],
  }));

  readonly status = new FormControl(this.start.filters.status, { nonNullable: true });
  readonly within = new FormControl(this.start.filters.expiringWithinDays, { nonNullable: true });
  readonly warehouse = new FormControl(this.start.filters.warehouseId, { nonNullable: true });
  readonly search = new FormControl(this.start.filters.search, { nonNullable: true });
  readonly product = new FormControl<ProductChoice>(null);

  private readonly statusValue = toSignal(this.status.valueChanges, {
    initialValue: this.status.value,
  });
  private readonly withinValue = toSignal(
    this.within.valueChanges.pipe(debounceTime(300), distinctUntilChanged()),
    { initialValue: this.within.value },
  );
  private readonly warehouseValue = toSignal(this.warehouse.valueChanges, {
    initialValue: this.warehouse.value,
  });
  private readonly searchValue = toSignal(
    this.search.valueChanges.pipe(
      debounceTime(300),
      map((value) => value.trim()),
      distinctUntilChanged(),
    ),
    { initialValue: this.search.value.trim() },
  );
  /** A dashboard card's filter (expired or expiring stock on hand), shown as a removable chip. */
  protected readonly alert = signal(this.start.filters.alert);
  protected readonly alertLabels = STOCK_ALERT_LABELS;
  /** The product picked in the picker; typing again (text) clears the filter. */
  private readonly productId = signal(this.start.filters.productId);

  readonly filters = computed<BatchFilters>(() =>
    batchFilters({
      status: this.statusValue(),
      expiringWithinDays: this.withinValue(),
      warehouseId: this.warehouseValue(),
      search: this.searchValue(),
      productId: this.productId(),
      alert: this.alert(),
    }),
  );

  protected readonly warehouses = rxResource({
    stream: () => this.catalog.warehouses().pipe(catchError(() => of([]))),
  });

  protected readonly columns: DataTableColumn<Batch>[] = [
    { key: 'select', header: 'Label' },
    { key: 'code', header: 'Batch', sortable: true },
    { key: 'product', header: 'Product' },
    { key: 'freshness', header: 'Freshness' },
    { key: 'expiresAt', header: 'Expires', sortable: true },
    { key: 'receivedAt', header: 'Received', sortable: true },
    { key: 'onHand', header: 'On hand', align: 'end' },
  ];
  protected readonly rowKey = (batch: Batch) => batch.id;
  protected readonly load: PageLoader<Batch, BatchFilters> = (query) => this.api.list(query);

  /** Batches picked for the label sheet, kept across pages and filters. */
  protected readonly selected = signal<ReadonlyMap<string, Batch>>(new Map());
  protected readonly selectedCount = computed(() => this.selected().size);

  constructor() {
    this.product.valueChanges
      .pipe(
        startWith(this.product.value),
        map((value) => (value && typeof value === 'object' ? value.id : '')),
        takeUntilDestroyed(),
      )
      .subscribe((id) => {
        // Restoring from the URL: keep the id until the product's name has come back.
        if (id || this.product.value !== null) this.productId.set(id);
      });
    const fromUrl = this.start.filters.productId;
    if (fromUrl) {
      this.catalog
        .product(fromUrl)
        .pipe(
          catchError(() => of(null)),
          takeUntilDestroyed(),
        )
        .subscribe((product) => {
          if (product) this.product.setValue(productRef(product));
          else this.productId.set('');
        });
    }
  }

  protected isSelected(batch: Batch): boolean {
    return this.selected().has(batch.id);
  }

  protected toggle(batch: Batch, checked: boolean): void {
    this.selected.update((current) => {
      const next = new Map(current);
      if (checked) next.set(batch.id, batch);
      else next.delete(batch.id);
      return next;
    });
  }

  protected clearSelection(): void {
    this.selected.set(new Map());
  }

  protected printLabels(): void {
    const ids = [...this.selected().keys()];
    if (ids.length === 0) return;
    void this.router.navigate(['/batches/labels'], { queryParams: { ids: ids.join(',') } });
  }

  protected clearFilters(): void {
    this.status.setValue('');
    this.within.setValue('');
    this.warehouse.setValue('');
    this.search.setValue('');
    this.product.setValue(null);
    this.productId.set('');
    this.alert.set('');
  }

  protected clearAlert(): void {
    this.alert.set('');
  }

  /** Mirrors the table's query in the URL, without adding a history entry per keystroke. */
  protected syncUrl(query: TableQuery<BatchFilters>): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: batchListParams(query),
      replaceUrl: true,
    });
  }
}
