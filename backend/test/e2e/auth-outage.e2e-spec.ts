import { createUser, login, PASSWORD, refreshCookie } from '../setup/factories';
import { adminQuery, startTestApp, TestApp } from '../setup/test-app';

describe('a database outage under a signed-in session', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await adminQuery(`ALTER DATABASE ${t.database.name} ALLOW_CONNECTIONS true`);
    await t.close();
  });

  /** Refuses new connections to the file's database and ends the open ones (the API's pool too). */
  async function cutDatabase(): Promise<void> {
    await adminQuery(`ALTER DATABASE ${t.database.name} ALLOW_CONNECTIONS false`);
    await adminQuery(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${t.database.name}' AND pid <> pg_backend_pid()`,
    );
  }

  it('answers 503 SERVICE_UNAVAILABLE with Retry-After, keeps the cookie, and the same session works once the database is back', async () => {
    const user = await createUser(t, { role: 'manager' });
    const { token, cookie } = await login(t, user.email);
    const auth = { Authorization: `Bearer ${token}` };
    await t.http.get('/api/v1/auth/me').set(auth).expect(200);

    await cutDatabase();

    const calls = [
      () => t.http.get('/api/v1/auth/me').set(auth), // the token's user is re-read
      () => t.http.get('/api/v1/products').set(auth),
      () => t.http.post('/api/v1/auth/refresh').set('Cookie', cookie),
      () => t.http.post('/api/v1/auth/login').send({ email: user.email, password: PASSWORD }),
    ];
    for (const call of calls) {
      const res = await call();
      expect(res.status).toBe(503);
      expect(res.body).toEqual({
        statusCode: 503,
        error: 'SERVICE_UNAVAILABLE',
        message: 'The server is temporarily unavailable: try again in a few seconds',
        requestId: expect.any(String),
      });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      // No 5xx touches the session cookie: the browser keeps it for when the database is back.
      expect(res.headers['set-cookie']).toBeUndefined();
    }

    await adminQuery(`ALTER DATABASE ${t.database.name} ALLOW_CONNECTIONS true`);

    await t.http.get('/api/v1/auth/me').set(auth).expect(200);
    const refreshed = await t.http.post('/api/v1/auth/refresh').set('Cookie', cookie).expect(200);
    await t.http
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${refreshed.body.accessToken}`)
      .expect(200);
    expect(refreshCookie(refreshed.headers['set-cookie'])).not.toBe(cookie);
  });

  it('still clears the cookie when the session itself is refused (401)', async () => {
    const res = await t.http
      .post('/api/v1/auth/refresh')
      .set('Cookie', 'sm_refresh=not-a-session')
      .expect(401);
    expect(String(res.headers['set-cookie'])).toMatch(/sm_refresh=;/);
  });
});
