import { startTestApp, TestApp } from '../setup/test-app';

interface DocOperation {
  operationId: string;
  responses: Record<string, { headers?: Record<string, unknown> }>;
}

describe('REST conventions', () => {
  let t: TestApp;
  let auth: { Authorization: string };
  /** The first administrator's creation, the only 201 that needs an empty database. */
  let setup: { status: number; location: string | undefined; accessToken: string };

  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.http
      .post('/api/v1/auth/setup')
      .send({ email: 'first@example.com', password: 'a-long-enough-password', fullName: 'First' });
    setup = {
      status: res.status,
      location: res.headers.location,
      accessToken: res.body.accessToken,
    };
    auth = { Authorization: `Bearer ${setup.accessToken}` };
  });
  afterAll(() => t.close());

  describe('Location on every 201', () => {
    /** operationId → the Location the answer carried. */
    const seen = new Map<string, string>();

    async function created(
      operationId: string,
      request: ReturnType<TestApp['http']['post']>,
    ): Promise<{ id: string } & Record<string, unknown>> {
      const res = await request;
      expect({ operationId, status: res.status }).toEqual({ operationId, status: 201 });
      const location = res.headers.location;
      expect({ operationId, location }).toEqual({ operationId, location: expect.any(String) });
      seen.set(operationId, location);
      // The Location is where the created resource reads back.
      await t.http.get(location).set(auth).expect(200);
      return res.body;
    }

    it('points at the created resource, for every route the document says answers 201', async () => {
      expect(setup).toEqual(expect.objectContaining({ status: 201, location: '/api/v1/auth/me' }));
      await t.http.get(setup.location!).set(auth).expect(200);
      seen.set('setupFirstAdministrator', setup.location!);

      const post = (path: string) => t.http.post(`/api/v1${path}`).set(auth);
      const category = await created('createCategory', post('/categories').send({ name: 'Dairy' }));
      expect(seen.get('createCategory')).toBe(`/api/v1/categories/${category.id}`);
      const product = await created(
        'createProduct',
        post('/products').send({ sku: 'MILK', name: 'Milk', unit: 'l', tracking: 'batch' }),
      );
      const warehouse = await created(
        'createWarehouse',
        post('/warehouses').send({ code: 'MAIN', name: 'Main' }),
      );
      const { body: roots } = await t.http
        .get('/api/v1/locations')
        .query({ warehouseId: warehouse.id })
        .set(auth)
        .expect(200);
      await created(
        'createLocation',
        post('/locations').send({ parentId: roots.data[0].id, name: 'Shelf A' }),
      );
      await created(
        'createReorderRule',
        post('/reorder-rules').send({
          productId: product.id,
          warehouseId: warehouse.id,
          minQuantity: 1,
          maxQuantity: 10,
        }),
      );
      const batch = await created(
        'createBatch',
        post('/batches').send({ productId: product.id, code: 'L-1', expiresAt: '2099-01-01' }),
      );
      await created('rotateBatchToken', post(`/batches/${batch.id}/rotate-token`));
      expect(seen.get('rotateBatchToken')).toBe(`/api/v1/batches/${batch.id}`);
      await created(
        'inviteUser',
        post('/users').send({ email: 'viewer@example.com', fullName: 'Viewer', role: 'viewer' }),
      );
      const receipt = await created(
        'createOperation',
        post('/operations').send({
          type: 'receipt',
          warehouseId: warehouse.id,
          lines: [{ productId: product.id, batchId: batch.id, quantity: 5 }],
        }),
      );
      await post(`/operations/${receipt.id}/validate`).expect(200);
      const reversal = await created('reverseOperation', post(`/operations/${receipt.id}/reverse`));
      expect(seen.get('reverseOperation')).toBe(`/api/v1/operations/${reversal.id}`);
      const move = await created(
        'createStockMove',
        post('/stock-moves').send({
          type: 'receipt',
          productId: product.id,
          batchId: batch.id,
          quantity: 2,
          warehouseId: warehouse.id,
        }),
      );
      const operation = move.operation as { id: string };
      expect(seen.get('createStockMove')).toBe(`/api/v1/operations/${operation.id}`);

      // Every 201 of the document was exercised above, and documents its Location header.
      const { body: doc } = await t.http.get('/docs-json').expect(200);
      const documented = Object.values(
        doc.paths as Record<string, Record<string, DocOperation>>,
      ).flatMap((item) => Object.values(item).filter((op) => op.responses['201']));
      expect(documented.map((op) => op.operationId).sort()).toEqual([...seen.keys()].sort());
      for (const op of documented)
        expect({ op: op.operationId, headers: op.responses['201'].headers }).toEqual({
          op: op.operationId,
          headers: { Location: expect.any(Object) },
        });
    });
  });

  describe('ETag and If-Match on versioned resources', () => {
    let productId: string;
    beforeAll(async () => {
      const res = await t.http
        .post('/api/v1/products')
        .set(auth)
        .send({ sku: 'TAGGED', name: 'Tagged', unit: 'unit' })
        .expect(201);
      productId = res.body.id;
    });

    it('answers the version as a strong ETag', async () => {
      const res = await t.http.get(`/api/v1/products/${productId}`).set(auth).expect(200);
      expect(res.headers.etag).toBe(`"${res.body.version}"`);
    });

    it('refuses a PATCH whose If-Match is not the current version with 412, changing nothing', async () => {
      const before = await t.http.get(`/api/v1/products/${productId}`).set(auth).expect(200);
      const res = await t.http
        .patch(`/api/v1/products/${productId}`)
        .set(auth)
        .set('If-Match', `"${before.body.version + 7}"`)
        .send({ name: 'Changed', version: before.body.version })
        .expect(412);
      expect(res.body).toEqual(
        expect.objectContaining({
          statusCode: 412,
          error: 'PRECONDITION_FAILED',
          requestId: expect.any(String),
        }),
      );
      const after = await t.http.get(`/api/v1/products/${productId}`).set(auth).expect(200);
      expect(after.body).toEqual(before.body);
    });

    it('applies a PATCH whose If-Match matches (weak, listed or *) and answers the new ETag', async () => {
      let current = (await t.http.get(`/api/v1/products/${productId}`).set(auth).expect(200)).body;
      for (const tag of [
        (v: number) => `"${v}"`,
        (v: number) => `W/"${v}"`,
        (v: number) => `"999", "${v}"`,
        () => '*',
      ]) {
        const res = await t.http
          .patch(`/api/v1/products/${productId}`)
          .set(auth)
          .set('If-Match', tag(current.version))
          .send({ name: `Renamed ${current.version}`, version: current.version })
          .expect(200);
        expect(res.body.version).toBe(current.version + 1);
        expect(res.headers.etag).toBe(`"${res.body.version}"`);
        current = res.body;
      }
    });

    it('keeps 409 STALE_VERSION for a stale body version', async () => {
      const current = (await t.http.get(`/api/v1/products/${productId}`).set(auth).expect(200))
        .body;
      const res = await t.http
        .patch(`/api/v1/products/${productId}`)
        .set(auth)
        .send({ name: 'Late', version: current.version - 1 })
        .expect(409);
      expect(res.body.error).toBe('STALE_VERSION');
    });
  });

  describe('sort on lists', () => {
    beforeAll(async () => {
      const post = (path: string, body: object) =>
        t.http.post(`/api/v1${path}`).set(auth).send(body).expect(201);
      const [bravo] = await Promise.all([
        post('/warehouses', { code: 'SORTB', name: 'Bravo' }),
        post('/warehouses', { code: 'SORTA', name: 'Alpha' }),
        post('/categories', { name: 'Apple' }),
        post('/categories', { name: 'Zucchini' }),
      ]);
      const warehouseId = bravo.body.id;
      const zeta = (await post('/products', { sku: 'SORT-1', name: 'Zeta', unit: 'unit' })).body;
      const alpha = (await post('/products', { sku: 'SORT-2', name: 'Alpha', unit: 'unit' })).body;
      await post('/stock-moves', { type: 'receipt', productId: zeta.id, quantity: 5, warehouseId });
      await post('/stock-moves', {
        type: 'receipt',
        productId: alpha.id,
        quantity: 9,
        warehouseId,
      });
      await post('/reorder-rules', {
        productId: zeta.id,
        warehouseId,
        minQuantity: 1,
        maxQuantity: 5,
      });
      await post('/reorder-rules', {
        productId: alpha.id,
        warehouseId,
        minQuantity: 20,
        maxQuantity: 30,
      });
    });

    type Row = Record<string, unknown> & { product: { name: string } };
    const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    it.each([
      ['/warehouses', 'code', (r: Row) => String(r.code)],
      ['/locations', 'type', (r: Row) => String(r.type)],
      ['/categories', 'name', (r: Row) => String(r.name).toLowerCase()],
      ['/reorder-rules', 'minQuantity', (r: Row) => Number(r.minQuantity)],
      ['/stock-levels', 'quantity', (r: Row) => Number(r.quantity)],
      ['/stock-levels/summary', 'onHand', (r: Row) => Number(r.onHand)],
      ['/stock-levels/summary', 'name', (r: Row) => r.product.name.toLowerCase()],
    ] as const)('%s?sort=%s orders ascending, and descending with -', async (path, field, key) => {
      for (const [sort, direction] of [
        [field, 1],
        [`-${field}`, -1],
      ] as const) {
        const res = await t.http
          .get(`/api/v1${path}`)
          .query({ sort, limit: 200 })
          .set(auth)
          .expect(200);
        const keys: (string | number)[] = res.body.data.map(key);
        expect(new Set(keys).size).toBeGreaterThan(1);
        const sorted = [...keys].sort(
          (a, b) => direction * (typeof a === 'number' ? a - Number(b) : byText(a, String(b))),
        );
        expect(keys).toEqual(sorted);
      }
    });

    it.each([
      '/warehouses',
      '/locations',
      '/categories',
      '/reorder-rules',
      '/stock-levels',
      '/stock-levels/summary',
    ])('%s refuses an unknown sort with VALIDATION_FAILED naming the field', async (path) => {
      const res = await t.http
        .get(`/api/v1${path}`)
        .query({ sort: 'password' })
        .set(auth)
        .expect(400);
      expect(res.body.error).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual([
        expect.objectContaining({
          field: 'sort',
          message: expect.stringContaining('sort must be one of'),
        }),
      ]);
    });

    it('documents the allowed sorts as an enum', async () => {
      const { body: doc } = await t.http.get('/docs-json').expect(200);
      const sort = doc.paths['/api/v1/stock-levels'].get.parameters.find(
        (p: { name: string }) => p.name === 'sort',
      );
      expect(sort).toEqual(
        expect.objectContaining({
          required: false,
          schema: expect.objectContaining({
            enum: expect.arrayContaining(['quantity', '-quantity']),
          }),
        }),
      );
    });
  });

  describe('an invalid UUID in a path', () => {
    it.each([
      ['get', '/api/v1/products/not-a-uuid'],
      ['get', '/api/v1/warehouses/123'],
      ['post', '/api/v1/operations/nope/validate'],
      ['patch', '/api/v1/batches/x'],
      ['delete', '/api/v1/categories/zz'],
    ] as const)('%s %s answers VALIDATION_FAILED naming the parameter', async (method, path) => {
      const res = await t.http[method](path).set(auth).send({}).expect(400);
      expect(res.body).toEqual(
        expect.objectContaining({
          statusCode: 400,
          error: 'VALIDATION_FAILED',
          details: [{ field: 'id', message: 'id must be a UUID' }],
          requestId: expect.any(String),
        }),
      );
    });
  });
});
