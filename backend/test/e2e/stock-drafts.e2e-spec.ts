import {
  createLocation,
  createProduct,
  createUserAndLogin,
  createWarehouse,
  levelOf,
} from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

type Auth = { Authorization: string };
type Detail = { line: number; error: string; field?: string };

/** Drafts: partial PATCH, what may not change, and validation naming every failing line. */
describe('stock engine: editing and validating drafts', () => {
  let t: TestApp;
  let manager: Auth;
  let main: { id: string; code: string; rootLocationId: string };
  let shelf: { id: string; fullName: string };

  beforeAll(async () => {
    t = await startTestApp();
    manager = (await createUserAndLogin(t, { role: 'manager' })).auth;
    main = await createWarehouse(t, 'MAIN');
    shelf = await createLocation(t, main, { id: main.rootLocationId }, 'Shelf');
  });
  afterAll(() => t.close());

  const create = (body: object, auth = manager) =>
    t.http.post('/api/v1/operations').set(auth).send(body);
  const patch = (id: string, body: unknown, auth = manager) =>
    t.http
      .patch(`/api/v1/operations/${id}`)
      .set(auth)
      .send(body as object);
  const get = async (id: string) =>
    (await t.http.get(`/api/v1/operations/${id}`).set(manager).expect(200)).body;
  const validate = (id: string) => t.http.post(`/api/v1/operations/${id}/validate`).set(manager);
  const receive = (productId: string, quantity: number, to?: string) =>
    t.http
      .post('/api/v1/stock-moves')
      .set(manager)
      .send({
        type: 'receipt',
        warehouseId: main.id,
        productId,
        quantity,
        destinationLocationId: to,
      })
      .expect(201);
  const lineErrors = (details: Detail[]) => details.map((d) => [d.line, d.error]);
  const fields = (details: Detail[]) => [...new Set(details.map((d) => d.field))].sort();

  const receiptDraft = async () => {
    const apples = await createProduct(t);
    const pears = await createProduct(t);
    const draft = await create({
      type: 'receipt',
      warehouseId: main.id,
      partner: 'Orchard Ltd',
      notes: 'first',
      lines: [
        { productId: apples.id, quantity: '5' },
        { productId: pears.id, quantity: '2', destinationLocationId: shelf.id },
      ],
    }).expect(201);
    return { apples, pears, draft: draft.body };
  };

  describe('PATCH /operations/:id is a partial update', () => {
    it('changes only the fields sent: a notes patch keeps type, warehouse, partner and lines', async () => {
      const { draft } = await receiptDraft();
      const res = await patch(draft.id, { notes: 'second' }).expect(200);
      expect(res.body).toEqual({
        ...draft,
        notes: 'second',
        updatedAt: expect.any(String),
      });
      expect(await get(draft.id)).toEqual(res.body);
    });

    it('replaces every line when lines are sent, and clears a field sent as null', async () => {
      const { draft, pears } = await receiptDraft();
      const res = await patch(draft.id, {
        partner: null,
        lines: [{ productId: pears.id, quantity: '7.5' }],
      }).expect(200);
      expect(res.body).toEqual(
        expect.objectContaining({ partner: null, notes: 'first', type: 'receipt', lineCount: 1 }),
      );
      expect(
        res.body.lines.map((l: { product: { id: string }; quantity: string }) => [
          l.product.id,
          l.quantity,
        ]),
      ).toEqual([[pears.id, '7.5']]);
      const done = await validate(draft.id).expect(200);
      expect(done.body.moves.map((m: { quantity: string }) => m.quantity)).toEqual(['7.5']);
    });

    it('keeps the type and warehouse of a draft: another value is 409, the same value is fine', async () => {
      const { draft } = await receiptDraft();
      const other = await createWarehouse(t, 'SHOP');
      const type = await patch(draft.id, { type: 'delivery' }).expect(409);
      expect(type.body.error).toBe('OPERATION_TYPE_FIXED');
      const warehouse = await patch(draft.id, { warehouseId: other.id }).expect(409);
      expect(warehouse.body.error).toBe('OPERATION_WAREHOUSE_FIXED');
      const unchanged = await get(draft.id);
      expect(unchanged).toEqual(draft);
      await patch(draft.id, { type: 'receipt', warehouseId: main.id, notes: 'same' }).expect(200);
      expect((await get(draft.id)).notes).toBe('same');
    });

    it('answers 409 OPERATION_NOT_DRAFT to any PATCH of a done or cancelled operation, whatever the body', async () => {
      const { draft: done } = await receiptDraft();
      await validate(done.id).expect(200);
      const { draft: cancelled } = await receiptDraft();
      await t.http.post(`/api/v1/operations/${cancelled.id}/cancel`).set(manager).expect(200);
      for (const id of [done.id, cancelled.id]) {
        for (const body of [
          {},
          { notes: 'late' },
          { type: 'nope', lines: 'garbage', unknown: 1 },
          { lines: [] },
        ]) {
          const res = await patch(id, body).expect(409);
          expect(res.body.error).toBe('OPERATION_NOT_DRAFT');
        }
      }
      expect((await get(done.id)).notes).toBe('first');
    });

    it('answers 404 for an operation the caller cannot see, whatever the body', async () => {
      const { draft } = await receiptDraft();
      const shop = await createWarehouse(t, 'AGT');
      const agent = (await createUserAndLogin(t, { role: 'agent', warehouseIds: [shop.id] })).auth;
      await patch(draft.id, { notes: 'x' }, agent).expect(404);
      await patch(draft.id, { lines: 'garbage' }, agent).expect(404);
    });

    it('checks what is sent on a draft: 400 names bad fields, 422 names failing lines, and nothing changes', async () => {
      const { draft } = await receiptDraft();
      const bad = await patch(draft.id, { notes: 5, lines: [], partner: null }).expect(400);
      expect(fields(bad.body.details)).toEqual(['lines', 'notes']);
      expect((await patch(draft.id, []).expect(400)).body.error).toBe('VALIDATION_FAILED');
      const nulls = await patch(draft.id, { type: null, lines: null }).expect(400);
      expect(fields(nulls.body.details)).toEqual(['lines', 'type']);
      const archived = await createProduct(t, { active: false });
      const rule = await patch(draft.id, {
        lines: [{ productId: archived.id, quantity: 1 }],
      }).expect(422);
      expect(lineErrors(rule.body.details)).toEqual([[0, 'PRODUCT_INACTIVE']]);
      expect(await get(draft.id)).toEqual(draft);
    });

    it('checks the stored lines again when only the header changes', async () => {
      const { draft } = await receiptDraft();
      const res = await patch(draft.id, { destinationLocationId: main.rootLocationId }).expect(200);
      expect(res.body.destinationLocation).toEqual({
        id: main.rootLocationId,
        fullName: 'MAIN/Stock',
      });
      const supplier = (await t.db.query(`SELECT id FROM locations WHERE type = 'supplier'`))
        .rows[0].id;
      const wrong = await patch(draft.id, { destinationLocationId: supplier }).expect(422);
      expect(lineErrors(wrong.body.details)).toEqual([
        [0, 'LOCATION_NOT_ALLOWED'],
        [0, 'SAME_LOCATION'],
      ]);
    });

    it('refuses an agent a PATCH of a scrap draft (403), before looking at the body', async () => {
      const product = await createProduct(t);
      const scrap = await create({
        type: 'scrap',
        warehouseId: main.id,
        lines: [{ productId: product.id, quantity: 1 }],
      }).expect(201);
      const agent = (await createUserAndLogin(t, { role: 'agent', warehouseIds: [main.id] })).auth;
      await patch(scrap.body.id, { notes: 'x' }, agent).expect(403);
    });
  });

  describe('validation names every failing line', () => {
    it('reports a shortage on line 0 together with another rule failing on line 1', async () => {
      const short = await createProduct(t);
      const archived = await createProduct(t);
      await receive(short.id, 1);
      const draft = await create({
        type: 'delivery',
        warehouseId: main.id,
        lines: [
          { productId: short.id, quantity: 5 },
          { productId: archived.id, quantity: 1 },
        ],
      }).expect(201);
      await t.http.delete(`/api/v1/products/${archived.id}`).set(manager).expect(204);
      const res = await validate(draft.body.id).expect(422);
      expect(res.body.error).toBe('OPERATION_INVALID');
      expect(lineErrors(res.body.details)).toEqual([
        [0, 'INSUFFICIENT_STOCK'],
        [1, 'PRODUCT_INACTIVE'],
      ]);
      expect(await levelOf(t, short.id, main.rootLocationId)).toBe('1');
      expect((await get(draft.body.id)).status).toBe('draft');
    });

    it('reports the shortages of exact, whole-warehouse and FEFO lines in one answer', async () => {
      const exact = await createProduct(t);
      const anywhere = await createProduct(t);
      const tracked = await createProduct(t, { tracking: 'batch' });
      const fine = await createProduct(t);
      await receive(exact.id, 1, shelf.id);
      await receive(anywhere.id, 1, shelf.id);
      await receive(fine.id, 3);
      const draft = await create({
        type: 'delivery',
        warehouseId: main.id,
        lines: [
          { productId: exact.id, quantity: 2, sourceLocationId: shelf.id },
          { productId: tracked.id, quantity: 1 },
          { productId: anywhere.id, quantity: 2 },
          { productId: fine.id, quantity: 3 },
        ],
      }).expect(201);
      const res = await validate(draft.body.id).expect(422);
      expect(res.body.error).toBe('INSUFFICIENT_STOCK');
      expect(lineErrors(res.body.details)).toEqual([
        [0, 'INSUFFICIENT_STOCK'],
        [1, 'INSUFFICIENT_STOCK'],
        [2, 'INSUFFICIENT_STOCK'],
      ]);
      expect(await levelOf(t, fine.id, main.rootLocationId)).toBe('3');
    });
  });

  describe('validation answers the operation as GET /operations/:id then shows it', () => {
    // Validation builds its answer from what it wrote (only the header is read back): each
    // kind of posting is compared with the stored operation, field by field.
    let validator: Auth;
    let tracked: { id: string };
    let loose: { id: string };

    beforeAll(async () => {
      validator = (await createUserAndLogin(t, { role: 'manager', fullName: 'Vera Validator' }))
        .auth;
      tracked = await createProduct(t, { tracking: 'batch', unit: 'kg' });
      loose = await createProduct(t);
      // Inline batches without an expiry get the product's default one when received.
      await t.db.query(`UPDATE products SET shelf_life_days = 5 WHERE id = $1`, [tracked.id]);
      await t.http
        .post('/api/v1/stock-moves')
        .set(manager)
        .send({
          type: 'receipt',
          warehouseId: main.id,
          productId: tracked.id,
          quantity: '2',
          batch: { code: 'LOT-OLD' },
        })
        .expect(201);
    });

    type Done = { moves: { batch: { code: string; expiresAt: string } | null }[] };
    /** Validates a draft as another user than its creator; the answer must be what GET shows. */
    const validateAndCompare = async (id: string): Promise<Done> => {
      const done = await t.http
        .post(`/api/v1/operations/${id}/validate`)
        .set(validator)
        .expect(200);
      expect(done.body.status).toBe('done');
      expect(done.body.createdBy.fullName).not.toBe(done.body.validatedBy.fullName);
      expect(done.body).toEqual(await get(id));
      return done.body as Done;
    };
    const createAndValidate = async (body: object) =>
      validateAndCompare((await create({ warehouseId: main.id, ...body }).expect(201)).body.id);

    it('a receipt creating, reusing and dating batches, its lines renumbered by an edit', async () => {
      const undated = await t.http
        .post('/api/v1/batches')
        .set(manager)
        .send({ productId: tracked.id, code: 'LOT-UNDATED' })
        .expect(201);
      expect(undated.body.expiresAt).toBeNull();
      const draft = await create({
        type: 'receipt',
        warehouseId: main.id,
        lines: [{ productId: loose.id, quantity: '9' }],
      }).expect(201);
      await patch(draft.body.id, {
        lines: [
          { productId: tracked.id, quantity: '3', batch: { code: 'LOT-NEW' } },
          {
            productId: tracked.id,
            quantity: '1.250',
            batch: { code: 'lot-old' },
            destinationLocationId: shelf.id,
          },
          { productId: loose.id, quantity: '2' },
          { productId: tracked.id, quantity: '1', batchId: undated.body.id },
        ],
      }).expect(200);
      const done = await validateAndCompare(draft.body.id);
      expect(done.moves.map((m) => m.batch?.code)).toEqual([
        'LOT-NEW',
        'LOT-OLD',
        undefined,
        'LOT-UNDATED',
      ]);
      // Receiving gave the undated batch the product's default expiry, and the answer shows it.
      expect(done.moves[3].batch!.expiresAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    });

    it('a FEFO delivery split across batches and locations', async () => {
      const done = await createAndValidate({
        type: 'delivery',
        lines: [
          { productId: tracked.id, quantity: '4.5' },
          { productId: loose.id, quantity: '1' },
        ],
      });
      // Both lots and the untracked product: the tracked line was split.
      expect(new Set(done.moves.map((m) => m.batch?.code)).size).toBe(3);
    });

    it('a count of a batch and of an untracked product, and a transfer', async () => {
      const {
        rows: [{ id: lotOld }],
      } = await t.db.query<{ id: string }>(
        `SELECT id FROM batches WHERE product_id = $1 AND code = 'LOT-OLD'`,
        [tracked.id],
      );
      await createAndValidate({
        type: 'adjustment',
        lines: [
          { productId: loose.id, locationId: main.rootLocationId, countedQuantity: '5' },
          {
            productId: tracked.id,
            batchId: lotOld,
            locationId: main.rootLocationId,
            countedQuantity: '7.125',
          },
        ],
      });
      const back = await createLocation(t, main, { id: main.rootLocationId }, 'Back');
      await createAndValidate({
        type: 'transfer',
        sourceLocationId: main.rootLocationId,
        destinationLocationId: back.id,
        lines: [
          { productId: loose.id, quantity: '0.5' },
          { productId: tracked.id, batchId: lotOld, quantity: '7' },
        ],
      });
    });
  });
});
