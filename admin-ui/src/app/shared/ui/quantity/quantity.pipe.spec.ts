import { QuantityPipe } from './quantity.pipe';

describe('QuantityPipe', () => {
  const pipe = new QuantityPipe();

  it('groups thousands and pluralises word units, as on every screen', () => {
    expect(pipe.transform('1000.000', 'unit')).toBe('1,000 units');
    expect(pipe.transform('1.000', 'unit')).toBe('1 unit');
    expect(pipe.transform('12.500', 'kg')).toBe('12.5 kg');
    expect(pipe.transform('1000.000')).toBe('1,000');
  });

  it('shows nothing for a missing quantity', () => {
    expect(pipe.transform(null, 'kg')).toBe('');
    expect(pipe.transform(undefined)).toBe('');
    expect(pipe.transform('  ', 'unit')).toBe('');
  });
});
