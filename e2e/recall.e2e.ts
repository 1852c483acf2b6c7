import { BatchDetail, Page as ListPage, Batch } from '@stockmaster/contracts';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContext } from 'playwright-core';
import { launchChromium, watchPageErrors } from './support/browser';
import { RunningServer, startServer } from './support/server';

const ADMIN = {
  fullName: 'Rita Recall',
  email: 'rita@example.com',
  password: 'recall-password-1',
};

/** A phone: the public page is made for one. */
const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

/** Where the screenshots go, to be looked at by people (not compared). */
const SHOTS = process.env['E2E_SCREENSHOTS'] || join(tmpdir(), 'sm-recall-shots');

describe('recalling a batch from its page, in Chromium', () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let admin: BrowserContext;
  let headers: Record<string, string>;
  let batch: Batch;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), 'sm-recall-'));
    chmodSync(dataDir, 0o755);
    server = await startServer(dataDir);
    browser = await launchChromium();

    admin = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const api = async <T>(path: string, data?: object, status = data ? 201 : 200): Promise<T> => {
      const res = data
        ? await admin.request.post(`${server.url}/api/v1${path}`, { headers, data })
        : await admin.request.get(`${server.url}/api/v1${path}`, { headers });
      expect({ path, status: res.status() }).toEqual({ path, status });
      return (await res.json()) as T;
    };
    const setup = await admin.request.post(`${server.url}/api/v1/auth/setup`, { data: ADMIN });
    expect(setup.status()).toBe(201);
    headers = {
      Authorization: `Bearer ${((await setup.json()) as { accessToken: string }).accessToken}`,
    };

    const warehouse = await api<{ id: string; rootLocationId: string }>('/warehouses', {
      code: 'MAIN',
      name: 'Main warehouse',
    });
    const cold = await api<{ id: string }>('/locations', {
      parentId: warehouse.rootLocationId,
      name: 'Cold room',
    });
    const product = await api<{ id: string }>('/products', {
      sku: 'SAL-1',
      name: 'Smoked salmon',
      unit: 'unit',
      tracking: 'batch',
      shelfLifeDays: 20,
    });
    const post = async (body: object) => {
      const draft = await api<{ id: string }>('/operations', {
        warehouseId: warehouse.id,
        ...body,
      });
      await api(`/operations/${draft.id}/validate`, {}, 200);
    };
    await post({
      type: 'receipt',
      partner: 'Nordic Fish Ltd',
      lines: [{ productId: product.id, quantity: '50', batch: { code: 'SAL-2611' } }],
    });
    batch = (await api<ListPage<Batch>>(`/batches?productId=${product.id}`)).data[0];
    await post({
      type: 'transfer',
      sourceLocationId: warehouse.rootLocationId,
      destinationLocationId: cold.id,
      lines: [{ productId: product.id, batchId: batch.id, quantity: '5' }],
    });
    // 42 delivered to 3 customers; 8 left in 2 locations.
    for (const [partner, quantity] of [
      ['Harbour Bistro', '20'],
      ['Corner Deli', '12'],
      ['Hotel Miramar', '10'],
    ]) {
      await post({
        type: 'delivery',
        partner,
        sourceLocationId: warehouse.rootLocationId,
        lines: [{ productId: product.id, batchId: batch.id, quantity }],
      });
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it('shows the trace, recalls after seeing it again in the dialog, and a phone sees the notice first', async () => {
    const page = await admin.newPage();
    const errors = watchPageErrors(page);
    await page.goto(`${server.url}/batches/${batch.id}`);
    await page.getByRole('heading', { name: /SAL-2611/ }).waitFor();

    // The trace: where it came from, where it is, where it went.
    const trace = page.getByRole('region', { name: 'Traceability' });
    await trace
      .getByText('42 units delivered to 3 customers, 8 units on hand in 2 locations.')
      .waitFor();
    const received = trace.getByRole('table', { name: 'Received' });
    expect(await received.innerText()).toMatch(
      /MAIN\/IN\/\d+[\s\S]*Nordic Fish Ltd[\s\S]*50 units/,
    );
    const delivered = trace.getByRole('table', { name: 'Delivered and scrapped' });
    expect(await delivered.getByRole('row').count()).toBe(4);
    expect(await delivered.innerText()).toMatch(
      /Harbour Bistro[\s\S]*Corner Deli[\s\S]*Hotel Miramar/,
    );
    await page.screenshot({ path: join(SHOTS, '1-batch-page.png') });
    await trace.screenshot({ path: join(SHOTS, '1-batch-trace.png') });

    await page.getByRole('button', { name: 'Recall', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Recall batch SAL-2611' });
    await dialog
      .getByText('42 units delivered to 3 customers, 8 units on hand in 2 locations.')
      .waitFor();
    // Both fields are required: nothing is sent without them.
    await dialog.getByRole('button', { name: 'Recall batch' }).click();
    // The errors render a moment after the click: wait for the second, then count them.
    await dialog.locator('mat-error').nth(1).waitFor();
    expect(await dialog.locator('mat-error').count()).toBe(2);
    await dialog.getByLabel('Reason').fill('Listeria found by the supplier’s lab (report 4411)');
    await dialog
      .getByLabel('Public notice')
      .fill(
        'Possible Listeria contamination. Do not eat this product; bring it back for a refund.',
      );
    // Let the floating labels settle before the picture (not an assertion).
    await dialog.getByRole('heading', { name: 'Recall batch SAL-2611' }).click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(SHOTS, '2-recall-dialog.png') });
    await dialog.getByRole('button', { name: 'Recall batch' }).click();
    await dialog.waitFor({ state: 'detached' });

    await page.locator('sm-batch-status-chip').getByText('Recalled').waitFor();
    await page.getByText(/Recalled on .*Never delivered nor transferred again/).waitFor();
    await page.getByRole('button', { name: 'Recall', exact: true }).waitFor({ state: 'detached' });
    const history = page.getByRole('region', { name: 'Status history' });
    expect(await history.innerText()).toMatch(
      /Available → Recalled[\s\S]*rita@example.com[\s\S]*report 4411/,
    );
    await page.screenshot({ path: join(SHOTS, '3-batch-recalled.png') });
    await history.screenshot({ path: join(SHOTS, '3-status-history.png') });
    expect(errors).toEqual([]);
    await page.close();

    const stored = (await (
      await admin.request.get(`${server.url}/api/v1/batches/${batch.id}`, { headers })
    ).json()) as BatchDetail;
    expect(stored.status).toBe('recalled');

    // A stranger's phone, no session: the notice comes first.
    const phone = await browser.newContext(PHONE);
    const publicPage = await phone.newPage();
    const publicErrors = watchPageErrors(publicPage);
    const token = new URL(batch.publicUrl).pathname.split('/').pop()!;
    await publicPage.goto(`${server.url}/fresh/${token}`);
    const alert = publicPage.getByRole('alert');
    await alert.getByRole('heading', { name: /^Do not eat — recalled on / }).waitFor();
    expect(await alert.innerText()).toContain(
      'Possible Listeria contamination. Do not eat this product; bring it back for a refund.',
    );
    // First on the page, above the product's facts; nothing internal shown.
    const firstSection = await publicPage.locator('main > section').first().getAttribute('class');
    expect(firstSection).toContain('recall');
    const text = await publicPage.locator('main').innerText();
    for (const internal of ['report 4411', 'Harbour Bistro', 'Cold room', 'MAIN/', '50']) {
      expect({ internal, shown: text.includes(internal) }).toEqual({ internal, shown: false });
    }
    expect(
      await publicPage.evaluate(() => document.documentElement.scrollWidth),
    ).toBeLessThanOrEqual(390);
    await publicPage.screenshot({ path: join(SHOTS, '4-public-recall-phone.png'), fullPage: true });
    expect(publicErrors).toEqual([]);
    await phone.close();
  });
});
