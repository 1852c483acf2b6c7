import { FormControl, ValidatorFn, Validators } from '@angular/forms';

import { validationMessage } from './validation-messages';

describe('validationMessage', () => {
  const errorsOf = (value: unknown, validators: ValidatorFn[]) =>
    new FormControl(value, validators).errors;

  it.each<[unknown, ValidatorFn[], string]>([
    ['', [Validators.required], 'This field is required.'],
    ['ab', [Validators.minLength(3)], 'Enter at least 3 characters.'],
    ['abcdef', [Validators.maxLength(5)], 'Enter at most 5 characters.'],
    ['not-an-email', [Validators.email], 'Enter a valid email address.'],
    ['abc', [Validators.pattern(/^[A-Z]+$/)], 'This value is not in the expected format.'],
    [-1, [Validators.min(0)], 'Enter 0 or more.'],
    [201, [Validators.max(200)], 'Enter 200 or less.'],
  ])('explains %p failing its validator', (value, validators, message) => {
    expect(validationMessage(errorsOf(value, validators))).toBe(message);
  });

  it("puts the server's message first and lets a field reword any error", () => {
    expect(validationMessage({ required: true, server: 'SKU already exists.' })).toBe(
      'SKU already exists.',
    );
    expect(
      validationMessage({ pattern: {} }, { pattern: 'Use upper-case letters and digits.' }),
    ).toBe('Use upper-case letters and digits.');
    expect(validationMessage({ custom: true })).toBe('This value is not valid.');
    expect(validationMessage(null)).toBeNull();
  });
});
