import { displayAmount, displayQuantity, unitFor } from './quantity-display';

describe('quantities for people', () => {
  it.each([
    ['1000.000', '1,000'],
    ['40', '40'],
    ['1250.500', '1,250.5'],
    ['999999999999.999', '999,999,999,999.999'],
    ['0.000', '0'],
    ['0.125', '0.125'],
    ['-2500.5', '−2,500.5'],
    [' 12.500 ', '12.5'],
  ])('writes %j as %j', (quantity, shown) => expect(displayQuantity(quantity)).toBe(shown));

  it('pluralises units written as words, and only when the quantity is not exactly one', () => {
    expect(displayAmount('8', 'unit')).toBe('8 units');
    expect(displayAmount('1.000', 'unit')).toBe('1 unit');
    expect(displayAmount('0.5', 'unit')).toBe('0.5 units');
    expect(displayAmount('0', 'box')).toBe('0 boxes');
    expect(displayAmount('1', 'box')).toBe('1 box');
    expect(displayAmount('3', 'pack')).toBe('3 packs');
    expect(unitFor('-1', 'unit')).toBe('unit');
  });

  it('leaves symbols and unknown units as they are', () => {
    expect(displayAmount('12.5', 'kg')).toBe('12.5 kg');
    expect(displayAmount('2', 'l')).toBe('2 l');
    expect(displayAmount('1500', 'ml')).toBe('1,500 ml');
    expect(displayAmount('2', 'crate')).toBe('2 crate');
  });

  it('reads a field still being typed as plural, without failing on text', () => {
    expect(unitFor('', 'unit')).toBe('units');
    expect(unitFor('ten', 'unit')).toBe('units');
    expect(unitFor('1.', 'box')).toBe('boxes');
  });
});
