import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import {
  Location,
  OperationDetail,
  OperationLine,
  Product,
  StockErrorCode,
  Warehouse,
} from '@stockmaster/contracts';

import { Session } from '../../../core/session/session';
import { loginResponse } from '../../../core/session/testing';
import { OperationEditor } from './operation-editor';

const main: Warehouse = {
  id: 'wh-1',
  code: 'MAIN',
  name: 'Main warehouse',
  address: null,
  rootLocationId: 'loc-root',
  hasStockHistory: false,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};
const root: Location = {
  id: 'loc-root',
  warehouseId: 'wh-1',
  parentId: null,
  name: 'Stock',
  fullName: 'MAIN/Stock',
  type: 'internal',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};
const product = (id: string, sku: string, name: string, barcode: string | null): Product => ({
  id,
  sku,
  name,
  description: null,
  categoryId: null,
  categoryPath: null,
  unit: 'kg',
  barcode,
  tracking: 'none',
  shelfLifeDays: null,
  expiryWarningDays: 2,
  active: true,
  version: 1,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});
const apples = product('p-1', 'APL-1', 'Apples', '4006381333931');
const applePie = product('p-9', 'APL-10', 'Apple pie', null);
const beef = product('p-2', 'BF-1', 'Beef', null);

const page = <T>(data: T[]) => ({ data, meta: { page: 1, limit: 200, total: data.length } });

function detail(lines: { product: Product; quantity: string }[]): OperationDetail {
  return {
    id: 'op-1',
    reference: 'MAIN/OUT/00001',
    type: 'delivery',
    status: 'draft',
    warehouseId: 'wh-1',
    sourceLocation: { id: 'loc-root', fullName: 'MAIN/Stock' },
    destinationLocation: { id: 'loc-customer', fullName: 'Customers' },
    partner: null,
    scheduledAt: null,
    doneAt: null,
    notes: null,
    includeChildren: false,
    createdBy: { id: 'manager-id', fullName: 'Alex Manager' },
    validatedBy: null,
    reversalOfId: null,
    reversedById: null,
    lineCount: lines.length,
    createdAt: '2026-03-01T10:00:00Z',
    updatedAt: '2026-03-01T10:00:00Z',
    lines: lines.map((line, index): OperationLine => ({
      id: `line-${index}`,
      line: index,
      product: { id: line.product.id, sku: line.product.sku, name: line.product.name, unit: 'kg' },
      batch: null,
      newBatch: null,
      quantity: line.quantity,
      countedQuantity: null,
      sourceLocation: null,
      destinationLocation: null,
      acceptExpired: false,
    })),
    moves: [],
  };
}

