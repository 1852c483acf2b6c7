import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { provideNativeDateAdapter } from '@angular/material/core';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatMenuModule } from '@angular/material/menu';
import { MatSelectModule } from '@angular/material/select';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  OPERATION_PERMISSION,
  OPERATION_STATUSES,
  OPERATION_TYPES,
  Operation,
  OperationStatus,
  OperationType,
} from '@stockmaster/contracts';
import { catchError, debounceTime, distinctUntilChanged, map, of, startWith } from 'rxjs';

import { Session } from '../../../core/session/session';
import {
  DataTable,
  DataTableCell,
  DataTableColumn,
  PageLoader,
  TableQuery,
} from '../../../shared/ui/data-table';
import { CatalogApi } from '../../../shared/api/catalog-api';
import { parseDay, toDay } from '../../../shared/util/date-range';
import { STATUS_LABELS, TYPE_ICONS, TYPE_LABELS } from '../../../shared/util/operation-labels';
import { OperationStatusChip } from '../operation-status';
import {
  ProductChoice,
  ProductPicker,
  productRef,
} from '../../../shared/ui/product-picker/product-picker';
import { OperationsApi } from '../../../shared/api/operations-api';
import {
  OperationFilters,
  operationApiQuery,
  operationListParams,
  readOperationListState,
} from './operation-query';

/** Every operation the user may see, filtered and paged on the server; filters live in the URL. */
@Component({
  selector: 'sm-operation-list',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatDatepickerModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatMenuModule,
    MatSelectModule,
    DataTable,
    DataTableCell,
    OperationStatusChip,
    ProductPicker,
  ],
  providers: [provideNativeDateAdapter()],
  templateUrl: './operation-list.html',
  styleUrl: './operation-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OperationList {
  private readonly api = inject(OperationsApi);
  private readonly catalog = inject(CatalogApi);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly session = inject(Session);

  private readonly start = readOperationListState(this.route.snapshot.queryParams);
  protected readonly initialQuery = this.start.table;

  /** The types the user may create (agents cannot adjust or scrap). */
  protected readonly creatableTypes = computed(() =>
    OPERATION_TYPES.filter((type) => this.session.can(OPERATION_PERMISSION[type])).map((value) => ({
      value,
      label: TYPE_LABELS[value],
      icon: TYPE_ICONS[value],
    })),
  );
  protected readonly types = OPERATION_TYPES.map((value) => ({ value, label: TYPE_LABELS[value] }));
  protected readonly statuses = OPERATION_STATUSES.map((value) => ({
    value,
    label: STATUS_LABELS[value],
  }));
  protected readonly typeLabels = TYPE_LABELS;
  protected readonly typeIcons = TYPE_ICONS;

  protected readonly search = new FormControl(this.start.filters.search ?? '', {
    nonNullable: true,
  });
  protected readonly type = new FormControl<OperationType | ''>(this.start.filters.type ?? '', {
    nonNullable: true,
  });
  protected readonly status = new FormControl<OperationStatus | ''>(
    this.start.filters.status ?? '',
    { nonNullable: true },
  );
  protected readonly warehouse = new FormControl(this.start.filters.warehouseId ?? '', {
    nonNullable: true,
  });
  protected readonly product = new FormControl<ProductChoice>(null);
  protected readonly range = new FormGroup({
    start: new FormControl<Date | null>(parseDay(this.start.filters.from)),
    end: new FormControl<Date | null>(parseDay(this.start.filters.to)),
  });

  private readonly searchText = toSignal(
    this.search.valueChanges.pipe(
      debounceTime(300),
      map((value) => value.trim()),
      distinctUntilChanged(),
    ),
    { initialValue: this.search.value.trim() },
  );
  private readonly typeValue = toSignal(this.type.valueChanges, { initialValue: this.type.value });
  private readonly statusValue = toSignal(this.status.valueChanges, {
    initialValue: this.status.value,
  });
  private readonly warehouseValue = toSignal(this.warehouse.valueChanges, {
    initialValue: this.warehouse.value,
  });
  private readonly productValue = toSignal(this.product.valueChanges, { initialValue: null });
  /** The picker was used: the URL's product no longer applies. */
  private readonly productPicked = toSignal(this.product.valueChanges.pipe(map(() => true)), {
    initialValue: false,
  });
  private readonly rangeValue = toSignal(
    this.range.valueChanges.pipe(startWith(this.range.value)),
    { requireSync: true },
  );

  protected readonly filters = computed<OperationFilters>(() => {
    const { start, end } = this.rangeValue();
    // While the end of a range is being picked, keep the previous end rather than load twice.
    const picking = !!start && !end && this.range.controls.end.pristine;
    return {
      type: this.typeValue() || undefined,
      status: this.statusValue() || undefined,
      warehouseId: this.warehouseValue() || undefined,
      productId: this.productId(),
      from: toDay(start) || undefined,
      to: picking ? undefined : toDay(end) || undefined,
      search: this.searchText() || undefined,
    };
  });

  /** The picked product, else the URL's until the picker is used; none while one is typed. */
  private productId(): string | undefined {
    const product = this.productValue();
    if (product && typeof product === 'object') return product.id;
    return this.productPicked() ? undefined : this.start.filters.productId;
  }

  constructor() {
    // The URL's product is shown in the picker (without counting as picked by hand).
    const id = this.start.filters.productId;
    if (id) {
      this.catalog
        .product(id)
        .pipe(
          catchError(() => of(null)),
          takeUntilDestroyed(),
        )
        .subscribe((product) => {
          if (product && !this.productPicked())
            this.product.setValue(productRef(product), { emitEvent: false });
        });
    }
  }

  protected readonly warehouses = rxResource({
    stream: () => this.catalog.warehouses().pipe(catchError(() => of([]))),
  });
  private readonly warehouseCodes = computed(() => {
    const codes = new Map<string, string>();
    for (const w of this.warehouses.hasValue() ? this.warehouses.value() : []) {
      codes.set(w.id, w.code);
    }
    return codes;
  });

  protected readonly columns: DataTableColumn<Operation>[] = [
    { key: 'reference', header: 'Reference', sortable: true },
    { key: 'type', header: 'Type' },
    { key: 'status', header: 'Status' },
    {
      key: 'warehouse',
      header: 'Warehouse',
      cell: (op) => this.warehouseCodes().get(op.warehouseId) ?? '',
    },
    { key: 'partner', header: 'Partner', cell: (op) => op.partner ?? '' },
    { key: 'scheduledAt', header: 'Scheduled', sortable: true },
    { key: 'doneAt', header: 'Done', sortable: true },
    { key: 'createdAt', header: 'Created', sortable: true },
    { key: 'lineCount', header: 'Lines', align: 'end' },
  ];
  protected readonly rowKey = (op: Operation) => op.id;
  protected readonly load: PageLoader<Operation, OperationFilters> = (query) =>
    this.api.list(operationApiQuery(query));

  /** Mirrors the table's query in the URL, without a history entry per keystroke. */
  protected syncUrl(query: TableQuery<OperationFilters>): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: operationListParams(query),
      replaceUrl: true,
    });
  }

  protected clearFilters(): void {
    this.search.setValue('');
    this.type.setValue('');
    this.status.setValue('');
    this.warehouse.setValue('');
    this.product.setValue(null);
    this.range.reset({ start: null, end: null });
  }
}
