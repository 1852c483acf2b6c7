import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { AbstractControl } from '@angular/forms';
import { map, startWith, switchMap } from 'rxjs';

import { ValidationMessages, validationMessage } from './validation-messages';

/**
 * The message for a control's current error, meant to sit inside `mat-error`:
 *
 * ```html
 * <mat-error><sm-field-error [control]="form.controls.name" /></mat-error>
 * ```
 *
 * `mat-form-field` decides when errors show (touched or submitted); this decides what they say.
 */
@Component({
  selector: 'sm-field-error',
  template: '{{ message() }}',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FieldError {
  readonly control = input.required<AbstractControl>();
  /** Per-field wording, e.g. `{ pattern: 'Use upper-case letters and digits.' }`. */
  readonly messages = input<ValidationMessages>({});

  // Reactive forms are not signals yet: follow the control's events to refresh the message.
  private readonly errors = toSignal(
    toObservable(this.control).pipe(
      switchMap((control) =>
        control.events.pipe(
          startWith(null),
          map(() => control.errors),
        ),
      ),
    ),
    { initialValue: null },
  );

  protected readonly message = computed(() => validationMessage(this.errors(), this.messages()));
}
