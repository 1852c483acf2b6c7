import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ActivatedRoute, Router, provideRouter } from '@angular/router';
import { Batch } from '@stockmaster/contracts';
import { of } from 'rxjs';

import { Session } from '../../../core/session/session';
import { loginResponse } from '../../../core/session/testing';
import { BatchList } from './batch-list';

const milk: Batch = {
  id: 'b-1',
  productId: 'p-1',
  product: { id: 'p-1', sku: 'MLK-1', name: 'Fresh whole milk', unit: 'l', expiryWarningDays: 3 },
  code: 'L-MLK-001',
  producedAt: null,
  receivedAt: '2026-03-02',
  expiresAt: '2026-03-07',
  notes: null,
  status: 'available',
  recall: null,
  freshness: { status: 'caution', daysOnShelf: 3, daysToExpiry: 2 },
  onHand: '24.000',
  publicUrl: 'http://localhost/fresh/tok',
  createdAt: '2026-03-02T08:00:00Z',
  updatedAt: '2026-03-02T08:00:00Z',
};
const page = <T>(data: T[]) => ({ data, meta: { page: 1, limit: 50, total: data.length } });

describe('BatchList', () => {
  let fixture: ComponentFixture<BatchList>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  const settle = async () => {
    for (let round = 0; round < 3; round++) {
      fixture.detectChanges();
      for (const r of backend.match((r) => r.url === '/api/v1/warehouses')) r.flush(page([]));
      await new Promise((resolve) => setTimeout(resolve));
    }
  };
  const listRequest = () => backend.expectOne((r) => r.url === '/api/v1/batches');

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    TestBed.inject(Session).signIn(loginResponse('viewer'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(BatchList);
    element = fixture.nativeElement as HTMLElement;
    await settle();
  });

  afterEach(() => backend.verify());

  it('lists batches earliest expiry first, with their freshness chip and a link to each', async () => {
    const request = listRequest();
    expect(request.request.params.get('sort')).toBe('expiresAt');
    expect(request.request.params.get('page')).toBe('1');
    request.flush(page([milk]));
    await settle();

    const row = element.querySelector('tr.mat-mdc-row')!;
    expect(row.textContent).toMatch(/L-MLK-001[\s\S]*MLK-1 — Fresh whole milk/);
    expect(row.querySelector('sm-freshness-chip')?.textContent).toContain('Use soon · 2 days left');
    expect(row.querySelector('a')?.getAttribute('href')).toBe('/batches/b-1');
  });

  it('marks a quarantined or recalled batch beside its freshness, and nothing for an available one', async () => {
    listRequest().flush(
      page([
        milk,
        { ...milk, id: 'b-2', code: 'L-HELD', status: 'quarantined' },
        {
          ...milk,
          id: 'b-3',
          code: 'L-GONE',
          status: 'recalled',
          recall: { notice: 'Do not drink', recalledAt: '2026-03-04T10:00:00Z' },
        },
      ]),
    );
    await settle();
    const chips = Array.from(element.querySelectorAll('tr.mat-mdc-row')).map(
      (row) => row.querySelector('sm-batch-status-chip')?.textContent?.trim() ?? null,
    );
    expect(chips).toEqual([
      null,
      expect.stringContaining('Quarantined'),
      expect.stringContaining('Recalled'),
    ]);
  });

  it('keeps the "Expiring within" label above its "days" suffix, never across it', async () => {
    listRequest().flush(page([]));
    await settle();
    const field = Array.from(element.querySelectorAll('mat-form-field')).find((f) =>
      f.querySelector('mat-label')?.textContent?.includes('Expiring within'),
    )!;
    expect(field.querySelector('input')!.value).toBe('');
    expect(field.querySelector('.mat-mdc-form-field-text-suffix')?.textContent).toContain('days');
    // An empty field would otherwise draw its label inside the input, over the suffix.
    expect(field.querySelector('.mdc-floating-label--float-above')).not.toBeNull();
  });

  it('shows on-hand quantities grouped, with their unit in the plural when it is a word', async () => {
    const jars = { ...milk.product, unit: 'unit' };
    listRequest().flush(
      page([
        { ...milk, onHand: '1250.000' },
        { ...milk, id: 'b-2', code: 'L-JAR-1', product: jars, onHand: '8.000' },
        { ...milk, id: 'b-3', code: 'L-JAR-2', product: jars, onHand: '1.000' },
      ]),
    );
    await settle();
    const rows = Array.from(element.querySelectorAll('tbody tr')).map((r) => r.textContent);
    expect(rows[0]).toContain('1,250 l');
    expect(rows[1]).toContain('8 units');
    expect(rows[2]).toMatch(/1 unit(?!s)/);
  });

  it('sends its filters as query parameters, back on page 1', async () => {
    listRequest().flush(page([milk]));
    await settle();

    const list = fixture.componentInstance;
    // Typed filters wait 300 ms: a fake clock moves past it at once.
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
    try {
      list.status.setValue('caution');
      list.within.setValue('7');
      list.warehouse.setValue('wh-1');
      list.search.setValue(' milk ');
      await jest.advanceTimersByTimeAsync(350);
    } finally {
      jest.useRealTimers();
    }
    await settle();

    const requests = backend.match((r) => r.url === '/api/v1/batches');
    const last = requests[requests.length - 1];
    const params = last.request.params;
    expect(params.get('status')).toBe('caution');
    expect(params.get('expiringWithinDays')).toBe('7');
    expect(params.get('warehouseId')).toBe('wh-1');
    expect(params.get('search')).toBe('milk');
    expect(params.get('page')).toBe('1');
    expect(params.has('productId')).toBe(false);
    for (const request of requests) if (!request.cancelled) request.flush(page([]));
  });

  it('collects batches across pages and opens the label sheet with their ids', async () => {
    listRequest().flush(page([milk, { ...milk, id: 'b-2', code: 'L-MLK-002' }]));
    await settle();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);

    const boxes = element.querySelectorAll<HTMLInputElement>('mat-checkbox input');
    boxes[0].click();
    boxes[1].click();
    await settle();
    const print = Array.from(element.querySelectorAll('button')).find((b) =>
      b.textContent?.includes('Print labels'),
    )!;
    expect(print.textContent).toContain('Print labels (2)');
    print.click();

    expect(navigate).toHaveBeenCalledWith(['/batches/labels'], {
      queryParams: { ids: 'b-1,b-2' },
    });
  });
});

