import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { BatchStatus } from '@stockmaster/contracts';

import { BATCH_STATUS_ICONS, BATCH_STATUS_LABELS } from './batch-status-text';

/**
 * A batch's status as a chip, beside its freshness: "Available", amber "Quarantined", red
 * "Recalled"; an icon and a word each, text colours above 7:1 on their fill.
 */
@Component({
  selector: 'sm-batch-status-chip',
  imports: [MatIconModule],
  template: `
    <span class="chip" [class]="'chip batch-' + status()">
      <mat-icon aria-hidden="true">{{ icon() }}</mat-icon>
      {{ label() }}
    </span>
  `,
  styleUrl: './chip.scss',
  styles: `
    .batch-available {
      background: var(--mat-sys-surface-container);
      color: var(--mat-sys-on-surface);
    }
    .batch-quarantined {
      background: #ffe9b8;
      color: #563800;
    }
    .batch-recalled {
      background: #8c1d18;
      color: #ffffff;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class BatchStatusChip {
  readonly status = input.required<BatchStatus>();
  protected readonly label = computed(() => BATCH_STATUS_LABELS[this.status()]);
  protected readonly icon = computed(() => BATCH_STATUS_ICONS[this.status()]);
}
