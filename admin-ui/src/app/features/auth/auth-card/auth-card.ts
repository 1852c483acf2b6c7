import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';

import { APP_NAME } from '../../../core/page-title';

/** The frame of the public pages (sign in, reset, setup, invitation): a centred card. */
@Component({
  selector: 'sm-auth-card',
  imports: [MatCardModule, MatIconModule],
  template: `
    <main class="page">
      <p class="brand">
        <mat-icon aria-hidden="true">inventory</mat-icon>
        <span>{{ appName }}</span>
      </p>
      <mat-card appearance="outlined" class="card">
        <mat-card-content>
          <h1>{{ heading() }}</h1>
          <ng-content />
        </mat-card-content>
      </mat-card>
    </main>
  `,
  styles: `
    .page {
      display: flex;
      flex-direction: column;
      align-items: center;
      min-height: 100dvh;
      padding: 48px 16px;
      box-sizing: border-box;
      background: var(--mat-sys-surface-container-low);
    }
    .brand {
      display: flex;
      align-items: center;
      gap: 8px;
      margin: 0 0 24px;
      font: var(--mat-sys-title-large);
      color: var(--mat-sys-primary);
    }
    .card {
      width: min(100%, 440px);
      padding: 8px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuthCard {
  readonly heading = input.required<string>();
  protected readonly appName = APP_NAME;
}
