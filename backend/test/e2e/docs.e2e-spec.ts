import { startTestApp, TestApp } from '../setup/test-app';

describe('API documentation', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('serves an OpenAPI 3 document with the bearer scheme, tags and the error envelope', async () => {
    const res = await t.http.get('/docs-json').expect(200);
    const doc = res.body;
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('StockMaster API');
    expect(doc.info.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(doc.components.securitySchemes.bearer).toEqual(
      expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    );
    expect(doc.components.schemas.ErrorEnvelopeDto.required).toEqual(
      expect.arrayContaining(['statusCode', 'error', 'message', 'requestId']),
    );
    expect(doc.tags.map((tag: { name: string }) => tag.name)).toContain('health');
    expect(doc.paths['/api/v1/health'].get.responses).toHaveProperty('503');
  });

  it('names each route by what it does and says who may call it', async () => {
    const { body: doc } = await t.http.get('/docs-json').expect(200);
    const health = doc.paths['/api/v1/health'].get;
    expect(health.operationId).toBe('getHealth');
    expect(health['x-access']).toBe('public');
    expect(health.security ?? []).toEqual([]);
    expect(health.responses['200'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/HealthStatusDto',
    });
  });

  it('serves Swagger UI at /docs', async () => {
    const res = await t.http.get('/docs').redirects(1).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('swagger-ui');
  });
});
