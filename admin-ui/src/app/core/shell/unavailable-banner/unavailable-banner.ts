import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';

import { ServerStatus } from '../../http/server-status';

/**
 * Says, above every page, that the server is not answering and that the console keeps trying.
 * The live region is always there so that screen readers announce the message when it appears.
 */
@Component({
  selector: 'sm-unavailable-banner',
  imports: [MatIconModule],
  template: `
    <div role="status" aria-live="polite">
      @if (unavailable()) {
        <p class="banner">
          <mat-icon aria-hidden="true">cloud_off</mat-icon>
          <span>The server is unavailable, retrying… You stay signed in.</span>
        </p>
      }
    </div>
  `,
  styles: `
    /* Fixed at the bottom: above every page without moving its layout. */
    .banner {
      position: fixed;
      inset: auto 16px 16px;
      z-index: 1000;
      display: flex;
      align-items: center;
      justify-content: center;
      gap: 8px;
      max-width: 560px;
      margin: 0 auto;
      padding: 12px 16px;
      border-radius: 8px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
      box-shadow: var(--mat-sys-level3);
      font: var(--mat-sys-body-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UnavailableBanner {
  protected readonly unavailable = inject(ServerStatus).unavailable;
}
