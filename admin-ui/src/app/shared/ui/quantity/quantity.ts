import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import {
  displayQuantity as readableQuantity,
  fromMilli,
  QUANTITY_PATTERN,
  toMilli,
  unitFor,
} from '@stockmaster/contracts';

export { compareQuantities } from '@stockmaster/contracts';

import { ValidationMessages } from '../form';

/**
 * A quantity field: a decimal string with at most 3 decimals, as the API takes it. Empty is
 * left to `Validators.required`; `positive` also refuses zero (moves of nothing).
 */
export function quantityValidator(options: { positive?: boolean } = {}): ValidatorFn {
  return (control: AbstractControl<string | null>): ValidationErrors | null => {
    const value = (control.value ?? '').trim();
    if (value === '') return null;
    if (!QUANTITY_PATTERN.test(value)) return { quantity: true };
    if (options.positive && toMilli(value) === 0n) return { positive: true };
    return null;
  };
}

export const QUANTITY_MESSAGES: ValidationMessages = {
  quantity: 'Enter a number with at most 3 decimals, e.g. 12 or 0.125.',
  positive: 'Enter a quantity above 0.',
};

/** `a + b` for decimal strings, exactly ("0.1" + "0.2" = "0.3"). */
export function addQuantities(a: string, b: string): string {
  return fromMilli(toMilli(a) + toMilli(b));
}

/** `a − b` for decimal strings, exactly; negative results carry a leading `-`. */
export function subtractQuantities(a: string, b: string): string {
  return fromMilli(toMilli(a) - toMilli(b));
}

/** "12.500" → "12.5", "1000" → "1,000": quantities as people read them ('' for none). */
export function displayQuantity(value: string | null | undefined): string {
  return value === null || value === undefined || value.trim() === ''
    ? ''
    : readableQuantity(value);
}

/** A difference with its sign spelled out: "+2", "−1,500" (a true minus sign), "0". */
export function signedQuantity(value: string): string {
  const milli = toMilli(value);
  if (milli === 0n) return '0';
  return milli > 0n ? `+${readableQuantity(value)}` : readableQuantity(value);
}

/** A difference with its sign and unit: "+2 units", "−1 unit", "−2.5 kg". */
export function signedAmount(value: string, unit: string): string {
  return `${signedQuantity(value)} ${unitFor(value, unit)}`;
}
