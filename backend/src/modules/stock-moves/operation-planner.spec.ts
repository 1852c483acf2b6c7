import { OperationType, StockErrorCode } from '@stockmaster/contracts';
import { StockCandidate } from './allocation';
import { LineSpec } from './line-specs';
import {
  allocateTakes,
  countDifferences,
  countedKeys,
  DefaultPlace,
  defaultLocations,
  directMoves,
  lineErrors,
  placesNeeded,
  PlanHeader,
  Prepared,
  resolveLines,
  splitTakes,
} from './operation-planner';
import { LocationInfo, ProductInfo, ResolvedLine } from './operation-rules';

const today = '2026-03-10';
const PLACES = new Map<DefaultPlace, string | null>([
  ['root', 'root'],
  ['supplier', 'supplier'],
  ['customer', 'customer'],
  ['scrap', 'scrap'],
]);

const header = (type: OperationType, extra: Partial<PlanHeader> = {}): PlanHeader => ({
  type,
  warehouseId: 'w',
  sourceLocationId: null,
  destinationLocationId: null,
  includeChildren: false,
  ...extra,
});

let nextLine = 1;
const spec = (extra: Partial<LineSpec> = {}): LineSpec => ({
  id: `line-${nextLine++}`,
  productId: 'p',
  batchId: null,
  newBatch: null,
  quantity: '1',
  countedQuantity: null,
  sourceLocationId: null,
  destinationLocationId: null,
  acceptExpired: false,
  ...extra,
});

const internal = (id: string, path: string): LocationInfo => ({
  id,
  type: 'internal',
  warehouse_id: 'w',
  full_name: path,
});

const product = (id: string, tracking: 'none' | 'batch'): ProductInfo => ({
  id,
  sku: id.toUpperCase(),
  name: id,
  unit: 'pcs',
  active: true,
  tracking,
  shelf_life_days: null,
});

function prepared(type: OperationType, lines: ResolvedLine[], tracking: 'none' | 'batch') {
  const result: Prepared = {
    type,
    lines,
    lineIds: lines.map((line) => `id-${line.line}`),
    products: new Map([['p', product('p', tracking)]]),
    locations: new Map<string, LocationInfo>([
      ['root', internal('root', 'MAIN/Stock')],
      ['a', internal('a', 'MAIN/Stock/A')],
      ['b', internal('b', 'MAIN/Stock/B')],
      [
        'customer',
        { id: 'customer', type: 'customer', warehouse_id: null, full_name: 'Customers' },
      ],
      [
        'inventory',
        { id: 'inventory', type: 'inventory', warehouse_id: null, full_name: 'Inventory' },
      ],
    ]),
    batches: new Map(),
    errors: [],
  };
  return result;
}

let nextLevel = 1;
const stock = (
  locationId: string,
  path: string,
  quantity: number,
  batch?: { code: string; expiresAt: string },
): StockCandidate => ({
  levelId: String(nextLevel++),
  productId: 'p',
  locationId,
  path,
  warehouseId: 'w',
  batchId: batch ? `batch-${batch.code}` : null,
  batchCode: batch?.code ?? null,
  expiresAt: batch?.expiresAt ?? null,
  quantity: BigInt(quantity * 1000),
});

