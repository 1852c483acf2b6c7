import { addDays, todayIn, toMilli } from '@stockmaster/contracts';
import {
  allocate,
  AllocationRequest,
  StockCandidate,
} from '../../src/modules/stock-moves/allocation';
import {
  createLocation,
  createProduct,
  createUserAndLogin,
  createWarehouse,
} from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

type Auth = { Authorization: string };

/** A small deterministic generator: the scenario is the same on every run. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % below;
  };
}

/**
 * Allocation and inline batches are set-based (one statement for all lines): the results must be
 * those the line-by-line algorithm gives, and operations of 10,000 lines must fit the routes.
 */
describe('stock engine: whole operations at once', () => {
  let t: TestApp;
  let manager: Auth;
  let admin: Auth;
  let main: { id: string; code: string; rootLocationId: string };
  let places: { id: string; fullName: string }[];
  const today = todayIn('UTC');

  beforeAll(async () => {
    t = await startTestApp();
    manager = (await createUserAndLogin(t, { role: 'manager' })).auth;
    admin = (await createUserAndLogin(t, { role: 'admin' })).auth;
    main = await createWarehouse(t, 'MAIN');
    const root = { id: main.rootLocationId };
    const cold = await createLocation(t, main, root, 'Cold');
    places = [
      { id: main.rootLocationId, fullName: 'MAIN/Stock' },
      await createLocation(t, main, root, 'Shelf A'),
      await createLocation(t, main, root, 'Shelf B'),
      cold,
      await createLocation(t, main, cold, 'Shelf'),
    ];
  });
  afterAll(() => t.close());

  const perishable = async () => {
    const product = await createProduct(t, { tracking: 'batch', unit: 'kg' });
    await t.db.query(`UPDATE products SET shelf_life_days = 30 WHERE id = $1`, [product.id]);
    return product;
  };
  const draft = (body: object) =>
    t.http
      .post('/api/v1/operations')
      .set(manager)
      .send({ warehouseId: main.id, ...body });
  const validate = (id: string) =>
    t.http.post(`/api/v1/operations/${id}/validate`).set(manager).expect(200);
  const batchesOf = async (productId: string) =>
    (
      await t.db.query(
        `SELECT code, expires_at AS "expiresAt" FROM batches WHERE product_id = $1 ORDER BY code`,
        [productId],
      )
    ).rows as { code: string; expiresAt: string }[];

  it('receives inline batches of a whole receipt at once: each code created once, existing codes reused', async () => {
    const product = await perishable();
    const old = await t.http
      .post('/api/v1/stock-moves')
      .set(manager)
      .send({
        warehouseId: main.id,
        type: 'receipt',
        productId: product.id,
        quantity: '2',
        batch: { code: 'OLD-1', expiresAt: addDays(today, 20) },
      })
      .expect(201);
    const receipt = await draft({
      type: 'receipt',
      lines: [
        {
          productId: product.id,
          quantity: '1',
          batch: { code: 'NEW-1', expiresAt: addDays(today, 9) },
        },
        // The same code again (another case): the batch of the first line, its dates unchanged.
        {
          productId: product.id,
          quantity: '2',
          batch: { code: 'new-1', expiresAt: addDays(today, 3) },
        },
        // An existing batch keeps its own expiry.
        {
          productId: product.id,
          quantity: '3',
          batch: { code: 'old-1', expiresAt: addDays(today, 1) },
        },
        { productId: product.id, quantity: '4', batch: { code: 'NEW-2' } },
        // The existing batch by id too, into the level its inline line also fills.
        { productId: product.id, quantity: '0.5', batchId: old.body.move.batch.id },
        // A new batch's level filled by two lines, one of them at another place as well.
        { productId: product.id, quantity: '1.25', batch: { code: 'NEW-2' } },
        {
          productId: product.id,
          quantity: '6',
          batch: { code: 'NEW-2' },
          destinationLocationId: places[1].id,
        },
      ],
    }).expect(201);
    const done = await validate(receipt.body.id);
    const codes = done.body.lines.map((line: { batch: { code: string } }) => line.batch.code);
    expect(codes).toEqual(['NEW-1', 'NEW-1', 'OLD-1', 'NEW-2', 'OLD-1', 'NEW-2', 'NEW-2']);
    expect(await batchesOf(product.id)).toEqual([
      { code: 'NEW-1', expiresAt: addDays(today, 9) },
      { code: 'NEW-2', expiresAt: addDays(today, 30) },
      { code: 'OLD-1', expiresAt: addDays(today, 20) },
    ]);
    // Every level holds what its lines brought, once, and agrees with the ledger and summaries.
    const { rows: levels } = await t.db.query(
      `SELECT b.code, l.full_name AS place, trim_scale(s.quantity)::text AS quantity
         FROM stock_levels s JOIN batches b ON b.id = s.batch_id JOIN locations l ON l.id = s.location_id
        WHERE s.product_id = $1 ORDER BY b.code, l.full_name`,
      [product.id],
    );
    expect(levels).toEqual([
      { code: 'NEW-1', place: 'MAIN/Stock', quantity: '3' },
      { code: 'NEW-2', place: 'MAIN/Stock', quantity: '5.25' },
      { code: 'NEW-2', place: places[1].fullName, quantity: '6' },
      { code: 'OLD-1', place: 'MAIN/Stock', quantity: '5.5' },
    ]);
    const integrity = await t.http.get('/api/v1/stock/integrity').set(admin).expect(200);
    expect(integrity.body.ok).toBe(true);
  });

  it('allocates a 200-line FEFO delivery across many batches exactly as the line-by-line algorithm', async () => {
    const random = seeded(17);
    const products = [await perishable(), await perishable(), await perishable()];
    // Stock: 14 batches per product spread over the locations, expiries that tie, one expired.
    const receiptLines = products.flatMap((product, p) =>
      Array.from({ length: 16 }, (_, i) => {
        const code = `B${p}-${i % 14}`; // two codes twice: the batch is reused at another place
        const expired = i === 13;
        return {
          productId: product.id,
          quantity: `${5 + random(40)}${random(2) ? '.5' : ''}`,
          destinationLocationId: places[random(places.length)].id,
          batch: {
            code,
            expiresAt: expired ? addDays(today, -2) : addDays(today, 1 + random(6) * 5),
          },
          acceptExpired: expired,
        };
      }),
    );
    const receipt = await draft({ type: 'receipt', lines: receiptLines }).expect(201);
    await validate(receipt.body.id);

    const ids = products.map((product) => product.id);
    const { rows } = await t.db.query(
      `SELECT s.id::text, s.product_id, s.location_id, s.warehouse_id, l.full_name, s.batch_id,
              b.code, b.expires_at, s.quantity::text AS quantity
         FROM stock_levels s JOIN locations l ON l.id = s.location_id JOIN batches b ON b.id = s.batch_id
        WHERE s.product_id = ANY($1::uuid[]) AND s.quantity > 0 AND l.type = 'internal'
        ORDER BY s.id`,
      [ids],
    );
    const candidates: StockCandidate[] = rows.map((row) => ({
      levelId: row.id,
      productId: row.product_id,
      locationId: row.location_id,
      path: row.full_name,
      warehouseId: row.warehouse_id,
      batchId: row.batch_id,
      batchCode: row.code,
      expiresAt: row.expires_at,
      quantity: toMilli(row.quantity),
    }));
    expect(new Set(candidates.map((c) => c.batchId)).size).toBeGreaterThanOrEqual(40);

    const deliveryLines = Array.from({ length: 200 }, () => ({
      productId: ids[random(ids.length)],
      quantity: `${1 + random(5)}${random(3) ? '' : '.25'}`,
    }));
    const requests: AllocationRequest[] = deliveryLines.map((line, index) => ({
      line: index,
      productId: line.productId,
      quantity: toMilli(line.quantity),
      batchId: null,
      fefo: true,
      source: { id: main.rootLocationId, path: 'MAIN/Stock' },
      subtree: true,
      exclude: null,
    }));
    const expected = allocate(requests, candidates, today);
    expect(expected.shortfalls).toEqual([]);
    // Most lines are served from more than one batch somewhere: the split is exercised.
    expect(expected.allocations.length).toBeGreaterThan(200);

    const delivery = await draft({ type: 'delivery', lines: deliveryLines }).expect(201);
    const done = await validate(delivery.body.id);
    const lineIndex = new Map<string, number>(
      done.body.lines.map((line: { id: string }, index: number) => [line.id, index]),
    );
    const got = done.body.moves.map(
      (move: {
        lineId: string;
        sourceLocation: { id: string };
        batch: { id: string };
        quantity: string;
      }) =>
        `${lineIndex.get(move.lineId)}|${move.sourceLocation.id}|${move.batch.id}|${toMilli(move.quantity)}`,
    );
    const want = expected.allocations.map(
      ({ line, candidate, quantity }) =>
        `${line}|${candidate.locationId}|${candidate.batchId}|${quantity}`,
    );
    expect([...got].sort()).toEqual([...want].sort());
    // Within each line, the batches are taken in the algorithm's order.
    expect(got).toEqual(want);
    expect((await t.http.get('/api/v1/stock/integrity').set(admin).expect(200)).body.ok).toBe(true);
  });

  it('accepts a 10,000-line receipt with inline batches on the operation routes, and validates it', async () => {
    const product = await perishable();
    const lines = Array.from({ length: 10_000 }, (_, i) => ({
      productId: product.id,
      quantity: '1',
      destinationLocationId: places[i % places.length].id,
      batch: {
        code: `LOT-${String(i % 2_500).padStart(6, '0')}`,
        producedAt: addDays(today, -3),
        expiresAt: addDays(today, 30 + (i % 50)),
      },
    }));
    const body = JSON.stringify({ type: 'receipt', warehouseId: main.id, lines });
    expect(Buffer.byteLength(body)).toBeGreaterThan(1024 * 1024);
    const created = await t.http
      .post('/api/v1/operations')
      .set(manager)
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(201);
    expect(created.body.lines).toHaveLength(10_000);
    const done = await validate(created.body.id);
    expect(done.body.moves).toHaveLength(10_000);
    expect(
      (
        await t.db.query(`SELECT count(*)::int AS n FROM batches WHERE product_id = $1`, [
          product.id,
        ])
      ).rows[0].n,
    ).toBe(2_500);
  }, 180_000);

  it('answers 413 in the envelope for a body over the operation routes’ limit, and keeps 1 MB elsewhere', async () => {
    const huge = JSON.stringify({
      type: 'receipt',
      warehouseId: main.id,
      notes: 'x'.repeat(6 * 1024 * 1024),
    });
    const over = await t.http
      .post('/api/v1/operations')
      .set(manager)
      .set('Content-Type', 'application/json')
      .send(huge)
      .expect(413);
    expect(over.body).toEqual(
      expect.objectContaining({
        statusCode: 413,
        error: 'PAYLOAD_TOO_LARGE',
        message: 'The request body is too large (limit 5 MB)',
        requestId: over.headers['x-request-id'],
      }),
    );
    const elsewhere = await t.http
      .post('/api/v1/stock-moves')
      .set(manager)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ type: 'receipt', notes: 'x'.repeat(1100 * 1024) }))
      .expect(413);
    expect(elsewhere.body).toEqual(
      expect.objectContaining({
        error: 'PAYLOAD_TOO_LARGE',
        message: 'The request body is too large (limit 1 MB)',
      }),
    );
  });

  it('updates a level in place (a HOT update): none of the levels’ indexes names the quantity', async () => {
    const product = await createProduct(t, { unit: 'kg' });
    await t.http
      .post('/api/v1/stock-moves')
      .set(manager)
      .send({ type: 'receipt', warehouseId: main.id, productId: product.id, quantity: '5' })
      .expect(201);
    const client = await t.db.connect();
    try {
      await client.query('BEGIN');
      // What a posting does to each level it changes (StockRepository.postMoves).
      const updated = await client.query(
        `UPDATE stock_levels SET quantity = quantity - 1, updated_at = now() WHERE product_id = $1`,
        [product.id],
      );
      expect(updated.rowCount).toBe(1);
      const { rows } = await client.query(
        `SELECT pg_stat_get_xact_tuples_hot_updated('stock_levels'::regclass)::int AS hot`,
      );
      expect(rows[0].hot).toBe(1);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
    const { rows } = await t.db.query(
      `SELECT i.relname FROM pg_index x
         JOIN pg_class i ON i.oid = x.indexrelid
         JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attname = 'quantity'
        WHERE x.indrelid = 'stock_levels'::regclass
          AND (a.attnum = ANY(x.indkey::int2[])
               OR coalesce(pg_get_expr(x.indpred, x.indrelid), '') LIKE '%quantity%'
               OR coalesce(pg_get_expr(x.indexprs, x.indrelid), '') LIKE '%quantity%')`,
    );
    expect(rows).toEqual([]);
  });
});
