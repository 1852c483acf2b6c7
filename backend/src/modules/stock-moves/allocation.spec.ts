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

/**
 * The line-by-line algorithm as it was before levels used up were skipped for good: every line
 * walks its whole order. `allocate` must answer exactly what it answers.
 */
function lineByLine(
  requests: readonly AllocationRequest[],
  candidates: readonly StockCandidate[],
  day: string,
  reserved: ReadonlyMap<string, bigint>,
) {
  const left = new Map<string, bigint>();
  for (const c of candidates)
    left.set(
      c.levelId,
      c.quantity - (reserved.get(levelKey(c.productId, c.locationId, c.batchId)) ?? 0n),
    );
  const text = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const allocations: { line: number; levelId: string; quantity: bigint }[] = [];
  const shortfalls: { line: number; available: bigint; needed: bigint }[] = [];
  for (const r of [...requests].sort((a, b) => a.line - b.line)) {
    const order = candidates
      .filter((c) => c.productId === r.productId)
      .sort(
        (a, b) =>
          (r.fefo ? text(a.expiresAt ?? '9999-12-31', b.expiresAt ?? '9999-12-31') : 0) ||
          (a.quantity > b.quantity ? -1 : a.quantity < b.quantity ? 1 : 0) ||
          text(a.path.toLowerCase(), b.path.toLowerCase()) ||
          text(a.batchCode ?? '', b.batchCode ?? ''),
      );
    let needed = r.quantity;
    for (const c of order) {
      if (needed === 0n) break;
      const available = left.get(c.levelId)!;
      const may =
        c.locationId !== r.exclude &&
        (r.fefo
          ? c.batchId !== null && !(c.expiresAt !== null && c.expiresAt <= day)
          : c.batchId === r.batchId) &&
        (c.locationId === r.source.id || (r.subtree && isWithin(c.path, r.source.path)));
      if (available <= 0n || !may) continue;
      const take = available < needed ? available : needed;
      left.set(c.levelId, available - take);
      needed -= take;
      allocations.push({ line: r.line, levelId: c.levelId, quantity: take });
    }
    if (needed > 0n)
      shortfalls.push({ line: r.line, available: r.quantity - needed, needed: r.quantity });
  }
  return { allocations, shortfalls };
}

describe('allocate, many lines at once', () => {
  it('answers exactly what the line-by-line algorithm answers, on random stock and lines', () => {
    let state = 7;
    const random = (below: number) => {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return state % below;
    };
    const paths = [
      'MAIN/Stock',
      'MAIN/Stock/A',
      'MAIN/Stock/B',
      'MAIN/Stock/B/Top',
      'MAIN/Stock/C',
    ];
    for (let round = 0; round < 200; round++) {
      const candidates: StockCandidate[] = [];
      for (let i = 0; i < 5 + random(40); i++) {
        const batch = random(4)
          ? {
              code: `L${random(9)}`,
              expiresAt: `2026-03-${String(5 + random(20)).padStart(2, '0')}`,
            }
          : undefined;
        candidates.push(level(paths[random(paths.length)], 1 + random(9), batch, `p${random(3)}`));
      }
      const requests = Array.from({ length: 1 + random(30) }, (_, line) => {
        const source = random(3) ? ROOT : { id: 'B', path: 'MAIN/Stock/B' };
        return request(line, 1 + random(6), {
          productId: `p${random(3)}`,
          fefo: random(2) === 0,
          batchId: random(3) ? null : `b-L${random(9)}`,
          source,
          subtree: random(4) !== 0,
          exclude: random(3) ? null : 'A',
        });
      });
      const reserved = new Map([[levelKey('p0', 'A', null), BigInt(random(5) * 1000)]]);
      const got = allocate(requests, candidates, today, reserved);
      const want = lineByLine(requests, candidates, today, reserved);
      expect({
        round,
        allocations: got.allocations.map((a) => ({
          line: a.line,
          levelId: a.candidate.levelId,
          quantity: a.quantity,
        })),
        shortfalls: got.shortfalls,
      }).toEqual({ round, ...want });
    }
  });
});
