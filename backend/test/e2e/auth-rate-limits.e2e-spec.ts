import { createUser, login, PASSWORD } from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

/** Requests "from" another client address: the app trusts one proxy hop in these tests. */
const from = (ip: string) => ({ 'X-Forwarded-For': ip });

describe('auth budgets per client address and per email address, kept in PostgreSQL', () => {
  let a: TestApp;
  let b: TestApp;
  const env = { AUTH_RATE_LIMIT_IP: '6', AUTH_RATE_LIMIT_ACCOUNT: '3', TRUST_PROXY: '1' };

  beforeAll(async () => {
    a = await startTestApp({ env });
    // A second API instance on the same database: budgets must hold across both.
    b = await startTestApp({ env, database: a.database });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('lets page loads refresh the session and probe the setup without spending the sign-in budget', async () => {
    const user = await createUser(a, { role: 'viewer' });
    const session = await login(a, user.email);
    let cookie = session.cookie;
    // Sixty full page loads from one address: each asks for a new access token, some probe setup.
    for (let i = 0; i < 60; i++) {
      const res = await a.http
        .post('/api/v1/auth/refresh')
        .set(from('10.1.0.1'))
        .set('Cookie', cookie);
      expect(res.status).toBe(200);
      cookie = res.headers['set-cookie'][0].split(';')[0];
      if (i % 5 === 0) await a.http.get('/api/v1/auth/setup').set(from('10.1.0.1')).expect(200);
    }
    // The sign-in budget of that address is untouched.
    await a.http
      .post('/api/v1/auth/login')
      .set(from('10.1.0.1'))
      .send({ email: user.email, password: PASSWORD })
      .expect(200);
  });

  it('stops one address after its budget, across sign-in, forgot and reset and across instances, with Retry-After and a sentence', async () => {
    const ip = from('10.2.0.1');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const instance = i % 2 === 0 ? a : b;
      const email = `nobody-${i}@example.com`; // a new address each time: the account budget is not what stops it
      const res =
        i % 3 === 0
          ? await instance.http
              .post('/api/v1/auth/login')
              .set(ip)
              .send({ email, password: 'wrong-password' })
          : i % 3 === 1
            ? await instance.http.post('/api/v1/auth/password/forgot').set(ip).send({ email })
            : await instance.http
                .post('/api/v1/auth/password/reset')
                .set(ip)
                .send({ email, code: '123456', newPassword: 'a-long-new-password' });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 202, 400, 401, 202, 400]);

    const refused = await b.http
      .post('/api/v1/auth/login')
      .set(ip)
      .send({ email: 'someone-else@example.com', password: 'whatever-it-is' })
      .expect(429);
    expect(refused.body).toEqual({
      statusCode: 429,
      error: 'TOO_MANY_REQUESTS',
      message: 'Too many attempts from your network. Wait 15 minutes and try again.',
      requestId: expect.any(String),
    });
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);

    // Another address (another office) is not affected.
    await a.http
      .post('/api/v1/auth/password/forgot')
      .set(from('10.2.0.2'))
      .send({ email: 'x@example.com' })
      .expect(202);
    // The counters live in PostgreSQL, under keys that hold neither address nor email.
    const { rows } = await a.db.query(`SELECT key FROM rate_limits`);
    expect(rows.length).toBeGreaterThan(0);
    expect(JSON.stringify(rows)).not.toMatch(/10\.2\.0\.1|example\.com/);
  });

  it('stops one email address after its budget whatever address the attempts come from, known or not', async () => {
    const user = await createUser(a, { role: 'viewer' });
    const answers: Record<string, unknown>[] = [];
    for (const email of [user.email, 'no-account-here@example.com']) {
      for (let i = 0; i < 3; i++) {
        await (i % 2 ? b : a).http
          .post('/api/v1/auth/password/forgot')
          .set(from(`10.3.${answers.length}.${i}`))
          .send({ email: email.toUpperCase() })
          .expect(202);
      }
      const refused = await a.http
        .post('/api/v1/auth/login')
        .set(from('10.3.9.9'))
        .send({ email, password: PASSWORD })
        .expect(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      answers.push({ ...refused.body, requestId: undefined });
    }
    // Known and unknown addresses run out alike: the answer tells nothing about accounts.
    expect(answers[0]).toEqual({
      statusCode: 429,
      error: 'TOO_MANY_REQUESTS',
      message: 'Too many attempts for this email address. Wait 15 minutes and try again.',
      requestId: undefined,
    });
    expect(answers[1]).toEqual(answers[0]);
  });

  it('answers a spent budget from the database clock: once the window has passed, the address may try again', async () => {
    const ip = from('10.4.0.1');
    for (let i = 0; i < 6; i++) {
      await a.http
        .post('/api/v1/auth/password/forgot')
        .set(ip)
        .send({ email: `w${i}@example.com` });
    }
    await a.http
      .post('/api/v1/auth/password/forgot')
      .set(ip)
      .send({ email: 'w9@example.com' })
      .expect(429);
    await a.db.query(
      `UPDATE rate_limits SET expires_at = now() - interval '1 second', blocked_until = now() - interval '1 second'`,
    );
    await a.http
      .post('/api/v1/auth/password/forgot')
      .set(ip)
      .send({ email: 'w9@example.com' })
      .expect(202);
  });
});
