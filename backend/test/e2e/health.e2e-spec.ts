import { adminQuery, startTestApp, TestApp } from '../setup/test-app';

describe('GET /api/v1/health', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await adminQuery(`ALTER DATABASE ${t.database.name} ALLOW_CONNECTIONS true`);
    await t.close();
  });

  it('answers 200 with the database up, without a token', async () => {
    const res = await t.http.get('/api/v1/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('answers 503 with the database down while PostgreSQL refuses connections, then recovers', async () => {
    await adminQuery(`ALTER DATABASE ${t.database.name} ALLOW_CONNECTIONS false`);
    await adminQuery(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${t.database.name}' AND pid <> pg_backend_pid()`,
    );

    const down = await t.http.get('/api/v1/health').expect(503);
    expect(down.body).toEqual({ status: 'error', database: 'down' });

    await adminQuery(`ALTER DATABASE ${t.database.name} ALLOW_CONNECTIONS true`);
    const up = await t.http.get('/api/v1/health').expect(200);
    expect(up.body).toEqual({ status: 'ok', database: 'up' });
  });
});
