import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Product } from '@stockmaster/contracts';

import { ProductStockApi } from '../../../../shared/api/product-stock-api';
import { BatchFreshness } from '../../../../shared/ui/freshness';
import { QuantityPipe } from '../../../../shared/ui/quantity/quantity.pipe';

/** Level rows shown at most; beyond that the stock levels page lists them all. */
export const LEVELS_SHOWN = 100;

/**
 * Where the product is: on hand and what of it may be delivered per warehouse, then every
 * location and batch holding it with the batch's freshness and block, the first thing a cook or
 * a buyer asks on a product's page.
 */
@Component({
  selector: 'sm-product-stock',
  imports: [MatIconModule, MatProgressBarModule, RouterLink, BatchFreshness, QuantityPipe],
  templateUrl: './product-stock.html',
  styleUrl: './sections.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProductStock {
  private readonly api = inject(ProductStockApi);

  readonly product = input.required<Product>();

  protected readonly warehouses = rxResource({
    params: () => this.product().id,
    stream: ({ params }) => this.api.perWarehouse(params),
  });
  protected readonly levels = rxResource({
    params: () => this.product().id,
    stream: ({ params }) => this.api.levels(params, LEVELS_SHOWN),
  });
  /** Warehouses that hold some (a reorder rule alone makes a summary row with nothing). */
  protected readonly stocked = computed(() =>
    this.warehouses.hasValue()
      ? this.warehouses.value().data.filter((row) => Number(row.onHand) !== 0)
      : [],
  );
  protected readonly hidden = computed(() =>
    this.levels.hasValue() ? this.levels.value().meta.total - this.levels.value().data.length : 0,
  );
  protected readonly isZero = (quantity: string) => Number(quantity) === 0;
}
