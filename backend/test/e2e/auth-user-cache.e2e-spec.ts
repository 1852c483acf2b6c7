import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { USER_CACHE_APPLICATION, UserCache } from '../../src/modules/auth/user-cache';
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

  it('answers a revocation only once every listening instance has dropped the user', async () => {
    const admin = await createUserAndLogin(a, { role: 'admin' });
    const clerk = await createUserAndLogin(a, { role: 'manager' });
    // A third, slow instance: it confirms a sync marker 300 ms late, and records what it saw.
    const slow = new Client({
      connectionString: a.database.url,
      application_name: USER_CACHE_APPLICATION,
    });
    await slow.connect();
    const { rows } = await slow.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const seen: string[] = [];
    let confirmedAt = 0;
    slow.on('notification', (message) => {
      seen.push(`${message.channel}:${message.payload}`);
      if (message.channel !== 'user_sync') return;
      setTimeout(() => {
        confirmedAt = Date.now();
        void slow.query(`SELECT pg_notify('user_synced', $1)`, [
          `${message.payload}:${rows[0].pid}`,
        ]);
      }, 300);
    });
    await slow.query('LISTEN user_changed; LISTEN user_sync');
    try {
      await a.http.delete(`/api/v1/users/${clerk.id}`).set(admin.auth).expect(204);
      const answeredAt = Date.now();
      expect(confirmedAt).toBeGreaterThan(0);
      expect(answeredAt).toBeGreaterThanOrEqual(confirmedAt);
      // The change reached the slow instance before the marker it confirmed.
      const change = seen.indexOf(`user_changed:${clerk.id}`);
      const marker = seen.findIndex((entry) => entry.startsWith('user_sync:'));
      expect(change).toBeGreaterThanOrEqual(0);
      expect(marker).toBeGreaterThan(change);
      await b.http.get('/api/v1/auth/me').set(clerk.auth).expect(401);
    } finally {
      await slow.end();
    }
  });
});
