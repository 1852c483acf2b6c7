import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

/**
 * A form's submit button that shows progress: disabled with a spinner while `busy`, so a
 * double click never posts twice. Put it inside the `<form>`; the label is its content.
 */
@Component({
  selector: 'sm-submit-button',
  imports: [MatButtonModule, MatProgressSpinnerModule],
  template: `
    <button
      mat-flat-button
      type="submit"
      [disabled]="busy() || disabled()"
      [attr.aria-busy]="busy()"
    >
      @if (busy()) {
        <mat-progress-spinner mode="indeterminate" diameter="18" aria-hidden="true" />
        <span class="cdk-visually-hidden">{{ busyLabel() }}</span>
      }
      <ng-content />
    </button>
  `,
  styles: `
    mat-progress-spinner {
      display: inline-block;
      margin-right: 8px;
      vertical-align: middle;
      --mat-progress-spinner-active-indicator-color: currentColor;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SubmitButton {
  /** A submit is in flight. */
  readonly busy = input(false);
  /** Disabled for another reason (e.g. nothing changed). */
  readonly disabled = input(false);
  /** Announced to screen readers while busy. */
  readonly busyLabel = input('Saving…');
}
