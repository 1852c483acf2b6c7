import Ajv, { type AnySchema } from 'ajv';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Answer, firstDay } from '../client/scenario';
import { createUserAndLogin } from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

const ROOT = join(__dirname, '../../..');
const CLIENT = join(__dirname, '../client');

type Schema = { [key: string]: unknown };

/**
 * OpenAPI 3.0 schemas as JSON Schema for Ajv, made strict: `nullable` becomes a `null`
 * alternative, and every object with properties refuses the ones it does not document.
 */
function strict(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strict);
  if (!node || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === 'example' || key === 'nullable') continue;
    out[key] = key === 'properties' ? mapValues(value as Schema, strict) : strict(value);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if ((node as Schema).nullable !== true) return out;
  const composed = ['allOf', 'oneOf', 'anyOf', '$ref'].some((key) => key in out);
  if (typeof out.type === 'string' && !out.enum && !composed)
    return { ...out, type: [out.type, 'null'] };
  // `nullable` beside `allOf: [$ref]` (how a nullable object is written in OpenAPI 3.0).
  const { type: _type, ...rest } = out;
  return { anyOf: [composed ? rest : out, { type: 'null' }] };
}

function mapValues(object: Schema, map: (value: unknown) => unknown): Schema {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, map(value)]));
}

