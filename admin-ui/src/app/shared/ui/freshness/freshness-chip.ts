import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { Freshness } from '@stockmaster/contracts';

import { FRESHNESS_ICONS, freshnessText } from './freshness-text';

/**
 * A batch's freshness as a chip: green "Fresh", amber "Use soon · 2 days left", red "Expired",
 * each with an icon and words (never colour alone) and text colours above 7:1 on their fill.
 */
@Component({
  selector: 'sm-freshness-chip',
  imports: [MatIconModule],
  template: `
    <span class="chip" [class]="'chip freshness-' + freshness().status">
      <mat-icon aria-hidden="true">{{ icon() }}</mat-icon>
      {{ text() }}
    </span>
  `,
  styleUrl: './chip.scss',
  styles: `
    .freshness-fresh {
      background: #dcf5e1;
      color: #0b4f1c;
    }
    .freshness-caution {
      background: #ffe9b8;
      color: #563800;
    }
    .freshness-expired {
      background: #ffdad6;
      color: #7f1410;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FreshnessChip {
  readonly freshness = input.required<Freshness>();
  protected readonly text = computed(() => freshnessText(this.freshness()));
  protected readonly icon = computed(() => FRESHNESS_ICONS[this.freshness().status]);
}
