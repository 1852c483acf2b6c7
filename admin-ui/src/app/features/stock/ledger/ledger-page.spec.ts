import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { StockMove } from '@stockmaster/contracts';

import { Session } from '../../../core/session/session';
import { loginResponse } from '../../../core/session/testing';
import { LedgerPage } from './ledger-page';

function move(id: string): StockMove {
  return {
    id,
    operationId: 'op-1',
    reference: `MAIN/IN/0000${id}`,
    lineId: null,
    product: { id: 'p-1', sku: 'APL-1', name: 'Apples', unit: 'kg' },
    batch: null,
    sourceLocation: { id: 'sup', fullName: 'Suppliers' },
    destinationLocation: { id: 'root', fullName: 'MAIN/Stock' },
    quantity: '5.000',
    doneAt: '2026-03-01T10:00:00Z',
  };
}

describe('LedgerPage', () => {
  let fixture: ComponentFixture<LedgerPage>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  const settle = async () => {
    for (let round = 0; round < 4; round++) {
      fixture.detectChanges();
      for (const r of backend.match((r) => r.url === '/api/v1/warehouses')) {
        r.flush({ data: [], meta: { page: 1, limit: 200, total: 0 } });
      }
      await new Promise((resolve) => setTimeout(resolve));
    }
  };
  const ledgerRequest = () => backend.expectOne((r) => r.url === '/api/v1/stock-moves');
  const references = () =>
    Array.from(element.querySelectorAll('tr.mat-mdc-row a code')).map((c) => c.textContent);
  const loadMore = () =>
    Array.from(element.querySelectorAll<HTMLButtonElement>('button')).find((b) =>
      b.textContent?.includes('Load more'),
    );

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    TestBed.inject(Session).signIn(loginResponse('manager'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(LedgerPage);
    element = fixture.nativeElement as HTMLElement;
    await settle();
  });

  afterEach(() => backend.verify());

  it('pages by cursor: "Load more" sends the last nextCursor and appends, until there is none', async () => {
    const first = ledgerRequest();
    expect(first.request.params.toString()).toBe('limit=50');
    first.flush({ data: [move('1'), move('2')], meta: { nextCursor: 'cursor-2' } });
    await settle();
    expect(references()).toEqual(['MAIN/IN/00001', 'MAIN/IN/00002']);

    loadMore()!.click();
    await settle();
    const second = ledgerRequest();
    expect(second.request.params.get('cursor')).toBe('cursor-2');
    expect(second.request.params.get('limit')).toBe('50');
    second.flush({ data: [move('3')], meta: { nextCursor: null } });
    await settle();

    expect(references()).toEqual(['MAIN/IN/00001', 'MAIN/IN/00002', 'MAIN/IN/00003']);
    expect(loadMore()).toBeUndefined();
    expect(element.textContent).toContain('That is the oldest move.');
  });

  it('starts over from the newest move when a filter changes', async () => {
    ledgerRequest().flush({ data: [move('1')], meta: { nextCursor: 'cursor-1' } });
    await settle();

    fixture.componentRef.setInput('operationId', 'op-7');
    await settle();
    const filtered = ledgerRequest();
    expect(filtered.request.params.get('operationId')).toBe('op-7');
    expect(filtered.request.params.has('cursor')).toBe(false);
    filtered.flush({ data: [move('7')], meta: { nextCursor: null } });
    await settle();
    expect(references()).toEqual(['MAIN/IN/00007']);
  });

  it('filters to the product of the URL (from its page), shown in the picker until another is picked', async () => {
    ledgerRequest().flush({ data: [move('1')], meta: { nextCursor: null } });
    await settle();

    fixture.componentRef.setInput('productId', 'p-1');
    await settle();
    backend
      .expectOne('/api/v1/products/p-1')
      .flush({ id: 'p-1', sku: 'APL-1', name: 'Apples', unit: 'kg' });
    const filtered = ledgerRequest();
    expect(filtered.request.params.get('productId')).toBe('p-1');
    filtered.flush({ data: [move('2')], meta: { nextCursor: null } });
    await settle();
    const picker = element.querySelector<HTMLInputElement>('sm-product-picker input')!;
    expect(picker.value).toContain('APL-1');
  });

  it('keeps the rows shown when loading more fails, and retries that page', async () => {
    ledgerRequest().flush({ data: [move('1')], meta: { nextCursor: 'cursor-1' } });
    await settle();
    loadMore()!.click();
    await settle();
    ledgerRequest().error(new ProgressEvent('error'));
    await settle();
    expect(element.querySelector('[role="alert"]')?.textContent).toMatch(/cannot reach/i);
    expect(references()).toEqual(['MAIN/IN/00001']);

    Array.from(element.querySelectorAll<HTMLButtonElement>('button'))
      .find((b) => b.textContent?.includes('Retry'))!
      .click();
    await settle();
    const retry = ledgerRequest();
    expect(retry.request.params.get('cursor')).toBe('cursor-1');
    retry.flush({ data: [move('2')], meta: { nextCursor: null } });
    await settle();
    expect(references()).toEqual(['MAIN/IN/00001', 'MAIN/IN/00002']);
  });
});
