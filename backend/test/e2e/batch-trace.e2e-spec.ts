import { addDays, todayIn } from '@stockmaster/contracts';
import { parse } from 'csv-parse/sync';
import {
  createLocation,
  createProduct,
  createUserAndLogin,
  createWarehouse,
} from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

type Auth = { Authorization: string };

describe('lot traceability: GET /batches/:id/trace', () => {
  let t: TestApp;
  let manager: Auth;
  let w: { id: string; code: string; rootLocationId: string };
  let w2: { id: string; code: string; rootLocationId: string };
  let cold: { id: string; fullName: string };
  let product: { id: string; sku: string };
  let batchId: string;
  const ops: Record<string, string> = {};

  /** Creates an operation and validates it; answers its id. */
  const post = async (body: object): Promise<string> => {
    const draft = await t.http.post('/api/v1/operations').set(manager).send(body).expect(201);
    await t.http.post(`/api/v1/operations/${draft.body.id}/validate`).set(manager).expect(200);
    return draft.body.id;
  };
  const line = (quantity: string, extra: object = {}) => ({
    productId: product.id,
    batchId,
    quantity,
    ...extra,
  });

  beforeAll(async () => {
    t = await startTestApp();
    manager = (await createUserAndLogin(t, { role: 'manager' })).auth;
    w = await createWarehouse(t, 'TRC');
    w2 = await createWarehouse(t, 'TRC2');
    cold = await createLocation(t, w, { id: w.rootLocationId }, 'Cold room');
    product = await createProduct(t, { tracking: 'batch', unit: 'kg' });

    // Received twice under the same lot code, split over two locations.
    ops.in1 = await post({
      type: 'receipt',
      warehouseId: w.id,
      partner: 'Dairy Farm Co',
      lines: [{ productId: product.id, quantity: '30', batch: { code: 'LOT-T' } }],
    });
    batchId = (await t.http.get(`/api/v1/batches?productId=${product.id}`).set(manager).expect(200))
      .body.data[0].id;
    ops.in2 = await post({
      type: 'receipt',
      warehouseId: w.id,
      partner: 'Dairy Farm Co',
      destinationLocationId: cold.id,
      lines: [{ productId: product.id, quantity: '20', batch: { code: 'LOT-T' } }],
    });
    // Transferred to another warehouse, then delivered from both.
    ops.transfer = await post({
      type: 'transfer',
      warehouseId: w.id,
      sourceLocationId: w.rootLocationId,
      destinationLocationId: w2.rootLocationId,
      lines: [line('10')],
    });
    ops.bistro = await post({
      type: 'delivery',
      warehouseId: w.id,
      sourceLocationId: w.rootLocationId,
      partner: 'Bistro Alpha',
      lines: [line('12')],
    });
    ops.deli = await post({
      type: 'delivery',
      warehouseId: w2.id,
      partner: '=2+3 Deli',
      lines: [line('8')],
    });
    // A second delivery to the bistro, reversed whole: it nets to nothing.
    ops.bistroAgain = await post({
      type: 'delivery',
      warehouseId: w.id,
      sourceLocationId: cold.id,
      partner: 'Bistro Alpha',
      lines: [line('5')],
    });
    await t.http.post(`/api/v1/operations/${ops.bistroAgain}/reverse`).set(manager).expect(201);
    ops.scrap = await post({
      type: 'scrap',
      warehouseId: w.id,
      sourceLocationId: cold.id,
      lines: [line('2')],
    });
    // The cold room held 18; 17 are counted.
    await post({
      type: 'adjustment',
      warehouseId: w.id,
      lines: [{ productId: product.id, batchId, locationId: cold.id, countedQuantity: '17' }],
    });
  });
  afterAll(() => t.close());

  it('answers where the lot came from, where it is and where it went, and the figures add up', async () => {
    const res = await t.http.get(`/api/v1/batches/${batchId}/trace`).set(manager).expect(200);
    const trace = res.body;
    expect(trace.batch).toEqual({
      id: batchId,
      code: 'LOT-T',
      status: 'available',
      product: expect.objectContaining({ id: product.id, sku: product.sku, unit: 'kg' }),
    });
    const brief = (entries: { operationId: string; partner: string; quantity: string }[]) =>
      entries.map((e) => [e.operationId, e.partner, e.quantity]);
    expect(brief(trace.origin)).toEqual([
      [ops.in1, 'Dairy Farm Co', '30'],
      [ops.in2, 'Dairy Farm Co', '20'],
    ]);
    expect(trace.origin[0]).toEqual(
      expect.objectContaining({
        type: 'receipt',
        reference: expect.stringMatching(/^TRC\/IN\/\d+$/),
        date: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        warehouseId: w.id,
        reversed: '0',
      }),
    );
    expect(
      trace.onHand.map((s: { location: { fullName: string }; quantity: string }) => [
        s.location.fullName,
        s.quantity,
      ]),
    ).toEqual([
      ['TRC/Stock', '8'],
      ['TRC/Stock/Cold room', '17'],
      ['TRC2/Stock', '2'],
    ]);
    expect(
      trace.destinations.map(
        (e: {
          type: string;
          operationId: string;
          partner: string;
          quantity: string;
          reversed: string;
        }) => [e.type, e.operationId, e.partner, e.quantity, e.reversed],
      ),
    ).toEqual([
      ['delivery', ops.bistro, 'Bistro Alpha', '12', '0'],
      ['delivery', ops.deli, '=2+3 Deli', '8', '0'],
      ['delivery', ops.bistroAgain, 'Bistro Alpha', '0', '5'],
      ['scrap', ops.scrap, null, '2', '0'],
    ]);
    expect(trace.totals).toEqual({
      received: '50',
      onHand: '27',
      delivered: '20',
      scrapped: '2',
      adjusted: '-1',
      customers: 2,
      locations: 3,
    });
    // Received − delivered − scrapped + counted = on hand.
    const { received, delivered, scrapped, adjusted, onHand } = trace.totals;
    expect(Number(received) - Number(delivered) - Number(scrapped) + Number(adjusted)).toBe(
      Number(onHand),
    );
  });

  it('exports the same figures as CSV, formula cells escaped', async () => {
    const res = await t.http
      .get(`/api/v1/batches/${batchId}/trace?format=csv`)
      .set(manager)
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const rows: Record<string, string>[] = parse(res.text, { columns: true });
    expect(rows.map((r) => [r.section, r.partner || r.location, r.quantity])).toEqual([
      ['received', 'Dairy Farm Co', '30'],
      ['received', 'Dairy Farm Co', '20'],
      ['on hand', 'TRC/Stock', '8'],
      ['on hand', 'TRC/Stock/Cold room', '17'],
      ['on hand', 'TRC2/Stock', '2'],
      ['delivered', 'Bistro Alpha', '12'],
      ['delivered', "'=2+3 Deli", '8'],
      ['delivered', 'Bistro Alpha', '0'],
      ['scrapped', '', '2'],
      ['total received', '', '50'],
      ['total on hand', '', '27'],
      ['total delivered', '', '20'],
      ['total scrapped', '', '2'],
      ['total adjusted', '', '-1'],
    ]);
    await t.http.get(`/api/v1/batches/${batchId}/trace?format=xml`).set(manager).expect(400);
  });

  it('traces a product over a range of days: every lot’s flows, reversals netted, and its stock now', async () => {
    // A second lot of the same product, received the same day.
    await post({
      type: 'receipt',
      warehouseId: w.id,
      partner: 'Other Farm',
      lines: [{ productId: product.id, quantity: '4', batch: { code: 'LOT-U' } }],
    });
    const today = todayIn(t.config.timeZone);
    const trace = async (query: string) =>
      (await t.http.get(`/api/v1/products/${product.id}/trace?${query}`).set(manager).expect(200))
        .body;

    const day = await trace(`from=${today}&to=${today}`);
    expect(day.product).toEqual(expect.objectContaining({ id: product.id, sku: product.sku }));
    expect(day).toEqual(expect.objectContaining({ from: today, to: today }));
    expect(
      day.origin.map((e: { batch: { code: string }; partner: string; quantity: string }) => [
        e.batch.code,
        e.partner,
        e.quantity,
      ]),
    ).toEqual([
      ['LOT-T', 'Dairy Farm Co', '30'],
      ['LOT-T', 'Dairy Farm Co', '20'],
      ['LOT-U', 'Other Farm', '4'],
    ]);
    expect(day.destinations.map((e: { operationId: string }) => e.operationId)).toEqual([
      ops.bistro,
      ops.deli,
      ops.bistroAgain,
      ops.scrap,
    ]);
    expect(
      day.onHand.map(
        (s: { location: { fullName: string }; batch: { code: string }; quantity: string }) => [
          s.location.fullName,
          s.batch.code,
          s.quantity,
        ],
      ),
    ).toEqual([
      ['TRC/Stock', 'LOT-T', '8'],
      ['TRC/Stock', 'LOT-U', '4'],
      ['TRC/Stock/Cold room', 'LOT-T', '17'],
      ['TRC2/Stock', 'LOT-T', '2'],
    ]);
    expect(day.totals).toEqual({
      received: '54',
      onHand: '31',
      delivered: '20',
      scrapped: '2',
      adjusted: '-1',
      customers: 2,
      locations: 3,
    });
    // Open ends work too; outside the range, no flows but the stock now.
    expect((await trace('')).totals).toEqual(day.totals);
    const later = await trace(`from=${addDays(today, 1)}`);
    expect([later.origin, later.destinations]).toEqual([[], []]);
    expect(later.totals).toEqual(
      expect.objectContaining({ received: '0', delivered: '0', adjusted: '0', onHand: '31' }),
    );
    expect((await trace(`to=${addDays(today, -1)}`)).origin).toEqual([]);

    const csv = await t.http
      .get(`/api/v1/products/${product.id}/trace?format=csv&from=${today}`)
      .set(manager)
      .expect(200);
    const rows: Record<string, string>[] = parse(csv.text, { columns: true });
    expect(rows.filter((r) => r.section === 'received').map((r) => r.batch)).toEqual([
      'LOT-T',
      'LOT-T',
      'LOT-U',
    ]);

    const bad = await t.http
      .get(`/api/v1/products/${product.id}/trace?from=${today}&to=${addDays(today, -1)}`)
      .set(manager)
      .expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'from' })]);
    await t.http
      .get(`/api/v1/products/${product.id}/trace?from=2026-02-30`)
      .set(manager)
      .expect(400);
    await t.http
      .get('/api/v1/products/00000000-0000-4000-8000-000000000000/trace')
      .set(manager)
      .expect(404);
  });

  it('limits an agent to its own warehouses, and 404s a batch it never held', async () => {
    const agent = (await createUserAndLogin(t, { role: 'agent', warehouseIds: [w2.id] })).auth;
    const res = await t.http.get(`/api/v1/batches/${batchId}/trace`).set(agent).expect(200);
    expect(res.body.origin).toEqual([]);
    expect(res.body.destinations.map((e: { operationId: string }) => e.operationId)).toEqual([
      ops.deli,
    ]);
    expect(res.body.onHand.map((s: { warehouseId: string }) => s.warehouseId)).toEqual([w2.id]);
    expect(res.body.totals).toEqual(
      expect.objectContaining({ onHand: '2', delivered: '8', customers: 1, locations: 1 }),
    );

    const other = await createWarehouse(t, 'TRC3');
    const outsider = (await createUserAndLogin(t, { role: 'agent', warehouseIds: [other.id] }))
      .auth;
    await t.http.get(`/api/v1/batches/${batchId}/trace`).set(outsider).expect(404);
    await t.http
      .get('/api/v1/batches/00000000-0000-4000-8000-000000000000/trace')
      .set(manager)
      .expect(404);
  });
});
