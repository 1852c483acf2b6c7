import { readStockHeader, readStockRow, stockImportTemplate } from './stock-import-csv';

describe('stock import CSV rows', () => {
  const columns = ['sku', 'location', 'quantity', 'batch', 'expiresAt', 'producedAt'] as const;
  const read = (...cells: string[]) => readStockRow(cells, [...columns], 7);

  it('maps a header case-insensitively and names what is wrong with it', () => {
    expect(readStockHeader(['SKU', ' Location ', 'quantity'])).toEqual({
      columns: ['sku', 'location', 'quantity'],
    });
    expect(readStockHeader(['sku', 'sku', 'qty'])).toEqual({
      problems: [
        'column "sku" appears twice',
        'unknown column "qty" at position 3',
        'the header must have a "location" column',
        'the header must have a "quantity" column',
      ],
    });
  });

  it('reads a good row, trimming cells and path segments, empty optional cells as null', () => {
    expect(read(' RICE ', 'MAIN / Stock /Cold room', '4.125', '', '', '')).toEqual({
      errors: [],
      row: {
        line: 7,
        sku: 'RICE',
        location: 'MAIN/Stock/Cold room',
        quantity: '4.125',
        batch: null,
        expiresAt: null,
        producedAt: null,
      },
    });
  });

  it('reports each bad cell with its column', () => {
    const { row, errors } = read('', '', '1,5', 'x'.repeat(65), '2026-02-30', '31/12/2026');
    expect(row).toBeNull();
    expect(errors.map((error) => [error.line, error.column])).toEqual([
      [7, 'sku'],
      [7, 'location'],
      [7, 'quantity'],
      [7, 'batch'],
      [7, 'expiresAt'],
      [7, 'producedAt'],
    ]);
    for (const quantity of ['-1', '1.2345', '1e3', '']) {
      expect(read('A', 'MAIN/Stock', quantity, '', '', '').errors).toEqual([
        expect.objectContaining({ column: 'quantity' }),
      ]);
    }
    expect(read('A', 'MAIN/Stock', '0', '', '', '').errors).toEqual([]);
  });

  it('reports a row with the wrong number of cells on the row, not a column', () => {
    expect(readStockRow(['A', 'B'], [...columns], 3).errors).toEqual([
      { line: 3, column: null, message: 'expected 6 cells, found 2' },
    ]);
  });

  it('has a template whose header is the columns and whose rows read cleanly', () => {
    const [header, ...rows] = stockImportTemplate().trim().split('\r\n');
    expect(header).toBe(columns.join(','));
    expect(rows).toHaveLength(2);
    for (const [index, line] of rows.entries())
      expect(readStockRow(line.split(','), [...columns], index + 2).errors).toEqual([]);
  });
});
