import { OPERATION_PREFIX } from '@stockmaster/contracts';
import { randomUUID } from 'node:crypto';
import {
  createProduct,
  createUserAndLogin,
  createWarehouse,
  levelOf,
  createLocation,
} from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

type Auth = { Authorization: string };

describe('stock engine: postings and their invariants', () => {
  let t: TestApp;
  let manager: Auth;
  let main: { id: string; code: string; rootLocationId: string };

  beforeAll(async () => {
    t = await startTestApp();
    manager = (await createUserAndLogin(t, { role: 'manager' })).auth;
    main = await createWarehouse(t, 'MAIN');
  });
  afterAll(() => t.close());

  const quick = (body: object, auth = manager, key?: string) => {
    const req = t.http.post('/api/v1/stock-moves').set(auth);
    return (key ? req.set('Idempotency-Key', key) : req).send(body);
  };
  const receive = (productId: string, quantity: string | number, destinationLocationId?: string) =>
    quick({
      type: 'receipt',
      productId,
      quantity,
      warehouseId: main.id,
      destinationLocationId,
    }).expect(201);
  const create = (body: object, auth = manager) =>
    t.http.post('/api/v1/operations').set(auth).send(body);
  const validate = (id: string, auth = manager) =>
    t.http.post(`/api/v1/operations/${id}/validate`).set(auth);

  describe('the one-line shortcut', () => {
    it('receives into the warehouse root by default and answers the operation and its move', async () => {
      const product = await createProduct(t, { unit: 'kg' });
      const res = await receive(product.id, '2.5');
      expect(res.body.operation).toEqual(
        expect.objectContaining({
          type: 'receipt',
          status: 'done',
          reference: expect.stringMatching(/^MAIN\/IN\/\d{5}$/),
          doneAt: expect.any(String),
        }),
      );
      expect(res.body.move).toEqual(
        expect.objectContaining({
          quantity: '2.5',
          sourceLocation: expect.objectContaining({ fullName: 'Partners/Suppliers' }),
          destinationLocation: expect.objectContaining({ fullName: 'MAIN/Stock' }),
        }),
      );
      expect(await levelOf(t, product.id, main.rootLocationId)).toBe('2.5');
    });

    it('answers exactly what GET /operations/:id and the ledger then show', async () => {
      const product = await createProduct(t, { unit: 'kg' });
      const shelf = await createLocation(
        t,
        main,
        { id: main.rootLocationId },
        `Shelf-${Date.now()}`,
      );
      await receive(product.id, '5.5');
      const res = await quick({
        type: 'transfer',
        productId: product.id,
        quantity: '2.250',
        sourceLocationId: main.rootLocationId,
        destinationLocationId: shelf.id,
      }).expect(201);
      const stored = await t.http
        .get(`/api/v1/operations/${res.body.operation.id}`)
        .set(manager)
        .expect(200);
      expect(res.body.operation).toEqual(stored.body);
      expect(res.body.operation.reference).toMatch(/^MAIN\/INT\/\d{5}$/);
      expect(res.body.move.quantity).toBe('2.25');
      const ledger = await t.http
        .get(`/api/v1/stock-moves?operationId=${res.body.operation.id}`)
        .set(manager)
        .expect(200);
      expect(ledger.body.data).toEqual([res.body.move]);
    });

    it('creates the level rows of first postings, also when many arrive at once', async () => {
      const product = await createProduct(t);
      const bin = await createLocation(t, main, { id: main.rootLocationId }, `Bin-${Date.now()}`);
      const results = await Promise.all(
        Array.from({ length: 20 }, () => receive(product.id, 1, bin.id)),
      );
      expect(results.every((r) => r.body.move.destinationLocation.id === bin.id)).toBe(true);
      expect(await levelOf(t, product.id, bin.id)).toBe('20');
      const spread = await Promise.all(
        Array.from({ length: 10 }, async (_, i) => {
          const to = await createLocation(t, main, { id: bin.id }, `Sub-${i}`);
          return quick({
            type: 'transfer',
            productId: product.id,
            quantity: 2,
            sourceLocationId: bin.id,
            destinationLocationId: to.id,
          });
        }),
      );
      expect(spread.map((r) => r.status)).toEqual(Array(10).fill(201));
      expect(await levelOf(t, product.id, bin.id)).toBe('0');
    });

    it('adds decimals exactly: 1.25 + 2.5 = 3.75', async () => {
      const product = await createProduct(t, { unit: 'kg' });
      await receive(product.id, 1.25);
      await receive(product.id, '2.5');
      expect(await levelOf(t, product.id, main.rootLocationId)).toBe('3.75');
      await quick({
        type: 'delivery',
        productId: product.id,
        quantity: '3.749',
        warehouseId: main.id,
      }).expect(201);
      expect(await levelOf(t, product.id, main.rootLocationId)).toBe('0.001');
    });

    it.each([
      ['zero', 0],
      ['zero as text', '0.000'],
      ['negative', -1],
      ['negative text', '-1'],
      ['non-numeric', 'ten'],
      ['more than 3 decimals', '1.2345'],
      ['10^12 or more', '1000000000000'],
      ['exponent', 1e21],
      ['empty', ''],
      ['missing', undefined],
    ])('refuses a %s quantity with 400 and posts nothing', async (_, quantity) => {
      const product = await createProduct(t);
      const res = await quick({
        type: 'receipt',
        productId: product.id,
        quantity,
        warehouseId: main.id,
      }).expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'quantity' })]);
      expect(await levelOf(t, product.id, main.rootLocationId)).toBe('0');
    });

    it('refuses a delivery larger than stock with 422 INSUFFICIENT_STOCK and writes nothing', async () => {
      const product = await createProduct(t);
      await receive(product.id, 3);
      const moves = (await t.db.query(`SELECT count(*)::int AS n FROM stock_moves`)).rows[0].n;
      const res = await quick({
        type: 'delivery',
        productId: product.id,
        quantity: 4,
        warehouseId: main.id,
      }).expect(422);
      expect(res.body.error).toBe('INSUFFICIENT_STOCK');
      expect(res.body.details).toEqual([
        {
          line: 0,
          error: 'INSUFFICIENT_STOCK',
          message: expect.stringContaining('Only 3 on hand at MAIN/Stock'),
        },
      ]);
      expect(await levelOf(t, product.id, main.rootLocationId)).toBe('3');
      expect((await t.db.query(`SELECT count(*)::int AS n FROM stock_moves`)).rows[0].n).toBe(
        moves,
      );
    });

    it('posts exactly 30 of 50 concurrent one-unit deliveries against 30 on hand; the other 20 get 422', async () => {
      const product = await createProduct(t);
      await receive(product.id, 30);
      const results = await Promise.all(
        Array.from({ length: 50 }, () =>
          quick({ type: 'delivery', productId: product.id, quantity: 1, warehouseId: main.id }),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(30);
      expect(statuses.filter((s) => s === 422)).toHaveLength(20);
      expect(await levelOf(t, product.id, main.rootLocationId)).toBe('0');
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n, sum(quantity)::text AS q FROM stock_moves WHERE product_id = $1 AND destination_location_id <> $2`,
        [product.id, main.rootLocationId],
      );
      expect(rows[0]).toEqual({ n: 30, q: '30.000' });
    });

    it('runs 200 concurrent opposite transfers between two locations without a deadlock error, totals balanced', async () => {
      const product = await createProduct(t);
      const a = await createLocation(
        t,
        main,
        { id: main.rootLocationId },
        `A-${randomUUID().slice(0, 4)}`,
      );
      const b = await createLocation(
        t,
        main,
        { id: main.rootLocationId },
        `B-${randomUUID().slice(0, 4)}`,
      );
      await receive(product.id, 100, a.id);
      await receive(product.id, 100, b.id);
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          quick({
            type: 'transfer',
            productId: product.id,
            quantity: 1,
            sourceLocationId: i % 2 ? a.id : b.id,
            destinationLocationId: i % 2 ? b.id : a.id,
            warehouseId: main.id,
          }),
        ),
      );
      expect(results.filter((r) => r.status !== 201).map((r) => r.body)).toEqual([]);
      expect(await levelOf(t, product.id, a.id)).toBe('100');
      expect(await levelOf(t, product.id, b.id)).toBe('100');
    });

    it('numbers references gap-free per warehouse and type, even under concurrency and failures', async () => {
      const w = await createWarehouse(t, 'SEQ');
      const product = await createProduct(t);
      const results = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          quick({
            type: i % 3 === 0 ? 'delivery' : 'receipt',
            productId: product.id,
            quantity: 1,
            warehouseId: w.id,
          }),
        ),
      );
      const refs = results
        .filter((r) => r.status === 201)
        .map((r) => r.body.operation.reference as string);
      const receipts = refs.filter((ref) => ref.startsWith('SEQ/IN/')).sort();
      expect(receipts).toEqual(
        Array.from({ length: 8 }, (_, i) => `SEQ/IN/${String(i + 1).padStart(5, '0')}`),
      );
      const deliveries = refs.filter((ref) => ref.startsWith('SEQ/OUT/')).sort();
      expect(deliveries).toEqual(
        Array.from(
          { length: deliveries.length },
          (_, i) => `SEQ/OUT/${String(i + 1).padStart(5, '0')}`,
        ),
      );
    });
  });

  describe('operations', () => {
    it('numbers each type with its own prefix and sequence', async () => {
      const w = await createWarehouse(t, 'PRE');
      const product = await createProduct(t);
      const shelf = await createLocation(t, w, { id: w.rootLocationId }, 'Shelf');
      const prefixes: Record<string, string> = {};
      for (const type of Object.keys(OPERATION_PREFIX) as (keyof typeof OPERATION_PREFIX)[]) {
        const line =
          type === 'adjustment'
            ? { productId: product.id, locationId: w.rootLocationId, countedQuantity: 1 }
            : { productId: product.id, quantity: 1 };
        const destination = type === 'transfer' ? { destinationLocationId: shelf.id } : {};
        const res = await create({ type, warehouseId: w.id, ...destination, lines: [line] }).expect(
          201,
        );
        prefixes[type] = res.body.reference;
      }
      expect(prefixes).toEqual(
        Object.fromEntries(
          Object.entries(OPERATION_PREFIX).map(([type, prefix]) => [type, `PRE/${prefix}/00001`]),
        ),
      );
    });

    it('creates a draft, replaces it, validates it all at once and freezes it', async () => {
      const apples = await createProduct(t, { unit: 'kg' });
      const pears = await createProduct(t, { unit: 'kg' });
      const draft = await create({
        type: 'receipt',
        warehouseId: main.id,
        partner: 'Orchard Ltd',
        lines: [{ productId: apples.id, quantity: '5' }],
      }).expect(201);
      expect(draft.body).toEqual(
        expect.objectContaining({
          status: 'draft',
          partner: 'Orchard Ltd',
          lineCount: 1,
          moves: [],
        }),
      );
      expect(await levelOf(t, apples.id, main.rootLocationId)).toBe('0');

      const body = {
        type: 'receipt',
        warehouseId: main.id,
        partner: 'Orchard Ltd',
        lines: [
          { productId: apples.id, quantity: '5' },
          { productId: pears.id, quantity: '7.5' },
        ],
      };
      await t.http.patch(`/api/v1/operations/${draft.body.id}`).set(manager).send(body).expect(200);
      const done = await validate(draft.body.id).expect(200);
      expect(done.body).toEqual(
        expect.objectContaining({
          status: 'done',
          lineCount: 2,
          validatedBy: expect.objectContaining({ fullName: 'Test manager' }),
        }),
      );
      expect(done.body.moves.map((m: { quantity: string }) => m.quantity)).toEqual(['5', '7.5']);
      expect(await levelOf(t, pears.id, main.rootLocationId)).toBe('7.5');

      expect((await validate(draft.body.id).expect(409)).body.error).toBe('OPERATION_NOT_DRAFT');
      expect(
        (
          await t.http
            .patch(`/api/v1/operations/${draft.body.id}`)
            .set(manager)
            .send(body)
            .expect(409)
        ).body.error,
      ).toBe('OPERATION_NOT_DRAFT');
      await t.http.post(`/api/v1/operations/${draft.body.id}/cancel`).set(manager).expect(409);
    });

    it('names every failing line of a validation and writes nothing', async () => {
      const stocked = await createProduct(t);
      const empty = await createProduct(t);
      const alsoEmpty = await createProduct(t);
      await receive(stocked.id, 10);
      const op = await create({
        type: 'delivery',
        warehouseId: main.id,
        lines: [
          { productId: empty.id, quantity: 1 },
          { productId: stocked.id, quantity: 4 },
          { productId: alsoEmpty.id, quantity: 2 },
        ],
      }).expect(201);
      const res = await validate(op.body.id).expect(422);
      expect(
        res.body.details.map((d: { line: number; error: string }) => [d.line, d.error]),
      ).toEqual([
        [0, 'INSUFFICIENT_STOCK'],
        [2, 'INSUFFICIENT_STOCK'],
      ]);
      expect(await levelOf(t, stocked.id, main.rootLocationId)).toBe('10');
      expect(
        (await t.http.get(`/api/v1/operations/${op.body.id}`).set(manager).expect(200)).body.status,
      ).toBe('draft');
    });

    it('checks locations and products per type at creation (422 with line details)', async () => {
      const product = await createProduct(t);
      const archived = await createProduct(t, { active: false });
      const other = await createWarehouse(t);
      const res = await create({
        type: 'receipt',
        warehouseId: main.id,
        lines: [
          { productId: randomUUID(), quantity: 1 },
          { productId: archived.id, quantity: 1 },
          { productId: product.id, quantity: 1, destinationLocationId: other.rootLocationId },
          { productId: product.id, quantity: 1, sourceLocationId: main.rootLocationId },
        ],
      }).expect(422);
      expect(
        res.body.details.map((d: { line: number; error: string }) => [d.line, d.error]),
      ).toEqual([
        [0, 'PRODUCT_NOT_FOUND'],
        [1, 'PRODUCT_INACTIVE'],
        [2, 'LOCATION_NOT_ALLOWED'],
        [3, 'LOCATION_NOT_ALLOWED'],
        [3, 'SAME_LOCATION'], // supplier side given as MAIN/Stock, which is also the destination
      ]);
      const transfer = await create({
        type: 'transfer',
        warehouseId: main.id,
        lines: [{ productId: product.id, quantity: 1 }],
      }).expect(422);
      expect(transfer.body.details[0].error).toBe('LOCATION_NOT_ALLOWED'); // a transfer needs a destination
      await create({ type: 'receipt', warehouseId: main.id, lines: [] }).expect(400);
      await create({
        type: 'receipt',
        warehouseId: main.id,
        lines: [{ productId: product.id, countedQuantity: 3 }],
      }).expect(400);
    });

    it('cancels a draft, once', async () => {
      const product = await createProduct(t);
      const op = await create({
        type: 'receipt',
        warehouseId: main.id,
        lines: [{ productId: product.id, quantity: 1 }],
      }).expect(201);
      const cancelled = await t.http
        .post(`/api/v1/operations/${op.body.id}/cancel`)
        .set(manager)
        .expect(200);
      expect(cancelled.body.status).toBe('cancelled');
      await validate(op.body.id).expect(409);
    });

    it('adjusts to a counted quantity: gains and losses through the inventory location, none when equal', async () => {
      const counted = await createProduct(t);
      const lost = await createProduct(t);
      const same = await createProduct(t);
      await receive(lost.id, 10);
      await receive(same.id, 4);
      const op = await create({
        type: 'adjustment',
        warehouseId: main.id,
        lines: [
          { productId: counted.id, locationId: main.rootLocationId, countedQuantity: '6.5' },
          { productId: lost.id, locationId: main.rootLocationId, countedQuantity: 7 },
          { productId: same.id, locationId: main.rootLocationId, countedQuantity: 4 },
        ],
      }).expect(201);
      const done = await validate(op.body.id).expect(200);
      expect(done.body.reference).toMatch(/^MAIN\/ADJ\//);
      expect(
        done.body.moves.map((m: { quantity: string; sourceLocation: { fullName: string } }) => [
          m.quantity,
          m.sourceLocation.fullName,
        ]),
      ).toEqual([
        ['6.5', 'Virtual/Inventory adjustment'],
        ['3', 'MAIN/Stock'],
      ]);
      expect(await levelOf(t, counted.id, main.rootLocationId)).toBe('6.5');
      expect(await levelOf(t, lost.id, main.rootLocationId)).toBe('7');
      expect(await levelOf(t, same.id, main.rootLocationId)).toBe('4');
    });

    it('reverses a validated operation once; a second reversal is 409; a reversal without the stock is 422', async () => {
      const product = await createProduct(t);
      const receipt = (await receive(product.id, 5)).body.operation;
      const reversal = await t.http
        .post(`/api/v1/operations/${receipt.id}/reverse`)
        .set(manager)
        .expect(201);
      expect(reversal.body).toEqual(
        expect.objectContaining({
          status: 'done',
          reversalOfId: receipt.id,
          notes: `Reversal of ${receipt.reference}`,
        }),
      );
      expect(reversal.body.moves[0]).toEqual(
        expect.objectContaining({
          quantity: '5',
          sourceLocation: expect.objectContaining({ fullName: 'MAIN/Stock' }),
        }),
      );
      expect(await levelOf(t, product.id, main.rootLocationId)).toBe('0');
      expect(
        (await t.http.get(`/api/v1/operations/${receipt.id}`).set(manager).expect(200)).body
          .reversedById,
      ).toBe(reversal.body.id);
      expect(
        (await t.http.post(`/api/v1/operations/${receipt.id}/reverse`).set(manager).expect(409))
          .body.error,
      ).toBe('ALREADY_REVERSED');

      const second = (await receive(product.id, 5)).body.operation;
      await quick({
        type: 'delivery',
        productId: product.id,
        quantity: 4,
        warehouseId: main.id,
      }).expect(201);
      const short = await t.http
        .post(`/api/v1/operations/${second.id}/reverse`)
        .set(manager)
        .expect(422);
      expect(short.body.error).toBe('INSUFFICIENT_STOCK');
      expect(await levelOf(t, product.id, main.rootLocationId)).toBe('1');
    });

    it('lets only one of two concurrent reversals through', async () => {
      const product = await createProduct(t);
      const receipt = (await receive(product.id, 5)).body.operation;
      const results = await Promise.all(
        [0, 1].map(() => t.http.post(`/api/v1/operations/${receipt.id}/reverse`).set(manager)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      expect(await levelOf(t, product.id, main.rootLocationId)).toBe('0');
    });

    it('validates a 10,000-line operation in one go', async () => {
      const product = await createProduct(t);
      const lines = Array.from({ length: 10_000 }, () => ({
        productId: product.id,
        quantity: '0.5',
      }));
      const op = await create({ type: 'receipt', warehouseId: main.id, lines }).expect(201);
      const done = await validate(op.body.id).expect(200);
      expect(done.body.lineCount).toBe(10_000);
      expect(await levelOf(t, product.id, main.rootLocationId)).toBe('5000');
    });
  });

  describe('idempotency', () => {
    it('replays the first result for the same key and body, posting once', async () => {
      const product = await createProduct(t);
      const key = randomUUID();
      const body = { type: 'receipt', productId: product.id, quantity: 2, warehouseId: main.id };
      const first = await quick(body, manager, key).expect(201);
      const again = await quick(body, manager, key).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(await levelOf(t, product.id, main.rootLocationId)).toBe('2');
    });

    it('posts once when two requests with one key arrive together', async () => {
      const product = await createProduct(t);
      const key = randomUUID();
      const body = { type: 'receipt', productId: product.id, quantity: 1, warehouseId: main.id };
      const results = await Promise.all(Array.from({ length: 6 }, () => quick(body, manager, key)));
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
      expect(new Set(results.map((r) => r.body.operation.id)).size).toBe(1);
      expect(await levelOf(t, product.id, main.rootLocationId)).toBe('1');
    });

    it('refuses the same key with a different body (422 IDEMPOTENCY_KEY_REUSED), and keys are per user', async () => {
      const product = await createProduct(t);
      const key = randomUUID();
      await quick(
        { type: 'receipt', productId: product.id, quantity: 1, warehouseId: main.id },
        manager,
        key,
      ).expect(201);
      const reused = await quick(
        { type: 'receipt', productId: product.id, quantity: 9, warehouseId: main.id },
        manager,
        key,
      ).expect(422);
      expect(reused.body.error).toBe('IDEMPOTENCY_KEY_REUSED');
      const other = (await createUserAndLogin(t, { role: 'manager' })).auth;
      await quick(
        { type: 'receipt', productId: product.id, quantity: 9, warehouseId: main.id },
        other,
        key,
      ).expect(201);
      expect(await levelOf(t, product.id, main.rootLocationId)).toBe('10');
    });

    it('makes validate and create idempotent too, and refuses malformed keys', async () => {
      const product = await createProduct(t);
      const body = {
        type: 'receipt',
        warehouseId: main.id,
        lines: [{ productId: product.id, quantity: 3 }],
      };
      const createKey = randomUUID();
      const a = await t.http
        .post('/api/v1/operations')
        .set(manager)
        .set('Idempotency-Key', createKey)
        .send(body)
        .expect(201);
      const b = await t.http
        .post('/api/v1/operations')
        .set(manager)
        .set('Idempotency-Key', createKey)
        .send(body)
        .expect(201);
      expect(b.body.id).toBe(a.body.id);
      const key = randomUUID();
      await validate(a.body.id).set('Idempotency-Key', key).expect(200);
      const replay = await validate(a.body.id).set('Idempotency-Key', key).expect(200);
      expect(replay.body.status).toBe('done');
      expect(await levelOf(t, product.id, main.rootLocationId)).toBe('3');
      await quick(
        { type: 'receipt', productId: product.id, quantity: 1, warehouseId: main.id },
        manager,
        'k'.repeat(256),
      ).expect(400);
    });

    it('keeps no key for a failed posting: the retry runs again', async () => {
      const product = await createProduct(t);
      const key = randomUUID();
      const body = { type: 'delivery', productId: product.id, quantity: 1, warehouseId: main.id };
      await quick(body, manager, key).expect(422);
      await receive(product.id, 1);
      await quick(body, manager, key).expect(201);
      expect(await levelOf(t, product.id, main.rootLocationId)).toBe('0');
    });
  });

  describe('the database holds the invariants too', () => {
    it('refuses to update or delete a done move, to make a level negative, or to change a validated operation', async () => {
      const product = await createProduct(t);
      const { operation } = (await receive(product.id, 2)).body;
      await expect(
        t.db.query(`UPDATE stock_moves SET quantity = 99 WHERE operation_id = $1`, [operation.id]),
      ).rejects.toThrow(/immutable/);
      await expect(
        t.db.query(`DELETE FROM stock_moves WHERE operation_id = $1`, [operation.id]),
      ).rejects.toThrow(/immutable/);
      await expect(
        t.db.query(`UPDATE stock_levels SET quantity = -1 WHERE product_id = $1`, [product.id]),
      ).rejects.toThrow(/stock_levels_not_negative/);
      await expect(
        t.db.query(`UPDATE operations SET notes = 'edited' WHERE id = $1`, [operation.id]),
      ).rejects.toThrow(/can no longer change/);
      await expect(
        t.db.query(`DELETE FROM operation_lines WHERE operation_id = $1`, [operation.id]),
      ).rejects.toThrow(/can no longer change/);
      await expect(
        t.db.query(
          `INSERT INTO operation_lines (operation_id, line_no, product_id, quantity) VALUES ($1, 9, $2, 1)`,
          [operation.id, product.id],
        ),
      ).rejects.toThrow(/can no longer change/);
      // Numbered at commit; from then on the reference is as frozen as the rest.
      await expect(
        t.db.query(`UPDATE operations SET reference = 'MAIN/IN/99999' WHERE id = $1`, [
          operation.id,
        ]),
      ).rejects.toThrow(/can no longer change/);
      await expect(
        t.db.query(
          `INSERT INTO stock_levels (product_id, location_id, warehouse_id, quantity) SELECT $1, id, $2, 0 FROM locations WHERE type = 'customer'`,
          [product.id, main.id],
        ),
      ).rejects.toThrow(/internal locations/);
    });

    it('checks a statement of lines or levels as a whole: any row that breaks the rule refuses all of it', async () => {
      const product = await createProduct(t);
      const done = (await receive(product.id, 2)).body.operation;
      const draft = (
        await create({
          type: 'receipt',
          warehouseId: main.id,
          lines: [
            { productId: product.id, quantity: 1 },
            { productId: product.id, quantity: 2 },
          ],
        }).expect(201)
      ).body;
      const linesOf = async (operationId: string) =>
        (
          await t.db.query(
            `SELECT id, quantity::text FROM operation_lines WHERE operation_id = $1 ORDER BY line_no`,
            [operationId],
          )
        ).rows;
      const [draftLine] = await linesOf(draft.id);
      const [doneLine] = await linesOf(done.id);

      // A draft's lines still change, row by row or all at once.
      await t.db.query(
        `UPDATE operation_lines SET quantity = quantity + 1 WHERE operation_id = $1`,
        [draft.id],
      );
      expect((await linesOf(draft.id)).map((line) => line.quantity)).toEqual(['2.000', '3.000']);

      // A done operation's do not, nor can a line leave it or join it.
      await expect(
        t.db.query(`UPDATE operation_lines SET quantity = 5 WHERE operation_id = $1`, [done.id]),
      ).rejects.toThrow(/can no longer change/);
      await expect(
        t.db.query(`UPDATE operation_lines SET operation_id = $1, line_no = 77 WHERE id = $2`, [
          draft.id,
          doneLine.id,
        ]),
      ).rejects.toThrow(/can no longer change/);
      await expect(
        t.db.query(`UPDATE operation_lines SET operation_id = $1, line_no = 77 WHERE id = $2`, [
          done.id,
          draftLine.id,
        ]),
      ).rejects.toThrow(/can no longer change/);
      // One statement adding a line to the draft and one to the done operation adds neither.
      await expect(
        t.db.query(
          `INSERT INTO operation_lines (operation_id, line_no, product_id, quantity)
           VALUES ($1, 8, $3, 1), ($2, 9, $3, 1)`,
          [draft.id, done.id, product.id],
        ),
      ).rejects.toThrow(/can no longer change/);
      expect(await linesOf(draft.id)).toHaveLength(2);
      expect(await linesOf(done.id)).toEqual([doneLine]);

      // Levels: one row at another warehouse's location refuses the whole insert.
      const other = await createWarehouse(t);
      const fresh = await createProduct(t);
      await expect(
        t.db.query(
          `INSERT INTO stock_levels (product_id, location_id, warehouse_id, quantity)
           VALUES ($1, $2, $3, 0), ($1, $4, $3, 0)`,
          [fresh.id, main.rootLocationId, main.id, other.rootLocationId],
        ),
      ).rejects.toThrow(/internal locations/);
      expect(
        (await t.db.query(`SELECT 1 FROM stock_levels WHERE product_id = $1`, [fresh.id])).rowCount,
      ).toBe(0);
      // A level cannot be moved out of its warehouse either.
      await t.db.query(
        `INSERT INTO stock_levels (product_id, location_id, warehouse_id, quantity) VALUES ($1, $2, $3, 0)`,
        [fresh.id, main.rootLocationId, main.id],
      );
      await expect(
        t.db.query(`UPDATE stock_levels SET location_id = $2 WHERE product_id = $1`, [
          fresh.id,
          other.rootLocationId,
        ]),
      ).rejects.toThrow(/internal locations/);
    });
  });

  describe('roles and warehouse scope', () => {
    it('lets an agent receive, deliver and transfer in its warehouses only, and nothing else', async () => {
      const other = await createWarehouse(t);
      const agent = (await createUserAndLogin(t, { role: 'agent', warehouseIds: [main.id] })).auth;
      const product = await createProduct(t);
      await quick(
        { type: 'receipt', productId: product.id, quantity: 5, warehouseId: main.id },
        agent,
      ).expect(201);
      await quick(
        { type: 'delivery', productId: product.id, quantity: 1, warehouseId: main.id },
        agent,
      ).expect(201);
      await quick(
        { type: 'receipt', productId: product.id, quantity: 5, warehouseId: other.id },
        agent,
      ).expect(404);
      await quick(
        {
          type: 'transfer',
          productId: product.id,
          quantity: 1,
          warehouseId: main.id,
          destinationLocationId: other.rootLocationId,
        },
        agent,
      ).expect(422);
      await quick(
        { type: 'scrap', productId: product.id, quantity: 1, warehouseId: main.id },
        agent,
      ).expect(403);
      await create(
        {
          type: 'adjustment',
          warehouseId: main.id,
          lines: [{ productId: product.id, locationId: main.rootLocationId, countedQuantity: 0 }],
        },
        agent,
      ).expect(403);
      const receipt = (await receive(product.id, 1)).body.operation;
      await t.http.post(`/api/v1/operations/${receipt.id}/reverse`).set(agent).expect(403);
      expect(await levelOf(t, product.id, main.rootLocationId)).toBe('5');

      const theirs = (
        await quick({ type: 'receipt', productId: product.id, quantity: 1, warehouseId: other.id })
      ).body.operation;
      await t.http.get(`/api/v1/operations/${theirs.id}`).set(agent).expect(404);
      await validate(theirs.id, agent).expect(404);
      const list = await t.http.get('/api/v1/operations?limit=200').set(agent).expect(200);
      expect(
        list.body.data.every((op: { warehouseId: string }) => op.warehouseId === main.id),
      ).toBe(true);
      const levels = await t.http
        .get(`/api/v1/stock-levels?productId=${product.id}`)
        .set(agent)
        .expect(200);
      expect(
        levels.body.data.map((l: { location: { fullName: string } }) => l.location.fullName),
      ).toEqual(['MAIN/Stock']);
    });

    it('lets a viewer read stock but post nothing (403)', async () => {
      const viewer = (await createUserAndLogin(t, { role: 'viewer' })).auth;
      const product = await createProduct(t);
      await quick(
        { type: 'receipt', productId: product.id, quantity: 1, warehouseId: main.id },
        viewer,
      ).expect(403);
      await create(
        { type: 'receipt', warehouseId: main.id, lines: [{ productId: product.id, quantity: 1 }] },
        viewer,
      ).expect(403);
      await t.http.get('/api/v1/stock-levels').set(viewer).expect(200);
      await t.http.get('/api/v1/stock-moves').set(viewer).expect(200);
      await t.http.get('/api/v1/stock/integrity').set(viewer).expect(403);
    });

    it('records validations, cancellations and reversals in the audit log', async () => {
      const { rows } = await t.db.query(
        `SELECT DISTINCT action FROM audit_log WHERE entity_type = 'operation'`,
      );
      expect(rows.map((r: { action: string }) => r.action)).toEqual(
        expect.arrayContaining([
          'operation.validated',
          'operation.cancelled',
          'operation.reversed',
          'operation.created',
        ]),
      );
    });
  });
});
