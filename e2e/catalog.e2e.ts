import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRODUCT_CSV_COLUMNS } from '@stockmaster/contracts';
import { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, watchPageErrors } from './support/browser';
import { RunningServer, startServer } from './support/server';

const ADMIN = {
  fullName: 'Cleo Catalog',
  email: 'cleo@example.com',
  password: 'catalog-password-1',
};

/** A few upper-case letters and digits, so that each test's names are its own. */
const unique = () => randomUUID().replace(/-/g, '').slice(0, 6).toUpperCase();

/**
 * The catalog screens. Each test makes what it needs (categories, products, warehouses through
 * the API), so that none depends on another having run, nor on the order they run in.
 */
describe('the catalog screens, in Chromium', () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  /** Signed in as the admin: the setup's refresh cookie signs its pages in. */
  let context: BrowserContext;
  let api: APIRequestContext;
  let headers: Record<string, string>;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sm-catalog-'));
    chmodSync(dataDir, 0o755);
    server = await startServer(dataDir);
    browser = await launchChromium();

    context = await browser.newContext();
    api = context.request;
    const setup = await api.post(`${server.url}/api/v1/auth/setup`, { data: ADMIN });
    expect(setup.status()).toBe(201);
    const { accessToken } = (await setup.json()) as { accessToken: string };
    headers = { Authorization: `Bearer ${accessToken}` };
  }, 120_000);

  beforeEach(async () => {
    page = await context.newPage();
    errors = watchPageErrors(page);
  });

  afterEach(async () => {
    expect(errors).toEqual([]);
    await page.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  const nav = () => page.getByRole('navigation', { name: 'Main' });
  const dialog = () => page.getByRole('dialog');

  /** Creates `body` with `POST /api/v1/<path>`; answers its id. */
  async function created(path: string, body: object): Promise<string> {
    const res = await api.post(`${server.url}/api/v1/${path}`, { headers, data: body });
    expect(res.status()).toBe(201);
    return ((await res.json()) as { id: string }).id;
  }

  it('signs in through the login page', async () => {
    // A browser of its own, with no session yet.
    const signedOut = await browser.newContext();
    const login = await signedOut.newPage();
    const loginErrors = watchPageErrors(login);
    await login.goto(`${server.url}/login`);
    await login.getByLabel('Email address').fill(ADMIN.email);
    await login.getByLabel('Password').fill(ADMIN.password);
    await login.getByRole('button', { name: 'Sign in' }).click();

    await login.waitForURL(`${server.url}/`);
    await login
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Products/ })
      .waitFor();
    expect(loginErrors).toEqual([]);
    await signedOut.close();
  });

  it('creates a category in the categories tree', async () => {
    const name = `Fresh produce ${unique()}`;
    await page.goto(server.url);
    await nav()
      .getByRole('link', { name: /Categories/ })
      .click();
    await page.getByRole('heading', { name: 'Categories' }).waitFor();

    await page.getByRole('button', { name: 'Add category' }).click();
    await dialog().getByLabel('Category name').fill(name);
    await dialog().getByRole('button', { name: 'Add' }).click();

    const tree = page.getByRole('tree', { name: 'Categories' });
    await tree.getByRole('treeitem', { name: new RegExp(name) }).waitFor();
    await dialog().waitFor({ state: 'detached' });
  });

  it('creates a product in a category through the product form and finds it in the list', async () => {
    const category = `Fresh produce ${unique()}`;
    await created('categories', { name: category });
    const sku = `APL-${unique()}`;

    await page.goto(server.url);
    await nav()
      .getByRole('link', { name: /Products/ })
      .click();
    await page.getByRole('heading', { name: 'Products' }).waitFor();
    await page.getByRole('link', { name: 'New product' }).click();
    await page.getByRole('heading', { name: 'New product' }).waitFor();

    await page.getByLabel('SKU').fill(sku);
    await page.getByLabel('Name', { exact: true }).fill('Apples');
    await page.getByRole('combobox', { name: 'Category' }).click();
    await page.getByRole('option', { name: category }).click();
    await page.getByRole('combobox', { name: 'Unit of measure' }).click();
    await page.getByRole('option', { name: 'Kilograms (kg)' }).click();
    await page.getByLabel('Shelf life (days)').fill('14');
    await page.getByRole('button', { name: 'Create product' }).click();

    // The product's own page, with its reorder rules.
    await page.waitForURL(/\/products\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'Apples' }).waitFor();
    await page.getByRole('heading', { name: 'Reorder rules' }).waitFor();

    await page.getByRole('link', { name: 'Products' }).first().click();
    const table = page.getByRole('table', { name: 'Products' });
    const row = table.getByRole('row', { name: new RegExp(sku) });
    await row.waitFor();
    expect(await row.innerText()).toMatch(
      new RegExp(`Apples[\\s\\S]*${category}[\\s\\S]*kg[\\s\\S]*Active`),
    );
    // Codes are set in Roboto Mono, served by the console itself: not the machine's fallback
    // monospace (Courier on Windows).
    const skuFont = await row.locator('code').evaluate(async (code) => {
      await document.fonts.ready;
      return {
        family: getComputedStyle(code).fontFamily,
        loaded: [...document.fonts].some(
          (face) => face.family.replace(/"/g, '') === 'Roboto Mono' && face.status === 'loaded',
        ),
      };
    });
    expect(skuFont).toEqual({ family: '"Roboto Mono", monospace', loaded: true });

    // The search box narrows the list and lands in the URL.
    await page.getByLabel('Search SKU, name or barcode').fill('nothing-like-this');
    await page.getByText('No products match.').waitFor();
    await page.waitForURL(/search=nothing-like-this/);
    await page.getByLabel('Search SKU, name or barcode').fill('');
    await row.waitFor();
  });

  it('keeps the header row of a long list in view while its rows scroll', async () => {
    const prefix = `HDR-${unique()}`;
    for (let n = 0; n < 40; n++)
      await created('products', {
        sku: `${prefix}-${String(n).padStart(2, '0')}`,
        name: 'Pears',
        unit: 'kg',
      });
    const table = page.getByRole('table', { name: 'Products' });
    const box = table.locator('xpath=..');
    const header = table.getByRole('columnheader', { name: 'SKU' });
    // At desktop and at phone size alike, the rows scroll in a box shorter than the window, and
    // the header row stays at its top.
    for (const [width, height] of [
      [1280, 720],
      [390, 844],
    ]) {
      await page.setViewportSize({ width, height });
      await page.goto(`${server.url}/products?search=${prefix}&limit=50`);
      await table.getByRole('row', { name: new RegExp(`${prefix}-39`) }).waitFor();
      const boxTop = (await box.boundingBox())!.y;
      expect((await box.boundingBox())!.height).toBeLessThan(height - 200);
      await box.evaluate((element) => (element.scrollTop = element.scrollHeight));
      expect(await box.evaluate((element) => element.scrollTop)).toBeGreaterThan(500);
      expect(Math.abs((await header.boundingBox())!.y - boxTop)).toBeLessThan(2);
      // Opaque: the rows passing under the header row do not show through it.
      expect(await header.evaluate((cell) => getComputedStyle(cell).backgroundColor)).not.toBe(
        'rgba(0, 0, 0, 0)',
      );
      await page.screenshot({ path: join(tmpdir(), `sm-sticky-header-${width}.png`) });
    }
  });

  it('checks a CSV with a dry run and lists the bad row, offering no import', async () => {
    const category = `Fresh produce ${unique()}`;
    await created('categories', { name: category });
    const pear = `PEAR-${unique()}`;
    const file = join(dataDir, `products-${pear}.csv`);
    writeFileSync(
      file,
      [
        PRODUCT_CSV_COLUMNS.join(','),
        `${pear},Pears,,${category},kg,,none,10,2`,
        `STAR-${unique()},Stardust,,${category},parsec,,none,,2`,
      ].join('\n') + '\n',
    );

    await page.goto(`${server.url}/products`);
    await page.getByRole('heading', { name: 'Products' }).waitFor();
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await dialog().getByRole('heading', { name: 'Import products from CSV' }).waitFor();
    await dialog().locator('input[type="file"]').setInputFiles(file);

    const problems = dialog().getByRole('table', { name: 'Row errors' });
    const bad = problems.getByRole('row', { name: /parsec|unit/ });
    await bad.waitFor();
    const cells = await bad.getByRole('cell').allInnerTexts();
    expect(cells[0]).toBe('3');
    expect(cells[1]).toBe('unit');
    expect(cells[2]).toMatch(/unit must be one of/);
    await dialog().getByText('1 problem found').waitFor();
    await dialog()
      .getByText('The rows without problems would create 1 product and update 0 products.', {
        exact: true,
      })
      .waitFor();
    expect(await dialog().getByRole('button', { name: 'Import' }).isDisabled()).toBe(true);

    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().waitFor({ state: 'detached' });
    // A dry run writes nothing.
    expect(await page.getByRole('row', { name: new RegExp(pear) }).count()).toBe(0);
    const search = await api.get(`${server.url}/api/v1/products`, {
      headers,
      params: { search: pear },
    });
    expect(((await search.json()) as { data: unknown[] }).data).toEqual([]);
  });

  it('creates a warehouse and grows its location tree under the fixed root', async () => {
    const code = `W${unique()}`;
    await page.goto(server.url);
    await nav()
      .getByRole('link', { name: /Warehouses/ })
      .click();
    await page.getByRole('button', { name: 'New warehouse' }).click();
    // Typed in lower case, kept in upper case.
    await dialog().getByLabel('Code').fill(code.toLowerCase());
    await dialog().getByLabel('Name').fill('Main warehouse');
    await dialog().getByRole('button', { name: 'Create warehouse' }).click();

    await page.waitForURL(/\/warehouses\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: `${code} — Main warehouse` }).waitFor();
    const tree = page.getByRole('tree', { name: 'Locations' });
    const root = tree.getByRole('treeitem', { name: /Stock/ });
    await root.waitFor();
    expect(await root.innerText()).toContain('Warehouse root');
    expect(await root.getByRole('button', { name: /^Delete/ }).count()).toBe(0);

    await root.getByRole('button', { name: 'Add a location to Stock' }).click();
    await dialog().getByLabel('Location name').fill('Cold-Room');
    await dialog().getByRole('button', { name: 'Add' }).click();
    await tree
      .getByRole('treeitem', { name: /Cold-Room/ })
      .getByText(`${code}/Stock/Cold-Room`)
      .waitFor();
    await page.getByText('2 locations').waitFor();
  });

  it('adds a reorder rule to a product for a warehouse', async () => {
    const code = `W${unique()}`;
    await created('warehouses', { code, name: 'Reorder warehouse' });
    const name = `Apples ${unique()}`;
    await created('products', { sku: `APL-${unique()}`, name, unit: 'kg' });

    await page.goto(`${server.url}/products`);
    await page.getByLabel('Search SKU, name or barcode').fill(name);
    await page
      .getByRole('table', { name: 'Products' })
      .getByRole('link', { name, exact: true })
      .click();
    await page.getByRole('heading', { name: 'Reorder rules' }).waitFor();

    await page.getByRole('button', { name: 'Add rule' }).click();
    await dialog().getByRole('combobox', { name: 'Warehouse' }).click();
    await page.getByRole('option', { name: `${code} — Reorder warehouse` }).click();
    await dialog().getByLabel('Minimum quantity').fill('5');
    await dialog().getByLabel('Maximum quantity').fill('2.5');
    await dialog().getByRole('button', { name: 'Add rule' }).click();
    await dialog().getByText('The maximum must be at least the minimum (5).').waitFor();

    await dialog().getByLabel('Maximum quantity').fill('20.5');
    await dialog().getByRole('button', { name: 'Add rule' }).click();
    await dialog().waitFor({ state: 'detached' });
    const rule = page
      .getByRole('table', { name: 'Reorder rules' })
      .getByRole('row', { name: new RegExp(code) });
    expect(await rule.innerText()).toMatch(/5 kg[\s\S]*20\.5 kg/);
  });
});
