import { Role, UserStatus } from '@stockmaster/contracts';
import * as bcrypt from 'bcrypt';
import { randomBytes } from 'node:crypto';
import { TestApp } from './test-app';

export const PASSWORD = 'correct-horse-battery';

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role;
  warehouseIds: string[];
}

let hashed: Promise<string> | undefined;

/** Inserts an account straight into the database (bcrypt cost 4), ready to sign in. */
export async function createUser(
  t: TestApp,
  options: {
    role?: Role;
    email?: string;
    warehouseIds?: string[];
    status?: UserStatus;
    fullName?: string;
  } = {},
): Promise<TestUser> {
  hashed ??= bcrypt.hash(PASSWORD, 4);
  const role = options.role ?? 'admin';
  const email = options.email ?? `${role}-${randomBytes(4).toString('hex')}@example.com`;
  const status = options.status ?? 'active';
  const {
    rows: [{ id }],
  } = await t.db.query(
    `INSERT INTO users (email, full_name, role, status, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [
      email,
      options.fullName ?? `Test ${role}`,
      role,
      status,
      status === 'invited' ? null : await hashed,
    ],
  );
  const warehouseIds = options.warehouseIds ?? [];
  for (const warehouseId of warehouseIds) {
    await t.db.query(`INSERT INTO user_warehouses (user_id, warehouse_id) VALUES ($1, $2)`, [
      id,
      warehouseId,
    ]);
  }
  return { id, email, password: PASSWORD, role, warehouseIds };
}

/** Signs in through the API; returns the bearer token and the refresh cookie. */
export async function login(
  t: TestApp,
  email: string,
  password = PASSWORD,
): Promise<{ token: string; cookie: string }> {
  const res = await t.http.post('/api/v1/auth/login').send({ email, password });
  if (res.status !== 200)
    throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { token: res.body.accessToken, cookie: refreshCookie(res.headers['set-cookie']) };
}

export async function createUserAndLogin(
  t: TestApp,
  options: Parameters<typeof createUser>[1] = {},
) {
  const user = await createUser(t, options);
  const { token, cookie } = await login(t, user.email);
  return { ...user, token, cookie, auth: { Authorization: `Bearer ${token}` } };
}

/** The `sm_refresh=…` pair from a Set-Cookie header, ready for a Cookie header. */
export function refreshCookie(setCookie: string[] | string | undefined): string {
  const all = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const cookie = all.find((value) => value.startsWith('sm_refresh='));
  if (!cookie) throw new Error('no refresh cookie set');
  return cookie.split(';')[0];
}

/** A warehouse with its root location, straight into the database. */
export async function createWarehouse(
  t: TestApp,
  code = `W${randomBytes(3).toString('hex').toUpperCase()}`,
): Promise<{ id: string; code: string; rootLocationId: string }> {
  const {
    rows: [{ id }],
  } = await t.db.query(`INSERT INTO warehouses (code, name) VALUES ($1, $2) RETURNING id`, [
    code,
    `Warehouse ${code}`,
  ]);
  const {
    rows: [root],
  } = await t.db.query(
    `INSERT INTO locations (warehouse_id, name, full_name, type) VALUES ($1, 'Stock', $2, 'internal') RETURNING id`,
    [id, `${code}/Stock`],
  );
  return { id, code, rootLocationId: root.id };
}

/** A product straight into the database. */
export async function createProduct(
  t: TestApp,
  options: { sku?: string; unit?: string; tracking?: 'none' | 'batch'; active?: boolean } = {},
): Promise<{ id: string; sku: string }> {
  const sku = options.sku ?? `P-${randomBytes(4).toString('hex')}`;
  const {
    rows: [{ id }],
  } = await t.db.query(
    `INSERT INTO products (sku, name, unit, tracking, active) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [
      sku,
      `Product ${sku}`,
      options.unit ?? 'unit',
      options.tracking ?? 'none',
      options.active ?? true,
    ],
  );
  return { id, sku };
}

/** An internal location below a parent, straight into the database. */
export async function createLocation(
  t: TestApp,
  warehouse: { id: string; code: string },
  parent: { id: string; fullName?: string },
  name: string,
) {
  const parentName = parent.fullName ?? `${warehouse.code}/Stock`;
  const {
    rows: [{ id }],
  } = await t.db.query(
    `INSERT INTO locations (warehouse_id, parent_id, name, full_name, type) VALUES ($1, $2, $3, $4, 'internal') RETURNING id`,
    [warehouse.id, parent.id, name, `${parentName}/${name}`],
  );
  return { id, fullName: `${parentName}/${name}` };
}

/** The quantity at a level (0 when there is no row), as PostgreSQL prints it without trailing zeros. */
export async function levelOf(t: TestApp, productId: string, locationId: string): Promise<string> {
  const { rows } = await t.db.query(
    `SELECT trim_scale(quantity)::text AS q FROM stock_levels WHERE product_id = $1 AND location_id = $2 AND batch_id IS NULL`,
    [productId, locationId],
  );
  return rows[0]?.q ?? '0';
}