describe('move planner: defaults per operation type', () => {
  it.each([
    ['receipt', ['supplier', 'root'], ['supplier', 'root']],
    ['delivery', ['root', 'customer'], ['root', 'customer']],
    ['transfer', ['root'], ['root', null]],
    ['scrap', ['root', 'scrap'], ['root', 'scrap']],
    ['adjustment', [], [null, null]],
  ] as const)('%s defaults to %j', (type, needed, locations) => {
    expect(placesNeeded(header(type))).toEqual(needed);
    expect(defaultLocations(header(type), PLACES)).toEqual(locations);
  });

  it('keeps the sides the header gives and looks up only the others', () => {
    const given = header('delivery', { sourceLocationId: 'a' });
    expect(placesNeeded(given)).toEqual(['customer']);
    expect(defaultLocations(given, new Map([['customer', 'customer']]))).toEqual(['a', 'customer']);
    const both = header('receipt', { sourceLocationId: 's', destinationLocationId: 'b' });
    expect(placesNeeded(both)).toEqual([]);
    expect(defaultLocations(both, new Map())).toEqual(['s', 'b']);
  });

  it('lets a line name its own locations, and pools a taking line without an exact source', () => {
    const resolved = resolveLines(
      header('transfer', { destinationLocationId: 'b' }),
      [spec(), spec({ sourceLocationId: 'a' }), spec({ destinationLocationId: 'a' })],
      ['root', 'b'],
    );
    expect(resolved.map((line) => [line.from, line.to, line.pool])).toEqual([
      ['root', 'b', true],
      ['a', 'b', false],
      ['root', 'a', true],
    ]);
  });

  it('pools an explicit source with includeChildren, never a receipt', () => {
    const children = resolveLines(
      header('scrap', { sourceLocationId: 'a', includeChildren: true }),
      [spec()],
      ['a', 'scrap'],
    );
    expect(children[0]).toMatchObject({ from: 'a', to: 'scrap', pool: true });
    const receipt = resolveLines(header('receipt'), [spec()], ['supplier', 'root']);
    expect(receipt[0]).toMatchObject({ from: 'supplier', to: 'root', pool: false });
  });

  it('gives a count the line’s own location and no destination', () => {
    const [line] = resolveLines(
      header('adjustment', { sourceLocationId: 'root' }),
      [spec({ quantity: null, countedQuantity: '4', sourceLocationId: 'a' })],
      [null, null],
    );
    expect(line).toMatchObject({ from: 'a', to: null, pool: false, countedQuantity: '4' });
  });

  it('refuses a count that counts one level twice, naming the first line', () => {
    const lines = resolveLines(
      header('adjustment'),
      [
        spec({ countedQuantity: '1', sourceLocationId: 'a' }),
        spec({ countedQuantity: '2', sourceLocationId: 'a' }),
      ],
      [null, null],
    );
    const base = prepared('adjustment', lines, 'none');
    const errors = lineErrors(lines, {
      type: 'adjustment',
      warehouseId: 'w',
      products: base.products,
      locations: base.locations,
      batches: base.batches,
      today,
      usableWarehouses: null,
      batchesByCode: new Map(),
    });
    expect(errors).toEqual([
      { line: 1, error: StockErrorCode.ValidationFailed, message: 'Already counted on line 1' },
    ]);
  });

  it('moves a receipt line as given', () => {
    const lines = resolveLines(header('receipt'), [spec({ quantity: '3' })], ['supplier', 'root']);
    expect(directMoves(prepared('receipt', lines, 'none'))).toEqual([
      {
        line: 0,
        lineId: 'id-0',
        productId: 'p',
        batchId: null,
        from: 'supplier',
        to: 'root',
        quantity: '3',
      },
    ]);
  });
});

