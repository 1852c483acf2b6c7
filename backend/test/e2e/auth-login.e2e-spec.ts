import { JwtService } from '@nestjs/jwt';
import { createHmac } from 'node:crypto';
import { createUser, login, PASSWORD } from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

const SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

describe('first run and sign-in', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('first run', () => {
    it('asks for the first administrator while no user exists', async () => {
      const res = await t.http.get('/api/v1/auth/setup').expect(200);
      expect(res.body).toEqual({ required: true });
    });

    it('refuses a weak first password and creates nothing', async () => {
      const res = await t.http
        .post('/api/v1/auth/setup')
        .send({ email: 'boss@example.com', password: 'short', fullName: 'Boss' })
        .expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'password' })]);
      const same = await t.http
        .post('/api/v1/auth/setup')
        .send({ email: 'boss@example.com', password: 'BOSS@example.com', fullName: 'Boss' })
        .expect(400);
      expect(same.body.details[0].message).toMatch(/email/);
      expect((await t.db.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(0);
    });

    it('lets exactly one of many concurrent setups create the admin; the rest get 409', async () => {
      const attempts = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          t.http
            .post('/api/v1/auth/setup')
            .send({ email: `boss${i}@example.com`, password: PASSWORD, fullName: `Boss ${i}` }),
        ),
      );
      const statuses = attempts.map((res) => res.status).sort();
      expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
      const winner = attempts.find((res) => res.status === 201)!;
      expect(winner.body).toEqual({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 1800,
        user: {
          id: expect.any(String),
          email: expect.stringMatching(/^boss\d@example.com$/),
          fullName: expect.any(String),
          role: 'admin',
          warehouseIds: [],
        },
      });
      expect(attempts.find((res) => res.status === 409)!.body.error).toBe('SETUP_ALREADY_DONE');
      const { rows } = await t.db.query(`SELECT role, status FROM users`);
      expect(rows).toEqual([{ role: 'admin', status: 'active' }]);
      expect((await t.http.get('/api/v1/auth/setup').expect(200)).body).toEqual({
        required: false,
      });
    });
  });

  describe('login', () => {
    it('returns an access token and sets the refresh token as a strict httpOnly cookie on the auth path', async () => {
      const user = await createUser(t, { role: 'manager', email: 'Mia.Manager@Example.com' });
      const res = await t.http
        .post('/api/v1/auth/login')
        .send({ email: 'mia.manager@example.com', password: PASSWORD })
        .expect(200);
      expect(res.body).toEqual({
        accessToken: expect.any(String),
        tokenType: 'Bearer',
        expiresIn: 1800,
        user: {
          id: user.id,
          email: 'Mia.Manager@Example.com',
          fullName: 'Test manager',
          role: 'manager',
          warehouseIds: [],
        },
      });
      const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
        c.startsWith('sm_refresh='),
      )!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      expect(cookie).toMatch(/Path=\/api\/v1\/auth/);
      expect(cookie).not.toMatch(/Secure/); // PUBLIC_URL is http in this test
      // Its twin for the console to read (a session worth restoring): no secret, every path.
      const hint = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
        c.startsWith('sm_session='),
      )!;
      expect(hint).toMatch(/^sm_session=1;/);
      expect(hint).not.toMatch(/HttpOnly/);
      expect(hint).toMatch(/SameSite=Strict/);
      expect(hint).toMatch(/Path=\/;/);
      expect(hint).toMatch(new RegExp(`Max-Age=${cookie.match(/Max-Age=(\d+)/)![1]};`));

      const claims = new JwtService().decode(res.body.accessToken);
      expect(claims).toEqual(expect.objectContaining({ sub: user.id, role: 'manager', ver: 0 }));
      expect(claims.exp - claims.iat).toBe(1800);
      const me = await t.http
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${res.body.accessToken}`)
        .expect(200);
      expect(me.body).toEqual(
        expect.objectContaining({ id: user.id, status: 'active', lastLoginAt: expect.any(String) }),
      );
    });

    it('answers a wrong password and an unknown email with the same 401', async () => {
      const user = await createUser(t, { role: 'viewer' });
      const wrong = await t.http
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: 'not-the-password' })
        .expect(401);
      const unknown = await t.http
        .post('/api/v1/auth/login')
        .send({ email: 'nobody@example.com', password: 'not-the-password' })
        .expect(401);
      const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
      expect(strip(wrong.body)).toEqual(strip(unknown.body));
      expect(wrong.body.error).toBe('INVALID_CREDENTIALS');
    });

    it('does not let an invited user (no password yet) sign in', async () => {
      const user = await createUser(t, { role: 'viewer', status: 'invited' });
      const res = await t.http
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: PASSWORD })
        .expect(401);
      expect(res.body.error).toBe('INVALID_CREDENTIALS');
    });

    it('tells a disabled user with the right password that the account is disabled', async () => {
      const user = await createUser(t, { role: 'viewer', status: 'disabled' });
      const res = await t.http
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: PASSWORD })
        .expect(403);
      expect(res.body.error).toBe('ACCOUNT_DISABLED');
    });

    it('locks the account for 15 minutes after 5 failures, even against the right password, then lets it in again', async () => {
      const user = await createUser(t, { role: 'viewer' });
      for (let i = 0; i < 4; i++) {
        await t.http
          .post('/api/v1/auth/login')
          .send({ email: user.email, password: `wrong-${i}` })
          .expect(401);
      }
      const fifth = await t.http
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: 'wrong-4' })
        .expect(429);
      expect(fifth.body.error).toBe('ACCOUNT_LOCKED');
      const retryAfter = Number(fifth.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(14 * 60);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);

      const right = await t.http
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: PASSWORD })
        .expect(429);
      expect(right.body.error).toBe('ACCOUNT_LOCKED');
      expect(right.body.accessToken).toBeUndefined();

      // Counted per address as typed, under an HMAC of it: the table never holds the address.
      const key = createHmac('sha256', SECRET).update(`email:${user.email}`).digest('hex');
      const { rows: stored } = await t.db.query(
        `SELECT locked_until FROM sign_in_failures WHERE email_key = $1`,
        [key],
      );
      expect(stored).toEqual([{ locked_until: expect.any(Date) }]);
      await t.db.query(
        `UPDATE sign_in_failures SET locked_until = now() - interval '1 second' WHERE email_key = $1`,
        [key],
      );
      await login(t, user.email);
      const { rows } = await t.db.query(`SELECT 1 FROM sign_in_failures WHERE email_key = $1`, [
        key,
      ]);
      expect(rows).toEqual([]); // a successful sign-in starts the count over
    });

    it('rejects malformed sign-in bodies with 400 and field details', async () => {
      const res = await t.http
        .post('/api/v1/auth/login')
        .send({ email: 'not-an-email', password: '' })
        .expect(400);
      expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
        'email',
        'password',
      ]);
    });
  });

  describe('access tokens', () => {
    const jwt = new JwtService({ secret: SECRET });

    it.each([
      ['no token', undefined],
      ['a malformed token', 'Bearer not.a.jwt'],
      [
        'a token signed with another secret',
        () =>
          `Bearer ${new JwtService({ secret: 'another-secret-another-secret-another' }).sign({ sub: '00000000-0000-0000-0000-000000000000', role: 'admin', ver: 0 })}`,
      ],
    ])('refuses %s with 401', async (_, header) => {
      const value = typeof header === 'function' ? header() : header;
      const req = t.http.get('/api/v1/auth/me');
      const res = await (value ? req.set('Authorization', value) : req).expect(401);
      expect(res.body.error).toBe('UNAUTHORIZED');
    });

    it('refuses an unsigned alg:none token and an expired token', async () => {
      const user = await createUser(t, { role: 'admin' });
      const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: user.id, role: 'admin', ver: 0, exp: Math.floor(Date.now() / 1000) + 600 })}.`;
      await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${none}`).expect(401);

      const expired = jwt.sign({ sub: user.id, role: 'admin', ver: 0 }, { expiresIn: -10 });
      await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${expired}`).expect(401);

      const valid = jwt.sign({ sub: user.id, role: 'admin', ver: 0 }, { expiresIn: 60 });
      await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${valid}`).expect(200);
    });

    it('ends a token at once when its user is disabled, changes role or changes password', async () => {
      for (const change of [
        `UPDATE users SET status = 'disabled', token_version = token_version + 1 WHERE id = $1`,
        `UPDATE users SET role = 'viewer', token_version = token_version + 1 WHERE id = $1`,
      ]) {
        const user = await createUser(t, { role: 'manager' });
        const { token } = await login(t, user.email);
        await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
        await t.db.query(change, [user.id]);
        await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      }

      const user = await createUser(t, { role: 'manager' });
      const { token } = await login(t, user.email);
      await t.http
        .post('/api/v1/auth/me/password')
        .set('Authorization', `Bearer ${token}`)
        .send({ currentPassword: PASSWORD, newPassword: 'a-brand-new-password' })
        .expect(204);
      await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      await login(t, user.email, 'a-brand-new-password');
    });
  });
});

describe('two API instances on one database', () => {
  // Passport keeps one global strategy registry per process, so two apps in one test process
  // share the newest one's; both live for the whole block and close together at its end.
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ database: a.database });
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('counts failed logins in the database, so the lock-out holds across instances', async () => {
    const user = await createUser(a, { role: 'viewer' });
    for (let i = 0; i < 5; i++) {
      await (i % 2 === 0 ? a : b).http
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: `wrong-${i}` });
    }
    const res = await b.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: PASSWORD })
      .expect(429);
    expect(res.body.error).toBe('ACCOUNT_LOCKED');
  });

  it('accepts on one instance the session started on the other (stateless API)', async () => {
    const user = await createUser(a, { role: 'viewer' });
    const { token, cookie } = await login(a, user.email);
    await b.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    const refreshed = await b.http.post('/api/v1/auth/refresh').set('Cookie', cookie).expect(200);
    await a.http
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${refreshed.body.accessToken}`)
      .expect(200);
  });
});
