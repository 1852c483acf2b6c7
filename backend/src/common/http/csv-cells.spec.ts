import { escapeCsvCell, unescapeCsvCell } from './csv-cells';

describe('CSV cells against formula injection', () => {
  it.each(['=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tTAB', '\rCR', "'=already quoted"])(
    'prefixes %j with a quote',
    (value) => {
      expect(escapeCsvCell(value)).toBe(`'${value}`);
    },
  );

  it.each(['Milk 1L', "Rock'n'roll", '', 'a=b', '5', '-5', '-5.000', '+2.5', "'plain quote"])(
    'keeps %j as it is (plain text and plain numbers are not formulas)',
    (value) => {
      expect(escapeCsvCell(value)).toBe(value);
    },
  );

  it.each(['=HYPERLINK("http://x")', "'=x", "''+y", '-5', '-5-5', 'plain', "'", "'-", '\t'])(
    'round-trips %j exactly',
    (value) => {
      expect(unescapeCsvCell(escapeCsvCell(value))).toBe(value);
    },
  );
});
