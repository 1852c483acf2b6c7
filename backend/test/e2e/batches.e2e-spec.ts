import { addDays, todayIn } from '@stockmaster/contracts';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import {
  createProduct,
  createUserAndLogin,
  createWarehouse,
  createLocation,
} from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

type Auth = { Authorization: string };

describe('batches and freshness', () => {
  let t: TestApp;
  let manager: Auth;
  let w: { id: string; code: string; rootLocationId: string };
  const today = todayIn('UTC');

  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_URL: 'https://stock.example' } });
    manager = (await createUserAndLogin(t, { role: 'manager' })).auth;
    w = await createWarehouse(t, 'FRSH');
  });
  afterAll(() => t.close());

  /** A batch-tracked product with shelf life 5 days and a 3-day warning, as DESIGN.md's example. */
  const perishable = async () => {
    const product = await createProduct(t, { tracking: 'batch', unit: 'kg' });
    await t.db.query(
      `UPDATE products SET shelf_life_days = 5, expiry_warning_days = 3 WHERE id = $1`,
      [product.id],
    );
    return product;
  };
  const quick = (body: object, auth = manager) =>
    t.http
      .post('/api/v1/stock-moves')
      .set(auth)
      .send({ warehouseId: w.id, ...body });
  const receive = (
    productId: string,
    quantity: string | number,
    batch: object,
    extra: object = {},
  ) => quick({ type: 'receipt', productId, quantity, batch, ...extra }).expect(201);
  const batchesOf = async (productId: string) =>
    (await t.http.get(`/api/v1/batches?productId=${productId}&limit=200`).set(manager).expect(200))
      .body.data;

  describe('freshness', () => {
    it('follows the rule at every boundary: shelf life 5, warning 3 → days 0–1 fresh, 2–4 caution, 5+ expired', async () => {
      const product = await perishable();
      for (let day = 0; day <= 6; day++) {
        // Days 5 and 6 arrive already expired: receiving them must be asked for.
        await receive(
          product.id,
          1,
          { code: `DAY-${day}`, receivedAt: addDays(today, -day) },
          day >= 5 ? { acceptExpired: true } : {},
        );
      }
      const batches = await batchesOf(product.id);
      const byCode = Object.fromEntries(batches.map((b: { code: string }) => [b.code, b]));
      const expected = ['fresh', 'fresh', 'caution', 'caution', 'caution', 'expired', 'expired'];
      expected.forEach((status, day) => {
        expect(byCode[`DAY-${day}`]).toEqual(
          expect.objectContaining({
            receivedAt: addDays(today, -day),
            expiresAt: addDays(today, 5 - day),
            freshness: { status, daysOnShelf: day, daysToExpiry: 5 - day },
          }),
        );
      });
      // The SQL filter applies the same rule as the shared function.
      for (const status of ['fresh', 'caution', 'expired']) {
        const filtered = await t.http
          .get(`/api/v1/batches?productId=${product.id}&status=${status}`)
          .set(manager)
          .expect(200);
        expect(filtered.body.data.map((b: { code: string }) => b.code).sort()).toEqual(
          expected
            .map((s, day) => (s === status ? `DAY-${day}` : null))
            .filter(Boolean)
            .sort(),
        );
      }
      const soon = await t.http
        .get(`/api/v1/batches?productId=${product.id}&expiringWithinDays=3`)
        .set(manager)
        .expect(200);
      expect(soon.body.data.map((b: { code: string }) => b.code).sort()).toEqual([
        'DAY-2',
        'DAY-3',
        'DAY-4',
      ]);
    });

    it('calls a batch without an expiry date fresh', async () => {
      const product = await createProduct(t, { tracking: 'batch' }); // no shelf life: no default expiry
      await receive(product.id, 1, { code: 'FOREVER' });
      const [batch] = await batchesOf(product.id);
      expect(batch).toEqual(
        expect.objectContaining({
          expiresAt: null,
          receivedAt: today,
          freshness: { status: 'fresh', daysOnShelf: 0, daysToExpiry: null },
        }),
      );
    });

    it('counts expiry from the production date when one is given', async () => {
      const product = await perishable();
      await receive(product.id, 1, { code: 'PROD', producedAt: addDays(today, -2) });
      const [batch] = await batchesOf(product.id);
      expect(batch).toEqual(
        expect.objectContaining({
          producedAt: addDays(today, -2),
          receivedAt: today,
          expiresAt: addDays(today, 3),
        }),
      );
    });
  });

  describe('batch rules in the stock engine', () => {
    it('requires a batch for a tracked product on receipts, adjustments and scrap (422 BATCH_REQUIRED); a transfer without one is allocated FEFO', async () => {
      const product = await perishable();
      const other = await createLocation(t, w, { id: w.rootLocationId }, `X-${Date.now()}`);
      const receipt = await quick({ type: 'receipt', productId: product.id, quantity: 1 }).expect(
        422,
      );
      expect(receipt.body.details).toEqual([
        expect.objectContaining({ line: 0, error: 'BATCH_REQUIRED' }),
      ]);
      const transfer = await quick({
        type: 'transfer',
        productId: product.id,
        quantity: 1,
        destinationLocationId: other.id,
      }).expect(422);
      expect(transfer.body.details).toEqual([
        expect.objectContaining({ line: 0, error: 'INSUFFICIENT_STOCK' }),
      ]);
      const scrap = await quick({ type: 'scrap', productId: product.id, quantity: 1 }).expect(422);
      expect(scrap.body.details).toEqual([
        expect.objectContaining({ line: 0, error: 'BATCH_REQUIRED' }),
      ]);
      const count = await t.http
        .post('/api/v1/operations')
        .set(manager)
        .send({
          type: 'adjustment',
          warehouseId: w.id,
          lines: [{ productId: product.id, locationId: w.rootLocationId, countedQuantity: 1 }],
        })
        .expect(422);
      expect(count.body.details[0].error).toBe('BATCH_REQUIRED');
    });

    it('refuses a batch of another product (422 BATCH_PRODUCT_MISMATCH) and a batch for an untracked product (422 BATCH_NOT_ALLOWED)', async () => {
      const a = await perishable();
      const b = await perishable();
      await receive(a.id, 2, { code: 'A-1' });
      const [batchOfA] = await batchesOf(a.id);
      const mismatch = await quick({
        type: 'delivery',
        productId: b.id,
        quantity: 1,
        batchId: batchOfA.id,
      }).expect(422);
      expect(mismatch.body.details[0].error).toBe('BATCH_PRODUCT_MISMATCH');
      const plain = await createProduct(t);
      const untracked = await quick({
        type: 'receipt',
        productId: plain.id,
        quantity: 1,
        batchId: batchOfA.id,
      }).expect(422);
      expect(untracked.body.details[0].error).toBe('BATCH_NOT_ALLOWED');
      const inline = await quick({
        type: 'receipt',
        productId: plain.id,
        quantity: 1,
        batch: { code: 'NOPE' },
      }).expect(422);
      expect(inline.body.details[0].error).toBe('BATCH_NOT_ALLOWED');
    });

    it('never delivers an expired batch (422 BATCH_EXPIRED), but lets it be scrapped', async () => {
      const product = await perishable();
      await receive(
        product.id,
        3,
        { code: 'OLD', receivedAt: addDays(today, -5) },
        { acceptExpired: true },
      );
      const [old] = await batchesOf(product.id);
      expect(old.freshness.status).toBe('expired');
      const res = await quick({
        type: 'delivery',
        productId: product.id,
        quantity: 1,
        batchId: old.id,
      }).expect(422);
      expect(res.body.details).toEqual([
        expect.objectContaining({ line: 0, error: 'BATCH_EXPIRED' }),
      ]);
      await quick({ type: 'scrap', productId: product.id, quantity: 3, batchId: old.id }).expect(
        201,
      );
    });

    it('allocates a batchless delivery FEFO across three batches, skipping the expired one, one move each', async () => {
      const product = await perishable();
      const shelf = await createLocation(t, w, { id: w.rootLocationId }, `Shelf-${Date.now()}`);
      await receive(
        product.id,
        5,
        { code: 'EXPIRED', receivedAt: addDays(today, -6) },
        { acceptExpired: true },
      );
      await receive(
        product.id,
        2,
        { code: 'SOONEST', receivedAt: addDays(today, -3) },
        { destinationLocationId: shelf.id },
      );
      await receive(product.id, 3, { code: 'B-LATER', receivedAt: addDays(today, -1) });
      await receive(
        product.id,
        4,
        { code: 'A-LATER', receivedAt: addDays(today, -1) },
        { destinationLocationId: shelf.id },
      );

      const res = await quick({ type: 'delivery', productId: product.id, quantity: '7.5' }).expect(
        201,
      );
      const moves = res.body.operation.moves.map(
        (m: {
          batch: { code: string };
          quantity: string;
          sourceLocation: { fullName: string };
        }) => [m.batch.code, m.quantity, m.sourceLocation.fullName],
      );
      // Earliest expiry first; equal expiry: the larger holding first; from the root and below it.
      expect(moves).toEqual([
        ['SOONEST', '2', shelf.fullName],
        ['A-LATER', '4', shelf.fullName],
        ['B-LATER', '1.5', 'FRSH/Stock'],
      ]);
      expect(res.body.move).toEqual(expect.objectContaining({ quantity: '2' }));
      // The answer is built from what the posting wrote: it must be what is stored.
      const stored = await t.http
        .get(`/api/v1/operations/${res.body.operation.id}`)
        .set(manager)
        .expect(200);
      expect(res.body.operation).toEqual(stored.body);

      const short = await quick({ type: 'delivery', productId: product.id, quantity: 2 }).expect(
        422,
      );
      expect(short.body.details).toEqual([
        expect.objectContaining({
          line: 0,
          error: 'INSUFFICIENT_STOCK',
          message: expect.stringContaining('1.5 available'),
        }),
      ]);
      const left = Object.fromEntries(
        (await batchesOf(product.id)).map((b: { code: string; onHand: string }) => [
          b.code,
          b.onHand,
        ]),
      );
      expect(left).toEqual({ EXPIRED: '5', SOONEST: '0', 'B-LATER': '1.5', 'A-LATER': '0' });
    });

    it('answers a receipt with its new batch, expiry included, as it is stored', async () => {
      const product = await perishable();
      const res = await receive(product.id, '1.5', { code: 'ANSWER', receivedAt: today });
      expect(res.body.move.batch).toEqual({
        id: expect.any(String),
        code: 'ANSWER',
        expiresAt: addDays(today, 5),
      });
      const stored = await t.http
        .get(`/api/v1/operations/${res.body.operation.id}`)
        .set(manager)
        .expect(200);
      expect(res.body.operation).toEqual(stored.body);
    });

    it('reuses a batch by code on a later receipt and keeps the ledger in step (integrity ok)', async () => {
      const product = await perishable();
      await receive(product.id, 1, { code: 'lot-9' });
      await receive(product.id, 2, { code: 'LOT-9' });
      const batches = await batchesOf(product.id);
      expect(batches).toHaveLength(1);
      expect(batches[0].onHand).toBe('3');
      const admin = (await createUserAndLogin(t, { role: 'admin' })).auth;
      expect((await t.http.get('/api/v1/stock/integrity').set(admin).expect(200)).body.ok).toBe(
        true,
      );
    });

    it('dates an existing batch on its first receipt (received today, expiry from then) and keeps dates it has', async () => {
      const product = await perishable();
      const create = (code: string, dates: object = {}) =>
        t.http
          .post('/api/v1/batches')
          .set(manager)
          .send({ productId: product.id, code, ...dates })
          .expect(201);
      const undated = (await create('UNDATED')).body;
      const dated = (
        await create('DATED', { receivedAt: addDays(today, -1), expiresAt: addDays(today, 9) })
      ).body;
      expect(undated).toEqual(expect.objectContaining({ receivedAt: null, expiresAt: null }));
      for (const batch of [undated, dated])
        await quick({
          type: 'receipt',
          productId: product.id,
          quantity: 1,
          batchId: batch.id,
        }).expect(201);
      const byCode = Object.fromEntries(
        (await batchesOf(product.id)).map((b: { code: string }) => [b.code, b]),
      );
      expect(byCode.UNDATED).toEqual(
        expect.objectContaining({ receivedAt: today, expiresAt: addDays(today, 5) }),
      );
      expect(byCode.DATED).toEqual(
        expect.objectContaining({ receivedAt: addDays(today, -1), expiresAt: addDays(today, 9) }),
      );
    });

    it('creates inline batches on validation of a receipt draft, received that day', async () => {
      const product = await perishable();
      const draft = await t.http
        .post('/api/v1/operations')
        .set(manager)
        .send({
          type: 'receipt',
          warehouseId: w.id,
          lines: [
            {
              productId: product.id,
              quantity: 4,
              batch: { code: 'DRAFT-1', producedAt: addDays(today, -1) },
            },
          ],
        })
        .expect(201);
      expect(draft.body.lines[0]).toEqual(
        expect.objectContaining({
          batch: null,
          newBatch: { code: 'DRAFT-1', producedAt: addDays(today, -1) },
        }),
      );
      expect(await batchesOf(product.id)).toEqual([]);
      const done = await t.http
        .post(`/api/v1/operations/${draft.body.id}/validate`)
        .set(manager)
        .expect(200);
      expect(done.body.lines[0].batch).toEqual(
        expect.objectContaining({ code: 'DRAFT-1', expiresAt: addDays(today, 4) }),
      );
      const [batch] = await batchesOf(product.id);
      expect(batch).toEqual(expect.objectContaining({ receivedAt: today, onHand: '4' }));
    });

    it('refuses at the database level a move of a tracked product without a batch', async () => {
      const product = await perishable();
      const [supplier] = (await t.db.query(`SELECT id FROM locations WHERE type = 'supplier'`))
        .rows;
      await expect(
        t.db.query(
          `INSERT INTO stock_moves (operation_id, product_id, source_location_id, destination_location_id, quantity)
           VALUES (gen_random_uuid(), $1, $2, $3, 1)`,
          [product.id, supplier.id, w.rootLocationId],
        ),
      ).rejects.toThrow(/batch-tracked/);
    });
  });

  describe('batch dates', () => {
    const post = (body: object) => t.http.post('/api/v1/batches').set(manager).send(body);
    const fields = (res: { body: { details: { field: string }[] } }) =>
      res.body.details.map((d) => d.field);

    it('refuses a batch produced after its expiry, after its receipt or in the future (400, field named)', async () => {
      const product = await perishable();
      const base = { productId: product.id, code: 'DATES' };
      const late = await post({
        ...base,
        producedAt: today,
        expiresAt: addDays(today, -1),
      }).expect(400);
      expect(late.body.error).toBe('VALIDATION_FAILED');
      expect(late.body.details).toEqual([
        { field: 'producedAt', message: expect.stringContaining('expiry') },
      ]);
      const received = await post({
        ...base,
        producedAt: addDays(today, -1),
        receivedAt: addDays(today, -2),
      }).expect(400);
      expect(fields(received)).toEqual(['producedAt']);
      const future = await post({ ...base, producedAt: addDays(today, 1) }).expect(400);
      expect(future.body.details).toEqual([
        { field: 'producedAt', message: expect.stringContaining('future') },
      ]);
      expect(await batchesOf(product.id)).toEqual([]);
      // The edges are fine: produced today, received and expiring the same day.
      await post({ ...base, producedAt: today, receivedAt: today, expiresAt: today }).expect(201);
    });

    it('checks a PATCH against the dates it keeps, naming the field sent', async () => {
      const product = await perishable();
      const batch = (
        await post({
          productId: product.id,
          code: 'PATCHED',
          producedAt: addDays(today, -3),
          expiresAt: addDays(today, 2),
        }).expect(201)
      ).body;
      const patch = (body: object) =>
        t.http.patch(`/api/v1/batches/${batch.id}`).set(manager).send(body);
      expect(fields(await patch({ expiresAt: addDays(today, -4) }).expect(400))).toEqual([
        'expiresAt',
      ]);
      expect(fields(await patch({ producedAt: addDays(today, 3) }).expect(400))).toEqual([
        'producedAt',
      ]);
      expect(fields(await patch({ receivedAt: addDays(today, -5) }).expect(400))).toEqual([
        'receivedAt',
      ]);
      const [stored] = await batchesOf(product.id);
      expect(stored).toEqual(
        expect.objectContaining({ producedAt: addDays(today, -3), expiresAt: addDays(today, 2) }),
      );
      // Clearing the produced date lifts the constraint it carried.
      const cleared = await patch({ producedAt: null, expiresAt: addDays(today, -4) }).expect(200);
      expect(cleared.body).toEqual(
        expect.objectContaining({ producedAt: null, expiresAt: addDays(today, -4) }),
      );
    });

    it('refuses inconsistent dates of inline batches on receipt lines and on the shortcut, naming the field', async () => {
      const product = await perishable();
      const line = (batch: object) => ({ productId: product.id, quantity: 1, batch });
      const draft = await t.http
        .post('/api/v1/operations')
        .set(manager)
        .send({
          type: 'receipt',
          warehouseId: w.id,
          lines: [
            line({ code: 'OK-1' }),
            line({ code: 'OK-2', producedAt: today }),
            line({ code: 'BAD', producedAt: today, expiresAt: addDays(today, -1) }),
          ],
        })
        .expect(400);
      expect(fields(draft)).toEqual(['lines.2.batch.producedAt']);
      const shortcut = await quick({
        type: 'receipt',
        productId: product.id,
        quantity: 1,
        batch: { code: 'FUTURE', producedAt: addDays(today, 1) },
      }).expect(400);
      expect(fields(shortcut)).toEqual(['batch.producedAt']);
      const received = await quick({
        type: 'receipt',
        productId: product.id,
        quantity: 1,
        batch: { code: 'ARRIVED', producedAt: today, receivedAt: addDays(today, -1) },
      }).expect(400);
      expect(fields(received)).toEqual(['batch.producedAt']);
      expect(await batchesOf(product.id)).toEqual([]);
    });

    it('refuses contradicting dates at the database level too', async () => {
      const product = await perishable();
      const batch = (
        await post({ productId: product.id, code: 'DB-DATES', producedAt: addDays(today, -2) })
      ).body;
      await expect(
        t.db.query(`UPDATE batches SET expires_at = produced_at - 1 WHERE id = $1`, [batch.id]),
      ).rejects.toThrow(/batches_produced_before_expiry/);
      await expect(
        t.db.query(`UPDATE batches SET received_at = produced_at - 1 WHERE id = $1`, [batch.id]),
      ).rejects.toThrow(/batches_produced_before_received/);
    });
  });

  describe('receiving an expired batch', () => {
    const expiredOn = (code: string) =>
      expect.objectContaining({
        line: 0,
        error: 'BATCH_EXPIRED',
        message: expect.stringContaining(code),
      });

    it('needs acceptExpired on the line, for an inline batch given or computed as expired', async () => {
      const product = await perishable();
      const given = await quick({
        type: 'receipt',
        productId: product.id,
        quantity: 1,
        batch: { code: 'GONE', expiresAt: addDays(today, -1) },
      }).expect(422);
      expect(given.body.details).toEqual([expiredOn('GONE')]);
      // Produced 10 days ago with a 5-day shelf life: expired 5 days ago.
      const computed = await quick({
        type: 'receipt',
        productId: product.id,
        quantity: 1,
        batch: { code: 'OLD-MADE', producedAt: addDays(today, -10) },
      }).expect(422);
      expect(computed.body.details).toEqual([expiredOn('OLD-MADE')]);
      expect(await batchesOf(product.id)).toEqual([]);
      const accepted = await quick({
        type: 'receipt',
        productId: product.id,
        quantity: 1,
        batch: { code: 'GONE', expiresAt: addDays(today, -1) },
        acceptExpired: true,
      }).expect(201);
      expect(accepted.body.operation.lines[0].acceptExpired).toBe(true);
      expect(accepted.body.move.batch.code).toBe('GONE');
    });

    it('needs acceptExpired for an existing expired batch, named by id or by its code', async () => {
      const product = await perishable();
      const batch = (
        await t.http
          .post('/api/v1/batches')
          .set(manager)
          .send({ productId: product.id, code: 'STALE', expiresAt: today })
          .expect(201)
      ).body;
      const byId = await quick({
        type: 'receipt',
        productId: product.id,
        quantity: 2,
        batchId: batch.id,
      }).expect(422);
      expect(byId.body.details).toEqual([expiredOn('STALE')]);
      const byCode = await quick({
        type: 'receipt',
        productId: product.id,
        quantity: 2,
        batch: { code: 'stale', expiresAt: addDays(today, 30) },
      }).expect(422);
      expect(byCode.body.details).toEqual([expiredOn('STALE')]);
      await quick({
        type: 'receipt',
        productId: product.id,
        quantity: 2,
        batchId: batch.id,
        acceptExpired: true,
      }).expect(201);
      expect((await batchesOf(product.id))[0].onHand).toBe('2');
    });

    it('stores acceptExpired on draft lines, checks it at creation and validation, and refuses it off receipts', async () => {
      const product = await perishable();
      const lines = [
        { productId: product.id, quantity: 1, batch: { code: 'FRESH-D' } },
        {
          productId: product.id,
          quantity: 1,
          batch: { code: 'GONE-D', expiresAt: addDays(today, -2) },
        },
      ];
      const refused = await t.http
        .post('/api/v1/operations')
        .set(manager)
        .send({ type: 'receipt', warehouseId: w.id, lines })
        .expect(422);
      expect(refused.body.details).toEqual([
        expect.objectContaining({ line: 1, error: 'BATCH_EXPIRED' }),
      ]);
      const draft = await t.http
        .post('/api/v1/operations')
        .set(manager)
        .send({
          type: 'receipt',
          warehouseId: w.id,
          lines: [lines[0], { ...lines[1], acceptExpired: true }],
        })
        .expect(201);
      expect(draft.body.lines.map((l: { acceptExpired: boolean }) => l.acceptExpired)).toEqual([
        false,
        true,
      ]);
      const stored = await t.http
        .get(`/api/v1/operations/${draft.body.id}`)
        .set(manager)
        .expect(200);
      expect(stored.body.lines[1].acceptExpired).toBe(true);
      // A PATCH that sends the lines again without the flag is checked like a creation.
      const patched = await t.http
        .patch(`/api/v1/operations/${draft.body.id}`)
        .set(manager)
        .send({ lines })
        .expect(422);
      expect(patched.body.details).toEqual([
        expect.objectContaining({ line: 1, error: 'BATCH_EXPIRED' }),
      ]);
      const done = await t.http
        .post(`/api/v1/operations/${draft.body.id}/validate`)
        .set(manager)
        .expect(200);
      expect(done.body.lines.map((l: { batch: { code: string } }) => l.batch.code)).toEqual([
        'FRESH-D',
        'GONE-D',
      ]);

      const delivery = await t.http
        .post('/api/v1/operations')
        .set(manager)
        .send({
          type: 'delivery',
          warehouseId: w.id,
          lines: [{ productId: product.id, quantity: 1, acceptExpired: true }],
        })
        .expect(400);
      expect(fields(delivery)).toEqual(['lines.0.acceptExpired']);
      await quick({
        type: 'delivery',
        productId: product.id,
        quantity: 1,
        acceptExpired: true,
      }).expect(400);
    });

    const fields = (res: { body: { details: { field: string }[] } }) =>
      res.body.details.map((d) => d.field);
  });

  describe('batch administration', () => {
    it('creates a batch with a default expiry, refuses a taken code (409) and an untracked product (422)', async () => {
      const product = await perishable();
      const res = await t.http
        .post('/api/v1/batches')
        .set(manager)
        .send({ productId: product.id, code: 'MAN-1', producedAt: '2026-01-10' })
        .expect(201);
      expect(res.body).toEqual(
        expect.objectContaining({
          code: 'MAN-1',
          producedAt: '2026-01-10',
          receivedAt: null,
          expiresAt: '2026-01-15',
          onHand: '0',
        }),
      );
      expect(res.body.publicUrl).toMatch(/^https:\/\/stock\.example\/fresh\/[A-Za-z0-9_-]{24}$/);
      expect(
        (
          await t.http
            .post('/api/v1/batches')
            .set(manager)
            .send({ productId: product.id, code: 'man-1' })
            .expect(409)
        ).body.error,
      ).toBe('BATCH_CODE_TAKEN');
      const plain = await createProduct(t);
      expect(
        (
          await t.http
            .post('/api/v1/batches')
            .set(manager)
            .send({ productId: plain.id, code: 'X' })
            .expect(422)
        ).body.error,
      ).toBe('BATCH_NOT_ALLOWED');
      for (const date of ['2026-02-30', '10/01/2026', '2026-1-5']) {
        await t.http
          .post('/api/v1/batches')
          .set(manager)
          .send({ productId: product.id, code: `D-${date}`, expiresAt: date })
          .expect(400);
      }
      const patched = await t.http
        .patch(`/api/v1/batches/${res.body.id}`)
        .set(manager)
        .send({ expiresAt: '2026-02-01', notes: 'Checked' })
        .expect(200);
      expect(patched.body).toEqual(
        expect.objectContaining({ expiresAt: '2026-02-01', notes: 'Checked' }),
      );
    });

    it('shows a batch with its stock by location and its moves', async () => {
      const product = await perishable();
      await receive(product.id, 6, { code: 'DETAIL' });
      const [batch] = await batchesOf(product.id);
      const detail = await t.http.get(`/api/v1/batches/${batch.id}`).set(manager).expect(200);
      expect(detail.body.stock).toEqual([
        {
          location: { id: w.rootLocationId, fullName: 'FRSH/Stock' },
          warehouseId: w.id,
          quantity: '6',
        },
      ]);
      expect(detail.body.moves).toHaveLength(1);
    });

    it('lets an agent create a batch inside a receipt but not on its own, and hides other warehouses’ batches', async () => {
      const product = await perishable();
      const agent = (await createUserAndLogin(t, { role: 'agent', warehouseIds: [w.id] })).auth;
      await quick(
        { type: 'receipt', productId: product.id, quantity: 1, batch: { code: 'AGENT-1' } },
        agent,
      ).expect(201);
      await t.http
        .post('/api/v1/batches')
        .set(agent)
        .send({ productId: product.id, code: 'AGENT-2' })
        .expect(403);
      const other = await createWarehouse(t);
      const outsider = (await createUserAndLogin(t, { role: 'agent', warehouseIds: [other.id] }))
        .auth;
      const [batch] = await batchesOf(product.id);
      await t.http.get(`/api/v1/batches/${batch.id}`).set(outsider).expect(404);
      expect(
        (await t.http.get(`/api/v1/batches?productId=${product.id}`).set(outsider).expect(200)).body
          .meta.total,
      ).toBe(0);
    });
  });

  describe('QR codes and the public report', () => {
    it('answers exactly the public fields, with no-store, and 404 for an unknown token', async () => {
      const product = await perishable();
      await receive(product.id, 2, { code: 'PUB-1', receivedAt: addDays(today, -2) });
      const [batch] = await batchesOf(product.id);
      const token = batch.publicUrl.split('/fresh/')[1];
      const res = await t.http.get(`/api/v1/public/batches/${token}`).expect(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(Object.keys(res.body).sort()).toEqual(
        [
          'batchCode',
          'batchStatus',
          'daysOnShelf',
          'daysToExpiry',
          'expiresAt',
          'producedAt',
          'productName',
          'recall',
          'receivedAt',
          'status',
          'unit',
        ].sort(),
      );
      expect(res.body).toEqual({
        productName: `Product ${product.sku}`,
        unit: 'kg',
        batchCode: 'PUB-1',
        producedAt: null,
        receivedAt: addDays(today, -2),
        expiresAt: addDays(today, 3),
        daysOnShelf: 2,
        daysToExpiry: 3,
        status: 'caution',
        batchStatus: 'available',
        recall: null,
      });
      const unknown = await t.http
        .get('/api/v1/public/batches/AAAAAAAAAAAAAAAAAAAAAAAA')
        .expect(404);
      expect(unknown.body).toEqual(
        expect.objectContaining({ statusCode: 404, error: 'NOT_FOUND' }),
      );
      expect(unknown.headers['cache-control']).toBe('no-store');
      await t.http.get('/api/v1/public/batches/not a token').expect(404);
    });

    it('encodes the public URL in the QR code (decoded from the PNG), also as SVG', async () => {
      const product = await perishable();
      await receive(product.id, 1, { code: 'QR-1' });
      const [batch] = await batchesOf(product.id);
      const png = await t.http
        .get(`/api/v1/batches/${batch.id}/qr?format=png`)
        .set(manager)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(png.headers['content-type']).toBe('image/png');
      const image = PNG.sync.read(png.body as Buffer);
      const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height);
      expect(decoded?.data).toBe(batch.publicUrl);
      const svg = await t.http.get(`/api/v1/batches/${batch.id}/qr`).set(manager).expect(200);
      expect(svg.headers['content-type']).toBe('image/svg+xml');
      expect(String(svg.body ?? svg.text)).toContain('<svg');
      await t.http.get(`/api/v1/batches/${batch.id}/qr?format=gif`).set(manager).expect(400);
    });

    it('rotates the token: the old code stops working, the new one works', async () => {
      const product = await perishable();
      await receive(product.id, 1, { code: 'ROT-1' });
      const [batch] = await batchesOf(product.id);
      const oldToken = batch.publicUrl.split('/fresh/')[1];
      const rotated = await t.http
        .post(`/api/v1/batches/${batch.id}/rotate-token`)
        .set(manager)
        .expect(201);
      const newToken = rotated.body.publicUrl.split('/fresh/')[1];
      expect(newToken).not.toBe(oldToken);
      await t.http.get(`/api/v1/public/batches/${oldToken}`).expect(404);
      await t.http.get(`/api/v1/public/batches/${newToken}`).expect(200);
      const viewer = (await createUserAndLogin(t, { role: 'viewer' })).auth;
      await t.http.post(`/api/v1/batches/${batch.id}/rotate-token`).set(viewer).expect(403);
    });
  });
});
