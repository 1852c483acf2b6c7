import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { APIRequestContext, Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, watchPageErrors } from './support/browser';
import { RunningServer, startServer } from './support/server';

const ADMIN = {
  fullName: 'Olga Operations',
  email: 'olga@example.com',
  password: 'operations-password-1',
};

/** Chromium logs every 4xx answer as a console error: the refused validations are expected. */
const realErrors = (errors: string[]) =>
  errors.filter((error) => !/Failed to load resource: .*status of 422/.test(error));

interface StockedProduct {
  id: string;
  sku: string;
}

/**
 * Validate posts what the operation editor shows. Each test makes its own product and stock, so
 * that none depends on another having run.
 */
describe('validating an operation, in Chromium', () => {
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
    dataDir = mkdtempSync(join(tmpdir(), 'sm-operations-'));
    chmodSync(dataDir, 0o755);
    server = await startServer(dataDir);
    browser = await launchChromium();
    context = await browser.newContext();
    api = context.request;
    const setup = await api.post(`${server.url}/api/v1/auth/setup`, { data: ADMIN });
    expect(setup.status()).toBe(201);
    headers = {
      Authorization: `Bearer ${((await setup.json()) as { accessToken: string }).accessToken}`,
    };
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

  /** A new product with `onHand` units received into MAIN/Stock. */
  async function stockedProduct(onHand: string): Promise<StockedProduct> {
    const sku = `OPS-${randomUUID().slice(0, 8).toUpperCase()}`;
    const created = await api.post(`${server.url}/api/v1/products`, {
      headers,
      data: { sku, name: `Jars ${sku}`, unit: 'unit' },
    });
    expect(created.status()).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const receipt = await api.post(`${server.url}/api/v1/stock-moves`, {
      headers: { ...headers, 'Idempotency-Key': randomUUID() },
      data: { type: 'receipt', warehouseId, productId: id, quantity: onHand },
    });
    expect(receipt.status()).toBe(201);
    return { id, sku };
  }

  /** What the API says the operation posted: its status, line quantities and moves. */
  async function posted(operationId: string) {
    const res = await api.get(`${server.url}/api/v1/operations/${operationId}`, { headers });
    expect(res.status()).toBe(200);
    const operation = (await res.json()) as {
      status: string;
      lines: { quantity: string }[];
      moves: { quantity: string }[];
    };
    const ledger = await api.get(`${server.url}/api/v1/stock-moves`, {
      headers,
      params: { operationId },
    });
    expect(ledger.status()).toBe(200);
    const moves = ((await ledger.json()) as { data: { quantity: string }[] }).data;
    return {
      status: operation.status,
      lines: operation.lines.map((l) => l.quantity),
      ledger: moves.map((m) => m.quantity),
    };
  }

  async function onHand(productId: string): Promise<string> {
    const res = await api.get(`${server.url}/api/v1/stock-levels`, {
      headers,
      params: { productId },
    });
    const levels = ((await res.json()) as { data: { quantity: string }[] }).data;
    return levels.map((l) => l.quantity).join(',');
  }

  const line = (n: number) => page.getByRole('group', { name: `Line ${n}`, exact: true });

  async function newDeliveryOf(product: StockedProduct, quantity: string) {
    await page.goto(`${server.url}/operations/new?type=delivery`);
    await page.getByRole('heading', { name: 'New delivery' }).waitFor();
    await page.getByRole('combobox', { name: 'Warehouse' }).getByText('MAIN').waitFor();
    const scan = page.getByLabel('Scan barcode or SKU');
    await scan.fill(product.sku);
    await scan.press('Enter');
    await page.getByText(`${product.sku} — Jars ${product.sku} added as line 1.`).waitFor();
    await line(1).getByLabel('Quantity').fill(quantity);
  }

  const operationIdFromUrl = () => page.url().split('/').pop()!;

  it('after a refused validation, validates the quantity typed since, not the one stored', async () => {
    const product = await stockedProduct('40');
    await newDeliveryOf(product, '1000');
    await page.getByRole('button', { name: 'Validate' }).click();

    // Saved as a draft, refused: the line says why.
    await page.waitForURL(/\/operations\/[0-9a-f-]{36}$/);
    await line(1)
      .getByText(/Only 40 on hand/)
      .waitFor();
    await page
      .getByRole('alert')
      .getByText(/nothing was posted\. 1 line needs attention/)
      .waitFor();
    const id = operationIdFromUrl();
    expect(await posted(id)).toEqual({ status: 'draft', lines: ['1000'], ledger: [] });

    await line(1).getByLabel('Quantity').fill('3');
    // The refusal was about 1000 units: it goes as soon as the line no longer says 1000.
    expect(
      await line(1)
        .getByText(/Only 40 on hand/)
        .count(),
    ).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.getByRole('button', { name: 'Validate' }).click();

    await page.locator('sm-operation-status').getByText('Done').waitFor();
    expect(await posted(id)).toEqual({ status: 'done', lines: ['3'], ledger: ['3'] });
    expect(await onHand(product.id)).toBe('37');
    // The document shows what was posted.
    const lines = page.getByRole('table', { name: 'Lines' });
    expect(await lines.getByRole('row', { name: new RegExp(product.sku) }).innerText()).toMatch(
      /3 units/,
    );
  });

  it('validates the quantity edited after Save draft', async () => {
    const product = await stockedProduct('10');
    await newDeliveryOf(product, '6');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText(/has been saved as a draft/).waitFor();
    await page.waitForURL(/\/operations\/[0-9a-f-]{36}$/);
    const id = operationIdFromUrl();
    expect(await posted(id)).toEqual({ status: 'draft', lines: ['6'], ledger: [] });

    await line(1).getByLabel('Quantity').fill('2.5');
    await page.getByRole('button', { name: 'Validate' }).click();

    await page.locator('sm-operation-status').getByText('Done').waitFor();
    expect(await posted(id)).toEqual({ status: 'done', lines: ['2.5'], ledger: ['2.5'] });
    expect(await onHand(product.id)).toBe('7.5');
  });
});
