import { ErrorEnvelope } from '@stockmaster/contracts';
import { createProduct, createUserAndLogin, createWarehouse } from '../setup/factories';
import { ProbeModule } from '../setup/probe.module';
import { startTestApp, TestApp } from '../setup/test-app';

const NUL = '\u0000';

/** `{"a":{"a":…}}` nested `depth` levels, as raw JSON text. */
const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

describe('NUL characters and over-deep JSON are refused at the door, on every route', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof createUserAndLogin>>;
  let warehouse: Awaited<ReturnType<typeof createWarehouse>>;
  let product: Awaited<ReturnType<typeof createProduct>>;

  beforeAll(async () => {
    t = await startTestApp({ extraModules: [ProbeModule] });
    admin = await createUserAndLogin(t, { role: 'admin', fullName: 'Ada Admin' });
    warehouse = await createWarehouse(t, 'NUL');
    product = await createProduct(t, { sku: 'NUL-1', tracking: 'batch' });
  });
  afterAll(() => t.close());

  function expectNamed(res: { status: number; body: ErrorEnvelope }, field: string): void {
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('VALIDATION_FAILED');
    expect(res.body.details).toEqual([
      { field, message: `${field} must not contain a NUL character (U+0000)` },
    ]);
  }

  const count = async (table: string) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

  it.each([
    [
      'POST /products name',
      'post',
      '/api/v1/products',
      { sku: 'NUL-2', name: `Milk${NUL}`, unit: 'l' },
      'name',
      'products',
    ],
    [
      'POST /categories name',
      'post',
      '/api/v1/categories',
      { name: `Dairy${NUL}` },
      'name',
      'categories',
    ],
    [
      'POST /warehouses name',
      'post',
      '/api/v1/warehouses',
      { code: 'NUL2', name: `Shop${NUL}` },
      'name',
      'warehouses',
    ],
    [
      'POST /users fullName',
      'post',
      '/api/v1/users',
      { email: 'nul@example.com', fullName: `Nu${NUL}l`, role: 'viewer' },
      'fullName',
      'users',
    ],
    [
      'PATCH /auth/me fullName',
      'patch',
      '/api/v1/auth/me',
      { fullName: `Ada${NUL}` },
      'fullName',
      null,
    ],
  ] as const)(
    '%s → 400 naming the field, nothing written',
    async (_, method, url, body, field, table) => {
      const before = table ? await count(table) : 0;
      const res = await t.http[method](url).set(admin.auth).send(body);
      expectNamed(res, field);
      if (table) expect(await count(table)).toBe(before);
    },
  );

  it('names nested fields: an operation’s partner, notes and a line’s inline batch code', async () => {
    const before = await count('operations');
    const res = await t.http
      .post('/api/v1/operations')
      .set(admin.auth)
      .send({
        type: 'receipt',
        warehouseId: warehouse.id,
        partner: `Acme${NUL}`,
        notes: `Door 3${NUL}`,
        lines: [{ productId: product.id, quantity: '2', batch: { code: `L${NUL}7` } }],
      });
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('VALIDATION_FAILED');
    expect(res.body.details.map((d: { field: string }) => d.field)).toEqual([
      'partner',
      'notes',
      'lines.0.batch.code',
    ]);
    expect(await count('operations')).toBe(before);
  });

  it.each([
    ['/api/v1/products', 'search'],
    ['/api/v1/categories', 'search'],
    ['/api/v1/warehouses', 'search'],
    ['/api/v1/users', 'search'],
    ['/api/v1/operations', 'search'],
    ['/api/v1/batches', 'search'],
    ['/api/v1/stock-levels', 'search'],
    ['/api/v1/stock-levels/summary', 'search'],
    ['/api/v1/audit-log', 'action'],
  ])('GET %s?%s=<NUL> → 400 naming the parameter', async (url, parameter) => {
    const res = await t.http
      .get(url)
      .query({ [parameter]: `mi${NUL}lk` })
      .set(admin.auth);
    expectNamed(res, parameter);
  });

  it('refuses a NUL on an anonymous route too, before anything else runs', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .send({ email: 'a@example.com', password: `pass${NUL}word` });
    expectNamed(res, 'password');
  });

  it('refuses JSON nested 5,000 levels deep with 400, even on the anonymous sign-in', async () => {
    for (const url of ['/api/v1/auth/login', '/api/v1/probe', '/api/v1/products']) {
      const res = await t.http
        .post(url)
        .set(admin.auth)
        .set('Content-Type', 'application/json')
        .send(nested(5_000));
      expect(res.status).toBe(400);
      expect(res.body).toEqual(
        expect.objectContaining({
          error: 'VALIDATION_FAILED',
          message: 'The request body is nested too deeply',
        }),
      );
    }
    // A body nested as deep as real ones is let through to validation.
    const fine = await t.http.post('/api/v1/probe').send({ name: 'ok', lines: [{ quantity: 1 }] });
    expect(fine.status).toBe(201);
  });
});
