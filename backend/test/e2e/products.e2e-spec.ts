import { randomUUID } from 'node:crypto';
import { createUserAndLogin, createWarehouse } from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

type Auth = { Authorization: string };

describe('catalog: categories, products, reorder rules', () => {
  let t: TestApp;
  let manager: Auth;
  let viewer: Auth;

  beforeAll(async () => {
    t = await startTestApp();
    manager = (await createUserAndLogin(t, { role: 'manager' })).auth;
    viewer = (await createUserAndLogin(t, { role: 'viewer' })).auth;
  });
  afterAll(() => t.close());

  const post = (path: string, body: object, auth = manager) =>
    t.http.post(`/api/v1${path}`).set(auth).send(body);
  const patch = (path: string, body: object, auth = manager) =>
    t.http.patch(`/api/v1${path}`).set(auth).send(body);
  const product = (overrides: object = {}) => ({
    sku: `SKU-${randomUUID().slice(0, 8)}`,
    name: 'Thing',
    unit: 'unit',
    ...overrides,
  });

  describe('categories', () => {
    it('builds a tree with paths, flat or nested', async () => {
      const meat = (await post('/categories', { name: 'Meat' }).expect(201)).body;
      const poultry = (
        await post('/categories', { name: 'Poultry', parentId: meat.id }).expect(201)
      ).body;
      expect(poultry).toEqual(
        expect.objectContaining({ name: 'Poultry', parentId: meat.id, path: 'Meat/Poultry' }),
      );
      const flat = await t.http.get('/api/v1/categories?search=meat').set(viewer).expect(200);
      expect(flat.body.data.map((c: { path: string }) => c.path)).toEqual(['Meat', 'Meat/Poultry']);
      expect(flat.body.meta.total).toBe(2);
      const tree = await t.http.get('/api/v1/categories?tree=true').set(viewer).expect(200);
      const meatNode = tree.body.data.find((c: { name: string }) => c.name === 'Meat');
      expect(meatNode.children).toEqual([
        expect.objectContaining({ name: 'Poultry', children: [] }),
      ]);
    });

    it('refuses a duplicate sibling name (case-insensitive), also between two roots', async () => {
      await post('/categories', { name: 'Dairy' }).expect(201);
      const dup = await post('/categories', { name: 'dairy' }).expect(409);
      expect(dup.body.error).toBe('CATEGORY_NAME_TAKEN');
      await post('/categories', { name: 'a/b' }).expect(400);
    });

    it('renames and moves, and refuses a move into its own subtree with 422 CATEGORY_CYCLE', async () => {
      const a = (await post('/categories', { name: 'A' }).expect(201)).body;
      const b = (await post('/categories', { name: 'B', parentId: a.id }).expect(201)).body;
      const c = (await post('/categories', { name: 'C', parentId: b.id }).expect(201)).body;
      const cycle = await patch(`/categories/${a.id}`, { parentId: c.id }).expect(422);
      expect(cycle.body.error).toBe('CATEGORY_CYCLE');
      await patch(`/categories/${a.id}`, { parentId: a.id }).expect(422);
      const moved = await patch(`/categories/${c.id}`, { parentId: null, name: 'C-top' }).expect(
        200,
      );
      expect(moved.body).toEqual(expect.objectContaining({ path: 'C-top', parentId: null }));
      await patch(`/categories/${b.id}`, { parentId: randomUUID() }).expect(404);
    });

    it('deletes an empty category, and refuses one with children or products (409 CATEGORY_IN_USE)', async () => {
      const parent = (await post('/categories', { name: 'Parent' }).expect(201)).body;
      const child = (await post('/categories', { name: 'Child', parentId: parent.id }).expect(201))
        .body;
      expect(
        (await t.http.delete(`/api/v1/categories/${parent.id}`).set(manager).expect(409)).body
          .error,
      ).toBe('CATEGORY_IN_USE');
      await post('/products', product({ categoryId: child.id })).expect(201);
      expect(
        (await t.http.delete(`/api/v1/categories/${child.id}`).set(manager).expect(409)).body.error,
      ).toBe('CATEGORY_IN_USE');
      const empty = (await post('/categories', { name: 'Empty' }).expect(201)).body;
      await t.http.delete(`/api/v1/categories/${empty.id}`).set(manager).expect(204);
      await t.http.get(`/api/v1/categories/${empty.id}`).set(manager).expect(404);
    });
  });

  describe('products', () => {
    it('creates a product with defaults and its category path', async () => {
      const cat = (await post('/categories', { name: 'Produce' }).expect(201)).body;
      const res = await post('/products', {
        sku: 'APL-1',
        name: '  Apple  ',
        unit: 'kg',
        categoryId: cat.id,
      }).expect(201);
      expect(res.body).toEqual(
        expect.objectContaining({
          sku: 'APL-1',
          name: 'Apple',
          unit: 'kg',
          tracking: 'none',
          expiryWarningDays: 2,
          shelfLifeDays: null,
          barcode: null,
          active: true,
          version: 1,
          categoryPath: 'Produce',
        }),
      );
    });

    it('validates every field with 400 and per-field details, writing nothing', async () => {
      const res = await post('/products', {
        sku: 'bad sku!',
        name: '',
        unit: 'parsec',
        tracking: 'serial',
        shelfLifeDays: -1,
        expiryWarningDays: 1.5,
        barcode: 'has space',
        categoryId: 'nope',
      }).expect(400);
      const fields = new Set(res.body.details.map((d: { field: string }) => d.field));
      expect([...fields].sort()).toEqual([
        'barcode',
        'categoryId',
        'expiryWarningDays',
        'name',
        'shelfLifeDays',
        'sku',
        'tracking',
        'unit',
      ]);
      await post('/products', product({ sku: 'x'.repeat(65) })).expect(400);
      await post('/products', product({ name: 'n'.repeat(201) })).expect(400);
      await post('/products', product({ categoryId: randomUUID() })).expect(400);
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM products WHERE sku = 'bad sku!'`,
      );
      expect(rows[0].n).toBe(0);
    });

    it('keeps SKU unique case-insensitively (409 SKU_TAKEN) and barcodes unique (409 BARCODE_TAKEN)', async () => {
      await post('/products', product({ sku: 'UNIQ-1', barcode: '4006381333931' })).expect(201);
      expect((await post('/products', product({ sku: 'uniq-1' })).expect(409)).body.error).toBe(
        'SKU_TAKEN',
      );
      expect(
        (await post('/products', product({ barcode: '4006381333931' })).expect(409)).body.error,
      ).toBe('BARCODE_TAKEN');
    });

    it('updates with optimistic locking: a stale version answers 409 STALE_VERSION and changes nothing', async () => {
      const created = (await post('/products', product({ name: 'Original' })).expect(201)).body;
      const first = await patch(`/products/${created.id}`, {
        version: 1,
        name: 'First edit',
      }).expect(200);
      expect(first.body.version).toBe(2);
      const stale = await patch(`/products/${created.id}`, {
        version: 1,
        name: 'Lost edit',
      }).expect(409);
      expect(stale.body.error).toBe('STALE_VERSION');
      expect(
        (await t.http.get(`/api/v1/products/${created.id}`).set(viewer).expect(200)).body.name,
      ).toBe('First edit');
      await patch(`/products/${created.id}`, { name: 'No version' }).expect(400);
    });

    it('lets exactly one of two concurrent edits of the same version win', async () => {
      const created = (await post('/products', product()).expect(201)).body;
      const results = await Promise.all(
        ['Left', 'Right'].map((name) => patch(`/products/${created.id}`, { version: 1, name })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    });

    it('archives with DELETE (active=false) and can re-activate', async () => {
      const created = (await post('/products', product()).expect(201)).body;
      await t.http.delete(`/api/v1/products/${created.id}`).set(manager).expect(204);
      const archived = (await t.http.get(`/api/v1/products/${created.id}`).set(viewer).expect(200))
        .body;
      expect(archived.active).toBe(false);
      await patch(`/products/${created.id}`, { version: archived.version, active: true }).expect(
        200,
      );
      await t.http.delete(`/api/v1/products/${randomUUID()}`).set(manager).expect(404);
    });

    describe('list', () => {
      beforeAll(async () => {
        const cat = (await post('/categories', { name: 'Listing' }).expect(201)).body;
        const sub = (await post('/categories', { name: 'Sub', parentId: cat.id }).expect(201)).body;
        await post('/products', {
          sku: 'LST-C',
          name: 'Cherry jam',
          unit: 'unit',
          categoryId: cat.id,
          barcode: '7770001',
        }).expect(201);
        await post('/products', {
          sku: 'LST-A',
          name: 'Apricot jam',
          unit: 'unit',
          categoryId: sub.id,
          tracking: 'batch',
        }).expect(201);
        await post('/products', {
          sku: 'LST-B',
          name: 'Blueberry jam',
          unit: 'unit',
          categoryId: cat.id,
          barcode: '7770002',
        }).expect(201);
      });

      const skus = (body: { data: { sku: string }[] }) => body.data.map((p) => p.sku);

      it('searches SKU, name and barcode case-insensitively', async () => {
        expect(
          skus((await t.http.get('/api/v1/products?search=lst-b').set(viewer).expect(200)).body),
        ).toEqual(['LST-B']);
        expect(
          skus((await t.http.get('/api/v1/products?search=APRICOT').set(viewer).expect(200)).body),
        ).toEqual(['LST-A']);
        expect(
          skus((await t.http.get('/api/v1/products?search=7770001').set(viewer).expect(200)).body),
        ).toEqual(['LST-C']);
        expect(
          (await t.http.get('/api/v1/products?search=%25jam').set(viewer).expect(200)).body.meta
            .total,
        ).toBe(0);
      });

      it('sorts by name, sku, createdAt and updatedAt, both directions, with paging totals', async () => {
        const q = (sort: string) =>
          t.http.get(`/api/v1/products?search=LST-&sort=${sort}`).set(viewer).expect(200);
        expect(skus((await q('name')).body)).toEqual(['LST-A', 'LST-B', 'LST-C']);
        expect(skus((await q('-name')).body)).toEqual(['LST-C', 'LST-B', 'LST-A']);
        expect(skus((await q('sku')).body)).toEqual(['LST-A', 'LST-B', 'LST-C']);
        expect(skus((await q('-sku')).body)).toEqual(['LST-C', 'LST-B', 'LST-A']);
        expect(skus((await q('createdAt')).body)).toEqual(['LST-C', 'LST-A', 'LST-B']);
        expect(skus((await q('-createdAt')).body)).toEqual(['LST-B', 'LST-A', 'LST-C']);
        expect(skus((await q('-updatedAt')).body)).toEqual(['LST-B', 'LST-A', 'LST-C']);
        const page2 = await t.http
          .get('/api/v1/products?search=LST-&sort=sku&limit=2&page=2')
          .set(viewer)
          .expect(200);
        expect(page2.body).toEqual(
          expect.objectContaining({ meta: { page: 2, limit: 2, total: 3 } }),
        );
        expect(skus(page2.body)).toEqual(['LST-C']);
        for (const bad of [
          'sort=price',
          'limit=500',
          'page=-1',
          'active=maybe',
          'tracking=serial',
        ]) {
          await t.http.get(`/api/v1/products?${bad}`).set(viewer).expect(400);
        }
      });

      it('filters by category (with subcategories), tracking and active', async () => {
        const listing = (
          await t.http.get('/api/v1/categories?search=Listing').set(viewer).expect(200)
        ).body.data[0];
        expect(
          skus(
            (
              await t.http
                .get(`/api/v1/products?categoryId=${listing.id}&sort=sku`)
                .set(viewer)
                .expect(200)
            ).body,
          ),
        ).toEqual(['LST-A', 'LST-B', 'LST-C']);
        expect(
          skus(
            (
              await t.http
                .get('/api/v1/products?search=LST-&tracking=batch')
                .set(viewer)
                .expect(200)
            ).body,
          ),
        ).toEqual(['LST-A']);
        expect(
          (await t.http.get('/api/v1/products?search=LST-&active=false').set(viewer).expect(200))
            .body.meta.total,
        ).toBe(0);
      });
    });
  });

  describe('reorder rules', () => {
    it('creates a rule per product and warehouse, with exact decimal min ≤ max', async () => {
      const w = await createWarehouse(t);
      const p = (await post('/products', product({ unit: 'kg' })).expect(201)).body;
      const rule = await post('/reorder-rules', {
        productId: p.id,
        warehouseId: w.id,
        minQuantity: 2.5,
        maxQuantity: '10.000',
      }).expect(201);
      expect(rule.body).toEqual(expect.objectContaining({ minQuantity: '2.5', maxQuantity: '10' }));
      expect(
        (
          await post('/reorder-rules', {
            productId: p.id,
            warehouseId: w.id,
            minQuantity: 1,
            maxQuantity: 2,
          }).expect(409)
        ).body.error,
      ).toBe('REORDER_RULE_EXISTS');
      const other = await createWarehouse(t);
      const bad = await post('/reorder-rules', {
        productId: p.id,
        warehouseId: other.id,
        minQuantity: '10.001',
        maxQuantity: '10',
      }).expect(400);
      expect(bad.body.details[0].field).toBe('minQuantity');
      for (const quantity of [-1, '1.2345', 'ten', 1e13, '']) {
        await post('/reorder-rules', {
          productId: p.id,
          warehouseId: other.id,
          minQuantity: quantity,
          maxQuantity: 5,
        }).expect(400);
      }
      await post('/reorder-rules', {
        productId: randomUUID(),
        warehouseId: other.id,
        minQuantity: 1,
        maxQuantity: 5,
      }).expect(400);
      const updated = await patch(`/reorder-rules/${rule.body.id}`, { maxQuantity: '2.5' }).expect(
        200,
      );
      expect(updated.body.maxQuantity).toBe('2.5');
      await patch(`/reorder-rules/${rule.body.id}`, { minQuantity: '3' }).expect(400);
      const listed = await t.http
        .get(`/api/v1/reorder-rules?productId=${p.id}`)
        .set(viewer)
        .expect(200);
      expect(listed.body.meta.total).toBe(1);
      await t.http.delete(`/api/v1/reorder-rules/${rule.body.id}`).set(manager).expect(204);
    });

    it('shows an agent only its warehouses’ rules', async () => {
      const mine = await createWarehouse(t);
      const theirs = await createWarehouse(t);
      const p = (await post('/products', product()).expect(201)).body;
      await post('/reorder-rules', {
        productId: p.id,
        warehouseId: mine.id,
        minQuantity: 1,
        maxQuantity: 2,
      }).expect(201);
      const hidden = (
        await post('/reorder-rules', {
          productId: p.id,
          warehouseId: theirs.id,
          minQuantity: 1,
          maxQuantity: 2,
        }).expect(201)
      ).body;
      const agent = (await createUserAndLogin(t, { role: 'agent', warehouseIds: [mine.id] })).auth;
      const list = await t.http
        .get(`/api/v1/reorder-rules?productId=${p.id}`)
        .set(agent)
        .expect(200);
      expect(list.body.data.map((r: { warehouseId: string }) => r.warehouseId)).toEqual([mine.id]);
      await t.http.get(`/api/v1/reorder-rules/${hidden.id}`).set(agent).expect(404);
    });
  });

  describe('roles', () => {
    it.each(['agent', 'viewer'] as const)(
      'lets a %s read the catalog but not change it (403, nothing written)',
      async (role) => {
        const w = await createWarehouse(t);
        const auth = (
          await createUserAndLogin(t, { role, warehouseIds: role === 'agent' ? [w.id] : [] })
        ).auth;
        await t.http.get('/api/v1/products').set(auth).expect(200);
        await t.http.get('/api/v1/categories').set(auth).expect(200);
        const p = (await post('/products', product()).expect(201)).body;
        await post('/products', product({ sku: `NO-${role}` }), auth).expect(403);
        await patch(`/products/${p.id}`, { version: 1, name: 'Hacked' }, auth).expect(403);
        await t.http.delete(`/api/v1/products/${p.id}`).set(auth).expect(403);
        await post('/categories', { name: `No-${role}` }, auth).expect(403);
        await post(
          '/reorder-rules',
          { productId: p.id, warehouseId: w.id, minQuantity: 1, maxQuantity: 2 },
          auth,
        ).expect(403);
        await t.http
          .post('/api/v1/products/import')
          .set(auth)
          .attach('file', Buffer.from('sku,name\nA,B\n'), 'p.csv')
          .expect(403);
        const { rows } = await t.db.query(`SELECT name, active FROM products WHERE id = $1`, [
          p.id,
        ]);
        expect(rows[0]).toEqual({ name: 'Thing', active: true });
      },
    );

    it('audits every catalog change', async () => {
      const { rows } = await t.db.query(
        `SELECT DISTINCT action FROM audit_log WHERE entity_type IN ('product', 'category', 'reorder_rule')`,
      );
      expect(rows.map((r: { action: string }) => r.action).sort()).toEqual(
        expect.arrayContaining([
          'category.created',
          'category.deleted',
          'category.updated',
          'product.archived',
          'product.created',
          'product.updated',
          'reorder_rule.created',
          'reorder_rule.deleted',
          'reorder_rule.updated',
        ]),
      );
    });
  });
});
