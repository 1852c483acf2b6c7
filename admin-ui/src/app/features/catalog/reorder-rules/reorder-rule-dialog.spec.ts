import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { MatSelectHarness } from '@angular/material/select/testing';
import { CatalogErrorCode, ReorderRule, Warehouse } from '@stockmaster/contracts';

import { ReorderRuleDialog, ReorderRuleDialogData } from './reorder-rule-dialog';

@Component({
  selector: 'sm-test-host',
  template: '',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly dialog = inject(MatDialog);
  result: ReorderRule | undefined | null = null;

  open(data: ReorderRuleDialogData) {
    this.dialog
      .open<ReorderRuleDialog, ReorderRuleDialogData, ReorderRule>(ReorderRuleDialog, { data })
      .afterClosed()
      .subscribe((rule) => (this.result = rule));
  }
}

function warehouse(id: string, code: string): Warehouse {
  return {
    id,
    code,
    name: `${code} depot`,
    address: null,
    rootLocationId: `${id}-root`,
    hasStockHistory: false,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };
}

const rule: ReorderRule = {
  id: 'r-1',
  productId: 'p-1',
  warehouseId: 'wh-1',
  minQuantity: '10.000',
  maxQuantity: '40.500',
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

describe('ReorderRuleDialog', () => {
  let fixture: ComponentFixture<Host>;
  let backend: HttpTestingController;

  const dialog = () => document.querySelector('mat-dialog-container') as HTMLElement;
  const settle = () => fixture.whenStable();
  const type = async (name: string, value: string) => {
    const input = dialog().querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
    input.dispatchEvent(new Event('blur'));
    await settle();
  };
  const fieldError = (name: string) =>
    dialog()
      .querySelector(`[formcontrolname="${name}"]`)
      ?.closest('mat-form-field')
      ?.querySelector('mat-error')
      ?.textContent?.trim();
  const submit = async () => {
    dialog().querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await settle();
  };
  const chooseWarehouse = async (text: string) => {
    const select = await TestbedHarnessEnvironment.documentRootLoader(fixture).getHarness(
      MatSelectHarness.with({ selector: '[formcontrolname="warehouseId"]' }),
    );
    await select.open();
    await select.clickOptions({ text });
    await settle();
  };

  async function open(data: Partial<ReorderRuleDialogData> = {}) {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(Host);
    fixture.componentInstance.open({
      product: { id: 'p-1', name: 'Apples', unit: 'kg' },
      warehouses: [warehouse('wh-1', 'MAIN'), warehouse('wh-2', 'SOUTH')],
      ...data,
    });
    await settle();
  }

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    backend.verify();
  });

  it('refuses a maximum below the minimum, compared as decimals, and sends nothing', async () => {
    await open();
    await chooseWarehouse('MAIN — MAIN depot');
    await type('minQuantity', '10');
    await type('maxQuantity', '9.5');

    await submit();
    expect(fieldError('maxQuantity')).toBe('The maximum must be at least the minimum (10).');
    backend.expectNone('/api/v1/reorder-rules');

    await type('maxQuantity', '10.000');
    expect(fieldError('maxQuantity')).toBeUndefined();

    // Raising the minimum above the maximum flags the maximum again.
    await type('minQuantity', '12');
    expect(fieldError('maxQuantity')).toBe('The maximum must be at least the minimum (12).');
  });

  it('explains quantities it cannot read', async () => {
    await open();
    await type('minQuantity', '-1');
    await type('maxQuantity', '1.2345');

    expect(fieldError('minQuantity')).toBe(
      'Enter a quantity such as 12 or 12.5 (up to 3 decimals).',
    );
    expect(fieldError('maxQuantity')).toBe(
      'Enter a quantity such as 12 or 12.5 (up to 3 decimals).',
    );
  });

  it('creates the rule with the quantities as typed (decimal strings)', async () => {
    await open();
    await chooseWarehouse('SOUTH — SOUTH depot');
    await type('minQuantity', '2.5');
    await type('maxQuantity', '12');
    await submit();

    const request = backend.expectOne({ method: 'POST', url: '/api/v1/reorder-rules' });
    expect(request.request.body).toEqual({
      productId: 'p-1',
      warehouseId: 'wh-2',
      minQuantity: '2.5',
      maxQuantity: '12',
    });
    request.flush({ ...rule, warehouseId: 'wh-2', minQuantity: '2.500', maxQuantity: '12.000' });
    for (let tries = 0; tries < 50 && fixture.componentInstance.result === null; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(fixture.componentInstance.result?.warehouseId).toBe('wh-2');
  });

  it('says so under the warehouse when the product already has a rule there', async () => {
    await open();
    await chooseWarehouse('MAIN — MAIN depot');
    await type('minQuantity', '1');
    await type('maxQuantity', '5');
    await submit();

    backend.expectOne('/api/v1/reorder-rules').flush(
      {
        statusCode: 409,
        error: CatalogErrorCode.ReorderRuleExists,
        message: 'A rule exists.',
        requestId: 'r-9',
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();

    expect(fieldError('warehouseId')).toBe(
      'This product already has a reorder rule for this warehouse. Edit that one.',
    );
  });

  it('edits only the quantities of an existing rule, its warehouse fixed', async () => {
    await open({ rule });

    const warehouseSelect = dialog().querySelector('mat-select[formcontrolname="warehouseId"]');
    expect(warehouseSelect?.getAttribute('aria-disabled')).toBe('true');
    expect(
      dialog().querySelector<HTMLInputElement>('input[formcontrolname="maxQuantity"]')!.value,
    ).toBe('40.5');

    await type('maxQuantity', '50');
    await submit();

    const request = backend.expectOne({ method: 'PATCH', url: '/api/v1/reorder-rules/r-1' });
    expect(request.request.body).toEqual({ minQuantity: '10', maxQuantity: '50' });
    request.flush({ ...rule, maxQuantity: '50.000' });
  });
});
