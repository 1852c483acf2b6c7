import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { BackgroundTasks } from '../../src/common/background-tasks';
import { createUser, login, PASSWORD } from '../setup/factories';
import { mailPart, startSmtpServer, TestSmtpServer } from '../setup/smtp';
import { startTestApp, TestApp } from '../setup/test-app';

const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)![1];

describe('password reset by mailed code (real SMTP server in-process)', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({ env: { SMTP_URL: smtp.url } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  async function requestCode(email: string): Promise<string> {
    const before = smtp.messages.length;
    await t.http.post('/api/v1/auth/password/forgot').send({ email }).expect(202);
    const deadline = Date.now() + 10_000;
    while (!smtp.messages.slice(before).some((mail) => mail.to.includes(email.toLowerCase()))) {
      if (Date.now() > deadline) throw new Error('no reset mail');
      await sleep(25);
    }
    const mail = smtp.messages.slice(before).find((m) => m.to.includes(email.toLowerCase()))!;
    return codeIn(mailPart(mail, 'text/plain'));
  }

  it('answers 202 for an unknown email and queues nothing', async () => {
    const resets = async () =>
      Number(
        (await t.db.query(`SELECT count(*) FROM password_resets WHERE user_id IS NULL`)).rows[0]
          .count,
      );
    const before = await resets();
    await t.http
      .post('/api/v1/auth/password/forgot')
      .send({ email: 'ghost@example.com' })
      .expect(202);
    // The lookup runs after the answer: once it has finished, its transaction (the one that
    // would have queued the mail) has committed a code for nobody, and no message.
    await t.app.get(BackgroundTasks).settled();
    expect(await resets()).toBe(before + 1);
    const { rows } = await t.db.query(
      `SELECT to_address FROM mail_outbox WHERE lower(to_address) = 'ghost@example.com'`,
    );
    expect(rows).toEqual([]);
  });

  it('mails a 6-digit code (HTML and text) that resets the password once and ends every session', async () => {
    const user = await createUser(t, { role: 'manager' });
    const session = await login(t, user.email);
    const code = await requestCode(user.email);
    const mail = smtp.messages.find((m) => m.to.includes(user.email))!;
    expect(mail.text).toContain('Content-Type: text/plain');
    expect(mail.text).toContain('Content-Type: text/html');
    expect(mail.text).toContain(code);
    const { rows } = await t.db.query(`SELECT code_hash FROM password_resets WHERE user_id = $1`, [
      user.id,
    ]);
    expect(rows[0].code_hash).not.toContain(code); // stored hashed only

    await t.http
      .post('/api/v1/auth/password/reset')
      .send({ email: user.email, code, newPassword: 'my-new-long-password' })
      .expect(204);
    await t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${session.token}`).expect(401);
    await t.http.post('/api/v1/auth/refresh').set('Cookie', session.cookie).expect(401);
    await login(t, user.email, 'my-new-long-password');
    const again = await t.http
      .post('/api/v1/auth/password/reset')
      .send({ email: user.email, code, newPassword: 'yet-another-password' })
      .expect(400);
    expect(again.body.error).toBe('INVALID_RESET_CODE');
  });

  it('refuses a weak new password without spending the code', async () => {
    const user = await createUser(t, { role: 'viewer' });
    const code = await requestCode(user.email);
    const weak = await t.http
      .post('/api/v1/auth/password/reset')
      .send({ email: user.email, code, newPassword: 'short' })
      .expect(400);
    expect(weak.body.details).toEqual([expect.objectContaining({ field: 'newPassword' })]);
    await t.http
      .post('/api/v1/auth/password/reset')
      .send({ email: user.email, code, newPassword: 'a-strong-password' })
      .expect(204);
  });

  it('burns the code after 5 wrong tries: 429 even for the right code, until a new one is asked for', async () => {
    const user = await createUser(t, { role: 'viewer' });
    const code = await requestCode(user.email);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const res = await t.http
        .post('/api/v1/auth/password/reset')
        .send({ email: user.email, code: wrong, newPassword: 'a-strong-password' })
        .expect(400);
      expect(res.body.error).toBe('INVALID_RESET_CODE');
    }
    const burned = await t.http
      .post('/api/v1/auth/password/reset')
      .send({ email: user.email, code, newPassword: 'a-strong-password' })
      .expect(429);
    expect(burned.body.error).toBe('RESET_CODE_BURNED');

    const fresh = await requestCode(user.email);
    await t.http
      .post('/api/v1/auth/password/reset')
      .send({ email: user.email, code: fresh, newPassword: 'a-strong-password' })
      .expect(204);
  });

  it('counts concurrent wrong tries exactly (no lost update on the try counter)', async () => {
    const user = await createUser(t, { role: 'viewer' });
    const code = await requestCode(user.email);
    const wrong = code === '000000' ? '111111' : '000000';
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.http
          .post('/api/v1/auth/password/reset')
          .send({ email: user.email, code: wrong, newPassword: 'a-strong-password' }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([400, 400, 400, 400, 400, 429, 429, 429]);
  });

  it('refuses an expired code and a code for another account', async () => {
    const user = await createUser(t, { role: 'viewer' });
    const other = await createUser(t, { role: 'viewer' });
    const code = await requestCode(user.email);
    await t.http
      .post('/api/v1/auth/password/reset')
      .send({ email: other.email, code, newPassword: 'a-strong-password' })
      .expect(400);
    await t.db.query(
      `UPDATE password_resets SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [user.id],
    );
    const expired = await t.http
      .post('/api/v1/auth/password/reset')
      .send({ email: user.email, code, newPassword: 'a-strong-password' })
      .expect(400);
    expect(expired.body.error).toBe('INVALID_RESET_CODE');
    await login(t, user.email, PASSWORD);
  });

  it('replaces an earlier code when a new one is requested', async () => {
    const user = await createUser(t, { role: 'viewer' });
    const first = await requestCode(user.email);
    const second = await requestCode(user.email);
    if (first !== second) {
      await t.http
        .post('/api/v1/auth/password/reset')
        .send({ email: user.email, code: first, newPassword: 'a-strong-password' })
        .expect(400);
    }
    await t.http
      .post('/api/v1/auth/password/reset')
      .send({ email: user.email, code: second, newPassword: 'a-strong-password' })
      .expect(204);
  });
});

