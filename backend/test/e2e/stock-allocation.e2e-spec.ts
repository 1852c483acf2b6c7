import { addDays, todayIn } from '@stockmaster/contracts';
import {
  createLocation,
  createProduct,
  createUserAndLogin,
  createWarehouse,
  levelOf,
} from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

type Auth = { Authorization: string };
type Location = { id: string; fullName: string };
type MoveBody = {
  lineId: string;
  batch: { code: string } | null;
  quantity: string;
  sourceLocation: { fullName: string };
  destinationLocation: { fullName: string };
};

/** Where a posting takes stock from: the warehouse default, an exact location, or a subtree. */
describe('stock engine: where stock is taken from', () => {
  let t: TestApp;
  let manager: Auth;
  let admin: Auth;
  let main: { id: string; code: string; rootLocationId: string };
  let dry: Location;
  let shelfA: Location;
  let shelfB: Location;
  let cold: Location;
  let coldShelf: Location;
  const today = todayIn('UTC');

  beforeAll(async () => {
    t = await startTestApp();
    manager = (await createUserAndLogin(t, { role: 'manager' })).auth;
    admin = (await createUserAndLogin(t, { role: 'admin' })).auth;
    main = await createWarehouse(t, 'MAIN');
    const root = { id: main.rootLocationId };
    dry = await createLocation(t, main, root, 'Dry store');
    shelfA = await createLocation(t, main, root, 'Shelf A');
    shelfB = await createLocation(t, main, root, 'Shelf B');
    cold = await createLocation(t, main, root, 'Cold');
    coldShelf = await createLocation(t, main, cold, 'Shelf');
  });
  afterAll(() => t.close());

  const quick = (body: object, auth = manager) =>
    t.http
      .post('/api/v1/stock-moves')
      .set(auth)
      .send({ warehouseId: main.id, ...body });
  const receive = (productId: string, quantity: string | number, to: string, extra = {}) =>
    quick({ type: 'receipt', productId, quantity, destinationLocationId: to, ...extra }).expect(
      201,
    );
  const perishable = async () => {
    const product = await createProduct(t, { tracking: 'batch', unit: 'kg' });
    await t.db.query(
      `UPDATE products SET shelf_life_days = 5, expiry_warning_days = 1 WHERE id = $1`,
      [product.id],
    );
    return product;
  };
  const moves = (body: { moves: MoveBody[] }) =>
    body.moves.map((m) => [m.sourceLocation.fullName, m.batch?.code ?? null, m.quantity]);
  const batchLevel = async (productId: string, locationId: string, code: string) => {
    const { rows } = await t.db.query(
      `SELECT trim_scale(s.quantity)::text AS q FROM stock_levels s JOIN batches b ON b.id = s.batch_id
        WHERE s.product_id = $1 AND s.location_id = $2 AND b.code = $3`,
      [productId, locationId, code],
    );
    return rows[0]?.q ?? '0';
  };
  const integrityOk = async () =>
    (await t.http.get('/api/v1/stock/integrity').set(admin).expect(200)).body.ok;

  it('delivers stock put away below the root when no source is given (MAIN/Stock/Dry store)', async () => {
    const product = await createProduct(t);
    await receive(product.id, 5, dry.id);
    const res = await quick({ type: 'delivery', productId: product.id, quantity: 1 }).expect(201);
    expect(res.body.move.sourceLocation.fullName).toBe('MAIN/Stock/Dry store');
    expect(await levelOf(t, product.id, dry.id)).toBe('4');
  });

  it('splits a line over the locations holding the most first, then by path, one move each', async () => {
    const product = await createProduct(t, { unit: 'kg' });
    await receive(product.id, '1', main.rootLocationId);
    await receive(product.id, '3', shelfB.id);
    await receive(product.id, '5', shelfA.id);
    await receive(product.id, '3', dry.id);
    const res = await quick({ type: 'delivery', productId: product.id, quantity: '10.5' }).expect(
      201,
    );
    expect(moves(res.body.operation)).toEqual([
      ['MAIN/Stock/Shelf A', null, '5'],
      ['MAIN/Stock/Dry store', null, '3'],
      ['MAIN/Stock/Shelf B', null, '2.5'],
    ]);
    const [line] = res.body.operation.lines;
    expect(res.body.operation.moves.every((m: MoveBody) => m.lineId === line.id)).toBe(true);
    const stored = await t.http
      .get(`/api/v1/operations/${res.body.operation.id}`)
      .set(manager)
      .expect(200);
    expect(res.body.operation).toEqual(stored.body);
    expect(await levelOf(t, product.id, main.rootLocationId)).toBe('1');
    expect(await levelOf(t, product.id, shelfB.id)).toBe('0.5');
  });

  it('validates a draft whose lines take from one location exactly and from the whole warehouse, without counting a unit twice', async () => {
    const product = await createProduct(t);
    await receive(product.id, 5, shelfA.id);
    await receive(product.id, 2, dry.id);
    const draft = await t.http
      .post('/api/v1/operations')
      .set(manager)
      .send({
        type: 'delivery',
        warehouseId: main.id,
        lines: [
          { productId: product.id, quantity: 4, sourceLocationId: shelfA.id },
          { productId: product.id, quantity: 3 },
        ],
      })
      .expect(201);
    expect(draft.body.includeChildren).toBe(false);
    const done = await t.http
      .post(`/api/v1/operations/${draft.body.id}/validate`)
      .set(manager)
      .expect(200);
    // Line 1 gets what line 0 leaves: Shelf A holds the most but has 1 left, the dry store 2.
    expect(moves(done.body)).toEqual([
      ['MAIN/Stock/Shelf A', null, '4'],
      ['MAIN/Stock/Shelf A', null, '1'],
      ['MAIN/Stock/Dry store', null, '2'],
    ]);
    expect(await levelOf(t, product.id, shelfA.id)).toBe('0');
    expect(await levelOf(t, product.id, dry.id)).toBe('0');
  });

  it('transfers from the warehouse default without taking from the destination itself, and scraps the same way', async () => {
    const product = await createProduct(t);
    await receive(product.id, 4, shelfA.id);
    await receive(product.id, 2, dry.id);
    await receive(product.id, 1, shelfB.id);
    const transfer = await quick({
      type: 'transfer',
      productId: product.id,
      quantity: 3,
      destinationLocationId: shelfA.id,
    }).expect(201);
    expect(moves(transfer.body.operation)).toEqual([
      ['MAIN/Stock/Dry store', null, '2'],
      ['MAIN/Stock/Shelf B', null, '1'],
    ]);
    expect(await levelOf(t, product.id, shelfA.id)).toBe('7');
    const scrap = await quick({ type: 'scrap', productId: product.id, quantity: 2 }).expect(201);
    expect(moves(scrap.body.operation)).toEqual([['MAIN/Stock/Shelf A', null, '2']]);
    expect(scrap.body.move.destinationLocation.fullName).toBe('Virtual/Scrap');
    expect(await levelOf(t, product.id, shelfA.id)).toBe('5');
  });

  it('keeps an explicit source exact, and takes its subtree only when includeChildren is asked', async () => {
    const product = await createProduct(t);
    await receive(product.id, 5, coldShelf.id);
    const exact = await quick({
      type: 'delivery',
      productId: product.id,
      quantity: 1,
      sourceLocationId: cold.id,
    }).expect(422);
    expect(exact.body.details).toEqual([
      {
        line: 0,
        error: 'INSUFFICIENT_STOCK',
        message: expect.stringContaining('Only 0 on hand at MAIN/Stock/Cold'),
      },
    ]);
    // The root named explicitly is one location too.
    await quick({
      type: 'delivery',
      productId: product.id,
      quantity: 1,
      sourceLocationId: main.rootLocationId,
    }).expect(422);
    const subtree = await quick({
      type: 'delivery',
      productId: product.id,
      quantity: 2,
      sourceLocationId: cold.id,
      includeChildren: true,
    }).expect(201);
    expect(moves(subtree.body.operation)).toEqual([['MAIN/Stock/Cold/Shelf', null, '2']]);
    expect(subtree.body.operation.includeChildren).toBe(true);

    const draft = await t.http
      .post('/api/v1/operations')
      .set(manager)
      .send({
        type: 'delivery',
        warehouseId: main.id,
        sourceLocationId: cold.id,
        includeChildren: true,
        lines: [{ productId: product.id, quantity: 1 }],
      })
      .expect(201);
    expect(draft.body.includeChildren).toBe(true);
    const done = await t.http
      .post(`/api/v1/operations/${draft.body.id}/validate`)
      .set(manager)
      .expect(200);
    expect(moves(done.body)).toEqual([['MAIN/Stock/Cold/Shelf', null, '1']]);
    expect(await levelOf(t, product.id, coldShelf.id)).toBe('2');
  });

  it('refuses includeChildren that is not a boolean (400)', async () => {
    const product = await createProduct(t);
    const res = await quick({
      type: 'delivery',
      productId: product.id,
      quantity: 1,
      includeChildren: 'yes',
    }).expect(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'includeChildren' })]);
  });

  it('transfers a tracked product without a batch FEFO: earliest expiry first, expired skipped, then the most held', async () => {
    const product = await perishable();
    await receive(product.id, 5, dry.id, {
      batch: { code: 'EXPIRED', receivedAt: addDays(today, -6) },
      acceptExpired: true,
    });
    await receive(product.id, 2, shelfB.id, {
      batch: { code: 'SOON', receivedAt: addDays(today, -3) },
    });
    await receive(product.id, 1, shelfA.id, {
      batch: { code: 'LATER-A', receivedAt: addDays(today, -1) },
    });
    await receive(product.id, 4, dry.id, {
      batch: { code: 'LATER-B', receivedAt: addDays(today, -1) },
    });
    const res = await quick({
      type: 'transfer',
      productId: product.id,
      quantity: 5,
      destinationLocationId: coldShelf.id,
    }).expect(201);
    expect(moves(res.body.operation)).toEqual([
      ['MAIN/Stock/Shelf B', 'SOON', '2'],
      ['MAIN/Stock/Dry store', 'LATER-B', '3'],
    ]);
    expect(await batchLevel(product.id, coldShelf.id, 'SOON')).toBe('2');
    expect(await batchLevel(product.id, coldShelf.id, 'LATER-B')).toBe('3');
    expect(await batchLevel(product.id, dry.id, 'EXPIRED')).toBe('5');

    // FEFO never reaches for the expired batch: 7 unexpired in the warehouse, not 12.
    const short = await quick({
      type: 'transfer',
      productId: product.id,
      quantity: 8,
      destinationLocationId: shelfB.id,
    }).expect(422);
    expect(short.body.details).toEqual([
      expect.objectContaining({
        line: 0,
        error: 'INSUFFICIENT_STOCK',
        message: expect.stringContaining('7 available, 8 needed'),
      }),
    ]);
    expect(await integrityOk()).toBe(true);
  });

  it('takes a given batch from wherever it lies in the warehouse, the most held first', async () => {
    const product = await perishable();
    await receive(product.id, 2, shelfA.id, { batch: { code: 'LOT-1' } });
    await receive(product.id, 3, dry.id, { batch: { code: 'LOT-1' } });
    const [{ id: batchId }] = (
      await t.db.query(`SELECT id FROM batches WHERE product_id = $1`, [product.id])
    ).rows;
    const res = await quick({ type: 'scrap', productId: product.id, quantity: 4, batchId }).expect(
      201,
    );
    expect(moves(res.body.operation)).toEqual([
      ['MAIN/Stock/Dry store', 'LOT-1', '3'],
      ['MAIN/Stock/Shelf A', 'LOT-1', '1'],
    ]);
    expect(await batchLevel(product.id, shelfA.id, 'LOT-1')).toBe('1');
  });

  describe('under concurrency', () => {
    it('never overdraws: 45 one-unit deliveries from the warehouse default against 30 spread over three locations', async () => {
      const product = await createProduct(t);
      for (const location of [shelfA, shelfB, dry]) await receive(product.id, 10, location.id);
      const results = await Promise.all(
        Array.from({ length: 45 }, () =>
          quick({ type: 'delivery', productId: product.id, quantity: 1 }),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(30);
      expect(statuses.filter((s) => s === 422)).toHaveLength(15);
      for (const location of [shelfA, shelfB, dry])
        expect(await levelOf(t, product.id, location.id)).toBe('0');
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n, sum(quantity)::text AS q FROM stock_moves m JOIN locations l ON l.id = m.destination_location_id
          WHERE m.product_id = $1 AND l.type = 'customer'`,
        [product.id],
      );
      expect(rows[0]).toEqual({ n: 30, q: '30.000' });
      expect(await integrityOk()).toBe(true);
    });

    it('runs FEFO transfers in both directions between two subtrees at once without an error, totals kept', async () => {
      const product = await perishable();
      const left = await createLocation(t, main, { id: main.rootLocationId }, 'Left');
      const leftBin = await createLocation(t, main, left, 'Bin');
      const right = await createLocation(t, main, { id: main.rootLocationId }, 'Right');
      const rightBin = await createLocation(t, main, right, 'Bin');
      await receive(product.id, 20, leftBin.id, { batch: { code: 'L' } });
      await receive(product.id, 20, rightBin.id, {
        batch: { code: 'R', receivedAt: addDays(today, -1) },
      });
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          quick({
            type: 'transfer',
            productId: product.id,
            quantity: 1,
            sourceLocationId: i % 2 ? left.id : right.id,
            includeChildren: true,
            destinationLocationId: i % 2 ? rightBin.id : leftBin.id,
          }),
        ),
      );
      expect(results.filter((r) => r.status !== 201).map((r) => r.body)).toEqual([]);
      const { rows } = await t.db.query(
        `SELECT trim_scale(sum(quantity))::text AS q FROM stock_levels WHERE product_id = $1`,
        [product.id],
      );
      expect(rows[0].q).toBe('40');
      expect(await integrityOk()).toBe(true);
    });
  });
});
