import { createProduct, createUserAndLogin, createWarehouse } from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

type Auth = { Authorization: string };

/**
 * Every PATCH route is a partial update: an absent field stays as it is, and a field that cannot
 * be empty refuses null (400, field named) rather than failing in the database.
 */
describe('PATCH routes are partial updates', () => {
  let t: TestApp;
  let admin: Auth & { id: string };
  let w: { id: string; code: string; rootLocationId: string };

  beforeAll(async () => {
    t = await startTestApp();
    const user = await createUserAndLogin(t, { role: 'admin', fullName: 'Ada Admin' });
    admin = { ...user.auth, id: user.id };
    w = await createWarehouse(t, 'PTCH');
  });
  afterAll(() => t.close());

  const patch = (url: string, body: object) =>
    t.http.patch(`/api/v1/${url}`).set({ Authorization: admin.Authorization }).send(body);
  const get = async (url: string) =>
    (await t.http.get(`/api/v1/${url}`).set({ Authorization: admin.Authorization }).expect(200))
      .body;
  const post = async (url: string, body: object) =>
    (
      await t.http
        .post(`/api/v1/${url}`)
        .set({ Authorization: admin.Authorization })
        .send(body)
        .expect(201)
    ).body;
  const refusedNull = async (url: string, body: object, field: string) => {
    const res = await patch(url, body).expect(400);
    expect(res.body.error).toBe('VALIDATION_FAILED');
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  };
  /** The resource as GET shows it, without the fields a write always touches. */
  const stable = async (url: string) => {
    const { updatedAt: _updatedAt, version: _version, ...rest } = await get(url);
    return rest;
  };

  it('PATCH /auth/me with no field changes nothing (200); a null name is refused', async () => {
    const res = await patch('auth/me', {}).expect(200);
    expect(res.body.fullName).toBe('Ada Admin');
    await refusedNull('auth/me', { fullName: null }, 'fullName');
    expect((await get('auth/me')).fullName).toBe('Ada Admin');
    await patch('auth/me', { fullName: 'Ada Lovelace' }).expect(200);
    expect((await get('auth/me')).fullName).toBe('Ada Lovelace');
  });

  it('PATCH /products/:id keeps absent fields and refuses null for the ones that cannot be empty', async () => {
    const product = await post('products', {
      sku: 'PATCH-1',
      name: 'Patched',
      unit: 'kg',
      description: 'Kept',
      shelfLifeDays: 4,
    });
    const before = await stable(`products/${product.id}`);
    for (const field of ['sku', 'name', 'unit', 'tracking', 'expiryWarningDays']) {
      const { version } = await get(`products/${product.id}`);
      await refusedNull(`products/${product.id}`, { version, [field]: null }, field);
    }
    expect(await stable(`products/${product.id}`)).toEqual(before);
    const { version } = await get(`products/${product.id}`);
    const res = await patch(`products/${product.id}`, { version, name: 'Renamed' }).expect(200);
    expect(res.body).toEqual(
      expect.objectContaining({ name: 'Renamed', description: 'Kept', shelfLifeDays: 4 }),
    );
  });

  it('PATCH /warehouses/:id and /locations/:id keep absent fields and refuse null names and codes', async () => {
    const warehouse = await createWarehouse(t, 'PW2');
    await patch(`warehouses/${warehouse.id}`, { address: '1 Dock Road' }).expect(200);
    const before = await stable(`warehouses/${warehouse.id}`);
    await refusedNull(`warehouses/${warehouse.id}`, { code: null }, 'code');
    await refusedNull(`warehouses/${warehouse.id}`, { name: null }, 'name');
    expect(await stable(`warehouses/${warehouse.id}`)).toEqual(before);
    const renamed = await patch(`warehouses/${warehouse.id}`, { name: 'Renamed' }).expect(200);
    expect(renamed.body).toEqual(
      expect.objectContaining({ code: 'PW2', name: 'Renamed', address: '1 Dock Road' }),
    );

    const location = await post('locations', { parentId: warehouse.rootLocationId, name: 'Bay' });
    await refusedNull(`locations/${location.id}`, { name: null }, 'name');
    await refusedNull(`locations/${location.id}`, { parentId: null }, 'parentId');
    const kept = await patch(`locations/${location.id}`, {}).expect(200);
    expect(kept.body).toEqual(
      expect.objectContaining({ name: 'Bay', parentId: warehouse.rootLocationId }),
    );
  });

  it('PATCH /categories/:id and /reorder-rules/:id keep absent fields and refuse null where a value is required', async () => {
    const parent = await post('categories', { name: 'Dairy' });
    const category = await post('categories', { name: 'Cheese', parentId: parent.id });
    await refusedNull(`categories/${category.id}`, { name: null }, 'name');
    const renamed = await patch(`categories/${category.id}`, { name: 'Hard cheese' }).expect(200);
    expect(renamed.body).toEqual(
      expect.objectContaining({ parentId: parent.id, path: 'Dairy/Hard cheese' }),
    );

    const product = await createProduct(t);
    const rule = await post('reorder-rules', {
      productId: product.id,
      warehouseId: w.id,
      minQuantity: '5',
      maxQuantity: '20',
    });
    await refusedNull(`reorder-rules/${rule.id}`, { minQuantity: null }, 'minQuantity');
    const min = await patch(`reorder-rules/${rule.id}`, { minQuantity: '8' }).expect(200);
    expect(min.body).toEqual(expect.objectContaining({ minQuantity: '8', maxQuantity: '20' }));
  });

  it('PATCH /users/:id keeps absent fields and refuses null for name, role, status and warehouses', async () => {
    const user = await createUserAndLogin(t, {
      role: 'agent',
      warehouseIds: [w.id],
      fullName: 'Agent Smith',
    });
    for (const field of ['fullName', 'role', 'status', 'warehouseIds'])
      await refusedNull(`users/${user.id}`, { [field]: null }, field);
    const res = await patch(`users/${user.id}`, { fullName: 'Agent Jones' }).expect(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        fullName: 'Agent Jones',
        role: 'agent',
        status: 'active',
        warehouseIds: [w.id],
      }),
    );
  });

  it('PATCH /batches/:id keeps absent dates and clears a date sent as null', async () => {
    const product = await createProduct(t, { tracking: 'batch' });
    const batch = await post('batches', {
      productId: product.id,
      code: 'PB-1',
      producedAt: '2026-01-02',
      expiresAt: '2026-03-01',
      notes: 'Kept',
    });
    const res = await patch(`batches/${batch.id}`, { producedAt: null }).expect(200);
    expect(res.body).toEqual(
      expect.objectContaining({ producedAt: null, expiresAt: '2026-03-01', notes: 'Kept' }),
    );
  });
});
