import { BreakpointObserver, Breakpoints } from '@angular/cdk/layout';
import { DatePipe } from '@angular/common';
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
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTabsModule } from '@angular/material/tabs';
import { ActivatedRoute, Router } from '@angular/router';
import { StockLevel, StockSummaryRow } from '@stockmaster/contracts';
import { catchError, debounceTime, distinctUntilChanged, map, of } from 'rxjs';

import {
  DataTable,
  DataTableCell,
  DataTableColumn,
  PageLoader,
} from '../../../shared/ui/data-table';
import { BatchFreshness } from '../../../shared/ui/freshness';
import { QuantityPipe } from '../../../shared/ui/quantity/quantity.pipe';
import { CatalogApi } from '../../../shared/api/catalog-api';
import { dayEnd, parseDay, toDay } from '../../../shared/util/date-range';
import { displayQuantity } from '../../../shared/ui/quantity/quantity';
import { internalLocationOptions } from '../../../shared/util/location-tree';
import { WarehousesApi } from '../../../shared/api/warehouses-api';
import { StockApi } from '../stock-api';

export interface LevelFilters {
  warehouseId?: string;
  locationId?: string;
  includeChildren?: boolean;
  search?: string;
  /** A local day: levels as they were at its end. */
  asOf?: string;
}

export interface SummaryFilters {
  warehouseId?: string;
  search?: string;
  belowMinimum?: boolean;
}

const LEVEL_COLUMNS: DataTableColumn<StockLevel>[] = [
  { key: 'product', header: 'Product' },
  { key: 'location', header: 'Location', cell: (l) => l.location.fullName },
  { key: 'batch', header: 'Batch' },
  { key: 'freshness', header: 'Freshness' },
  { key: 'quantity', header: 'Quantity', align: 'end' },
];
const LEVEL_PHONE_COLUMNS: DataTableColumn<StockLevel>[] = [
  { key: 'product', header: 'Product' },
  { key: 'quantity', header: 'Quantity', align: 'end' },
];
const SUMMARY_COLUMNS: DataTableColumn<StockSummaryRow>[] = [
  { key: 'product', header: 'Product' },
  { key: 'warehouse', header: 'Warehouse' },
  { key: 'onHand', header: 'On hand', align: 'end' },
  // What may be delivered, and what may not (expired, or in a quarantined or recalled batch).
  { key: 'available', header: 'Available', align: 'end' },
  { key: 'expired', header: 'Expired', align: 'end' },
  { key: 'blocked', header: 'Blocked', align: 'end' },
  {
    key: 'minQuantity',
    header: 'Min',
    align: 'end',
    cell: (r) => (r.minQuantity === null ? '—' : displayQuantity(r.minQuantity)),
  },
  {
    key: 'maxQuantity',
    header: 'Max',
    align: 'end',
    cell: (r) => (r.maxQuantity === null ? '—' : displayQuantity(r.maxQuantity)),
  },
  { key: 'status', header: 'Status' },
];
const SUMMARY_PHONE_COLUMNS: DataTableColumn<StockSummaryRow>[] = [
  { key: 'product', header: 'Product' },
  { key: 'figures', header: 'Stock', align: 'end' },
  { key: 'status', header: 'Status' },
];

/**
 * What stock there is, where: per location and batch, per product and warehouse against that
 * warehouse's minimum, or in the past.
 */