describe('mail delivery survives an SMTP outage', () => {
  it('answers the request at once, keeps the message queued with its error, and delivers it when SMTP is back', async () => {
    const probe = await startSmtpServer();
    const port = probe.port;
    await probe.close(); // the port is now closed: SMTP is "down"
    const t = await startTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    let smtp: TestSmtpServer | undefined;
    try {
      const user = await createUser(t, { role: 'viewer' });
      // How fast the answer comes while SMTP is down is measured by `npm run bench:auth`.
      await t.http.post('/api/v1/auth/password/forgot').send({ email: user.email }).expect(202);

      let row: { status: string; attempts: number; last_error: string | null } | undefined;
      for (let i = 0; i < 100 && !(row && row.attempts >= 1 && row.status === 'pending'); i++) {
        await sleep(50);
        row = (await t.db.query(`SELECT status, attempts, last_error FROM mail_outbox`)).rows[0];
      }
      expect(row).toEqual(
        expect.objectContaining({
          status: 'pending',
          last_error: expect.stringMatching(/ECONNREFUSED|connect/i),
        }),
      );

      smtp = await startSmtpServer(port);
      const mail = await smtp.waitFor(user.email, /\d{6}/, 15_000);
      expect(mail.subject).toBe('Your StockMaster password reset code');
      expect(mailPart(mail, 'text/plain')).toMatch(/^ {4}\d{6}$/m);
      let status = '';
      for (let i = 0; i < 100 && status !== 'sent'; i++) {
        status = (await t.db.query(`SELECT status FROM mail_outbox`)).rows[0].status;
        if (status !== 'sent') await sleep(50);
      }
      expect(status).toBe('sent');
    } finally {
      await t.close();
      await smtp?.close();
    }
  });
});

describe('mail without SMTP (local default)', () => {
  it('writes each message as an .eml file under DATA_DIR/mail so a local user can read the code', async () => {
    const t = await startTestApp();
    try {
      const user = await createUser(t, { role: 'viewer' });
      await t.http.post('/api/v1/auth/password/forgot').send({ email: user.email }).expect(202);
      const dir = join(t.config.dataDir, 'mail');
      let files: string[] = [];
      for (let i = 0; i < 100 && files.length === 0; i++) {
        await sleep(50);
        try {
          files = readdirSync(dir).filter((file) => file.endsWith('.eml'));
        } catch {
          // not created yet
        }
      }
      expect(files).toHaveLength(1);
      const eml = readFileSync(join(dir, files[0]), 'utf8');
      expect(eml).toMatch(new RegExp(`To: ${user.email}`, 'i'));
      expect(eml).toMatch(/^Subject: Your StockMaster password reset code$/m);
      expect(eml).toMatch(/^ {4}\d{6}$/m);
    } finally {
      await t.close();
    }
  });
});
