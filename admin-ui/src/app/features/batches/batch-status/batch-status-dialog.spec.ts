import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { BatchDetail, BatchTrace } from '@stockmaster/contracts';

import { BatchStatusDialog, BatchStatusDialogData } from './batch-status-dialog';

@Component({
  selector: 'sm-test-host',
  template: '',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly dialog = inject(MatDialog);
  result: BatchDetail | undefined | null = null;

  open(data: BatchStatusDialogData) {
    this.dialog
      .open<BatchStatusDialog, BatchStatusDialogData, BatchDetail>(BatchStatusDialog, { data })
      .afterClosed()
      .subscribe((batch) => (this.result = batch));
  }
}

const trace: BatchTrace = {
  batch: {
    id: 'b-1',
    code: 'SAL-2611',
    status: 'available',
    product: { id: 'p-1', sku: 'SAL-1', name: 'Smoked salmon', unit: 'unit' },
  },
  origin: [],
  onHand: [],
  destinations: [],
  totals: {
    received: '50',
    onHand: '8',
    delivered: '42',
    scrapped: '0',
    adjusted: '0',
    customers: 3,
    locations: 2,
  },
};

describe('BatchStatusDialog', () => {
  let fixture: ComponentFixture<Host>;
  let backend: HttpTestingController;

  /** Renders and lets answers arrive; no whenStable, which would wait for an unanswered request. */
  const settle = async () => {
    for (let round = 0; round < 4; round++) {
      fixture.detectChanges();
      await new Promise((resolve) => setTimeout(resolve));
    }
  };
  async function open(action: BatchStatusDialogData['action']) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Host);
    fixture.componentInstance.open({ batch: { id: 'b-1', code: 'SAL-2611' }, action });
    await settle();
  }

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    backend.verify();
  });

  const dialog = () => document.querySelector('mat-dialog-container') as HTMLElement;
  const submitButton = () => dialog().querySelector<HTMLButtonElement>('button[type="submit"]')!;
  const type = async (name: string, value: string) => {
    const field = dialog().querySelector<HTMLTextAreaElement>(`[formcontrolname="${name}"]`)!;
    field.value = value;
    field.dispatchEvent(new Event('input'));
    await settle();
  };
  const submit = async () => {
    submitButton().click();
    await settle();
  };
  const errorOf = (name: string) =>
    dialog()
      .querySelector(`[formcontrolname="${name}"]`)
      ?.closest('mat-form-field')
      ?.querySelector('mat-error')
      ?.textContent?.trim();

  it('shows where the lot went before a recall, and asks for a reason and a public notice', async () => {
    await open('recall');
    // Not before the trace is there.
    expect(submitButton().disabled).toBe(true);
    backend.expectOne('/api/v1/batches/b-1/trace').flush(trace);
    await settle();
    expect(dialog().querySelector('.trace-summary')?.textContent?.trim()).toBe(
      '42 units delivered to 3 customers, 8 units on hand in 2 locations.',
    );
    expect(dialog().textContent).toContain('A recall is final.');
    expect(submitButton().disabled).toBe(false);

    await submit();
    backend.expectNone('/api/v1/batches/b-1/recall');
    expect(errorOf('reason')).toBeTruthy();
    expect(errorOf('publicNotice')).toBeTruthy();

    await type('reason', '  Lab report 4411 ');
    await type('publicNotice', 'Do not eat this product.');
    await submit();
    const request = backend.expectOne('/api/v1/batches/b-1/recall');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      reason: 'Lab report 4411',
      publicNotice: 'Do not eat this product.',
    });
    request.flush({ id: 'b-1', code: 'SAL-2611', status: 'recalled' });
    for (let tries = 0; tries < 50 && fixture.componentInstance.result === null; tries++) {
      await settle();
    }
    expect(fixture.componentInstance.result).toEqual(
      expect.objectContaining({ status: 'recalled' }),
    );
  });

  it('releases without a reason, and shows the server’s refusal', async () => {
    await open('release');
    backend.expectNone('/api/v1/batches/b-1/trace');
    expect(dialog().querySelector('[formcontrolname="publicNotice"]')).toBeNull();
    await submit();
    const request = backend.expectOne('/api/v1/batches/b-1/release');
    expect(request.request.body).toEqual({});
    request.flush(
      {
        statusCode: 409,
        error: 'BATCH_RECALLED',
        message: 'Batch SAL-2611 is recalled: a recall is final',
        requestId: 'r-1',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(dialog().textContent).toContain('Batch SAL-2611 is recalled: a recall is final');
    expect(fixture.componentInstance.result).toBeNull();
  });
});
