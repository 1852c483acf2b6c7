import { AbstractControl, FormGroup } from '@angular/forms';

import { ApiError } from '../../../core/http/api-error';

/**
 * Puts the API's per-field messages (400 `details[].field`, dotted paths such as
 * `lines.2.quantity`) on the matching controls as `{ server: message }`, touched so that
 * `mat-error` shows them. The server error clears itself when the user edits the field.
 *
 * @returns the messages no control took, for a form-level banner: details without a field,
 *   fields the form does not have, per-line (422) details, or the error's own message when it
 *   has no details at all.
 */
export function applyServerErrors(form: FormGroup, error: ApiError): string[] {
  if (error.details.length === 0) return [error.message];

  const perControl = new Map<AbstractControl, string[]>();
  const unmatched: string[] = [];

  for (const detail of error.details) {
    const control = detail.field ? form.get(detail.field) : null;
    if (control) {
      perControl.set(control, [...(perControl.get(control) ?? []), detail.message]);
    } else if (detail.line !== undefined) {
      unmatched.push(`Line ${detail.line + 1}: ${detail.message}`);
    } else {
      unmatched.push(detail.message);
    }
  }

  for (const [control, messages] of perControl) {
    control.setErrors({ ...(control.errors ?? {}), server: messages.join(' ') });
    control.markAsTouched();
  }
  return unmatched;
}
