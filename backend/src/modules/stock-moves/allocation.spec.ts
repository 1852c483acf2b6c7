import {
  allocate,
  AllocationRequest,
  isWithin,
  levelKey,
  shortfallDetail,
  StockCandidate,
} from './allocation';

const today = '2026-03-10';
const ROOT = { id: 'root', path: 'MAIN/Stock' };

let nextLevel = 1;
function level(
  path: string,
  quantity: number,
  batch?: { code: string; expiresAt: string | null },
  productId = 'p',
): StockCandidate {
  const locationId = path.split('/').slice(2).join('/') || 'root';
  return {
    levelId: String(nextLevel++),
    productId,
    locationId,
    path,
    warehouseId: 'w',
    batchId: batch ? `b-${batch.code}` : null,
    batchCode: batch?.code ?? null,
    expiresAt: batch?.expiresAt ?? null,
    quantity: BigInt(quantity * 1000),
  };
}

function request(
  line: number,
  quantity: number,
  extra: Partial<AllocationRequest> = {},
): AllocationRequest {
  return {
    line,
    productId: 'p',
    quantity: BigInt(quantity * 1000),
    batchId: null,
    fefo: false,
    source: ROOT,
    subtree: true,
    exclude: null,
    ...extra,
  };
}

/** [line, location, batch code, quantity] per allocation. */
const taken = (result: ReturnType<typeof allocate>) =>
  result.allocations.map((a) => [
    a.line,
    a.candidate.locationId,
    a.candidate.batchCode,
    Number(a.quantity) / 1000,
  ]);

