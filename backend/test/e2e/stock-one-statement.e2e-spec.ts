import { Client } from 'pg';
import {
  createLocation,
  createProduct,
  createUserAndLogin,
  createWarehouse,
  levelOf,
} from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

type Auth = { Authorization: string };

/** The SQL texts the process sends to PostgreSQL while `work` runs (the API runs in-process). */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const watched = jest.spyOn(Client.prototype, 'query');
  try {
    await work();
    return (watched.mock.calls as unknown as [string | { text: string }][]).map(([query]) =>
      typeof query === 'string' ? query : query.text,
    );
  } finally {
    watched.mockRestore();
  }
}

const TRANSACTION_CONTROL = /^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK)/i;

/**
 * A one-line posting that needs nothing read under its locks (no allocation, no count, no batch
 * to receive) and no key to claim is one statement — levels, move, operation, line and audit
 * row — run as its own transaction. It must hold every guarantee the transaction held.
 */
describe('the one-line shortcut as one statement', () => {
  let t: TestApp;
  let manager: Auth;
  let main: { id: string; code: string; rootLocationId: string };

  beforeAll(async () => {
    // The signed-in user is served from memory, as in production; no mail is polled for.
    t = await startTestApp({ env: { USER_CACHE: 'on', MAIL_POLL_INTERVAL_MS: '600000' } });
    manager = (await createUserAndLogin(t, { role: 'manager' })).auth;
    main = await createWarehouse(t, 'ONE');
  });
  afterAll(() => t.close());

  const quick = (body: object, key?: string) => {
    const req = t.http.post('/api/v1/stock-moves').set(manager);
    return (key ? req.set('Idempotency-Key', key) : req).send({ warehouseId: main.id, ...body });
  };
  const count = async (sql: string, values: unknown[] = []) =>
    ((await t.db.query(sql, values)).rows[0] as { n: number }).n;

  /** A product with `quantity` received into the root; the warehouse has stock history then. */
  const stocked = async (quantity: number) => {
    const product = await createProduct(t);
    await quick({ type: 'receipt', productId: product.id, quantity }).expect(201);
    return product;
  };

  it('flags a warehouse on its first posting inside that posting’s transaction', async () => {
    const fresh = await createWarehouse(t);
    const product = await createProduct(t);
    const sent = await statementsOf(() =>
      t.http
        .post('/api/v1/stock-moves')
        .set(manager)
        .send({ type: 'receipt', warehouseId: fresh.id, productId: product.id, quantity: 1 })
        .expect(201),
    );
    // (Its levels do not exist yet: the first try stops, they are created, the second commits.)
    const flag = sent.findIndex((text) => /UPDATE warehouses SET has_stock_history/.test(text));
    expect(flag).toBeGreaterThan(sent.lastIndexOf('START TRANSACTION'));
    expect(flag).toBeLessThan(sent.indexOf('COMMIT'));
    expect(sent.lastIndexOf('START TRANSACTION')).toBeGreaterThan(-1);
    const { rows } = await t.db.query(`SELECT has_stock_history FROM warehouses WHERE id = $1`, [
      fresh.id,
    ]);
    expect(rows).toEqual([{ has_stock_history: true }]);
  });

  it('posts a transfer in three statements and no transaction, answering what GET then shows', async () => {
    const product = await stocked(10);
    const shelf = await createLocation(t, main, { id: main.rootLocationId }, 'Shelf T');
    const transfer = (quantity: string) =>
      quick({
        type: 'transfer',
        productId: product.id,
        quantity,
        sourceLocationId: main.rootLocationId,
        destinationLocationId: shelf.id,
      }).expect(201);
    await transfer('1'); // creates the shelf's level
    let res!: Awaited<ReturnType<typeof transfer>>;
    const sent = await statementsOf(async () => (res = await transfer('2.5')));

    expect(sent.filter((text) => TRANSACTION_CONTROL.test(text))).toEqual([]);
    expect(sent).toHaveLength(3);
    expect(sent[0]).toMatch(/FROM products WHERE id = ANY/);
    for (const write of [
      'UPDATE stock_levels',
      'INSERT INTO stock_moves',
      'INSERT INTO operations',
      'INSERT INTO operation_lines',
      'INSERT INTO audit_log',
    ])
      expect(sent[1]).toContain(write);
    expect(sent[2]).toMatch(/SELECT id, reference FROM operations/);

    const stored = await t.http
      .get(`/api/v1/operations/${res.body.operation.id}`)
      .set(manager)
      .expect(200);
    expect(res.body.operation).toEqual(stored.body);
    expect(res.body.operation.reference).toMatch(/^ONE\/INT\/\d{5}$/);
    expect(res.body.operation.createdAt).toBe(res.body.operation.doneAt);
    expect(await levelOf(t, product.id, main.rootLocationId)).toBe('6.5');
    expect(await levelOf(t, product.id, shelf.id)).toBe('3.5');
    const audit = await t.db.query(`SELECT action, summary FROM audit_log WHERE entity_id = $1`, [
      res.body.operation.id,
    ]);
    expect(audit.rows).toEqual([
      {
        action: 'operation.validated',
        summary: { shortcut: true, productId: product.id, quantity: '2.5' },
      },
    ]);
  });

  it('creates a missing level between two tries of the statement, outside any transaction', async () => {
    const product = await stocked(4);
    const bin = await createLocation(t, main, { id: main.rootLocationId }, 'Bin M');
    const sent = await statementsOf(() =>
      quick({
        type: 'transfer',
        productId: product.id,
        quantity: 3,
        sourceLocationId: main.rootLocationId,
        destinationLocationId: bin.id,
      }).expect(201),
    );
    expect(sent.filter((text) => TRANSACTION_CONTROL.test(text))).toEqual([]);
    expect(sent.filter((text) => text.includes('INSERT INTO stock_moves'))).toHaveLength(2);
    expect(sent.filter((text) => text.includes('INSERT INTO stock_levels'))).toHaveLength(1);
    expect(await levelOf(t, product.id, bin.id)).toBe('3');
    expect(await levelOf(t, product.id, main.rootLocationId)).toBe('1');
    expect(
      await count(`SELECT count(*)::int AS n FROM stock_moves WHERE product_id = $1`, [product.id]),
    ).toBe(2);
  });

  it('writes nothing when the stock is short: no operation, line, move, audit row or number', async () => {
    const product = await stocked(3);
    const deliver = (quantity: number) =>
      quick({
        type: 'delivery',
        sourceLocationId: main.rootLocationId,
        productId: product.id,
        quantity,
      });
    const rows = async () =>
      Object.fromEntries(
        await Promise.all(
          ['operations', 'operation_lines', 'stock_moves', 'audit_log'].map(async (table) => [
            table,
            await count(`SELECT count(*)::int AS n FROM ${table}`),
          ]),
        ),
      );
    const last = await deliver(1).expect(201);
    const before = await rows();

    let refused!: Awaited<ReturnType<typeof quick>>;
    const sent = await statementsOf(async () => (refused = await deliver(5)));
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('INSUFFICIENT_STOCK');
    expect(refused.body.details).toEqual([
      {
        line: 0,
        error: 'INSUFFICIENT_STOCK',
        message: 'Only 2 on hand at ONE/Stock; this operation needs 5',
      },
    ]);
    expect(sent.filter((text) => TRANSACTION_CONTROL.test(text))).toEqual([]);
    expect(await rows()).toEqual(before);
    expect(await levelOf(t, product.id, main.rootLocationId)).toBe('2');
    // The refused posting took no number: the next delivery has the one after the last.
    const next = await deliver(2).expect(201);
    const number = (ref: string) => Number(ref.split('/').pop());
    expect(number(next.body.operation.reference)).toBe(number(last.body.operation.reference) + 1);
  });

  it('lets exactly the stock on hand go out under 40 concurrent deliveries, numbered without gaps', async () => {
    const product = await stocked(25);
    const firstOut = await count(
      `SELECT count(*)::int AS n FROM operations WHERE warehouse_id = $1 AND type = 'delivery'`,
      [main.id],
    );
    let results: Awaited<ReturnType<typeof quick>>[] = [];
    const sent = await statementsOf(
      async () =>
        (results = await Promise.all(
          Array.from({ length: 40 }, () =>
            quick({
              type: 'delivery',
              sourceLocationId: main.rootLocationId,
              productId: product.id,
              quantity: 1,
            }),
          ),
        )),
    );
    expect(sent.filter((text) => TRANSACTION_CONTROL.test(text))).toEqual([]);
    expect(results.filter((r) => r.status === 201)).toHaveLength(25);
    expect(results.filter((r) => r.status === 422).map((r) => r.body.details[0].error)).toEqual(
      Array(15).fill('INSUFFICIENT_STOCK'),
    );
    expect(await levelOf(t, product.id, main.rootLocationId)).toBe('0');
    const references = results
      .filter((r) => r.status === 201)
      .map((r) => r.body.operation.reference as string)
      .sort();
    expect(references).toEqual(
      Array.from({ length: 25 }, (_, i) => `ONE/OUT/${String(firstOut + i + 1).padStart(5, '0')}`),
    );
    expect(
      await count(
        `SELECT count(*)::int AS n FROM audit_log a JOIN operations o ON o.id::text = a.entity_id
          WHERE o.type = 'delivery' AND a.summary->>'productId' = $1`,
        [product.id],
      ),
    ).toBe(25);
  });

  it('keeps the transaction where a posting needs one: an idempotency key, a FEFO allocation', async () => {
    const product = await stocked(5);
    const keyed = () =>
      statementsOf(() =>
        quick(
          {
            type: 'delivery',
            sourceLocationId: main.rootLocationId,
            productId: product.id,
            quantity: 1,
          },
          'one-statement-key',
        ).expect(201),
      );
    const first = await keyed();
    expect(first.filter((text) => TRANSACTION_CONTROL.test(text))).toEqual([
      'START TRANSACTION',
      'COMMIT',
    ]);
    await keyed(); // replayed: nothing posted twice
    expect(await levelOf(t, product.id, main.rootLocationId)).toBe('4');

    const perishable = await createProduct(t, { tracking: 'batch' });
    await quick({
      type: 'receipt',
      productId: perishable.id,
      quantity: 2,
      batch: { code: 'LOT-1', expiresAt: '2099-01-01' },
    }).expect(201);
    const fefo = await statementsOf(() =>
      quick({ type: 'delivery', productId: perishable.id, quantity: 1 }).expect(201),
    );
    expect(fefo.filter((text) => TRANSACTION_CONTROL.test(text))).toEqual([
      'START TRANSACTION',
      'COMMIT',
    ]);
  });
});
