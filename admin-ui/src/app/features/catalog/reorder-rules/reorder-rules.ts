import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { displayAmount, Permission, Product, ReorderRule } from '@stockmaster/contracts';
import { filter, finalize, map, switchMap } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { Session } from '../../../core/session/session';
import { confirmAction } from '../../../shared/ui/confirm-dialog/confirm-dialog';
import {
  DataTable,
  DataTableCell,
  DataTableColumn,
  PageLoader,
} from '../../../shared/ui/data-table';
import { fetchAllPages } from '../../../shared/ui/paging/all-pages';
import { CatalogApi } from '../../../shared/api/catalog-api';
import { ReorderRuleDialog, ReorderRuleDialogData } from './reorder-rule-dialog';

interface RuleFilters {
  productId: string;
}

/** A product's reorder rules, one per warehouse: list, add, edit, delete. */
@Component({
  selector: 'sm-reorder-rules',
  imports: [MatButtonModule, MatIconModule, MatTooltipModule, DataTable, DataTableCell],
  templateUrl: './reorder-rules.html',
  styles: `
    .heading {
      display: flex;
      align-items: center;
      justify-content: space-between;
      flex-wrap: wrap;
      gap: 12px;
      margin-bottom: 12px;
    }
    h2 {
      margin: 0;
      font: var(--mat-sys-title-large);
    }
    .hint {
      margin: 0 0 12px;
      color: var(--mat-sys-on-surface-variant);
    }
    .actions {
      display: inline-flex;
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReorderRules {
  private readonly api = inject(CatalogApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly session = inject(Session);
  private readonly table = viewChild.required<DataTable<ReorderRule, RuleFilters>>(DataTable);

  readonly product = input.required<Product>();

  protected readonly canWrite = computed(() => this.session.can(Permission.CatalogWrite));
  protected readonly filters = computed<RuleFilters>(() => ({ productId: this.product().id }));
  protected readonly warehouses = rxResource({ stream: () => this.api.warehouses() });
  private readonly warehouseById = computed(
    () =>
      new Map((this.warehouses.hasValue() ? this.warehouses.value() : []).map((w) => [w.id, w])),
  );
  protected readonly busyRow = signal<string | null>(null);

  protected readonly columns: DataTableColumn<ReorderRule>[] = [
    { key: 'warehouse', header: 'Warehouse', cell: (rule) => this.warehouseName(rule.warehouseId) },
    {
      key: 'minQuantity',
      header: 'Minimum',
      align: 'end',
      cell: (r) => this.quantity(r.minQuantity),
    },
    {
      key: 'maxQuantity',
      header: 'Maximum',
      align: 'end',
      cell: (r) => this.quantity(r.maxQuantity),
    },
    { key: 'actions', header: 'Actions', align: 'end' },
  ];
  protected readonly rowKey = (rule: ReorderRule) => rule.id;
  protected readonly load: PageLoader<ReorderRule, RuleFilters> = (query) =>
    this.api.reorderRules(query);

  protected warehouseName(warehouseId: string): string {
    const warehouse = this.warehouseById().get(warehouseId);
    return warehouse ? `${warehouse.code} — ${warehouse.name}` : 'Unknown warehouse';
  }

  private quantity(value: string): string {
    return displayAmount(value, this.product().unit);
  }

  protected add(): void {
    const productId = this.product().id;
    // A rule per warehouse: offer the warehouses that have one as taken.
    fetchAllPages((page, limit) => this.api.reorderRules({ productId, page, limit }))
      .pipe(
        map((rules) => rules.map((rule) => rule.warehouseId)),
        switchMap((takenWarehouseIds) => this.open({ takenWarehouseIds })),
      )
      .subscribe({
        next: () => this.done('The reorder rule has been added.'),
        error: (error: unknown) => this.failed(error),
      });
  }

  protected edit(rule: ReorderRule): void {
    this.open({ rule }).subscribe(() => this.done('The reorder rule has been saved.'));
  }

  protected remove(rule: ReorderRule): void {
    const where = this.warehouseName(rule.warehouseId);
    confirmAction(this.dialog, {
      title: 'Delete this reorder rule?',
      message: `${this.product().name} will no longer be suggested for reordering in ${where}.`,
      confirmLabel: 'Delete',
      destructive: true,
    })
      .pipe(
        filter(Boolean),
        switchMap(() => {
          this.busyRow.set(rule.id);
          return this.api.deleteReorderRule(rule.id);
        }),
        finalize(() => this.busyRow.set(null)),
      )
      .subscribe({
        next: () => this.done('The reorder rule has been deleted.'),
        error: (error: unknown) => this.failed(error),
      });
  }

  private open(extra: Partial<ReorderRuleDialogData>) {
    return this.dialog
      .open<ReorderRuleDialog, ReorderRuleDialogData, ReorderRule>(ReorderRuleDialog, {
        data: {
          product: this.product(),
          warehouses: this.warehouses.hasValue() ? this.warehouses.value() : [],
          ...extra,
        },
        width: '480px',
        autoFocus: 'first-tabbable',
      })
      .afterClosed()
      .pipe(filter((rule): rule is ReorderRule => rule !== undefined));
  }

  private done(message: string): void {
    this.snackBar.open(message, undefined, { duration: 5000 });
    this.table().reload();
  }

  private failed(error: unknown): void {
    this.snackBar.open(toApiError(error).message, 'Dismiss', { duration: 8000 });
  }
}
