import { addDays, DASHBOARD_ITEMS_PER_CARD, Dashboard } from '@stockmaster/contracts';
import {
  createLocation,
  createProduct,
  createUserAndLogin,
  createWarehouse,
} from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';
import { DataSource } from 'typeorm';
import { DashboardRepository } from '../../src/modules/dashboard/dashboard.repository';

type Auth = { Authorization: string };
type Warehouse = { id: string; code: string; rootLocationId: string };

/**
 * The known scenario: in MAIN an expired batch with stock, one entering its warning
 * window and a fresh one; flour below its minimum in MAIN and not in SIDE; two drafts in MAIN.
 */
describe('GET /dashboard', () => {
  let t: TestApp;
  let admin: Auth;
  let agent: Auth;
  let viewer: Auth;
  let main: Warehouse;
  let side: Warehouse;
  let today: string;
  let milk: { id: string; sku: string };
  let flour: { id: string; sku: string };
  const drafts: { id: string; reference: string }[] = [];

  const quick = (warehouse: Warehouse, body: object) =>
    t.http
      .post('/api/v1/stock-moves')
      .set(admin)
      .send({ warehouseId: warehouse.id, ...body })
      .expect(201);
  const dashboard = async (auth: Auth, query = ''): Promise<Dashboard> =>
    (await t.http.get(`/api/v1/dashboard${query}`).set(auth).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp();
    main = await createWarehouse(t, 'MAIN');
    side = await createWarehouse(t, 'SIDE');
    const sub = await createLocation(t, main, { id: main.rootLocationId }, 'Cold');
    admin = (await createUserAndLogin(t, { role: 'admin' })).auth;
    agent = (await createUserAndLogin(t, { role: 'agent', warehouseIds: [side.id] })).auth;
    viewer = (await createUserAndLogin(t, { role: 'viewer' })).auth;
    today = (await t.db.query(`SELECT (now() AT TIME ZONE 'UTC')::date::text AS d`)).rows[0].d;

    milk = await createProduct(t, { sku: 'D-MILK', unit: 'l', tracking: 'batch' });
    await t.db.query(`UPDATE products SET expiry_warning_days = 3 WHERE id = $1`, [milk.id]);
    flour = await createProduct(t, { sku: 'D-FLOUR', unit: 'kg' });
    const receiveMilk = (w: Warehouse, code: string, days: number, quantity: string) =>
      quick(w, {
        type: 'receipt',
        productId: milk.id,
        quantity,
        batch: { code, expiresAt: addDays(today, days) },
        acceptExpired: days <= 0,
      });
    await receiveMilk(main, 'OLD', -2, '5');
    await receiveMilk(side, 'OLD', -2, '2');
    await receiveMilk(main, 'SOON', 2, '7');
    await receiveMilk(main, 'FRESH', 20, '9');
    await quick(main, { type: 'receipt', productId: flour.id, quantity: '5' });
    await quick(side, { type: 'receipt', productId: flour.id, quantity: '5' });
    await quick(main, { type: 'delivery', productId: flour.id, quantity: '1' });
    // Inside MAIN: neither in nor out of its internal locations.
    await quick(main, {
      type: 'transfer',
      productId: flour.id,
      quantity: '1',
      sourceLocationId: main.rootLocationId,
      destinationLocationId: sub.id,
    });
    for (const [w, min] of [
      [main, '10'],
      [side, '1'],
    ] as const) {
      await t.http
        .post('/api/v1/reorder-rules')
        .set(admin)
        .send({ productId: flour.id, warehouseId: w.id, minQuantity: min, maxQuantity: '50' })
        .expect(201);
    }
    for (let i = 0; i < 2; i++) {
      const res = await t.http
        .post('/api/v1/operations')
        .set(admin)
        .send({
          type: 'receipt',
          warehouseId: main.id,
          lines: [
            { productId: flour.id, quantity: '3' },
            { productId: flour.id, quantity: '1' },
          ],
        })
        .expect(201);
      drafts.unshift(res.body);
    }
  });
  afterAll(() => t.close());

  const milkRef = () => ({ id: milk.id, sku: 'D-MILK', name: 'Product D-MILK', unit: 'l' });
  const ref = (w: Warehouse) => ({ id: w.id, code: w.code, name: `Warehouse ${w.code}` });

  it('counts and lists what needs attention across the caller’s warehouses', async () => {
    const body = await dashboard(admin);
    expect(body.warehouseId).toBeNull();
    const { attention } = body;
    // One batch, held in two warehouses: counted once, listed per warehouse.
    expect(attention.expiredBatches).toEqual({
      count: 1,
      items: [
        {
          batch: { id: expect.any(String), code: 'OLD', expiresAt: addDays(today, -2) },
          product: milkRef(),
          warehouse: ref(main),
          onHand: '5',
          daysToExpiry: -2,
        },
        expect.objectContaining({ warehouse: ref(side), onHand: '2', daysToExpiry: -2 }),
      ],
    });
    expect(attention.expiringBatches).toEqual({
      count: 1,
      items: [
        {
          batch: { id: expect.any(String), code: 'SOON', expiresAt: addDays(today, 2) },
          product: milkRef(),
          warehouse: ref(main),
          onHand: '7',
          daysToExpiry: 2,
        },
      ],
    });
    expect(attention.belowMinimum).toEqual({
      count: 1,
      items: [
        {
          product: { id: flour.id, sku: 'D-FLOUR', name: 'Product D-FLOUR', unit: 'kg' },
          warehouse: ref(main),
          onHand: '4',
          minQuantity: '10',
        },
      ],
    });
    expect(attention.draftOperations).toEqual({
      count: 2,
      items: drafts.map((d) => ({
        id: d.id,
        reference: d.reference,
        type: 'receipt',
        warehouse: ref(main),
        createdAt: expect.any(String),
        scheduledAt: null,
        lineCount: 2,
      })),
    });
    expect(attention.quarantinedBatches).toEqual({ count: 0, items: [] });
    expect(body.gettingStarted).toEqual({
      hasWarehouse: true,
      hasProducts: true,
      hasStock: true,
      hasTeam: true,
    });
  });

  it('counts today’s validated operations and their lines per type', async () => {
    const body = await dashboard(admin);
    expect(body.today).toEqual({
      receipt: { operations: 6, lines: 6 },
      delivery: { operations: 1, lines: 1 },
      transfer: { operations: 1, lines: 1 },
      adjustment: { operations: 0, lines: 0 },
      scrap: { operations: 0, lines: 0 },
    });
    expect((await dashboard(agent)).today.receipt).toEqual({ operations: 2, lines: 2 });
  });

  it('gives 30 days of moves, oldest first, today last, with quantities in and out', async () => {
    const { movesPerDay } = (await dashboard(admin)).series;
    expect(movesPerDay).toHaveLength(30);
    expect(movesPerDay.map((d) => d.date)).toEqual(
      Array.from({ length: 30 }, (_, i) => addDays(today, i - 29)),
    );
    expect(movesPerDay[29]).toEqual({ date: today, in: '33', out: '1' });
    expect(movesPerDay.slice(0, 29).every((d) => d.in === '0' && d.out === '0')).toBe(true);
    const mainOnly = (await dashboard(admin, `?warehouseId=${main.id}`)).series.movesPerDay;
    expect(mainOnly[29]).toEqual({ date: today, in: '26', out: '1' });
  });

  it('sorts quantity on hand into the six expiry buckets, always all six', async () => {
    expect((await dashboard(admin)).series.expiryBuckets).toEqual([
      { bucket: 'expired', quantity: '7' },
      { bucket: 'days0to2', quantity: '7' },
      { bucket: 'days3to7', quantity: '0' },
      { bucket: 'days8to30', quantity: '9' },
      { bucket: 'over30', quantity: '0' },
      // Flour: two levels in MAIN (root and Cold) and one in SIDE.
      { bucket: 'noExpiry', quantity: '9' },
    ]);
  });

  it('shows an agent only its warehouse, and refuses another one as not found', async () => {
    const body = await dashboard(agent);
    expect(body.attention.expiredBatches).toEqual({
      count: 1,
      items: [expect.objectContaining({ warehouse: ref(side), onHand: '2' })],
    });
    expect(body.attention.expiringBatches).toEqual({ count: 0, items: [] });
    expect(body.attention.belowMinimum).toEqual({ count: 0, items: [] });
    expect(body.attention.draftOperations).toEqual({ count: 0, items: [] });
    expect(body.series.movesPerDay[29]).toEqual({ date: today, in: '7', out: '0' });
    expect(body.series.expiryBuckets[0]).toEqual({ bucket: 'expired', quantity: '2' });
    await t.http.get(`/api/v1/dashboard?warehouseId=${main.id}`).set(agent).expect(404);
    expect((await dashboard(agent, `?warehouseId=${side.id}`)).warehouseId).toBe(side.id);
  });

  it('narrows to one warehouse, and refuses an unknown or malformed one', async () => {
    const body = await dashboard(viewer, `?warehouseId=${side.id}`);
    expect(body.attention.belowMinimum.count).toBe(0);
    expect(body.attention.expiredBatches.count).toBe(1);
    await t.http
      .get(`/api/v1/dashboard?warehouseId=6f1c2a1e-0000-4000-8000-000000000000`)
      .set(admin)
      .expect(404);
    const bad = await t.http.get(`/api/v1/dashboard?warehouseId=nope`).set(admin).expect(400);
    expect(JSON.stringify(bad.body)).toContain('warehouseId');
  });

  it('matches each card’s count with the total of the list it links to', async () => {
    for (const [auth, query] of [
      [admin, ''],
      [admin, `warehouseId=${main.id}`],
      [admin, `warehouseId=${side.id}`],
      [agent, ''],
    ] as const) {
      const { attention } = await dashboard(auth, query ? `?${query}` : '');
      const total = async (path: string) =>
        (await t.http.get(`/api/v1/${path}&${query}`).set(auth).expect(200)).body.meta.total;
      expect(await total('batches?expired=true')).toBe(attention.expiredBatches.count);
      expect(await total('batches?expiring=true')).toBe(attention.expiringBatches.count);
      expect(await total('stock-levels/summary?belowMinimum=true')).toBe(
        attention.belowMinimum.count,
      );
      expect(await total('operations?status=draft')).toBe(attention.draftOperations.count);
    }
    const listed = await t.http.get('/api/v1/batches?expired=true').set(admin).expect(200);
    expect(listed.body.data.map((b: { code: string }) => b.code)).toEqual(['OLD']);
    const soon = await t.http.get('/api/v1/batches?expiring=true').set(admin).expect(200);
    expect(soon.body.data.map((b: { code: string }) => b.code)).toEqual(['SOON']);
  });

  it('counts blocked batches (quarantined or recalled) still on hand, as ?blocked=true lists them', async () => {
    const ham = await createProduct(t, { sku: 'D-HAM', unit: 'kg', tracking: 'batch' });
    const receive = (w: Warehouse, code: string, days: number, quantity: string) =>
      quick(w, {
        type: 'receipt',
        productId: ham.id,
        quantity,
        batch: { code, expiresAt: addDays(today, days) },
      });
    await receive(main, 'HELD', 10, '4');
    await receive(side, 'PULLED', 40, '3');
    await receive(main, 'EMPTY', 12, '2');
    await receive(main, 'FINE', 15, '6');
    const id = async (code: string): Promise<string> =>
      (await t.http.get(`/api/v1/batches?search=${code}`).set(admin).expect(200)).body.data[0].id;
    const [held, pulled, empty] = [await id('HELD'), await id('PULLED'), await id('EMPTY')];
    // A blocked batch with nothing left on hand needs no attention.
    await quick(main, { type: 'delivery', productId: ham.id, quantity: '2', batchId: empty });
    const post = (batch: string, action: string, body: object) =>
      t.http.post(`/api/v1/batches/${batch}/${action}`).set(admin).send(body).expect(200);
    await post(held, 'quarantine', { reason: 'Seal torn' });
    await post(empty, 'quarantine', { reason: 'Seal torn' });
    await post(pulled, 'recall', { reason: 'Supplier recall', publicNotice: 'Do not eat.' });

    const { quarantinedBatches } = (await dashboard(admin)).attention;
    const hamRef = { id: ham.id, sku: 'D-HAM', name: 'Product D-HAM', unit: 'kg' };
    expect(quarantinedBatches).toEqual({
      count: 2,
      items: [
        {
          batch: { id: held, code: 'HELD', expiresAt: addDays(today, 10) },
          product: hamRef,
          warehouse: ref(main),
          onHand: '4',
          daysToExpiry: 10,
        },
        {
          batch: { id: pulled, code: 'PULLED', expiresAt: addDays(today, 40) },
          product: hamRef,
          warehouse: ref(side),
          onHand: '3',
          daysToExpiry: 40,
        },
      ],
    });
    for (const [auth, query, codes] of [
      [admin, '', ['HELD', 'PULLED']],
      [admin, `warehouseId=${main.id}`, ['HELD']],
      [admin, `warehouseId=${side.id}`, ['PULLED']],
      [agent, '', ['PULLED']],
    ] as const) {
      const card = (await dashboard(auth, query ? `?${query}` : '')).attention.quarantinedBatches;
      const list = await t.http.get(`/api/v1/batches?blocked=true&${query}`).set(auth).expect(200);
      expect(list.body.meta.total).toBe(card.count);
      expect(list.body.data.map((b: { code: string }) => b.code)).toEqual(codes);
      expect(card.items.map((item) => item.batch.code)).toEqual(codes);
    }
  });

  it('never answers from before a change: one committed meanwhile, by anyone, is seen next time', async () => {
    const before = await dashboard(admin);
    expect(before.attention.expiringBatches.count).toBe(1);
    // A change written straight into the database, committed while dashboards are asked for:
    // FRESH (20 days left) enters its warning window once the milk warns 30 days ahead.
    const writer = await t.db.connect();
    try {
      await writer.query('BEGIN');
      await writer.query(`UPDATE products SET expiry_warning_days = 30 WHERE id = $1`, [milk.id]);
      const during = await dashboard(admin);
      expect(during.attention.expiringBatches.count).toBe(1);
      await writer.query('COMMIT');
    } finally {
      writer.release();
    }
    const after = await dashboard(admin);
    expect(after.attention.expiringBatches.count).toBe(2);
    expect(after.attention.expiringBatches.items.map((item) => item.batch.code)).toEqual([
      'SOON',
      'FRESH',
    ]);
    // And back, through the API's own write path this time.
    await t.db.query(`UPDATE products SET expiry_warning_days = 3 WHERE id = $1`, [milk.id]);
    expect((await dashboard(admin)).attention.expiringBatches.count).toBe(1);
    await quick(main, { type: 'receipt', productId: flour.id, quantity: '1' });
    expect((await dashboard(admin)).today.receipt.operations).toBe(
      before.today.receipt.operations + 1,
    );
  });

  it('marks where the database’s writes stand: an open transaction is never quiet-and-behind, a commit moves the mark on', async () => {
    const repository = t.app.get(DashboardRepository);
    const manager = t.app.get(DataSource).manager;
    const writer = await t.db.connect();
    try {
      await writer.query('BEGIN');
      const { rows } = await writer.query(`SELECT pg_current_xact_id()::text AS xid`);
      const xid = BigInt(rows[0].xid);
      const open = await repository.writeMark(manager);
      // Either it is listed as running (not quiet), or it is at or above xmax: not yet seen.
      expect(!open.quiet || xid >= BigInt(open.xmax)).toBe(true);
      await writer.query('COMMIT');
      const done = await repository.writeMark(manager);
      expect(BigInt(done.xmax)).toBeGreaterThan(xid);
    } finally {
      writer.release();
    }
  });

  it('carries at most the first few items per card', async () => {
    for (let i = 0; i < DASHBOARD_ITEMS_PER_CARD + 1; i++) {
      await t.http
        .post('/api/v1/operations')
        .set(admin)
        .send({
          type: 'receipt',
          warehouseId: side.id,
          lines: [{ productId: flour.id, quantity: '1' }],
        })
        .expect(201);
    }
    const { draftOperations } = (await dashboard(admin)).attention;
    expect(draftOperations.count).toBe(DASHBOARD_ITEMS_PER_CARD + 3);
    expect(draftOperations.items).toHaveLength(DASHBOARD_ITEMS_PER_CARD);
  });

  it('drops an expired batch once it is scrapped to nothing, and keeps another of its date that still holds stock', async () => {
    const receive = (w: Warehouse, code: string) =>
      quick(w, {
        type: 'receipt',
        productId: milk.id,
        quantity: '3',
        batch: { code, expiresAt: addDays(today, -5) },
        acceptExpired: true,
      });
    const gone = (await receive(main, 'GONE')).body.move.batch.id;
    await receive(side, 'KEPT');
    const codes = async (auth: Auth) => {
      const { expiredBatches } = (await dashboard(auth)).attention;
      return [expiredBatches.count, expiredBatches.items.map((item) => item.batch.code)];
    };
    expect(await codes(admin)).toEqual([3, ['GONE', 'KEPT', 'OLD', 'OLD']]);
    await quick(main, { type: 'scrap', productId: milk.id, quantity: '3', batchId: gone });
    expect(await codes(admin)).toEqual([2, ['KEPT', 'OLD', 'OLD']]);
    // The agent sees SIDE alone: KEPT and SIDE's OLD.
    expect(await codes(agent)).toEqual([2, ['KEPT', 'OLD']]);
    const scoped = (await dashboard(admin, `?warehouseId=${main.id}`)).attention.expiredBatches;
    expect(scoped.items.map((item) => item.batch.code)).toEqual(['OLD']);
  });

  // Last: a second app in the process takes over Passport's strategy registry.
  it('ticks nothing on an empty install', async () => {
    const empty = await startTestApp();
    try {
      const auth = (await createUserAndLogin(empty, { role: 'admin' })).auth;
      const body = (await empty.http.get('/api/v1/dashboard').set(auth).expect(200)).body;
      expect(body.gettingStarted).toEqual({
        hasWarehouse: false,
        hasProducts: false,
        hasStock: false,
        hasTeam: false,
      });
      expect(body.series.movesPerDay).toHaveLength(30);
      expect(body.attention.expiredBatches).toEqual({ count: 0, items: [] });
    } finally {
      await empty.close();
    }
  });
});
