import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import { StockMove } from '@stockmaster/contracts';

import { QuantityPipe } from '../quantity/quantity.pipe';

export type MoveColumn = 'doneAt' | 'reference' | 'product' | 'batch' | 'from' | 'to' | 'quantity';

/** Ledger rows as every screen shows them (operation, ledger, batch history): pick the columns. */
@Component({
  selector: 'sm-moves-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatTableModule, RouterLink, QuantityPipe],
  template: `
    <table
      mat-table
      [dataSource]="moves()"
      [attr.aria-labelledby]="labelledBy()"
      [attr.aria-label]="labelledBy() ? null : label()"
    >
      <ng-container matColumnDef="doneAt">
        <th mat-header-cell *matHeaderCellDef>When</th>
        <td mat-cell *matCellDef="let move">
          <time [attr.datetime]="move.doneAt">{{ move.doneAt | date: 'short' }}</time>
        </td>
      </ng-container>
      <ng-container matColumnDef="reference">
        <th mat-header-cell *matHeaderCellDef>Operation</th>
        <td mat-cell *matCellDef="let move">
          <a [routerLink]="['/operations', move.operationId]"
            ><code>{{ move.reference }}</code></a
          >
        </td>
      </ng-container>
      <ng-container matColumnDef="product">
        <th mat-header-cell *matHeaderCellDef>Product</th>
        <td mat-cell *matCellDef="let move">
          <code>{{ move.product.sku }}</code> — {{ move.product.name }}
        </td>
      </ng-container>
      <ng-container matColumnDef="batch">
        <th mat-header-cell *matHeaderCellDef>Batch</th>
        <td mat-cell *matCellDef="let move">
          @if (move.batch) {
            <code>{{ move.batch.code }}</code>
          } @else {
            —
          }
        </td>
      </ng-container>
      <ng-container matColumnDef="from">
        <th mat-header-cell *matHeaderCellDef>From</th>
        <td mat-cell *matCellDef="let move">{{ move.sourceLocation.fullName }}</td>
      </ng-container>
      <ng-container matColumnDef="to">
        <th mat-header-cell *matHeaderCellDef>To</th>
        <td mat-cell *matCellDef="let move">{{ move.destinationLocation.fullName }}</td>
      </ng-container>
      <ng-container matColumnDef="quantity">
        <th mat-header-cell *matHeaderCellDef class="align-end">Quantity</th>
        <td mat-cell *matCellDef="let move" class="align-end">
          {{ move.quantity | quantity: move.product.unit }}
        </td>
      </ng-container>
      <tr mat-header-row *matHeaderRowDef="columns(); sticky: sticky()"></tr>
      <tr mat-row *matRowDef="let row; columns: columns()"></tr>
    </table>
  `,
  styles: `
    .align-end {
      text-align: end;
    }
  `,
})
export class MovesTable {
  readonly moves = input.required<StockMove[]>();
  readonly columns = input.required<MoveColumn[]>();
  /** The id of the heading that names the table; preferred to `label` when the screen has one. */
  readonly labelledBy = input<string | null>(null);
  /** The table's accessible name when no heading names it. */
  readonly label = input('Stock moves');
  /** Keeps the header row visible while a long table scrolls. */
  readonly sticky = input(false);
}
