import { setTimeout as sleep } from 'node:timers/promises';
import { UserCache } from '../../src/modules/auth/user-cache';
import { createUserAndLogin } from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

/**
 * Two API instances on one database, each holding signed-in users in memory: a change to a user,
 * made on one instance or by anyone in the database, is refused or seen on the next request
 * everywhere. (In one test process the newest instance's JWT strategy serves both HTTP servers;
 * each instance's own cache is checked directly as well.)
 */
describe('signed-in users held in memory across instances', () => {
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startTestApp({ env: { USER_CACHE: 'on' } });
    b = await startTestApp({ database: a.database, env: { USER_CACHE: 'on' } });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('refuses a user disabled on one instance at once on both, and sees changes made in the database', async () => {
    const admin = await createUserAndLogin(a, { role: 'admin' });
    const clerk = await createUserAndLogin(a, { role: 'manager' });
    const caches = [a.app.get(UserCache), b.app.get(UserCache)];
    for (const t of [a, b]) await t.http.get('/api/v1/auth/me').set(clerk.auth).expect(200);
    for (const cache of caches) {
      await cache.get(clerk.id);
      expect(cache.holds(clerk.id)).toBe(true);
    }

    // A change written straight into the database (not through either instance) is announced.
    await a.db.query(`UPDATE users SET full_name = 'Renamed in SQL' WHERE id = $1`, [clerk.id]);
    for (const cache of caches) {
      for (let waited = 0; cache.holds(clerk.id) && waited < 5_000; waited += 20) await sleep(20);
      expect((await cache.get(clerk.id))?.full_name).toBe('Renamed in SQL');
    }

    await a.http.delete(`/api/v1/users/${clerk.id}`).set(admin.auth).expect(204);
    // The very next request, on either instance, is refused.
    await b.http.get('/api/v1/auth/me').set(clerk.auth).expect(401);
    await a.http.get('/api/v1/auth/me').set(clerk.auth).expect(401);
    for (const cache of caches) expect((await cache.get(clerk.id))?.status).toBe('disabled');
    // The admin is unaffected.
    await b.http.get('/api/v1/auth/me').set(admin.auth).expect(200);
  });
});
