import { randomInt, randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, watchPageErrors } from './support/browser';
import { RunningServer, startServer } from './support/server';

const ADMIN = {
  fullName: 'Sam Stock',
  email: 'sam@example.com',
  password: 'stock-password-1',
};

/**
 * Chromium logs every 4xx answer as a console error: the 422 of the refused delivery is the
 * console working (it shows the failing line), not breaking.
 */
const realErrors = (errors: string[]) =>
  errors.filter((error) => !/Failed to load resource: .*status of 422/.test(error));

interface Product {
  id: string;
  sku: string;
  barcode: string;
}

/**
 * The stock screens. Each test makes its own product (and stock, through the API), so that none
 * depends on another having run, nor on the order they run in.
 */
describe('the stock screens, in Chromium', () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let api: APIRequestContext;
  let headers: Record<string, string>;
  let warehouseId: string;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sm-stock-'));
    chmodSync(dataDir, 0o755);
    server = await startServer(dataDir);
    browser = await launchChromium();

    // The first admin, created from the browser's own context: its refresh cookie signs the
    // pages in. The warehouse and the products come from the API, as an integrator would make them.
    context = await browser.newContext();
    api = context.request;
    const setup = await api.post(`${server.url}/api/v1/auth/setup`, { data: ADMIN });
    expect(setup.status()).toBe(201);
    const { accessToken } = (await setup.json()) as { accessToken: string };
    headers = { Authorization: `Bearer ${accessToken}` };
    const warehouse = await api.post(`${server.url}/api/v1/warehouses`, {
      headers,
      data: { code: 'MAIN', name: 'Main warehouse' },
    });
    expect(warehouse.status()).toBe(201);
    warehouseId = ((await warehouse.json()) as { id: string }).id;
  }, 120_000);

  beforeEach(async () => {
    page = await context.newPage();
    errors = watchPageErrors(page);
  });

  afterEach(async () => {
    expect(realErrors(errors)).toEqual([]);
    await page.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  const line = (n: number) => page.getByRole('group', { name: `Line ${n}`, exact: true });

  /** A new product, "<SKU> — Apples", sold by the kg, with a barcode of its own. */
  async function newProduct(): Promise<Product> {
    const sku = `APL-${randomUUID().slice(0, 8).toUpperCase()}`;
    const barcode = String(randomInt(1e12, 1e13 - 1));
    const created = await api.post(`${server.url}/api/v1/products`, {
      headers,
      data: { sku, name: 'Apples', unit: 'kg', barcode },
    });
    expect(created.status()).toBe(201);
    return { id: ((await created.json()) as { id: string }).id, sku, barcode };
  }

  /** A new product with `quantity` kg received into MAIN/Stock; answers the receipt's reference. */
  async function receivedProduct(quantity: string): Promise<Product & { receipt: string }> {
    const product = await newProduct();
    const received = await api.post(`${server.url}/api/v1/stock-moves`, {
      headers: { ...headers, 'Idempotency-Key': randomUUID() },
      data: { type: 'receipt', warehouseId, productId: product.id, quantity },
    });
    expect(received.status()).toBe(201);
    const { operation } = (await received.json()) as { operation: { reference: string } };
    return { ...product, receipt: operation.reference };
  }

  /** Types a code into the scan field and presses Enter, as a hand-held scanner does. */
  async function scan(code: string) {
    const field = page.getByLabel('Scan barcode or SKU');
    await field.fill(code);
    await field.press('Enter');
  }

  it('receives stock through a receipt built with the scan field, and validates it', async () => {
    const { sku, barcode } = await newProduct();
    await page.goto(`${server.url}/operations`);
    await page.getByRole('heading', { name: 'Operations' }).waitFor();
    await page.getByRole('button', { name: 'New operation' }).click();
    await page.getByRole('menuitem', { name: 'Receipt' }).click();
    await page.getByRole('heading', { name: 'New receipt' }).waitFor();
    // The only warehouse is chosen by itself.
    await page.getByRole('combobox', { name: 'Warehouse' }).getByText('MAIN').waitFor();

    await scan(sku);
    await page.getByText(`${sku} — Apples added as line 1.`).waitFor();
    expect(await line(1).getByLabel('Product').inputValue()).toBe(`${sku} — Apples`);
    // Scanning the barcode of the same product adds 1 to its line; focus stays for the next scan.
    await scan(barcode);
    await page.getByText('line 1 is now 2').waitFor();
    expect(
      await page.getByLabel('Scan barcode or SKU').evaluate((e) => e === document.activeElement),
    ).toBe(true);
    await scan('NO-SUCH-CODE');
    await page.getByText('No active product has the SKU or barcode “NO-SUCH-CODE”.').waitFor();
    expect(await page.getByRole('group', { name: /^Line \d+$/ }).count()).toBe(1);

    await line(1).getByLabel('Quantity').fill('12.5');
    await page.getByRole('button', { name: 'Validate' }).click();

    await page.waitForURL(/\/operations\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: /^MAIN\/IN\/\d{5}$/ }).waitFor();
    await page.locator('sm-operation-status').getByText('Done').waitFor();
    const moves = page.getByRole('table', { name: 'Stock moves' });
    await moves.getByRole('row', { name: new RegExp(sku) }).waitFor();
    expect(await moves.getByRole('row', { name: new RegExp(sku) }).innerText()).toMatch(
      new RegExp(`${sku}[\\s\\S]*MAIN/Stock[\\s\\S]*12\\.5 kg`),
    );
    // Done means read-only: no scan field, no Validate.
    expect(await page.getByLabel('Scan barcode or SKU').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Validate' }).count()).toBe(0);
  });

  it('shows the received quantity on the stock levels page', async () => {
    const { sku } = await receivedProduct('12.5');
    await page.goto(server.url);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Stock levels/ })
      .click();
    await page.getByRole('heading', { name: 'Stock levels' }).waitFor();
    const row = page
      .getByRole('table', { name: 'Stock levels' })
      .getByRole('row', { name: new RegExp(sku) });
    await row.waitFor();
    expect(await row.innerText()).toMatch(
      new RegExp(`${sku} — Apples[\\s\\S]*MAIN/Stock[\\s\\S]*12\\.5 kg`),
    );
  });

  it('shows the stock as it stood at the end of a past day, kept in the URL until back to now', async () => {
    const { id, sku } = await newProduct();
    const received = await api.post(`${server.url}/api/v1/stock-moves`, {
      headers,
      data: { type: 'receipt', warehouseId, productId: id, quantity: '7' },
    });
    expect(received.status()).toBe(201);
    const { operation } = (await received.json()) as { operation: { doneAt: string } };
    // The receipt's day and the day before, in the browser's time zone: as-of is a local day.
    const [receiptDay, dayBefore] = await page.evaluate((doneAt) => {
      const day = (date: Date) =>
        `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
      const done = new Date(doneAt);
      return [day(done), day(new Date(done.getFullYear(), done.getMonth(), done.getDate() - 1))];
    }, operation.doneAt);
    const table = page.getByRole('table', { name: 'Stock levels' });
    const note = page.getByText(/Showing stock as it was at the end of/);
    const row = table.getByRole('row', { name: new RegExp(sku) });

    await page.goto(`${server.url}/stock?warehouseId=${warehouseId}&asOf=${dayBefore}`);
    await note.waitFor();
    await page.getByText('No stock matches.').waitFor();
    expect(await row.count()).toBe(0);

    // The end of the receipt's day holds it; a reload keeps the day.
    await page.goto(`${server.url}/stock?warehouseId=${warehouseId}&asOf=${receiptDay}`);
    await row.waitFor();
    expect(await row.innerText()).toMatch(
      new RegExp(`${sku} — Apples[\\s\\S]*MAIN/Stock[\\s\\S]*7 kg`),
    );
    await page.reload();
    await note.waitFor();
    await row.waitFor();
    expect(new URL(page.url()).searchParams.get('asOf')).toBe(receiptDay);

    await page.getByRole('button', { name: 'Back to now' }).click();
    await note.waitFor({ state: 'detached' });
    await page.waitForURL((url) => !url.searchParams.has('asOf'));
    await row.waitFor();
  });

  it('refuses a delivery larger than the stock and marks the failing line with its message', async () => {
    const { sku } = await receivedProduct('12.5');
    await page.goto(`${server.url}/operations/new?type=delivery`);
    await page.getByRole('heading', { name: 'New delivery' }).waitFor();
    await page.getByRole('combobox', { name: 'Warehouse' }).getByText('MAIN').waitFor();
    await scan(sku);
    await line(1).getByLabel('Quantity').waitFor();
    await line(1).getByLabel('Quantity').fill('20');
    await page.getByRole('button', { name: 'Validate' }).click();

    // Saved as a draft, refused at validation: the line is outlined and says why, in words.
    await page.getByRole('heading', { name: /^MAIN\/OUT\/\d{5}$/ }).waitFor();
    const failing = line(1);
    await failing.getByText(/Only 12\.5 on hand/).waitFor();
    expect(await failing.getAttribute('class')).toContain('failing');
    await page
      .getByRole('alert')
      .getByText(/1 line needs attention/)
      .waitFor();
    await page.locator('sm-operation-status').getByText('Draft').waitFor();

    // Nothing moved.
    await page.goto(`${server.url}/stock`);
    const row = page
      .getByRole('table', { name: 'Stock levels' })
      .getByRole('row', { name: new RegExp(sku) });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/12\.5 kg/);
  });

  it('shows the on-hand summary of a product without a reorder rule', async () => {
    const { sku } = await receivedProduct('12.5');
    await page.goto(`${server.url}/stock`);
    await page.getByRole('heading', { name: 'Stock levels' }).waitFor();
    await page.getByRole('tab', { name: 'Reorder summary' }).click();
    const summary = page
      .getByRole('table', { name: 'Stock summary' })
      .getByRole('row', { name: new RegExp(sku) });
    await summary.waitFor();
    expect(await summary.innerText()).toMatch(/12\.5 kg[\s\S]*No reorder rule/);
  });

  it('shows the receipt in the ledger', async () => {
    const { sku, receipt } = await receivedProduct('12.5');
    await page.goto(server.url);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Ledger/ })
      .click();
    const moves = page.getByRole('table', { name: 'Stock moves' });
    await moves.getByRole('row', { name: receipt }).waitFor();
    expect(await moves.getByRole('row', { name: receipt }).innerText()).toMatch(
      new RegExp(`${sku}[\\s\\S]*MAIN/Stock[\\s\\S]*12\\.5 kg`),
    );
    await page.getByText('That is the oldest move.').waitFor();
  });

  it('counts a location and applies the difference as an adjustment', async () => {
    const { sku } = await receivedProduct('12.5');
    await page.goto(server.url);
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: /Stock count/ })
      .click();
    await page.getByRole('heading', { name: 'Stock count' }).waitFor();
    await page.getByRole('combobox', { name: 'Warehouse' }).click();
    await page.getByRole('option', { name: /MAIN/ }).click();
    await page.getByRole('combobox', { name: 'Location' }).click();
    // Locations are picked by their full path: two rooms may each have a "Shelf A".
    await page.getByRole('option', { name: 'MAIN/Stock', exact: true }).click();

    const sheet = page.getByRole('table', { name: /Count sheet/ });
    const row = sheet.getByRole('row', { name: new RegExp(sku) });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/12\.5 kg/);
    // Empty, the field keeps its label above the input, clear of the unit after it.
    const counted = page.locator('mat-form-field', { has: page.getByLabel(`Counted ${sku}`) });
    expect(await counted.locator('.mdc-floating-label--float-above').count()).toBe(1);
    await page.getByLabel(`Counted ${sku}`).fill('10');
    expect(await row.innerText()).toMatch(/−2\.5/);

    // Rows of other products, left empty, are not changed.
    await page.getByRole('button', { name: 'Create and validate adjustment' }).click();
    await page
      .getByRole('alertdialog')
      .getByRole('button', { name: 'Create and validate' })
      .click();
    await page.getByRole('heading', { name: /Count applied: MAIN\/ADJ\/\d{5}/ }).waitFor();
    const difference = page.getByRole('table', { name: 'Differences' }).getByRole('row', {
      name: new RegExp(sku),
    });
    expect(await difference.innerText()).toMatch(/MAIN\/Stock[\s\S]*−2\.5 kg/);
    // The sheet is read again: the system now holds what was counted.
    await sheet
      .getByRole('row', { name: new RegExp(sku) })
      .getByText('10 kg')
      .waitFor();
  });
});
