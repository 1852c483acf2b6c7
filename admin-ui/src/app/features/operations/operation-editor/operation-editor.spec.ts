import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { OperationDetail, Product, StockErrorCode } from '@stockmaster/contracts';

import { EditorHarness, applePie, apples, beef, detail, page, product } from './editor-testing';

describe('OperationEditor', () => {
  let editor: EditorHarness;
  let element: HTMLElement;
  let backend: EditorHarness['backend'];

  const settle = () => editor.settle();
  const scanInput = () => editor.scanInput();
  const scan = (code: string) => editor.scan(code);
  const answerSearch = (code: string, results: Product[]) => editor.answerSearch(code, results);
  const lines = () => editor.lines();
  const lineInput = (line: HTMLElement, label: string) => editor.lineInput(line, label);
  const scanMessage = () => editor.scanMessage();
  const button = (text: string) => editor.button(text);

  async function render(type = 'delivery') {
    editor = new EditorHarness('new', { type });
    element = editor.element;
    backend = editor.backend;
    await settle();
  }

  async function open(operation: OperationDetail) {
    editor = new EditorHarness(operation.id);
    element = editor.element;
    backend = editor.backend;
    await settle();
    backend.expectOne(`/api/v1/operations/${operation.id}`).flush(operation);
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
    expect(button('Validating')?.getAttribute('aria-busy')).toBe('true');
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

  it('shows a done operation as a read-only document, with Reverse as its action', async () => {
    await open({
      ...detail([{ product: apples, quantity: '2000.000' }]),
      status: 'done',
      doneAt: '2026-03-01T11:00:00Z',
      validatedBy: { id: 'manager-id', fullName: 'Alex Manager' },
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
          quantity: '2000.000',
          doneAt: '2026-03-01T11:00:00Z',
        },
      ],
    });

    expect(element.querySelector('sm-operation-status')?.textContent).toContain('Done');
    // A document, not a wall of disabled inputs: no field, no scan, no Save or Validate.
    expect(element.querySelector('form')).toBeNull();
    expect(element.querySelectorAll('input, mat-select, textarea')).toHaveLength(0);
    expect(element.querySelector('sm-scan-field')).toBeNull();
    expect(button('Validate')).toBeUndefined();
    expect(button('Save draft')).toBeUndefined();
    expect(button('Reverse')?.disabled).toBe(false);
    // No warehouse locations are loaded for a screen that edits nothing.
    expect(backend.match((r) => r.url === '/api/v1/locations')).toHaveLength(0);

    const facts = element.querySelector('sm-operation-facts')?.textContent ?? '';
    expect(facts).toMatch(/Type\s*Delivery/);
    expect(facts).toMatch(/From\s*MAIN\/Stock/);
    expect(facts).toMatch(/Validated[\s\S]*by Alex Manager/);
    const documentLines = element.querySelector('table.document-lines')?.textContent ?? '';
    expect(documentLines).toMatch(/APL-1[\s\S]*Apples[\s\S]*2,000 kg/);
    const moves = element.querySelector('table[aria-labelledby="moves-heading"]');
    expect(moves?.textContent).toMatch(/APL-1[\s\S]*MAIN\/Stock[\s\S]*Customers[\s\S]*2,000 kg/);
  });

  it('links a reversal to the operation it reverses, by reference', async () => {
    await open({
      ...detail([{ product: apples, quantity: '2' }]),
      id: 'op-2',
      reference: 'MAIN/IN/00007',
      status: 'done',
      reversalOfId: 'op-1',
    });
    backend.expectOne('/api/v1/operations/op-1').flush({ ...detail([]), status: 'done' });
    await settle();

    const link = Array.from(element.querySelectorAll('sm-operation-facts a')).find((a) =>
      a.textContent?.includes('MAIN/OUT/00001'),
    );
    expect(link?.getAttribute('href')).toBe('/operations/op-1');
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
      expect(batch).not.toBeNull();
      expect(batch.value).toBe('');

      // Nothing chosen: the line says what is missing and nothing is sent.
      button('Save draft').click();
      await settle();
      await answerBatches();
      expect(lines()[0].textContent).toContain('This product is batch-tracked');
      expect(backend.match((r) => r.url === '/api/v1/operations')).toHaveLength(0);

      // The batch search waits 250 ms after typing: a fake clock moves past it at once.
      jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick', 'setImmediate'] });
      try {
        batch.value = 'L-2611-07';
        batch.dispatchEvent(new Event('input'));
        await jest.advanceTimersByTimeAsync(300);
      } finally {
        jest.useRealTimers();
      }
      await settle();
      await answerBatches();
      expect(lines()[0].textContent).toContain('New batch: created when the receipt is validated.');
      expect(lineInput(lines()[0], 'Expires (optional)')).not.toBeNull();

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
      const move = (id: string, batch: string, expiresAt: string, quantity: string) => ({
        id,
        operationId: 'op-1',
        reference: 'MAIN/OUT/00001',
        lineId: 'line-0',
        product: { id: 'p-3', sku: 'MLK-1', name: 'Fresh whole milk', unit: 'unit' },
        batch: { id: `b-${id}`, code: batch, expiresAt },
        sourceLocation: { id: 'loc-root', fullName: 'MAIN/Stock' },
        destinationLocation: { id: 'loc-customer', fullName: 'Customers' },
        quantity,
        doneAt: '2026-03-01T11:00:00Z',
      });
      await open({
        ...detail([{ product: { ...milk, unit: 'unit' }, quantity: '8.000' }]),
        status: 'done',
        doneAt: '2026-03-01T11:00:00Z',
        moves: [
          move('m-1', 'L-001', '2026-03-03', '5.000'),
          move('m-2', 'L-002', '2026-03-05', '1.000'),
        ],
      });

      const [row] = Array.from(element.querySelectorAll('table.document-lines tbody tr'));
      const batchCell = row.querySelector('td[data-label="Batch"]');
      expect(batchCell?.textContent).toMatch(
        /L-001[\s\S]*5 units[\s\S]*Mar 3, 2026[\s\S]*L-002[\s\S]*1 unit\b[\s\S]*Mar 5, 2026/,
      );
      expect(batchCell?.querySelector('a')?.getAttribute('href')).toBe('/batches/b-m-1');
      expect(row.querySelector('td[data-label="Quantity"]')?.textContent?.trim()).toBe('8 units');
    });
  });
});
