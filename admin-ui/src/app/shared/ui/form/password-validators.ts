import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import { passwordProblem } from '@stockmaster/contracts';

/**
 * The API's password rule, checked before sending (`{ password: 'Password must be …' }`).
 * `email` gives the address the password must not equal; it may change while the form is open.
 */
export function passwordRule(email: () => string | null | undefined = () => null): ValidatorFn {
  return (control: AbstractControl<string>): ValidationErrors | null => {
    const value = control.value ?? '';
    if (value === '') return null; // `required` speaks for an empty field
    const problem = passwordProblem(value, email() ?? undefined);
    return problem ? { password: problem } : null;
  };
}

/** A confirmation field that must repeat its sibling `other` (`{ mismatch: true }`). */
export function matchesSibling(other: string): ValidatorFn {
  return (control: AbstractControl<string>): ValidationErrors | null => {
    const sibling = control.parent?.get(other);
    if (!sibling || !control.value) return null;
    return sibling.value === control.value ? null : { mismatch: true };
  };
}

/**
 * Re-checks `confirmation` whenever `password` changes, so "do not match" appears and goes
 * away as the user edits either field. Call from an injection context (a field initializer).
 */
export function linkConfirmation(password: AbstractControl, confirmation: AbstractControl): void {
  password.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
    if (confirmation.value) confirmation.updateValueAndValidity();
  });
}
