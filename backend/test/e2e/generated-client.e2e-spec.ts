import Ajv, { type AnySchema } from 'ajv';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Answer, firstDay } from '../client/scenario';
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

  beforeAll(async () => {
    t = await startTestApp({ built: true });
    doc = (await t.http.get('/docs-json').expect(200)).body;
  }, 300_000);
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
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    ajv.addSchema({ $id: 'openapi', components: { schemas: strict(doc.components.schemas) } });
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
    expect(problems).toEqual([]);
    expect(answers.map((a) => `${a.method} ${a.path}`)).toEqual(
      expect.arrayContaining([
        'POST /api/v1/operations/{id}/validate',
        'POST /api/v1/stock-moves',
        'GET /api/v1/stock/integrity',
        'GET /api/v1/batches/{id}',
      ]),
    );
  }, 300_000);
});
