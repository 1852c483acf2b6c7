import { BreakpointObserver, Breakpoints } from '@angular/cdk/layout';
import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { Product } from '@stockmaster/contracts';

import { OperationsApi } from '../../../../shared/api/operations-api';
import { ProductStockApi } from '../../../../shared/api/product-stock-api';
import { MoveColumn, MovesTable } from '../../../../shared/ui/moves-table/moves-table';
import { map } from 'rxjs';

/** Moves shown on the page; the ledger has the rest. */
export const RECENT_MOVES = 5;
/** Drafts shown; more are counted. */
export const OPEN_DRAFTS = 10;

/**
 * What is about to happen to the product and what happened lately: the drafts that have a line
 * of it, waiting to be validated, and its newest moves (with a link to its whole ledger).
 */
@Component({
  selector: 'sm-product-activity',
  imports: [DatePipe, MatButtonModule, MatIconModule, RouterLink, MovesTable],
  templateUrl: './product-activity.html',
  styleUrl: './sections.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProductActivity {
  private readonly stock = inject(ProductStockApi);
  private readonly operations = inject(OperationsApi);

  readonly product = input.required<Product>();

  private readonly phone = toSignal(
    inject(BreakpointObserver)
      .observe(Breakpoints.XSmall)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
  /** A phone shows when, what and how much; batch and places are one tap away, on the operation. */
  protected readonly moveColumns = computed<MoveColumn[]>(() =>
    this.phone()
      ? ['doneAt', 'reference', 'quantity']
      : ['doneAt', 'reference', 'batch', 'from', 'to', 'quantity'],
  );

  protected readonly moves = rxResource({
    params: () => this.product().id,
    stream: ({ params }) => this.stock.recentMoves(params, RECENT_MOVES),
  });
  protected readonly drafts = rxResource({
    params: () => this.product().id,
    stream: ({ params }) =>
      this.operations.list({
        productId: params,
        status: 'draft',
        sort: 'scheduledAt',
        limit: OPEN_DRAFTS,
      }),
  });
}
