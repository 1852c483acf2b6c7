import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { Router, RouterLink } from '@angular/router';
import { Permission, Warehouse, WarehouseErrorCode } from '@stockmaster/contracts';
import { debounceTime, distinctUntilChanged, filter, finalize, map, switchMap } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { Session } from '../../../core/session/session';
import { confirmAction } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import {
  DataTable,
  DataTableCell,
  DataTableColumn,
  PageLoader,
} from '../../../shared/ui/data-table';
import { WarehouseDialog, WarehouseDialogData } from '../warehouse-dialog/warehouse-dialog';
import { WarehouseListQuery, WarehousesApi } from '../../../shared/api/warehouses-api';

type WarehouseFilters = Pick<WarehouseListQuery, 'search'>;

@Component({
  selector: 'sm-warehouse-list',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatTooltipModule,
    DataTable,
    DataTableCell,
  ],
  templateUrl: './warehouse-list.html',
  styleUrl: './warehouse-list.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WarehouseList {
  private readonly api = inject(WarehousesApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly session = inject(Session);
  private readonly table = viewChild.required<DataTable<Warehouse, WarehouseFilters>>(DataTable);

  protected readonly canWrite = computed(() => this.session.can(Permission.WarehousesWrite));
  protected readonly search = new FormControl('', { nonNullable: true });
  private readonly searchText = toSignal(
    this.search.valueChanges.pipe(
      debounceTime(300),
      map((text) => text.trim()),
      distinctUntilChanged(),
    ),
    { initialValue: '' },
  );
  protected readonly filters = computed<WarehouseFilters>(() => ({
    search: this.searchText() || undefined,
  }));

  protected readonly columns: DataTableColumn<Warehouse>[] = [
    { key: 'code', header: 'Code' },
    { key: 'name', header: 'Name' },
    { key: 'address', header: 'Address', cell: (w) => w.address ?? '' },
    { key: 'history', header: 'Stock history' },
    { key: 'actions', header: 'Actions', align: 'end' },
  ];
  protected readonly rowKey = (warehouse: Warehouse) => warehouse.id;
  protected readonly load: PageLoader<Warehouse, WarehouseFilters> = (query) =>
    this.api.list(query);
  protected readonly busyRow = signal<string | null>(null);

  protected create(): void {
    this.open({}).subscribe((warehouse) => {
      this.snackBar.open(
        `${warehouse.code} has been created with its location ${warehouse.code}/Stock.`,
        undefined,
        {
          duration: 5000,
        },
      );
      void this.router.navigate(['/warehouses', warehouse.id]);
    });
  }

  protected edit(warehouse: Warehouse): void {
    this.open({ warehouse }).subscribe((saved) => {
      this.snackBar.open(`${saved.code} has been saved.`, undefined, { duration: 5000 });
      this.table().reload();
    });
  }

  protected remove(warehouse: Warehouse): void {
    confirmAction(this.dialog, {
      title: `Delete ${warehouse.code}?`,
      message: `${warehouse.code} — ${warehouse.name} and all its locations will be deleted.`,
      confirmLabel: 'Delete',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.busyRow.set(warehouse.id);
          return this.api.delete(warehouse.id);
        }),
        finalize(() => this.busyRow.set(null)),
      )
      .subscribe({
        next: () => {
          this.snackBar.open(`${warehouse.code} has been deleted.`, undefined, { duration: 5000 });
          this.table().reload();
        },
        error: (error: unknown) => {
          const apiError = toApiError(error);
          const message =
            apiError.code === WarehouseErrorCode.HasStockHistory
              ? `Stock has moved through ${warehouse.code}, so it cannot be deleted: its history must stay.`
              : apiError.message;
          this.snackBar.open(message, 'Dismiss', { duration: 8000 });
        },
      });
  }

  private open(data: WarehouseDialogData) {
    return this.dialog
      .open<WarehouseDialog, WarehouseDialogData, Warehouse>(WarehouseDialog, {
        data,
        width: '480px',
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .pipe(filter((warehouse): warehouse is Warehouse => warehouse !== undefined));
  }
}
