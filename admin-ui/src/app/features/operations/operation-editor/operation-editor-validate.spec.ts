import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { ErrorDetail, OperationDetail, StockErrorCode } from '@stockmaster/contracts';

import { EditorHarness, apples, beef, detail, page, product } from './editor-testing';

// Whole user journeys (scan, type, save, refuse, fix, validate) take a few seconds in jsdom on a
// busy machine.
jest.setTimeout(30_000);

/** Validate posts what the screen shows, and reports only on the lines shown. */
describe('OperationEditor, validating', () => {
  let editor: EditorHarness;

  afterEach(() => {
    document.querySelectorAll('.cdk-overlay-container').forEach((c) => (c.innerHTML = ''));
    // The batch field's own search (debounced) may go out at any point of a receipt test.
    for (const r of editor.backend.match((r) => r.url === '/api/v1/batches')) {
      if (!r.cancelled) r.flush(page([]));
    }
    editor.backend.verify();
  });

  const refusal = (message: string, details: ErrorDetail[]) => ({
    body: {
      statusCode: 422,
      error: StockErrorCode.InsufficientStock,
      message,
      details,
      requestId: 'r-1',
    },
    init: { status: 422, statusText: 'Unprocessable Entity' },
  });
  const done = (operation: OperationDetail): OperationDetail => ({
    ...operation,
    status: 'done',
    doneAt: '2026-03-01T11:00:00Z',
  });

  async function newDelivery(quantities: string[]) {
    editor = new EditorHarness('new', { type: 'delivery' });
    jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    await editor.settle();
    const products = [apples, beef];
    for (const [index, quantity] of quantities.entries()) {
      await editor.scan(products[index].sku);
      await editor.answerSearch(products[index].sku, [products[index]]);
      await editor.type(index, 'Quantity', quantity);
    }
  }

  async function openDraft(operation: OperationDetail) {
    editor = new EditorHarness(operation.id);
    await editor.settle();
    editor.backend.expectOne(`/api/v1/operations/${operation.id}`).flush(operation);
    await editor.settle();
  }

  const expectValidate = () =>
    editor.backend.expectOne({ method: 'POST', url: '/api/v1/operations/op-1/validate' });
  const expectPatch = () =>
    editor.backend.expectOne({ method: 'PATCH', url: '/api/v1/operations/op-1' });

  it('saves a quantity edited after a refused validation, then validates that quantity', async () => {
    await newDelivery(['1000']);
    editor.button('Validate').click();
    await editor.settle();
    editor.backend
      .expectOne({ method: 'POST', url: '/api/v1/operations' })
      .flush(detail([{ product: apples, quantity: '1000.000' }]));
    await editor.settle();
    const { body, init } = refusal('Not enough stock for 1 line(s): nothing was posted', [
      {
        line: 0,
        error: StockErrorCode.InsufficientStock,
        message: 'Only 40 on hand at MAIN/Stock',
      },
    ]);
    expectValidate().flush(body, init);
    await editor.settle();
    // Two sentences, not one run-on: "…nothing was posted. 1 line needs attention…".
    expect(editor.banner()).toContain(
      'Not enough stock for 1 line(s): nothing was posted. 1 line needs attention: see the lines marked below.',
    );
    expect(editor.lineError(0)).toContain('Only 40 on hand at MAIN/Stock.');

    await editor.type(0, 'Quantity', '3');
    // The refusal was about 1000: it no longer describes the line shown.
    expect(editor.lineError(0)).toBeNull();
    expect(editor.banner()).toBe('');

    editor.button('Validate').click();
    await editor.settle();
    const save = expectPatch();
    expect(save.request.body.lines).toEqual([{ productId: 'p-1', quantity: '3' }]);
    save.flush(detail([{ product: apples, quantity: '3.000' }]));
    await editor.settle();
    expectValidate().flush(done(detail([{ product: apples, quantity: '3.000' }])));
    await editor.settle();

    expect(editor.element.querySelector('sm-operation-status')?.textContent).toContain('Done');
    expect(editor.element.querySelector('table.document-lines')?.textContent).toContain('3 kg');
  });

  it('saves an edit made after Save draft before validating', async () => {
    await newDelivery(['5']);
    editor.button('Save draft').click();
    await editor.settle();
    const create = editor.backend.expectOne({ method: 'POST', url: '/api/v1/operations' });
    expect(create.request.body.lines).toEqual([{ productId: 'p-1', quantity: '5' }]);
    create.flush(detail([{ product: apples, quantity: '5.000' }]));
    await editor.settle();

    await editor.type(0, 'Quantity', '2.5');
    editor.button('Validate').click();
    await editor.settle();
    const save = expectPatch();
    expect(save.request.body.lines).toEqual([{ productId: 'p-1', quantity: '2.5' }]);
    save.flush(detail([{ product: apples, quantity: '2.500' }]));
    await editor.settle();
    expectValidate().flush(done(detail([{ product: apples, quantity: '2.500' }])));
    await editor.settle();
  });

  it('clears on the server a header field emptied on screen before validating', async () => {
    await openDraft({
      ...detail([{ product: apples, quantity: '4.000' }]),
      partner: 'Bistro Central',
      notes: 'Back door',
    });
    const partner = editor.element.querySelector<HTMLInputElement>(
      'input[formcontrolname="partner"]',
    )!;
    partner.value = '';
    partner.dispatchEvent(new Event('input'));
    partner.dispatchEvent(new Event('blur'));
    await editor.settle();
    editor.button('Validate').click();
    await editor.settle();
    const save = expectPatch();
    expect(save.request.body).toMatchObject({ partner: null, notes: 'Back door' });
    save.flush(detail([{ product: apples, quantity: '4.000' }]));
    await editor.settle();
    expectValidate().flush(done(detail([{ product: apples, quantity: '4.000' }])));
    await editor.settle();
  });

  it('validates an unchanged draft without saving it again', async () => {
    await openDraft(detail([{ product: apples, quantity: '4.000' }]));
    editor.button('Validate').click();
    await editor.settle();
    expect(editor.backend.match({ method: 'PATCH', url: '/api/v1/operations/op-1' })).toHaveLength(
      0,
    );
    expectValidate().flush(done(detail([{ product: apples, quantity: '4.000' }])));
    await editor.settle();
  });

  it('keeps each problem on its own line when another line is removed or edited', async () => {
    await openDraft(
      detail([
        { product: apples, quantity: '1.000' },
        { product: beef, quantity: '2.000' },
        { product: product('p-4', 'CRT-1', 'Carrots', null), quantity: '9.000' },
      ]),
    );
    editor.button('Validate').click();
    await editor.settle();
    const { body, init } = refusal('Not enough stock for 2 line(s): nothing was posted', [
      { line: 1, error: StockErrorCode.InsufficientStock, message: 'Only 1 on hand (beef)' },
      { line: 2, error: StockErrorCode.InsufficientStock, message: 'Only 3 on hand (carrots)' },
    ]);
    expectValidate().flush(body, init);
    await editor.settle();
    expect(editor.banner()).toContain('2 lines need attention');

    // The first line goes: the beef and carrot problems stay with beef and carrots.
    editor.element.querySelector<HTMLButtonElement>('[aria-label="Remove line 1"]')!.click();
    await editor.settle();
    expect(editor.lines()).toHaveLength(2);
    expect(editor.lineError(0)).toContain('beef');
    expect(editor.lineError(1)).toContain('carrots');

    // Beef is fixed: its problem goes, the carrots' stays, and the banner counts one.
    await editor.type(0, 'Quantity', '1');
    expect(editor.lineError(0)).toBeNull();
    expect(editor.lineError(1)).toContain('carrots');
    expect(editor.banner()).toContain('1 line needs attention');
  });

  describe('a receipt of an expired batch', () => {
    const milk = { ...product('p-3', 'MLK-1', 'Milk', null, 'unit'), tracking: 'batch' as const };
    const expiredBatch = { id: 'b-1', code: 'L-OLD', expiresAt: '2026-01-10' };
    const receipt = (acceptExpired = false) =>
      detail([{ product: milk, quantity: '6', batch: expiredBatch, acceptExpired }], 'receipt');
    const dialogButton = (text: string) =>
      Array.from(document.querySelectorAll<HTMLButtonElement>('mat-dialog-container button')).find(
        (b) => b.textContent?.includes(text),
      );

    async function refusedForExpiry() {
      await openDraft(receipt());
      editor.backend.expectOne('/api/v1/products/p-3').flush(milk);
      await editor.settle();
      editor.button('Validate').click();
      await editor.settle();
      const { body, init } = refusal('The receipt has an expired batch', [
        { line: 0, error: StockErrorCode.BatchExpired, message: 'Batch L-OLD has expired' },
      ]);
      expectValidate().flush(body, init);
      await editor.settle();
    }

    it('asks first, and only on a yes sends acceptExpired on that line', async () => {
      await refusedForExpiry();
      const dialog = document.querySelector('mat-dialog-container');
      expect(dialog?.textContent).toContain(
        'Batch L-OLD expired on Jan 10, 2026 — receive it anyway?',
      );
      dialogButton('Receive anyway')!.click();
      await editor.settle();

      const save = expectPatch();
      expect(save.request.body.lines).toEqual([
        { productId: 'p-3', quantity: '6', batchId: 'b-1', acceptExpired: true },
      ]);
      save.flush(receipt(true));
      await editor.settle();
      expectValidate().flush(done(receipt(true)));
      await editor.settle();
      expect(editor.element.querySelector('table.document-lines')?.textContent).toContain(
        'Expired batch accepted',
      );
    });

    it('sends nothing more on a no, and says why the line was refused', async () => {
      await refusedForExpiry();
      dialogButton('Cancel')!.click();
      await editor.settle();

      expect(editor.backend.match((r) => r.url.startsWith('/api/v1/operations'))).toHaveLength(0);
      expect(editor.lineError(0)).toContain('Batch L-OLD has expired.');
    });
  });
});
