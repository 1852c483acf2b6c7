import { can, Permission, Role, ROLE_PERMISSIONS } from '@stockmaster/contracts';
import { randomUUID } from 'node:crypto';
import { createUserAndLogin } from '../setup/factories';
import { startTestApp, TestApp } from '../setup/test-app';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
type Method = (typeof METHODS)[number];
const ROLES = Object.keys(ROLE_PERMISSIONS) as Role[];
const PERMISSIONS = new Set<string>(Object.values(Permission));

interface DocOperation {
  operationId: string;
  'x-access'?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; schema?: { format?: string } }[];
}

interface Route {
  method: Method;
  path: string;
  op: DocOperation;
}

/**
 * Every operation of the served OpenAPI document, called by every role and by nobody, with a
 * minimal request (random ids, an empty body): the guard answers before any lookup or
 * validation, so the status alone says whether the role got in. What the document declares
 * (`x-access`) and what the shared role map grants must agree with what the server does.
 */
describe('access matrix: every route × every role, against the shared permission map', () => {
  let t: TestApp;
  let routes: Route[];
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    t = await startTestApp({ built: true });
    const doc = (await t.http.get('/docs-json').expect(200)).body as {
      paths: Record<string, Partial<Record<Method, DocOperation>>>;
    };
    routes = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.flatMap((method) => {
        const op = item[method];
        return op ? [{ method, path, op }] : [];
      }),
    );
    for (const role of ROLES) tokens.set(role, (await createUserAndLogin(t, { role })).token);
  }, 300_000);
  afterAll(() => t.close());

  function url(route: Route): string {
    return route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const param = route.op.parameters?.find((p) => p.in === 'path' && p.name === name);
      return param?.schema?.format === 'uuid' || name === 'id' ? randomUUID() : 'not-a-token';
    });
  }

  async function call(route: Route, role: Role | null): Promise<number> {
    let request = t.http[route.method](url(route));
    if (role) request = request.set('Authorization', `Bearer ${tokens.get(role)}`);
    if (route.method === 'post' || route.method === 'patch' || route.method === 'put')
      request = request.send({});
    return (await request).status;
  }

  it('declares a known access on every operation', () => {
    expect(routes.length).toBeGreaterThanOrEqual(68);
    for (const { method, path, op } of routes) {
      const access = op['x-access'];
      expect({ route: `${method} ${path}`, access }).toEqual({
        route: `${method} ${path}`,
        access: expect.stringMatching(/./),
      });
      expect({
        route: `${method} ${path}`,
        known: access === 'public' || access === 'signed-in' || PERMISSIONS.has(access!),
      }).toEqual({ route: `${method} ${path}`, known: true });
    }
  });

  it('answers 401 without a token, 403 to roles the map refuses, and lets the others in', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const access = route.op['x-access']!;
      const readsCookie = (route.op.security ?? []).some((s) => 'refreshCookie' in s);
      for (const role of [null, ...ROLES]) {
        const status = await call(route, role);
        const who = role ?? 'anonymous';
        const label = `${route.method.toUpperCase()} ${route.path} as ${who}: ${status}`;
        if (access === 'public') {
          // The refresh routes answer 401 for a missing cookie, which is not an access refusal.
          if (status === 403 || (status === 401 && !readsCookie)) wrong.push(label);
        } else if (!role) {
          if (status !== 401) wrong.push(`${label} (expected 401)`);
        } else if (access === 'signed-in' || can(role, access as Permission)) {
          if (status === 401 || status === 403) wrong.push(`${label} (expected in)`);
        } else if (status !== 403) {
          wrong.push(`${label} (expected 403 for ${access})`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
