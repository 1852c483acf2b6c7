import { JwtService } from '@nestjs/jwt';
import { createUser, login } from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

const SECRET = 'test-secret-that-is-long-enough-for-hs256-signing';

describe('access tokens carry exp and live at most 30 minutes', () => {
  let t: TestApp;
  const jwt = new JwtService({ secret: SECRET });
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const me = (token: string) =>
    t.http.get('/api/v1/auth/me').set('Authorization', `Bearer ${token}`);

  it('refuses a correctly signed token without exp', async () => {
    const user = await createUser(t, { role: 'admin' });
    const noExp = jwt.sign({ sub: user.id, role: 'admin', ver: 0 });
    expect(new JwtService().decode(noExp).exp).toBeUndefined();
    const res = await me(noExp).expect(401);
    expect(res.body.error).toBe('UNAUTHORIZED');
  });

  it('refuses a token issued more than 30 minutes ago whatever exp it claims', async () => {
    const user = await createUser(t, { role: 'admin' });
    const now = Math.floor(Date.now() / 1000);
    const farExp = jwt.sign({
      sub: user.id,
      role: 'admin',
      ver: 0,
      iat: now - 31 * 60,
      exp: now + 365 * 24 * 3600,
    });
    await me(farExp).expect(401);
    const noIat = jwt.sign(
      { sub: user.id, role: 'admin', ver: 0, exp: now + 600 },
      { noTimestamp: true },
    );
    await me(noIat).expect(401);
    // Within the 30 minutes, a far exp does not matter yet: what is checked is the age.
    const young = jwt.sign({
      sub: user.id,
      role: 'admin',
      ver: 0,
      iat: now - 29 * 60,
      exp: now + 365 * 24 * 3600,
    });
    await me(young).expect(200);
  });

  it('issues tokens the server accepts: exp 30 minutes after iat', async () => {
    const user = await createUser(t, { role: 'viewer' });
    const { token } = await login(t, user.email);
    const claims = new JwtService().decode(token);
    expect(claims.exp - claims.iat).toBe(1800);
    await me(token).expect(200);
  });
});

describe('the refresh cookie in production', () => {
  let t: TestApp;
  beforeAll(async () => {
    // PUBLIC_URL stays http (a TLS proxy in front): production alone must make the cookie Secure.
    t = await startTestApp({
      env: { NODE_ENV: 'production', PUBLIC_URL: 'http://stock.internal' },
    });
  });
  afterAll(() => t.close());

  it('is Secure, httpOnly and SameSite=Strict', async () => {
    const user = await createUser(t, { role: 'viewer' });
    const res = await t.http
      .post('/api/v1/auth/login')
      .send({ email: user.email, password: 'correct-horse-battery' })
      .expect(200);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) =>
      c.startsWith('sm_refresh='),
    )!;
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
  });
});
