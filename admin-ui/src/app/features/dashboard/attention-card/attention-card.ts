import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

import { AttentionView } from '../dashboard-view';

/** One "needs attention" card: how many, the first few, and the list that shows them all. */
@Component({
  selector: 'sm-attention-card',
  imports: [RouterLink, MatButtonModule, MatCardModule, MatIconModule],
  template: `
    @let c = card();
    <mat-card
      appearance="outlined"
      [class]="'tone-' + c.tone"
      [class.quiet]="c.count === 0"
      [attr.aria-labelledby]="'card-' + c.key"
      [attr.data-card]="c.key"
    >
      <mat-card-header>
        <mat-icon mat-card-avatar aria-hidden="true">{{ c.icon }}</mat-icon>
        <mat-card-title [id]="'card-' + c.key">{{ c.title }}</mat-card-title>
        <span class="count" data-count>{{ c.count }}</span>
      </mat-card-header>
      <mat-card-content>
        @if (c.items.length > 0) {
          <ul class="items">
            @for (item of c.items; track $index) {
              <li>
                @if (item.route) {
                  <a [routerLink]="item.route">{{ item.text }}</a>
                } @else {
                  <span>{{ item.text }}</span>
                }
                <span class="detail">{{ item.detail }}</span>
              </li>
            }
          </ul>
          @if (c.count > c.items.length) {
            <p class="more">and {{ c.count - c.items.length }} more</p>
          }
        } @else {
          <p class="none">{{ c.none }}</p>
        }
      </mat-card-content>
      @if (c.link && c.count > 0) {
        <mat-card-actions>
          <a mat-button [routerLink]="c.link.route" [queryParams]="c.link.queryParams">
            {{ c.count === 1 ? 'Show it in the list' : 'Show all ' + c.count + ' in the list'
            }}<span class="cdk-visually-hidden">: {{ c.title }}</span>
            <mat-icon iconPositionEnd aria-hidden="true">arrow_forward</mat-icon>
          </a>
        </mat-card-actions>
      }
    </mat-card>
  `,
  styles: `
    :host {
      display: block;
    }
    mat-card {
      height: 100%;
      box-sizing: border-box;
      border-top: 4px solid var(--tone);
    }
    .tone-error {
      --tone: var(--mat-sys-error);
    }
    .tone-warning {
      --tone: #b26a00;
    }
    .tone-info {
      --tone: var(--mat-sys-primary);
    }
    .quiet {
      --tone: var(--mat-sys-outline-variant);
    }
    [mat-card-avatar] {
      color: var(--tone);
      font-size: 32px;
      width: 32px;
      height: 32px;
    }
    .quiet [mat-card-avatar] {
      color: var(--mat-sys-on-surface-variant);
    }
    mat-card-header {
      align-items: center;
    }
    mat-card-title {
      font: var(--mat-sys-title-medium);
    }
    .count {
      margin-left: auto;
      padding-left: 8px;
      font: var(--mat-sys-headline-large);
      color: var(--tone);
    }
    .quiet .count {
      color: var(--mat-sys-on-surface-variant);
    }
    mat-card-content {
      margin-top: 8px;
    }
    .items {
      list-style: none;
      margin: 0;
      padding: 0;
      li {
        display: flex;
        flex-direction: column;
        padding: 4px 0;
        border-top: 1px solid var(--mat-sys-outline-variant);
        overflow-wrap: anywhere;
      }
    }
    .detail,
    .more,
    .none {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    .more,
    .none {
      margin: 4px 0 0;
    }
    mat-card-actions {
      margin-top: auto;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AttentionCard {
  readonly card = input.required<AttentionView>();
}
