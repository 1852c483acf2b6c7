import { FormControl } from '@angular/forms';

import {
  addQuantities,
  compareQuantities,
  displayQuantity,
  quantityValidator,
  signedAmount,
  signedQuantity,
  subtractQuantities,
} from './quantity';

describe('quantities', () => {
  const check = (value: string, positive = false) =>
    quantityValidator({ positive })(new FormControl(value));

  it('accepts decimals with at most 3 places, as the API does', () => {
    for (const ok of ['1', '12.5', '0.125', '999999999999.999', ' 4 ']) {
      expect(check(ok)).toBeNull();
    }
    for (const bad of ['abc', '1.2345', '-1', '1,5', '1e3', '.5', '01', '1000000000000']) {
      expect(check(bad)).toEqual({ quantity: true });
    }
  });

  it('leaves an empty field to `required`, and refuses zero where a move needs a quantity', () => {
    expect(check('')).toBeNull();
    expect(check('0')).toBeNull();
    expect(check('0', true)).toEqual({ positive: true });
    expect(check('0.000', true)).toEqual({ positive: true });
    expect(check('0.001', true)).toBeNull();
  });

  it('adds and subtracts exactly, never as floats', () => {
    expect(addQuantities('0.1', '0.2')).toBe('0.3');
    expect(addQuantities('999999999999.999', '0.001')).toBe('1000000000000');
    expect(subtractQuantities('2', '3.5')).toBe('-1.5');
    expect(subtractQuantities('12.500', '12.5')).toBe('0');
    expect(compareQuantities('10', '9.999')).toBe(1);
    expect(compareQuantities('1.50', '1.5')).toBe(0);
  });

  it('shows quantities as people write them, with a spelled-out sign for differences', () => {
    expect(displayQuantity('12.500')).toBe('12.5');
    expect(displayQuantity('3.000')).toBe('3');
    expect(signedQuantity('2')).toBe('+2');
    expect(signedQuantity('-0.25')).toBe('−0.25');
    expect(signedQuantity('0.000')).toBe('0');
    expect(displayQuantity('1000.000')).toBe('1,000');
    expect(signedQuantity('-1500')).toBe('−1,500');
    expect(displayQuantity(null)).toBe('');
    expect(signedAmount('8', 'unit')).toBe('+8 units');
    expect(signedAmount('-1.000', 'unit')).toBe('−1 unit');
    expect(signedAmount('-2.5', 'kg')).toBe('−2.5 kg');
  });
});
