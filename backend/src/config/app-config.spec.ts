import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadAppConfig } from './app-config';

describe('loadAppConfig', () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'sm-config-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const load = (env: Record<string, string>) => loadAppConfig({ DATA_DIR: dataDir, ...env });

  function expectRejected(env: Record<string, string>, variable: string): void {
    let caught: unknown;
    try {
      load(env);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).variable).toBe(variable);
    expect((caught as ConfigError).message).toContain(variable);
  }

  it('uses the documented defaults on a bare machine', () => {
    const config = load({});
    expect(config).toEqual(
      expect.objectContaining({
        port: 3000,
        databaseUrl: undefined,
        publicUrl: 'http://localhost:3000',
        smtpUrl: undefined,
        mailFrom: 'StockMaster <no-reply@localhost>',
        corsOrigins: [],
        logLevel: 'info',
        production: false,
      }),
    );
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '0' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ PUBLIC_URL: 'ftp://example.com' }, 'PUBLIC_URL'],
    [{ SMTP_URL: 'http://mail' }, 'SMTP_URL'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ CORS_ORIGINS: 'https://ok.example, nonsense' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://ok.example/path' }, 'CORS_ORIGINS'],
    [{ MAIL_FROM: 'nobody' }, 'MAIL_FROM'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ NODE_ENV: 'production' }, 'JWT_SECRET'],
  ])('stops on %j naming %s', (env, variable) => expectRejected(env, variable));

  it('derives PUBLIC_URL from PORT and trims a trailing slash from a given one', () => {
    expect(load({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
    expect(load({ PUBLIC_URL: 'https://stock.example/' }).publicUrl).toBe('https://stock.example');
  });

  it('parses CORS_ORIGINS into bare origins', () => {
    expect(load({ CORS_ORIGINS: 'https://a.example, http://localhost:4200' }).corsOrigins).toEqual([
      'https://a.example',
      'http://localhost:4200',
    ]);
  });

  it('generates a JWT secret once outside production, keeps it private, and reuses it', () => {
    const first = load({}).jwtSecret;
    expect(first.length).toBeGreaterThanOrEqual(32);
    const file = join(dataDir, 'jwt-secret');
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(load({}).jwtSecret).toBe(first);
  });

  it('prefers a given JWT_SECRET and accepts production with one', () => {
    const secret = 'x'.repeat(40);
    expect(load({ NODE_ENV: 'production', JWT_SECRET: secret })).toEqual(
      expect.objectContaining({ production: true, jwtSecret: secret }),
    );
  });

  it('reads ALERT_DIGEST_AT as HH:MM, 07:00 by default, or off', () => {
    expect(load({}).alertDigestAt).toBe('07:00');
    expect(load({ ALERT_DIGEST_AT: '6:30' }).alertDigestAt).toBe('06:30');
    expect(load({ ALERT_DIGEST_AT: 'off' }).alertDigestAt).toBeNull();
    for (const bad of ['7', '24:00', '07:60', 'seven', '07:00:00'])
      expectRejected({ ALERT_DIGEST_AT: bad }, 'ALERT_DIGEST_AT');
  });
});
