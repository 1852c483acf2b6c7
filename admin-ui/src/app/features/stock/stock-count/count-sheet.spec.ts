import { StockLevel, StockMove } from '@stockmaster/contracts';

import {
  adjustmentLines,
  differencesFromMoves,
  entriesFromLevels,
  expectedDifference,
} from './count-sheet';

const apples = { id: 'p-1', sku: 'APL-1', name: 'Apples', unit: 'kg' };
const beef = { id: 'p-2', sku: 'BF-1', name: 'Beef', unit: 'kg' };
const shelf = { id: 'loc-a', fullName: 'MAIN/Stock/A' };
const inventory = { id: 'loc-inv', fullName: 'Inventory adjustment' };
const lot = {
  id: 'b-1',
  code: 'L-1',
  expiresAt: null,
  status: 'available',
  freshness: { status: 'fresh', daysOnShelf: 1, daysToExpiry: null },
} as const;

describe('count sheet', () => {
  const levels: StockLevel[] = [
    { product: apples, location: shelf, batch: null, quantity: '10.000' },
    { product: beef, location: shelf, batch: lot, quantity: '2.500' },
  ];

  it('builds one adjustment line per counted row, skipping rows left empty', () => {
    const entries = entriesFromLevels(levels);
    entries[1].counted = ' 2 ';
    entries.push({
      product: { id: 'p-3', sku: 'PEAR', name: 'Pears', unit: 'kg' },
      location: shelf,
      batch: null,
      systemQuantity: '0',
      counted: '4.5',
    });

    const { lines, rows } = adjustmentLines(entries);

    expect(lines).toEqual([
      { productId: 'p-2', locationId: 'loc-a', countedQuantity: '2', batchId: 'b-1' },
      { productId: 'p-3', locationId: 'loc-a', countedQuantity: '4.5' },
    ]);
    // Line i of the operation is sheet row rows[i]: per-line errors go back to those rows.
    expect(rows).toEqual([1, 2]);
  });

  it('counts a zero as a count (the stock is gone), unlike an empty field', () => {
    const entries = entriesFromLevels(levels);
    entries[0].counted = '0';
    expect(adjustmentLines(entries).lines).toEqual([
      { productId: 'p-1', locationId: 'loc-a', countedQuantity: '0' },
    ]);
    expect(expectedDifference(entries[0])).toBe('−10 kg');
    expect(expectedDifference(entries[1])).toBe('');
  });

  it('reports the differences the validated adjustment wrote, gains and losses', () => {
    const move = (over: Partial<StockMove>): StockMove => ({
      id: 'm',
      operationId: 'op-1',
      reference: 'MAIN/ADJ/00001',
      lineId: null,
      product: apples,
      batch: null,
      sourceLocation: inventory,
      destinationLocation: shelf,
      quantity: '1.000',
      doneAt: '2026-03-01T10:00:00Z',
      ...over,
    });
    const differences = differencesFromMoves(
      [
        move({ quantity: '1.500' }),
        move({
          product: beef,
          sourceLocation: shelf,
          destinationLocation: inventory,
          quantity: '0.5',
        }),
      ],
      new Set(['loc-a']),
    );
    expect(differences.map((d) => [d.product.sku, d.location.fullName, d.difference])).toEqual([
      ['APL-1', 'MAIN/Stock/A', '+1.5 kg'],
      ['BF-1', 'MAIN/Stock/A', '−0.5 kg'],
    ]);
  });
});
