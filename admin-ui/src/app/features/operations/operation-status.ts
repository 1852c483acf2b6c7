import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { OperationStatus } from '@stockmaster/contracts';

import { STATUS_ICONS, STATUS_LABELS } from '../../shared/util/operation-labels';

/** An operation's status as a chip: icon and word, never colour alone. */
@Component({
  selector: 'sm-operation-status',
  imports: [MatIconModule],
  template: `
    <span class="chip" [class]="'chip status-' + status()">
      <mat-icon aria-hidden="true">{{ icon() }}</mat-icon>
      {{ label() }}
    </span>
  `,
  styles: `
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 2px 10px 2px 6px;
      border-radius: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      font: var(--mat-sys-label-large);
      white-space: nowrap;
    }
    mat-icon {
      font-size: 18px;
      width: 18px;
      height: 18px;
    }
    .status-draft {
      background: var(--mat-sys-surface-container-high);
    }
    .status-done {
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .status-cancelled {
      color: var(--mat-sys-on-surface-variant);
      text-decoration: line-through;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OperationStatusChip {
  readonly status = input.required<OperationStatus>();
  protected readonly label = computed(() => STATUS_LABELS[this.status()]);
  protected readonly icon = computed(() => STATUS_ICONS[this.status()]);
}
