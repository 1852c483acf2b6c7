import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestApp, TestApp } from '../setup/test-app';

const ROOT = join(__dirname, '../../..');
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Operation {
  operationId?: string;
  summary?: string;
  'x-access'?: string;
  security?: Record<string, string[]>[];
  responses: Record<string, { content?: Record<string, { schema?: Record<string, unknown> }> }>;
}

function operations(doc: {
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
}): { method: string; path: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item[method] ? [{ method, path, op: item[method] }] : [])),
  );
}

describe('API documentation', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Builds the API first when its sources changed (a minute, under load).
    t = await startTestApp({ built: true });
  }, 300_000);
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

  it('gives every operation a unique meaningful operationId, a summary, its access and one success', async () => {
    const { body: doc } = await t.http.get('/docs-json').expect(200);
    const all = operations(doc);
    expect(all.length).toBeGreaterThanOrEqual(68);
    const ids = all.map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(all.length);
    for (const { method, path, op } of all) {
      const where = `${method.toUpperCase()} ${path}`;
      expect({ where, id: op.operationId }).toEqual({
        where,
        id: expect.stringMatching(/^[a-z][a-zA-Z]+$/),
      });
      expect({ where, summary: op.summary }).toEqual({ where, summary: expect.any(String) });
      expect({ where, access: op['x-access'] }).toEqual({ where, access: expect.any(String) });
      const successes = Object.keys(op.responses).filter((status) => status.startsWith('2'));
      expect({ where, successes: successes.length }).toEqual({ where, successes: 1 });
      const success = op.responses[successes[0]];
      if (successes[0] !== '204' && successes[0] !== '202') {
        // A named schema (or a file for CSV and images), never a bare object or nothing.
        const schemas = Object.entries(success.content ?? {}).map(([type, media]) =>
          type === 'application/json' ? (media.schema?.$ref ?? media.schema?.oneOf) : media.schema,
        );
        expect({ where, schemas: schemas.length > 0 && schemas.every(Boolean) }).toEqual({
          where,
          schemas: true,
        });
      }
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400)
          expect({ where, status, types: Object.keys(response.content ?? {}) }).toEqual({
            where,
            status,
            types: ['application/json'],
          });
      }
    }
  });

  it('documents CSV and QR answers by media type, quantities as string or number, paging as optional', async () => {
    const { body: doc } = await t.http.get('/docs-json').expect(200);
    const ok = (path: string) => doc.paths[path].get.responses['200'].content;
    expect(Object.keys(ok('/api/v1/stock-moves/export'))).toEqual(['text/csv']);
    expect(Object.keys(ok('/api/v1/products/export'))).toEqual(['text/csv']);
    expect(Object.keys(ok('/api/v1/batches/{id}/qr')).sort()).toEqual([
      'image/png',
      'image/svg+xml',
    ]);
    const types = (schema: { oneOf: { type: string }[] }) => schema.oneOf.map((s) => s.type);
    const schemas = doc.components.schemas;
    expect(types(schemas.QuickMoveDto.properties.quantity)).toEqual(['string', 'number']);
    expect(types(schemas.OperationLineInputDto.properties.quantity)).toEqual(['string', 'number']);
    const levels = doc.paths['/api/v1/stock-levels'].get.parameters;
    for (const name of ['page', 'limit'])
      expect(levels.find((p: { name: string }) => p.name === name)).toEqual(
        expect.objectContaining({
          required: false,
          schema: expect.objectContaining({ default: expect.any(Number) }),
        }),
      );
    expect(schemas.OperationDetailDto.required).toEqual(
      expect.arrayContaining(['lines', 'moves', 'doneAt']),
    );
    expect(schemas.OperationDetailDto.properties.doneAt.nullable).toBe(true);
    for (const { method, path, op } of operations(doc).filter(({ path }) =>
      path.includes('{id}'),
    )) {
      const ids = (op as { parameters?: { name: string; in: string }[] }).parameters?.filter(
        (p) => p.in === 'path' && p.name === 'id',
      );
      expect({ where: `${method} ${path}`, ids }).toEqual({
        where: `${method} ${path}`,
        ids: [
          expect.objectContaining({ required: true, schema: { type: 'string', format: 'uuid' } }),
        ],
      });
    }
  });

  it('defines the refresh cookie scheme, uses it on refresh and logout, and sets servers', async () => {
    const { body: doc } = await t.http.get('/docs-json').expect(200);
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(doc.components.securitySchemes.refreshCookie).toEqual(
      expect.objectContaining({ type: 'apiKey', in: 'cookie', name: 'sm_refresh' }),
    );
    for (const path of ['/api/v1/auth/refresh', '/api/v1/auth/logout'])
      expect(doc.paths[path].post.security).toEqual([{ refreshCookie: [] }]);
  });

  it('passes redocly lint (recommended rules) with no error', async () => {
    const { body: doc } = await t.http.get('/docs-json').expect(200);
    const dir = mkdtempSync(join(tmpdir(), 'sm-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      const lint = spawnSync(
        join(ROOT, 'node_modules/.bin/redocly'),
        ['lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format', 'summary'],
        {
          cwd: dir,
          encoding: 'utf8',
          env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
        },
      );
      expect({ status: lint.status, output: lint.stdout + lint.stderr }).toEqual({
        status: 0,
        output: expect.any(String),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('serves Swagger UI at /docs', async () => {
    const res = await t.http.get('/docs').redirects(1).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.text).toContain('swagger-ui');
  });
});
