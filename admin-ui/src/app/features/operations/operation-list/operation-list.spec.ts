import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatFormFieldHarness } from '@angular/material/form-field/testing';
import { MatSelectHarness } from '@angular/material/select/testing';
import { ActivatedRoute, Router, provideRouter } from '@angular/router';
import { Operation } from '@stockmaster/contracts';
import { of } from 'rxjs';

import { Session } from '../../../core/session/session';
import { loginResponse } from '../../../core/session/testing';
import { OperationList } from './operation-list';

const receipt: Operation = {
  id: 'op-1',
  reference: 'MAIN/IN/00001',
  type: 'receipt',
  status: 'done',
  warehouseId: 'wh-1',
  sourceLocation: null,
  destinationLocation: null,
  partner: 'ACME Foods',
  scheduledAt: null,
  doneAt: '2026-03-01T10:00:00Z',
  notes: null,
  includeChildren: false,
  createdBy: null,
  validatedBy: null,
  reversalOfId: null,
  reversedById: null,
  lineCount: 2,
  createdAt: '2026-03-01T09:00:00Z',
  updatedAt: '2026-03-01T10:00:00Z',
};

describe('OperationList', () => {
  let fixture: ComponentFixture<OperationList>;
  let backend: HttpTestingController;
  let element: HTMLElement;

  const settle = async () => {
    for (let round = 0; round < 4; round++) {
      fixture.detectChanges();
      for (const r of backend.match((r) => r.url === '/api/v1/warehouses')) {
        r.flush({
          data: [{ id: 'wh-1', code: 'MAIN', name: 'Main' }],
          meta: { page: 1, limit: 200, total: 1 },
        });
      }
      await new Promise((resolve) => setTimeout(resolve));
    }
  };
  const listRequest = () => backend.expectOne((r) => r.url === '/api/v1/operations');

  async function render(queryParams: Record<string, string> = {}) {
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
    TestBed.inject(Session).signIn(loginResponse('manager'));
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(OperationList);
    element = fixture.nativeElement as HTMLElement;
    await settle();
  }

  afterEach(() => backend.verify());

  it('starts from the filters in the URL and links each operation, with its status in words', async () => {
    await render({ status: 'done', search: 'ACME', from: '2026-03-01' });
    const request = listRequest();
    expect(request.request.params.get('status')).toBe('done');
    expect(request.request.params.get('search')).toBe('ACME');
    expect(request.request.params.get('from')).toBe(new Date(2026, 2, 1).toISOString());
    request.flush({ data: [receipt], meta: { page: 1, limit: 50, total: 1 } });
    await settle();

    const row = element.querySelector('tr.mat-mdc-row')!;
    expect(row.querySelector('a')?.getAttribute('href')).toBe('/operations/op-1');
    expect(row.textContent).toMatch(
      /MAIN\/IN\/00001[\s\S]*Receipt[\s\S]*Done[\s\S]*MAIN[\s\S]*ACME Foods/,
    );
    expect(row.querySelector('sm-operation-status mat-icon')?.textContent).toBe('check_circle');
  });

  it('sends a chosen filter to the API and mirrors it in the URL', async () => {
    await render();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    listRequest().flush({ data: [], meta: { page: 1, limit: 50, total: 0 } });
    await settle();

    const loader = TestbedHarnessEnvironment.loader(fixture);
    const typeField = await loader.getHarness(
      MatFormFieldHarness.with({ floatingLabelText: 'Type' }),
    );
    const select = (await typeField.getControl(MatSelectHarness))!;
    await select.open();
    await select.clickOptions({ text: 'Delivery' });
    await settle();

    const filtered = listRequest();
    expect(filtered.request.params.get('type')).toBe('delivery');
    expect(filtered.request.params.get('page')).toBe('1');
    filtered.flush({ data: [], meta: { page: 1, limit: 50, total: 0 } });
    await settle();
    expect(navigate).toHaveBeenLastCalledWith(
      [],
      expect.objectContaining({
        queryParams: expect.objectContaining({ type: 'delivery' }),
        replaceUrl: true,
      }),
    );
  });

  it("lists a product's operations from its page, shows the product in the picker, and drops it on clear", async () => {
    await render({ productId: 'p-1', status: 'draft' });
    backend.expectOne('/api/v1/products/p-1').flush({
      id: 'p-1',
      sku: 'FLOUR-1',
      name: 'Flour 1 kg',
      unit: 'kg',
    });
    const request = listRequest();
    expect(request.request.params.get('productId')).toBe('p-1');
    expect(request.request.params.get('status')).toBe('draft');
    request.flush({ data: [receipt], meta: { page: 1, limit: 50, total: 1 } });
    await settle();
    const picker = element.querySelector<HTMLInputElement>('sm-product-picker input')!;
    expect(picker.value).toBe('FLOUR-1 — Flour 1 kg');

    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    Array.from(element.querySelectorAll('button'))
      .find((b) => b.textContent?.includes('Clear filters'))!
      .click();
    await settle();
    const cleared = listRequest();
    expect(cleared.request.params.has('productId')).toBe(false);
    expect(cleared.request.params.has('status')).toBe(false);
    cleared.flush({ data: [], meta: { page: 1, limit: 50, total: 0 } });
    await settle();
    expect(navigate).toHaveBeenLastCalledWith(
      [],
      expect.objectContaining({ queryParams: expect.objectContaining({ productId: null }) }),
    );
    expect(picker.value).toBe('');
  });
});
