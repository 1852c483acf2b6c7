import { AuditEntry } from '@stockmaster/contracts';
import { createProduct, createUserAndLogin, createWarehouse } from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

type Auth = { Authorization: string };

/**
 * The audit log names who did what from where: every entry carries the caller's address, and the
 * log names its targets as they are known today.
 */
describe('audit log: addresses and targets', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof createUserAndLogin>>;
  let warehouse: { id: string; code: string; rootLocationId: string };

  beforeAll(async () => {
    // One proxy in front, as behind a load balancer: X-Forwarded-For names the client.
    t = await startTestApp({ env: { TRUST_PROXY: '1' } });
    admin = await createUserAndLogin(t, { role: 'admin' });
    warehouse = await createWarehouse(t, 'MAIN');
  });
  afterAll(() => t.close());

  const from = (ip: string, auth: Auth = admin.auth) => ({ ...auth, 'X-Forwarded-For': ip });
  const rowsOf = async (action: string, entityId: string) =>
    (
      await t.db.query(
        `SELECT ip, actor_id FROM audit_log WHERE action = $1 AND entity_id = $2 ORDER BY id`,
        [action, entityId],
      )
    ).rows as { ip: string | null; actor_id: string }[];
  const log = async (query = 'limit=200'): Promise<AuditEntry[]> =>
    (await t.http.get(`/api/v1/audit-log?${query}`).set(admin.auth).expect(200)).body.data;

  it("records the caller's address on a catalog change", async () => {
    const product = await t.http
      .post('/api/v1/products')
      .set(from('203.0.113.7'))
      .send({ sku: 'IP-CAT-1', name: 'Catalogued', unit: 'unit' })
      .expect(201);
    await t.http
      .patch(`/api/v1/products/${product.body.id}`)
      .set(from('203.0.113.8'))
      .send({ name: 'Catalogued again', version: product.body.version })
      .expect(200);

    expect(await rowsOf('product.created', product.body.id)).toEqual([
      { ip: '203.0.113.7', actor_id: admin.id },
    ]);
    expect(await rowsOf('product.updated', product.body.id)).toEqual([
      { ip: '203.0.113.8', actor_id: admin.id },
    ]);
  });

  it("records the caller's address on a stock posting and on its draft", async () => {
    const product = await createProduct(t, { sku: 'IP-STK-1' });
    const posted = await t.http
      .post('/api/v1/stock-moves')
      .set({ ...from('198.51.100.23'), 'Idempotency-Key': 'ip-stock-1' })
      .send({ type: 'receipt', warehouseId: warehouse.id, productId: product.id, quantity: '5' })
      .expect(201);
    expect(await rowsOf('operation.validated', posted.body.operation.id)).toEqual([
      { ip: '198.51.100.23', actor_id: admin.id },
    ]);

    const draft = await t.http
      .post('/api/v1/operations')
      .set({ ...from('198.51.100.24'), 'Idempotency-Key': 'ip-stock-2' })
      .send({
        type: 'delivery',
        warehouseId: warehouse.id,
        lines: [{ productId: product.id, quantity: '2' }],
      })
      .expect(201);
    await t.http
      .post(`/api/v1/operations/${draft.body.id}/validate`)
      .set({ ...from('198.51.100.25'), 'Idempotency-Key': 'ip-stock-3' })
      .expect(200);
    expect(await rowsOf('operation.created', draft.body.id)).toEqual([
      { ip: '198.51.100.24', actor_id: admin.id },
    ]);
    expect(await rowsOf('operation.validated', draft.body.id)).toEqual([
      { ip: '198.51.100.25', actor_id: admin.id },
    ]);
  });

  it('keeps concurrent requests apart: each entry has its own caller', async () => {
    const created = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        t.http
          .post('/api/v1/products')
          .set(from(`192.0.2.${i + 1}`))
          .send({ sku: `IP-PAR-${i + 1}`, name: `Parallel ${i + 1}`, unit: 'kg' }),
      ),
    );
    expect(created.map((res) => res.status)).toEqual(Array(16).fill(201));
    const { rows } = await t.db.query(
      `SELECT summary->>'sku' AS sku, ip FROM audit_log WHERE action = 'product.created' AND summary->>'sku' LIKE 'IP-PAR-%'`,
    );
    expect(rows).toHaveLength(16);
    for (const row of rows as { sku: string; ip: string }[]) {
      expect(row.ip).toBe(`192.0.2.${row.sku.slice('IP-PAR-'.length)}`);
    }
  });

  it('writes an IPv4 caller without the IPv6 prefix', async () => {
    // No proxy header: the socket's own address, which Node reports as ::ffff:127.0.0.1.
    const res = await t.http
      .post('/api/v1/products')
      .set(admin.auth)
      .send({ sku: 'IP-V4-1', name: 'Direct', unit: 'unit' })
      .expect(201);
    expect(await rowsOf('product.created', res.body.id)).toEqual([
      { ip: '127.0.0.1', actor_id: admin.id },
    ]);
  });

  it('names targets as they are known today, with the page that shows them', async () => {
    const product = await createProduct(t, { sku: 'TGT-1' });
    const posted = await t.http
      .post('/api/v1/stock-moves')
      .set({ ...admin.auth, 'Idempotency-Key': 'target-1' })
      .send({ type: 'receipt', warehouseId: warehouse.id, productId: product.id, quantity: '1' })
      .expect(201);
    const location = await t.http
      .post('/api/v1/locations')
      .set(admin.auth)
      .send({ parentId: warehouse.rootLocationId, name: 'Cold room' })
      .expect(201);
    const shelf = await t.http
      .post('/api/v1/locations')
      .set(admin.auth)
      .send({ parentId: location.body.id, name: 'Shelf A' })
      .expect(201);
    await t.http.delete(`/api/v1/locations/${shelf.body.id}`).set(admin.auth).expect(204);

    const entries = await log();
    const about = (action: string, id: string) =>
      entries.find((e) => e.action === action && e.entityId === id)?.target;
    expect(about('operation.validated', posted.body.operation.id)).toEqual({
      type: 'operation',
      id: posted.body.operation.id,
      label: posted.body.operation.reference,
      owner: null,
    });
    expect(about('location.created', location.body.id)).toEqual({
      type: 'location',
      id: location.body.id,
      label: 'MAIN/Stock/Cold room',
      owner: { type: 'warehouse', id: warehouse.id },
    });
    // Deleted: still named by its entry's summary, but no longer by a link.
    expect(about('location.deleted', shelf.body.id)).toEqual({
      type: 'location',
      id: shelf.body.id,
      label: null,
      owner: null,
    });
    const signIn = entries.find((e) => e.action === 'auth.login.succeeded');
    expect(signIn?.target).toEqual({ type: 'user', id: admin.id, label: admin.email, owner: null });
    // An entry about no single thing (an import of many products) has no target.
    expect(entries.every((e) => (e.entityId === null) === (e.target === null))).toBe(true);
  });

  it('names targets of every kind on one page, whatever order the kinds come in', async () => {
    // Newest first: a user and a product entry before a location one, so the target lookup
    // unites two owner-less kinds before one with an owner.
    await t.http
      .post('/api/v1/locations')
      .set(admin.auth)
      .send({ parentId: warehouse.rootLocationId, name: 'Dock' })
      .expect(201);
    const product = await t.http
      .post('/api/v1/products')
      .set(admin.auth)
      .send({ sku: 'KINDS-1', name: 'Kinds', unit: 'unit' })
      .expect(201);
    await t.http.patch('/api/v1/auth/me').set(admin.auth).send({ fullName: 'Ada' }).expect(200);

    const entries = await log('limit=3');
    expect(entries.map((e) => e.target?.type)).toEqual(['user', 'product', 'location']);
    expect(entries[1].target).toEqual(
      expect.objectContaining({ id: product.body.id, label: 'KINDS-1 — Kinds', owner: null }),
    );
    expect(entries[2].target?.owner).toEqual({ type: 'warehouse', id: warehouse.id });
  });
});
