import { addDays, StockLevel, todayIn } from '@stockmaster/contracts';
import {
  createLocation,
  createProduct,
  createUserAndLogin,
  createWarehouse,
} from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

type Auth = { Authorization: string };
type LevelPage = {
  data: StockLevel[];
  meta: { page: number; limit: number; total: number; nextCursor: string | null };
};

/**
 * Pages of stock levels by number and by keyset cursor: the same rows in the same order either
 * way, whatever the page size, with batches (a null batch first) and two warehouses whose
 * locations share names.
 */
describe('stock levels: pages by number and by cursor', () => {
  let t: TestApp;
  let admin: Auth;
  let agent: Auth;
  let main: { id: string; code: string; rootLocationId: string };
  let second: { id: string; code: string; rootLocationId: string };

  const key = (level: StockLevel) =>
    `${level.product.sku}|${level.location.fullName}|${level.batch?.code ?? '-'}|${level.quantity}`;

  const get = async (auth: Auth, query: string, status = 200) =>
    (await t.http.get(`/api/v1/stock-levels?${query}`).set(auth).expect(status)).body as LevelPage;

  /** Every page from the first, following nextCursor; also checks each page's meta. */
  const walk = async (auth: Auth, query: string, limit: number) => {
    const rows: string[] = [];
    let page = await get(auth, `${query}&limit=${limit}`);
    const total = page.meta.total;
    for (let n = 1; ; n++) {
      expect(page.meta).toMatchObject({ limit, total });
      expect(page.data.length).toBeLessThanOrEqual(limit);
      rows.push(...page.data.map(key));
      if (!page.meta.nextCursor) break;
      expect(page.data).toHaveLength(limit);
      page = await get(auth, `${query}&limit=${limit}&cursor=${page.meta.nextCursor}`);
      expect(n).toBeLessThan(100);
    }
    return { rows, total };
  };

  beforeAll(async () => {
    t = await startTestApp();
    admin = (await createUserAndLogin(t, { role: 'admin' })).auth;
    main = await createWarehouse(t, 'PGA');
    second = await createWarehouse(t, 'PGB');
    agent = (await createUserAndLogin(t, { role: 'agent', warehouseIds: [second.id] })).auth;
    const today = todayIn('UTC');
    const receive = (body: object) =>
      t.http
        .post('/api/v1/stock-moves')
        .set(admin)
        .send({ type: 'receipt', ...body })
        .expect(201);
    // The same location names in both warehouses, and SKUs whose order differs by case.
    for (const warehouse of [main, second]) {
      const shelves = [];
      for (const name of ['A', 'B', 'C'])
        shelves.push(await createLocation(t, warehouse, { id: warehouse.rootLocationId }, name));
      for (const sku of ['pg-apple', 'PG-BEAN', 'pg-corn']) {
        const product = await createProduct(t, { sku: `${sku}-${warehouse.code}` });
        for (const [index, shelf] of shelves.entries())
          await receive({
            productId: product.id,
            quantity: String(index + 1),
            destinationLocationId: shelf.id,
          });
      }
      const fish = await createProduct(t, { sku: `pg-fish-${warehouse.code}`, tracking: 'batch' });
      for (const code of ['L2', 'L1', 'L3'])
        await receive({
          productId: fish.id,
          quantity: '5',
          destinationLocationId: shelves[0].id,
          batch: { code, expiresAt: addDays(today, 30) },
        });
    }
  });
  afterAll(() => t.close());

  it('walks every level by cursor in the order of the numbered pages, at any page size', async () => {
    const all = await get(admin, 'limit=200');
    expect(all.meta.total).toBe(2 * (3 * 3 + 3));
    expect(all.meta.nextCursor).toBeNull();
    const everything = all.data.map(key);
    for (const limit of [1, 2, 5, 7]) {
      const byCursor = await walk(admin, '', limit);
      expect(byCursor).toEqual({ rows: everything, total: everything.length });
      const byNumber: string[] = [];
      for (let page = 1; page <= Math.ceil(everything.length / limit); page++)
        byNumber.push(...(await get(admin, `limit=${limit}&page=${page}`)).data.map(key));
      expect(byNumber).toEqual(everything);
    }
    // The default order: a product's levels together, by location (the SKUs' order is the
    // database's collation).
    const mainRows = (await get(admin, `warehouseId=${main.id}&limit=200`)).data.map(key);
    const bean = mainRows.filter((row) => row.startsWith('PG-BEAN-PGA|'));
    expect(bean).toEqual([
      'PG-BEAN-PGA|PGA/Stock/A|-|1',
      'PG-BEAN-PGA|PGA/Stock/B|-|2',
      'PG-BEAN-PGA|PGA/Stock/C|-|3',
    ]);
    expect(mainRows.indexOf(bean[2]) - mainRows.indexOf(bean[0])).toBe(2);
    const fish = (await get(admin, `warehouseId=${main.id}&search=pg-fish&limit=200`)).data;
    expect(new Set(fish.map((level) => level.batch!.code))).toEqual(new Set(['L1', 'L2', 'L3']));
    expect(fish.map((level) => level.batch!.id)).toEqual(
      fish.map((level) => level.batch!.id).sort(),
    );
  });

  it('keeps a cursor’s filters and the caller’s warehouses', async () => {
    const filtered = await walk(admin, `warehouseId=${main.id}&search=pg-`, 2);
    expect(filtered.total).toBe(12);
    expect(filtered.rows.every((row) => row.includes('-PGA|'))).toBe(true);
    // An agent follows its own cursors through its own warehouse only.
    const mine = await walk(agent, '', 3);
    expect(mine.total).toBe(12);
    expect(mine.rows.every((row) => row.includes('-PGB|PGB/'))).toBe(true);
    // A cursor taken from the admin's walk does not open the other warehouse to the agent.
    const first = await get(admin, 'limit=1');
    const rest = await get(agent, `limit=200&cursor=${first.meta.nextCursor}`);
    expect(rest.data.every((level) => level.location.fullName.startsWith('PGB/'))).toBe(true);
  });

  it('gives no cursor in another order, and refuses a cursor with one or one it did not give', async () => {
    const byName = await get(admin, 'sort=name&limit=2');
    expect(byName.data).toHaveLength(2);
    expect(byName.meta.nextCursor).toBeNull();
    const cursor = (await get(admin, 'limit=2')).meta.nextCursor!;
    const refused = await get(admin, `sort=-quantity&cursor=${cursor}`, 400);
    expect(JSON.stringify(refused)).toContain('default order only');
    for (const bad of [
      'nonsense',
      Buffer.from('["a","b"]').toString('base64url'),
      Buffer.from('["a","b","not-a-uuid",null]').toString('base64url'),
      Buffer.from('{"sku":"a"}').toString('base64url'),
      'x'.repeat(1001),
    ]) {
      const body = (await get(admin, `cursor=${bad}`, 400)) as unknown as { error: string };
      expect(body.error).toBe('VALIDATION_FAILED');
    }
  });
  it('counts exactly the levels its pages show while postings fill and empty them', async () => {
    const busy = await createWarehouse(t, 'PGC');
    const shelf = await createLocation(t, busy, { id: busy.rootLocationId }, 'A');
    const products: { id: string }[] = [];
    for (let i = 0; i < 6; i++) products.push(await createProduct(t, { sku: `pg-busy-${i}` }));
    const post = (type: 'receipt' | 'delivery', productId: string, location: object) =>
      t.http
        .post('/api/v1/stock-moves')
        .set(admin)
        .send({ type, productId, quantity: '1', ...location })
        .expect(201);
    // Each round fills an empty level and empties it again: the count of levels keeps changing.
    let running = true;
    const churn = async (first: number) => {
      for (let round = first; running; round += 3) {
        const productId = products[round % products.length].id;
        await post('receipt', productId, { destinationLocationId: shelf.id });
        await post('delivery', productId, { sourceLocationId: shelf.id });
      }
    };
    const churning = Promise.all([0, 1, 2].map(churn));
    const seen = new Set<number>();
    try {
      for (let read = 0; read < 60; read++) {
        const page = await get(admin, `warehouseId=${busy.id}&limit=200`);
        expect(page.meta.total).toBe(page.data.length);
        seen.add(page.data.length);
      }
    } finally {
      running = false;
      await churning;
    }
    // Not vacuous: the reads met different numbers of levels.
    expect(seen.size).toBeGreaterThan(1);
  });
});
