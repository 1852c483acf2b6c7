import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Browser, BrowserContext } from 'playwright-core';
import { launchChromium, watchPageErrors } from './support/browser';
import {
  embeddedPostmaster,
  logLines,
  processAlive,
  RunningServer,
  startServer,
} from './support/server';

describe('the built app, as `npm start` runs it, in Chromium', () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  /** What the first start printed, before any request. */
  let firstStart: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sm-smoke-'));
    chmodSync(dataDir, 0o755);
    server = await startServer(dataDir);
    firstStart = server.output();
    browser = await launchChromium();
    // The console needs a signed-in user: create the first admin through the API from the
    // browser's own context, so its refresh cookie signs the pages in.
    context = await browser.newContext();
    const setup = await context.request.post(`${server.url}/api/v1/auth/setup`, {
      data: { email: 'smoke@example.com', password: 'smoke-test-password', fullName: 'Smoke Test' },
    });
    expect(setup.status()).toBe(201);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts with JSON log lines only, no warning, and ends by saying how to create the first administrator', () => {
    const lines = logLines(firstStart);
    expect(lines.filter((line) => line.raw !== undefined)).toEqual([]);
    expect(lines.filter((line) => (line.level ?? 0) >= 40)).toEqual([]);
    // At info, only what a user acts on: where the data is, the QR-code address, what to do now.
    // initdb's narration, the embedded server's log and Nest's route list are debug lines.
    const port = new URL(server.url).port;
    expect(lines.filter((line) => line.level === 30).map((line) => line.msg)).toEqual([
      `embedded PostgreSQL running, data in ${join(dataDir, 'pg')}`,
      `PUBLIC_URL is http://localhost:${port}: QR codes and links in mail open only on this computer. ` +
        `Set PUBLIC_URL to the address phones and colleagues reach, e.g. http://192.168.1.20:${port}`,
      `StockMaster is ready: open http://localhost:${port} to create the first administrator (API /api/v1, docs /docs)`,
    ]);
  });

  it('loads the console shell with its navigation and the dashboard reporting the database up', async () => {
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto(server.url);

    await page.getByRole('banner').getByText('StockMaster').first().waitFor();
    await page
      .getByRole('navigation')
      .getByRole('link', { name: /dashboard/i })
      .waitFor();
    await page
      .getByText(/database/i)
      .first()
      .waitFor();
    await page
      .getByText(/\bup\b/i)
      .first()
      .waitFor();
    expect(await page.title()).toMatch(/StockMaster/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the not-found page for an unknown console route, with a way home', async () => {
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    const response = await page.goto(`${server.url}/no/such/screen`);
    expect(response?.status()).toBe(200); // the console's index.html; the client router decides
    await page
      .getByText(/not found/i)
      .first()
      .waitFor();
    await page
      .getByRole('link', { name: /home|dashboard/i })
      .first()
      .waitFor();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('answers client routes with the console and unknown API routes with a JSON 404', async () => {
    for (const path of ['/login', '/fresh/abc123']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect(await res.text()).toContain('<sm-root');
    }
    const api = await fetch(`${server.url}/api/v1/nope`);
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual(
      expect.objectContaining({ statusCode: 404, error: 'NOT_FOUND' }),
    );
    const docs = await fetch(`${server.url}/docs-json`);
    expect((await docs.json()).openapi).toMatch(/^3\./);
  });

  it('stops within 10 s on SIGTERM with no orphaned postgres, and keeps its data across a restart', async () => {
    const postmaster = embeddedPostmaster(dataDir);
    const password = readFileSync(join(dataDir, 'pg-password'), 'utf8').trim();
    const connect = async (port: number) => {
      const client = new Client({
        host: '127.0.0.1',
        port,
        user: 'postgres',
        password,
        database: 'stockmaster',
      });
      await client.connect();
      return client;
    };
    const before = await connect(postmaster.port);
    await before.query('CREATE TABLE smoke_marker (note text)');
    await before.query(`INSERT INTO smoke_marker VALUES ('kept')`);
    await before.end();
    const secret = readFileSync(join(dataDir, 'jwt-secret'), 'utf8');

    const { code, ms } = await server.stop('SIGTERM');
    expect(code).toBe(0);
    expect(ms).toBeLessThan(10_000);
    expect(processAlive(postmaster.pid)).toBe(false);

    // At debug, so that a cluster initialised again would show in the output.
    server = await startServer(dataDir, { LOG_LEVEL: 'debug' });
    expect(server.output()).toContain('"context":"EmbeddedPostgres"');
    expect(server.output()).not.toContain('initialising embedded PostgreSQL');
    // With an administrator in place, the last start line says where the console is instead.
    const port = new URL(server.url).port;
    const info = logLines(server.output()).filter((line) => line.level === 30);
    expect(info.at(-1)?.msg).toBe(
      `StockMaster is ready: the console is at http://localhost:${port} (API /api/v1, docs /docs)`,
    );
    const after = await connect(embeddedPostmaster(dataDir).port);
    const { rows } = await after.query('SELECT note FROM smoke_marker');
    await after.end();
    expect(rows).toEqual([{ note: 'kept' }]);
    expect(readFileSync(join(dataDir, 'jwt-secret'), 'utf8')).toBe(secret);
  });

  it('recovers from a killed run: the orphaned postgres is stopped and the next start succeeds', async () => {
    const orphan = embeddedPostmaster(dataDir);
    await server.stop('SIGKILL');
    expect(processAlive(orphan.pid)).toBe(true); // SIGKILL gives the API no chance to stop it

    server = await startServer(dataDir);
    expect(processAlive(orphan.pid)).toBe(false);
    const health = await fetch(`${server.url}/api/v1/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: 'up' });
  });
});