describe('OperationEditor', () => {
  let fixture: ComponentFixture<OperationEditor>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  /** Renders and answers the side requests (warehouses, locations). */
  const settle = async () => {
    for (let round = 0; round < 5; round++) {
      fixture.detectChanges();
      for (const r of backend.match((r) => r.url === '/api/v1/warehouses')) r.flush(page([main]));
      for (const r of backend.match((r) => r.url === '/api/v1/locations')) r.flush(page([root]));
      await new Promise((resolve) => setTimeout(resolve));
    }
  };
  const scanInput = () => element.querySelector<HTMLInputElement>('.scan input')!;
  /** Types a code into the scan field and presses Enter, as a hand-held scanner does. */
  const scan = async (code: string) => {
    const input = scanInput();
    input.focus();
    input.value = code;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settle();
  };
  const answerSearch = async (code: string, results: Product[]) => {
    const request = backend.expectOne(
      (r) => r.url === '/api/v1/products' && r.params.get('search') === code,
    );
    expect(request.request.params.get('active')).toBe('true');
    request.flush(page(results));
    await settle();
  };
  const lines = () => Array.from(element.querySelectorAll<HTMLElement>('.line'));
  const lineInput = (line: HTMLElement, label: string) =>
    Array.from(line.querySelectorAll('mat-form-field'))
      .find((f) => f.querySelector('mat-label')?.textContent?.trim() === label)!
      .querySelector<HTMLInputElement>('input')!;
  const scanMessage = () => element.querySelector('.scan-message')?.textContent?.trim();
  const button = (text: string) =>
    Array.from(element.querySelectorAll<HTMLButtonElement>('button')).find((b) =>
      b.textContent?.includes(text),
    )!;

  async function render(type = 'delivery') {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    TestBed.inject(Session).signIn(loginResponse('manager'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(OperationEditor);
    fixture.componentRef.setInput('id', 'new');
    fixture.componentRef.setInput('type', type);
    element = fixture.nativeElement as HTMLElement;
    await settle();
  }

  afterEach(() => backend.verify());

  it('adds a scanned product as a new line of 1, found by exact SKU among the matches', async () => {
    await render();
    expect(element.querySelector('h1')?.textContent).toContain('New delivery');

    await scan('APL-1');
    await answerSearch('APL-1', [applePie, apples]);

    expect(lines()).toHaveLength(1);
    expect(lineInput(lines()[0], 'Product').value).toBe('APL-1 — Apples');
    expect(lineInput(lines()[0], 'Quantity').value).toBe('1');
    expect(scanMessage()).toContain('APL-1 — Apples added as line 1');
    // The field is ready for the next scan.
    expect(scanInput().value).toBe('');
    expect(document.activeElement).toBe(scanInput());
  });

  it('adds 1 to the line of a product scanned again, by SKU or by barcode', async () => {
    await render();
    await scan('APL-1');
    await answerSearch('APL-1', [apples]);
    await scan('BF-1');
    await answerSearch('BF-1', [beef]);
    await scan('4006381333931');
    await answerSearch('4006381333931', [apples]);

    expect(lines()).toHaveLength(2);
    expect(lineInput(lines()[0], 'Quantity').value).toBe('2');
    expect(lineInput(lines()[1], 'Quantity').value).toBe('1');
    expect(scanMessage()).toContain('line 1 is now 2');
  });

  it('says so when a scanned code matches no product exactly, and adds nothing', async () => {
    await render();
    await scan('APL');
    // A search for "APL" finds products containing it, but none has it as SKU or barcode.
    await answerSearch('APL', [apples, applePie]);

    expect(lines()).toHaveLength(0);
    expect(scanMessage()).toContain('No active product has the SKU or barcode “APL”.');
    expect(element.querySelector('.scan-message .scan-error')).not.toBeNull();
  });

  it('explains an invalid quantity under its field and sends nothing', async () => {
    await render();
    await scan('APL-1');
    await answerSearch('APL-1', [apples]);
    const quantity = lineInput(lines()[0], 'Quantity');
    const errorText = () => lines()[0].querySelector('mat-error')?.textContent?.trim();

    for (const [typed, message] of [
      ['1.2345', 'Enter a number with at most 3 decimals, e.g. 12 or 0.125.'],
      ['ten', 'Enter a number with at most 3 decimals, e.g. 12 or 0.125.'],
      ['0', 'Enter a quantity above 0.'],
      ['', 'This field is required.'],
    ]) {
      quantity.value = typed;
      quantity.dispatchEvent(new Event('input'));
      quantity.dispatchEvent(new Event('blur'));
      await settle();
      expect(errorText()).toBe(message);
    }

    button('Save draft').click();
    await settle();
    expect(backend.match((r) => r.url === '/api/v1/operations')).toHaveLength(0);
  });

  it('saves, then validates with fresh idempotency keys, and marks each failing line with its message', async () => {
    await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await scan('APL-1');
    await answerSearch('APL-1', [apples]);
    await scan('BF-1');
    await answerSearch('BF-1', [beef]);
    const quantity = lineInput(lines()[1], 'Quantity');
    quantity.value = '12.5';
    quantity.dispatchEvent(new Event('input'));
    await settle();

    button('Validate').click();
    await settle();

    const create = backend.expectOne({ method: 'POST', url: '/api/v1/operations' });
    expect(create.request.body).toEqual({
      type: 'delivery',
      warehouseId: 'wh-1',
      lines: [
        { productId: 'p-1', quantity: '1' },
        { productId: 'p-2', quantity: '12.5' },
      ],
    });
    const createKey = create.request.headers.get('Idempotency-Key');
    expect(createKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(button('Validating')).toBeDefined();
    create.flush(
      detail([
        { product: apples, quantity: '1.000' },
        { product: beef, quantity: '12.500' },
      ]),
    );
    await settle();
    expect(navigate).toHaveBeenCalledWith(['/operations', 'op-1'], { replaceUrl: true });

    const validate = backend.expectOne({
      method: 'POST',
      url: '/api/v1/operations/op-1/validate',
    });
    const validateKey = validate.request.headers.get('Idempotency-Key');
    expect(validateKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(validateKey).not.toBe(createKey);
    validate.flush(
      {
        statusCode: 422,
        error: StockErrorCode.InsufficientStock,
        message: 'Not enough stock.',
        details: [
          {
            line: 1,
            error: StockErrorCode.InsufficientStock,
            message: 'Only 3 kg of BF-1 at MAIN/Stock.',
          },
        ],
        requestId: 'r-1',
      },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await settle();

    const [first, second] = lines();
    expect(first.classList).not.toContain('failing');
    expect(first.querySelector('.line-error')).toBeNull();
    expect(second.classList).toContain('failing');
    expect(second.querySelector('.line-error')?.textContent).toContain(
      'Only 3 kg of BF-1 at MAIN/Stock.',
    );
    expect(second.getAttribute('aria-describedby')).toBe('line-error-1');
    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      '1 line needs attention',
    );
    // The draft exists now: the header says so, and the form stays editable for a fix.
    expect(element.querySelector('h1')?.textContent).toContain('MAIN/OUT/00001');
    expect(button('Validate').disabled).toBe(false);
  });

  it('shows a done operation read-only, with the moves it wrote', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    TestBed.inject(Session).signIn(loginResponse('manager'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(OperationEditor);
    fixture.componentRef.setInput('id', 'op-1');
    element = fixture.nativeElement as HTMLElement;
    await settle();
    const done: OperationDetail = {
      ...detail([{ product: apples, quantity: '2.000' }]),
      status: 'done',
      doneAt: '2026-03-01T11:00:00Z',
      moves: [
        {
          id: 'm-1',
          operationId: 'op-1',
          reference: 'MAIN/OUT/00001',
          lineId: 'line-0',
          product: { id: 'p-1', sku: 'APL-1', name: 'Apples', unit: 'kg' },
          batch: null,
          sourceLocation: { id: 'loc-root', fullName: 'MAIN/Stock' },
          destinationLocation: { id: 'loc-customer', fullName: 'Customers' },
          quantity: '2.000',
          doneAt: '2026-03-01T11:00:00Z',
        },
      ],
    };
    backend.expectOne('/api/v1/operations/op-1').flush(done);
    await settle();

    expect(element.querySelector('sm-operation-status')?.textContent).toContain('Done');
    expect(element.querySelector('.scan')).toBeNull();
    expect(button('Validate')).toBeUndefined();
    expect(lineInput(lines()[0], 'Quantity').disabled).toBe(true);
    expect(button('Reverse')).toBeDefined();
    const moves = element.querySelector('table[aria-labelledby="moves-heading"]');
    expect(moves?.textContent).toMatch(/APL-1[\s\S]*MAIN\/Stock[\s\S]*Customers[\s\S]*2 kg/);
  });
  describe('batches', () => {
    const milk: Product = {
      ...product('p-3', 'MLK-1', 'Fresh whole milk', null),
      tracking: 'batch',
    };
    const answerBatches = async () => {
      for (const r of backend.match((r) => r.url === '/api/v1/batches')) {
        expect(r.request.params.get('productId')).toBe('p-3');
        r.flush(page([]));
      }
      await settle();
    };

    it('asks for the batch of a batch-tracked product on a receipt line, and sends a new one inline', async () => {
      await render('receipt');
      await scan('MLK-1');
      await answerSearch('MLK-1', [milk]);
      await answerBatches();

      const line = lines()[0];
      const batch = lineInput(line, 'Batch');
      expect(batch).toBeDefined();

      // Nothing chosen: the line says what is missing and nothing is sent.
      button('Save draft').click();
      await settle();
      await answerBatches();
      expect(lines()[0].textContent).toContain('This product is batch-tracked');
      expect(backend.match((r) => r.url === '/api/v1/operations')).toHaveLength(0);

      batch.value = 'L-2611-07';
      batch.dispatchEvent(new Event('input'));
      await new Promise((resolve) => setTimeout(resolve, 300));
      await settle();
      await answerBatches();
      expect(lines()[0].textContent).toContain('New batch: created when the receipt is validated.');
      expect(lineInput(lines()[0], 'Expires (optional)')).toBeDefined();

      button('Save draft').click();
      await settle();
      const create = backend.expectOne({ method: 'POST', url: '/api/v1/operations' });
      expect(create.request.body.lines).toEqual([
        { productId: 'p-3', quantity: '1', batch: { code: 'L-2611-07' } },
      ]);
      create.flush(null, { status: 503, statusText: 'Unavailable' });
      await settle();
      await answerBatches();
    });

    it('does not ask for a batch on a receipt line of an untracked product', async () => {
      await render('receipt');
      await scan('APL-1');
      await answerSearch('APL-1', [apples]);
      expect(
        Array.from(lines()[0].querySelectorAll('mat-label')).map((l) => l.textContent?.trim()),
      ).not.toContain('Batch');
    });

    it('shows, per line of a done delivery, the batches the server allocated earliest expiry first', async () => {
      TestBed.configureTestingModule({
        providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
      });
      TestBed.inject(Session).signIn(loginResponse('manager'));
      backend = TestBed.inject(HttpTestingController);
      fixture = TestBed.createComponent(OperationEditor);
      fixture.componentRef.setInput('id', 'op-1');
      element = fixture.nativeElement as HTMLElement;
      await settle();
      const move = (id: string, batch: string, expiresAt: string, quantity: string) => ({
        id,
        operationId: 'op-1',
        reference: 'MAIN/OUT/00001',
        lineId: 'line-0',
        product: { id: 'p-3', sku: 'MLK-1', name: 'Fresh whole milk', unit: 'kg' },
        batch: { id: `b-${id}`, code: batch, expiresAt },
        sourceLocation: { id: 'loc-root', fullName: 'MAIN/Stock' },
        destinationLocation: { id: 'loc-customer', fullName: 'Customers' },
        quantity,
        doneAt: '2026-03-01T11:00:00Z',
      });
      backend.expectOne('/api/v1/operations/op-1').flush({
        ...detail([{ product: milk, quantity: '8.000' }]),
        status: 'done',
        doneAt: '2026-03-01T11:00:00Z',
        moves: [
          move('m-1', 'L-001', '2026-03-03', '5.000'),
          move('m-2', 'L-002', '2026-03-05', '3.000'),
        ],
      });
      await settle();

      const allocation = lines()[0].querySelector('.allocation');
      expect(allocation?.getAttribute('aria-label')).toBe('Batches of line 1');
      expect(allocation?.textContent).toMatch(
        /earliest expiry first[\s\S]*L-001[\s\S]*5 kg[\s\S]*L-002[\s\S]*3 kg/,
      );
      expect(allocation?.querySelector('a')?.getAttribute('href')).toBe('/batches/b-m-1');
    });
  });
});
