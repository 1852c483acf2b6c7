import { detectDelimiter, mergeRow, readHeader, readRow } from './product-csv';

describe('product CSV rules', () => {
  it('maps header names case-insensitively and names every problem', () => {
    expect(readHeader(['SKU', ' Name ', 'shelflifedays'])).toEqual({
      columns: ['sku', 'name', 'shelfLifeDays'],
    });
    expect(readHeader(['sku', 'price', 'sku'])).toEqual({
      problems: [
        'unknown column "price" at position 2',
        'column "sku" appears twice',
        'the header must have a "name" column',
      ],
    });
  });

  it('detects the delimiter from the header line', () => {
    expect(detectDelimiter('sku;name;unit')).toBe(';');
    expect(detectDelimiter('sku,name,unit')).toBe(',');
  });

  it('turns empty cells into null and trims category path segments', () => {
    const { row, errors } = readRow(
      ['A-1', 'Apple', '', ' Fruit / Red ', ''],
      ['sku', 'name', 'description', 'category', 'shelfLifeDays'],
      2,
    );
    expect(errors).toEqual([]);
    expect(row).toEqual({
      line: 2,
      sku: 'A-1',
      name: 'Apple',
      description: null,
      category: 'Fruit/Red',
      shelfLifeDays: null,
    });
  });

  it('reports each bad cell of a row with its column', () => {
    const { row, errors } = readRow(
      ['bad sku', '', 'km', 'serial', '1.5', 'Fruit//Red'],
      ['sku', 'name', 'unit', 'tracking', 'expiryWarningDays', 'category'],
      7,
    );
    expect(row).toBeNull();
    expect(errors.map((e) => e.column)).toEqual([
      'sku',
      'name',
      'unit',
      'tracking',
      'expiryWarningDays',
      'category',
    ]);
    expect(errors.every((e) => e.row === 7)).toBe(true);
  });

  it('gives new products defaults, keeps stored values for columns the file leaves out', () => {
    const created = mergeRow(
      { line: 2, sku: 'N-1', name: 'New', unit: 'kg' },
      undefined,
      undefined,
    );
    expect(created.product).toEqual(
      expect.objectContaining({
        tracking: 'none',
        expiryWarningDays: 2,
        categoryId: null,
        barcode: null,
      }),
    );
    expect(mergeRow({ line: 3, sku: 'N-2', name: 'No unit' }, undefined, undefined).error).toEqual(
      expect.objectContaining({ row: 3, column: 'unit' }),
    );
    const stored = {
      sku: 'S-1',
      name: 'Old',
      description: 'kept',
      categoryId: 'c1',
      unit: 'l' as const,
      barcode: '123',
      tracking: 'batch' as const,
      shelfLifeDays: 4,
      expiryWarningDays: 1,
    };
    const merged = mergeRow(
      { line: 4, sku: 's-1', name: 'Renamed', barcode: null },
      stored,
      undefined,
    ).product;
    expect(merged).toEqual({ ...stored, name: 'Renamed', barcode: null });
  });
});
