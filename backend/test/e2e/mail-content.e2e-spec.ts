import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource } from 'typeorm';
import { BackgroundTasks } from '../../src/common/background-tasks';
import { transaction } from '../../src/database/transaction';
import { MailService } from '../../src/modules/mail/mail.service';
import { MailWorker } from '../../src/modules/mail/mail.worker';
import { createUser, createUserAndLogin } from '../setup/factories';
import { mailPart, startSmtpServer, TestSmtpServer } from '../setup/smtp';
import { startTestApp, TestApp } from '../setup/test-app';

/** The lines of a plain-text part, as a reader sees them. */
const linesOf = (text: string) => text.replace(/\n+$/, '').split('\n');

describe('mail as people read it, and what the outbox keeps (real SMTP server in-process)', () => {
  let smtp: TestSmtpServer;
  let t: TestApp;
  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({
      env: { SMTP_URL: smtp.url, PUBLIC_URL: 'https://stock.example' },
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  async function outboxRowFor(email: string) {
    await t.app.get(BackgroundTasks).settled();
    // The row is marked sent right after the SMTP server took the message.
    for (let i = 0; i < 200; i++) {
      const { rows } = await t.db.query(
        `SELECT subject, context, status FROM mail_outbox WHERE to_address = $1`,
        [email],
      );
      if (rows[0]?.status === 'sent') return rows[0];
      await sleep(25);
    }
    throw new Error(`the mail to ${email} was not marked sent`);
  }

  it('writes the reset-code mail in sentences, and keeps no code in the outbox once sent', async () => {
    const user = await createUser(t, { role: 'viewer', fullName: 'Vera Viewer' });
    await t.http.post('/api/v1/auth/password/forgot').send({ email: user.email }).expect(202);
    const mail = await smtp.waitFor(user.email, /\d{6}/);
    const text = mailPart(mail, 'text/plain');
    const code = /^ {4}(\d{6})$/m.exec(text)![1];
    expect(linesOf(text)).toEqual([
      'Hello Vera Viewer,',
      '',
      'Someone asked to reset the password of your StockMaster account. Your code is:',
      '',
      `    ${code}`,
      '',
      'It is valid for 10 minutes and can be used once. If you did not ask for it, ignore this message: your password stays as it is.',
      '',
      'StockMaster, https://stock.example',
    ]);
    expect(mailPart(mail, 'text/html')).toContain(code);
    expect(mail.subject).toBe('Your StockMaster password reset code');

    const row = await outboxRowFor(user.email);
    expect(row.subject).not.toContain(code);
    expect(row.context).toEqual({ fullName: 'Vera Viewer', validMinutes: 10 });
    expect(JSON.stringify(row)).not.toContain(code);
  });

  it('writes the invitation in sentences, and keeps no link in the outbox once sent', async () => {
    const admin = await createUserAndLogin(t, { role: 'admin', fullName: 'Ana Admin' });
    await t.http
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ email: 'ivy@example.com', fullName: 'Ivy Invitee', role: 'manager' })
      .expect(201);
    const mail = await smtp.waitFor('ivy@example.com', /\/invite\//);
    const text = mailPart(mail, 'text/plain');
    const token = /^https:\/\/stock\.example\/invite\/([A-Za-z0-9_-]+)$/m.exec(text)![1];
    expect(linesOf(text)).toEqual([
      'Hello Ivy Invitee,',
      '',
      'Ana Admin invited you to StockMaster as manager. Set your password here:',
      '',
      `https://stock.example/invite/${token}`,
      '',
      'The link works once and expires in 72 hours.',
      '',
      'StockMaster, https://stock.example',
    ]);
    expect(mail.subject).toBe('You are invited to StockMaster');

    const row = await outboxRowFor('ivy@example.com');
    expect(row.context).toEqual({
      fullName: 'Ivy Invitee',
      invitedBy: 'Ana Admin',
      role: 'manager',
      validHours: 72,
    });
    expect(JSON.stringify(row)).not.toContain(token);
    // The mailed link still works: only the stored copy is gone.
    await t.http.get(`/api/v1/auth/invitation/${token}`).expect(200);
  });

  it('writes a notice in sentences, one paragraph per line', async () => {
    await transaction(t.app.get(DataSource), (manager) =>
      t.app.get(MailService).enqueue(manager, {
        to: 'nora@example.com',
        subject: 'Stock alert',
        template: 'notice',
        context: {
          fullName: 'Nora Notified',
          paragraphs: ['Milk is below its minimum in MAIN.', 'Order 40 more before Friday.'],
          link: 'https://stock.example/stock',
          linkText: 'See the stock levels',
        },
      }),
    );
    const text = mailPart(await smtp.waitFor('nora@example.com'), 'text/plain');
    expect(linesOf(text)).toEqual([
      'Hello Nora Notified,',
      '',
      'Milk is below its minimum in MAIN.',
      '',
      'Order 40 more before Friday.',
      '',
      'See the stock levels: https://stock.example/stock',
      '',
      'StockMaster, https://stock.example',
    ]);
  });
});

describe('a reset code that can never be delivered', () => {
  it('is erased from the outbox when the message is given up', async () => {
    const probe = await startSmtpServer();
    const port = probe.port;
    await probe.close(); // nothing listens there: every attempt fails
    const t = await startTestApp({ env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    try {
      const user = await createUser(t, { role: 'viewer' });
      await t.http.post('/api/v1/auth/password/forgot').send({ email: user.email }).expect(202);
      await t.app.get(BackgroundTasks).settled();
      // Skip the hour of retries: the next failure is the last one.
      await t.db.query(`UPDATE mail_outbox SET attempts = 9, next_attempt_at = now()`);
      let row: { status: string; context: Record<string, unknown> } | undefined;
      for (let i = 0; i < 200 && row?.status !== 'failed'; i++) {
        await t.app.get(MailWorker).drain();
        row = (await t.db.query(`SELECT status, context FROM mail_outbox`)).rows[0];
        if (row?.status !== 'failed') await sleep(25);
      }
      expect(row).toEqual({
        status: 'failed',
        context: { fullName: 'Test viewer', validMinutes: 10 },
      });
    } finally {
      await t.close();
    }
  });
});