describe('allocate', () => {
  it('takes the level holding the most first, then by path, splitting a line', () => {
    const stock = [
      level('MAIN/Stock', 1),
      level('MAIN/Stock/Shelf B', 3),
      level('MAIN/Stock/Shelf A', 5),
      level('MAIN/Stock/Dry store', 3),
    ];
    const result = allocate([request(0, 10.5)], stock, today);
    expect(taken(result)).toEqual([
      [0, 'Shelf A', null, 5],
      [0, 'Dry store', null, 3],
      [0, 'Shelf B', null, 2.5],
    ]);
    expect(result.shortfalls).toEqual([]);
  });

  it('is deterministic whatever order the stock is read in', () => {
    const stock = [level('MAIN/Stock/b', 2), level('MAIN/Stock/A', 2), level('MAIN/Stock/c', 2)];
    const one = taken(allocate([request(0, 3)], stock, today));
    const other = taken(allocate([request(0, 3)], [...stock].reverse(), today));
    expect(one).toEqual(other);
    expect(one).toEqual([
      [0, 'A', null, 2],
      [0, 'b', null, 1],
    ]);
  });

  it('allocates FEFO: earliest expiry first, expired and batchless stock never, no expiry last', () => {
    const stock = [
      level('MAIN/Stock/Dry', 5, { code: 'EXPIRED', expiresAt: today }),
      level('MAIN/Stock/Dry', 9, { code: 'NEVER', expiresAt: null }),
      level('MAIN/Stock/Shelf', 1, { code: 'LATER-A', expiresAt: '2026-03-14' }),
      level('MAIN/Stock/Dry', 4, { code: 'LATER-B', expiresAt: '2026-03-14' }),
      level('MAIN/Stock/B', 2, { code: 'SOON', expiresAt: '2026-03-12' }),
    ];
    const result = allocate([request(0, 9, { fefo: true })], stock, today);
    expect(taken(result)).toEqual([
      [0, 'B', 'SOON', 2],
      [0, 'Dry', 'LATER-B', 4],
      [0, 'Shelf', 'LATER-A', 1],
      [0, 'Dry', 'NEVER', 2],
    ]);
  });

  it('takes only the given batch, or only untracked stock, when not FEFO', () => {
    const stock = [
      level('MAIN/Stock/A', 2, { code: 'L1', expiresAt: null }),
      level('MAIN/Stock/B', 3, { code: 'L2', expiresAt: null }),
    ];
    expect(taken(allocate([request(0, 2, { batchId: 'b-L2' })], stock, today))).toEqual([
      [0, 'B', 'L2', 2],
    ]);
    expect(allocate([request(0, 1)], stock, today).shortfalls).toEqual([
      { line: 0, available: 0n, needed: 1000n },
    ]);
  });

  it('keeps an exact source exact, a subtree within its path, and never takes from the excluded location', () => {
    const stock = [
      level('MAIN/Stock/Cold', 1),
      level('MAIN/Stock/Cold/Shelf', 5),
      level('MAIN/Stock/Coldroom', 7),
    ];
    const cold = { id: 'Cold', path: 'MAIN/Stock/Cold' };
    const exact = allocate([request(0, 2, { source: cold, subtree: false })], stock, today);
    expect(taken(exact)).toEqual([[0, 'Cold', null, 1]]);
    expect(exact.shortfalls).toEqual([{ line: 0, available: 1000n, needed: 2000n }]);
    const subtree = allocate([request(0, 6, { source: cold })], stock, today);
    expect(taken(subtree)).toEqual([
      [0, 'Cold/Shelf', null, 5],
      [0, 'Cold', null, 1],
    ]);
    const excluded = allocate(
      [request(0, 6, { source: cold, exclude: 'Cold/Shelf' })],
      stock,
      today,
    );
    expect(excluded.shortfalls).toEqual([{ line: 0, available: 1000n, needed: 6000n }]);
  });

  it('never counts a unit twice: later lines get what earlier and exact lines left', () => {
    const shelf = level('MAIN/Stock/Shelf A', 5);
    const dry = level('MAIN/Stock/Dry store', 2);
    const reserved = new Map([[levelKey('p', 'Shelf A', null), 4000n]]);
    const result = allocate([request(1, 3)], [shelf, dry], today, reserved);
    expect(taken(result)).toEqual([
      [1, 'Shelf A', null, 1],
      [1, 'Dry store', null, 2],
    ]);
    const two = allocate([request(2, 2), request(1, 2)], [shelf], today);
    expect(taken(two)).toEqual([
      [1, 'Shelf A', null, 2],
      [2, 'Shelf A', null, 2],
    ]);
    const short = allocate([request(0, 4), request(1, 2)], [shelf], today);
    expect(short.shortfalls).toEqual([{ line: 1, available: 1000n, needed: 2000n }]);
  });

  it('orders by what each level holds, so the lines of one product gather where most of it is', () => {
    const stock = [level('MAIN/Stock/A', 50), level('MAIN/Stock/B', 49)];
    const lines = [0, 1, 2].map((line) => request(line, 1));
    expect(taken(allocate(lines, stock, today))).toEqual([
      [0, 'A', null, 1],
      [1, 'A', null, 1],
      [2, 'A', null, 1],
    ]);
  });

  it('treats a level overdrawn by exact lines as empty', () => {
    const shelf = level('MAIN/Stock/Shelf A', 1);
    const reserved = new Map([[levelKey('p', 'Shelf A', null), 3000n]]);
    const result = allocate([request(0, 1)], [shelf], today, reserved);
    expect(result.allocations).toEqual([]);
    expect(result.shortfalls).toEqual([{ line: 0, available: 0n, needed: 1000n }]);
  });

  it('ignores other products', () => {
    const stock = [level('MAIN/Stock/A', 5, undefined, 'other')];
    expect(allocate([request(0, 1)], stock, today).shortfalls).toHaveLength(1);
  });
});

describe('isWithin', () => {
  it('matches the root and what lies below it, case-insensitively, not a sibling sharing a prefix', () => {
    expect(isWithin('MAIN/Stock', 'MAIN/Stock')).toBe(true);
    expect(isWithin('MAIN/Stock/Cold/Shelf', 'main/stock/cold')).toBe(true);
    expect(isWithin('MAIN/Stock/Coldroom', 'MAIN/Stock/Cold')).toBe(false);
  });
});

describe('shortfallDetail', () => {
  it('names where the line looked, what it found and what it needed', () => {
    const shortfall = { line: 2, available: 1500n, needed: 4000n };
    expect(shortfallDetail(shortfall, request(2, 4))).toEqual({
      line: 2,
      error: 'INSUFFICIENT_STOCK',
      message: 'Only 1.5 on hand at MAIN/Stock and below; this line needs 4',
    });
    expect(shortfallDetail(shortfall, request(2, 4, { fefo: true, subtree: false })).message).toBe(
      'Not enough unexpired stock at MAIN/Stock: 1.5 available, 4 needed',
    );
  });
});
