import { randomUUID } from 'node:crypto';
import { createProduct, createUserAndLogin, createWarehouse } from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

type Auth = { Authorization: string };

describe('warehouses and location trees', () => {
  let t: TestApp;
  let manager: Auth;

  beforeAll(async () => {
    t = await startTestApp();
    manager = (await createUserAndLogin(t, { role: 'manager' })).auth;
  });
  afterAll(() => t.close());

  const post = (path: string, body: object, auth = manager) =>
    t.http.post(`/api/v1${path}`).set(auth).send(body);
  const patch = (path: string, body: object, auth = manager) =>
    t.http.patch(`/api/v1${path}`).set(auth).send(body);

  describe('warehouses', () => {
    it('creates a warehouse with its root location CODE/Stock, upper-casing the code', async () => {
      const res = await post('/warehouses', {
        code: 'main',
        name: 'Main warehouse',
        address: '1 Dock Road',
      }).expect(201);
      expect(res.body).toEqual(
        expect.objectContaining({
          code: 'MAIN',
          name: 'Main warehouse',
          address: '1 Dock Road',
          hasStockHistory: false,
        }),
      );
      const root = await t.http
        .get(`/api/v1/locations/${res.body.rootLocationId}`)
        .set(manager)
        .expect(200);
      expect(root.body).toEqual(
        expect.objectContaining({
          fullName: 'MAIN/Stock',
          type: 'internal',
          parentId: null,
          warehouseId: res.body.id,
        }),
      );
    });

    it('refuses a taken code with 409 and malformed codes with 400', async () => {
      await post('/warehouses', { code: 'DUPE', name: 'One' }).expect(201);
      const dup = await post('/warehouses', { code: 'dupe', name: 'Two' }).expect(409);
      expect(dup.body.error).toBe('WAREHOUSE_CODE_TAKEN');
      for (const code of ['A', 'TOOLONGCODE1', 'HAS-DASH', 'SPA CE', '']) {
        const res = await post('/warehouses', { code, name: 'Bad' }).expect(400);
        expect(res.body.details[0].field).toBe('code');
      }
    });

    it('renames the whole location tree when the code changes, until stock has moved', async () => {
      const w = (await post('/warehouses', { code: 'OLD', name: 'Old' }).expect(201)).body;
      const cold = (
        await post('/locations', { parentId: w.rootLocationId, name: 'Cold' }).expect(201)
      ).body;
      await post('/locations', { parentId: cold.id, name: 'A-01' }).expect(201);
      await patch(`/warehouses/${w.id}`, { code: 'NEW', name: 'Renamed' }).expect(200);
      const names = (
        await t.http.get(`/api/v1/locations?warehouseId=${w.id}`).set(manager).expect(200)
      ).body.data.map((l: { fullName: string }) => l.fullName);
      expect(names).toEqual(['NEW/Stock', 'NEW/Stock/Cold', 'NEW/Stock/Cold/A-01']);

      await t.db.query(`UPDATE warehouses SET has_stock_history = true WHERE id = $1`, [w.id]);
      const frozen = await patch(`/warehouses/${w.id}`, { code: 'NEWER' }).expect(409);
      expect(frozen.body.error).toBe('WAREHOUSE_CODE_FROZEN');
      await patch(`/warehouses/${w.id}`, { name: 'Still renamable' }).expect(200);
      const del = await t.http.delete(`/api/v1/warehouses/${w.id}`).set(manager).expect(409);
      expect(del.body.error).toBe('WAREHOUSE_HAS_STOCK_HISTORY');
    });

    it('deletes a warehouse that never held stock, with its locations', async () => {
      const w = (await post('/warehouses', { code: 'GONE', name: 'Gone' }).expect(201)).body;
      await post('/locations', { parentId: w.rootLocationId, name: 'Shelf' }).expect(201);
      await t.http.delete(`/api/v1/warehouses/${w.id}`).set(manager).expect(204);
      await t.http.get(`/api/v1/warehouses/${w.id}`).set(manager).expect(404);
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM locations WHERE full_name LIKE 'GONE/%'`,
      );
      expect(rows[0].n).toBe(0);
    });

    it('pages and searches warehouses by code order', async () => {
      for (const code of ['PGA', 'PGB', 'PGC'])
        await post('/warehouses', { code, name: `Paging ${code}` }).expect(201);
      const res = await t.http
        .get('/api/v1/warehouses?search=paging&limit=2')
        .set(manager)
        .expect(200);
      expect(res.body.meta).toEqual({ page: 1, limit: 2, total: 3 });
      expect(res.body.data.map((w: { code: string }) => w.code)).toEqual(['PGA', 'PGB']);
      const past = await t.http
        .get('/api/v1/warehouses?search=paging&limit=2&page=5')
        .set(manager)
        .expect(200);
      expect(past.body).toEqual({ data: [], meta: { page: 5, limit: 2, total: 3 } });
      const literal = await t.http.get('/api/v1/warehouses?search=pag%25ing').set(manager);
      expect(literal.body.meta.total).toBe(0);
    });

    it('changes name and address independently: a null address clears it (null names and codes are refused in patch-partial)', async () => {
      const w = (
        await post('/warehouses', { code: 'EDIT', name: 'Edit me', address: '2 Quay' }).expect(201)
      ).body;
      const renamed = await patch(`/warehouses/${w.id}`, { name: 'Edited' }).expect(200);
      expect(renamed.body).toEqual(
        expect.objectContaining({ code: 'EDIT', name: 'Edited', address: '2 Quay' }),
      );
      const kept = await patch(`/warehouses/${w.id}`, { address: null }).expect(200);
      expect(kept.body).toEqual(
        expect.objectContaining({
          code: 'EDIT',
          name: 'Edited',
          address: null,
          rootLocationId: w.rootLocationId,
        }),
      );
      // Even an empty change moves updated_at (compared in the database, to the microsecond).
      const { rows: stamp } = await t.db.query(
        `SELECT updated_at::text AS at FROM warehouses WHERE id = $1`,
        [w.id],
      );
      await patch(`/warehouses/${w.id}`, {}).expect(200);
      const { rows: moved } = await t.db.query(
        `SELECT updated_at > $2::timestamptz AS later FROM warehouses WHERE id = $1`,
        [w.id, stamp[0].at],
      );
      expect(moved[0].later).toBe(true);
      const { rows } = await t.db.query(
        `SELECT code, name, address, updated_at > created_at AS touched FROM warehouses WHERE id = $1`,
        [w.id],
      );
      expect(rows[0]).toEqual({ code: 'EDIT', name: 'Edited', address: null, touched: true });
    });
  });

  describe('locations', () => {
    let w: { id: string; rootLocationId: string };
    beforeAll(async () => {
      w = (await post('/warehouses', { code: 'TREE', name: 'Tree' }).expect(201)).body;
    });

    it('builds a tree, refuses duplicates among siblings and names with a slash', async () => {
      const cold = (
        await post('/locations', { parentId: w.rootLocationId, name: 'Cold-Room' }).expect(201)
      ).body;
      expect(cold.fullName).toBe('TREE/Stock/Cold-Room');
      const a01 = (await post('/locations', { parentId: cold.id, name: 'A-01' }).expect(201)).body;
      expect(a01).toEqual(
        expect.objectContaining({
          fullName: 'TREE/Stock/Cold-Room/A-01',
          parentId: cold.id,
          warehouseId: w.id,
        }),
      );
      const dup = await post('/locations', {
        parentId: w.rootLocationId,
        name: 'cold-room',
      }).expect(409);
      expect(dup.body.error).toBe('LOCATION_NAME_TAKEN');
      await post('/locations', { parentId: w.rootLocationId, name: 'a/b' }).expect(400);
      await post('/locations', { parentId: randomUUID(), name: 'Orphan' }).expect(404);
    });

    it('renames and moves a subtree, and refuses a move below itself (422) or into another warehouse', async () => {
      const dry = (
        await post('/locations', { parentId: w.rootLocationId, name: 'Dry' }).expect(201)
      ).body;
      const shelf = (await post('/locations', { parentId: dry.id, name: 'Shelf' }).expect(201))
        .body;
      const bin = (await post('/locations', { parentId: shelf.id, name: 'Bin-1' }).expect(201))
        .body;
      const annex = (
        await post('/locations', { parentId: w.rootLocationId, name: 'Annex' }).expect(201)
      ).body;

      const moved = await patch(`/locations/${shelf.id}`, {
        parentId: annex.id,
        name: 'Rack',
      }).expect(200);
      expect(moved.body.fullName).toBe('TREE/Stock/Annex/Rack');
      expect(
        (await t.http.get(`/api/v1/locations/${bin.id}`).set(manager).expect(200)).body.fullName,
      ).toBe('TREE/Stock/Annex/Rack/Bin-1');

      const cycle = await patch(`/locations/${annex.id}`, { parentId: bin.id }).expect(422);
      expect(cycle.body.error).toBe('LOCATION_CYCLE');
      const self = await patch(`/locations/${annex.id}`, { parentId: annex.id }).expect(422);
      expect(self.body.error).toBe('LOCATION_CYCLE');

      const other = await createWarehouse(t, 'OTHER');
      const cross = await patch(`/locations/${annex.id}`, {
        parentId: other.rootLocationId,
      }).expect(422);
      expect(cross.body.details[0].field).toBe('parentId');
    });

    it('keeps the warehouse root and the virtual locations read-only', async () => {
      const root = await patch(`/locations/${w.rootLocationId}`, { name: 'Renamed' }).expect(409);
      expect(root.body.error).toBe('LOCATION_READ_ONLY');
      await t.http.delete(`/api/v1/locations/${w.rootLocationId}`).set(manager).expect(409);
      const virtuals = await t.http.get('/api/v1/locations?type=supplier').set(manager).expect(200);
      expect(virtuals.body.data).toEqual([
        expect.objectContaining({
          fullName: 'Partners/Suppliers',
          warehouseId: null,
          type: 'supplier',
        }),
      ]);
      await patch(`/locations/${virtuals.body.data[0].id}`, { name: 'Vendors' }).expect(409);
      const child = await post('/locations', {
        parentId: virtuals.body.data[0].id,
        name: 'Sub',
      }).expect(422);
      expect(child.body.details[0].field).toBe('parentId');
    });

    it('deletes a location with its subtree', async () => {
      const zone = (
        await post('/locations', { parentId: w.rootLocationId, name: 'Zone' }).expect(201)
      ).body;
      await post('/locations', { parentId: zone.id, name: 'Z-1' }).expect(201);
      await t.http.delete(`/api/v1/locations/${zone.id}`).set(manager).expect(204);
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM locations WHERE full_name LIKE 'TREE/Stock/Zone%'`,
      );
      expect(rows[0].n).toBe(0);
    });

    it('deletes exactly the subtree: not a sibling with the same beginning or a wildcard twin', async () => {
      const bin = (
        await post('/locations', { parentId: w.rootLocationId, name: 'Bin_1' }).expect(201)
      ).body;
      await post('/locations', { parentId: bin.id, name: 'In' }).expect(201);
      for (const name of ['Bin_10', 'BinX1']) {
        const sibling = (await post('/locations', { parentId: w.rootLocationId, name }).expect(201))
          .body;
        await post('/locations', { parentId: sibling.id, name: 'In' }).expect(201);
      }
      await t.http.delete(`/api/v1/locations/${bin.id}`).set(manager).expect(204);
      const { rows } = await t.db.query(
        `SELECT full_name FROM locations WHERE full_name LIKE 'TREE/Stock/Bin%' ORDER BY full_name`,
      );
      expect(rows.map((r: { full_name: string }) => r.full_name)).toEqual([
        'TREE/Stock/BinX1',
        'TREE/Stock/BinX1/In',
        'TREE/Stock/Bin_10',
        'TREE/Stock/Bin_10/In',
      ]);
      const audit = await t.db.query(
        `SELECT summary FROM audit_log WHERE action = 'location.deleted' AND entity_id = $1`,
        [bin.id],
      );
      expect(audit.rows[0].summary).toEqual({ fullName: 'TREE/Stock/Bin_1', locationsRemoved: 2 });
    });

    it('renames only the moved subtree, not a sibling whose name begins the same', async () => {
      const hall = (
        await post('/locations', { parentId: w.rootLocationId, name: 'Hall' }).expect(201)
      ).body;
      const hall2 = (
        await post('/locations', { parentId: w.rootLocationId, name: 'Hall2' }).expect(201)
      ).body;
      await post('/locations', { parentId: hall2.id, name: 'Bay' }).expect(201);
      await patch(`/locations/${hall.id}`, { name: 'Lobby' }).expect(200);
      const names = (
        await t.http.get('/api/v1/locations?search=Hall&limit=200').set(manager).expect(200)
      ).body.data.map((l: { fullName: string }) => l.fullName);
      expect(names).toEqual(['TREE/Stock/Hall2', 'TREE/Stock/Hall2/Bay']);
    });

    it('deletes the empty level rows of a removed location with it', async () => {
      const product = await createProduct(t);
      const spot = (
        await post('/locations', { parentId: w.rootLocationId, name: 'Spot' }).expect(201)
      ).body;
      await t.db.query(
        `INSERT INTO stock_levels (product_id, location_id, warehouse_id, quantity) VALUES ($1, $2, $3, 0)`,
        [product.id, spot.id, w.id],
      );
      await t.http.delete(`/api/v1/locations/${spot.id}`).set(manager).expect(204);
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM stock_levels WHERE location_id = $1`,
        [spot.id],
      );
      expect(rows[0].n).toBe(0);
    });

    it('lists internal locations first, then by full name whatever the case, with filters', async () => {
      const sort = await createWarehouse(t, 'SORT');
      for (const name of ['beta', 'Alpha', 'gamma'])
        await post('/locations', { parentId: sort.rootLocationId, name }).expect(201);
      const all = (await t.http.get('/api/v1/locations?limit=200').set(manager).expect(200)).body;
      const types = all.data.map((l: { type: string }) => l.type);
      expect(types.indexOf('supplier')).toBeGreaterThan(types.lastIndexOf('internal'));
      const mine = await t.http
        .get(`/api/v1/locations?warehouseId=${sort.id}&limit=2&page=2`)
        .set(manager)
        .expect(200);
      expect(mine.body.data.map((l: { fullName: string }) => l.fullName)).toEqual([
        'SORT/Stock/beta',
        'SORT/Stock/gamma',
      ]);
      expect(mine.body.meta).toEqual({ page: 2, limit: 2, total: 4 });
      const past = await t.http
        .get(`/api/v1/locations?warehouseId=${sort.id}&limit=2&page=9`)
        .set(manager)
        .expect(200);
      expect(past.body).toEqual({ data: [], meta: { page: 9, limit: 2, total: 4 } });
      const found = await t.http
        .get(`/api/v1/locations?warehouseId=${sort.id}&search=ALPHA&type=internal`)
        .set(manager)
        .expect(200);
      expect(found.body.data.map((l: { name: string }) => l.name)).toEqual(['Alpha']);
      const customers = await t.http
        .get(`/api/v1/locations?type=customer&search=%25`)
        .set(manager)
        .expect(200);
      expect(customers.body.meta.total).toBe(0);
    });

    it('lists the four virtual locations that the migrations create', async () => {
      const res = await t.http.get('/api/v1/locations?limit=200').set(manager).expect(200);
      const virtual = res.body.data
        .filter((l: { warehouseId: string | null }) => l.warehouseId === null)
        .map((l: { type: string }) => l.type);
      expect(virtual.sort()).toEqual(['customer', 'inventory', 'scrap', 'supplier']);
    });
  });

  describe('roles and warehouse scope', () => {
    it('lets an agent read only its own warehouses and their locations; other warehouses are 404', async () => {
      const mine = await createWarehouse(t, 'MINE');
      const theirs = await createWarehouse(t, 'THEIRS');
      const agent = (await createUserAndLogin(t, { role: 'agent', warehouseIds: [mine.id] })).auth;

      const list = await t.http.get('/api/v1/warehouses?limit=200').set(agent).expect(200);
      expect(list.body.data.map((x: { code: string }) => x.code)).toEqual(['MINE']);
      expect(list.body.meta.total).toBe(1);
      await t.http.get(`/api/v1/warehouses/${mine.id}`).set(agent).expect(200);
      await t.http.get(`/api/v1/warehouses/${theirs.id}`).set(agent).expect(404);
      await t.http.get(`/api/v1/locations/${theirs.rootLocationId}`).set(agent).expect(404);
      const locations = await t.http.get('/api/v1/locations?limit=200').set(agent).expect(200);
      expect(
        locations.body.data.every(
          (l: { warehouseId: string | null }) =>
            l.warehouseId === null || l.warehouseId === mine.id,
        ),
      ).toBe(true);
      const filtered = await t.http
        .get(`/api/v1/locations?warehouseId=${theirs.id}`)
        .set(agent)
        .expect(200);
      expect(filtered.body.meta.total).toBe(0);
    });

    it.each(['agent', 'viewer'] as const)(
      'refuses every write to a %s with 403 and changes nothing',
      async (role) => {
        const w = await createWarehouse(t);
        const user = (
          await createUserAndLogin(t, { role, warehouseIds: role === 'agent' ? [w.id] : [] })
        ).auth;
        await post('/warehouses', { code: 'NOPE', name: 'Nope' }, user).expect(403);
        await patch(`/warehouses/${w.id}`, { name: 'Nope' }, user).expect(403);
        await t.http.delete(`/api/v1/warehouses/${w.id}`).set(user).expect(403);
        await post('/locations', { parentId: w.rootLocationId, name: 'Nope' }, user).expect(403);
        const { rows } = await t.db.query(`SELECT name FROM warehouses WHERE id = $1`, [w.id]);
        expect(rows[0].name).toBe(`Warehouse ${w.code}`);
      },
    );

    it('records every change in the audit log', async () => {
      const { rows } = await t.db.query(
        `SELECT DISTINCT action FROM audit_log WHERE action LIKE 'warehouse.%' OR action LIKE 'location.%'`,
      );
      expect(rows.map((r: { action: string }) => r.action).sort()).toEqual([
        'location.created',
        'location.deleted',
        'location.updated',
        'warehouse.created',
        'warehouse.deleted',
        'warehouse.updated',
      ]);
    });
  });
});
