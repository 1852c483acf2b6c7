import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, Router, convertToParamMap, provideRouter } from '@angular/router';
import { Dashboard, EXPIRY_BUCKETS, Role } from '@stockmaster/contracts';
import { of } from 'rxjs';

import { Session } from '../../../core/session/session';
import { loginResponse } from '../../../core/session/testing';
import { provideDashboardCharts } from '../charts/chart-setup';
import { DashboardPage } from './dashboard-page';

const main = { id: 'wh-1', code: 'MAIN', name: 'Main kitchen' };
const milk = { id: 'p-1', sku: 'MLK-1', name: 'Whole milk', unit: 'l' };
const flour = { id: 'p-2', sku: 'FLR-1', name: 'Flour', unit: 'kg' };
const none = { count: 0, items: [] };

function days(): Dashboard['series']['movesPerDay'] {
  return Array.from({ length: 30 }, (_, i) => {
    const date = new Date(2026, 10, 1 + i);
    const pad = (n: number) => String(n).padStart(2, '0');
    const day = `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
    return { date: day, in: i === 29 ? '40.000' : '0', out: i === 29 ? '12.500' : '0' };
  });
}

/** The scenario: one expired batch on hand, one entering its window, one below minimum, two drafts. */
function scenario(): Dashboard {
  const draft = (n: number) => ({
    id: `op-${n}`,
    reference: `MAIN/IN/0000${n}`,
    type: 'receipt' as const,
    warehouse: main,
    createdAt: '2026-11-29T08:00:00Z',
    scheduledAt: null,
    lineCount: n,
  });
  const quantities: Record<string, string> = {
    expired: '4.000',
    days0to2: '6.000',
    over30: '20.000',
    noExpiry: '76.000',
  };
  return {
    warehouseId: null,
    attention: {
      expiredBatches: {
        count: 1,
        items: [
          {
            batch: { id: 'b-1', code: 'L-OLD', expiresAt: '2026-11-28' },
            product: milk,
            warehouse: main,
            onHand: '4.000',
            daysToExpiry: -2,
          },
        ],
      },
      expiringBatches: {
        count: 1,
        items: [
          {
            batch: { id: 'b-2', code: 'L-SOON', expiresAt: '2026-12-01' },
            product: milk,
            warehouse: main,
            onHand: '6.000',
            daysToExpiry: 1,
          },
        ],
      },
      belowMinimum: {
        count: 1,
        items: [{ product: flour, warehouse: main, onHand: '76.000', minQuantity: '100.000' }],
      },
      draftOperations: { count: 2, items: [draft(1), draft(2)] },
      quarantinedBatches: none,
    },
    today: {
      receipt: { operations: 2, lines: 3 },
      delivery: { operations: 0, lines: 0 },
      transfer: { operations: 0, lines: 0 },
      adjustment: { operations: 0, lines: 0 },
      scrap: { operations: 0, lines: 0 },
    },
    series: {
      movesPerDay: days(),
      expiryBuckets: EXPIRY_BUCKETS.map((bucket) => ({
        bucket,
        quantity: quantities[bucket] ?? '0',
      })),
    },
    gettingStarted: { hasWarehouse: true, hasProducts: true, hasStock: true, hasTeam: false },
    generatedAt: '2026-11-30T09:00:00Z',
  };
}

function emptyInstall(): Dashboard {
  const value = scenario();
  return {
    ...value,
    attention: {
      expiredBatches: none,
      expiringBatches: none,
      belowMinimum: none,
      draftOperations: none,
      quarantinedBatches: none,
    },
    series: {
      movesPerDay: value.series.movesPerDay.map((d) => ({ ...d, in: '0', out: '0' })),
      expiryBuckets: EXPIRY_BUCKETS.map((bucket) => ({ bucket, quantity: '0' })),
    },
    gettingStarted: { hasWarehouse: true, hasProducts: false, hasStock: false, hasTeam: false },
  };
}

describe('DashboardPage', () => {
  let fixture: ComponentFixture<DashboardPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  /** Answers the side calls (warehouses, health) as they come. */
  const settle = async () => {
    for (let round = 0; round < 4; round++) {
      fixture.detectChanges();
      for (const r of backend.match((r) => r.url === '/api/v1/warehouses')) {
        r.flush({
          data: [main, { id: 'wh-2', code: 'SHOP', name: 'Shop' }],
          meta: { page: 1, limit: 200, total: 2 },
        });
      }
      for (const r of backend.match('/api/v1/health')) r.flush({ status: 'ok', database: 'up' });
      await new Promise((resolve) => setTimeout(resolve));
    }
  };
  const dashboardRequest = () => backend.expectOne((r) => r.url === '/api/v1/dashboard');
  const text = () => (element.textContent ?? '').replace(/\s+/g, ' ');
  const card = (key: string) => element.querySelector(`[data-card="${key}"]`)!;
  const linkOf = (key: string) => card(key).querySelector('mat-card-actions a')!;

  async function render(role: Role = 'manager', queryParams: Record<string, string> = {}) {
    // jsdom has no canvas: Chart.js is given none and draws nothing, the rest of the page renders.
    jest.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideDashboardCharts(),
        {
          provide: ActivatedRoute,
          useValue: {
            snapshot: { queryParamMap: convertToParamMap(queryParams) },
            queryParamMap: of(convertToParamMap(queryParams)),
          },
        },
      ],
    });
    TestBed.inject(Session).signIn(loginResponse(role));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(DashboardPage);
    element = fixture.nativeElement as HTMLElement;
    await settle();
  }

  afterEach(() => {
    backend.verify();
    jest.restoreAllMocks();
  });

  it('renders the attention cards from the API: counts, first items, and links to the filtered lists', async () => {
    await render();
    const request = dashboardRequest();
    expect(request.request.params.has('warehouseId')).toBe(false);
    request.flush(scenario());
    await settle();

    const count = (key: string) => card(key).querySelector('[data-count]')?.textContent?.trim();
    expect(count('expiredBatches')).toBe('1');
    expect(count('expiringBatches')).toBe('1');
    expect(count('belowMinimum')).toBe('1');
    expect(count('draftOperations')).toBe('2');
    expect(element.querySelector('[data-card="quarantinedBatches"]')).toBeNull();

    expect(card('expiredBatches').textContent).toMatch(
      /Whole milk · L-OLD[\s\S]*4 l in MAIN, expired 2 days ago/,
    );
    expect(card('expiringBatches').textContent).toMatch(/L-SOON[\s\S]*1 day left/);
    expect(card('belowMinimum').textContent).toMatch(
      /Flour \(FLR-1\)[\s\S]*76 kg in MAIN, minimum 100/,
    );
    expect(card('draftOperations').textContent).toMatch(/MAIN\/IN\/00001[\s\S]*MAIN\/IN\/00002/);

    expect(linkOf('expiredBatches').getAttribute('href')).toBe('/batches?expired=true');
    expect(linkOf('expiringBatches').getAttribute('href')).toBe('/batches?expiring=true');
    expect(linkOf('belowMinimum').getAttribute('href')).toBe(
      '/stock?view=summary&belowMinimum=true',
    );
    expect(linkOf('draftOperations').getAttribute('href')).toBe('/operations?status=draft');
    expect(linkOf('draftOperations').textContent).toMatch(
      /Show all 2 in the list: Drafts to validate/,
    );
    // Each item opens its own page.
    expect(card('expiredBatches').querySelector('li a')?.getAttribute('href')).toBe('/batches/b-1');

    // Today's activity, per type, each opening that type's done operations.
    const receipts = element.querySelector('[data-type="receipt"]')!;
    expect(receipts.textContent).toMatch(/Receipts\s*2 operations · 3 lines/);
    expect(receipts.querySelector('a')?.getAttribute('href')).toBe(
      '/operations?type=receipt&status=done&sort=-doneAt',
    );
    // System status sits in the footer.
    expect(element.querySelector('sm-status-footer')?.textContent).toMatch(/Database: up/);
  });

  it('shows the blocked-batches card once a quarantined or recalled batch is on hand, linked to its list', async () => {
    await render('manager', { warehouseId: 'wh-1' });
    const value = scenario();
    dashboardRequest().flush({
      ...value,
      warehouseId: 'wh-1',
      attention: {
        ...value.attention,
        quarantinedBatches: {
          count: 2,
          items: [
            {
              batch: { id: 'b-9', code: 'L-HELD', expiresAt: null },
              product: milk,
              warehouse: main,
              onHand: '3.000',
              daysToExpiry: null,
            },
          ],
        },
      },
    });
    await settle();

    const blocked = card('quarantinedBatches');
    expect(blocked.textContent).toMatch(/Blocked batches/);
    expect(blocked.querySelector('[data-count]')?.textContent?.trim()).toBe('2');
    expect(blocked.textContent).toMatch(/Whole milk · L-HELD[\s\S]*3 l in MAIN, no expiry date/);
    expect(linkOf('quarantinedBatches').getAttribute('href')).toBe(
      '/batches?blocked=true&warehouseId=wh-1',
    );
    expect(blocked.querySelector('li a')?.getAttribute('href')).toBe('/batches/b-9');
  });

  it('asks for the warehouse in the URL and carries it into every link', async () => {
    await render('manager', { warehouseId: 'wh-1' });
    const request = dashboardRequest();
    expect(request.request.params.get('warehouseId')).toBe('wh-1');
    request.flush({ ...scenario(), warehouseId: 'wh-1' });
    await settle();

    expect(linkOf('expiredBatches').getAttribute('href')).toBe(
      '/batches?expired=true&warehouseId=wh-1',
    );
    expect(linkOf('belowMinimum').getAttribute('href')).toBe(
      '/stock?view=summary&belowMinimum=true&warehouseId=wh-1',
    );
    expect(linkOf('draftOperations').getAttribute('href')).toBe(
      '/operations?status=draft&warehouseId=wh-1',
    );
  });

  it('keeps the chosen warehouse in the URL', async () => {
    await render();
    dashboardRequest().flush(scenario());
    await settle();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);

    element.querySelector<HTMLElement>('mat-select .mat-mdc-select-trigger')!.click();
    await settle();
    const shop = Array.from(document.querySelectorAll('mat-option')).find((o) =>
      o.textContent?.includes('SHOP'),
    ) as HTMLElement;
    shop.click();
    await settle();

    expect(navigate).toHaveBeenCalledWith(
      [],
      expect.objectContaining({ queryParams: { warehouseId: 'wh-2' } }),
    );
  });

  it('gives both charts a text alternative: a sentence and a table with the numbers', async () => {
    await render();
    dashboardRequest().flush(scenario());
    await settle();

    const canvases = element.querySelectorAll('canvas[role="img"]');
    expect(canvases).toHaveLength(2);
    expect(canvases[0].getAttribute('aria-label')).toMatch(
      /stock movement\. From Nov 1 to Nov 30, 40 in and 12\.5 out/,
    );
    expect(canvases[1].getAttribute('aria-label')).toMatch(
      /freshness at risk\. .*expired: 4; 0–2 days: 6; over 30 days: 20; no expiry date: 76\./,
    );

    const movement = element.querySelector('[data-chart-table="movement"]')!;
    expect(movement.querySelectorAll('tbody tr')).toHaveLength(30);
    const last = movement.querySelector('tbody tr:last-child')!;
    expect(Array.from(last.children).map((cell) => cell.textContent?.trim())).toEqual([
      'Nov 30',
      '40',
      '12.5',
    ]);
    const freshness = element.querySelector('[data-chart-table="freshness"]')!;
    const bucket = (name: string) =>
      Array.from(freshness.querySelector(`[data-bucket="${name}"]`)!.children).map((cell) =>
        cell.textContent?.trim(),
      );
    expect(bucket('expired')).toEqual(['Expired', '4']);
    expect(bucket('days0to2')).toEqual(['0–2 days', '6']);
    expect(bucket('noExpiry')).toEqual(['No expiry date', '76']);

    // Hidden from sight until asked for, but read by screen readers all along.
    const wrapper = freshness.parentElement!;
    expect(wrapper.classList).toContain('cdk-visually-hidden');
    const toggle = Array.from(element.querySelectorAll('button')).find(
      (b) => b.getAttribute('aria-controls') === 'freshness-table',
    )!;
    toggle.click();
    await settle();
    expect(wrapper.classList).not.toContain('cdk-visually-hidden');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
  });

  it('shows the getting-started checklist on an empty install, ticked from the flags', async () => {
    await render('admin');
    dashboardRequest().flush(emptyInstall());
    await settle();

    expect(element.querySelector('sm-attention-card')).toBeNull();
    expect(element.querySelector('canvas')).toBeNull();
    expect(text()).toContain('1 of 4 steps done');
    const step = (key: string) => element.querySelector(`[data-step="${key}"]`)!;
    expect(step('hasWarehouse').textContent).toContain('Create a warehouse: done');
    expect(step('hasWarehouse').querySelector('a')).toBeNull();
    expect(step('hasProducts').querySelector('a')?.getAttribute('href')).toBe('/products');
    expect(step('hasStock').querySelector('a[mat-stroked-button]')?.getAttribute('href')).toBe(
      '/operations/new?type=receipt',
    );
    const importLink = step('hasStock').querySelector('a.also');
    expect(importLink?.textContent).toContain('or import opening stock from a file');
    expect(importLink?.getAttribute('href')).toBe('/stock-count?import=1');
    expect(step('hasTeam').querySelector('a')?.getAttribute('href')).toBe('/users');
  });

  it('offers a viewer no action it may not take on the checklist', async () => {
    await render('viewer');
    dashboardRequest().flush(emptyInstall());
    await settle();

    const links = Array.from(element.querySelectorAll('sm-getting-started a'));
    expect(links).toHaveLength(0);
    expect(text()).toContain('An administrator invites the team.');
  });

  it('says so when the dashboard cannot be loaded, and tries again', async () => {
    await render();
    dashboardRequest().flush(
      { statusCode: 500, error: 'INTERNAL', message: 'Something went wrong' },
      { status: 500, statusText: 'Server Error' },
    );
    await settle();
    const alert = element.querySelector('[role="alert"]')!;
    expect(alert.textContent).toMatch(/could not be loaded/);

    Array.from(alert.querySelectorAll('button'))
      .find((b) => b.textContent?.includes('Try again'))!
      .click();
    await settle();
    dashboardRequest().flush(scenario());
    await settle();
    expect(element.querySelector('[data-card="expiredBatches"]')).not.toBeNull();
  });
});
