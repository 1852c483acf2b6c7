import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { BatchTraceEntry } from '@stockmaster/contracts';

import { QuantityPipe } from '../../../shared/ui/quantity/quantity.pipe';

/**
 * One side of a batch's trace: the operations that brought it in (receipts, from a supplier) or
 * took it out (deliveries and scrap, to a customer), with what each later reversal gave back.
 */
@Component({
  selector: 'sm-trace-table',
  imports: [DatePipe, RouterLink, MatTableModule, QuantityPipe],
  template: `
    <div class="table-scroll">
      <table mat-table [dataSource]="rows()" [attr.aria-labelledby]="labelledBy()">
        <ng-container matColumnDef="date">
          <th mat-header-cell *matHeaderCellDef>Date</th>
          <td mat-cell *matCellDef="let row">{{ row.date | date: 'mediumDate' }}</td>
        </ng-container>
        <ng-container matColumnDef="reference">
          <th mat-header-cell *matHeaderCellDef>Reference</th>
          <td mat-cell *matCellDef="let row">
            <a [routerLink]="['/operations', row.operationId]">{{ row.reference }}</a>
          </td>
        </ng-container>
        <ng-container matColumnDef="type">
          <th mat-header-cell *matHeaderCellDef>Kind</th>
          <td mat-cell *matCellDef="let row">
            {{ row.type === 'delivery' ? 'Delivery' : 'Scrap' }}
          </td>
        </ng-container>
        <ng-container matColumnDef="partner">
          <th mat-header-cell *matHeaderCellDef>{{ side() === 'in' ? 'Supplier' : 'Customer' }}</th>
          <td mat-cell *matCellDef="let row">{{ row.partner || '—' }}</td>
        </ng-container>
        <ng-container matColumnDef="quantity">
          <th mat-header-cell *matHeaderCellDef class="align-end">Quantity</th>
          <td mat-cell *matCellDef="let row" class="align-end">
            {{ row.quantity | quantity: unit() }}
            @if (row.reversed !== '0') {
              <span class="muted">({{ row.reversed }} reversed)</span>
            }
          </td>
        </ng-container>
        <tr mat-header-row *matHeaderRowDef="columns()"></tr>
        <tr mat-row *matRowDef="let row; columns: columns()"></tr>
      </table>
    </div>
  `,
  styles: `
    table {
      margin-bottom: 8px;
    }
    .align-end {
      text-align: end;
    }
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TraceTable {
  readonly rows = input.required<BatchTraceEntry[]>();
  /** `in`: receipts; `out`: deliveries and scrap (with their kind). */
  readonly side = input.required<'in' | 'out'>();
  readonly unit = input.required<string>();
  /** The id of the heading that names the table. */
  readonly labelledBy = input.required<string>();

  protected readonly columns = computed(() =>
    this.side() === 'in'
      ? ['date', 'reference', 'partner', 'quantity']
      : ['date', 'reference', 'type', 'partner', 'quantity'],
  );
}
