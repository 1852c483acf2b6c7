import { OperationDetail } from '@stockmaster/contracts';

import {
  applyBatchRule,
  fillForm,
  inlineBatchOf,
  lineForm,
  operationForm,
  operationRequest,
} from './operation-form';

const milk = { id: 'p-1', sku: 'MLK-1', name: 'Fresh whole milk', unit: 'l' };

function receipt(...lines: ReturnType<typeof lineForm>[]) {
  const form = operationForm('receipt');
  form.controls.warehouseId.setValue('wh-1');
  for (const line of lines) form.controls.lines.push(line);
  return form;
}

describe('receipt lines and their batch', () => {
  it('sends a batch picked from the list as batchId', () => {
    const line = lineForm('receipt', milk);
    line.patchValue({
      quantity: '12',
      batch: { id: 'b-1', code: 'L-001', expiresAt: '2026-03-07' },
    });

    expect(operationRequest(receipt(line)).lines).toEqual([
      { productId: 'p-1', quantity: '12', batchId: 'b-1' },
    ]);
  });

  it('sends a typed code as a new inline batch, with its optional dates as calendar days', () => {
    const withDates = lineForm('receipt', milk);
    withDates.patchValue({
      quantity: '6',
      batch: ' L-NEW-7 ',
      batchProducedAt: new Date(2026, 2, 1),
      batchExpiresAt: new Date(2026, 2, 9),
    });
    const codeOnly = lineForm('receipt', milk);
    codeOnly.patchValue({ quantity: '1', batch: 'L-NEW-8' });

    expect(operationRequest(receipt(withDates, codeOnly)).lines).toEqual([
      {
        productId: 'p-1',
        quantity: '6',
        batch: { code: 'L-NEW-7', producedAt: '2026-03-01', expiresAt: '2026-03-09' },
      },
      { productId: 'p-1', quantity: '1', batch: { code: 'L-NEW-8' } },
    ]);
  });

  it('sends no batch at all for an untracked product', () => {
    const line = lineForm('receipt', milk);
    line.patchValue({ quantity: '2' });
    expect(operationRequest(receipt(line)).lines).toEqual([{ productId: 'p-1', quantity: '2' }]);
  });

  it('requires a batch on receipt lines of batch-tracked products only', () => {
    const line = lineForm('receipt', milk);
    line.patchValue({ quantity: '2' });
    expect(line.controls.batch.valid).toBe(true);

    applyBatchRule(line, 'receipt', true);
    expect(line.controls.batch.errors).toEqual({ batchRequired: true });
    line.controls.batch.setValue('L-1');
    expect(line.controls.batch.valid).toBe(true);

    applyBatchRule(line, 'delivery', true);
    line.controls.batch.setValue(null);
    expect(line.controls.batch.valid).toBe(true);
  });

  it('keeps a new batch through a save, which the API does not echo back', () => {
    const line = lineForm('receipt', milk);
    line.patchValue({ quantity: '6', batch: 'L-NEW-7', batchExpiresAt: new Date(2026, 2, 9) });
    const form = receipt(line);
    const kept = form.controls.lines.controls.map(inlineBatchOf);
    const saved = {
      id: 'op-1',
      type: 'receipt',
      status: 'draft',
      warehouseId: 'wh-1',
      sourceLocation: null,
      destinationLocation: null,
      partner: null,
      scheduledAt: null,
      notes: null,
      moves: [],
      lines: [
        {
          id: 'l-1',
          line: 0,
          product: milk,
          batch: null,
          quantity: '6',
          countedQuantity: null,
          sourceLocation: null,
          destinationLocation: null,
        },
      ],
    } as unknown as OperationDetail;

    fillForm(form, saved, kept);

    expect(operationRequest(form).lines).toEqual([
      { productId: 'p-1', quantity: '6', batch: { code: 'L-NEW-7', expiresAt: '2026-03-09' } },
    ]);
  });
});