describe('move planner: FEFO split', () => {
  it('splits a batch-tracked delivery line across batches and locations, earliest expiry first', () => {
    const lines = resolveLines(header('delivery'), [spec({ quantity: '7' })], ['root', 'customer']);
    const plan = prepared('delivery', lines, 'batch');
    const { direct, allocated, scopes } = splitTakes(plan, plan.lines);
    expect(direct).toEqual([]);
    expect(allocated).toHaveLength(1);
    expect(scopes.sources).toEqual([
      {
        productId: 'p',
        locationId: 'root',
        subtree: true,
        batchId: null,
        anyBatch: true,
        exclude: null,
        demand: '7',
      },
    ]);
    const locked = [
      stock('a', 'MAIN/Stock/A', 5, { code: 'LATE', expiresAt: '2026-05-01' }),
      stock('b', 'MAIN/Stock/B', 4, { code: 'SOON', expiresAt: '2026-03-20' }),
      stock('a', 'MAIN/Stock/A', 9, { code: 'GONE', expiresAt: '2026-03-01' }),
    ];
    const { moves, shortfalls } = allocateTakes(plan, direct, allocated, locked, today);
    expect(shortfalls).toEqual([]);
    expect(moves.map((m) => [m.from, m.to, m.batchId, m.quantity])).toEqual([
      ['b', 'customer', 'batch-SOON', '4'],
      ['a', 'customer', 'batch-LATE', '3'],
    ]);
    // The posting and its answer name the batches the allocation chose.
    expect(plan.batches.get('batch-SOON')).toMatchObject({
      code: 'SOON',
      expires_at: '2026-03-20',
    });
  });

  it('reports a line short when the unexpired stock is not enough', () => {
    const lines = resolveLines(header('delivery'), [spec({ quantity: '6' })], ['root', 'customer']);
    const plan = prepared('delivery', lines, 'batch');
    const { direct, allocated } = splitTakes(plan, plan.lines);
    const locked = [
      stock('a', 'MAIN/Stock/A', 2, { code: 'OK', expiresAt: '2026-04-01' }),
      stock('b', 'MAIN/Stock/B', 9, { code: 'OLD', expiresAt: '2026-03-10' }),
    ];
    const { shortfalls } = allocateTakes(plan, direct, allocated, locked, today);
    expect(shortfalls).toEqual([
      {
        line: 0,
        error: StockErrorCode.InsufficientStock,
        message: 'Not enough unexpired stock at MAIN/Stock and below: 2 available, 6 needed',
      },
    ]);
  });

  it('keeps an exact line direct and allocates the pooled one after what it takes', () => {
    const lines = resolveLines(
      header('delivery'),
      [spec({ quantity: '3', sourceLocationId: 'a' }), spec({ quantity: '4' })],
      ['root', 'customer'],
    );
    const plan = prepared('delivery', lines, 'none');
    const { direct, allocated, scopes } = splitTakes(plan, plan.lines);
    expect(direct.map((m) => [m.line, m.from, m.quantity])).toEqual([[0, 'a', '3']]);
    expect(scopes.exact).toEqual([
      { productId: 'p', locationId: 'a', warehouseId: 'w', batchId: null },
    ]);
    const locked = [stock('a', 'MAIN/Stock/A', 5), stock('b', 'MAIN/Stock/B', 2)];
    const { moves, shortfalls } = allocateTakes(plan, direct, allocated, locked, today);
    expect(shortfalls).toEqual([]);
    expect(moves.map((m) => [m.line, m.from, m.quantity])).toEqual([
      [0, 'a', '3'],
      [1, 'a', '2'],
      [1, 'b', '2'],
    ]);
  });
});

describe('move planner: counted-quantity differences', () => {
  const count = (counted: string) => {
    const lines = resolveLines(
      header('adjustment'),
      [spec({ quantity: null, countedQuantity: counted, sourceLocationId: 'a' })],
      [null, null],
    );
    return prepared('adjustment', lines, 'none');
  };
  const held = new Map([['p|a|', { quantity: '5.5' }]]);

  it('reads the level each line counts', () => {
    expect(countedKeys(count('1'))).toEqual([
      { productId: 'p', locationId: 'a', warehouseId: 'w', batchId: null },
    ]);
  });

  it('moves a gain in from the inventory location', () => {
    expect(countDifferences(count('8'), held, 'inventory')).toEqual([
      {
        line: 0,
        lineId: 'id-0',
        productId: 'p',
        batchId: null,
        from: 'inventory',
        to: 'a',
        quantity: '2.5',
      },
    ]);
  });

  it('moves a loss out to the inventory location', () => {
    expect(
      countDifferences(count('2'), held, 'inventory').map((m) => [m.from, m.to, m.quantity]),
    ).toEqual([['a', 'inventory', '3.5']]);
  });

  it('moves nothing when the count matches, and counts a level never stocked as 0', () => {
    expect(countDifferences(count('5.5'), held, 'inventory')).toEqual([]);
    expect(countDifferences(count('0'), new Map(), 'inventory')).toEqual([]);
    expect(
      countDifferences(count('1'), new Map(), 'inventory').map((m) => [m.from, m.to, m.quantity]),
    ).toEqual([['inventory', 'a', '1']]);
  });
});
