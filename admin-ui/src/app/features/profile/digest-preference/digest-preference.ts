import {
  ChangeDetectionStrategy,
  Component,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MatCardModule } from '@angular/material/card';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioGroup, MatRadioModule } from '@angular/material/radio';
import { MatSnackBar } from '@angular/material/snack-bar';
import { AlertDigestChoice, Me } from '@stockmaster/contracts';
import { finalize } from 'rxjs';

import { toApiError } from '../../../core/http/api-error';
import { ProfileApi } from '../profile-api';

const SAVED: Record<AlertDigestChoice, string> = {
  daily: 'You will get the alert mail every morning.',
  off: 'The alert mail is off.',
};

/** The daily alert mail: on or off, saved as soon as it is chosen. */
@Component({
  selector: 'sm-digest-preference',
  imports: [MatCardModule, MatProgressBarModule, MatRadioModule],
  template: `
    <mat-card appearance="outlined" aria-labelledby="digest-title">
      <mat-card-header>
        <mat-card-title id="digest-title">Alert mail</mat-card-title>
      </mat-card-header>
      <mat-card-content>
        <p class="hint" id="digest-hint">
          Every morning, one mail about your warehouses: expired batches still on hand, batches
          entering their warning window, products below their minimum and drafts older than a day.
          No mail on a day with nothing to report.
        </p>
        <mat-radio-group
          aria-labelledby="digest-title"
          aria-describedby="digest-hint"
          [value]="me().alertDigest"
          [disabled]="saving()"
          (change)="choose($event.value)"
        >
          <mat-radio-button value="daily">Daily</mat-radio-button>
          <mat-radio-button value="off">Off</mat-radio-button>
        </mat-radio-group>
        @if (saving()) {
          <mat-progress-bar mode="indeterminate" aria-label="Saving your choice" />
        }
        @if (error(); as message) {
          <p class="error" role="alert">{{ message }}</p>
        }
      </mat-card-content>
    </mat-card>
  `,
  styles: `
    .hint {
      color: var(--mat-sys-on-surface-variant);
      margin: 8px 0;
    }
    mat-radio-group {
      display: flex;
      flex-wrap: wrap;
      gap: 16px;
    }
    .error {
      color: var(--mat-sys-error);
      margin: 8px 0 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DigestPreference {
  private readonly api = inject(ProfileApi);
  private readonly snackBar = inject(MatSnackBar);

  readonly me = input.required<Me>();
  /** The account as the API answered after saving. */
  readonly saved = output<Me>();

  private readonly group = viewChild.required(MatRadioGroup);
  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);

  protected choose(choice: AlertDigestChoice): void {
    if (choice === this.me().alertDigest) return;
    this.saving.set(true);
    this.error.set(null);
    this.api
      .update({ alertDigest: choice })
      .pipe(finalize(() => this.saving.set(false)))
      .subscribe({
        next: (me) => {
          this.saved.emit(me);
          this.snackBar.open(SAVED[me.alertDigest], undefined, { duration: 4000 });
        },
        error: (error: unknown) => {
          // Back to what is stored: the binding alone would not move, `me` has not changed.
          this.group().value = this.me().alertDigest;
          this.error.set(`Your choice was not saved: ${toApiError(error).message}`);
        },
      });
  }
}
