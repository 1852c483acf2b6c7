import { ChangeDetectionStrategy, Component, input, Pipe, PipeTransform } from '@angular/core';
import { BatchRef, BatchStatus, Freshness, isBatchBlocked } from '@stockmaster/contracts';

import { BatchStatusChip } from './batch-status-chip';
import { FreshnessChip } from './freshness-chip';

/** What a batch needs to show its state: its freshness today and whether it is blocked. */
export interface BatchState {
  freshness: Freshness;
  status: BatchStatus;
}

/**
 * A batch's state as the batch list shows it: the freshness chip ("Use soon · 2 days left"),
 * then "Quarantined" or "Recalled" when the batch is blocked (an available batch says nothing
 * more, so the chip that stands out is the one that matters).
 */
@Component({
  selector: 'sm-batch-freshness',
  imports: [BatchStatusChip, FreshnessChip],
  template: `
    <sm-freshness-chip [freshness]="batch().freshness" />
    @if (blocked(batch().status)) {
      <sm-batch-status-chip [status]="batch().status" />
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 4px;
      vertical-align: middle;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BatchFreshness {
  readonly batch = input.required<BatchState>();
  protected readonly blocked = isBatchBlocked;
}

/**
 * A batch reference's state when it carries one (stock level rows do; a batch picked by hand
 * does not): `@if (batch | batchState; as state) { <sm-batch-freshness [batch]="state" /> }`.
 */
@Pipe({ name: 'batchState' })
export class BatchStatePipe implements PipeTransform {
  transform(batch: BatchRef | Partial<BatchState> | null | undefined): BatchState | null {
    return batch && 'freshness' in batch && batch.freshness && batch.status
      ? { freshness: batch.freshness, status: batch.status }
      : null;
  }
}
