import { createUserAndLogin } from '../setup/factories';
import { ProbeModule } from '../setup/probe.module';
import { startTestApp, TestApp } from '../setup/test-app';

describe('deny by default', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ extraModules: [ProbeModule] });
  });
  afterAll(() => t.close());

  it('refuses a route that declares no permission: 401 without a token, 403 even for an admin', async () => {
    await t.http.get('/api/v1/probe/undeclared').expect(401);
    const admin = await createUserAndLogin(t, { role: 'admin' });
    const res = await t.http.get('/api/v1/probe/undeclared').set(admin.auth).expect(403);
    expect(res.body.error).toBe('FORBIDDEN');
    expect(res.text).not.toContain('should never be served');
  });
});

describe('Swagger documents the secured API', () => {
  let t: TestApp;
  beforeAll(async () => {
    // The document production serves: compiled with the Swagger plugin (built first if stale).
    t = await startTestApp({ built: true });
  }, 300_000);
  afterAll(() => t.close());

  const PUBLIC = new Set([
    'GET /api/v1/health',
    'GET /api/v1/auth/setup',
    'POST /api/v1/auth/setup',
    'POST /api/v1/auth/login',
    'POST /api/v1/auth/refresh',
    'POST /api/v1/auth/logout',
    'POST /api/v1/auth/password/forgot',
    'POST /api/v1/auth/password/reset',
    'GET /api/v1/auth/invitation/{token}',
    'POST /api/v1/auth/invitation/accept',
    'GET /api/v1/public/batches/{token}',
  ]);

  it('marks every non-public route with the bearer scheme and documents its error responses', async () => {
    const doc = (await t.http.get('/docs-json').expect(200)).body;
    const operations = Object.entries(
      doc.paths as Record<
        string,
        Record<
          string,
          { security?: unknown[]; responses: Record<string, unknown>; tags?: string[] }
        >
      >,
    ).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({
        key: `${method.toUpperCase()} ${path}`,
        op,
      })),
    );
    expect(operations.length).toBeGreaterThan(15);
    for (const { key, op } of operations) {
      expect({ key, tagged: (op.tags ?? []).length > 0 }).toEqual({ key, tagged: true });
      if (PUBLIC.has(key)) continue;
      expect({ key, security: op.security }).toEqual({ key, security: [{ bearer: [] }] });
      expect({ key, has401: '401' in op.responses }).toEqual({ key, has401: true });
    }
    const login = doc.paths['/api/v1/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.$ref).toMatch(/LoginDto$/);
    expect(login.responses['200'].content['application/json'].schema.$ref).toMatch(
      /LoginResponseDto$/,
    );
    expect(login.responses['401'].content['application/json'].schema.$ref).toMatch(
      /ErrorEnvelopeDto$/,
    );
  });
});
