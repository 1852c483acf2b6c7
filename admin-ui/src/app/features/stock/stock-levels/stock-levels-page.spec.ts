import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, Router, provideRouter } from '@angular/router';
import { of } from 'rxjs';

import { Session } from '../../../core/session/session';
import { loginResponse } from '../../../core/session/testing';
import { StockLevelsPage } from './stock-levels-page';

const empty = { data: [], meta: { page: 1, limit: 50, total: 0 } };

describe('StockLevelsPage', () => {
  let fixture: ComponentFixture<StockLevelsPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  /** Answers the pickers' lists (warehouses, locations) as they come. */
  const settle = async () => {
    for (let round = 0; round < 4; round++) {
      fixture.detectChanges();
      for (const r of backend.match(
        (r) => r.url === '/api/v1/warehouses' || r.url === '/api/v1/locations',
      )) {
        r.flush(empty);
      }
      await new Promise((resolve) => setTimeout(resolve));
    }
  };

  async function render(queryParams: Record<string, string>) {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
        {
          provide: ActivatedRoute,
          useValue: { snapshot: { queryParams }, queryParams: of(queryParams) },
        },
      ],
    });
    TestBed.inject(Session).signIn(loginResponse('viewer'));
    backend = TestBed.inject(HttpTestingController);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    fixture = TestBed.createComponent(StockLevelsPage);
    element = fixture.nativeElement as HTMLElement;
    await settle();
    return { navigate };
  }

  afterEach(() => backend.verify());

  it('opens the reorder summary filtered to products below minimum in the warehouse of the URL', async () => {
    const { navigate } = await render({
      view: 'summary',
      belowMinimum: 'true',
      warehouseId: 'wh-1',
    });

    const request = backend.expectOne((r) => r.url === '/api/v1/stock-levels/summary');
    expect(request.request.params.get('belowMinimum')).toBe('true');
    expect(request.request.params.get('warehouseId')).toBe('wh-1');
    request.flush(empty);
    await settle();

    const selected = element.querySelector('[role="tab"][aria-selected="true"]');
    expect(selected?.textContent).toContain('Reorder summary');
    const box = element.querySelector<HTMLInputElement>('mat-checkbox input')!;
    expect(box.checked).toBe(true);
    expect(navigate).toHaveBeenLastCalledWith(
      [],
      expect.objectContaining({
        queryParams: {
          view: 'summary',
          warehouseId: 'wh-1',
          search: null,
          belowMinimum: 'true',
          asOf: null,
        },
      }),
    );

    // The filter is visible and removable: unticking it lists every product again.
    box.click();
    await settle();
    const all = backend.expectOne((r) => r.url === '/api/v1/stock-levels/summary');
    expect(all.request.params.has('belowMinimum')).toBe(false);
    all.flush(empty);
    await settle();
    expect(navigate).toHaveBeenLastCalledWith(
      [],
      expect.objectContaining({ queryParams: expect.objectContaining({ belowMinimum: null }) }),
    );
  });

  it('opens on the levels by location without a view in the URL', async () => {
    await render({});
    backend.expectOne((r) => r.url === '/api/v1/stock-levels').flush(empty);
    await settle();
    const selected = element.querySelector('[role="tab"][aria-selected="true"]');
    expect(selected?.textContent).toContain('By location');
  });

  it('opens on the stock of the past day in the URL, and goes back to now', async () => {
    const { navigate } = await render({ warehouseId: 'wh-1', asOf: '2026-03-14' });

    // Up to the end of that local day, for the warehouse of the URL.
    const past = backend.expectOne((r) => r.url === '/api/v1/stock-levels/as-of');
    expect(past.request.params.get('date')).toBe(new Date(2026, 2, 15).toISOString());
    expect(past.request.params.get('warehouseId')).toBe('wh-1');
    past.flush(empty);
    await settle();
    expect(element.querySelector('p.note')?.textContent).toContain(
      'Showing stock as it was at the end of March 14, 2026',
    );
    expect(navigate).toHaveBeenLastCalledWith(
      [],
      expect.objectContaining({ queryParams: expect.objectContaining({ asOf: '2026-03-14' }) }),
    );

    const back = Array.from(element.querySelectorAll('button')).find((b) =>
      b.textContent?.includes('Back to now'),
    )!;
    back.click();
    await settle();
    backend.expectOne((r) => r.url === '/api/v1/stock-levels').flush(empty);
    await settle();
    expect(element.querySelector('p.note')).toBeNull();
    expect(navigate).toHaveBeenLastCalledWith(
      [],
      expect.objectContaining({ queryParams: expect.objectContaining({ asOf: null }) }),
    );
  });

  it('ignores an as-of day in the URL that is not a calendar day', async () => {
    await render({ asOf: '2026-02-30' });
    backend.expectOne((r) => r.url === '/api/v1/stock-levels').flush(empty);
    await settle();
    expect(element.querySelector('p.note')).toBeNull();
  });

  const product = { id: 'p-1', sku: 'FISH', name: 'Trout', unit: 'kg' };

  it('shows each level’s batch freshness, and its block when quarantined', async () => {
    await render({});
    const batch = (code: string, status: string, freshness: object) => ({
      id: `b-${code}`,
      code,
      expiresAt: '2026-12-01',
      status,
      freshness,
    });
    backend
      .expectOne((r) => r.url === '/api/v1/stock-levels')
      .flush({
        data: [
          {
            product,
            location: { id: 'l-1', fullName: 'MAIN/Stock' },
            batch: batch('SOON', 'available', {
              status: 'caution',
              daysOnShelf: 1,
              daysToExpiry: 2,
            }),
            quantity: '3',
          },
          {
            product,
            location: { id: 'l-2', fullName: 'MAIN/Stock/Cold' },
            batch: batch('HELD', 'quarantined', {
              status: 'fresh',
              daysOnShelf: 1,
              daysToExpiry: 9,
            }),
            quantity: '4',
          },
          { product, location: { id: 'l-3', fullName: 'MAIN/Stock' }, batch: null, quantity: '1' },
        ],
        meta: { page: 1, limit: 50, total: 3 },
      });
    await settle();
    const cells = Array.from(element.querySelectorAll('tbody tr')).map((row) =>
      Array.from(row.querySelectorAll('sm-freshness-chip, sm-batch-status-chip')).map((chip) =>
        chip.textContent?.replace(chip.querySelector('mat-icon')!.textContent!, '').trim(),
      ),
    );
    expect(cells).toEqual([['Use soon · 2 days left'], ['Fresh', 'Quarantined'], []]);
  });

  it('shows available, expired and blocked apart from on hand in the summary', async () => {
    await render({ view: 'summary' });
    backend
      .expectOne((r) => r.url === '/api/v1/stock-levels/summary')
      .flush({
        data: [
          {
            product,
            warehouse: { id: 'w-1', code: 'MAIN', name: 'Main' },
            onHand: '10',
            available: '2.5',
            expired: '3.5',
            blocked: '4',
            minQuantity: null,
            maxQuantity: null,
            belowMinimum: false,
          },
        ],
        meta: { page: 1, limit: 50, total: 1 },
      });
    await settle();
    const headers = Array.from(element.querySelectorAll('th')).map((th) => th.textContent?.trim());
    expect(headers).toEqual(expect.arrayContaining(['On hand', 'Available', 'Expired', 'Blocked']));
    const text = (key: string) =>
      element.querySelector(`td.mat-column-${key}`)?.textContent?.replace(/\s+/g, ' ').trim();
    expect([text('onHand'), text('available'), text('expired'), text('blocked')]).toEqual([
      '10 kg',
      '2.5 kg',
      '3.5 kg',
      '4 kg',
    ]);
  });
});
