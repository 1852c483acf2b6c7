import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Type } from '@angular/core';
import { provideRouter } from '@angular/router';
import { Product } from '@stockmaster/contracts';

import { ProductActivity } from './product-activity';
import { ProductStock } from './product-stock';

const product: Product = {
  id: 'p-1',
  sku: 'FISH',
  name: 'Trout',
  description: null,
  categoryId: null,
  categoryPath: null,
  unit: 'kg',
  barcode: null,
  tracking: 'batch',
  shelfLifeDays: 5,
  expiryWarningDays: 2,
  active: true,
  version: 1,
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
};
const ref = { id: 'p-1', sku: 'FISH', name: 'Trout', unit: 'kg' };
const page = <T>(data: T[], total = data.length) => ({
  data,
  meta: { page: 1, limit: 100, total },
});
const summaryRow = (code: string, figures: [string, string, string, string]) => ({
  product: ref,
  warehouse: { id: `w-${code}`, code, name: code },
  onHand: figures[0],
  available: figures[1],
  expired: figures[2],
  blocked: figures[3],
  minQuantity: null,
  maxQuantity: null,
  belowMinimum: false,
});

describe('product page sections', () => {
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
  });
  afterEach(() => backend.verify());

  async function render<T>(component: Type<T>): Promise<{
    fixture: ComponentFixture<T>;
    element: HTMLElement;
    settle: () => Promise<void>;
  }> {
    const fixture = TestBed.createComponent(component);
    fixture.componentRef.setInput('product', product);
    // Not whenStable(): a resource waiting for its answer keeps the fixture unstable.
    const settle = async () => {
      for (let round = 0; round < 3; round++) {
        fixture.detectChanges();
        await new Promise((resolve) => setTimeout(resolve));
      }
    };
    await settle();
    return { fixture, element: fixture.nativeElement as HTMLElement, settle };
  }
  const text = (node: Element | null | undefined) => node?.textContent?.replace(/\s+/g, ' ').trim();

  it('shows on hand, available, expired and blocked per stocked warehouse, then each location and batch with its chips', async () => {
    const { element, settle } = await render(ProductStock);
    const summary = backend.expectOne((r) => r.url === '/api/v1/stock-levels/summary');
    expect(summary.request.params.get('productId')).toBe('p-1');
    summary.flush(
      page([summaryRow('MAIN', ['10', '2', '4', '4']), summaryRow('SHOP', ['0', '0', '0', '0'])]),
    );
    const levels = backend.expectOne((r) => r.url === '/api/v1/stock-levels');
    expect(levels.request.params.get('productId')).toBe('p-1');
    levels.flush(
      page(
        [
          {
            product: ref,
            location: { id: 'l-1', fullName: 'MAIN/Stock/Cold' },
            batch: {
              id: 'b-1',
              code: 'SOON',
              expiresAt: '2026-12-01',
              status: 'available',
              freshness: { status: 'caution', daysOnShelf: 3, daysToExpiry: 1 },
            },
            quantity: '6',
          },
          {
            product: ref,
            location: { id: 'l-2', fullName: 'MAIN/Stock' },
            batch: {
              id: 'b-2',
              code: 'HELD',
              expiresAt: '2026-12-20',
              status: 'quarantined',
              freshness: { status: 'fresh', daysOnShelf: 1, daysToExpiry: 20 },
            },
            quantity: '4',
          },
        ],
        102,
      ),
    );
    await settle();

    const rows = Array.from(element.querySelectorAll('table tbody tr')).map((row) =>
      Array.from(row.children).map((cell) => text(cell)),
    );
    // A warehouse with only a reorder rule and nothing on hand is not a stock row.
    expect(rows).toEqual([['MAIN', '10 kg', '2 kg', '4 kg', '4 kg']]);
    const items = Array.from(element.querySelectorAll('.levels li'));
    expect(items.map((item) => text(item.querySelector('.where')))).toEqual([
      'MAIN/Stock/Cold',
      'MAIN/Stock',
    ]);
    expect(text(items[0])).toContain('Use soon · 1 day left');
    expect(items[0].querySelector('sm-batch-status-chip')).toBeNull();
    expect(text(items[1].querySelector('sm-batch-status-chip'))).toContain('Quarantined');
    expect(items[1].querySelector('a.batch')?.getAttribute('href')).toBe('/batches/b-2');
    expect(text(element.querySelector('.more'))).toBe('100 more rows: see all levels.');
  });

  it('says so when the product has no stock in the caller’s warehouses', async () => {
    const { element, settle } = await render(ProductStock);
    backend.expectOne((r) => r.url === '/api/v1/stock-levels/summary').flush(page([]));
    backend.expectOne((r) => r.url === '/api/v1/stock-levels').flush(page([]));
    await settle();
    expect(text(element.querySelector('.empty'))).toBe(
      'No stock of this product in your warehouses.',
    );
    expect(element.querySelector('table')).toBeNull();
  });

  it('lists a few recent moves with a link to the whole ledger, and the open drafts of the product', async () => {
    const { element, settle } = await render(ProductActivity);
    const moves = backend.expectOne((r) => r.url === '/api/v1/stock-moves');
    expect(moves.request.params.get('productId')).toBe('p-1');
    expect(moves.request.params.get('limit')).toBe('5');
    moves.flush({
      data: [
        {
          id: '1',
          operationId: 'op-1',
          reference: 'MAIN/IN/00001',
          lineId: null,
          product: ref,
          batch: { id: 'b-1', code: 'SOON', expiresAt: null },
          sourceLocation: { id: 's', fullName: 'Partners/Suppliers' },
          destinationLocation: { id: 'l-1', fullName: 'MAIN/Stock/Cold' },
          quantity: '6',
          doneAt: '2026-11-29T10:00:00Z',
        },
      ],
      meta: { nextCursor: 'next' },
    });
    const drafts = backend.expectOne((r) => r.url === '/api/v1/operations');
    expect(drafts.request.params.get('productId')).toBe('p-1');
    expect(drafts.request.params.get('status')).toBe('draft');
    drafts.flush(
      page(
        [
          {
            id: 'op-9',
            reference: 'MAIN/OUT/00009',
            partner: 'Bistro',
            lineCount: 2,
            scheduledAt: null,
          },
        ],
        12,
      ),
    );
    await settle();

    expect(Array.from(element.querySelectorAll('sm-moves-table td')).map(text)).toContain(
      'MAIN/IN/00001',
    );
    const ledger = Array.from(element.querySelectorAll('a')).find((a) =>
      a.textContent?.includes('All moves of this product'),
    );
    expect(ledger?.getAttribute('href')).toBe('/ledger?productId=p-1');
    const draft = element.querySelector('.drafts li');
    expect(Array.from(draft!.children).map(text)).toEqual(['MAIN/OUT/00009', 'Bistro', '2 lines']);
    expect(draft?.querySelector('a')?.getAttribute('href')).toBe('/operations/op-9');
    // The rest of the drafts, and every operation of the product, open the filtered list.
    const more = element.querySelector<HTMLAnchorElement>('.more a');
    expect(text(more)).toBe('And 11 more drafts');
    expect(more?.getAttribute('href')).toBe('/operations?productId=p-1&status=draft');
    const operations = Array.from(element.querySelectorAll('a')).find((a) =>
      a.textContent?.includes('All operations of this product'),
    );
    expect(operations?.getAttribute('href')).toBe('/operations?productId=p-1');
  });
});
