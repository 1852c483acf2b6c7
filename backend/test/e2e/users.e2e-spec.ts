import { randomUUID } from 'node:crypto';
import {
  createUser,
  createUserAndLogin,
  createWarehouse,
  login,
  PASSWORD,
} from '../setup/factories';
import { startSmtpServer, TestSmtpServer } from '../setup/smtp';
import { startTestApp, TestApp } from '../setup/test-app';

type Auth = { Authorization: string };

describe('users: administration and invitations', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let admin: Awaited<ReturnType<typeof createUserAndLogin>>;
  let warehouse: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://stock.example' } });
    admin = await createUserAndLogin(t, {
      role: 'admin',
      email: 'root@example.com',
      fullName: 'Root Admin',
    });
    warehouse = (await createWarehouse(t, 'MAIN')).id;
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const invite = (body: object, auth: Auth = admin.auth) =>
    t.http.post('/api/v1/users').set(auth).send(body);
  const tokenFrom = (text: string) =>
    /https:\/\/stock\.example\/invite\/([A-Za-z0-9_-]+)/.exec(text)![1];

  describe('invitation', () => {
    it('creates an invited user, mails a single-use link, and the link activates the account and signs in', async () => {
      const res = await invite({
        email: 'Ada@Example.com',
        fullName: 'Ada Agent',
        role: 'agent',
        warehouseIds: [warehouse],
      }).expect(201);
      expect(res.body).toEqual(
        expect.objectContaining({
          email: 'Ada@Example.com',
          role: 'agent',
          status: 'invited',
          warehouseIds: [warehouse],
          lastLoginAt: null,
        }),
      );
      const mail = await smtp.waitFor('ada@example.com', /\/invite\//);
      expect(mail.text).toContain('Root Admin invited you');
      const token = tokenFrom(mail.text);

      const preview = await t.http.get(`/api/v1/auth/invitation/${token}`).expect(200);
      expect(preview.body).toEqual({
        email: 'Ada@Example.com',
        fullName: 'Ada Agent',
        role: 'agent',
      });

      const weak = await t.http
        .post('/api/v1/auth/invitation/accept')
        .send({ token, password: 'ada@example.com' })
        .expect(400);
      expect(weak.body.details).toEqual([expect.objectContaining({ field: 'password' })]);

      const accepted = await t.http
        .post('/api/v1/auth/invitation/accept')
        .send({ token, password: 'ada-strong-password' })
        .expect(200);
      expect(accepted.body.user).toEqual(
        expect.objectContaining({
          email: 'Ada@Example.com',
          role: 'agent',
          warehouseIds: [warehouse],
        }),
      );
      expect(String(accepted.headers['set-cookie'])).toContain('Secure'); // PUBLIC_URL is https
      await login(t, 'ada@example.com', 'ada-strong-password');

      const reused = await t.http
        .post('/api/v1/auth/invitation/accept')
        .send({ token, password: 'another-password-1' })
        .expect(400);
      expect(reused.body.error).toBe('INVITATION_INVALID');
      await t.http.get(`/api/v1/auth/invitation/${token}`).expect(404);
      const { rows } = await t.db.query(`SELECT token_hash FROM invitations`);
      expect(rows.every((row: { token_hash: string }) => row.token_hash !== token)).toBe(true);
    });

    it('refuses an expired invitation, and a re-sent one replaces the old link', async () => {
      const res = await invite({
        email: 'late@example.com',
        fullName: 'Late Viewer',
        role: 'viewer',
      }).expect(201);
      const first = tokenFrom((await smtp.waitFor('late@example.com', /\/invite\//)).text);
      await t.db.query(
        `UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE user_id = $1`,
        [res.body.id],
      );
      await t.http
        .post('/api/v1/auth/invitation/accept')
        .send({ token: first, password: 'late-strong-password' })
        .expect(400);

      const before = smtp.messages.length;
      await t.http.post(`/api/v1/users/${res.body.id}/invitation`).set(admin.auth).expect(202);
      const second = tokenFrom(
        (await smtp.waitFor('late@example.com', new RegExp(`/invite/(?!${first})`))).text,
      );
      expect(smtp.messages.length).toBeGreaterThan(before);
      await t.http
        .post('/api/v1/auth/invitation/accept')
        .send({ token: second, password: 'late-strong-password' })
        .expect(200);
      await t.http.post(`/api/v1/users/${res.body.id}/invitation`).set(admin.auth).expect(409);
    });

    it('refuses a duplicate email (case-insensitive) with 409 EMAIL_TAKEN', async () => {
      await invite({ email: 'dup@example.com', fullName: 'Dup', role: 'viewer' }).expect(201);
      const res = await invite({
        email: 'DUP@example.com',
        fullName: 'Dup again',
        role: 'viewer',
      }).expect(409);
      expect(res.body.error).toBe('EMAIL_TAKEN');
    });

    it('refuses a warehouse that does not exist', async () => {
      const res = await invite({
        email: 'ghostwh@example.com',
        fullName: 'Ghost',
        role: 'agent',
        warehouseIds: [randomUUID()],
      }).expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'warehouseIds' })]);
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM users WHERE email = 'ghostwh@example.com'`,
      );
      expect(rows[0].n).toBe(0);
    });

    it('requires at least one warehouse for an agent and validates every field', async () => {
      const agent = await invite({
        email: 'nowh@example.com',
        fullName: 'No Warehouse',
        role: 'agent',
      }).expect(400);
      expect(agent.body.details).toEqual([expect.objectContaining({ field: 'warehouseIds' })]);
      const bad = await invite({
        email: 'nope',
        fullName: '',
        role: 'owner',
        warehouseIds: ['x'],
      }).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(
        expect.arrayContaining(['email', 'fullName', 'role', 'warehouseIds']),
      );
      const { rows } = await t.db.query(
        `SELECT count(*)::int AS n FROM users WHERE email IN ('nowh@example.com', 'nope')`,
      );
      expect(rows[0].n).toBe(0);
    });
  });

  describe('list, get, update, disable', () => {
    it('lists with search, role and status filters, sort and paging totals', async () => {
      for (let i = 0; i < 7; i++)
        await createUser(t, {
          role: 'viewer',
          email: `pager-${i}@example.com`,
          fullName: `Pager ${i}`,
        });
      const page1 = await t.http
        .get('/api/v1/users?search=PAGER&limit=3&sort=-email')
        .set(admin.auth)
        .expect(200);
      expect(page1.body.meta).toEqual({ page: 1, limit: 3, total: 7 });
      expect(page1.body.data.map((u: { email: string }) => u.email)).toEqual([
        'pager-6@example.com',
        'pager-5@example.com',
        'pager-4@example.com',
      ]);
      const page3 = await t.http
        .get('/api/v1/users?search=pager&limit=3&page=3&sort=email')
        .set(admin.auth)
        .expect(200);
      expect(page3.body.data.map((u: { email: string }) => u.email)).toEqual([
        'pager-6@example.com',
      ]);
      const beyond = await t.http
        .get('/api/v1/users?search=pager&limit=3&page=9')
        .set(admin.auth)
        .expect(200);
      expect(beyond.body).toEqual({ data: [], meta: { page: 9, limit: 3, total: 7 } });

      const admins = await t.http.get('/api/v1/users?role=admin').set(admin.auth).expect(200);
      expect(admins.body.data.every((u: { role: string }) => u.role === 'admin')).toBe(true);
      const invited = await t.http.get('/api/v1/users?status=invited').set(admin.auth).expect(200);
      expect(invited.body.data.every((u: { status: string }) => u.status === 'invited')).toBe(true);
      const literal = await t.http.get('/api/v1/users?search=%25').set(admin.auth).expect(200);
      expect(literal.body.meta.total).toBe(0); // "%" is a character, not a wildcard

      for (const query of [
        'limit=201',
        'limit=0',
        'page=0',
        'sort=password_hash',
        'role=owner',
        'status=gone',
      ]) {
        await t.http.get(`/api/v1/users?${query}`).set(admin.auth).expect(400);
      }
    });

    it('never exposes password hashes', async () => {
      const list = await t.http.get('/api/v1/users').set(admin.auth).expect(200);
      expect(JSON.stringify(list.body)).not.toMatch(/password|\$2[aby]\$/i);
    });

    it('gets one user, 404 for an unknown id and 400 for a malformed one', async () => {
      const viewer = await createUser(t, { role: 'viewer' });
      const res = await t.http.get(`/api/v1/users/${viewer.id}`).set(admin.auth).expect(200);
      expect(res.body).toEqual(
        expect.objectContaining({ id: viewer.id, role: 'viewer', status: 'active' }),
      );
      await t.http.get(`/api/v1/users/${randomUUID()}`).set(admin.auth).expect(404);
      await t.http.get('/api/v1/users/not-a-uuid').set(admin.auth).expect(400);
    });

    it('changes role and warehouses, ending the user’s sessions on a role change', async () => {
      const user = await createUserAndLogin(t, { role: 'viewer' });
      const res = await t.http
        .patch(`/api/v1/users/${user.id}`)
        .set(admin.auth)
        .send({ role: 'agent', warehouseIds: [warehouse, warehouse], fullName: 'Now Agent' })
        .expect(200);
      expect(res.body).toEqual(
        expect.objectContaining({
          role: 'agent',
          warehouseIds: [warehouse],
          fullName: 'Now Agent',
        }),
      );
      await t.http.get('/api/v1/auth/me').set(user.auth).expect(401);
      await t.http.post('/api/v1/auth/refresh').set('Cookie', user.cookie).expect(401);
      const dropAll = await t.http
        .patch(`/api/v1/users/${user.id}`)
        .set(admin.auth)
        .send({ warehouseIds: [] })
        .expect(400);
      expect(dropAll.body.details[0].field).toBe('warehouseIds');
    });

    it('disables with DELETE: old tokens die at once and sign-in says the account is disabled', async () => {
      const user = await createUserAndLogin(t, { role: 'manager' });
      await t.http.delete(`/api/v1/users/${user.id}`).set(admin.auth).expect(204);
      await t.http.get('/api/v1/auth/me').set(user.auth).expect(401);
      const res = await t.http
        .post('/api/v1/auth/login')
        .send({ email: user.email, password: PASSWORD })
        .expect(403);
      expect(res.body.error).toBe('ACCOUNT_DISABLED');
      await t.http
        .patch(`/api/v1/users/${user.id}`)
        .set(admin.auth)
        .send({ status: 'active' })
        .expect(200);
      await login(t, user.email);
    });

    it('cannot activate an invited user who never set a password', async () => {
      const res = await invite({
        email: 'pending@example.com',
        fullName: 'Pending',
        role: 'viewer',
      }).expect(201);
      const activate = await t.http
        .patch(`/api/v1/users/${res.body.id}`)
        .set(admin.auth)
        .send({ status: 'active' })
        .expect(409);
      expect(activate.body.error).toBe('USER_NOT_ACTIVATED');
    });
  });

  describe('roles', () => {
    it.each(['manager', 'agent', 'viewer'] as const)(
      'a %s gets 403 on user administration and the audit log',
      async (role) => {
        const user = await createUserAndLogin(t, {
          role,
          warehouseIds: role === 'agent' ? [warehouse] : [],
        });
        await t.http.get('/api/v1/users').set(user.auth).expect(403);
        await t.http
          .post('/api/v1/users')
          .set(user.auth)
          .send({ email: 'x@example.com', fullName: 'X', role: 'admin' })
          .expect(403);
        await t.http
          .patch(`/api/v1/users/${user.id}`)
          .set(user.auth)
          .send({ role: 'admin' })
          .expect(403);
        await t.http.delete(`/api/v1/users/${admin.id}`).set(user.auth).expect(403);
        const audit = await t.http.get('/api/v1/audit-log').set(user.auth).expect(403);
        expect(audit.body.error).toBe('FORBIDDEN');
        const { rows } = await t.db.query(`SELECT role FROM users WHERE id = $1`, [user.id]);
        expect(rows[0].role).toBe(role);
      },
    );

    it('without a token every user route answers 401', async () => {
      await t.http.get('/api/v1/users').expect(401);
      await t.http.get('/api/v1/audit-log').expect(401);
      await t.http.get('/api/v1/auth/me').expect(401);
    });
  });

  describe('audit log', () => {
    it('records user management, logins (failed too) and password changes, newest first, with filters', async () => {
      const from = new Date(Date.now() - 1000).toISOString();
      const res = await invite({
        email: 'audited@example.com',
        fullName: 'Audited',
        role: 'viewer',
      }).expect(201);
      await t.http
        .patch(`/api/v1/users/${res.body.id}`)
        .set(admin.auth)
        .send({ fullName: 'Audited Person' })
        .expect(200);
      await t.http
        .post('/api/v1/auth/login')
        .send({ email: 'root@example.com', password: 'wrong-password!' })
        .expect(401);
      await login(t, 'root@example.com');

      const all = await t.http
        .get(`/api/v1/audit-log?from=${encodeURIComponent(from)}&limit=200`)
        .set(admin.auth)
        .expect(200);
      const actions = all.body.data.map((entry: { action: string }) => entry.action);
      expect(actions.slice(0, 4)).toEqual([
        'auth.login.succeeded',
        'auth.login.failed',
        'user.updated',
        'user.invited',
      ]);
      const failed = all.body.data.find(
        (entry: { action: string }) => entry.action === 'auth.login.failed',
      );
      expect(failed).toEqual(
        expect.objectContaining({
          actorId: admin.id,
          summary: { email: 'root@example.com', reason: 'wrong password' },
        }),
      );
      expect(JSON.stringify(all.body)).not.toContain('wrong-password!');

      const invites = await t.http
        .get('/api/v1/audit-log?action=user.invited')
        .set(admin.auth)
        .expect(200);
      expect(
        invites.body.data.every((entry: { action: string }) => entry.action === 'user.invited'),
      ).toBe(true);
      const mine = await t.http
        .get(`/api/v1/audit-log?userId=${admin.id}&limit=1`)
        .set(admin.auth)
        .expect(200);
      expect(mine.body.meta.limit).toBe(1);
      expect(mine.body.meta.total).toBeGreaterThan(3);
      const future = await t.http
        .get(`/api/v1/audit-log?from=2099-01-01`)
        .set(admin.auth)
        .expect(200);
      expect(future.body).toEqual({ data: [], meta: { page: 1, limit: 50, total: 0 } });
      await t.http.get('/api/v1/audit-log?from=yesterday').set(admin.auth).expect(400);
    });
  });

  // Last, because these tests take the other admins (root included) out of service.
  describe('last administrator', () => {
    it('refuses to demote or disable the last active admin (409), and allows it once another admin exists', async () => {
      const only = await createUserAndLogin(t, { role: 'admin' });
      await t.db.query(`UPDATE users SET status = 'disabled' WHERE role = 'admin' AND id <> $1`, [
        only.id,
      ]);
      const demote = await t.http
        .patch(`/api/v1/users/${only.id}`)
        .set(only.auth)
        .send({ role: 'manager' })
        .expect(409);
      expect(demote.body.error).toBe('LAST_ADMIN');
      await t.http.delete(`/api/v1/users/${only.id}`).set(only.auth).expect(409);
      await t.http.get('/api/v1/auth/me').set(only.auth).expect(200);

      const second = await createUser(t, { role: 'admin' });
      await t.http
        .patch(`/api/v1/users/${second.id}`)
        .set(only.auth)
        .send({ role: 'viewer' })
        .expect(200);
      const third = await createUser(t, { role: 'admin' });
      await t.http
        .patch(`/api/v1/users/${only.id}`)
        .set(only.auth)
        .send({ role: 'manager' })
        .expect(200);
      const { rows } = await t.db.query(
        `SELECT id FROM users WHERE role = 'admin' AND status = 'active'`,
      );
      expect(rows).toEqual([{ id: third.id }]);
    });

    it('lets exactly one of two admins demoting each other at the same time succeed', async () => {
      for (let round = 0; round < 5; round++) {
        await t.db.query(`UPDATE users SET status = 'disabled' WHERE role = 'admin'`);
        const a = await createUserAndLogin(t, { role: 'admin' });
        const b = await createUserAndLogin(t, { role: 'admin' });
        const [ab, ba] = await Promise.all([
          t.http.patch(`/api/v1/users/${b.id}`).set(a.auth).send({ role: 'viewer' }),
          t.http.patch(`/api/v1/users/${a.id}`).set(b.auth).send({ status: 'disabled' }),
        ]);
        // The loser is refused either by the last-admin lock (409) or, when the winner finished
        // before the loser's request was authenticated, because its own session ended (401).
        const [first, second] = [ab.status, ba.status].sort();
        expect(first).toBe(200);
        expect([401, 409]).toContain(second);
        const { rows } = await t.db.query(
          `SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND status = 'active'`,
        );
        expect(rows[0].n).toBe(1);
      }
    });
  });
});
