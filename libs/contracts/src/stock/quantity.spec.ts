import {
  compareQuantities,
  formatQuantity,
  fromMilli,
  QUANTITY_PATTERN,
  toMilli,
} from './quantity';

describe('quantities', () => {
  it('adds decimals exactly: 1.25 + 2.5 = 3.75, 0.1 + 0.2 = 0.3', () => {
    expect(fromMilli(toMilli('1.25') + toMilli('2.5'))).toBe('3.75');
    expect(fromMilli(toMilli('0.1') + toMilli('0.2'))).toBe('0.3');
  });

  it('reads what PostgreSQL prints and writes the shortest form', () => {
    expect(toMilli('12.500')).toBe(12500n);
    expect(toMilli('-3.000')).toBe(-3000n);
    expect(fromMilli(3000n)).toBe('3');
    expect(fromMilli(-1n)).toBe('-0.001');
    expect(fromMilli(999999999999999n)).toBe('999999999999.999');
  });

  it.each(['0', '1', '1.5', '0.001', '999999999999.999'])('accepts %s', (value) =>
    expect(QUANTITY_PATTERN.test(value)).toBe(true),
  );
  it.each(['-1', '1.2345', '01', '1e3', '1,5', '1000000000000', '', '.5', '1.'])(
    'refuses %j',
    (value) => expect(QUANTITY_PATTERN.test(value)).toBe(false),
  );

  it.each([
    ['2', '10', -1],
    ['10', '10.000', 0],
    ['10.001', '10', 1],
    ['0.5', '0.05', 1],
  ])('compares %s with %s exactly', (a, b, sign) => expect(compareQuantities(a, b)).toBe(sign));

  it('formats quantities without trailing zeros', () => {
    expect(formatQuantity('12.500')).toBe('12.5');
    expect(formatQuantity('3.000')).toBe('3');
    expect(formatQuantity('40')).toBe('40');
  });
});
