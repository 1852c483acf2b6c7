import { StockSnapshotJob } from '../../src/modules/stock-moves/stock-snapshot.job';
import {
  createLocation,
  createProduct,
  createUserAndLogin,
  createWarehouse,
} from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

type Auth = { Authorization: string };
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A small deterministic generator: the instants are the same on every run. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % below;
  };
}

/**
 * As-of levels start from the latest daily closing balance at or before the instant and add the
 * moves since: the answer must be the sum of the whole ledger, whatever the instant.
 */
describe('stock levels as of an instant, from daily snapshots', () => {
  let t: TestApp;
  let second: TestApp;
  let manager: Auth;
  let admin: Auth;
  let main: { id: string; code: string; rootLocationId: string };
  /** When each operation's moves are dated, in posting order. */
  const dated: Date[] = [];
  const midnight = Date.UTC(
    new Date().getUTCFullYear(),
    new Date().getUTCMonth(),
    new Date().getUTCDate(),
  );

  beforeAll(async () => {
    t = await startTestApp();
    manager = (await createUserAndLogin(t, { role: 'manager' })).auth;
    admin = (await createUserAndLogin(t, { role: 'admin' })).auth;
    main = await createWarehouse(t, 'MAIN');
    const root = { id: main.rootLocationId };
    const shelfA = await createLocation(t, main, root, 'Shelf A');
    const shelfB = await createLocation(t, main, root, 'Shelf B');
    const plain = await createProduct(t);
    const tracked = await createProduct(t, { tracking: 'batch' });

    const quick = async (body: object) =>
      (
        await t.http
          .post('/api/v1/stock-moves')
          .set(manager)
          .send({ warehouseId: main.id, ...body })
          .expect(201)
      ).body.operation.id as string;
    const operations: string[] = [];
    const receive = (productId: string, quantity: string, to: string, batch?: string) =>
      quick({
        type: 'receipt',
        productId,
        quantity,
        destinationLocationId: to,
        ...(batch ? { batch: { code: batch } } : {}),
      });
    operations.push(await receive(plain.id, '10', shelfA.id));
    operations.push(await receive(tracked.id, '8', shelfA.id, 'L1'));
    operations.push(await receive(tracked.id, '5', shelfB.id, 'L2'));
    const transfer = await quick({
      type: 'transfer',
      productId: plain.id,
      quantity: '4',
      sourceLocationId: shelfA.id,
      destinationLocationId: shelfB.id,
    });
    operations.push(transfer);
    operations.push(
      await quick({
        type: 'delivery',
        productId: tracked.id,
        quantity: '3.5',
        sourceLocationId: shelfA.id,
      }),
    );
    operations.push(await receive(plain.id, '2.25', shelfB.id));
    // A reversal: its mirror moves come later than the transfer they undo.
    const reversal = await t.http
      .post(`/api/v1/operations/${transfer}/reverse`)
      .set(admin)
      .expect(201);
    operations.push(reversal.body.id);
    operations.push(
      await quick({
        type: 'scrap',
        productId: plain.id,
        quantity: '1',
        sourceLocationId: shelfB.id,
      }),
    );
    operations.push(await receive(tracked.id, '6', shelfB.id, 'L1'));
    operations.push(await receive(plain.id, '3', shelfA.id)); // stays today: after every boundary

    // Spread the postings over the last six days: inside days, exactly at midnight, several on
    // one day, none on some days. The ledger refuses updates; the fixture lifts that for itself.
    const offsets = [
      -6 * DAY + 9 * HOUR,
      -6 * DAY + 15 * HOUR,
      -5 * DAY, // exactly a boundary: it belongs to the day it opens
      -4 * DAY + 23 * HOUR + 59 * 60_000,
      -3 * DAY + 12 * HOUR,
      -3 * DAY + 12 * HOUR + 1,
      -2 * DAY + 2 * HOUR,
      -2 * DAY + 8 * HOUR,
      -1 * DAY + 1,
    ];
    await t.db.query('ALTER TABLE stock_moves DISABLE TRIGGER stock_moves_no_update');
    for (const [index, offset] of offsets.entries()) {
      const at = new Date(midnight + offset);
      await t.db.query(`UPDATE stock_moves SET done_at = $2 WHERE operation_id = $1`, [
        operations[index],
        at,
      ]);
      dated.push(at);
    }
    await t.db.query('ALTER TABLE stock_moves ENABLE TRIGGER stock_moves_no_update');
    second = await startTestApp({ database: t.database });
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  /** What the API answers, every row of the warehouse (a handful here). */
  const asOf = async (date: Date) => {
    const res = await t.http
      .get('/api/v1/stock-levels/as-of')
      .query({ date: date.toISOString(), warehouseId: main.id, limit: 200 })
      .set(manager)
      .expect(200);
    return (
      res.body.data as {
        product: { id: string };
        location: { id: string };
        batch: { id: string } | null;
        quantity: string;
      }[]
    )
      .map((row) => `${row.product.id}|${row.location.id}|${row.batch?.id ?? ''}|${row.quantity}`)
      .sort();
  };
  /** The whole ledger summed up to the instant, straight from the database. */
  const fullLedger = async (date: Date) => {
    const { rows } = await t.db.query(
      `SELECT f.product_id, f.location_id, f.batch_id, trim_scale(sum(f.q))::text AS quantity
         FROM (SELECT product_id, destination_location_id AS location_id, batch_id, quantity AS q
                 FROM stock_moves WHERE done_at <= $1
               UNION ALL
               SELECT product_id, source_location_id, batch_id, -quantity FROM stock_moves WHERE done_at <= $1) f
         JOIN locations l ON l.id = f.location_id AND l.type = 'internal' AND l.warehouse_id = $2
        GROUP BY 1, 2, 3 HAVING sum(f.q) <> 0`,
      [date, main.id],
    );
    return rows
      .map((row) => `${row.product_id}|${row.location_id}|${row.batch_id ?? ''}|${row.quantity}`)
      .sort();
  };

  it('takes each day boundary once across two instances, and answers as the whole ledger at any instant', async () => {
    const taken = await Promise.all([
      t.app.get(StockSnapshotJob).runOnce(),
      second.app.get(StockSnapshotJob).runOnce(),
    ]);
    // One boundary per day that has moves, today's excepted (it has not ended).
    const days = new Set(dated.map((at) => Math.floor(at.getTime() / DAY)));
    expect(taken[0] + taken[1]).toBe(days.size);
    const { rows: boundaries } = await t.db.query(
      `SELECT at, levels FROM stock_snapshot_days ORDER BY at`,
    );
    expect(boundaries.map((row) => (row.at as Date).getTime())).toEqual(
      [...days].sort((a, b) => a - b).map((day) => (day + 1) * DAY),
    );
    expect(boundaries.every((row) => row.levels > 0)).toBe(true);
    const { rows: twice } = await t.db.query(
      `SELECT at, product_id, location_id, batch_id FROM stock_snapshots
        GROUP BY 1, 2, 3, 4 HAVING count(*) > 1`,
    );
    expect(twice).toEqual([]);
    // A later run finds nothing due.
    expect(await t.app.get(StockSnapshotJob).runOnce()).toBe(0);

    const random = seeded(44);
    const first = boundaries[0].at as Date;
    const instants = [
      new Date(dated[0].getTime() - 1), // before any move
      dated[0],
      new Date(first.getTime() - 1), // before the first snapshot
      ...boundaries.flatMap((row) => {
        const at = (row.at as Date).getTime();
        return [new Date(at - 1), new Date(at), new Date(at + 1)]; // around and at each boundary
      }),
      ...dated, // exactly at a posting
      ...Array.from({ length: 12 }, () => new Date(midnight - 7 * DAY + random(8 * DAY))), // inside days
      new Date(), // now: after the reversal and today's posting
    ];
    for (const instant of instants) {
      expect({ instant, rows: await asOf(instant) }).toEqual({
        instant,
        rows: await fullLedger(instant),
      });
    }
    // Not vacuous: the answers differ over time, and the latest ones come from a snapshot.
    expect(await asOf(new Date(midnight - 5 * DAY))).not.toEqual(await asOf(new Date()));
    expect((await asOf(new Date())).length).toBeGreaterThan(2);
  });
});
