import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { isLocalOnlyUrl } from '@stockmaster/contracts';

/**
 * Shown beside QR codes whose link only opens on the server's own computer (PUBLIC_URL left at
 * localhost): a label printed now would fail on every phone that scans it.
 */
@Component({
  selector: 'sm-local-link-warning',
  imports: [MatIconModule],
  template: `
    @if (origin(); as origin) {
      <div class="warning" role="note">
        <mat-icon aria-hidden="true">warning</mat-icon>
        <p>
          <strong>Phones cannot open these QR codes.</strong>
          They point to {{ origin }}, which only the computer running StockMaster reaches. Ask
          whoever runs it to set <code>PUBLIC_URL</code> to the address phones use (for example
          {{ example() }}) and restart it.
        </p>
      </div>
    }
  `,
  styles: `
    .warning {
      display: flex;
      align-items: flex-start;
      gap: 12px;
      margin: 0 0 16px;
      padding: 12px 16px;
      border-radius: 8px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);

      mat-icon {
        flex: none;
      }

      p {
        margin: 0;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LocalLinkWarning {
  /** A public link (a batch's `publicUrl`); nothing is shown unless it is local-only. */
  readonly url = input<string | null | undefined>();

  protected readonly origin = computed(() => {
    const url = this.url();
    return url && isLocalOnlyUrl(url) ? new URL(url).origin : null;
  });

  protected readonly example = computed(() => {
    const url = this.url();
    const port = url ? new URL(url).port : '';
    return `http://192.168.1.20${port ? `:${port}` : ''}`;
  });
}
