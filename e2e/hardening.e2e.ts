import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { Browser, Page } from 'playwright-core';
import { launchChromium, watchPageErrors } from './support/browser';
import { embeddedPostmaster, RunningServer, startServer } from './support/server';

const ADMIN = { fullName: 'Ada Admin', email: 'ada@example.com', password: 'admin-password-1' };

/**
 * A spent budget or an unavailable server are answers the console expects: Chromium logs each
 * as a failed resource. That is the console working, not breaking.
 */
const realErrors = (errors: string[]) =>
  errors.filter((error) => !/Failed to load resource: .*status of (429|503)/.test(error));

describe('sessions that survive page loads, spent budgets and a database outage, in Chromium', () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sm-hardening-'));
    chmodSync(dataDir, 0o755);
    server = await startServer(dataDir);
    browser = await launchChromium();
    const setup = await fetch(`${server.url}/api/v1/auth/setup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(setup.status).toBe(201);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  const nav = (page: Page) => page.getByRole('navigation', { name: 'Main' });

  async function signIn(page: Page): Promise<void> {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email address').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/`);
    await nav(page)
      .getByRole('link', { name: /Dashboard/ })
      .waitFor();
  }

  const post = (path: string, body: object) =>
    fetch(`${server.url}/api/v1${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('stays signed in through 60 page loads in a row from one address', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signIn(page);

    // Each full load trades the refresh cookie; /login also probes the setup before sending a
    // signed-in user home. Far more than the old shared budget of 20 a minute.
    const pages: [string, string][] = [
      ['/', '/'],
      ['/products', '/products'],
      ['/login', '/'],
      ['/warehouses', '/warehouses'],
      ['/users', '/users'],
    ];
    for (let load = 0; load < 60; load++) {
      const [visit, landing] = pages[load % pages.length];
      await page.goto(`${server.url}${visit}`);
      await page.getByRole('button', { name: `Account menu for ${ADMIN.fullName}` }).waitFor();
      await page.waitForURL((url) => url.pathname === landing);
    }
    expect(realErrors(errors)).toEqual([]);
    await context.close();
  }, 300_000);

  it('keeps the session when several tabs open at once, each trading the same cookie', async () => {
    const context = await browser.newContext();
    const first = await context.newPage();
    const errors = watchPageErrors(first);
    await signIn(first);
    // Three links opened in new tabs together: each tab's start refreshes with the same cookie.
    const tabs = await Promise.all([1, 2, 3].map(() => context.newPage()));
    await Promise.all(
      ['/products', '/warehouses', '/users'].map((path, i) => tabs[i].goto(`${server.url}${path}`)),
    );
    for (const [i, path] of ['/products', '/warehouses', '/users'].entries()) {
      await tabs[i].getByRole('button', { name: `Account menu for ${ADMIN.fullName}` }).waitFor();
      expect(new URL(tabs[i].url()).pathname).toBe(path);
    }
    // The first tab, and a later load in any of them, are still signed in.
    await first.reload();
    await first.getByRole('button', { name: `Account menu for ${ADMIN.fullName}` }).waitFor();
    await tabs[2].goto(`${server.url}/products`);
    await tabs[2].getByRole('button', { name: `Account menu for ${ADMIN.fullName}` }).waitFor();
    expect(new URL(tabs[2].url()).pathname).toBe('/products');
    expect(realErrors(errors)).toEqual([]);
    await context.close();
  }, 120_000);

  it('says on the sign-in, forgot and reset screens that a budget is spent, and for how long', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    const spentFor = 'Too many attempts for this email address. Wait 15 minutes and try again.';

    // Ten attempts at one address (its budget per 15 minutes), from anywhere.
    const target = 'mallory-target@example.com';
    for (let i = 0; i < 10; i++) await post('/auth/password/forgot', { email: target });

    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email address').fill(target);
    await page.getByLabel('Password').fill('one-more-guess');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText(spentFor).waitFor();

    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    // The page is loaded on demand: until it shows, "Email address" is still the sign-in's field.
    await page.getByRole('heading', { name: 'Reset your password' }).waitFor();
    await page.getByLabel('Email address').fill(target);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByRole('alert').getByText(spentFor).waitFor();

    // The reset step: a code asked for, then the address's budget spent before it is used.
    const other = 'someone-else@example.com';
    await page.goto(`${server.url}/forgot-password`);
    await page.getByLabel('Email address').fill(other);
    await page.getByRole('button', { name: 'Send code' }).click();
    await page.getByLabel('Code from the email').waitFor();
    for (let i = 0; i < 9; i++) await post('/auth/password/forgot', { email: other });
    await page.getByLabel('Code from the email').fill('123456');
    await page.getByLabel('New password', { exact: true }).fill('a-long-new-password');
    await page.getByLabel('Repeat the new password').fill('a-long-new-password');
    await page.getByRole('button', { name: 'Set new password' }).click();
    await page.getByRole('alert').getByText(spentFor).waitFor();

    expect(realErrors(errors)).toEqual([]);
    await context.close();
  }, 60_000);

  it('shows the server as unavailable while the database is away, keeps the session, and carries on after', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await signIn(page);

    // The embedded server's superuser, as the operator would use it.
    const { port } = embeddedPostmaster(dataDir);
    const password = readFileSync(join(dataDir, 'pg-password'), 'utf8').trim();
    const admin = new Client({
      connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
    });
    await admin.connect();
    const banner = page.getByRole('status').getByText('The server is unavailable, retrying…');
    try {
      await admin.query(`ALTER DATABASE stockmaster ALLOW_CONNECTIONS false`);
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'stockmaster'`,
      );

      // Moving inside the console: the list waits, the banner says why.
      await nav(page)
        .getByRole('link', { name: /Products/ })
        .click();
      await banner.waitFor();
      expect(new URL(page.url()).pathname).toBe('/products');

      // Even a reload during the outage does not land on the sign-in page.
      await page.reload();
      await banner.waitFor();
      expect(new URL(page.url()).pathname).toBe('/products');
    } finally {
      await admin.query(`ALTER DATABASE stockmaster ALLOW_CONNECTIONS true`);
      await admin.end();
    }

    // Back: the same session goes on, on the page the user was on, and the banner goes.
    await page.getByRole('button', { name: `Account menu for ${ADMIN.fullName}` }).waitFor();
    await page.getByRole('heading', { name: 'Products' }).waitFor();
    await banner.waitFor({ state: 'detached' });
    expect(new URL(page.url()).pathname).toBe('/products');
    expect(realErrors(errors)).toEqual([]);
    await context.close();
  }, 90_000);
});