describe('BatchList opened from a dashboard card', () => {
  it('lists only expired batches on hand from ?expired=true, says so on a chip, and the chip removes it', async () => {
    const queryParams = { expired: 'true', warehouseId: 'wh-1' };
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
    const backend = TestBed.inject(HttpTestingController);
    const fixture = TestBed.createComponent(BatchList);
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const element = fixture.nativeElement as HTMLElement;
    const settle = async () => {
      for (let round = 0; round < 3; round++) {
        fixture.detectChanges();
        for (const r of backend.match((r) => r.url === '/api/v1/warehouses')) r.flush(page([]));
        await new Promise((resolve) => setTimeout(resolve));
      }
    };
    await settle();

    const first = backend.expectOne((r) => r.url === '/api/v1/batches');
    expect(first.request.params.get('expired')).toBe('true');
    expect(first.request.params.get('warehouseId')).toBe('wh-1');
    expect(first.request.params.has('expiring')).toBe(false);
    first.flush(page([]));
    await settle();
    expect(navigate).toHaveBeenLastCalledWith(
      [],
      expect.objectContaining({
        queryParams: expect.objectContaining({ expired: 'true', warehouseId: 'wh-1' }),
      }),
    );

    const chip = element.querySelector('mat-chip')!;
    expect(chip.textContent).toContain('Expired, still on hand');
    chip.querySelector<HTMLButtonElement>('button[matChipRemove]')!.click();
    await settle();

    const next = backend.expectOne((r) => r.url === '/api/v1/batches');
    expect(next.request.params.has('expired')).toBe(false);
    expect(next.request.params.get('warehouseId')).toBe('wh-1');
    next.flush(page([]));
    await settle();
    expect(element.querySelector('mat-chip')).toBeNull();
    backend.verify();
  });
});
