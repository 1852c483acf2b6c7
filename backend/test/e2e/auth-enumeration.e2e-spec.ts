import type { Response } from 'supertest';
import { BackgroundTasks } from '../../src/common/background-tasks';
import { createUser, login, PASSWORD } from '../setup/factories';
import { mailPart, startSmtpServer, TestSmtpServer } from '../setup/smtp';
import { startTestApp, TestApp } from '../setup/test-app';

/** What a client can compare between two answers: status, headers that matter, body. */
function answer(res: Response) {
  const retryAfter = res.headers['retry-after'];
  return {
    status: res.status,
    body: { ...res.body, requestId: undefined },
    // Seconds left of a 15-minute lock, to the minute: the same for both when set together.
    retryAfterMinutes: retryAfter ? Math.ceil(Number(retryAfter) / 60) : undefined,
  };
}

describe('no account enumeration: known and unknown addresses get the same answers', () => {
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

  /** Waits for work a request started after answering (the reset code is issued that way). */
  const settled = () => t.app.get(BackgroundTasks).settled();
  const forgot = (email: string) => t.http.post('/api/v1/auth/password/forgot').send({ email });
  const reset = (email: string, code: string) =>
    t.http
      .post('/api/v1/auth/password/reset')
      .send({ email, code, newPassword: 'a-long-new-password' });
  const signIn = (email: string, password: string) =>
    t.http.post('/api/v1/auth/login').send({ email, password });

  it('answers forgot alike, and mails only the account', async () => {
    const user = await createUser(t, { role: 'viewer' });
    const known = await forgot(user.email);
    const unknown = await forgot('stranger-1@example.com');
    expect(answer(known)).toEqual(answer(unknown));
    expect(known.status).toBe(202);
    await settled();
    const mail = await smtp.waitFor(user.email, /\d{6}/);
    expect(mailPart(mail, 'text/plain')).toMatch(/^ {4}\d{6}$/m);
    expect(smtp.messages.some((m) => m.to.includes('stranger-1@example.com'))).toBe(false);
  });

  it('answers a reset alike when no code was asked for', async () => {
    const user = await createUser(t, { role: 'viewer' });
    const known = await reset(user.email, '123456');
    const unknown = await reset('stranger-2@example.com', '123456');
    expect(known.body.error).toBe('INVALID_RESET_CODE');
    expect(answer(known)).toEqual(answer(unknown));
  });

  it('burns a code after 5 wrong tries for an unknown address too (429 RESET_CODE_BURNED)', async () => {
    const user = await createUser(t, { role: 'viewer' });
    const stranger = 'stranger-3@example.com';
    await forgot(user.email).expect(202);
    await forgot(stranger).expect(202);
    await settled();
    const code = /^ {4}(\d{6})$/m.exec(
      mailPart(await smtp.waitFor(user.email, /\d{6}/), 'text/plain'),
    )![1];
    const wrong = code === '000000' ? '111111' : '000000';

    for (let i = 0; i < 6; i++) {
      const known = await reset(user.email, wrong);
      const unknown = await reset(stranger, wrong);
      expect(answer(known)).toEqual(answer(unknown));
      expect(known.body.error).toBe(i < 5 ? 'INVALID_RESET_CODE' : 'RESET_CODE_BURNED');
    }
    // A new code opens both again.
    await forgot(user.email).expect(202);
    await forgot(stranger).expect(202);
    await settled();
    expect(answer(await reset(user.email, wrong))).toEqual(answer(await reset(stranger, wrong)));
  });

  it('treats an invited or disabled account like no account', async () => {
    const invited = await createUser(t, { role: 'viewer', status: 'invited' });
    const disabled = await createUser(t, { role: 'viewer', status: 'disabled' });
    const stranger = await forgot('stranger-4@example.com');
    for (const email of [invited.email, disabled.email]) {
      expect(answer(await forgot(email))).toEqual(answer(stranger));
    }
    await settled();
    expect(smtp.messages.some((m) => m.to.includes(invited.email))).toBe(false);
    expect(smtp.messages.some((m) => m.to.includes(disabled.email))).toBe(false);
  });

  it('locks an unknown address after 5 wrong passwords exactly like a known one (429 ACCOUNT_LOCKED)', async () => {
    const user = await createUser(t, { role: 'viewer' });
    const stranger = 'stranger-5@example.com';
    for (let i = 0; i < 6; i++) {
      const known = await signIn(user.email, `wrong-${i}`);
      const unknown = await signIn(stranger, `wrong-${i}`);
      expect(answer(known)).toEqual(answer(unknown));
      expect(known.body.error).toBe(i < 4 ? 'INVALID_CREDENTIALS' : 'ACCOUNT_LOCKED');
    }
    // The right password does not get through a lock either.
    const locked = await signIn(user.email, PASSWORD);
    expect(answer(locked)).toEqual(answer(await signIn(stranger, PASSWORD)));
    expect(locked.body.error).toBe('ACCOUNT_LOCKED');
  });

  it('lifts a lock-out when the owner resets the password by mail', async () => {
    const user = await createUser(t, { role: 'viewer' });
    for (let i = 0; i < 5; i++) await signIn(user.email, `wrong-${i}`);
    await signIn(user.email, PASSWORD).expect(429);
    await forgot(user.email).expect(202);
    await settled();
    const code = /^ {4}(\d{6})$/m.exec(
      mailPart(await smtp.waitFor(user.email, /\d{6}/), 'text/plain'),
    )![1];
    await reset(user.email, code).expect(204);
    await login(t, user.email, 'a-long-new-password');
  });
});
