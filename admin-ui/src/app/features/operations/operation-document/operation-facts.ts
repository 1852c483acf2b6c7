import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { OperationDetail, Warehouse } from '@stockmaster/contracts';
import { catchError, map, of } from 'rxjs';

import {
  LOCATION_RULES,
  TYPE_LABELS,
  VIRTUAL_SIDE_LABELS,
} from '../../../shared/util/operation-labels';
import { OperationsApi } from '../../../shared/api/operations-api';

/**
 * An operation's header as facts: what, where, who and when, and its reversal links. `compact`
 * (a draft being edited, whose form shows the rest) keeps only the type and its creation.
 */
@Component({
  selector: 'sm-operation-facts',
  imports: [DatePipe, RouterLink],
  templateUrl: './operation-facts.html',
  styleUrl: './operation-facts.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OperationFacts {
  private readonly api = inject(OperationsApi);

  readonly operation = input.required<OperationDetail>();
  /** The operation's warehouse, when the screen has it (else its id is not shown at all). */
  readonly warehouse = input<Warehouse | undefined>();
  readonly compact = input(false);

  protected readonly typeLabel = computed(() => TYPE_LABELS[this.operation().type]);
  protected readonly partnerLabel = computed(() =>
    this.operation().type === 'receipt' ? 'Supplier' : 'Customer',
  );
  /** Each side as the moves go: a location of the warehouse, or the fixed virtual one. */
  protected readonly from = computed(() => this.side('source'));
  protected readonly to = computed(() => this.side('destination'));

  /** The references of the linked operations, for link texts (the id alone says nothing). */
  protected readonly reversalOf = this.reference(() => this.operation().reversalOfId);
  protected readonly reversedBy = this.reference(() => this.operation().reversedById);

  private side(which: 'source' | 'destination'): string | null {
    const operation = this.operation();
    const rule = LOCATION_RULES[operation.type][which];
    if (rule === 'none') return null;
    if (rule !== 'internal') return VIRTUAL_SIDE_LABELS[rule];
    const location = which === 'source' ? operation.sourceLocation : operation.destinationLocation;
    return location?.fullName ?? null;
  }

  private reference(id: () => string | null) {
    return rxResource({
      params: () => id() ?? undefined,
      stream: ({ params }) =>
        this.api.get(params).pipe(
          map((linked) => linked.reference),
          catchError(() => of(null)),
        ),
    });
  }
}
