/** Values the global setup hands to every test file through the environment. */
export const TEST_ENV = {
  adminUrl: 'SM_TEST_ADMIN_URL',
  template: 'SM_TEST_TEMPLATE',
  prefix: 'SM_TEST_PREFIX',
  embeddedDir: 'SM_TEST_EMBEDDED_DIR',
} as const;

export function testEnv(name: keyof typeof TEST_ENV): string {
  const value = process.env[TEST_ENV[name]];
  if (!value)
    throw new Error(`${TEST_ENV[name]} is not set: run API tests through jest's "api" project`);
  return value;
}

/** Replaces the database name of a connection string. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
