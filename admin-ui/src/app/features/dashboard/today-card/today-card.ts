import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

import { TodayRow } from '../dashboard-view';

/** What was validated since midnight, per operation type. */
@Component({
  selector: 'sm-today-card',
  imports: [RouterLink, MatCardModule, MatIconModule],
  template: `
    <mat-card appearance="outlined" aria-labelledby="today-title">
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">today</mat-icon>
        <mat-card-title id="today-title">Today</mat-card-title>
        <mat-card-subtitle>{{ subtitle() }}</mat-card-subtitle>
      </mat-card-header>
      <mat-card-content>
        <ul class="types">
          @for (row of rows(); track row.type) {
            <li [class.quiet]="row.operations === 0" [attr.data-type]="row.type">
              <mat-icon aria-hidden="true">{{ row.icon }}</mat-icon>
              <a [routerLink]="row.link.route" [queryParams]="row.link.queryParams">{{
                row.label
              }}</a>
              <span class="figures">
                <strong>{{ row.operations }}</strong>
                {{ row.operations === 1 ? 'operation' : 'operations' }} · {{ row.lines }}
                {{ row.lines === 1 ? 'line' : 'lines' }}
              </span>
            </li>
          }
        </ul>
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    :host {
      display: block;
    }
    mat-card {
      height: 100%;
      box-sizing: border-box;
    }
    .types {
      list-style: none;
      margin: 8px 0 0;
      padding: 0;
    }
    li {
      display: grid;
      grid-template-columns: 24px 1fr auto;
      align-items: center;
      gap: 8px;
      padding: 6px 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    li mat-icon {
      color: var(--mat-sys-primary);
    }
    .quiet mat-icon,
    .quiet .figures {
      color: var(--mat-sys-on-surface-variant);
    }
    .figures {
      text-align: end;
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TodayCard {
  readonly rows = input.required<TodayRow[]>();

  protected readonly subtitle = computed(() => {
    const total = this.rows().reduce((sum, row) => sum + row.operations, 0);
    return total === 0
      ? 'Nothing validated since midnight'
      : `${total} ${total === 1 ? 'operation' : 'operations'} validated since midnight`;
  });
}
