import { FormArray, FormControl, FormGroup, Validators } from '@angular/forms';
import { ErrorCode } from '@stockmaster/contracts';

import { ApiError } from '../../../core/http/api-error';
import { applyServerErrors } from './server-errors';

function operationForm() {
  return new FormGroup({
    reference: new FormControl('MAIN/IN/1'),
    partner: new FormGroup({ name: new FormControl('Acme', Validators.required) }),
    lines: new FormArray([
      new FormGroup({ quantity: new FormControl('1') }),
      new FormGroup({ quantity: new FormControl('2') }),
    ]),
  });
}

function validationError(details: ApiError['details']): ApiError {
  return {
    status: 400,
    code: ErrorCode.ValidationFailed,
    message: 'Some fields are not valid.',
    details,
    requestId: 'r-1',
  };
}

describe('applyServerErrors', () => {
  it('puts each message on the control its dotted field names, touched', () => {
    const form = operationForm();

    const rest = applyServerErrors(
      form,
      validationError([
        { field: 'reference', message: 'reference already exists' },
        { field: 'partner.name', message: 'name is too long' },
        { field: 'lines.1.quantity', message: 'quantity must be positive' },
      ]),
    );

    expect(rest).toEqual([]);
    expect(form.get('reference')?.errors).toEqual({ server: 'reference already exists' });
    expect(form.get('reference')?.touched).toBe(true);
    expect(form.get('partner.name')?.errors).toEqual({ server: 'name is too long' });
    expect(form.get('lines.1.quantity')?.errors).toEqual({ server: 'quantity must be positive' });
    expect(form.get('lines.0.quantity')?.errors).toBeNull();
    expect(form.valid).toBe(false);
  });

  it('joins several messages for one field and keeps its client-side errors', () => {
    const form = operationForm();
    form.get('partner.name')?.setValue('');

    applyServerErrors(
      form,
      validationError([
        { field: 'partner.name', message: 'name must not be empty.' },
        { field: 'partner.name', message: 'name must be a string.' },
      ]),
    );

    expect(form.get('partner.name')?.errors).toEqual({
      required: true,
      server: 'name must not be empty. name must be a string.',
    });
  });

  it('returns the messages no control took, numbering lines from 1', () => {
    const form = operationForm();

    const rest = applyServerErrors(
      form,
      validationError([
        { field: 'warehouseId', message: 'warehouseId must be a UUID' },
        { message: 'Either partner or location is required' },
        { line: 2, error: 'INSUFFICIENT_STOCK', message: 'Only 3 kg available' },
      ]),
    );

    expect(rest).toEqual([
      'warehouseId must be a UUID',
      'Either partner or location is required',
      'Line 3: Only 3 kg available',
    ]);
  });

  it("returns the error's own message when it has no details", () => {
    const rest = applyServerErrors(operationForm(), {
      status: 409,
      code: ErrorCode.StaleVersion,
      message: 'Someone else changed this product.',
      details: [],
      requestId: null,
    });

    expect(rest).toEqual(['Someone else changed this product.']);
  });

  it('lets the server error go once the user edits the field', () => {
    const form = operationForm();
    applyServerErrors(form, validationError([{ field: 'reference', message: 'taken' }]));

    form.get('reference')?.setValue('MAIN/IN/2');

    expect(form.get('reference')?.errors).toBeNull();
  });
});
