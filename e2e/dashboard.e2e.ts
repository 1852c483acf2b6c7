import { addDays, todayIn } from '@stockmaster/contracts';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium, watchPageErrors } from './support/browser';
import { RunningServer, startServer } from './support/server';

const ADMIN = { fullName: 'Dana Dash', email: 'dana@example.com', password: 'dashboard-pass-1' };

/** Where a run leaves its screenshots when SCREENSHOT_DIR is set (for looking, not asserting). */
const SCREENSHOTS = process.env['SCREENSHOT_DIR'];

/**
 * The scenario, seeded through the API: in MAIN an expired batch of milk still on hand,
 * one entering its 3-day warning window and a fresh one; flour below its minimum in MAIN and not
 * in SIDE; two draft receipts. The dashboard shows those cards and both charts, and each card's
 * link opens the list with exactly its rows. Before any of it, the empty install's checklist.
 */
describe('the dashboard, in Chromium', () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  let headers: Record<string, string>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sm-dashboard-'));
    chmodSync(dataDir, 0o755);
    server = await startServer(dataDir);
    browser = await launchChromium();
    context = await browser.newContext();
    const setup = await context.request.post(`${server.url}/api/v1/auth/setup`, { data: ADMIN });
    expect(setup.status()).toBe(201);
    const { accessToken } = (await setup.json()) as { accessToken: string };
    headers = { Authorization: `Bearer ${accessToken}` };
    page = await context.newPage();
    errors = watchPageErrors(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  const post = async (path: string, data: object) => {
    const res = await context.request.post(`${server.url}/api/v1/${path}`, { headers, data });
    expect(res.status()).toBe(201);
    return (await res.json()) as { id: string };
  };

  async function seedScenario(): Promise<void> {
    const main = await post('warehouses', { code: 'MAIN', name: 'Main kitchen' });
    const side = await post('warehouses', { code: 'SIDE', name: 'Side store' });
    const milk = await post('products', {
      sku: 'MLK-1',
      name: 'Whole milk',
      unit: 'l',
      tracking: 'batch',
      expiryWarningDays: 3,
    });
    const flour = await post('products', { sku: 'FLR-1', name: 'Flour', unit: 'kg' });
    const today = todayIn(process.env['TZ'] || 'UTC');
    const receiveMilk = (code: string, days: number, quantity: string) =>
      post('stock-moves', {
        type: 'receipt',
        warehouseId: main.id,
        productId: milk.id,
        quantity,
        batch: { code, expiresAt: addDays(today, days) },
        acceptExpired: days <= 0,
      });
    await receiveMilk('L-OLD', -2, '5');
    await receiveMilk('L-SOON', 2, '7');
    await receiveMilk('L-FRESH', 20, '9');
    for (const warehouse of [main, side]) {
      await post('stock-moves', {
        type: 'receipt',
        warehouseId: warehouse.id,
        productId: flour.id,
        quantity: '5',
      });
    }
    await post('reorder-rules', {
      productId: flour.id,
      warehouseId: main.id,
      minQuantity: '10',
      maxQuantity: '50',
    });
    await post('reorder-rules', {
      productId: flour.id,
      warehouseId: side.id,
      minQuantity: '1',
      maxQuantity: '50',
    });
    for (let i = 0; i < 2; i++) {
      await post('operations', {
        type: 'receipt',
        warehouseId: main.id,
        lines: [{ productId: flour.id, quantity: String(3 + i) }],
      });
    }
  }

  /** The whole page: the shell scrolls inside its content pane, so the viewport grows to fit. */
  async function screenshot(name: string) {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    const viewport = page.viewportSize()!;
    const height = await page.evaluate(
      () => document.querySelector('mat-sidenav-content')?.scrollHeight ?? 0,
    );
    await page.setViewportSize({ ...viewport, height: Math.max(viewport.height, height + 64) });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
    await page.setViewportSize(viewport);
  }

  const card = (key: string) => page.locator(`[data-card="${key}"]`);
  const cells = async (row: Locator) =>
    (await row.locator('th, td').allInnerTexts()).map((text) => text.trim());
  /** The rows of a list page's table (the header row left out). */
  const listRows = (name: string) =>
    page.getByRole('table', { name }).locator('tbody tr.mat-mdc-row');

  async function openDashboard(): Promise<void> {
    await page.goto(`${server.url}/`);
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.locator('sm-status-footer').getByText('Database:').waitFor();
  }

  it('on a fresh install, shows the getting-started checklist with a link for each step', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await openDashboard();
    const checklist = page.locator('sm-getting-started');
    await checklist.getByText('0 of 4 steps done').waitFor();
    expect(await page.locator('sm-attention-card').count()).toBe(0);
    expect(await page.locator('canvas').count()).toBe(0);
    const actions = checklist.getByRole('link');
    expect(await actions.allInnerTexts()).toEqual([
      'Create a warehouse',
      'Add products',
      'or import opening stock from a file',
      'Receive stock',
      'Invite people',
    ]);
    await screenshot('dashboard-empty-desktop');

    await checklist.getByRole('link', { name: 'or import opening stock from a file' }).click();
    await page.waitForURL(`${server.url}/stock-count?import=1`);
    await page
      .getByRole('dialog')
      .getByText(/import/i)
      .first()
      .waitFor();
    await page.keyboard.press('Escape');
    await openDashboard();

    await checklist.getByRole('link', { name: 'Create a warehouse' }).click();
    await page.waitForURL(`${server.url}/warehouses`);
    expect(errors).toEqual([]);
  });

  it('shows the scenario’s cards with their counts, and both charts with their numbers', async () => {
    await seedScenario();
    await openDashboard();
    await card('expiredBatches').waitFor();

    const count = async (key: string) =>
      (await card(key).locator('[data-count]').innerText()).trim();
    expect(await count('expiredBatches')).toBe('1');
    expect(await count('expiringBatches')).toBe('1');
    expect(await count('belowMinimum')).toBe('1');
    expect(await count('draftOperations')).toBe('2');
    expect(await card('expiredBatches').innerText()).toMatch(
      /Whole milk · L-OLD[\s\S]*5 l in MAIN, expired 2 days ago/,
    );
    expect(await card('expiringBatches').innerText()).toMatch(/L-SOON[\s\S]*2 days left/);
    expect(await card('belowMinimum').innerText()).toMatch(/Flour \(FLR-1\)[\s\S]*5 kg in MAIN/);
    expect(await page.locator('[data-type="receipt"]').innerText()).toMatch(
      /Receipts\s*5 operations · 5 lines/,
    );

    // Both charts are drawn, and their text alternatives carry the same numbers.
    const canvases = page.locator('canvas[role="img"]');
    expect(await canvases.count()).toBe(2);
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('canvas')).every((c) => c.width > 0 && c.height > 0),
    );
    const movement = page.locator('[data-chart-table="movement"]');
    expect(await movement.locator('tbody tr').count()).toBe(30);
    // Today: 21 l of milk into MAIN, 5 kg of flour into each warehouse, nothing out.
    expect((await cells(movement.locator('tbody tr').last())).slice(1)).toEqual(['31', '0']);
    expect(await canvases.first().getAttribute('aria-label')).toMatch(/31 in and 0 out/);
    const freshness = page.locator('[data-chart-table="freshness"]');
    const bucket = (name: string) => freshness.locator(`[data-bucket="${name}"]`);
    expect(await cells(bucket('expired'))).toEqual(['Expired', '5']);
    expect(await cells(bucket('days0to2'))).toEqual(['0–2 days', '7']);
    expect(await cells(bucket('days3to7'))).toEqual(['3–7 days', '0']);
    expect(await cells(bucket('days8to30'))).toEqual(['8–30 days', '9']);
    expect(await cells(bucket('noExpiry'))).toEqual(['No expiry date', '10']);
    expect(await canvases.last().getAttribute('aria-label')).toMatch(/expired: 5; 0–2 days: 7;/);

    await page.getByRole('button', { name: 'Show the numbers' }).last().click();
    await freshness.getByRole('rowheader', { name: 'Expired' }).waitFor({ state: 'visible' });
    await screenshot('dashboard-desktop');
    await page.getByRole('button', { name: 'Hide the numbers' }).last().click();
    expect(errors).toEqual([]);
  });

  it('opens, from each card, the list with exactly that card’s rows', async () => {
    await openDashboard();

    await card('expiredBatches')
      .getByRole('link', { name: /Show it in the list/ })
      .click();
    await page.waitForURL(/\/batches\?.*expired=true/);
    await listRows('Batches').first().waitFor();
    expect(await listRows('Batches').allInnerTexts()).toEqual([
      expect.stringMatching(/L-OLD[\s\S]*MLK-1 — Whole milk[\s\S]*5 l/),
    ]);
    await page.getByRole('button', { name: /Remove filter: Expired/ }).waitFor();
    await screenshot('batches-expired');

    await openDashboard();
    await card('expiringBatches')
      .getByRole('link', { name: /Show it in the list/ })
      .click();
    await page.waitForURL(/\/batches\?.*expiring=true/);
    await listRows('Batches').first().waitFor();
    expect(await listRows('Batches').allInnerTexts()).toEqual([
      expect.stringMatching(/L-SOON[\s\S]*Use soon · 2 days left[\s\S]*7 l/),
    ]);

    await openDashboard();
    await card('belowMinimum')
      .getByRole('link', { name: /Show it in the list/ })
      .click();
    await page.waitForURL(/\/stock\?.*belowMinimum=true/);
    await listRows('Stock summary').first().waitFor();
    expect(await listRows('Stock summary').allInnerTexts()).toEqual([
      expect.stringMatching(/FLR-1[\s\S]*MAIN[\s\S]*5 kg[\s\S]*Below minimum/),
    ]);
    expect(
      await page.getByRole('checkbox', { name: /below their warehouse’s minimum/ }).isChecked(),
    ).toBe(true);
    await screenshot('stock-below-minimum');

    await openDashboard();
    await card('draftOperations')
      .getByRole('link', { name: /Show all 2 in the list/ })
      .click();
    await page.waitForURL(/\/operations\?.*status=draft/);
    await listRows('Operations').first().waitFor();
    const drafts = await listRows('Operations').allInnerTexts();
    expect(drafts).toHaveLength(2);
    for (const row of drafts) expect(row).toMatch(/MAIN\/IN\/[\s\S]*Draft/);
    expect(errors).toEqual([]);
  });

  it('narrows to one warehouse, kept in the URL', async () => {
    await openDashboard();
    await page.getByRole('combobox', { name: /Warehouse/ }).click();
    await page.getByRole('option', { name: /SIDE/ }).click();
    await page.waitForURL(/warehouseId=/);
    await card('belowMinimum').getByText('No product is below its minimum.').waitFor();
    expect((await card('expiredBatches').locator('[data-count]').innerText()).trim()).toBe('0');
    await page.reload();
    await card('belowMinimum').getByText('No product is below its minimum.').waitFor();
    expect(errors).toEqual([]);
  });

  it('works at 390 px wide: cards stack and the charts fit', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await openDashboard();
    await card('expiredBatches').waitFor();
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      canvases: Array.from(document.querySelectorAll('canvas')).map(
        (c) => c.getBoundingClientRect().right,
      ),
    }));
    expect(widths.page).toBeLessThanOrEqual(390);
    for (const right of widths.canvases) expect(right).toBeLessThanOrEqual(390);
    await screenshot('dashboard-390');
    expect(errors).toEqual([]);
  });

  it('previews today’s alert digest from the users page, then sends it', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/users`);
    await page.getByRole('button', { name: 'Alert digest' }).click();
    const dialog = page.getByRole('dialog', { name: 'Daily alert digest' });
    const preview = dialog.getByRole('table', { name: 'Digest preview' });
    const row = preview.getByRole('row', { name: new RegExp(ADMIN.email) });
    await row.waitFor();
    // The dashboard's cards, as the admin's mail would list them: the drafts are not a day old.
    expect((await cells(row)).slice(1)).toEqual(['1', '1', '1', '0']);
    expect(await dialog.innerText()).toContain('Nothing has been sent yet');
    await screenshot('digest-preview');

    await dialog.getByRole('button', { name: 'Send now' }).click();
    await page.getByText('The digest was queued for 1 user.').waitFor();
    expect(await dialog.count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('lets a user turn the alert mail off in their profile, and shows the choice on the users page', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/profile`);
    const daily = page.getByRole('radio', { name: 'Daily' });
    await daily.waitFor();
    // An administrator gets the digest unless they turn it off.
    expect(await daily.isChecked()).toBe(true);
    await page.getByRole('radio', { name: 'Off' }).check();
    await page.getByText('The alert mail is off.').waitFor();
    await screenshot('profile-desktop');

    await page.reload();
    await page.getByRole('radio', { name: 'Off' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Off' }).isChecked()).toBe(true);

    await page.goto(`${server.url}/users`);
    const table = page.getByRole('table', { name: /Users/ });
    await table.getByRole('columnheader', { name: 'Alert mail' }).waitFor();
    const row = table.getByRole('row', { name: new RegExp(ADMIN.email) });
    expect(await row.innerText()).toMatch(/Off/);
    expect(errors).toEqual([]);
  });
});
