import { addDays, DigestRunResult } from '@stockmaster/contracts';
import { AlertDigestScheduler } from '../../src/modules/alerts/alert-digest.scheduler';
import {
  createProduct,
  createUser,
  createUserAndLogin,
  createWarehouse,
  login,
} from '../setup/factories';
import { mailPart, startSmtpServer, TestSmtpServer } from '../setup/smtp';
import { startTestApp, TestApp } from '../setup/test-app';

type Auth = { Authorization: string };
type Warehouse = { id: string; code: string; rootLocationId: string };

/**
 * MAIN holds an expired batch (also in SIDE), one in its warning window, flour under its
 * minimum, a draft two days old and one just made. SIDE's agent has turned the digest on; the
 * agent of the empty warehouse too, and has nothing to be told.
 */
describe('daily alert digest', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  let admin: { id: string; email: string; auth: Auth };
  let manager: { id: string; email: string };
  let agent: { id: string; email: string; auth: Auth };
  let idle: { id: string; email: string };
  let viewer: Auth;
  let main: Warehouse;
  let side: Warehouse;
  let today: string;
  let staleDraft: { id: string; reference: string };

  const quick = (warehouse: Warehouse, body: object) =>
    t.http
      .post('/api/v1/stock-moves')
      .set(admin.auth)
      .send({ warehouseId: warehouse.id, ...body })
      .expect(201);
  const digestMails = async () =>
    Number(
      (await t.db.query(`SELECT count(*) FROM mail_outbox WHERE template = 'alert-digest'`)).rows[0]
        .count,
    );

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://stock.example' } });
    main = await createWarehouse(t, 'MAIN');
    side = await createWarehouse(t, 'SIDE');
    const empty = await createWarehouse(t, 'EMPTY');
    admin = await createUserAndLogin(t, { role: 'admin', email: 'ada@example.com' });
    manager = await createUser(t, { role: 'manager', email: 'max@example.com' });
    agent = await createUserAndLogin(t, {
      role: 'agent',
      email: 'sid@example.com',
      warehouseIds: [side.id],
    });
    idle = await createUser(t, {
      role: 'agent',
      email: 'ida@example.com',
      warehouseIds: [empty.id],
    });
    await t.db.query(`UPDATE users SET alert_digest = 'daily' WHERE id = $1`, [idle.id]);
    await createUser(t, { role: 'agent', email: 'otto@example.com', warehouseIds: [side.id] });
    viewer = (await createUserAndLogin(t, { role: 'viewer', email: 'vic@example.com' })).auth;
    today = (await t.db.query(`SELECT (now() AT TIME ZONE 'UTC')::date::text AS d`)).rows[0].d;

    const milk = await createProduct(t, { sku: 'MILK', unit: 'l', tracking: 'batch' });
    await t.db.query(`UPDATE products SET name = 'Milk', expiry_warning_days = 3 WHERE id = $1`, [
      milk.id,
    ]);
    const flour = await createProduct(t, { sku: 'FLOUR', unit: 'kg' });
    await t.db.query(`UPDATE products SET name = 'Flour' WHERE id = $1`, [flour.id]);
    const receive = (w: Warehouse, code: string, days: number, quantity: string) =>
      quick(w, {
        type: 'receipt',
        productId: milk.id,
        quantity,
        batch: { code, expiresAt: addDays(today, days) },
        acceptExpired: days <= 0,
      });
    await receive(main, 'OLD', -1, '5');
    await receive(side, 'OLD', -1, '2');
    await receive(main, 'SOON', 1, '7');
    await receive(main, 'FRESH', 30, '9');
    await quick(main, { type: 'receipt', productId: flour.id, quantity: '4' });
    await t.http
      .post('/api/v1/reorder-rules')
      .set(admin.auth)
      .send({ productId: flour.id, warehouseId: main.id, minQuantity: '10', maxQuantity: '50' })
      .expect(201);
    const draft = () =>
      t.http
        .post('/api/v1/operations')
        .set(admin.auth)
        .send({
          type: 'receipt',
          warehouseId: main.id,
          lines: [{ productId: flour.id, quantity: '1' }],
        })
        .expect(201);
    staleDraft = (await draft()).body;
    await t.db.query(`UPDATE operations SET created_at = now() - interval '2 days' WHERE id = $1`, [
      staleDraft.id,
    ]);
    await draft();
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  describe('the profile preference', () => {
    it('defaults by role, changes with PATCH /auth/me, and refuses anything but daily or off', async () => {
      const me = (auth: Auth) => t.http.get('/api/v1/auth/me').set(auth).expect(200);
      expect((await me(admin.auth)).body.alertDigest).toBe('daily');
      expect((await me(viewer)).body.alertDigest).toBe('off');
      expect((await me(agent.auth)).body.alertDigest).toBe('off');

      const changed = await t.http
        .patch('/api/v1/auth/me')
        .set(agent.auth)
        .send({ alertDigest: 'daily' })
        .expect(200);
      expect(changed.body).toEqual(expect.objectContaining({ alertDigest: 'daily' }));
      expect((await me(agent.auth)).body.alertDigest).toBe('daily');

      for (const bad of ['weekly', null, 1]) {
        const res = await t.http
          .patch('/api/v1/auth/me')
          .set(agent.auth)
          .send({ alertDigest: bad })
          .expect(400);
        expect(JSON.stringify(res.body.details)).toContain('alertDigest');
      }
    });

    it('shows each user’s digest in the users list', async () => {
      const res = await t.http.get('/api/v1/users?limit=100').set(admin.auth).expect(200);
      const byEmail = Object.fromEntries(
        res.body.data.map((u: { email: string; alertDigest: string }) => [u.email, u.alertDigest]),
      );
      expect(byEmail).toEqual({
        'ada@example.com': 'daily',
        'max@example.com': 'daily',
        'sid@example.com': 'daily',
        'ida@example.com': 'daily',
        'otto@example.com': 'off',
        'vic@example.com': 'off',
      });
    });
  });

  it('lets only admins run it', async () => {
    const managerAuth = (await login(t, manager.email)).token;
    for (const auth of [viewer, agent.auth, { Authorization: `Bearer ${managerAuth}` }]) {
      await t.http.post('/api/v1/alerts/digest?dryRun=true').set(auth).expect(403);
    }
    await t.http.post('/api/v1/alerts/digest?dryRun=maybe').set(admin.auth).expect(400);
  });

  it('says in a dry run who would receive what, each only about their warehouses, and queues nothing', async () => {
    const before = await digestMails();
    const res = await t.http.post('/api/v1/alerts/digest?dryRun=true').set(admin.auth).expect(200);
    const result: DigestRunResult = res.body;
    expect(result).toEqual(expect.objectContaining({ dryRun: true, date: today, skipped: 1 }));
    expect(result.recipients.map((r) => r.email)).toEqual([
      'ada@example.com',
      'max@example.com',
      'sid@example.com',
    ]);
    const [ada, max, sid] = result.recipients;
    expect(max.facts).toEqual(ada.facts);
    expect(ada.facts.expiredBatches.map((b) => [b.batch.code, b.warehouse.code, b.onHand])).toEqual(
      [
        ['OLD', 'MAIN', '5'],
        ['OLD', 'SIDE', '2'],
      ],
    );
    expect(ada.facts.expiringBatches.map((b) => [b.batch.code, b.daysToExpiry])).toEqual([
      ['SOON', 1],
    ]);
    expect(ada.facts.belowMinimum.map((r) => [r.product.sku, r.onHand, r.minQuantity])).toEqual([
      ['FLOUR', '4', '10'],
    ]);
    expect(ada.facts.staleDrafts.map((d) => d.reference)).toEqual([staleDraft.reference]);
    expect(sid).toEqual({
      userId: agent.id,
      email: 'sid@example.com',
      fullName: 'Test agent',
      facts: {
        expiredBatches: [
          expect.objectContaining({
            batch: expect.objectContaining({ code: 'OLD' }),
            warehouse: expect.objectContaining({ code: 'SIDE' }),
            onHand: '2',
            daysToExpiry: -1,
          }),
        ],
        expiringBatches: [],
        belowMinimum: [],
        staleDrafts: [],
      },
    });
    expect(await digestMails()).toBe(before);
  });

  it('mails each recipient with HTML and text parts, the text in sentences, and nobody with nothing to say', async () => {
    const res = await t.http.post('/api/v1/alerts/digest').set(admin.auth).expect(200);
    expect(res.body.dryRun).toBe(false);
    expect(res.body.recipients).toHaveLength(3);
    const { rows } = await t.db.query(
      `SELECT to_address FROM mail_outbox WHERE template = 'alert-digest' ORDER BY to_address`,
    );
    expect(rows.map((r) => r.to_address)).toEqual([
      'ada@example.com',
      'max@example.com',
      'sid@example.com',
    ]);

    const ada = await smtp.waitFor('ada@example.com', /digest/i);
    expect(ada.subject).toBe(`StockMaster digest for ${today}: 4 things need attention`);
    const text = mailPart(ada, 'text/plain');
    expect(text).toContain(
      '1 batch has expired and still has stock: Milk (MILK) batch OLD in Warehouse MAIN: 5 l, ' +
        `expired on ${addDays(today, -1)}; Milk (MILK) batch OLD in Warehouse SIDE: 2 l, expired on ${addDays(today, -1)}.`,
    );
    expect(text).toContain(
      `1 batch enters its expiry warning window: Milk (MILK) batch SOON in Warehouse MAIN: 7 l, expires on ${addDays(today, 1)} (in 1 day).`,
    );
    expect(text).toContain(
      '1 product is below its reorder minimum: Flour (FLOUR) in Warehouse MAIN: 4 kg on hand, minimum 10.',
    );
    expect(text).toContain(
      `1 draft operation has waited more than a day: ${staleDraft.reference}, a receipt in Warehouse MAIN created on`,
    );
    expect(text).toContain('Open the dashboard: https://stock.example/');
    const html = mailPart(ada, 'text/html');
    expect(html).toContain('<li>Flour (FLOUR) in Warehouse MAIN: 4 kg on hand, minimum 10</li>');

    const sid = mailPart(await smtp.waitFor('sid@example.com', /digest/i), 'text/plain');
    expect(sid).toContain('1 batch has expired and still has stock');
    expect(sid).not.toContain('MAIN');
    expect(sid).not.toContain('Flour');
    expect(smtp.messages.some((m) => m.to.includes('ida@example.com'))).toBe(false);
  });

  // Last: more apps in this process take over Passport's strategy, so no HTTP after this.
  it('sends the scheduled digest once a day across instances, at start when the time has passed, never again after a restart', async () => {
    const instance = (env: Record<string, string>) =>
      startTestApp({ database: t.database, env: { SMTP_URL: smtp.url, ...env } });
    const runs = async () =>
      (
        await t.db.query(
          `SELECT to_char(date, 'YYYY-MM-DD') AS date, recipients, skipped, finished_at FROM alert_digest_runs`,
        )
      ).rows;

    // Not yet time: a zone where it is around noon, with the digest due at 18:00.
    const utcHour = Number(
      (await t.db.query(`SELECT extract(hour FROM now() AT TIME ZONE 'UTC')::int AS h`)).rows[0].h,
    );
    const offset = 12 - utcHour; // hours east of UTC; Etc/GMT names count the other way
    const noonZone = offset === 0 ? 'UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
    const early = await instance({ ALERT_DIGEST_AT: '18:00', TZ: noonZone });
    try {
      expect(await early.app.get(AlertDigestScheduler).tick()).toBeNull();
      expect(await runs()).toEqual([]);
    } finally {
      await early.close();
    }

    // Two instances started after the time, the day's digest not sent yet: one of them sends it.
    const before = await digestMails();
    const [a, b] = [
      await instance({ ALERT_DIGEST_AT: '00:00' }),
      await instance({ ALERT_DIGEST_AT: '00:00' }),
    ];
    const schedulers = [a, b].map((app) => app.app.get(AlertDigestScheduler));
    await Promise.all(schedulers.map((s) => s.tick()));
    expect(await runs()).toEqual([
      { date: today, recipients: 3, skipped: 1, finished_at: expect.any(Date) },
    ]);
    expect(await digestMails()).toBe(before + 3);

    // Both race again on the same day: neither sends.
    expect(await Promise.all(schedulers.map((s) => s.tick()))).toEqual([null, null]);

    // As if the day had not been sent: both claim at the same instant, exactly one wins.
    await t.db.query(`DELETE FROM alert_digest_runs`);
    const claims = await Promise.all(schedulers.map((s) => s.tick()));
    expect(claims.filter((claim) => claim === today)).toHaveLength(1);
    expect(claims.filter((claim) => claim === null)).toHaveLength(1);
    expect(await digestMails()).toBe(before + 6);
    await Promise.all([a.close(), b.close()]);

    // A restart the same day sends nothing either.
    const restarted = await instance({ ALERT_DIGEST_AT: '00:00' });
    try {
      expect(await restarted.app.get(AlertDigestScheduler).tick()).toBeNull();
    } finally {
      await restarted.close();
    }
    expect(await digestMails()).toBe(before + 6);
    expect(await runs()).toHaveLength(1);
  });
});
