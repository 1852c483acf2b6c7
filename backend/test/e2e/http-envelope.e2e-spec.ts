import { ErrorEnvelope } from '@stockmaster/contracts';
import { ProbeModule } from '../setup/probe.module';
import { startTestApp, TestApp } from '../setup/test-app';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Nothing internal may ever reach a client: no stack frames, file paths, SQL or driver text. */
function expectNoLeak(body: unknown): void {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(
    /stack|\.ts:\d+|\/srv\/|node_modules|SELECT|relation "|QueryFailed|password_hash|secret internal/i,
  );
}

function expectEnvelope(
  body: ErrorEnvelope,
  status: number,
  code: string,
  requestId: string,
): void {
  expect(body).toEqual(expect.objectContaining({ statusCode: status, error: code, requestId }));
  expect(typeof body.message).toBe('string');
  expect(Object.keys(body).sort()).toEqual(
    expect.arrayContaining(['error', 'message', 'requestId', 'statusCode']),
  );
  expectNoLeak(body);
}

describe('HTTP basics: request ids, error envelope, limits, headers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      extraModules: [ProbeModule],
      env: { CORS_ORIGINS: 'https://shop.example' },
    });
  });
  afterAll(() => t.close());

  it('gives every response a request id, and honours a safe incoming one', async () => {
    const fresh = await t.http.get('/api/v1/health').expect(200);
    expect(fresh.headers['x-request-id']).toMatch(UUID);

    const traced = await t.http
      .get('/api/v1/health')
      .set('X-Request-Id', 'lb-trace.42:abc')
      .expect(200);
    expect(traced.headers['x-request-id']).toBe('lb-trace.42:abc');
  });

  it('replaces an incoming request id that could forge log lines', async () => {
    const res = await t.http
      .get('/api/v1/health')
      .set('X-Request-Id', 'x\tinjected {"level":60}')
      .expect(200);
    expect(res.headers['x-request-id']).toMatch(UUID);
  });

  it('answers an unknown API route with a JSON 404 envelope, never the console', async () => {
    const res = await t.http.get('/api/v1/no-such-thing').expect(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expectEnvelope(res.body, 404, 'NOT_FOUND', res.headers['x-request-id']);
  });

  it('rejects malformed JSON with 400 MALFORMED_JSON and a request id', async () => {
    const res = await t.http
      .post('/api/v1/probe')
      .set('Content-Type', 'application/json')
      .send('{"name": "half')
      .expect(400);
    expect(res.headers['x-request-id']).toMatch(UUID);
    expectEnvelope(res.body, 400, 'MALFORMED_JSON', res.headers['x-request-id']);
  });

  it('rejects a body over 1 MB with 413 and accepts one just under', async () => {
    const over = await t.http
      .post('/api/v1/probe')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(1024 * 1024) }))
      .expect(413);
    expectEnvelope(over.body, 413, 'PAYLOAD_TOO_LARGE', over.headers['x-request-id']);

    const under = await t.http
      .post('/api/v1/probe')
      .send({ name: 'y'.repeat(1000 * 1000) })
      .expect(201);
    expect(under.body.name).toHaveLength(1000 * 1000);
  });

  it('answers invalid fields with 400 VALIDATION_FAILED and one detail per field, nested paths included', async () => {
    const res = await t.http
      .post('/api/v1/probe')
      .send({ name: '', count: 11, lines: [{ quantity: 1 }, { quantity: 1.2345 }] })
      .expect(400);
    expectEnvelope(res.body, 400, 'VALIDATION_FAILED', res.headers['x-request-id']);
    const fields = (res.body as ErrorEnvelope).details!.map((detail) => detail.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'count', 'lines.1.quantity']));
    expect(fields).not.toContain('lines.0.quantity');
  });

  it('rejects fields that the DTO does not declare', async () => {
    const res = await t.http.post('/api/v1/probe').send({ name: 'ok', role: 'admin' }).expect(400);
    expect(res.body.details).toEqual([expect.objectContaining({ field: 'role' })]);
  });

  it('transforms and strips nothing silently: a valid body comes back typed', async () => {
    const res = await t.http
      .post('/api/v1/probe')
      .send({ name: 'ok', count: 3, lines: [{ quantity: 1.25 }] })
      .expect(201);
    expect(res.body).toEqual({ name: 'ok', count: 3, lines: [{ quantity: 1.25 }] });
  });

  it('carries per-line business errors as 422 details', async () => {
    const res = await t.http.get('/api/v1/probe/rule').expect(422);
    expectEnvelope(res.body, 422, 'INSUFFICIENT_STOCK', res.headers['x-request-id']);
    expect(res.body.details).toEqual([
      { line: 0, error: 'INSUFFICIENT_STOCK', message: 'Only 3 on hand' },
      { line: 2, error: 'BATCH_EXPIRED', message: 'Batch L-7 expired on 2026-11-01' },
    ]);
  });

  it('turns an unexpected error into a generic 500 that quotes the request id and leaks nothing', async () => {
    const res = await t.http.get('/api/v1/probe/crash').expect(500);
    expectEnvelope(res.body, 500, 'INTERNAL_ERROR', res.headers['x-request-id']);
    expect(res.body.message).toContain(res.headers['x-request-id']);
  });

  it('never shows SQL or driver text when a query fails', async () => {
    const res = await t.http.get('/api/v1/probe/sql').expect(500);
    expectEnvelope(res.body, 500, 'INTERNAL_ERROR', res.headers['x-request-id']);
  });

  it('sets helmet security headers and hides the framework', async () => {
    const res = await t.http.get('/api/v1/health').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('allows cross-origin calls only from CORS_ORIGINS', async () => {
    const allowed = await t.http
      .options('/api/v1/health')
      .set('Origin', 'https://shop.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://shop.example');

    const other = await t.http
      .options('/api/v1/health')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'GET');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
