import { createUser, login, PASSWORD, refreshCookie } from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

describe('sessions: refresh rotation, reuse detection, logout, own profile', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('rotates the refresh cookie and issues a working access token', async () => {
    const user = await createUser(t, { role: 'viewer' });
    const first = await login(t, user.email);
    const res = await t.http.post('/api/v1/auth/refresh').set('Cookie', first.cookie).expect(200);
    expect(res.body).toEqual(
      expect.objectContaining({
        tokenType: 'Bearer',
        user: expect.objectContaining({ id: user.id }),
      }),
    );
    const rotated = refreshCookie(res.headers['set-cookie']);
    expect(rotated).not.toBe(first.cookie);
    await t.http
      .get('/api/v1/auth/me')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    await t.http.post('/api/v1/auth/refresh').set('Cookie', rotated).expect(200);
  });

  it('revokes the whole session when an already-used refresh token comes back', async () => {
    const user = await createUser(t, { role: 'viewer' });
    const stolen = (await login(t, user.email)).cookie;
    const owner = refreshCookie(
      (await t.http.post('/api/v1/auth/refresh').set('Cookie', stolen).expect(200)).headers[
        'set-cookie'
      ],
    );

    // The copy comes back a minute after the owner used it (the grace period for tabs is over).
    await t.db.query(
      `UPDATE refresh_tokens SET used_at = used_at - interval '1 minute' WHERE user_id = $1 AND used_at IS NOT NULL`,
      [user.id],
    );
    const replay = await t.http.post('/api/v1/auth/refresh').set('Cookie', stolen).expect(401);
    expect(replay.body.error).toBe('REFRESH_TOKEN_REUSED');
    // The legitimate holder's newer token died with the family.
    const after = await t.http.post('/api/v1/auth/refresh').set('Cookie', owner).expect(401);
    expect(after.body.error).toBe('TOKEN_INVALID');
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS open FROM refresh_tokens WHERE user_id = $1 AND revoked_at IS NULL`,
      [user.id],
    );
    expect(rows[0].open).toBe(0);
  });

  it('lets tabs opened together trade the same cookie at once, each keeping a working session', async () => {
    const user = await createUser(t, { role: 'viewer' });
    const shared = (await login(t, user.email)).cookie;
    const answers = await Promise.all(
      [1, 2, 3].map(() => t.http.post('/api/v1/auth/refresh').set('Cookie', shared)),
    );
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200]);
    const cookies = answers.map((res) => refreshCookie(res.headers['set-cookie']));
    expect(new Set(cookies).size).toBe(3);
    for (const res of answers) {
      await t.http
        .get('/api/v1/auth/me')
        .set('Authorization', `Bearer ${res.body.accessToken}`)
        .expect(200);
    }
    // Whichever cookie the browser kept goes on working, and nothing was revoked.
    for (const cookie of cookies)
      await t.http.post('/api/v1/auth/refresh').set('Cookie', cookie).expect(200);
    const { rows } = await t.db.query(
      `SELECT count(*) FILTER (WHERE revoked_at IS NOT NULL)::int AS revoked,
              count(DISTINCT family_id)::int AS families
         FROM refresh_tokens WHERE user_id = $1`,
      [user.id],
    );
    expect(rows[0]).toEqual({ revoked: 0, families: 1 });
  });

  it('still ends the session when the shared cookie comes back after the grace period', async () => {
    const user = await createUser(t, { role: 'viewer' });
    const shared = (await login(t, user.email)).cookie;
    const kept = refreshCookie(
      (await t.http.post('/api/v1/auth/refresh').set('Cookie', shared).expect(200)).headers[
        'set-cookie'
      ],
    );
    // Within the grace period the same cookie is traded again…
    await t.http.post('/api/v1/auth/refresh').set('Cookie', shared).expect(200);
    // …and eleven seconds later it is a copy.
    await t.db.query(
      `UPDATE refresh_tokens SET used_at = used_at - interval '11 seconds' WHERE user_id = $1 AND used_at IS NOT NULL`,
      [user.id],
    );
    const replay = await t.http.post('/api/v1/auth/refresh').set('Cookie', shared).expect(401);
    expect(replay.body.error).toBe('REFRESH_TOKEN_REUSED');
    await t.http.post('/api/v1/auth/refresh').set('Cookie', kept).expect(401);
  });

  it('keeps other sessions of the same user alive when one family is revoked', async () => {
    const user = await createUser(t, { role: 'viewer' });
    const laptop = (await login(t, user.email)).cookie;
    const phone = (await login(t, user.email)).cookie;
    await t.http.post('/api/v1/auth/logout').set('Cookie', laptop).expect(204);
    await t.http.post('/api/v1/auth/refresh').set('Cookie', laptop).expect(401);
    await t.http.post('/api/v1/auth/refresh').set('Cookie', phone).expect(200);
  });

  it('answers 401 without a cookie or with a forged one, and clears the cookie', async () => {
    const none = await t.http.post('/api/v1/auth/refresh').expect(401);
    expect(none.body.error).toBe('TOKEN_INVALID');
    const forged = await t.http
      .post('/api/v1/auth/refresh')
      .set('Cookie', 'sm_refresh=forged-value')
      .expect(401);
    expect(String(forged.headers['set-cookie'])).toMatch(/sm_refresh=;/);
    // The console's hint goes with it: the next visit does not ask again.
    expect(String(forged.headers['set-cookie'])).toMatch(/sm_session=; Path=\/;/);
  });

  it('logout is idempotent and answers 204 even without a session', async () => {
    await t.http.post('/api/v1/auth/logout').expect(204);
  });

  it('logout clears the refresh cookie and the console’s hint', async () => {
    const user = await createUser(t, { role: 'viewer' });
    const { cookie } = await login(t, user.email);
    const res = await t.http.post('/api/v1/auth/logout').set('Cookie', cookie).expect(204);
    const cleared = String(res.headers['set-cookie']);
    expect(cleared).toMatch(/sm_refresh=; Path=\/api\/v1\/auth;/);
    expect(cleared).toMatch(/sm_session=; Path=\/;/);
  });

  it('ends refresh tokens when the password changes or the user is disabled', async () => {
    const user = await createUser(t, { role: 'viewer' });
    const session = await login(t, user.email);
    await t.http
      .post('/api/v1/auth/me/password')
      .set('Authorization', `Bearer ${session.token}`)
      .send({ currentPassword: PASSWORD, newPassword: 'another-long-password' })
      .expect(204);
    await t.http.post('/api/v1/auth/refresh').set('Cookie', session.cookie).expect(401);

    const other = await createUser(t, { role: 'viewer' });
    const otherSession = await login(t, other.email);
    await t.db.query(`UPDATE users SET status = 'disabled' WHERE id = $1`, [other.id]);
    await t.http.post('/api/v1/auth/refresh').set('Cookie', otherSession.cookie).expect(401);
  });

  describe('own profile', () => {
    it('changes the own name, and nothing else: a role in the body is refused', async () => {
      const user = await createUser(t, { role: 'viewer' });
      const { token } = await login(t, user.email);
      const auth = { Authorization: `Bearer ${token}` };
      const res = await t.http
        .patch('/api/v1/auth/me')
        .set(auth)
        .send({ fullName: '  Vera Viewer ' })
        .expect(200);
      expect(res.body.fullName).toBe('Vera Viewer');
      const escalate = await t.http
        .patch('/api/v1/auth/me')
        .set(auth)
        .send({ fullName: 'Vera', role: 'admin' })
        .expect(400);
      expect(escalate.body.details).toEqual([expect.objectContaining({ field: 'role' })]);
      const { rows } = await t.db.query(`SELECT role, full_name FROM users WHERE id = $1`, [
        user.id,
      ]);
      expect(rows[0]).toEqual({ role: 'viewer', full_name: 'Vera Viewer' });
    });

    it('refuses a password change with a wrong current password or a weak new one', async () => {
      const user = await createUser(t, { role: 'viewer' });
      const { token } = await login(t, user.email);
      const auth = { Authorization: `Bearer ${token}` };
      const wrong = await t.http
        .post('/api/v1/auth/me/password')
        .set(auth)
        .send({ currentPassword: 'not-my-password', newPassword: 'a-fine-new-password' })
        .expect(400);
      expect(wrong.body.error).toBe('WRONG_PASSWORD');
      const weak = await t.http
        .post('/api/v1/auth/me/password')
        .set(auth)
        .send({ currentPassword: PASSWORD, newPassword: 'short' })
        .expect(400);
      expect(weak.body.details).toEqual([expect.objectContaining({ field: 'newPassword' })]);
      const tooLong = await t.http
        .post('/api/v1/auth/me/password')
        .set(auth)
        .send({ currentPassword: PASSWORD, newPassword: 'é'.repeat(40) })
        .expect(400);
      expect(tooLong.body.details[0].message).toMatch(/72 bytes/);
      await t.http.get('/api/v1/auth/me').set(auth).expect(200); // nothing changed
    });
  });
});