describe('a client generated from the served OpenAPI document', () => {
  let t: TestApp;
  let doc: {
    paths: Record<
      string,
      Record<
        string,
        { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }
      >
    >;
    components: { schemas: Schema };
  };

  let ajv: Ajv;

  beforeAll(async () => {
    t = await startTestApp({ built: true });
    doc = (await t.http.get('/docs-json').expect(200)).body;
    ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: 'openapi', components: { schemas: strict(doc.components.schemas) } });
  }, 300_000);

  /** What is wrong with each answer against the schema the document gives its status. */
  function mismatches(answers: Answer[]): string[] {
    const problems: string[] = [];
    for (const answer of answers) {
      const where = `${answer.method} ${answer.path} ${answer.status}`;
      const response =
        doc.paths[answer.path]?.[answer.method.toLowerCase()]?.responses[String(answer.status)];
      if (!response) {
        problems.push(`${where}: status not documented`);
        continue;
      }
      const schema = response.content?.['application/json']?.schema;
      if (!schema) {
        if (answer.body !== null) problems.push(`${where}: a JSON body where none is documented`);
        continue;
      }
      const validate = ajv.compile(
        JSON.parse(
          JSON.stringify(strict(schema)).replaceAll('"#/components/', '"openapi#/components/'),
        ) as AnySchema,
      );
      if (!validate(answer.body)) problems.push(`${where}: ${ajv.errorsText(validate.errors)}`);
    }
    return problems;
  }
  afterAll(() => t.close());

  it('compiles a first-day scenario with tsc --strict, no cast, and runs it with every answer as documented', async () => {
    // Generate the types from the document the built server serves.
    const generated = join(CLIENT, 'generated');
    mkdirSync(generated, { recursive: true });
    writeFileSync(join(generated, 'openapi.json'), JSON.stringify(doc));
    const typegen = spawnSync(
      join(ROOT, 'node_modules/.bin/openapi-typescript'),
      [join(generated, 'openapi.json'), '--output', join(generated, 'api.d.ts')],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect({ status: typegen.status, output: typegen.stderr }).toEqual({
      status: 0,
      output: expect.any(String),
    });

    const source = readFileSync(join(CLIENT, 'scenario.ts'), 'utf8');
    // No type assertion and no escape hatch: the generated types must be enough.
    expect(source).not.toMatch(/\bas\s+(?!const\b)[A-Za-z{[(]|<[A-Z]\w*>\s*\w|\bany\b|@ts-/);

    const tsc = spawnSync(
      process.execPath,
      [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(CLIENT, 'tsconfig.json')],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect({ status: tsc.status, output: tsc.stdout }).toEqual({ status: 0, output: '' });

    // Run it against the server.
    const server = await t.app.listen(0, '127.0.0.1');
    const { port } = server.address() as AddressInfo;
    const answers: Answer[] = [];
    await firstDay(`http://127.0.0.1:${port}`, answers);

    // Every answer, against its documented schema: no field missing, none undocumented.
    const problems = mismatches(answers);
    expect(problems).toEqual([]);
    expect(answers.map((a) => `${a.method} ${a.path}`)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/operations/{id}/validate',
        'POST /api/v1/stock-moves',
        'GET /api/v1/stock/integrity',
        'GET /api/v1/batches/{id}',
        'GET /api/v1/batches/{id}/trace',
        'GET /api/v1/dashboard',
      ]),
    );
  }, 300_000);

  it('answers every other JSON route as its schema says (no field missing, none undocumented)', async () => {
    const admin = await createUserAndLogin(t, { role: 'admin' });
    const answers: Answer[] = [];
    /** Calls `path` (the document's template filled with `values`) and records the answer. */
    async function call(
      method: 'get' | 'post' | 'patch',
      template: string,
      values: Record<string, string> = {},
      send?: (request: ReturnType<TestApp['http']['get']>) => ReturnType<TestApp['http']['get']>,
    ) {
      const url = template.replace(/\{(\w+)\}/g, (_, name: string) => values[name]);
      let request = t.http[method](url).set(admin.auth);
      if (send) request = send(request);
      const res = await request;
      const json = (res.headers['content-type'] ?? '').includes('application/json');
      answers.push({
        method: method.toUpperCase(),
        path: template,
        status: res.status,
        body: json ? res.body : null,
      });
      if (res.status >= 300) throw new Error(`${method} ${url}: ${res.status} ${res.text}`);
      return res.body;
    }
    const body = (value: object) => (r: ReturnType<TestApp['http']['get']>) => r.send(value);
    const V = '/api/v1';

    await call('get', `${V}/health`);
    await call('get', `${V}/auth/setup`);
    await call('get', `${V}/auth/me`);
    await call('patch', `${V}/auth/me`, {}, body({ fullName: 'Ada Admin' }));
    const invited = await call(
      'post',
      `${V}/users`,
      {},
      body({ email: 'viewer@example.com', fullName: 'Vera Viewer', role: 'viewer' }),
    );
    await call('get', `${V}/users`);
    await call('get', `${V}/users/{id}`, { id: invited.id });
    await call('patch', `${V}/users/{id}`, { id: invited.id }, body({ fullName: 'Vera V.' }));

    const parent = await call('post', `${V}/categories`, {}, body({ name: 'Food' }));
    const child = await call(
      'post',
      `${V}/categories`,
      {},
      body({ name: 'Dairy', parentId: parent.id }),
    );
    await call('get', `${V}/categories`);
    await call('get', `${V}/categories`, {}, (r) => r.query({ tree: true }));
    await call('get', `${V}/categories/{id}`, { id: child.id });
    await call('patch', `${V}/categories/{id}`, { id: child.id }, body({ name: 'Milk' }));

    const product = await call(
      'post',
      `${V}/products`,
      {},
      body({ sku: 'YOG', name: 'Yoghurt', unit: 'unit', tracking: 'batch', categoryId: child.id }),
    );
    await call('get', `${V}/products`);
    await call('get', `${V}/products/{id}`, { id: product.id });
    await call(
      'patch',
      `${V}/products/{id}`,
      { id: product.id },
      body({ description: 'Plain', version: product.version }),
    );
    await call('post', `${V}/products/import`, {}, (r) =>
      r
        .query({ dryRun: true })
        .attach('file', Buffer.from('sku,name,unit\nIMP-1,Imported,unit\n'), 'products.csv'),
    );

    const warehouse = await call(
      'post',
      `${V}/warehouses`,
      {},
      body({ code: 'WEST', name: 'West', address: '1 Road' }),
    );
    await call('get', `${V}/warehouses`);
    await call('get', `${V}/warehouses/{id}`, { id: warehouse.id });
    await call('patch', `${V}/warehouses/{id}`, { id: warehouse.id }, body({ name: 'West side' }));
    const locations = await call('get', `${V}/locations`, {}, (r) =>
      r.query({ warehouseId: warehouse.id }),
    );
    const shelf = await call(
      'post',
      `${V}/locations`,
      {},
      body({ parentId: locations.data[0].id, name: 'Shelf' }),
    );
    await call('get', `${V}/locations`);
    await call('get', `${V}/locations/{id}`, { id: shelf.id });
    await call('patch', `${V}/locations/{id}`, { id: shelf.id }, body({ name: 'Shelf 1' }));

    const rule = await call(
      'post',
      `${V}/reorder-rules`,
      {},
      body({ productId: product.id, warehouseId: warehouse.id, minQuantity: '2', maxQuantity: 8 }),
    );
    await call('get', `${V}/reorder-rules`);
    await call('get', `${V}/reorder-rules/{id}`, { id: rule.id });
    await call('patch', `${V}/reorder-rules/{id}`, { id: rule.id }, body({ maxQuantity: 9 }));

    const batch = await call(
      'post',
      `${V}/batches`,
      {},
      body({ productId: product.id, code: 'B-1', producedAt: '2026-01-01', notes: 'first' }),
    );
    await call('patch', `${V}/batches/{id}`, { id: batch.id }, body({ expiresAt: '2099-01-01' }));
    const rotated = await call('post', `${V}/batches/{id}/rotate-token`, { id: batch.id });
    const token = String(rotated.publicUrl).split('/').pop()!;
    await call('get', `${V}/public/batches/{token}`, { token });

    const draft = await call(
      'post',
      `${V}/operations`,
      {},
      body({
        type: 'receipt',
        warehouseId: warehouse.id,
        destinationLocationId: shelf.id,
        scheduledAt: '2026-12-01T10:00:00Z',
        notes: 'first delivery',
        lines: [{ productId: product.id, batchId: batch.id, quantity: 6 }],
      }),
    );
    await call('patch', `${V}/operations/{id}`, { id: draft.id }, body({ partner: 'Farm' }));
    await call('post', `${V}/operations/{id}/validate`, { id: draft.id });
    await call('post', `${V}/operations/{id}/reverse`, { id: draft.id });
    const other = await call(
      'post',
      `${V}/operations`,
      {},
      body({
        type: 'adjustment',
        warehouseId: warehouse.id,
        lines: [
          { productId: product.id, batchId: batch.id, locationId: shelf.id, countedQuantity: 0 },
        ],
      }),
    );
    await call('post', `${V}/operations/{id}/cancel`, { id: other.id });
    await call('get', `${V}/operations/{id}`, { id: draft.id });
    await call('get', `${V}/operations`);
    await call('get', `${V}/stock-moves`, {}, (r) => r.query({ limit: 1 }));
    await call('get', `${V}/stock-levels/as-of`, {}, (r) =>
      r.query({ date: new Date(Date.now() + 60_000).toISOString() }),
    );
    await call('get', `${V}/batches`, {}, (r) => r.query({ status: 'fresh' }));
    await call('get', `${V}/batches/{id}`, { id: batch.id });
    await call('get', `${V}/batches/{id}/trace`, { id: batch.id });
    await call('get', `${V}/products/{id}/trace`, { id: product.id }, (r) =>
      r.query({ from: '2026-01-01' }),
    );
    await call('get', `${V}/dashboard`);
    await call('post', `${V}/alerts/digest`, {}, (r) => r.query({ dryRun: true }));
    await call(
      'post',
      `${V}/batches/{id}/quarantine`,
      { id: batch.id },
      body({ reason: 'Supplier warning' }),
    );
    await call('post', `${V}/batches/{id}/release`, { id: batch.id }, body({}));
    await call(
      'post',
      `${V}/batches/{id}/recall`,
      { id: batch.id },
      body({ reason: 'Lab result', publicNotice: 'Do not eat: return it to the shop.' }),
    );
    await call('get', `${V}/audit-log`);
    // The cookie routes, last: they rotate and then end the refresh session.
    await call('post', `${V}/auth/refresh`, {}, (r) => r.set('Cookie', admin.cookie));
    await call('post', `${V}/auth/logout`, {}, (r) => r.set('Cookie', admin.cookie));

    expect(mismatches(answers)).toEqual([]);
    expect(answers.length).toBeGreaterThanOrEqual(54);
  });
});
