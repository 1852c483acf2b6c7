import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PRODUCT_CSV_COLUMNS } from '@stockmaster/contracts';
import { Browser, Page } from 'playwright-core';
import { launchChromium, watchPageErrors } from './support/browser';
import { RunningServer, startServer } from './support/server';

const ADMIN = {
  fullName: 'Cleo Catalog',
  email: 'cleo@example.com',
  password: 'catalog-password-1',
};

/**
 * A signed-out visit asks `POST /auth/refresh` whether a session cookie exists; Chromium logs
 * the 401 answer as a console error. That is the console working, not breaking.
 */
const realErrors = (errors: string[]) =>
  errors.filter((error) => !/Failed to load resource: .*status of 401/.test(error));

describe('the catalog screens, in Chromium', () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sm-catalog-'));
    chmodSync(dataDir, 0o755);
    server = await startServer(dataDir);
    browser = await launchChromium();

    const setup = await fetch(`${server.url}/api/v1/auth/setup`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(ADMIN),
    });
    expect(setup.status).toBe(201);

    page = await browser.newPage();
    errors = watchPageErrors(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  const nav = () => page.getByRole('navigation', { name: 'Main' });
  const dialog = () => page.getByRole('dialog');

  it('signs in through the login page', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email address').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();

    await page.waitForURL(`${server.url}/`);
    await nav()
      .getByRole('link', { name: /Products/ })
      .waitFor();
  });

  it('creates a category in the categories tree', async () => {
    await nav()
      .getByRole('link', { name: /Categories/ })
      .click();
    await page.getByRole('heading', { name: 'Categories' }).waitFor();
    await page.getByText('No categories yet').waitFor();

    await page.getByRole('button', { name: 'Add category' }).click();
    await dialog().getByLabel('Category name').fill('Fresh produce');
    await dialog().getByRole('button', { name: 'Add' }).click();

    const tree = page.getByRole('tree', { name: 'Categories' });
    await tree.getByRole('treeitem', { name: /Fresh produce/ }).waitFor();
    await dialog().waitFor({ state: 'detached' });
  });

  it('creates a product in that category through the product form and finds it in the list', async () => {
    await nav()
      .getByRole('link', { name: /Products/ })
      .click();
    await page.getByRole('heading', { name: 'Products' }).waitFor();
    await page.getByRole('link', { name: 'New product' }).click();
    await page.getByRole('heading', { name: 'New product' }).waitFor();

    await page.getByLabel('SKU').fill('APL-1');
    await page.getByLabel('Name', { exact: true }).fill('Apples');
    await page.getByRole('combobox', { name: 'Category' }).click();
    await page.getByRole('option', { name: 'Fresh produce' }).click();
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
    const row = table.getByRole('row', { name: /APL-1/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Apples[\s\S]*Fresh produce[\s\S]*kg[\s\S]*Active/);

    // The search box narrows the list and lands in the URL.
    await page.getByLabel('Search SKU, name or barcode').fill('nothing-like-this');
    await page.getByText('No products match.').waitFor();
    await page.waitForURL(/search=nothing-like-this/);
    await page.getByLabel('Search SKU, name or barcode').fill('');
    await row.waitFor();
  });

  it('checks a CSV with a dry run and lists the bad row, offering no import', async () => {
    const file = join(dataDir, 'products.csv');
    writeFileSync(
      file,
      [
        PRODUCT_CSV_COLUMNS.join(','),
        'PEAR-1,Pears,,Fresh produce,kg,,none,10,2',
        'STAR-1,Stardust,,Fresh produce,parsec,,none,,2',
      ].join('\n') + '\n',
    );

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
    expect(await page.getByRole('row', { name: /PEAR-1/ }).count()).toBe(0);
    expect(realErrors(errors)).toEqual([]);
  });

  it('creates a warehouse and grows its location tree under the fixed root', async () => {
    await nav()
      .getByRole('link', { name: /Warehouses/ })
      .click();
    await page.getByRole('button', { name: 'New warehouse' }).click();
    await dialog().getByLabel('Code').fill('main');
    await dialog().getByLabel('Name').fill('Main warehouse');
    await dialog().getByRole('button', { name: 'Create warehouse' }).click();

    await page.waitForURL(/\/warehouses\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: 'MAIN — Main warehouse' }).waitFor();
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
      .getByText('MAIN/Stock/Cold-Room')
      .waitFor();
    await page.getByText('2 locations').waitFor();
  });

  it('adds a reorder rule to the product for that warehouse', async () => {
    await nav()
      .getByRole('link', { name: /Products/ })
      .click();
    await page
      .getByRole('table', { name: 'Products' })
      .getByRole('link', { name: 'Apples', exact: true })
      .click();
    await page.getByRole('heading', { name: 'Reorder rules' }).waitFor();

    await page.getByRole('button', { name: 'Add rule' }).click();
    await dialog().getByRole('combobox', { name: 'Warehouse' }).click();
    await page.getByRole('option', { name: 'MAIN — Main warehouse' }).click();
    await dialog().getByLabel('Minimum quantity').fill('5');
    await dialog().getByLabel('Maximum quantity').fill('2.5');
    await dialog().getByRole('button', { name: 'Add rule' }).click();
    await dialog().getByText('The maximum must be at least the minimum (5).').waitFor();

    await dialog().getByLabel('Maximum quantity').fill('20.5');
    await dialog().getByRole('button', { name: 'Add rule' }).click();
    await dialog().waitFor({ state: 'detached' });
    const rule = page
      .getByRole('table', { name: 'Reorder rules' })
      .getByRole('row', { name: /MAIN/ });
    expect(await rule.innerText()).toMatch(/5 kg[\s\S]*20\.5 kg/);
    expect(realErrors(errors)).toEqual([]);
  });
});