@Component({
  selector: 'sm-stock-levels-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    MatTabsModule,
    DataTable,
    DataTableCell,
    BatchFreshness,
    QuantityPipe,
  ],
  providers: [provideNativeDateAdapter()],
  templateUrl: './stock-levels-page.html',
  styleUrl: './stock-levels-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StockLevelsPage {
  private readonly stock = inject(StockApi);
  private readonly catalog = inject(CatalogApi);
  private readonly warehousesApi = inject(WarehousesApi);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);

  /**
   * Where the page starts: the URL, so that the dashboard's "below minimum" card opens the
   * reorder summary already filtered (`?view=summary&belowMinimum=true`), and a reload or a
   * shared link keeps it — a past day's stock too (`?asOf=2026-03-14`).
   */
  private readonly params = this.route.snapshot.queryParams;
  /** 0: by location, 1: the reorder summary. */
  protected readonly tab = signal(this.params['view'] === 'summary' ? 1 : 0);

  protected readonly warehouse = new FormControl<string>(this.params['warehouseId'] ?? '', {
    nonNullable: true,
  });
  protected readonly location = new FormControl('', { nonNullable: true });
  protected readonly includeChildren = new FormControl(true, { nonNullable: true });
  protected readonly search = new FormControl<string>(this.params['search'] ?? '', {
    nonNullable: true,
  });
  protected readonly asOf = new FormControl<Date | null>(parseDay(this.params['asOf']));
  protected readonly lowOnly = new FormControl(this.params['belowMinimum'] === 'true', {
    nonNullable: true,
  });
  protected readonly today = new Date();

  protected readonly warehouseId = toSignal(this.warehouse.valueChanges, {
    initialValue: this.warehouse.value,
  });
  private readonly locationId = toSignal(this.location.valueChanges, { initialValue: '' });
  private readonly children = toSignal(this.includeChildren.valueChanges, {
    initialValue: true,
  });
  private readonly searchText = toSignal(
    this.search.valueChanges.pipe(
      debounceTime(300),
      map((value) => value.trim()),
      distinctUntilChanged(),
    ),
    { initialValue: this.search.value.trim() },
  );
  protected readonly asOfValue = toSignal(this.asOf.valueChanges, {
    initialValue: this.asOf.value,
  });
  private readonly lowOnlyValue = toSignal(this.lowOnly.valueChanges, {
    initialValue: this.lowOnly.value,
  });
  protected readonly asOfDay = computed(() => toDay(this.asOfValue()));

  protected readonly warehouses = rxResource({
    stream: () => this.catalog.warehouses().pipe(catchError(() => of([]))),
  });
  /** The chosen warehouse's locations in tree order, indented by depth. */
  protected readonly locations = rxResource({
    params: () => this.warehouseId() || undefined,
    stream: ({ params }) =>
      this.warehousesApi.allLocations(params).pipe(
        map(internalLocationOptions),
        catchError(() => of([])),
      ),
  });

  constructor() {
    this.warehouse.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.location.setValue(''));
    // Past levels are replayed per warehouse only: the finer filters do not apply to them.
    effect(() => {
      const pickLocation = !!this.warehouseId() && !this.asOfDay();
      const current = !this.asOfDay();
      untracked(() => {
        if (pickLocation) this.location.enable({ emitEvent: false });
        else this.location.disable({ emitEvent: false });
        if (current) this.includeChildren.enable({ emitEvent: false });
        else this.includeChildren.disable({ emitEvent: false });
      });
    });
    // The shared filters, the tab, "below minimum" and the as-of day live in the URL, without a
    // history entry per keystroke.
    effect(() => {
      const summary = this.tab() === 1;
      const queryParams = {
        view: summary ? 'summary' : null,
        warehouseId: this.warehouseId() || null,
        search: this.searchText() || null,
        belowMinimum: summary && this.lowOnlyValue() ? 'true' : null,
        asOf: this.asOfDay() || null,
      };
      untracked(() => {
        void this.router.navigate([], {
          relativeTo: this.route,
          queryParams,
          queryParamsHandling: 'merge',
          replaceUrl: true,
        });
      });
    });
  }

  protected readonly levelFilters = computed<LevelFilters>(() => {
    const asOf = this.asOfDay();
    const locationId = this.locationId();
    return {
      warehouseId: this.warehouseId() || undefined,
      locationId: !asOf && locationId ? locationId : undefined,
      includeChildren: !asOf && locationId ? this.children() : undefined,
      search: !asOf ? this.searchText() || undefined : undefined,
      asOf: asOf || undefined,
    };
  });
  protected readonly summaryFilters = computed<SummaryFilters>(() => ({
    warehouseId: this.warehouseId() || undefined,
    search: this.searchText() || undefined,
    belowMinimum: this.lowOnlyValue() || undefined,
  }));

  protected readonly phone = toSignal(
    inject(BreakpointObserver)
      .observe(Breakpoints.XSmall)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  /**
   * One row per product and warehouse: a reorder rule is judged against its own warehouse. On a
   * phone the figures stack in one cell, so that none (the blocked ones least of all) is
   * scrolled out of sight.
   */
  /** On a phone the location, the batch and its chips go under the product, beside its quantity. */
  protected readonly levelColumns = computed<DataTableColumn<StockLevel>[]>(() =>
    this.phone() ? LEVEL_PHONE_COLUMNS : LEVEL_COLUMNS,
  );
  protected readonly summaryColumns = computed<DataTableColumn<StockSummaryRow>[]>(() =>
    this.phone() ? SUMMARY_PHONE_COLUMNS : SUMMARY_COLUMNS,
  );
  protected readonly displayQuantity = displayQuantity;
  protected readonly isZero = (quantity: string) => Number(quantity) === 0;
  protected readonly levelKey = (l: StockLevel) =>
    `${l.product.id}/${l.location.id}/${l.batch?.id ?? ''}`;
  protected readonly summaryKey = (r: StockSummaryRow) => `${r.product.id}/${r.warehouse.id}`;

  protected readonly loadLevels: PageLoader<StockLevel, LevelFilters> = ({ asOf, ...query }) =>
    asOf
      ? this.stock.asOf({
          date: dayEnd(asOf)!,
          warehouseId: query.warehouseId,
          page: query.page,
          limit: query.limit,
        })
      : this.stock.levels(query);
  protected readonly loadSummary: PageLoader<StockSummaryRow, SummaryFilters> = (query) =>
    this.stock.summary(query);

  protected clearAsOf(): void {
    this.asOf.setValue(null);
  }
}
