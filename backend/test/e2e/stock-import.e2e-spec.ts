import { StockImportResult, StockImportRowError } from '@stockmaster/contracts';
import { AuthenticatedUser } from '../../src/common/auth/authenticated-user';
import { StockImportService } from '../../src/modules/stock-import/stock-import.service';
import {
  createLocation,
  createProduct,
  createUserAndLogin,
  createWarehouse,
  levelOf,
} from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

type Auth = { Authorization: string };
const HEADER = 'sku,location,quantity,batch,expiresAt,producedAt';

/** Opening stock and counts from a CSV file: drafts per warehouse, validated like any count. */
describe('stock import from CSV', () => {
  let t: TestApp;
  let manager: Auth;
  let main: { id: string; code: string; rootLocationId: string };
  let east: { id: string; code: string; rootLocationId: string };
  let cold: { id: string; fullName: string };

  beforeAll(async () => {
    t = await startTestApp();
    manager = (await createUserAndLogin(t, { role: 'manager' })).auth;
    main = await createWarehouse(t, 'MAIN');
    east = await createWarehouse(t, 'EAST');
    cold = await createLocation(t, main, { id: main.rootLocationId }, 'Cold room');
  });
  afterAll(() => t.close());

  const upload = (csv: string, dryRun: boolean, auth: Auth = manager) =>
    t.http
      .post(`/api/v1/stock/import${dryRun ? '?dryRun=true' : ''}`)
      .set(auth)
      .attach('file', Buffer.from(csv, 'utf8'), 'counts.csv');
  const file = (...rows: string[]) => [HEADER, ...rows].join('\n');
  const drafts = async () =>
    Number(
      (
        await t.db.query(
          `SELECT count(*)::int AS n FROM operations WHERE type = 'adjustment' AND status = 'draft'`,
        )
      ).rows[0].n,
    );
  const batchCount = async () =>
    Number((await t.db.query(`SELECT count(*)::int AS n FROM batches`)).rows[0].n);
  const validate = (id: string) =>
    t.http.post(`/api/v1/operations/${id}/validate`).set(manager).expect(200);
  const batchLevel = async (productId: string, locationId: string, code: string) => {
    const { rows } = await t.db.query(
      `SELECT trim_scale(s.quantity)::text AS q FROM stock_levels s JOIN batches b ON b.id = s.batch_id
        WHERE s.product_id = $1 AND s.location_id = $2 AND b.code = $3`,
      [productId, locationId, code],
    );
    return rows[0]?.q ?? '0';
  };

  it('reports every kind of bad row with its line and column, and writes nothing', async () => {
    const flour = await createProduct(t, { sku: 'BAD-FLOUR' });
    const milk = await createProduct(t, { sku: 'BAD-MILK', tracking: 'batch' });
    await createProduct(t, { sku: 'BAD-OLD', active: false });
    const csv = file(
      'BAD-FLOUR,MAIN/Stock,5,,,', // 2: good
      'NOPE-1,MAIN/Stock,5,,,', // 3: unknown sku
      'BAD-FLOUR,MAIN/Nowhere,5,,,', // 4: unknown location
      'BAD-FLOUR,Elsewhere/Scrap,5,,,', // 5: no such path either
      'BAD-FLOUR,MAIN/Stock/Cold room,-2,,,', // 6: negative quantity
      'BAD-FLOUR,MAIN/Stock/Cold room,1.2345,,,', // 7: too many decimals
      'BAD-MILK,MAIN/Stock,3,,,', // 8: tracked without batch
      'BAD-FLOUR,EAST/Stock,3,L1,,', // 9: batch for untracked
      'BAD-MILK,MAIN/Stock,3,L-9,2026-02-30,', // 10: not a calendar date
      'BAD-MILK,MAIN/Stock/Cold room,3,L-9,2020-01-01,2020-02-01', // 11: produced after expiry
      'BAD-MILK,MAIN/Stock/Cold room,3,L-10,,2999-01-01', // 12: produced in the future
      'BAD-FLOUR,MAIN/Stock,7,,,', // 13: duplicate of line 2
      'BAD-OLD,MAIN/Stock,1,,,', // 14: archived
      'BAD-FLOUR,MAIN/Stock', // 15: too few cells
      'BAD-FLOUR,EAST/Stock,abc,,,', // 16: not a number
    );
    const batchesBefore = await batchCount();
    const res = await upload(csv, true).expect(200);
    const body = res.body as StockImportResult;
    const at = (line: number) =>
      body.errors
        .filter((error: StockImportRowError) => error.line === line)
        .map((error) => error.column);
    expect(body.dryRun).toBe(true);
    expect(at(2)).toEqual([]);
    expect(at(3)).toEqual(['sku']);
    expect(at(4)).toEqual(['location']);
    expect(at(5)).toEqual(['location']);
    expect(at(6)).toEqual(['quantity']);
    expect(at(7)).toEqual(['quantity']);
    expect(at(8)).toEqual(['batch']);
    expect(at(9)).toEqual(['batch']);
    expect(at(10)).toEqual(['expiresAt']);
    expect(at(11)).toEqual(['producedAt']);
    expect(at(12)).toEqual(['producedAt']);
    expect(at(13)).toEqual([null]);
    expect(at(14)).toEqual(['sku']);
    expect(at(15)).toEqual([null]);
    expect(at(16)).toEqual(['quantity']);
    expect(body.errors.find((error) => error.line === 3)!.message).toContain('NOPE-1');
    expect(body.errors.find((error) => error.line === 13)!.message).toContain('line 2');
    expect(body.rows).toBe(15);
    // The dry run still says what the good rows would do.
    expect(body.warehouses).toEqual([
      expect.objectContaining({ warehouseCode: 'MAIN', lines: 1, newBatches: 0, drafts: [] }),
    ]);

    // The same file for real: the same errors, nothing written.
    const real = (await upload(csv, false).expect(200)).body as StockImportResult;
    expect(real.errors).toEqual(body.errors);
    expect(real).toMatchObject({ dryRun: false, newBatches: 0, warehouses: [] });
    expect(await drafts()).toBe(0);
    expect(await batchCount()).toBe(batchesBefore);
    expect(await levelOf(t, flour.id, main.rootLocationId)).toBe('0');
    expect(milk.id).toBeDefined();
  });

  it('reports a virtual location as not a warehouse location', async () => {
    const { rows } = await t.db.query(`SELECT full_name FROM locations WHERE type = 'scrap'`);
    await createProduct(t, { sku: 'VIRT-1' });
    const res = await upload(file(`VIRT-1,${rows[0].full_name},1,,,`), true).expect(200);
    expect(res.body.errors).toEqual([
      { line: 2, column: 'location', message: expect.stringContaining('scrap location') },
    ]);
  });

  it('turns a clean file into one draft per warehouse whose validation sets the counted levels; a second count makes the differences', async () => {
    const rice = await createProduct(t, { sku: 'CLEAN-RICE' });
    const oil = await createProduct(t, { sku: 'CLEAN-OIL', unit: 'l' });
    const csv = file(
      'CLEAN-RICE,MAIN/Stock,12,,,',
      'clean-oil,main/stock/cold room,4.125,,,',
      'CLEAN-RICE,EAST/Stock,3,,,',
    );
    const dry = (await upload(csv, true).expect(200)).body as StockImportResult;
    expect(dry).toEqual({
      dryRun: true,
      rows: 3,
      newBatches: 0,
      warehouses: [
        { warehouseId: east.id, warehouseCode: 'EAST', lines: 1, newBatches: 0, drafts: [] },
        { warehouseId: main.id, warehouseCode: 'MAIN', lines: 2, newBatches: 0, drafts: [] },
      ],
      errors: [],
    });
    expect(await drafts()).toBe(0);

    const done = (await upload(csv, false).expect(200)).body as StockImportResult;
    expect(done.errors).toEqual([]);
    expect(done.warehouses.map((w) => [w.warehouseCode, w.lines, w.drafts.length])).toEqual([
      ['EAST', 1, 1],
      ['MAIN', 2, 1],
    ]);
    const mainDraft = done.warehouses[1].drafts[0];
    expect(mainDraft.reference).toMatch(/^MAIN\/ADJ\/\d+$/);
    const detail = (await t.http.get(`/api/v1/operations/${mainDraft.id}`).set(manager).expect(200))
      .body;
    expect(detail).toMatchObject({ type: 'adjustment', status: 'draft', warehouseId: main.id });
    expect(
      detail.lines.map((line: { product: { sku: string }; countedQuantity: string }) => [
        line.product.sku,
        Number(line.countedQuantity),
      ]),
    ).toEqual([
      ['CLEAN-RICE', 12],
      ['CLEAN-OIL', 4.125],
    ]);
    // Drafts change nothing until validated.
    expect(await levelOf(t, rice.id, main.rootLocationId)).toBe('0');
    for (const warehouse of done.warehouses) await validate(warehouse.drafts[0].id);
    expect(await levelOf(t, rice.id, main.rootLocationId)).toBe('12');
    expect(await levelOf(t, oil.id, cold.id)).toBe('4.125');
    expect(await levelOf(t, rice.id, east.rootLocationId)).toBe('3');

    // A later count of the same shelf: the draft holds the counted quantity, validation the difference.
    const recount = (await upload(file('CLEAN-RICE,MAIN/Stock,9.5,,,'), false).expect(200))
      .body as StockImportResult;
    const validated = (await validate(recount.warehouses[0].drafts[0].id)).body;
    expect(validated.moves.map((move: { quantity: string }) => Number(move.quantity))).toEqual([
      2.5,
    ]);
    expect(await levelOf(t, rice.id, main.rootLocationId)).toBe('9.5');
  });

  it('counts a tracked product into an existing batch (reused by code) and a new one (created once)', async () => {
    const cheese = await createProduct(t, { sku: 'TRK-CHEESE', tracking: 'batch' });
    const existing = (
      await t.http
        .post('/api/v1/batches')
        .set(manager)
        .send({ productId: cheese.id, code: 'OLD-1', expiresAt: '2027-03-01' })
        .expect(201)
    ).body;
    const csv = file(
      'TRK-CHEESE,MAIN/Stock,2,old-1,,',
      'TRK-CHEESE,MAIN/Stock,5,NEW-7,2027-06-30,2026-11-01',
      'TRK-CHEESE,MAIN/Stock/Cold room,1,NEW-7,2027-06-30,2026-11-01',
    );
    const dry = (await upload(csv, true).expect(200)).body as StockImportResult;
    expect(dry).toMatchObject({ newBatches: 1, errors: [] });
    expect(dry.warehouses).toEqual([expect.objectContaining({ lines: 3, newBatches: 1 })]);
    expect((await t.db.query(`SELECT 1 FROM batches WHERE code = 'NEW-7'`)).rows.length).toBe(0);

    const done = (await upload(csv, false).expect(200)).body as StockImportResult;
    expect(done.newBatches).toBe(1);
    await validate(done.warehouses[0].drafts[0].id);
    expect(await batchLevel(cheese.id, main.rootLocationId, 'OLD-1')).toBe('2');
    expect(await batchLevel(cheese.id, main.rootLocationId, 'NEW-7')).toBe('5');
    expect(await batchLevel(cheese.id, cold.id, 'NEW-7')).toBe('1');
    const { rows } = await t.db.query(
      `SELECT code, expires_at::text AS expires, produced_at::text AS produced FROM batches WHERE product_id = $1 ORDER BY code`,
      [cheese.id],
    );
    expect(rows).toEqual([
      { code: 'NEW-7', expires: '2027-06-30', produced: '2026-11-01' },
      { code: 'OLD-1', expires: '2027-03-01', produced: null },
    ]);
    expect(existing.code).toBe('OLD-1');
    const audit = await t.db.query(`SELECT summary FROM audit_log WHERE action = 'batch.imported'`);
    expect(audit.rows.map((row) => row.summary)).toEqual([{ count: 1, codes: ['NEW-7'] }]);

    // Dates that contradict the stored batch are a row error, not a silent change.
    const clash = (
      await upload(file('TRK-CHEESE,MAIN/Stock,2,OLD-1,2028-01-01,'), true).expect(200)
    ).body as StockImportResult;
    expect(clash.errors).toEqual([
      { line: 2, column: 'expiresAt', message: expect.stringContaining('2027-03-01') },
    ]);
  });

  it('writes the new batches and every warehouse’s draft in one transaction: a failure on the last draft leaves nothing, and the file then imports', async () => {
    const fish = await createProduct(t, { sku: 'ATOM-FISH', tracking: 'batch' });
    const csv = file(
      'ATOM-FISH,MAIN/Stock,4,ATOM-1,2027-05-01,',
      'ATOM-FISH,EAST/Stock,6,ATOM-1,2027-05-01,',
    );
    const draftsBefore = await drafts();
    const batchesBefore = await batchCount();
    const auditCount = async () =>
      Number((await t.db.query(`SELECT count(*)::int AS n FROM audit_log`)).rows[0].n);
    const auditBefore = await auditCount();
    // A fault after the batches and the first draft were written in this transaction: the second
    // adjustment it inserts fails (the setting lives as long as the transaction).
    await t.db.query(`
      CREATE FUNCTION fail_second_adjustment() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.type = 'adjustment' THEN
          IF current_setting('test.adjustments_written', true) = '1' THEN
            RAISE EXCEPTION 'injected failure on the second draft';
          END IF;
          PERFORM set_config('test.adjustments_written', '1', true);
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER fail_second_adjustment BEFORE INSERT ON operations
        FOR EACH ROW EXECUTE FUNCTION fail_second_adjustment();`);
    try {
      const failed = await upload(csv, false).expect(500);
      expect(failed.body.error).toBe('INTERNAL_ERROR');
      expect(JSON.stringify(failed.body)).not.toContain('injected');
    } finally {
      await t.db.query(`DROP TRIGGER fail_second_adjustment ON operations;
                        DROP FUNCTION fail_second_adjustment();`);
    }
    expect(await drafts()).toBe(draftsBefore);
    expect(await batchCount()).toBe(batchesBefore);
    expect(await auditCount()).toBe(auditBefore);

    // Nothing to clean up: the same file imports as if the first attempt had never been made.
    const done = (await upload(csv, false).expect(200)).body as StockImportResult;
    expect(done.newBatches).toBe(1);
    expect(done.warehouses.map((w) => [w.warehouseCode, w.drafts.length])).toEqual([
      ['EAST', 1],
      ['MAIN', 1],
    ]);
    for (const warehouse of done.warehouses)
      expect(warehouse.drafts[0].reference).toMatch(
        new RegExp(`^${warehouse.warehouseCode}/ADJ/\\d+$`),
      );
    expect(await drafts()).toBe(draftsBefore + 2);
    expect(await batchCount()).toBe(batchesBefore + 1);
    for (const warehouse of done.warehouses) await validate(warehouse.drafts[0].id);
    expect(await batchLevel(fish.id, main.rootLocationId, 'ATOM-1')).toBe('4');
    expect(await batchLevel(fish.id, east.rootLocationId, 'ATOM-1')).toBe('6');
  });

  it('reads a semicolon file with a BOM and mixed-case header', async () => {
    const salt = await createProduct(t, { sku: 'SEMI-SALT' });
    const csv = '\uFEFFSKU;Location;Quantity\r\nSEMI-SALT;MAIN/Stock;7\r\n';
    const res = await t.http
      .post('/api/v1/stock/import')
      .set(manager)
      .attach('file', Buffer.from(csv, 'utf8'), 'counts.csv')
      .expect(200);
    expect(res.body.errors).toEqual([]);
    await validate(res.body.warehouses[0].drafts[0].id);
    expect(await levelOf(t, salt.id, main.rootLocationId)).toBe('7');
  });

  it('refuses an empty file, a header without rows, an unknown column and a request without the file', async () => {
    const empty = await upload('', false).expect(400);
    expect(empty.body.details[0]).toMatchObject({ field: 'file' });
    expect(empty.body.details[0].message).toContain('empty');
    const headerOnly = await upload(`${HEADER}\n`, false).expect(400);
    expect(headerOnly.body.details[0].message).toContain('no rows');
    const unknown = await upload('sku,location,qty\nA,B,1\n', true).expect(400);
    expect(unknown.body.details.map((d: { message: string }) => d.message)).toEqual([
      'Header: unknown column "qty" at position 3',
      'Header: the header must have a "quantity" column',
    ]);
    // JSON instead of multipart: no file.
    const json = await t.http
      .post('/api/v1/stock/import')
      .set(manager)
      .send({ file: 'sku,location,quantity' })
      .expect(400);
    expect(json.body.details).toEqual([
      { field: 'file', message: 'Attach the CSV as the multipart field "file"' },
    ]);
    expect(await drafts()).toBe(0);
  });

  it('refuses a file over 50,000 rows as too large (413), before looking anything up', async () => {
    const rows = Array.from({ length: 50_001 }, (_, i) => `LIM-${i},MAIN/Stock,1`);
    const res = await upload(['sku,location,quantity', ...rows].join('\n'), true).expect(413);
    expect(res.body.error).toBe('IMPORT_TOO_LARGE');
  });

  it('serves the template as CSV, which imports as a dry run once its products and locations exist', async () => {
    const res = await t.http.get('/api/v1/stock/import/template').set(manager).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.text.trim().split(/\r?\n/);
    expect(lines[0]).toBe(HEADER);
    expect(lines).toHaveLength(3);
    await createProduct(t, { sku: 'FLOUR-25KG' });
    await createProduct(t, { sku: 'MILK-1L', tracking: 'batch' });
    const dry = (await upload(res.text, true).expect(200)).body as StockImportResult;
    expect(dry.errors).toEqual([]);
    expect(dry.newBatches).toBe(1);
  });

  it('needs operations.adjust: agents and viewers are refused', async () => {
    const viewer = await createUserAndLogin(t, { role: 'viewer' });
    const agent = await createUserAndLogin(t, { role: 'agent', warehouseIds: [main.id] });
    await createProduct(t, { sku: 'PERM-1' });
    for (const who of [viewer, agent]) {
      const res = await upload(file('PERM-1,MAIN/Stock,1,,,'), true, who.auth).expect(403);
      expect(res.body.error).toBe('FORBIDDEN');
      await t.http.get('/api/v1/stock/import/template').set(who.auth).expect(403);
    }
    await t.http.post('/api/v1/stock/import').expect(401);
  });

  it('treats a location outside the caller’s warehouses as unknown (warehouse scope)', async () => {
    // No scoped role holds operations.adjust today; the service still applies the scope, so a
    // future scoped counter cannot reach another warehouse.
    await createProduct(t, { sku: 'SCOPE-1' });
    const importer = t.app.get(StockImportService);
    const agent: AuthenticatedUser = {
      id: '00000000-0000-4000-8000-000000000001',
      email: 'scoped@example.com',
      fullName: 'Scoped',
      role: 'agent',
      warehouseIds: [main.id],
      tokenVersion: 0,
    };
    const csv = Buffer.from(file('SCOPE-1,MAIN/Stock,1,,,', 'SCOPE-1,EAST/Stock,1,,,'));
    const result = await importer.import(csv, true, agent);
    expect(result.errors).toEqual([
      { line: 3, column: 'location', message: 'No location EAST/Stock in your warehouses' },
    ]);
    expect(result.warehouses.map((w) => w.warehouseCode)).toEqual(['MAIN']);
  });
});
