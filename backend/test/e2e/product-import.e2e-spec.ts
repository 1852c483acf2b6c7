import { ImportResult } from '@stockmaster/contracts';
import { createUserAndLogin } from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

type Auth = { Authorization: string };

describe('products CSV import and export', () => {
  let t: TestApp;
  let manager: Auth;

  beforeAll(async () => {
    t = await startTestApp();
    manager = (await createUserAndLogin(t, { role: 'manager' })).auth;
  });
  afterAll(() => t.close());

  const upload = (csv: string | Buffer, dryRun = false) =>
    t.http
      .post(`/api/v1/products/import${dryRun ? '?dryRun=true' : ''}`)
      .set(manager)
      .attach('file', Buffer.isBuffer(csv) ? csv : Buffer.from(csv, 'utf8'), 'products.csv');
  const count = async (like: string) =>
    (await t.db.query(`SELECT count(*)::int AS n FROM products WHERE sku LIKE $1`, [like])).rows[0]
      .n;

  it('creates products and their category paths from a comma file', async () => {
    const csv = [
      'sku,name,description,category,unit,barcode,tracking,shelfLifeDays,expiryWarningDays',
      'IMP-1,Chicken breast,"Fresh, skinless",Meat/Poultry,kg,5000000000011,batch,5,3',
      'IMP-2,Milk,,Dairy,l,,none,,',
    ].join('\n');
    const res = await upload(csv).expect(200);
    expect(res.body).toEqual({
      dryRun: false,
      created: 2,
      updated: 0,
      unchanged: 0,
      categoriesCreated: 3,
      errors: [],
    });
    const { rows } = await t.db.query(
      `SELECT p.sku, p.description, p.unit, p.barcode, p.tracking, p.shelf_life_days, p.expiry_warning_days, c.name AS category
         FROM products p LEFT JOIN categories c ON c.id = p.category_id WHERE p.sku LIKE 'IMP-%' ORDER BY p.sku`,
    );
    expect(rows).toEqual([
      {
        sku: 'IMP-1',
        description: 'Fresh, skinless',
        unit: 'kg',
        barcode: '5000000000011',
        tracking: 'batch',
        shelf_life_days: 5,
        expiry_warning_days: 3,
        category: 'Poultry',
      },
      {
        sku: 'IMP-2',
        description: null,
        unit: 'l',
        barcode: null,
        tracking: 'none',
        shelf_life_days: null,
        expiry_warning_days: 2,
        category: 'Dairy',
      },
    ]);
  });

  it('reports every bad row of a mixed file, with line and column, and writes nothing', async () => {
    const csv = [
      'sku,name,unit,tracking,shelfLifeDays,barcode',
      'MIX-1,Good one,kg,none,3,',
      'MIX 2,Bad sku,kg,none,3,',
      'MIX-3,,kg,none,3,',
      'MIX-4,Bad unit,parsec,none,3,',
      'MIX-5,Bad tracking,kg,serial,3,',
      'MIX-6,Bad shelf life,kg,none,-2,',
      'MIX-7,Too few cells',
      'MIX-1,Duplicate sku,kg,none,3,',
      'MIX-8,Barcode taken,kg,none,3,5000000000011',
      'MIX-9,Another good one,unit,none,,',
    ].join('\r\n');
    const dry = await upload(csv, true).expect(200);
    const real = await upload(csv).expect(200);
    for (const res of [dry, real]) {
      const body = res.body as ImportResult;
      expect(body.errors.map((e) => [e.row, e.column])).toEqual([
        [3, 'sku'],
        [4, 'name'],
        [5, 'unit'],
        [6, 'tracking'],
        [7, 'shelfLifeDays'],
        [8, null],
        [9, 'sku'],
        [10, 'barcode'],
      ]);
      expect(body.errors.every((e) => e.message.length > 0)).toBe(true);
    }
    expect(real.body).toEqual(expect.objectContaining({ dryRun: false, created: 0, updated: 0 }));
    // The dry run counts only the two rows without problems (MIX-1 on line 2 and MIX-9).
    expect(dry.body).toEqual(expect.objectContaining({ dryRun: true, created: 2, updated: 0 }));
    expect(await count('MIX-%')).toBe(0);
  });

  it('counts only rows without problems: 1 valid new row and 6 bad ones would create 1', async () => {
    await t.db.query(
      `INSERT INTO products (sku, name, unit, barcode) VALUES ('CNT-OWNER', 'Owner', 'kg', '5000000000099')`,
    );
    const csv = [
      'sku,name,unit,barcode',
      'CNT-1,Valid new product,kg,',
      'CNT-1,Same SKU again,kg,',
      'cnt-1,Same SKU in lower case,kg,',
      'CNT-2,Barcode of another product,kg,5000000000099',
      'CNT-3,Same barcode again,kg,5000000000099',
      'CNT 5,Bad SKU,kg,',
      'CNT-6,No unit for a new product,,',
    ].join('\n');
    const dry = await upload(csv, true).expect(200);
    expect(dry.body).toEqual(
      expect.objectContaining({ dryRun: true, created: 1, updated: 0, unchanged: 0 }),
    );
    expect([...new Set(dry.body.errors.map((e: { row: number }) => e.row))]).toEqual([
      3, 4, 5, 6, 7, 8,
    ]);
    expect(await count('CNT-_')).toBe(0);
  });

  it('names the SKU that owns a barcode as it is stored', async () => {
    await upload('sku,name,unit,barcode\nMILK-1L,Milk 1 l,l,4000000000017\n').expect(200);
    const res = await upload(
      'sku,name,unit,barcode\nJUICE-1L,Juice,l,4000000000017\n',
      true,
    ).expect(200);
    expect(res.body.errors).toEqual([
      { row: 2, column: 'barcode', message: 'barcode 4000000000017 belongs to product MILK-1L' },
    ]);
  });

  it('reports a NUL character in a cell by row and column, and writes nothing', async () => {
    const csv = 'sku,name,unit,description\nNUL-OK,Fine,kg,\nNUL-BAD,Bad\u0000name,kg,also\u0000\n';
    for (const dryRun of [true, false]) {
      const res = await upload(csv, dryRun).expect(200);
      expect(res.body.errors).toEqual([
        { row: 3, column: 'name', message: 'name must not contain a NUL character' },
        { row: 3, column: 'description', message: 'description must not contain a NUL character' },
      ]);
    }
    expect(await count('NUL-%')).toBe(0);
  });

  it('reads a semicolon file with a UTF-8 BOM and upserts by SKU (case-insensitive)', async () => {
    const csv =
      '\uFEFF' +
      [
        'SKU;Name;Unit;Category',
        'imp-1;Chicken breast fillet;kg;Meat/Poultry',
        'SEMI-1;Crème fraîche;ml;Dairy/Cream',
      ].join('\n');
    const dry = await upload(csv, true).expect(200);
    expect(dry.body).toEqual({
      dryRun: true,
      created: 1,
      updated: 1,
      unchanged: 0,
      categoriesCreated: 1,
      errors: [],
    });
    expect(await count('SEMI-%')).toBe(0); // a dry run never writes
    const res = await upload(csv).expect(200);
    expect(res.body).toEqual({
      dryRun: false,
      created: 1,
      updated: 1,
      unchanged: 0,
      categoriesCreated: 1,
      errors: [],
    });
    const { rows } = await t.db.query(
      `SELECT sku, name, unit, barcode, tracking, version FROM products WHERE sku IN ('IMP-1', 'SEMI-1') ORDER BY sku`,
    );
    // Columns absent from the file keep their values (barcode, tracking); the SKU keeps its case.
    expect(rows).toEqual([
      {
        sku: 'IMP-1',
        name: 'Chicken breast fillet',
        unit: 'kg',
        barcode: '5000000000011',
        tracking: 'batch',
        version: 2,
      },
      {
        sku: 'SEMI-1',
        name: 'Crème fraîche',
        unit: 'ml',
        barcode: null,
        tracking: 'none',
        version: 1,
      },
    ]);
  });

  it('round-trips: what export writes, import reads back unchanged', async () => {
    const exported = await t.http.get('/api/v1/products/export').set(manager).expect(200);
    expect(exported.headers['content-type']).toMatch(/text\/csv/);
    expect(exported.headers['content-disposition']).toContain('products.csv');
    const lines = exported.text.trim().split('\n');
    expect(lines[0]).toBe(
      'sku,name,description,category,unit,barcode,tracking,shelfLifeDays,expiryWarningDays',
    );
    expect(lines).toContain(
      'IMP-1,Chicken breast fillet,"Fresh, skinless",Meat/Poultry,kg,5000000000011,batch,5,3',
    );

    const before = (await t.db.query(`SELECT * FROM products ORDER BY sku`)).rows;
    const res = await upload(exported.text).expect(200);
    expect(res.body).toEqual({
      dryRun: false,
      created: 0,
      updated: 0,
      unchanged: before.length,
      categoriesCreated: 0,
      errors: [],
    });
    expect((await t.db.query(`SELECT * FROM products ORDER BY sku`)).rows).toEqual(before);
  });

  it('filters the export like the list', async () => {
    const res = await t.http.get('/api/v1/products/export?search=SEMI').set(manager).expect(200);
    expect(res.text.trim().split('\n')).toHaveLength(2);
  });

  it('refuses files that are not a product CSV with a clear 400', async () => {
    const noFile = await t.http.post('/api/v1/products/import').set(manager).expect(400);
    expect(noFile.body.details[0].field).toBe('file');
    const badHeader = await upload('code,title\nA,B\n').expect(400);
    expect(badHeader.body.details.map((d: { message: string }) => d.message).join(' ')).toMatch(
      /unknown column "code"/,
    );
    await upload('').expect(400);
    await upload(Buffer.from([0xff, 0xfe, 0x00, 0x41])).expect(400);
    await upload('sku,name\n"unterminated,quote\n').expect(400);
  });

  it('refuses more than 50,000 rows (413) and a file over 10 MB (413), writing nothing', async () => {
    const rows = Array.from({ length: 50_001 }, (_, i) => `BIG-${i},Big ${i},unit`);
    const many = await upload(['sku,name,unit', ...rows].join('\n')).expect(413);
    expect(many.body.error).toBe('IMPORT_TOO_LARGE');
    const huge = await upload(
      `sku,name,description\nHUGE-1,Huge,${'x'.repeat(10 * 1024 * 1024)}\n`,
    ).expect(413);
    expect(huge.body.error).toBe('PAYLOAD_TOO_LARGE');
    expect(await count('BIG-%')).toBe(0);
    expect(await count('HUGE-%')).toBe(0);
  });

  it('imports 5,000 rows in one go', async () => {
    const rows = Array.from(
      { length: 5_000 },
      (_, i) => `BULK-${String(i).padStart(5, '0')},Bulk item ${i},unit,Bulk/Group ${i % 10}`,
    );
    const res = await upload(['sku,name,unit,category', ...rows].join('\n')).expect(200);
    expect(res.body).toEqual(
      expect.objectContaining({ created: 5_000, categoriesCreated: 11, errors: [] }),
    );
    expect(await count('BULK-%')).toBe(5_000);
  });

  it('audits an import with its counts', async () => {
    const { rows } = await t.db.query(
      `SELECT summary FROM audit_log WHERE action = 'product.imported' ORDER BY id`,
    );
    expect(rows[0].summary).toEqual({ created: 2, updated: 0, unchanged: 0, categoriesCreated: 3 });
  });
});
