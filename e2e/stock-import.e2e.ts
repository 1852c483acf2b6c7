import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, watchPageErrors } from './support/browser';
import { RunningServer, startServer } from './support/server';

const ADMIN = { fullName: 'Ida Import', email: 'ida@example.com', password: 'import-password-1' };

/** Where a run leaves its screenshots when SCREENSHOT_DIR is set (for looking, not asserting). */
const SCREENSHOTS = process.env['SCREENSHOT_DIR'];

/**
 * A kitchen moving from a spreadsheet: opening stock from a CSV file on the stock count page —
 * a dry run that points at the bad row, then a clean file, its drafts, one validated, the levels.
 */
describe('opening stock from a file, in Chromium', () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let api: APIRequestContext;
  let headers: Record<string, string>;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sm-stock-import-'));
    chmodSync(dataDir, 0o755);
    server = await startServer(dataDir);
    browser = await launchChromium();
    context = await browser.newContext();
    api = context.request;
    const setup = await api.post(`${server.url}/api/v1/auth/setup`, { data: ADMIN });
    expect(setup.status()).toBe(201);
    const { accessToken } = (await setup.json()) as { accessToken: string };
    headers = { Authorization: `Bearer ${accessToken}` };
    const post = async (path: string, data: object) => {
      const res = await api.post(`${server.url}/api/v1${path}`, { headers, data });
      expect(res.status()).toBe(201);
      return (await res.json()) as { id: string; rootLocationId: string };
    };
    for (const code of ['MAIN', 'SHOP']) {
      const warehouse = await post('/warehouses', { code, name: `${code} kitchen` });
      if (code === 'MAIN')
        await post('/locations', { parentId: warehouse.rootLocationId, name: 'Cold room' });
    }
    await post('/products', { sku: 'RICE-5KG', name: 'Basmati rice', unit: 'kg' });
    await post('/products', {
      sku: 'FETA-1KG',
      name: 'Feta',
      unit: 'kg',
      tracking: 'batch',
      shelfLifeDays: 30,
    });
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

  async function screenshot(name: string) {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  }

  const dialog = () => page.getByRole('dialog', { name: 'Import counts from a file' });
  const upload = (name: string, lines: string[]) =>
    dialog()
      .getByLabel('CSV file of counts')
      .setInputFiles({
        name,
        mimeType: 'text/csv',
        buffer: Buffer.from(`${lines.join('\n')}\n`, 'utf8'),
      });
  const HEADER = 'sku,location,quantity,batch,expiresAt,producedAt';

  it('imports opening stock from a file: dry run, drafts, one validated, the levels', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/stock-count`);
    await page.getByRole('heading', { name: 'Stock count' }).waitFor();
    await page.getByRole('button', { name: 'Import counts from a file' }).click();
    await dialog().waitFor();

    // A spreadsheet with a typo: the dry run names the line and the column, and nothing is offered.
    await upload('opening-bad.csv', [
      HEADER,
      'RICE-5KG,MAIN/Stock,12,,,',
      'RICE-5KG,MAIN/Stok,3,,,',
    ]);
    const errorRow = dialog().getByRole('table', { name: 'Row errors' }).getByRole('row').nth(1);
    await errorRow.waitFor();
    expect(await errorRow.innerText()).toMatch(/3\s+location\s+No location MAIN\/Stok/);
    expect(await dialog().getByRole('button', { name: 'Create drafts' }).isDisabled()).toBe(true);

    // The fixed file: one draft per warehouse, a new batch for the feta.
    await upload('opening.csv', [
      HEADER,
      'RICE-5KG,MAIN/Stock,12,,,',
      'FETA-1KG,MAIN/Stock/Cold room,4.5,F-2611,2027-01-15,2026-11-20',
      'RICE-5KG,SHOP/Stock,2,,,',
    ]);
    await dialog().getByText('The file is valid').waitFor();
    const summary = dialog().getByRole('table', { name: 'Drafts per warehouse' });
    expect(await summary.getByRole('row').allInnerTexts()).toEqual([
      expect.stringMatching(/Warehouse\s+Counted lines\s+New batches/),
      expect.stringMatching(/MAIN\s+2\s+1/),
      expect.stringMatching(/SHOP\s+1\s+0/),
    ]);
    await screenshot('stock-import-desktop');

    await dialog().getByRole('button', { name: 'Create drafts' }).click();
    await dialog().getByText('Drafts created').waitFor();
    const drafts = dialog().getByRole('list', { name: 'Draft adjustments' }).getByRole('link');
    expect(await drafts.allInnerTexts()).toEqual([
      expect.stringMatching(/^MAIN\/ADJ\/\d{5}$/),
      expect.stringMatching(/^SHOP\/ADJ\/\d{5}$/),
    ]);

    // Review MAIN's draft and validate it.
    await drafts.first().click();
    await page.waitForURL(/\/operations\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { name: /^MAIN\/ADJ\/\d{5}$/ }).waitFor();
    await page.locator('sm-operation-status').getByText('Draft').waitFor();
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.locator('sm-operation-status').getByText('Done').waitFor();

    // The levels are the counted quantities; SHOP's draft has not moved anything yet.
    await page.goto(`${server.url}/stock`);
    const levels = page.getByRole('table', { name: 'Stock levels' });
    const rice = levels.getByRole('row', { name: /RICE-5KG/ });
    await rice.first().waitFor();
    expect(await rice.allInnerTexts()).toEqual([expect.stringMatching(/MAIN\/Stock[\s\S]*12 kg/)]);
    const feta = levels.getByRole('row', { name: /FETA-1KG/ });
    expect(await feta.innerText()).toMatch(/MAIN\/Stock\/Cold room[\s\S]*F-2611[\s\S]*4\.5 kg/);
  });

  it('works at 390 px wide', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/stock-count?import=1`);
    await dialog().waitFor();
    await upload('recount.csv', [HEADER, 'RICE-5KG,MAIN/Stock,10,,,', 'NOPE,MAIN/Stock,1,,,']);
    await dialog().getByRole('table', { name: 'Row errors' }).waitFor();
    await screenshot('stock-import-390');
    const box = await dialog().boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
  });
});
