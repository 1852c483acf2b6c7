import { addDays, todayIn } from '@stockmaster/contracts';
import {
  createLocation,
  createProduct,
  createUserAndLogin,
  createWarehouse,
} from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

type Auth = { Authorization: string };

/** What the product page and list read: on hand per product, its summary and its open drafts. */
describe('the product hub: list on hand, summary and operations of one product', () => {
  let t: TestApp;
  let admin: Auth;
  let main: { id: string; code: string; rootLocationId: string };
  let side: { id: string; code: string; rootLocationId: string };
  let fish: { id: string; sku: string };
  let other: { id: string; sku: string };
  const today = todayIn('UTC');

  const quick = (warehouseId: string, body: object) =>
    t.http
      .post('/api/v1/stock-moves')
      .set(admin)
      .send({ warehouseId, ...body })
      .expect(201);

  beforeAll(async () => {
    t = await startTestApp();
    admin = (await createUserAndLogin(t, { role: 'admin' })).auth;
    main = await createWarehouse(t, 'HUBM');
    side = await createWarehouse(t, 'HUBS');
    const cold = await createLocation(t, main, { id: main.rootLocationId }, 'Cold');
    fish = await createProduct(t, { sku: 'HUB-FISH', tracking: 'batch', unit: 'kg' });
    other = await createProduct(t, { sku: 'HUB-OTHER', unit: 'kg' });
    await quick(main.id, {
      type: 'receipt',
      productId: fish.id,
      quantity: '6',
      batch: { code: 'OLD', receivedAt: addDays(today, -5), expiresAt: addDays(today, -1) },
      acceptExpired: true,
      destinationLocationId: cold.id,
    });
    const held = await quick(main.id, {
      type: 'receipt',
      productId: fish.id,
      quantity: '4',
      batch: { code: 'HELD', expiresAt: addDays(today, 20) },
      destinationLocationId: main.rootLocationId,
    });
    await t.http
      .post(`/api/v1/batches/${held.body.move.batch.id}/quarantine`)
      .set(admin)
      .send({ reason: 'Supplier alert' })
      .expect(200);
    await quick(side.id, {
      type: 'receipt',
      productId: fish.id,
      quantity: '2.5',
      batch: { code: 'NEW', expiresAt: addDays(today, 20) },
    });
    await quick(main.id, { type: 'receipt', productId: other.id, quantity: '1' });
  });
  afterAll(() => t.close());

  const onHandOf = (rows: { sku: string; onHand: string }[], sku: string) =>
    rows.find((row) => row.sku === sku)?.onHand;

  it('lists products with their on hand, summed over the caller’s warehouses only', async () => {
    const all = await t.http.get('/api/v1/products?search=HUB-').set(admin).expect(200);
    expect(onHandOf(all.body.data, 'HUB-FISH')).toBe('12.5');
    expect(onHandOf(all.body.data, 'HUB-OTHER')).toBe('1');
    const agent = (await createUserAndLogin(t, { role: 'agent', warehouseIds: [side.id] })).auth;
    const theirs = await t.http.get('/api/v1/products?search=HUB-').set(agent).expect(200);
    expect(onHandOf(theirs.body.data, 'HUB-FISH')).toBe('2.5');
    expect(onHandOf(theirs.body.data, 'HUB-OTHER')).toBe('0');
  });

  it('summarises one product per warehouse: on hand, available, expired, blocked', async () => {
    const res = await t.http
      .get(`/api/v1/stock-levels/summary?productId=${fish.id}`)
      .set(admin)
      .expect(200);
    expect(
      res.body.data.map((row: Record<string, unknown> & { warehouse: { code: string } }) => [
        row.warehouse.code,
        row.onHand,
        row.available,
        row.expired,
        row.blocked,
      ]),
    ).toEqual([
      ['HUBM', '10', '0', '6', '4'],
      ['HUBS', '2.5', '2.5', '0', '0'],
    ]);
    await t.http.get('/api/v1/stock-levels/summary?productId=nope').set(admin).expect(400);
  });

  it('filters operations by a product on any of their lines', async () => {
    const draft = await t.http
      .post('/api/v1/operations')
      .set(admin)
      .send({
        type: 'delivery',
        warehouseId: side.id,
        partner: 'Bistro',
        lines: [
          { productId: other.id, quantity: '1' },
          { productId: fish.id, quantity: '1' },
        ],
      })
      .expect(201);
    const drafts = await t.http
      .get(`/api/v1/operations?productId=${fish.id}&status=draft`)
      .set(admin)
      .expect(200);
    expect(drafts.body.data.map((o: { id: string }) => o.id)).toEqual([draft.body.id]);
    const all = await t.http.get(`/api/v1/operations?productId=${fish.id}`).set(admin).expect(200);
    expect(all.body.meta.total).toBe(4);
    const none = await t.http
      .get(`/api/v1/operations?productId=${fish.id}&warehouseId=${main.id}&status=draft`)
      .set(admin)
      .expect(200);
    expect(none.body.meta.total).toBe(0);
    const bad = await t.http.get('/api/v1/operations?productId=nope').set(admin).expect(400);
    expect(JSON.stringify(bad.body)).toContain('productId');
  });
});
