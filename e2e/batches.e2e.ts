import { addDays, Batch, Page as ListPage, todayIn } from '@stockmaster/contracts';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, watchPageErrors } from './support/browser';
import { RunningServer, startServer } from './support/server';

const ADMIN = {
  fullName: 'Bea Batch',
  email: 'bea@example.com',
  password: 'batch-password-1',
};

/** A phone: the public page is made for one. */
const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
};

/**
 * Chromium logs every 4xx answer as a console error: a rotated code (404) is the page working,
 * not breaking.
 */
const realErrors = (errors: string[]) =>
  errors.filter((error) => !/Failed to load resource: .*status of 404/.test(error));

/**
 * The batch made before all tests is only read; a test that changes a batch (rotates its code,
 * delivers its stock) makes its own, so that none depends on another having run, or not run.
 */
describe('batches and the public freshness page, in Chromium', () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let admin: BrowserContext;
  let headers: Record<string, string>;
  let warehouseId: string;
  let batch: Batch;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sm-batches-'));
    chmodSync(dataDir, 0o755);
    server = await startServer(dataDir);
    browser = await launchChromium();

    admin = await browser.newContext();
    const setup = await admin.request.post(`${server.url}/api/v1/auth/setup`, { data: ADMIN });
    expect(setup.status()).toBe(201);
    const { accessToken } = (await setup.json()) as { accessToken: string };
    headers = { Authorization: `Bearer ${accessToken}` };

    const warehouse = await admin.request.post(`${server.url}/api/v1/warehouses`, {
      headers,
      data: { code: 'MAIN', name: 'Main warehouse' },
    });
    expect(warehouse.status()).toBe(201);
    warehouseId = ((await warehouse.json()) as { id: string }).id;
    const product = await admin.request.post(`${server.url}/api/v1/products`, {
      headers,
      data: {
        sku: 'MLK-1',
        name: 'Fresh whole milk',
        unit: 'l',
        tracking: 'batch',
        shelfLifeDays: 5,
        expiryWarningDays: 3,
      },
    });
    expect(product.status()).toBe(201);
    const productId = ((await product.json()) as { id: string }).id;

    // Received 3 days ago with a shelf life of 5 and a warning of 3: day 3 is "use soon".
    const today = todayIn(process.env['TZ'] || 'UTC');
    const receipt = await admin.request.post(`${server.url}/api/v1/stock-moves`, {
      headers,
      data: {
        type: 'receipt',
        productId,
        quantity: '24',
        warehouseId,
        batch: { code: 'L-MLK-001', receivedAt: addDays(today, -3) },
      },
    });
    expect(receipt.status()).toBe(201);

    const list = await admin.request.get(`${server.url}/api/v1/batches`, {
      headers,
      params: { productId },
    });
    expect(list.status()).toBe(200);
    const page = (await list.json()) as ListPage<Batch>;
    expect(page.data).toHaveLength(1);
    batch = page.data[0];
    expect(batch.freshness).toEqual({ status: 'caution', daysOnShelf: 3, daysToExpiry: 2 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  /**
   * A new batch-tracked product "Fresh whole milk" (SKU `MLK-…`) and 24 l of it received 3 days
   * ago into MAIN in a batch of its own; answers the product's SKU and the batch.
   */
  async function receivedBatch(): Promise<{ sku: string; batch: Batch }> {
    const suffix = randomUUID().slice(0, 6).toUpperCase();
    const sku = `MLK-${suffix}`;
    const product = await admin.request.post(`${server.url}/api/v1/products`, {
      headers,
      data: {
        sku,
        name: 'Fresh whole milk',
        unit: 'l',
        tracking: 'batch',
        shelfLifeDays: 5,
        expiryWarningDays: 3,
      },
    });
    expect(product.status()).toBe(201);
    const productId = ((await product.json()) as { id: string }).id;
    const today = todayIn(process.env['TZ'] || 'UTC');
    const receipt = await admin.request.post(`${server.url}/api/v1/stock-moves`, {
      headers,
      data: {
        type: 'receipt',
        productId,
        quantity: '24',
        warehouseId,
        batch: { code: `L-${suffix}-1`, receivedAt: addDays(today, -3) },
      },
    });
    expect(receipt.status()).toBe(201);
    const list = await admin.request.get(`${server.url}/api/v1/batches`, {
      headers,
      params: { productId },
    });
    expect(list.status()).toBe(200);
    const [received] = ((await list.json()) as ListPage<Batch>).data;
    return { sku, batch: received };
  }

  /** `/fresh/<token>` on this server (the batch's publicUrl may name another host). */
  const freshUrl = (publicUrl: string) => {
    const token = new URL(publicUrl).pathname.split('/').pop()!;
    expect(new URL(publicUrl).pathname).toBe(`/fresh/${token}`);
    return `${server.url}/fresh/${token}`;
  };

  /** A stranger's phone: a new context with no cookies and no session. */
  async function openOnPhone(url: string): Promise<{ page: Page; errors: string[] }> {
    const context = await browser.newContext(PHONE);
    const page = await context.newPage();
    const errors = watchPageErrors(page);
    await page.goto(url);
    return { page, errors };
  }

  it('lists the batch with its "use soon" chip, and shows its QR code', async () => {
    const page = await admin.newPage();
    const errors = watchPageErrors(page);
    await page.goto(`${server.url}/batches`);
    await page.getByRole('heading', { name: 'Batches' }).waitFor();
    const row = page
      .getByRole('table', { name: 'Batches' })
      .getByRole('row', { name: /L-MLK-001/ });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/MLK-1 — Fresh whole milk[\s\S]*Use soon · 2 days left/);

    await row.getByRole('link', { name: 'L-MLK-001' }).click();
    await page.getByRole('heading', { name: /L-MLK-001/ }).waitFor();
    const qr = page.getByRole('img', { name: 'QR code of batch L-MLK-001' });
    await qr.waitFor();
    await page.waitForFunction(
      () =>
        (document.querySelector('img[alt="QR code of batch L-MLK-001"]') as HTMLImageElement)
          ?.naturalWidth > 0,
    );
    expect(await page.getByRole('textbox', { name: 'Public link' }).inputValue()).toBe(
      batch.publicUrl,
    );
    expect(realErrors(errors)).toEqual([]);
    await page.close();
  });

  it('shows a stranger on a phone the caution status and the product, without signing in', async () => {
    const { page, errors } = await openOnPhone(freshUrl(batch.publicUrl));
    const banner = page.getByRole('region', { name: 'Use soon' });
    await banner.waitFor();
    expect(await banner.innerText()).toMatch(/2 days left/);
    await page.getByRole('heading', { name: 'Fresh whole milk' }).waitFor();
    expect(await page.getByText('L-MLK-001').count()).toBe(1);
    // The public page, not the console: no sign-in redirect and no navigation.
    expect(new URL(page.url()).pathname).toMatch(/^\/fresh\//);
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    // Fits the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      390,
    );
    expect(realErrors(errors)).toEqual([]);
    await page.context().close();
  });

  it('says an old code is not valid any more once the token is rotated', async () => {
    const { batch } = await receivedBatch();
    const rotated = await admin.request.post(
      `${server.url}/api/v1/batches/${batch.id}/rotate-token`,
      { headers },
    );
    expect(rotated.status()).toBe(201);
    const { publicUrl } = (await rotated.json()) as Batch;
    expect(publicUrl).not.toBe(batch.publicUrl);

    const old = await openOnPhone(freshUrl(batch.publicUrl));
    await old.page.getByRole('heading', { name: 'This code is not valid any more' }).waitFor();
    expect(new URL(old.page.url()).pathname).toMatch(/^\/fresh\//);
    expect(await old.page.getByText('Fresh whole milk').count()).toBe(0);
    expect(realErrors(old.errors)).toEqual([]);
    await old.page.context().close();

    const fresh = await openOnPhone(freshUrl(publicUrl));
    await fresh.page.getByRole('heading', { name: 'Fresh whole milk' }).waitFor();
    await fresh.page.context().close();
  });
  it('receives a new batch through a receipt line, then shows the FEFO allocation of a delivery', async () => {
    const { sku, batch: older } = await receivedBatch();
    const newer = older.code.replace(/-1$/, '-2');
    const page = await admin.newPage();
    const errors = watchPageErrors(page);
    const line = (n: number) => page.getByRole('group', { name: `Line ${n}`, exact: true });
    const scan = async (code: string) => {
      const field = page.getByLabel('Scan barcode or SKU');
      await field.fill(code);
      await field.press('Enter');
    };

    await page.goto(`${server.url}/operations/new?type=receipt`);
    await page.getByRole('heading', { name: 'New receipt' }).waitFor();
    await page.getByRole('combobox', { name: 'Warehouse' }).getByText('MAIN').waitFor();
    await scan(sku);
    await line(1).getByLabel('Quantity').fill('10');
    const batchField = line(1).getByRole('combobox', { name: 'Batch' });
    await batchField.fill(newer);
    await batchField.press('Escape');
    await line(1).getByText('New batch: created when the receipt is validated.').waitFor();
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.locator('sm-operation-status').getByText('Done').waitFor();
    // Done: a document whose line names the batch it received.
    const lines = page.getByRole('table', { name: 'Lines' });
    await lines
      .getByRole('row', { name: new RegExp(sku) })
      .getByText(newer)
      .waitFor();

    // 24 l of the older batch (expiring first) and 6 l of the new one.
    await page.goto(`${server.url}/operations/new?type=delivery`);
    await page.getByRole('heading', { name: 'New delivery' }).waitFor();
    await page.getByRole('combobox', { name: 'Warehouse' }).getByText('MAIN').waitFor();
    await scan(sku);
    await line(1).getByLabel('Quantity').fill('30');
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.locator('sm-operation-status').getByText('Done').waitFor();
    const allocation = lines.getByRole('row', { name: new RegExp(sku) });
    await allocation.getByText(older.code).waitFor();
    expect(await allocation.innerText()).toMatch(
      new RegExp(
        `Earliest expiry first[\\s\\S]*${older.code}[\\s\\S]*24 l[\\s\\S]*${newer}[\\s\\S]*6 l`,
      ),
    );
    expect(realErrors(errors)).toEqual([]);
    await page.close();
  });
});
