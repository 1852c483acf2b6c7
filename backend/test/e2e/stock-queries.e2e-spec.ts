import { addDays, todayIn } from '@stockmaster/contracts';
import {
  createLocation,
  createProduct,
  createUserAndLogin,
  createWarehouse,
} from '../setup/factories';
import { EntityManager } from 'typeorm';
import { OperationsRepository } from '../../src/modules/stock-moves/operations.repository';
import { startTestApp, TestApp } from '../setup/test-app';

type Auth = { Authorization: string };

describe('stock engine: levels, summary, as-of, ledger, integrity', () => {
  let t: TestApp;
  let admin: Auth;
  let w: { id: string; code: string; rootLocationId: string };
  let cold: { id: string; fullName: string };
  let shelf: { id: string; fullName: string };
  let milk: { id: string; sku: string };
  let butter: { id: string; sku: string };
  let beforeDelivery: string;

  const quick = (body: object) =>
    t.http
      .post('/api/v1/stock-moves')
      .set(admin)
      .send({ warehouseId: w.id, ...body })
      .expect(201);

  beforeAll(async () => {
    t = await startTestApp();
    admin = (await createUserAndLogin(t, { role: 'admin' })).auth;
    w = await createWarehouse(t, 'QRY');
    cold = await createLocation(t, w, { id: w.rootLocationId }, 'Cold');
    shelf = await createLocation(t, w, cold, 'Shelf-1');
    milk = await createProduct(t, { sku: 'Q-MILK', unit: 'l' });
    butter = await createProduct(t, { sku: 'Q-BUTTER', unit: 'kg' });
    await quick({
      type: 'receipt',
      productId: milk.id,
      quantity: '10',
      destinationLocationId: cold.id,
    });
    await quick({
      type: 'receipt',
      productId: milk.id,
      quantity: '4.5',
      destinationLocationId: shelf.id,
    });
    await quick({
      type: 'receipt',
      productId: butter.id,
      quantity: '2',
      destinationLocationId: w.rootLocationId,
    });
    // The database's clock, the one that stamps the moves: committed before, posted after.
    beforeDelivery = await dbNow();
    await quick({ type: 'delivery', productId: milk.id, quantity: '3', sourceLocationId: cold.id });
  });
  afterAll(() => t.close());

  /** now() as the database reads it (ISO 8601): the clock that dates every move. */
  const dbNow = async (): Promise<string> =>
    ((await t.db.query(`SELECT now() AS now`)).rows[0].now as Date).toISOString();

  it('lists levels with product, location and quantity, filtered by location with or without children', async () => {
    const all = await t.http.get(`/api/v1/stock-levels?warehouseId=${w.id}`).set(admin).expect(200);
    expect(all.body.data).toEqual([
      {
        product: expect.objectContaining({ sku: 'Q-BUTTER', unit: 'kg' }),
        location: { id: w.rootLocationId, fullName: 'QRY/Stock' },
        batch: null,
        quantity: '2',
      },
      {
        product: expect.objectContaining({ sku: 'Q-MILK' }),
        location: { id: cold.id, fullName: 'QRY/Stock/Cold' },
        batch: null,
        quantity: '7',
      },
      {
        product: expect.objectContaining({ sku: 'Q-MILK' }),
        location: { id: shelf.id, fullName: 'QRY/Stock/Cold/Shelf-1' },
        batch: null,
        quantity: '4.5',
      },
    ]);
    expect(all.body.meta.total).toBe(3);
    const only = await t.http
      .get(`/api/v1/stock-levels?locationId=${cold.id}`)
      .set(admin)
      .expect(200);
    expect(only.body.data.map((l: { quantity: string }) => l.quantity)).toEqual(['7']);
    const tree = await t.http
      .get(`/api/v1/stock-levels?locationId=${cold.id}&includeChildren=true`)
      .set(admin)
      .expect(200);
    expect(tree.body.data.map((l: { quantity: string }) => l.quantity)).toEqual(['7', '4.5']);
    const search = await t.http
      .get(`/api/v1/stock-levels?warehouseId=${w.id}&search=butter`)
      .set(admin)
      .expect(200);
    expect(search.body.meta.total).toBe(1);
  });

  it('gives each level’s batch its status and its freshness today', async () => {
    const today = todayIn('UTC');
    // A warehouse of its own: the ledger test below counts the moves of this one.
    const fresh = await createWarehouse(t, 'QRYF');
    const fish = await createProduct(t, { tracking: 'batch', unit: 'kg' });
    await t.db.query(`UPDATE products SET expiry_warning_days = 3 WHERE id = $1`, [fish.id]);
    const receive = async (code: string, expiresAt: string) =>
      (
        await quick({
          type: 'receipt',
          productId: fish.id,
          quantity: '5',
          batch: { code, receivedAt: today, expiresAt },
          warehouseId: fresh.id,
          destinationLocationId: fresh.rootLocationId,
        })
      ).body.move.batch.id as string;
    await receive('SOON', addDays(today, 2));
    const held = await receive('HELD', addDays(today, 30));
    await t.http
      .post(`/api/v1/batches/${held}/quarantine`)
      .set(admin)
      .send({ reason: 'Supplier alert' })
      .expect(200);
    const levels = await t.http
      .get(`/api/v1/stock-levels?productId=${fish.id}`)
      .set(admin)
      .expect(200);
    const batches = levels.body.data.map((l: { batch: unknown }) => l.batch);
    expect(batches).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'SOON',
          expiresAt: addDays(today, 2),
          status: 'available',
          freshness: { status: 'caution', daysOnShelf: 0, daysToExpiry: 2 },
        }),
        expect.objectContaining({
          code: 'HELD',
          status: 'quarantined',
          freshness: { status: 'fresh', daysOnShelf: 0, daysToExpiry: 30 },
        }),
      ]),
    );
    expect(batches).toHaveLength(2);
    const asOf = await t.http
      .get(
        `/api/v1/stock-levels/as-of?date=${encodeURIComponent(await dbNow())}&productId=${fish.id}`,
      )
      .set(admin)
      .expect(200);
    expect(asOf.body.data.map((l: { batch: { status: string } }) => l.batch.status).sort()).toEqual(
      ['available', 'quarantined'],
    );
  });

  it('sums on hand per product with the reorder minimum and flags what is below it', async () => {
    const eggs = await createProduct(t, { sku: 'Q-EGGS' });
    await t.db.query(
      `INSERT INTO reorder_rules (product_id, warehouse_id, min_quantity, max_quantity) VALUES ($1, $2, 20, 50), ($3, $2, 1, 5), ($4, $2, 6, 12)`,
      [milk.id, w.id, butter.id, eggs.id],
    );
    const res = await t.http
      .get(`/api/v1/stock-levels/summary?warehouseId=${w.id}`)
      .set(admin)
      .expect(200);
    const rows = Object.fromEntries(
      res.body.data.map((r: { product: { sku: string } }) => [r.product.sku, r]),
    );
    expect(rows['Q-MILK']).toEqual(
      expect.objectContaining({ onHand: '11.5', minQuantity: '20', belowMinimum: true }),
    );
    expect(rows['Q-BUTTER']).toEqual(
      expect.objectContaining({ onHand: '2', minQuantity: '1', belowMinimum: false }),
    );
    expect(rows['Q-EGGS']).toEqual(
      expect.objectContaining({ onHand: '0', minQuantity: '6', belowMinimum: true }),
    );
    const below = await t.http
      .get(`/api/v1/stock-levels/summary?warehouseId=${w.id}&belowMinimum=true`)
      .set(admin)
      .expect(200);
    expect(below.body.data.map((r: { product: { sku: string } }) => r.product.sku).sort()).toEqual([
      'Q-EGGS',
      'Q-MILK',
    ]);
    expect(below.body.data[0].warehouse).toEqual({ id: w.id, code: 'QRY', name: 'Warehouse QRY' });
  });

  it('judges each reorder rule against its own warehouse: MAIN 76 under a minimum of 100 is low although SHOP holds 50', async () => {
    const main = await createWarehouse(t, 'MAIN');
    const shop = await createWarehouse(t, 'SHOP');
    const flour = await createProduct(t, { sku: 'Q-FLOUR', unit: 'kg' });
    await quick({ type: 'receipt', productId: flour.id, quantity: 76, warehouseId: main.id });
    await quick({ type: 'receipt', productId: flour.id, quantity: 50, warehouseId: shop.id });
    await t.db.query(
      `INSERT INTO reorder_rules (product_id, warehouse_id, min_quantity, max_quantity) VALUES ($1, $2, 100, 200)`,
      [flour.id, main.id],
    );
    const row = (warehouse: { id: string; code: string }, fields: object) => ({
      product: { id: flour.id, sku: 'Q-FLOUR', name: 'Product Q-FLOUR', unit: 'kg' },
      warehouse: { id: warehouse.id, code: warehouse.code, name: `Warehouse ${warehouse.code}` },
      ...fields,
    });
    const summary = async (query: string, auth = admin) =>
      (await t.http.get(`/api/v1/stock-levels/summary?${query}`).set(auth).expect(200)).body;

    const all = await summary('search=Q-FLOUR');
    expect(all.data).toEqual([
      row(main, {
        onHand: '76',
        available: '76',
        expired: '0',
        blocked: '0',
        minQuantity: '100',
        maxQuantity: '200',
        belowMinimum: true,
      }),
      row(shop, {
        onHand: '50',
        available: '50',
        expired: '0',
        blocked: '0',
        minQuantity: null,
        maxQuantity: null,
        belowMinimum: false,
      }),
    ]);
    expect(all.meta.total).toBe(2);
    expect((await summary('search=Q-FLOUR&belowMinimum=true')).data).toEqual([all.data[0]]);
    // Every (product, warehouse) below its minimum, across warehouses.
    const low = await summary('belowMinimum=true');
    expect(
      low.data.map((r: { product: { sku: string }; warehouse: { code: string } }) =>
        [r.product.sku, r.warehouse.code].join('@'),
      ),
    ).toEqual(['Q-EGGS@QRY', 'Q-FLOUR@MAIN', 'Q-MILK@QRY']);
    expect((await summary(`warehouseId=${shop.id}&search=Q-FLOUR`)).data).toEqual([all.data[1]]);
    const agent = (await createUserAndLogin(t, { role: 'agent', warehouseIds: [shop.id] })).auth;
    expect((await summary('search=Q-FLOUR', agent)).data).toEqual([all.data[1]]);
  });

  it('gives a below-minimum row the same figures as the unfiltered summary: expired and blocked included, paged', async () => {
    const hold = await createWarehouse(t, 'HOLD');
    const ham = await createProduct(t, { sku: 'Q-HAM', unit: 'kg', tracking: 'batch' });
    const today = (await t.db.query(`SELECT (now() AT TIME ZONE 'UTC')::date::text AS d`)).rows[0]
      .d as string;
    const day = (offset: number) =>
      new Date(Date.parse(`${today}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
    const receive = (code: string, offset: number, quantity: string) =>
      quick({
        type: 'receipt',
        warehouseId: hold.id,
        productId: ham.id,
        quantity,
        batch: { code, expiresAt: day(offset) },
        acceptExpired: offset <= 0,
      });
    await receive('H-OLD', -1, '2');
    await receive('H-OK', 20, '3');
    await receive('H-HELD', 10, '4');
    const held = (await t.http.get('/api/v1/batches?search=H-HELD').set(admin).expect(200)).body
      .data[0].id;
    await t.http
      .post(`/api/v1/batches/${held}/quarantine`)
      .set(admin)
      .send({ reason: 'Seal torn' })
      .expect(200);
    for (const [warehouse, min] of [
      [hold.id, 20],
      [w.id, 1],
    ] as const) {
      await t.db.query(
        `INSERT INTO reorder_rules (product_id, warehouse_id, min_quantity, max_quantity) VALUES ($1, $2, $3, 40)`,
        [ham.id, warehouse, min],
      );
    }
    const summary = async (query: string) =>
      (await t.http.get(`/api/v1/stock-levels/summary?${query}`).set(admin).expect(200)).body;

    const all = await summary('search=Q-HAM');
    expect(all.data).toEqual([
      expect.objectContaining({
        warehouse: expect.objectContaining({ code: 'HOLD' }),
        onHand: '9',
        available: '3',
        expired: '2',
        blocked: '4',
        belowMinimum: true,
      }),
      expect.objectContaining({
        warehouse: expect.objectContaining({ code: 'QRY' }),
        onHand: '0',
        belowMinimum: true,
      }),
    ]);
    expect((await summary('search=Q-HAM&belowMinimum=true')).data).toEqual(all.data);
    const second = await summary('search=Q-HAM&belowMinimum=true&limit=1&page=2');
    expect(second.data).toEqual([all.data[1]]);
    expect(second.meta.total).toBe(2);
  });

  it('computes levels as they stood at an instant from the ledger', async () => {
    const then = await t.http
      .get(
        `/api/v1/stock-levels/as-of?date=${encodeURIComponent(beforeDelivery)}&warehouseId=${w.id}`,
      )
      .set(admin)
      .expect(200);
    expect(
      then.body.data.map((l: { location: { fullName: string }; quantity: string }) => [
        l.location.fullName,
        l.quantity,
      ]),
    ).toEqual([
      ['QRY/Stock', '2'],
      ['QRY/Stock/Cold', '10'],
      ['QRY/Stock/Cold/Shelf-1', '4.5'],
    ]);
    const now = await t.http
      .get(
        `/api/v1/stock-levels/as-of?date=${encodeURIComponent(await dbNow())}&productId=${milk.id}`,
      )
      .set(admin)
      .expect(200);
    expect(now.body.data.map((l: { quantity: string }) => l.quantity)).toEqual(['7', '4.5']);
    const past = await t.http
      .get(`/api/v1/stock-levels/as-of?date=2000-01-01&warehouseId=${w.id}`)
      .set(admin)
      .expect(200);
    expect(past.body).toEqual({ data: [], meta: { page: 1, limit: 50, total: 0 } });
    await t.http.get('/api/v1/stock-levels/as-of').set(admin).expect(400);
    await t.http.get('/api/v1/stock-levels/as-of?date=yesterday').set(admin).expect(400);
  });

  it('pages the ledger newest first with a cursor, and filters it', async () => {
    const first = await t.http
      .get(`/api/v1/stock-moves?warehouseId=${w.id}&limit=3`)
      .set(admin)
      .expect(200);
    expect(first.body.data).toHaveLength(3);
    expect(first.body.data[0]).toEqual(
      expect.objectContaining({
        quantity: '3',
        destinationLocation: expect.objectContaining({ fullName: 'Partners/Customers' }),
      }),
    );
    expect(first.body.meta.nextCursor).toEqual(expect.any(String));
    const second = await t.http
      .get(`/api/v1/stock-moves?warehouseId=${w.id}&limit=3&cursor=${first.body.meta.nextCursor}`)
      .set(admin)
      .expect(200);
    expect(second.body.data).toHaveLength(1);
    expect(second.body.meta.nextCursor).toBeNull();
    const ids = [...first.body.data, ...second.body.data].map((m: { id: string }) => m.id);
    expect(new Set(ids).size).toBe(4);
    const milkOnly = await t.http
      .get(`/api/v1/stock-moves?productId=${milk.id}`)
      .set(admin)
      .expect(200);
    expect(milkOnly.body.data).toHaveLength(3);
    const atShelf = await t.http
      .get(`/api/v1/stock-moves?locationId=${shelf.id}`)
      .set(admin)
      .expect(200);
    expect(atShelf.body.data.map((m: { quantity: string }) => m.quantity)).toEqual(['4.5']);
    await t.http.get('/api/v1/stock-moves?cursor=garbage').set(admin).expect(400);
    await t.http.get('/api/v1/stock-moves?limit=201').set(admin).expect(400);
  });

  it('searches operations by number and partner, from the trigram index of numbered operations', async () => {
    const draft = await t.http
      .post('/api/v1/operations')
      .set(admin)
      .send({
        type: 'receipt',
        warehouseId: w.id,
        partner: 'Ferme 100% Bio_Sud',
        lines: [{ productId: butter.id, quantity: '1', destinationLocationId: cold.id }],
      })
      .expect(201);
    expect(draft.body.reference).toMatch(/^QRY\/IN\/\d{5}$/);
    // Ids are time-ordered (version 7): an operation's index entries land beside the last one's.
    expect(draft.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-/);
    const search = async (text: string) =>
      (
        await t.http
          .get(`/api/v1/operations?${new URLSearchParams({ warehouseId: w.id, search: text })}`)
          .set(admin)
          .expect(200)
      ).body.data.map((o: { reference: string }) => o.reference);
    expect(await search(draft.body.reference.slice(4))).toEqual([draft.body.reference]);
    expect(await search('ferme 100% bio_')).toEqual([draft.body.reference]);
    expect(await search('100%_bio')).toEqual([]); // % and _ are the text, not wildcards
    expect(await search('QRY/OUT/')).toHaveLength(1); // the delivery posted in beforeAll
    // No committed operation keeps its `pending/<id>` reference: the index leaves those out.
    expect(await search('pending')).toEqual([]);
    // The repository's own count query, explained with sequential scans ruled out: it can be
    // served by the partial index only if it names the index's condition.
    const client = await t.db.connect();
    const plans: string[] = [];
    try {
      await client.query('BEGIN');
      await client.query('SET LOCAL enable_seqscan = off');
      const explaining = {
        query: async (text: string, values: unknown[]) => {
          const plan = await client.query(`EXPLAIN ${text}`, values);
          plans.push(plan.rows.map((row) => row['QUERY PLAN']).join('\n'));
          return (await client.query(text, values)).rows;
        },
      } as unknown as EntityManager;
      const { total } = await t.app.get(OperationsRepository).list(explaining, {
        search: 'bio',
        visibleWarehouses: null,
        sort: 'createdAt',
        direction: 'DESC',
        page: 1,
        limit: 10,
      });
      expect(total).toBe(1);
      expect(plans[0]).toContain('operations_search');
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('exports the ledger as CSV with the same filters', async () => {
    const res = await t.http
      .get(`/api/v1/stock-moves/export?productId=${milk.id}`)
      .set(admin)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe('doneAt,reference,sku,product,batch,from,to,quantity,unit');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(
      /,QRY\/OUT\/00001,Q-MILK,Product Q-MILK,,QRY\/Stock\/Cold,Partners\/Customers,3,l$/,
    );
  });

  it('reports integrity ok, then a level corrupted by hand in the database', async () => {
    const ok = await t.http.get('/api/v1/stock/integrity').set(admin).expect(200);
    expect(ok.body).toEqual({
      ok: true,
      checkedLevels: expect.any(Number),
      mismatches: [],
      negativeLevels: [],
      summaryMismatches: [],
    });
    expect(ok.body.checkedLevels).toBeGreaterThanOrEqual(3);

    await t.db.query(
      `UPDATE stock_levels SET quantity = quantity + 1 WHERE product_id = $1 AND location_id = $2`,
      [butter.id, w.rootLocationId],
    );
    const broken = await t.http.get('/api/v1/stock/integrity').set(admin).expect(200);
    expect(broken.body.ok).toBe(false);
    expect(broken.body.mismatches).toEqual([
      {
        productId: butter.id,
        locationId: w.rootLocationId,
        batchId: null,
        level: '3',
        ledger: '2',
      },
    ]);
    await t.db.query(
      `UPDATE stock_levels SET quantity = quantity - 1 WHERE product_id = $1 AND location_id = $2`,
      [butter.id, w.rootLocationId],
    );
  });

  it('answers integrity to admins only', async () => {
    const manager = (await createUserAndLogin(t, { role: 'manager' })).auth;
    await t.http.get('/api/v1/stock/integrity').set(manager).expect(403);
  });

  it('filters an agent’s levels, summary, as-of and ledger to its warehouses', async () => {
    const other = await createWarehouse(t, 'OTHERQ');
    const agent = (await createUserAndLogin(t, { role: 'agent', warehouseIds: [other.id] })).auth;
    expect((await t.http.get('/api/v1/stock-levels').set(agent).expect(200)).body.meta.total).toBe(
      0,
    );
    expect(
      (await t.http.get(`/api/v1/stock-levels/summary?warehouseId=${w.id}`).set(agent).expect(200))
        .body.meta.total,
    ).toBe(0);
    expect(
      (
        await t.http
          .get(`/api/v1/stock-levels/as-of?date=${encodeURIComponent(await dbNow())}`)
          .set(agent)
          .expect(200)
      ).body.meta.total,
    ).toBe(0);
    expect((await t.http.get('/api/v1/stock-moves').set(agent).expect(200)).body.data).toEqual([]);
  });

  it('refuses to delete a location or archive a product that holds stock', async () => {
    const cold409 = await t.http.delete(`/api/v1/locations/${cold.id}`).set(admin).expect(409);
    expect(cold409.body.error).toBe('LOCATION_HAS_STOCK');
    const product = await t.http.delete(`/api/v1/products/${milk.id}`).set(admin).expect(409);
    expect(product.body.error).toBe('PRODUCT_HAS_STOCK');
    const tracking = await t.http.get(`/api/v1/products/${butter.id}`).set(admin).expect(200);
    const retrack = await t.http
      .patch(`/api/v1/products/${butter.id}`)
      .set(admin)
      .send({ version: tracking.body.version, tracking: 'batch' })
      .expect(409);
    expect(retrack.body.error).toBe('PRODUCT_HAS_STOCK');
    const frozen = await t.http
      .patch(`/api/v1/warehouses/${w.id}`)
      .set(admin)
      .send({ code: 'NEWQ' })
      .expect(409);
    expect(frozen.body.error).toBe('WAREHOUSE_CODE_FROZEN');
    // A location with history but no stock left stays too (the ledger refers to it).
    await t.http
      .post('/api/v1/stock-moves')
      .set(admin)
      .send({
        type: 'delivery',
        productId: milk.id,
        quantity: '4.5',
        sourceLocationId: shelf.id,
        warehouseId: w.id,
      })
      .expect(201);
    const history = await t.http.delete(`/api/v1/locations/${shelf.id}`).set(admin).expect(409);
    expect(history.body.error).toBe('LOCATION_HAS_STOCK');
    expect(
      (await t.http.get(`/api/v1/locations/${shelf.id}`).set(admin).expect(200)).body.fullName,
    ).toBe(shelf.fullName);
  });
});
