import { addDays, Dashboard, SummaryMismatch } from '@stockmaster/contracts';
import {
  createLocation,
  createProduct,
  createUserAndLogin,
  createWarehouse,
} from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

type Auth = { Authorization: string };
type Warehouse = { id: string; code: string; rootLocationId: string };

/**
 * The running totals behind the dashboard (`stock_totals`, `stock_expiry_totals`,
 * `stock_flows`, the levels' copy of their batch's dates) are kept by database triggers.
 * Whatever happens to stock, batches and rules — one at a time or at once — they must say
 * exactly what summing the levels, the ledger and the rules says, as `GET /stock/integrity`
 * recomputes it; and the dashboard's figures must be those sums.
 */
describe('stock summaries', () => {
  let t: TestApp;
  let manager: Auth;
  let admin: Auth;
  let main: Warehouse;
  let side: Warehouse;
  let cold: { id: string };
  let today: string;

  const post = async (body: object): Promise<string> => {
    const draft = await t.http.post('/api/v1/operations').set(manager).send(body).expect(201);
    await t.http.post(`/api/v1/operations/${draft.body.id}/validate`).set(manager).expect(200);
    return draft.body.id;
  };
  const dashboard = async (query = ''): Promise<Dashboard> =>
    (await t.http.get(`/api/v1/dashboard${query}`).set(manager).expect(200)).body;

  /** What `GET /stock/integrity` finds wrong with the running totals (empty when all is right). */
  async function disagreements(): Promise<SummaryMismatch[]> {
    const report = await t.http.get('/api/v1/stock/integrity').set(admin).expect(200);
    return report.body.summaryMismatches;
  }

  beforeAll(async () => {
    t = await startTestApp();
    manager = (await createUserAndLogin(t, { role: 'manager' })).auth;
    admin = (await createUserAndLogin(t, { role: 'admin' })).auth;
    main = await createWarehouse(t, 'SUMA');
    side = await createWarehouse(t, 'SUMB');
    cold = await createLocation(t, main, { id: main.rootLocationId }, 'Cold');
    today = (await t.db.query(`SELECT (now() AT TIME ZONE 'UTC')::date::text AS d`)).rows[0].d;
  });
  afterAll(() => t.close());

  it('follow every kind of posting, batch expiry change and reorder rule', async () => {
    const cheese = await createProduct(t, { tracking: 'batch', unit: 'kg' });
    const salt = await createProduct(t, { unit: 'kg' });
    const idle = await createProduct(t, { unit: 'l' });
    await post({
      type: 'receipt',
      warehouseId: main.id,
      lines: [
        {
          productId: cheese.id,
          quantity: '12.5',
          batch: { code: 'C1', expiresAt: addDays(today, 2) },
        },
        {
          productId: cheese.id,
          quantity: '4',
          batch: { code: 'C2', expiresAt: addDays(today, 40) },
        },
        { productId: cheese.id, quantity: '3', batch: { code: 'C3' } },
        { productId: salt.id, quantity: '30' },
      ],
    });
    const batchId = async (code: string) =>
      (
        await t.db.query(`SELECT id FROM batches WHERE product_id = $1 AND code = $2`, [
          cheese.id,
          code,
        ])
      ).rows[0].id as string;
    const c1 = await batchId('C1');
    await post({
      type: 'transfer',
      warehouseId: main.id,
      sourceLocationId: main.rootLocationId,
      destinationLocationId: side.rootLocationId,
      lines: [
        { productId: cheese.id, batchId: c1, quantity: '5' },
        { productId: salt.id, quantity: '8' },
      ],
    });
    await post({
      type: 'transfer',
      warehouseId: main.id,
      sourceLocationId: main.rootLocationId,
      destinationLocationId: cold.id,
      lines: [{ productId: cheese.id, batchId: c1, quantity: '2' }],
    });
    await post({
      type: 'delivery',
      warehouseId: main.id,
      lines: [{ productId: cheese.id, quantity: '6' }],
    });
    await post({
      type: 'scrap',
      warehouseId: side.id,
      lines: [{ productId: salt.id, quantity: '0.25' }],
    });
    await post({
      type: 'adjustment',
      warehouseId: main.id,
      lines: [{ productId: salt.id, locationId: main.rootLocationId, countedQuantity: '20' }],
    });
    const rule = await t.http
      .post('/api/v1/reorder-rules')
      .set(manager)
      .send({ productId: salt.id, warehouseId: main.id, minQuantity: '25', maxQuantity: '60' })
      .expect(201);
    await t.http
      .post('/api/v1/reorder-rules')
      .set(manager)
      .send({ productId: idle.id, warehouseId: side.id, minQuantity: '3', maxQuantity: '9' })
      .expect(201);
    expect(await disagreements()).toEqual([]);

    // A delivery refused for want of stock leaves an empty level behind; deleting its location
    // deletes that level.
    const spare = await createLocation(t, main, { id: main.rootLocationId }, 'Spare');
    await t.http
      .post('/api/v1/stock-moves')
      .set(manager)
      .send({
        type: 'delivery',
        warehouseId: main.id,
        productId: salt.id,
        quantity: '1',
        sourceLocationId: spare.id,
      })
      .expect(422);
    const empty = await t.db.query(`SELECT 1 FROM stock_levels WHERE location_id = $1`, [spare.id]);
    expect(empty.rowCount).toBe(1);
    await t.http.delete(`/api/v1/locations/${spare.id}`).set(manager).expect(204);
    expect(await disagreements()).toEqual([]);

    // Under its minimum: salt in MAIN (20 < 25) and the product never stocked in SIDE (0 < 3).
    let below = (await dashboard()).attention.belowMinimum;
    expect(
      below.items.map((i) => [i.product.id, i.warehouse.code, i.onHand, i.minQuantity]),
    ).toEqual(
      expect.arrayContaining([
        [salt.id, 'SUMA', '20', '25'],
        [idle.id, 'SUMB', '0', '3'],
      ]),
    );
    await t.http
      .patch(`/api/v1/reorder-rules/${rule.body.id}`)
      .set(manager)
      .send({ minQuantity: '15', maxQuantity: '60' })
      .expect(200);
    below = (await dashboard()).attention.belowMinimum;
    expect(below.items.some((i) => i.product.id === salt.id)).toBe(false);
    await t.http.delete(`/api/v1/reorder-rules/${rule.body.id}`).set(manager).expect(204);

    // A product's warning window changes on the levels of all its batches.
    const { version } = (await t.http.get(`/api/v1/products/${cheese.id}`).set(manager).expect(200))
      .body;
    await t.http
      .patch(`/api/v1/products/${cheese.id}`)
      .set(manager)
      .send({ expiryWarningDays: 7, version })
      .expect(200);
    expect(await disagreements()).toEqual([]);
    const expiring = (await dashboard(`?warehouseId=${main.id}`)).attention.expiringBatches;
    expect(expiring.items.map((i) => [i.batch.code, i.onHand])).toEqual([['C1', '1.5']]);

    // C1: 12.5 received, 5 sent to SIDE, 6 delivered first (soonest expiry): 1.5 left in MAIN.
    await t.http
      .patch(`/api/v1/batches/${c1}`)
      .set(manager)
      .send({ expiresAt: addDays(today, 10) })
      .expect(200);
    expect(await disagreements()).toEqual([]);
    const buckets = Object.fromEntries(
      (await dashboard(`?warehouseId=${main.id}`)).series.expiryBuckets.map((b) => [
        b.bucket,
        b.quantity,
      ]),
    );
    expect(buckets).toMatchObject({ days0to2: '0', days8to30: '1.5', over30: '4' });
  });

  it('stay exact under concurrent postings, rule changes and expiry changes', async () => {
    const products = await Promise.all(
      [0, 1, 2].map(() => createProduct(t, { tracking: 'batch', unit: 'kg' })),
    );
    const plain = await createProduct(t, { unit: 'kg' });
    for (const product of products) {
      await post({
        type: 'receipt',
        warehouseId: main.id,
        lines: [
          {
            productId: product.id,
            quantity: '50',
            batch: { code: 'A', expiresAt: addDays(today, 5) },
          },
          {
            productId: product.id,
            quantity: '50',
            batch: { code: 'B', expiresAt: addDays(today, 9) },
          },
        ],
      });
    }
    const batches: { id: string; product_id: string }[] = (
      await t.db.query(
        `SELECT id, product_id FROM batches WHERE product_id = ANY($1) ORDER BY id`,
        [products.map((p) => p.id)],
      )
    ).rows;
    const work: Promise<unknown>[] = [];
    for (let i = 0; i < 8; i++) {
      const product = products[i % products.length];
      const batch = batches[(i * 5) % batches.length];
      work.push(
        post({
          type: 'delivery',
          warehouseId: main.id,
          lines: [{ productId: product.id, quantity: '3' }],
        }),
        post({
          type: 'receipt',
          warehouseId: side.id,
          lines: [{ productId: plain.id, quantity: '2' }],
        }),
        post({
          type: 'receipt',
          warehouseId: main.id,
          lines: [{ productId: product.id, quantity: '1', batch: { code: 'A' } }],
        }),
        post({
          type: 'transfer',
          warehouseId: main.id,
          sourceLocationId: main.rootLocationId,
          destinationLocationId: side.rootLocationId,
          lines: [{ productId: batch.product_id, batchId: batch.id, quantity: '1' }],
        }),
        t.http
          .patch(`/api/v1/batches/${batch.id}`)
          .set(manager)
          .send({ expiresAt: addDays(today, 20 + i) })
          .expect(200),
      );
    }
    for (const product of products) {
      work.push(
        t.http
          .post('/api/v1/reorder-rules')
          .set(manager)
          .send({
            productId: product.id,
            warehouseId: side.id,
            minQuantity: '100',
            maxQuantity: '200',
          })
          .expect(201),
      );
    }
    await Promise.all(work);
    expect(await disagreements()).toEqual([]);
  });

  it('move a batch’s stock to its new date only once a posting holding its levels is done', async () => {
    const milk = await createProduct(t, { tracking: 'batch', unit: 'l' });
    await post({
      type: 'receipt',
      warehouseId: main.id,
      lines: [
        { productId: milk.id, quantity: '6', batch: { code: 'M', expiresAt: addDays(today, 3) } },
      ],
    });
    const {
      rows: [level],
    } = await t.db.query(`SELECT id, batch_id FROM stock_levels WHERE product_id = $1`, [milk.id]);
    // A posting in flight: it has changed the batch's level (its delta counted under the old
    // date) and not committed yet.
    const posting = await t.db.connect();
    try {
      await posting.query('BEGIN');
      await posting.query(`UPDATE stock_levels SET quantity = quantity + 1 WHERE id = $1`, [
        level.id,
      ]);
      let answered = false;
      const change = t.http
        .patch(`/api/v1/batches/${level.batch_id}`)
        .set(manager)
        .send({ expiresAt: addDays(today, 12) })
        .expect(200)
        .then(() => (answered = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(answered).toBe(false);
      await posting.query('COMMIT');
      await change;
    } finally {
      posting.release();
    }
    expect(await disagreements()).toEqual([]);
    // The posting's level change had no move: put the level back as the ledger has it.
    await t.db.query(`UPDATE stock_levels SET quantity = quantity - 1 WHERE id = $1`, [level.id]);
  });

  it('are checked by GET /stock/integrity, which names each total that went wrong', async () => {
    const {
      rows: [level],
    } = await t.db.query(
      `SELECT id, product_id, warehouse_id, batch_id FROM stock_levels WHERE batch_id IS NOT NULL AND quantity > 0 LIMIT 1`,
    );
    // Written with the triggers off, as a bug or a bulk load could.
    const corrupt = async (sql: string) => {
      const client = await t.db.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SET LOCAL session_replication_role = replica`);
        await client.query(sql, [level.id]);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    };
    await corrupt(
      `UPDATE stock_totals SET quantity = quantity + 1 WHERE (product_id, warehouse_id) = (SELECT product_id, warehouse_id FROM stock_levels WHERE id = $1)`,
    );
    await corrupt(
      `UPDATE stock_totals SET levels = levels + 2 WHERE (product_id, warehouse_id) = (SELECT product_id, warehouse_id FROM stock_levels WHERE id = $1)`,
    );
    await corrupt(`UPDATE stock_levels SET warn_from = DATE '2001-01-01' WHERE id = $1`);
    await corrupt(
      `INSERT INTO stock_expiry_totals (warehouse_id, expires_at, quantity) SELECT warehouse_id, DATE '2001-01-01', 2 FROM stock_levels WHERE id = $1`,
    );
    await corrupt(
      `INSERT INTO stock_flows (period, from_warehouse_id, to_warehouse_id, quantity) SELECT TIMESTAMPTZ '2001-01-01 00:15Z', NULL, warehouse_id, 3 FROM stock_levels WHERE id = $1`,
    );
    const report = (await t.http.get('/api/v1/stock/integrity').set(admin).expect(200)).body;
    expect(report.ok).toBe(false);
    expect(report.mismatches).toEqual([]);
    const byKind = (kind: string) =>
      report.summaryMismatches.filter((m: SummaryMismatch) => m.summary === kind);
    expect(byKind('onHand')).toEqual([
      expect.objectContaining({ key: `${level.product_id}/${level.warehouse_id}` }),
    ]);
    const [onHand] = byKind('onHand');
    expect(Number(onHand.kept) - Number(onHand.computed)).toBe(1);
    const [levelCount] = byKind('levelCount');
    expect(levelCount).toEqual(
      expect.objectContaining({ key: `${level.product_id}/${level.warehouse_id}` }),
    );
    expect(Number(levelCount.kept) - Number(levelCount.computed)).toBe(2);
    expect(byKind('levelDates')).toEqual([
      expect.objectContaining({
        key: `${level.id}/${level.batch_id}`,
        kept: expect.stringMatching(/\/2001-01-01$/),
      }),
    ]);
    expect(byKind('expiry')).toEqual([
      { summary: 'expiry', key: `${level.warehouse_id}/2001-01-01`, kept: '2', computed: '0' },
    ]);
    expect(byKind('flows')).toEqual([
      {
        summary: 'flows',
        key: `2001-01-01T00:15Z/outside/${level.warehouse_id}`,
        kept: '3',
        computed: '0',
      },
    ]);
    expect(byKind('minimum')).toEqual([]);

    // Put right by the rebuild.
    await t.db.query(`SELECT stock_summaries_rebuild()`);
    expect(await disagreements()).toEqual([]);
  });

  it('fold each key into one row and keep every sum', async () => {
    const before = await dashboard();
    await t.db.query(`SELECT stock_summaries_fold()`);
    const { rows } = await t.db.query(
      `SELECT (SELECT count(*) FROM stock_expiry_totals) = (SELECT count(DISTINCT (warehouse_id, expires_at)) FROM stock_expiry_totals) AS expiry,
              (SELECT count(*) FROM stock_flows) = (SELECT count(DISTINCT (period, from_warehouse_id, to_warehouse_id)) FROM stock_flows) AS flows`,
    );
    expect(rows[0]).toEqual({ expiry: true, flows: true });
    expect(await disagreements()).toEqual([]);
    const after = await dashboard();
    expect(after.series).toEqual(before.series);
    expect(after.attention.belowMinimum).toEqual(before.attention.belowMinimum);
  });
});
