import { addDays, todayIn } from '@stockmaster/contracts';
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, watchPageErrors } from './support/browser';
import { RunningServer, startServer } from './support/server';

const ADMIN = {
  fullName: 'Philippa Phone-Width Administrator',
  email: 'philippa@example.com',
  password: 'phone-width-password-1',
};

/** The phone the outside review used. */
const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
};

/** Where a run leaves its screenshots when SCREENSHOT_DIR is set (for looking, not asserting). */
const SCREENSHOTS = process.env['SCREENSHOT_DIR'];

/** Names and references known only once the data is seeded are given as functions. */
type Text = string | RegExp | (() => string);
const textOf = (text: Text) => (typeof text === 'function' ? text() : text);

interface Screen {
  name: string;
  path: () => string;
  /** The page's main heading. */
  heading: Text;
  /** Text that shows once the page has its data: measuring before would prove nothing. */
  shows?: Text;
  /** What the user does on the page before it is measured (a tab, a location to count). */
  then?: (page: Page) => Promise<void>;
}

/**
 * Every signed-in screen, at 390 × 844 with long names, nested trees and wide tables, must fit
 * the phone's width: wide tables scroll in their own box, never the page. The shell's content
 * area is the page's scroller, so both it and the document are measured.
 */
describe('every console screen at phone width, in Chromium', () => {
  let dataDir: string;
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  const ids: Record<string, string> = {};
  const refs: Record<string, string> = {};

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'sm-phone-'));
    chmodSync(dataDir, 0o755);
    server = await startServer(dataDir);
    browser = await launchChromium();
    context = await browser.newContext(PHONE);
    // The setup answer's refresh cookie signs the context's pages in.
    const setup = await context.request.post(`${server.url}/api/v1/auth/setup`, { data: ADMIN });
    expect(setup.status()).toBe(201);
    const { accessToken } = (await setup.json()) as { accessToken: string };
    const headers = { Authorization: `Bearer ${accessToken}` };
    const post = async <T = { id: string }>(path: string, data: object = {}): Promise<T> => {
      const res = await context.request.post(`${server.url}/api/v1/${path}`, { headers, data });
      expect([200, 201]).toContain(res.status());
      return (await res.json()) as T;
    };
    const get = async <T>(path: string, params: Record<string, string> = {}): Promise<T> => {
      const res = await context.request.get(`${server.url}/api/v1/${path}`, { headers, params });
      expect(res.status()).toBe(200);
      return (await res.json()) as T;
    };

    const main = await post('warehouses', { code: 'MAIN', name: 'Main distribution warehouse' });
    const shop = await post('warehouses', { code: 'SHOP', name: 'Shop floor' });
    ids['main'] = main.id;
    const [root] = (
      await get<{ data: { id: string; fullName: string }[] }>('locations', { warehouseId: main.id })
    ).data.filter((location) => location.fullName === 'MAIN/Stock');
    const room = await post('locations', { parentId: root.id, name: 'Cold room number two' });
    const shelf = await post('locations', { parentId: room.id, name: 'Shelf A' });
    await post('locations', { parentId: shelf.id, name: 'Bin 01' });

    const dairy = await post('categories', { name: 'Dairy and refrigerated goods' });
    const milkCategory = await post('categories', { name: 'Milk', parentId: dairy.id });
    await post('categories', { name: 'Organic long-life milk', parentId: milkCategory.id });

    const milk = await post('products', {
      sku: 'MLK-1000-WHOLE',
      name: 'Fresh whole milk, organic, 1 litre carton',
      unit: 'l',
      tracking: 'batch',
      shelfLifeDays: 10,
      expiryWarningDays: 3,
      categoryId: dairy.id,
      barcode: '4006381333931',
    });
    const flour = await post('products', { sku: 'FLR-1', name: 'Flour', unit: 'kg' });
    ids['milk'] = milk.id;
    const today = todayIn(process.env['TZ'] || 'UTC');
    await post('stock-moves', {
      type: 'receipt',
      warehouseId: main.id,
      productId: milk.id,
      quantity: '24',
      batch: { code: 'L-MLK-2026-0001', receivedAt: addDays(today, -2) },
    });
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
    await post('reorder-rules', {
      productId: milk.id,
      warehouseId: main.id,
      minQuantity: '10',
      maxQuantity: '50',
    });
    const [batch] = (await get<{ data: { id: string }[] }>('batches', { productId: milk.id })).data;
    ids['batch'] = batch.id;

    // A delivery of the batch, so that its page has a trace and a history to show.
    const delivery = await post<{ id: string; reference: string }>('operations', {
      type: 'delivery',
      warehouseId: main.id,
      partner: 'Corner Café and Delicatessen Ltd.',
      lines: [{ productId: milk.id, quantity: '2' }],
    });
    await post(`operations/${delivery.id}/validate`);
    ids['delivery'] = delivery.id;
    refs['delivery'] = delivery.reference;
    const draft = await post<{ id: string; reference: string }>('operations', {
      type: 'receipt',
      warehouseId: main.id,
      partner: 'Dairy Farm Co-operative',
      lines: [{ productId: milk.id, quantity: '5', batch: { code: 'L-MLK-2026-0002' } }],
    });
    ids['draft'] = draft.id;
    refs['draft'] = draft.reference;

    await post('users', {
      email: 'manny.manager.with.a.long.address@example.com',
      fullName: 'Manny Manager',
      role: 'manager',
    });

    page = await context.newPage();
    errors = watchPageErrors(page);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  const SCREENS: Screen[] = [
    { name: 'dashboard', path: () => '/', heading: 'Dashboard', shows: 'Drafts to validate' },
    { name: 'profile', path: () => '/profile', heading: 'Profile', shows: ADMIN.email },
    { name: 'products', path: () => '/products', heading: 'Products', shows: 'MLK-1000-WHOLE' },
    { name: 'new product', path: () => '/products/new', heading: 'New product' },
    {
      name: 'product page',
      path: () => `/products/${ids['milk']}`,
      heading: 'Fresh whole milk, organic, 1 litre carton',
      shows: 'All moves of this product',
    },
    {
      name: 'categories',
      path: () => '/categories',
      heading: 'Categories',
      shows: 'Organic long-life milk',
    },
    { name: 'warehouses', path: () => '/warehouses', heading: 'Warehouses', shows: 'Shop floor' },
    {
      name: 'warehouse page',
      path: () => `/warehouses/${ids['main']}`,
      heading: 'MAIN — Main distribution warehouse',
      shows: 'Bin 01',
    },
    { name: 'stock levels', path: () => '/stock', heading: 'Stock levels', shows: 'SHOP/Stock' },
    {
      name: 'stock summary',
      path: () => '/stock',
      heading: 'Stock levels',
      then: async (page) => {
        await page.getByRole('tab', { name: 'Reorder summary' }).click();
        await page.getByText('Below minimum').first().waitFor();
      },
    },
    {
      name: 'operations',
      path: () => '/operations',
      heading: 'Operations',
      shows: () => refs['draft'],
    },
    {
      name: 'operation editor, new',
      path: () => '/operations/new?type=transfer',
      heading: 'New transfer',
    },
    {
      name: 'operation editor, draft',
      path: () => `/operations/${ids['draft']}`,
      heading: () => refs['draft'],
      then: (page) => page.getByRole('group', { name: 'Line 1', exact: true }).waitFor(),
    },
    {
      name: 'operation document',
      path: () => `/operations/${ids['delivery']}`,
      heading: () => refs['delivery'],
      shows: 'Stock moves',
    },
    {
      name: 'ledger',
      path: () => '/ledger',
      heading: 'Stock ledger',
      shows: () => refs['delivery'],
    },
    {
      name: 'stock count',
      path: () => '/stock-count',
      heading: 'Stock count',
      then: async (page) => {
        await page.getByRole('combobox', { name: 'Warehouse' }).click();
        await page.getByRole('option', { name: /^MAIN/ }).click();
        await page.getByRole('combobox', { name: 'Location' }).click();
        await page.getByRole('option', { name: 'MAIN/Stock', exact: true }).click();
        await page.getByRole('heading', { name: 'Count sheet for MAIN/Stock' }).waitFor();
      },
    },
    { name: 'batches', path: () => '/batches', heading: 'Batches', shows: 'L-MLK-2026-0001' },
    {
      name: 'batch page',
      path: () => `/batches/${ids['batch']}`,
      heading: 'Batch L-MLK-2026-0001',
      shows: 'Corner Café and Delicatessen Ltd.',
    },
    {
      name: 'label sheet',
      path: () => `/batches/labels?ids=${ids['batch']}`,
      heading: 'Print labels',
      shows: /1 label/,
    },
    { name: 'users', path: () => '/users', heading: 'Users', shows: 'Manny Manager' },
    { name: 'audit log', path: () => '/audit-log', heading: 'Audit log', shows: 'User invited' },
  ];

  /**
   * How much wider than the phone (plus 1 px of rounding) the document and the shell's content
   * area are, and the elements that stick out of the screen without a scrolling box of their
   * own to hold them (named, so that a failure says where to look).
   */
  function sidewaysOverflow(page: Page) {
    return page.evaluate(() => {
      const content = document.querySelector('mat-sidenav-content')!;
      const width = window.innerWidth;
      const sticking: string[] = [];
      for (const element of document.querySelectorAll('main *')) {
        const box = element.getBoundingClientRect();
        if (box.width === 0 || box.right <= width + 1) continue;
        let held = false;
        for (let up = element.parentElement; up && up.tagName !== 'MAIN'; up = up.parentElement) {
          const clips = getComputedStyle(up).overflowX !== 'visible';
          if (clips && up.getBoundingClientRect().right <= width + 1) {
            held = true;
            break;
          }
        }
        if (!held) sticking.push(`${element.tagName.toLowerCase()}.${element.classList[0] ?? ''}`);
      }
      return {
        document: Math.max(0, document.documentElement.scrollWidth - width - 1),
        content: Math.max(0, content.scrollWidth - content.clientWidth - 1),
        sticking: sticking.slice(0, 5),
      };
    });
  }

  async function screenshot(name: string) {
    if (!SCREENSHOTS) return;
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `phone-${name.replace(/\W+/g, '-')}.png`) });
  }

  it.each(SCREENS.map((screen) => [screen.name, screen] as const))(
    '%s fits 390 px without scrolling sideways',
    async (_name, screen) => {
      await page.goto(`${server.url}${screen.path()}`);
      const h1 = page.getByRole('heading', { level: 1, name: textOf(screen.heading) });
      await h1.waitFor();
      if (screen.shows) await page.getByText(textOf(screen.shows)).first().waitFor();
      await screen.then?.(page);
      // Lazy parts (charts, QR code, trace) arrive after the first data.
      await page.waitForLoadState('networkidle');

      expect(await h1.isVisible()).toBe(true);
      const box = (await h1.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.viewport.width);
      expect(await sidewaysOverflow(page)).toEqual({ document: 0, content: 0, sticking: [] });
      await screenshot(screen.name);
      expect(errors).toEqual([]);
    },
  );

  it.each([
    ['ledger', '/ledger', () => refs['delivery']],
    ['batch list', '/batches', () => 'L-MLK-2026-0001'],
    ['product list', '/products', () => 'MLK-1000-WHOLE'],
  ] as const)('keeps every code in the %s table on one line', async (_name, path, shows) => {
    await page.goto(`${server.url}${path}`);
    await page.getByText(shows()).first().waitFor();
    // An inline element broken over lines has a box per line: "MLK-" over "1000-WHOLE" reads as
    // two codes. The table scrolls sideways instead.
    const codes = await page.evaluate(() =>
      Array.from(document.querySelectorAll('td code')).map((code) => ({
        text: code.textContent,
        lines: code.getClientRects().length,
      })),
    );
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.filter((code) => code.lines > 1)).toEqual([]);
    expect(errors).toEqual([]);
  });

  const DIALOGS: { name: string; path: () => string; button: string; title: string | RegExp }[] = [
    {
      name: 'product import',
      path: () => '/products',
      button: 'Import CSV',
      title: 'Import products from CSV',
    },
    {
      name: 'stock count import',
      path: () => '/stock-count',
      button: 'Import counts from a file',
      title: 'Import counts from a file',
    },
    { name: 'invitation', path: () => '/users', button: 'Invite user', title: 'Invite a user' },
    {
      name: 'alert digest',
      path: () => '/users',
      button: 'Alert digest',
      title: 'Daily alert digest',
    },
    {
      name: 'new warehouse',
      path: () => '/warehouses',
      button: 'New warehouse',
      title: 'New warehouse',
    },
    {
      name: 'reorder rule',
      path: () => `/products/${ids['milk']}`,
      button: 'Add rule',
      title: 'Add a reorder rule',
    },
    {
      name: 'quarantine',
      path: () => `/batches/${ids['batch']}`,
      button: 'Quarantine',
      title: 'Quarantine batch L-MLK-2026-0001',
    },
  ];

  it.each(DIALOGS.map((dialog) => [dialog.name, dialog] as const))(
    'the %s dialog fits 390 px',
    async (name, { path, button, title }) => {
      await page.goto(`${server.url}${path()}`);
      await page.getByRole('button', { name: button }).first().click();
      const dialog = page.getByRole('dialog');
      await dialog.getByRole('heading', { name: title }).waitFor();

      const box = (await dialog.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(PHONE.viewport.width);
      // Nothing in it scrolls sideways either.
      const scrolled = await dialog.evaluate((element) =>
        [element, ...element.querySelectorAll('*')]
          .filter((e) => e.scrollWidth > e.clientWidth + 1)
          .filter((e) => ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
          .map((e) => `${e.tagName.toLowerCase()}.${e.classList[0] ?? ''}`),
      );
      expect(scrolled).toEqual([]);
      await screenshot(`dialog ${name}`);
      expect(errors).toEqual([]);
    },
  );
});
