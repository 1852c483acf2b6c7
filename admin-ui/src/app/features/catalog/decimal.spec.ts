import { QUANTITY_PATTERN, compareDecimals, formatQuantity } from './decimal';

describe('decimal quantities', () => {
  it.each([
    ['9.5', '10', -1],
    ['10', '9.999', 1],
    ['0.1', '0.10', 0],
    ['007', '7.000', 0],
    ['12.001', '12.01', -1],
    ['0.3', '0.1', 1],
  ])('compares %s with %s exactly', (a, b, sign) => {
    expect(Math.sign(compareDecimals(a, b))).toBe(sign);
  });

  it('accepts up to 3 decimals and nothing negative', () => {
    expect(['0', '12', '12.5', '0.125'].every((q) => QUANTITY_PATTERN.test(q))).toBe(true);
    expect(['-1', '1.2345', '1,5', '.5', '1e3', ''].some((q) => QUANTITY_PATTERN.test(q))).toBe(
      false,
    );
  });

  it('drops trailing zeros for display', () => {
    expect(formatQuantity('12.500')).toBe('12.5');
    expect(formatQuantity('3.000')).toBe('3');
    expect(formatQuantity('40')).toBe('40');
  });
});
