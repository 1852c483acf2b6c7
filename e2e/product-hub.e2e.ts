import { addDays, todayIn } from '@stockmaster/contracts';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, watchPageErrors } from './support/browser';
import { RunningServer, startServer } from './support/server';

const ADMIN = { fullName: 'Hana Hub', email: 'hana@example.com', password: 'product-hub-pass-1' };

/** Where the screenshots go, to be looked at by people (not compared). */
const SHOTS = process.env['E2E_SCREENSHOTS'] || join(tmpdir(), 'sm-product-hub-shots');

/**
 * A trout with two batches in two locations of MAIN, one about to expire and one quarantined,
 * some more in SHOP, and a draft delivery: its page must tell all of it at a glance.
 */
describe('the product page as the hub, in Chromium', () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let productId: string;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'sm-hub-'));
    chmodSync(dataDir, 0o755);
    server = await startServer(dataDir);
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const setup = await context.request.post(`${server.url}/api/v1/auth/setup`, { data: ADMIN });
    expect(setup.status()).toBe(201);
    const { accessToken } = (await setup.json()) as { accessToken: string };
    const headers = { Authorization: `Bearer ${accessToken}` };
    const post = async <T = { id: string }>(path: string, data: object, status = 201) => {
      const res = await context.request.post(`${server.url}/api/v1/${path}`, { headers, data });
      expect({ path, status: res.status() }).toEqual({ path, status });
      return (await res.json()) as T;
    };
    const today = todayIn(process.env['TZ'] || 'UTC');
    const main = await post<{ id: string; rootLocationId: string }>('warehouses', {
      code: 'MAIN',
      name: 'Main warehouse',
    });
    const shop = await post('warehouses', { code: 'SHOP', name: 'Shop floor' });
    const cold = await post('locations', { parentId: main.rootLocationId, name: 'Cold room' });
    const trout = await post('products', {
      sku: 'TRT-1',
      name: 'Smoked trout',
      unit: 'kg',
      tracking: 'batch',
      expiryWarningDays: 3,
    });
    productId = trout.id;
    const receive = (warehouseId: string, quantity: string, batch: object, to?: string) =>
      post<{ move: { batch: { id: string } } }>('stock-moves', {
        type: 'receipt',
        warehouseId,
        productId: trout.id,
        quantity,
        batch,
        ...(to ? { destinationLocationId: to } : {}),
      });
    await receive(main.id, '6', { code: 'L-SOON', expiresAt: addDays(today, 2) }, cold.id);
    const held = await receive(main.id, '4', { code: 'L-HELD', expiresAt: addDays(today, 20) });
    await post(
      `batches/${held.move.batch.id}/quarantine`,
      { reason: 'Supplier alert: listeria check' },
      200,
    );
    await receive(shop.id, '2.5', { code: 'L-SHOP', expiresAt: addDays(today, 20) });
    await post('operations', {
      type: 'delivery',
      warehouseId: main.id,
      partner: 'Bistro Lumière',
      lines: [{ productId: trout.id, quantity: '3' }],
    });
    // Another product's draft, which the trout's operations leave out.
    const salt = await post('products', { sku: 'SLT-1', name: 'Sea salt', unit: 'kg' });
    await post('operations', {
      type: 'receipt',
      warehouseId: main.id,
      partner: 'Salt works',
      lines: [{ productId: salt.id, quantity: '5' }],
    });
    page = await context.newPage();
    errors = watchPageErrors(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  /** The console scrolls inside its shell, so a tall viewport shows the whole page at once. */
  async function shot(name: string) {
    const { width, height } = page.viewportSize()!;
    await page.setViewportSize({ width, height: 2400 });
    await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
    await page.setViewportSize({ width, height });
  }
  /** Nothing wider than the viewport: a phone never scrolls the page sideways. */
  const pageWidth = () =>
    page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);

  async function openProduct() {
    await page.goto(`${server.url}/products/${productId}`);
    await page.getByRole('heading', { name: 'Smoked trout' }).waitFor();
    await page.locator('.levels li').first().waitFor();
    await page.locator('.drafts li').first().waitFor();
  }

  it('shows per warehouse on hand and available, each batch with its chips, recent moves and the open draft', async () => {
    await openProduct();
    const perWarehouse = page.getByRole('table', { name: 'On hand per warehouse' });
    const row = (code: string) => perWarehouse.getByRole('row').filter({ hasText: code });
    expect((await row('MAIN').innerText()).split(/\s*\t\s*|\n/).filter(Boolean)).toEqual([
      'MAIN',
      '10 kg',
      '6 kg',
      '0 kg',
      '4 kg',
    ]);
    expect(await row('SHOP').innerText()).toMatch(/SHOP\s+2\.5 kg\s+2\.5 kg\s+0 kg\s+0 kg/);

    const level = (code: string) => page.locator('.levels li').filter({ hasText: code });
    expect(await level('L-SOON').innerText()).toMatch(
      /MAIN\/Stock\/Cold room[\s\S]*Use soon · 2 days left[\s\S]*6 kg/,
    );
    expect(await level('L-HELD').locator('sm-batch-status-chip').innerText()).toContain(
      'Quarantined',
    );
    expect(await level('L-HELD').locator('sm-freshness-chip').innerText()).toContain('Fresh');

    const moves = page.getByRole('table', { name: 'Recent moves' });
    expect(await moves.getByRole('row').count()).toBe(4);
    expect(await moves.innerText()).toContain('MAIN/IN/00001');
    const draft = page.locator('.drafts li');
    expect(await draft.innerText()).toMatch(/MAIN\/OUT\/00001[\s\S]*Bistro Lumière[\s\S]*1 line/);
    await shot('product-desktop');

    await page.getByRole('link', { name: 'All moves of this product' }).click();
    await page.waitForURL(/\/ledger\?productId=/);
    await page.locator('tr.mat-mdc-row').first().waitFor();
    expect(await page.locator('tr.mat-mdc-row').count()).toBe(3);
  });

  it("opens the product's operations from its page, filtered to it, until the filter is cleared", async () => {
    await openProduct();
    await page.getByRole('link', { name: 'All operations of this product' }).click();
    await page.waitForURL(/\/operations\?productId=/);
    await page.locator('tr.mat-mdc-row').first().waitFor();
    expect(await page.getByLabel('Product').inputValue()).toBe('TRT-1 — Smoked trout');
    const rows = page.locator('tr.mat-mdc-row');
    // Three receipts and the draft delivery; the salt's receipt is not among them.
    expect(await rows.count()).toBe(4);
    expect(await page.locator('sm-data-table').innerText()).not.toContain('Salt works');
    await shot('operations-of-product');

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => !url.search.includes('productId'));
    await page.locator('tr.mat-mdc-row').filter({ hasText: 'Salt works' }).waitFor();
    expect(await rows.count()).toBe(5);
    expect(errors).toEqual([]);
  });

  it('lists the product with its on hand', async () => {
    await page.goto(`${server.url}/products`);
    const table = page.getByRole('table', { name: 'Products' });
    const row = table.getByRole('row').filter({ hasText: 'TRT-1' });
    await row.waitFor();
    expect(await table.getByRole('columnheader').allInnerTexts()).toContain('On hand');
    expect(await row.innerText()).toContain('12.5 kg');
    await shot('product-list-desktop');
  });

  it('shows each batch’s chips on the stock levels, and the summary apart', async () => {
    await page.goto(`${server.url}/stock`);
    const levels = page.getByRole('table', { name: 'Stock levels' });
    const held = levels.getByRole('row').filter({ hasText: 'L-HELD' });
    await held.waitFor();
    expect(await held.locator('sm-batch-status-chip').innerText()).toContain('Quarantined');
    expect(
      await levels
        .getByRole('row')
        .filter({ hasText: 'L-SOON' })
        .locator('sm-freshness-chip')
        .innerText(),
    ).toContain('Use soon · 2 days left');
    await shot('stock-levels-desktop');
    await page.getByRole('tab', { name: 'Reorder summary' }).click();
    const summary = page.getByRole('table', { name: 'Stock summary' });
    const main = summary.getByRole('row').filter({ hasText: 'MAIN' });
    await main.waitFor();
    expect(await main.innerText()).toMatch(/10 kg\s+6 kg\s+0 kg\s+4 kg/);
    await shot('stock-summary-desktop');
  });

  it('shows each batch’s chips on the rows of the count sheet', async () => {
    await page.goto(`${server.url}/stock-count`);
    await page.getByRole('combobox', { name: 'Warehouse' }).click();
    await page.getByRole('option', { name: /MAIN/ }).click();
    await page.getByRole('combobox', { name: 'Location' }).click();
    await page.getByRole('option', { name: 'MAIN/Stock', exact: true }).click();
    await page.getByRole('checkbox', { name: 'Include sub-locations' }).check();
    const sheet = page.getByRole('table', { name: /Count sheet/ });
    const held = sheet.getByRole('row').filter({ hasText: 'L-HELD' });
    await held.waitFor();
    expect(await held.locator('sm-batch-status-chip').innerText()).toContain('Quarantined');
    const soon = sheet.getByRole('row').filter({ hasText: 'L-SOON' });
    expect(await soon.locator('sm-freshness-chip').innerText()).toContain('Use soon · 2 days left');
    await shot('count-sheet-desktop');
  });

  it('fits a 390 px phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openProduct();
    expect(await pageWidth()).toEqual([390, 390]);
    await shot('product-390');
    await page.goto(`${server.url}/stock`);
    await page.getByRole('row').filter({ hasText: 'L-HELD' }).waitFor();
    await shot('stock-levels-390');
    await page.getByRole('tab', { name: 'Reorder summary' }).click();
    await page.getByRole('table', { name: 'Stock summary' }).getByRole('row').nth(1).waitFor();
    await shot('stock-summary-390');
    await page.goto(`${server.url}/products`);
    await page.getByRole('row').filter({ hasText: 'TRT-1' }).waitFor();
    await shot('product-list-390');
    await page.goto(`${server.url}/stock-count`);
    await page.getByRole('combobox', { name: 'Warehouse' }).click();
    await page.getByRole('option', { name: /MAIN/ }).click();
    await page.getByRole('combobox', { name: 'Location' }).click();
    await page.getByRole('option', { name: 'MAIN/Stock', exact: true }).click();
    await page.getByRole('row').filter({ hasText: 'L-HELD' }).waitFor();
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    expect(await pageWidth()).toEqual([390, 390]);
    await shot('count-sheet-390');
    expect(errors).toEqual([]);
  });
});
