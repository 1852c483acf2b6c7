import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, watchPageErrors } from './support/browser';
import { RunningServer, startServer } from './support/server';

const ADMIN = { fullName: 'Rae Reorder', email: 'rae@example.com', password: 'reorder-password-1' };

/** Where a run leaves its screenshots when SCREENSHOT_DIR is set (for looking, not asserting). */
const SCREENSHOTS = process.env['SCREENSHOT_DIR'];

/**
 * The reorder summary judges each rule against its own warehouse: MAIN holds 76 under a minimum
 * of 100 while SHOP holds 50 with no rule, and the screen must say MAIN is low.
 */
describe('the reorder summary per warehouse, in Chromium', () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sm-summary-'));
    chmodSync(dataDir, 0o755);
    server = await startServer(dataDir);
    browser = await launchChromium();
    context = await browser.newContext();
    const setup = await context.request.post(`${server.url}/api/v1/auth/setup`, { data: ADMIN });
    expect(setup.status()).toBe(201);
    const { accessToken } = (await setup.json()) as { accessToken: string };
    const headers = { Authorization: `Bearer ${accessToken}` };
    const post = async (path: string, data: object) => {
      const res = await context.request.post(`${server.url}/api/v1/${path}`, { headers, data });
      expect(res.status()).toBe(201);
      return (await res.json()) as { id: string };
    };
    const main = await post('warehouses', { code: 'MAIN', name: 'Main warehouse' });
    const shop = await post('warehouses', { code: 'SHOP', name: 'Shop floor' });
    const flour = await post('products', { sku: 'FLR-1', name: 'Flour', unit: 'kg' });
    await post('stock-moves', {
      type: 'receipt',
      warehouseId: main.id,
      productId: flour.id,
      quantity: '76',
    });
    await post('stock-moves', {
      type: 'receipt',
      warehouseId: shop.id,
      productId: flour.id,
      quantity: '50',
    });
    await post('reorder-rules', {
      productId: flour.id,
      warehouseId: main.id,
      minQuantity: '100',
      maxQuantity: '200',
    });
    page = await context.newPage();
    errors = watchPageErrors(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  const summaryRows = () => page.getByRole('table', { name: 'Stock summary' }).getByRole('row');

  async function screenshot(name: string) {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  it('lists each warehouse on its own row and flags the one below its minimum', async () => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${server.url}/stock`);
    await page.getByRole('tab', { name: 'Reorder summary' }).click();
    const mainRow = summaryRows().filter({ hasText: 'MAIN' });
    await mainRow.waitFor();
    expect(await mainRow.innerText()).toMatch(/FLR-1[\s\S]*MAIN[\s\S]*76 kg[\s\S]*Below minimum/);
    const shopRow = summaryRows().filter({ hasText: 'SHOP' });
    expect(await shopRow.innerText()).toMatch(/FLR-1[\s\S]*SHOP[\s\S]*50 kg[\s\S]*No reorder rule/);
    const header = page.getByRole('table', { name: 'Stock summary' }).getByRole('columnheader');
    expect(await header.allInnerTexts()).toEqual(
      expect.arrayContaining(['Product', 'Warehouse', 'On hand']),
    );
    await screenshot('summary-desktop');

    await page.getByRole('checkbox', { name: /below their warehouse’s minimum/ }).check();
    await summaryRows().filter({ hasText: 'SHOP' }).waitFor({ state: 'detached' });
    expect(await summaryRows().filter({ hasText: 'FLR-1' }).count()).toBe(1);
    expect(await summaryRows().filter({ hasText: 'MAIN' }).innerText()).toMatch(/Below minimum/);
  });

  it('works at 390 px wide', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/stock`);
    await page.getByRole('tab', { name: 'Reorder summary' }).click();
    await summaryRows().filter({ hasText: 'SHOP' }).waitFor();
    const belowMinimum = page.getByRole('checkbox', { name: /below their warehouse’s minimum/ });
    await belowMinimum.check();
    await summaryRows().filter({ hasText: 'SHOP' }).waitFor({ state: 'detached' });
    await belowMinimum.uncheck();
    await summaryRows().filter({ hasText: 'SHOP' }).waitFor();
    await screenshot('summary-390');
    expect(errors).toEqual([]);
  });
});
