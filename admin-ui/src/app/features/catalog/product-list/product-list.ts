import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import {
  CatalogErrorCode,
  Permission,
  Product,
  ProductListItem,
  TRACKING,
  Tracking,
} from '@stockmaster/contracts';
import {
  catchError,
  debounceTime,
  distinctUntilChanged,
  filter,
  finalize,
  map,
  of,
  switchMap,
} from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { Session } from '../../../core/session/session';
import { confirmAction } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import {
  DataTable,
  DataTableCell,
  DataTableColumn,
  PageLoader,
  TableQuery,
} from '../../../shared/ui/data-table';
import { saveFile } from '../../../shared/ui/download/save-file';
import { QuantityPipe } from '../../../shared/ui/quantity/quantity.pipe';
import { CatalogApi, ProductFilters } from '../../../shared/api/catalog-api';
import { TRACKING_LABELS, categoryChoices } from '../catalog-labels';
import { ProductImportDialog } from '../product-import/product-import-dialog';
import {
  ActiveFilter,
  productFilters,
  productListParams,
  readProductListState,
} from './product-query';

@Component({
  selector: 'sm-product-list',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatProgressSpinnerModule,
    MatSelectModule,
    MatTooltipModule,
    DataTable,
    DataTableCell,
    QuantityPipe,
  ],
  templateUrl: './product-list.html',
  styleUrl: './product-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProductList {
  private readonly api = inject(CatalogApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly session = inject(Session);
  private readonly table =
    viewChild.required<DataTable<ProductListItem, ProductFilters>>(DataTable);

  /** Where the list starts: the URL, so that a reload or a shared link shows the same list. */
  private readonly start = readProductListState(this.route.snapshot.queryParams);
  protected readonly initialQuery = this.start.table;

  protected readonly canWrite = computed(() => this.session.can(Permission.CatalogWrite));
  protected readonly trackingOptions = TRACKING.map((value) => ({
    value,
    label: TRACKING_LABELS[value],
  }));
  protected readonly trackingLabels = TRACKING_LABELS;

  protected readonly search = new FormControl(this.start.search, { nonNullable: true });
  protected readonly category = new FormControl(this.start.categoryId, { nonNullable: true });
  protected readonly tracking = new FormControl<Tracking | ''>(this.start.tracking, {
    nonNullable: true,
  });
  protected readonly active = new FormControl<ActiveFilter>(this.start.active, {
    nonNullable: true,
  });

  private readonly searchText = toSignal(
    this.search.valueChanges.pipe(
      debounceTime(300),
      map((text) => text.trim()),
      distinctUntilChanged(),
    ),
    { initialValue: this.start.search.trim() },
  );
  private readonly categoryValue = toSignal(this.category.valueChanges, {
    initialValue: this.start.categoryId,
  });
  private readonly trackingValue = toSignal(this.tracking.valueChanges, {
    initialValue: this.start.tracking,
  });
  private readonly activeValue = toSignal(this.active.valueChanges, {
    initialValue: this.start.active,
  });

  protected readonly filters = computed<ProductFilters>(() =>
    productFilters(
      this.searchText(),
      this.categoryValue(),
      this.trackingValue(),
      this.activeValue(),
    ),
  );

  /** Categories for the filter; the list still works without them. */
  protected readonly categories = rxResource({
    stream: () =>
      this.api.categoryTree().pipe(
        map(categoryChoices),
        catchError(() => of([])),
      ),
  });

  protected readonly columns: DataTableColumn<ProductListItem>[] = [
    { key: 'sku', header: 'SKU', sortable: true },
    { key: 'name', header: 'Name', sortable: true },
    { key: 'onHand', header: 'On hand', align: 'end' },
    { key: 'category', header: 'Category', cell: (p) => p.categoryPath ?? '—' },
    { key: 'unit', header: 'Unit' },
    { key: 'tracking', header: 'Tracking' },
    { key: 'active', header: 'Status' },
    { key: 'updatedAt', header: 'Updated', sortable: true },
    { key: 'actions', header: 'Actions', align: 'end' },
  ];
  protected readonly rowKey = (product: Product) => product.id;
  protected readonly load: PageLoader<ProductListItem, ProductFilters> = (query) =>
    this.api.products(query);

  protected readonly exporting = signal(false);
  protected readonly busyRow = signal<string | null>(null);

  /** Mirrors the table's query in the URL, without adding a history entry per keystroke. */
  protected syncUrl(query: TableQuery<ProductFilters>): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: productListParams(query),
      replaceUrl: true,
    });
  }

  protected clearFilters(): void {
    this.search.setValue('');
    this.category.setValue('');
    this.tracking.setValue('');
    this.active.setValue('true');
  }

  protected openImport(): void {
    this.dialog
      .open<ProductImportDialog, void, boolean>(ProductImportDialog, {
        width: '760px',
        maxWidth: '95vw',
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .pipe(filter((imported) => imported === true))
      .subscribe(() => this.table().reload());
  }

  protected exportCsv(): void {
    if (this.exporting()) return;
    this.exporting.set(true);
    this.api
      .exportProducts(this.filters())
      .pipe(finalize(() => this.exporting.set(false)))
      .subscribe({
        next: ({ blob, fileName }) => saveFile(blob, fileName),
        error: (error: unknown) => this.failed(error),
      });
  }

  protected archive(product: Product): void {
    confirmAction(this.dialog, {
      title: `Archive ${product.name}?`,
      message: `${product.sku} — ${product.name} will be hidden from new operations and from the active product list. You can restore it later from its page.`,
      confirmLabel: 'Archive',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.busyRow.set(product.id);
          return this.api.archiveProduct(product.id);
        }),
        finalize(() => this.busyRow.set(null)),
      )
      .subscribe({
        next: () => {
          this.snackBar.open(`${product.name} has been archived.`, undefined, { duration: 5000 });
          this.table().reload();
        },
        error: (error: unknown) => this.failed(error),
      });
  }

  private failed(error: unknown): void {
    const apiError = toApiError(error);
    const message =
      apiError.code === CatalogErrorCode.ProductHasStock
        ? 'This product still has stock. Move or scrap its stock before archiving it.'
        : apiError.message;
    this.snackBar.open(message, 'Dismiss', { duration: 8000 });
  }
}
